package io.github.natsjwt.trust;

import io.github.natsjwt.internal.TokenCache;
import org.jspecify.annotations.Nullable;

/**
 * Accounts that passed every time-independent check, keyed on the whole account JWT, oldest first
 * out. A different JWT for the same account is a different entry, so an updated account is verified
 * afresh. Thread-safe, and a lookup takes no lock: every user verification reads this cache, and
 * threads verifying in parallel must not queue on it.
 */
final class AccountCache {
  private final TokenCache<VerifiedAccount> entries;

  AccountCache(int capacity) {
    // Account JWTs are bounded by the decoder's size cap; only the count is limited here.
    this.entries = new TokenCache<>(capacity, Long.MAX_VALUE);
  }

  @Nullable VerifiedAccount get(String token) {
    return entries.get(token);
  }

  void put(String token, VerifiedAccount account) {
    entries.put(token, account);
  }

  int size() {
    return entries.size();
  }
}
