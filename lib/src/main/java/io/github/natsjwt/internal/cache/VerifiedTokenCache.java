package io.github.natsjwt.internal.cache;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Values decoded from tokens that passed their checks, keyed on the whole token text, bounded by
 * the memory the entries retain and shared fairly between the groups (accounts, issuers) that put
 * them in.
 *
 * <p><b>Memory.</b> Each entry is charged {@link #charge(int)}: {@value #ENTRY_OVERHEAD_BYTES}
 * bytes plus a fixed number of bytes per token character, chosen by the owner for the values it
 * keeps, and at least an equal share of the budget ({@code maxBytes / maxEntries} rounded up), so
 * that the budget alone also bounds the number of entries. That is an upper bound of what the entry
 * retains (the token string, the decoded value and the cache's own nodes), because every object a
 * decoded token holds was read from some characters of it: the factor is the most bytes per
 * character that any token shape makes the value retain, measured with JOL over tokens built to be
 * as dense as possible (many tiny strings, empty objects, tiny map entries), with a margin on top.
 * The charges of all entries never exceed the budget, so neither does what they retain. Tokens
 * longer than {@value #MAX_TOKEN_CHARS} characters are never kept: they are rare, and their
 * decoding costs more than their signature check.
 *
 * <p><b>Fairness.</b> When an entry needs room, the oldest entry of the largest group leaves (the
 * group of the new entry, if it would then be the largest). A group holding no more than an equal
 * share of the budget, {@code budget / groups}, therefore never loses an entry to another group's
 * inserts: a flood of tokens from one group only cycles through that group's own entries once it is
 * the largest.
 *
 * <p>Thread-safe. A lookup takes no lock, so threads verifying in parallel do not wait for each
 * other; inserts, which follow a full verification, take one lock. The key is the token itself and
 * a hit needs {@link String#equals}, so a token differing in any character is a miss.
 *
 * @param <V> the cached value, found by every thread that looks its token up: thread-safe
 */
public final class VerifiedTokenCache<V> {
  /**
   * Bytes charged for each entry on top of its characters: the cache's own nodes, the token
   * string's headers and the fixed part of the smallest decoded value.
   */
  public static final int ENTRY_OVERHEAD_BYTES = 1024;

  /** The longest token kept, in characters. */
  public static final int MAX_TOKEN_CHARS = 256 * 1024;

  private final int maxEntries;
  private final long maxBytes;
  private final int bytesPerChar;
  private final long minCharge;
  private final ConcurrentHashMap<TokenKey, V> entries;

  // Guarded by this.
  private final Map<String, Group> groups = new HashMap<>();
  private final TreeSet<Group> largestFirst =
      new TreeSet<>(
          Comparator.comparingLong((Group g) -> g.bytes).reversed().thenComparingLong(g -> g.id));
  private long bytes;
  private long nextGroupId;

  /** The entries of one group, oldest first. */
  private static final class Group {
    final String name;
    final long id;
    final ArrayDeque<TokenKey> keys = new ArrayDeque<>();
    long bytes;

    Group(String name, long id) {
      this.name = name;
      this.id = id;
    }
  }

  /**
   * Creates a cache.
   *
   * @param maxEntries how many tokens to keep, 0 or more; 0 keeps none
   * @param maxBytes the most bytes all entries may be charged together
   * @param bytesPerChar bytes charged per token character: at least the most that one character of
   *     any token makes its entry retain
   * @throws IllegalArgumentException when a bound is negative or the factor less than 1
   */
  public VerifiedTokenCache(int maxEntries, long maxBytes, int bytesPerChar) {
    if (maxEntries < 0 || maxBytes < 0 || bytesPerChar < 1) {
      throw new IllegalArgumentException("cache bounds must not be negative");
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.bytesPerChar = bytesPerChar;
    this.minCharge = maxEntries == 0 ? maxBytes : (maxBytes + maxEntries - 1) / maxEntries;
    this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024));
  }

  /**
   * Returns the bytes an entry for a token of this length is charged.
   *
   * @param tokenChars the token's length
   * @return {@value #ENTRY_OVERHEAD_BYTES} plus the per-character charge, at least {@code maxBytes
   *     / maxEntries}
   */
  public long charge(int tokenChars) {
    return Math.max(minCharge, ENTRY_OVERHEAD_BYTES + (long) bytesPerChar * tokenChars);
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
   * Keeps a value for a token, making room as described above. A token already kept keeps its first
   * value and its group.
   *
   * @param token the whole token
   * @param group who put it in: the account or the issuer whose share it uses
   * @param value its value
   * @return whether the token is kept now
   */
  public boolean put(String token, String group, V value) {
    if (maxEntries == 0 || token.length() > MAX_TOKEN_CHARS) {
      return false;
    }
    long charge = charge(token.length());
    if (charge > maxBytes) {
      return false;
    }
    TokenKey key = new TokenKey(token);
    synchronized (this) {
      if (entries.containsKey(key)) {
        return true;
      }
      Group g = groups.get(group);
      if (g == null) {
        g = new Group(group, nextGroupId++);
        groups.put(group, g);
        largestFirst.add(g);
      }
      // Every charge is at least maxBytes / maxEntries, so the budget also bounds the entries.
      while (bytes + charge > maxBytes) {
        evictOne(g, charge);
      }
      largestFirst.remove(g);
      g.keys.addLast(key);
      g.bytes += charge;
      largestFirst.add(g);
      bytes += charge;
      entries.put(key, value);
      return true;
    }
  }

  /** Evicts the oldest entry of the group that would be largest after the insert. */
  private void evictOne(Group inserting, long charge) {
    Group victim = null;
    for (Iterator<Group> it = largestFirst.iterator(); it.hasNext(); ) {
      Group g = it.next();
      if (g != inserting) {
        victim = g;
        break;
      }
    }
    if (victim == null
        || victim.keys.isEmpty()
        || (!inserting.keys.isEmpty() && inserting.bytes + charge >= victim.bytes)) {
      victim = inserting;
    }
    TokenKey oldest = victim.keys.pollFirst();
    if (oldest == null) {
      throw new IllegalStateException("cache accounting out of step: nothing to evict");
    }
    long c = charge(oldest.token.length());
    largestFirst.remove(victim);
    victim.bytes -= c;
    bytes -= c;
    entries.remove(oldest);
    if (victim.keys.isEmpty()) {
      groups.remove(victim.name);
    } else {
      largestFirst.add(victim);
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

  /**
   * Returns how many tokens of one group are kept.
   *
   * @param group the group
   * @return the number of its entries
   */
  public synchronized int size(String group) {
    Group g = groups.get(group);
    return g == null ? 0 : g.keys.size();
  }

  /**
   * Returns the bytes the kept entries are charged together; what they retain is less.
   *
   * @return at most the budget
   */
  public synchronized long chargedBytes() {
    return bytes;
  }

  /**
   * Returns the budget.
   *
   * @return the most bytes all entries may be charged together
   */
  public long maxBytes() {
    return maxBytes;
  }
}
