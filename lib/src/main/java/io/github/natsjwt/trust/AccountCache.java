package io.github.natsjwt.trust;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Accounts that passed every time-independent check, keyed on the whole account JWT, least recently
 * used first out. A different JWT for the same account is a different entry, so an updated account
 * is verified afresh. Thread-safe: every access holds the lock.
 */
final class AccountCache {
  private final int capacity;
  private final Map<String, VerifiedAccount> entries;

  AccountCache(int capacity) {
    this.capacity = capacity;
    this.entries = new Lru(capacity);
  }

  /** An access-ordered map that drops its eldest entry beyond the capacity. */
  private static final class Lru extends LinkedHashMap<String, VerifiedAccount> {
    private static final long serialVersionUID = 1L;
    private final int capacity;

    Lru(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, VerifiedAccount> eldest) {
      return size() > capacity;
    }
  }

  synchronized @Nullable VerifiedAccount get(String token) {
    return capacity == 0 ? null : entries.get(token);
  }

  synchronized void put(String token, VerifiedAccount account) {
    if (capacity > 0) {
      entries.put(token, account);
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
