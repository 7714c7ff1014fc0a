package io.github.natsjwt.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * A token as a hash key: compared in full, hashed on its length and last characters only (a
 * signature's, for a JWT), so that a token read again from the network, a new string, is not hashed
 * in full on every lookup. Keys are also ordered, so even tokens crafted to share a bucket cost a
 * lookup O(log n) in a {@link java.util.concurrent.ConcurrentHashMap}.
 */
final class TokenKey implements Comparable<TokenKey> {
  private static final int HASHED_CHARS = 32;
  final String token;
  private final int hash;

  TokenKey(String token) {
    this.token = token;
    int n = token.length();
    int h = n;
    for (int i = Math.max(0, n - HASHED_CHARS); i < n; i++) {
      h = 31 * h + token.charAt(i);
    }
    this.hash = h;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TokenKey && ((TokenKey) o).token.equals(token);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(TokenKey o) {
    return token.compareTo(o.token);
  }
}
