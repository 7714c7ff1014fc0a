package io.github.natsjwt.trust;

import io.github.natsjwt.internal.cache.TokenCache;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * Accounts that passed every time-independent check, keyed on the whole account JWT, oldest first
 * out. A different JWT for the same account is a different entry, so an updated account is verified
 * afresh. Thread-safe, and a lookup takes no lock: every user verification reads this cache, and
 * threads verifying in parallel must not queue on it.
 *
 * <p>Logs (logger {@code io.github.natsjwt.trust.AccountCache}) each account it keeps at TRACE and
 * each it evicts for room at DEBUG, by public key and {@code jti}; a lookup never logs.
 */
final class AccountCache {
  private static final Logger LOG = System.getLogger(AccountCache.class.getName());

  private final int capacity;
  private final TokenCache<VerifiedAccount> entries;

  AccountCache(int capacity) {
    this.capacity = capacity;
    // Account JWTs are bounded by the decoder's size cap; only the count is limited here.
    this.entries = new TokenCache<>(capacity, Long.MAX_VALUE, this::evicted);
  }

  @Nullable VerifiedAccount get(String token) {
    return entries.get(token);
  }

  void put(String token, VerifiedAccount account) {
    entries.put(token, account);
    if (capacity > 0 && LOG.isLoggable(Level.TRACE)) {
      LOG.log(
          Level.TRACE,
          "Verified account "
              + account.publicKey()
              + " (jti "
              + account.claims().id()
              + ") is cached; "
              + entries.size()
              + " of "
              + capacity
              + " entries in use.");
    }
  }

  int size() {
    return entries.size();
  }

  private void evicted(VerifiedAccount account) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Verified-account cache is full ("
              + capacity
              + (capacity == 1 ? " entry" : " entries")
              + "): evicted account "
              + account.publicKey()
              + " (jti "
              + account.claims().id()
              + "), the oldest; it is verified again when next used. Raise"
              + " TrustVerifier.Builder.accountCacheSize(...) if this happens often.");
    }
  }
}
