package io.github.natsjwt.internal.keys;

import io.github.natsjwt.internal.cache.TokenCache;
import io.github.natsjwt.nkey.NKey;

/**
 * Verify-only keys of recently seen public keys: one set for JWT issuers, one for users proving
 * their nonce, so that a burst of connecting users cannot push the issuers' keys out.
 *
 * <p>Thread-safe; a lookup takes no lock. The same few issuers sign most tokens and the same users
 * reconnect, and a key object keeps its decoded point and, once it has verified a few signatures,
 * 32 KB of precomputed tables that cut the cost of each verification to about a third. Each set
 * holds the {@value #RECENT} most recently made keys and, apart, the {@value #FREQUENT} keys most
 * recently looked up for the {@value #PROMOTE_AFTER}th time: a stream of keys used once or twice
 * cycles through the first and leaves the second, where the keys with tables live, alone. Tables
 * are only built for keys used several times, so each set holds at most about 10 MB of them, and
 * usually a few hundred KB. Keys made here are never wiped: they hold no secret.
 */
public final class VerifyKeys {
  /** Keys of JWT issuers (accounts, operators and their signing keys). */
  public static final VerifyKeys ISSUERS = new VerifyKeys();

  /** Keys of users, for the signature over the server's nonce. */
  public static final VerifyKeys USERS = new VerifyKeys();

  static final int RECENT = 256;
  static final int FREQUENT = 64;
  static final int PROMOTE_AFTER = 4;

  // Keys are about 56 characters; the character bound only backs up the entry bound.
  private final TokenCache<Entry> recent = new TokenCache<>(RECENT, RECENT * 64L);
  private final TokenCache<Entry> frequent = new TokenCache<>(FREQUENT, FREQUENT * 64L);

  /** A key and how often it was looked up; the count is approximate under concurrency. */
  private static final class Entry {
    final NKey key;
    int lookups = 1;

    Entry(NKey key) {
      this.key = key;
    }
  }

  private VerifyKeys() {}

  /**
   * Returns a verify-only key for a public key, as {@link NKey#fromPublicKey(CharSequence)} makes
   * it.
   *
   * @param publicKey the encoded public key
   * @return the key, possibly one made earlier
   * @throws io.github.natsjwt.nkey.InvalidNKeyException as {@code NKey.fromPublicKey} does
   */
  public NKey of(String publicKey) {
    Entry e = frequent.get(publicKey);
    if (e != null) {
      return e.key;
    }
    e = recent.get(publicKey);
    if (e == null) {
      e = new Entry(NKey.fromPublicKey(publicKey));
      recent.put(publicKey, e);
    } else if (++e.lookups == PROMOTE_AFTER) {
      frequent.put(publicKey, e);
    }
    return e.key;
  }

  /**
   * Returns whether a public key is among the frequently used keys (for tests).
   *
   * @param publicKey the encoded public key
   * @return {@code true} when it is held apart from the recent keys
   */
  boolean isFrequent(String publicKey) {
    return frequent.get(publicKey) != null;
  }
}
