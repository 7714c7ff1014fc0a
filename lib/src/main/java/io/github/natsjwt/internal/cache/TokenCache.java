package io.github.natsjwt.internal.cache;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Values derived from short strings (public keys), keyed on the whole text, bounded in entries and
 * in the total length of the strings held; the oldest entry leaves first. Verified tokens, whose
 * decoded claims can be many times larger than their text, are kept in a {@link VerifiedTokenCache}
 * instead, which is bounded by the memory the entries retain.
 *
 * <p>Thread-safe; a lookup takes no lock, so threads verifying in parallel do not wait for each
 * other. The key is the token itself and a hit needs {@link String#equals}, so a token differing in
 * any character, however far from the start, is a miss. Only the bucket is chosen from the token's
 * length and last characters (a signature's, for a JWT): a token read again from the network is a
 * new string whose full hash would cost more than the lookup itself. Keys are also ordered, so even
 * tokens crafted to share a bucket cost a lookup O(log n). Under concurrent inserts the bounds may
 * be overshot by about one entry per inserting thread, never more.
 *
 * @param <V> the cached value, found by every thread that looks its token up: thread-safe
 */
public final class TokenCache<V> {
  private final int maxEntries;
  private final long maxChars;
  private final ConcurrentHashMap<TokenKey, V> entries;
  private final ConcurrentLinkedQueue<String> insertionOrder = new ConcurrentLinkedQueue<>();
  private final AtomicLong chars = new AtomicLong();
  private final @Nullable Consumer<? super V> onEvict;

  /**
   * Creates a cache.
   *
   * @param maxEntries how many tokens to keep, 0 or more; 0 keeps none
   * @param maxChars the most token characters to keep in total; a token longer than this is never
   *     kept
   */
  public TokenCache(int maxEntries, long maxChars) {
    this(maxEntries, maxChars, null);
  }

  /**
   * Creates a cache that reports what it evicts to make room.
   *
   * @param maxEntries how many tokens to keep, 0 or more; 0 keeps none
   * @param maxChars the most token characters to keep in total; a token longer than this is never
   *     kept
   * @param onEvict called with each value evicted for room, on the inserting thread, after the
   *     entry is gone; {@code null} for none
   */
  public TokenCache(int maxEntries, long maxChars, @Nullable Consumer<? super V> onEvict) {
    if (maxEntries < 0 || maxChars < 0) {
      throw new IllegalArgumentException("cache bounds must not be negative");
    }
    this.maxEntries = maxEntries;
    this.maxChars = maxChars;
    this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
    this.onEvict = onEvict;
  }

  /**
   * Returns the value kept for a token.
   *
   * @param token the whole token
   * @return the value, or {@code null} when the token is not kept
   */
  public @Nullable V get(String token) {
    return maxEntries == 0 ? null : entries.get(new TokenKey(token));
  }

  /**
   * Keeps a value for a token, evicting the oldest entries beyond the bounds. A token already kept
   * keeps its first value.
   *
   * @param token the whole token
   * @param value its value
   */
  public void put(String token, V value) {
    if (maxEntries == 0 || token.length() > maxChars) {
      return;
    }
    if (entries.putIfAbsent(new TokenKey(token), value) != null) {
      return;
    }
    insertionOrder.add(token);
    long total = chars.addAndGet(token.length());
    while (entries.size() > maxEntries || total > maxChars) {
      String oldest = insertionOrder.poll();
      if (oldest == null) {
        return;
      }
      V evicted = entries.remove(new TokenKey(oldest));
      total = chars.addAndGet(-oldest.length());
      Consumer<? super V> listener = onEvict;
      if (listener != null && evicted != null) {
        listener.accept(evicted);
      }
    }
  }

  /**
   * Returns how many tokens are kept.
   *
   * @return the number of entries
   */
  public int size() {
    return entries.size();
  }
}
