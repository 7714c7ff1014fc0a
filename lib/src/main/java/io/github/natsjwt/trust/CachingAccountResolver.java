package io.github.natsjwt.trust;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Remembers what another resolver answered, for a while, in a bounded cache.
 *
 * <p>Thread-safe. Concurrent fetches of the same uncached account share one call to the delegate
 * and wait no longer than that call takes. Failures are never cached; an account the delegate does
 * not have is cached only if {@link Builder#missTtl(Duration)} is set. When the cache is full (by
 * count or by size) the least recently used entries go first. Entries expire a fixed time after
 * they were fetched, measured with the builder's {@link Clock}.
 *
 * <pre>{@code
 * AccountResolver cached = CachingAccountResolver.builder(slowResolver)
 *     .ttl(Duration.ofMinutes(2)).maxEntries(1000).build();
 * }</pre>
 *
 * <p>The server caches an account for the life of the process once it is loaded (spec
 * trust-chain.md section 8), and a verifier keeps its own cache of verified accounts, so this cache
 * only spares the source repeated fetches; a short {@code ttl} keeps updates visible.
 *
 * <p>Logs to {@code io.github.natsjwt.trust.CachingAccountResolver} at DEBUG: each fetch from the
 * delegate (why, how long it took, what came back or how it failed) and each entry evicted for
 * room, by account public key; never a JWT. An answer from the cache is not logged.
 */
public final class CachingAccountResolver implements AccountResolver {
  /** The default time a fetched JWT is kept. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(2);

  /** The default number of accounts kept. */
  public static final int DEFAULT_MAX_ENTRIES = 1000;

  /** The default total size of the JWTs kept, in characters. */
  public static final long DEFAULT_MAX_CHARS = 32L << 20;

  static final String INTERRUPTED =
      "Interrupted while waiting for another thread's fetch of account %s.";

  private static final Logger LOG = System.getLogger(CachingAccountResolver.class.getName());

  private final AccountResolver delegate;
  private final Clock clock;
  private final long ttlMillis;
  private final long missTtlMillis;
  private final int maxEntries;
  private final long maxChars;

  private final Object lock = new Object();
  // Access order makes iteration start at the least recently used entry.
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, CompletableFuture<Optional<String>>> inFlight = new HashMap<>();
  private long chars;

  private CachingAccountResolver(Builder b) {
    this.delegate = b.delegate;
    this.clock = b.clock;
    this.ttlMillis = millis(b.ttl);
    this.missTtlMillis = millis(b.missTtl);
    this.maxEntries = b.maxEntries;
    this.maxChars = b.maxChars;
  }

  /**
   * Starts a builder around a resolver.
   *
   * @param delegate the resolver whose answers are cached
   * @return a new builder
   */
  public static Builder builder(AccountResolver delegate) {
    return new Builder(delegate);
  }

  /**
   * Returns the cached answer for an account, or fetches it from the delegate.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the account JWT, or empty when the delegate has none
   * @throws AccountResolutionException when the delegate fails (also for every thread that was
   *     waiting for the same fetch), or the waiting thread is interrupted
   */
  @Override
  public Optional<String> fetch(String accountPublicKey) {
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    CompletableFuture<Optional<String>> mine;
    CompletableFuture<Optional<String>> theirs;
    boolean expired = false;
    synchronized (lock) {
      Entry cached = entries.get(accountPublicKey);
      if (cached != null) {
        if (clock.millis() < cached.expiresAtMillis) {
          return cached.value;
        }
        remove(accountPublicKey);
        expired = true;
      }
      theirs = inFlight.get(accountPublicKey);
      mine = theirs == null ? new CompletableFuture<>() : null;
      if (mine != null) {
        inFlight.put(accountPublicKey, mine);
      }
    }
    return mine == null ? await(accountPublicKey, theirs) : load(accountPublicKey, mine, expired);
  }

  /**
   * Forgets one account, so the next fetch asks the delegate.
   *
   * @param accountPublicKey the account's key
   */
  public void invalidate(String accountPublicKey) {
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    boolean removed;
    synchronized (lock) {
      removed = remove(accountPublicKey);
    }
    if (removed && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Forgot the cached answer for account "
              + ResolverText.shownKey(accountPublicKey)
              + " of "
              + delegate
              + "; the next fetch asks it again.");
    }
  }

  /** Forgets every account. */
  public void invalidateAll() {
    int n;
    synchronized (lock) {
      n = entries.size();
      entries.clear();
      chars = 0;
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "Forgot all " + n + " cached answers of " + delegate + ".");
    }
  }

  /**
   * Returns how many accounts are cached, expired ones included until they are next touched.
   *
   * @return the number of entries
   */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /**
   * Returns a short description naming the delegate.
   *
   * @return for example {@code CachingAccountResolver[UrlAccountResolver[...]]}
   */
  @Override
  public String toString() {
    return "CachingAccountResolver[" + delegate + "]";
  }

  private Optional<String> load(
      String key, CompletableFuture<Optional<String>> mine, boolean expired) {
    long start = System.nanoTime();
    Optional<String> value;
    try {
      value = delegate.fetch(key);
      Objects.requireNonNull(value, "the delegate returned null");
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        inFlight.remove(key);
      }
      mine.completeExceptionally(e);
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(
            Level.DEBUG,
            "Fetching account "
                + ResolverText.shownKey(key)
                + " from "
                + delegate
                + " failed after "
                + millisSince(start)
                + " ms; nothing is cached: "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage(),
            e);
      }
      throw e;
    }
    List<String> evicted = List.of();
    long ttl = value.isPresent() ? ttlMillis : missTtlMillis;
    boolean kept = false;
    synchronized (lock) {
      inFlight.remove(key);
      if (ttl > 0) {
        long now = clock.millis();
        Entry entry = new Entry(value, ttl > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttl);
        evicted = put(key, entry, LOG.isLoggable(Level.DEBUG));
        kept = entries.containsKey(key);
      }
    }
    mine.complete(value);
    if (LOG.isLoggable(Level.DEBUG)) {
      logLoad(key, value, expired, kept, ttl, start, evicted);
    }
    return value;
  }

  private void logLoad(
      String key,
      Optional<String> value,
      boolean expired,
      boolean kept,
      long ttl,
      long start,
      List<String> evicted) {
    StringBuilder m =
        new StringBuilder("Fetched account ")
            .append(ResolverText.shownKey(key))
            .append(expired ? " (its cached answer had expired)" : " (not cached)")
            .append(" from ")
            .append(delegate)
            .append(" in ")
            .append(millisSince(start))
            .append(" ms: ")
            .append(
                value.isPresent()
                    ? "a JWT of " + value.get().length() + " characters"
                    : "no such account")
            .append(kept ? "; cached for " + ttl + " ms" : "; not cached")
            .append('.');
    if (!evicted.isEmpty()) {
      m.append(" The cache is full (at most ")
          .append(maxEntries)
          .append(" accounts, ")
          .append(maxChars)
          .append(" characters): evicted ")
          .append(evicted.stream().map(ResolverText::shownKey).toList())
          .append(", least recently used.");
    }
    LOG.log(Level.DEBUG, m.toString());
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static Optional<String> await(String key, CompletableFuture<Optional<String>> theirs) {
    try {
      return theirs.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AccountResolutionException(key, String.format(INTERRUPTED, key), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new AccountResolutionException(key, String.valueOf(cause), cause);
    }
  }

  private static long millis(Duration d) {
    return d.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toMillis();
  }

  /** Adds an entry and evicts for room; returns the evicted keys when asked to collect them. */
  private List<String> put(String key, Entry entry, boolean collect) {
    long size = entry.value.map(String::length).orElse(0);
    if (size > maxChars) {
      return List.of();
    }
    remove(key);
    entries.put(key, entry);
    chars += size;
    List<String> evicted = List.of();
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
      Map.Entry<String, Entry> e = eldest.next();
      chars -= e.getValue().value.map(String::length).orElse(0);
      if (collect) {
        if (evicted.isEmpty()) {
          evicted = new ArrayList<>();
        }
        evicted.add(e.getKey());
      }
      eldest.remove();
    }
    return evicted;
  }

  private boolean remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      chars -= old.value.map(String::length).orElse(0);
    }
    return old != null;
  }

  private static final class Entry {
    final Optional<String> value;
    final long expiresAtMillis;

    Entry(Optional<String> value, long expiresAtMillis) {
      this.value = value;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  /**
   * Configures a {@link CachingAccountResolver}.
   *
   * <p>Not thread-safe; build() returns a thread-safe resolver.
   */
  public static final class Builder {
    private final AccountResolver delegate;
    private Clock clock = Clock.systemUTC();
    private Duration ttl = DEFAULT_TTL;
    private Duration missTtl = Duration.ZERO;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private long maxChars = DEFAULT_MAX_CHARS;

    private Builder(AccountResolver delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Sets how long a fetched JWT is kept; default {@link #DEFAULT_TTL} (2 minutes).
     *
     * @param ttl a positive duration, or zero to cache nothing
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     */
    public Builder ttl(Duration ttl) {
      this.ttl = nonNegative(ttl, "ttl");
      return this;
    }

    /**
     * Sets how long "the delegate has no such account" is kept; default zero (not cached, so an
     * account created at the source is seen at once, as the server sees it).
     *
     * @param missTtl a positive duration, or zero to cache no misses
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     */
    public Builder missTtl(Duration missTtl) {
      this.missTtl = nonNegative(missTtl, "missTtl");
      return this;
    }

    /**
     * Sets how many accounts are kept; default {@link #DEFAULT_MAX_ENTRIES} (1000, the server's
     * default {@code limit} for its cache resolver).
     *
     * @param maxEntries at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is less than 1
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Sets the total size of the JWTs kept; default {@link #DEFAULT_MAX_CHARS} (32 Mi characters),
     * so a source answering with many large tokens cannot fill the heap.
     *
     * @param maxChars at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is less than 1
     */
    public Builder maxChars(long maxChars) {
      if (maxChars < 1) {
        throw new IllegalArgumentException("maxChars must be at least 1, not " + maxChars);
      }
      this.maxChars = maxChars;
      return this;
    }

    /**
     * Sets the clock that expiry is measured with; default the system clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return a thread-safe caching resolver
     */
    public CachingAccountResolver build() {
      return new CachingAccountResolver(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, not " + d);
      }
      return d;
    }
  }
}
