package io.github.natsjwt.trust;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    synchronized (lock) {
      Entry cached = entries.get(accountPublicKey);
      if (cached != null) {
        if (clock.millis() < cached.expiresAtMillis) {
          return cached.value;
        }
        remove(accountPublicKey);
      }
      theirs = inFlight.get(accountPublicKey);
      mine = theirs == null ? new CompletableFuture<>() : null;
      if (mine != null) {
        inFlight.put(accountPublicKey, mine);
      }
    }
    return mine == null ? await(accountPublicKey, theirs) : load(accountPublicKey, mine);
  }

  /**
   * Forgets one account, so the next fetch asks the delegate.
   *
   * @param accountPublicKey the account's key
   */
  public void invalidate(String accountPublicKey) {
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    synchronized (lock) {
      remove(accountPublicKey);
    }
  }

  /** Forgets every account. */
  public void invalidateAll() {
    synchronized (lock) {
      entries.clear();
      chars = 0;
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

  private Optional<String> load(String key, CompletableFuture<Optional<String>> mine) {
    Optional<String> value;
    try {
      value = delegate.fetch(key);
      Objects.requireNonNull(value, "the delegate returned null");
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        inFlight.remove(key);
      }
      mine.completeExceptionally(e);
      throw e;
    }
    synchronized (lock) {
      inFlight.remove(key);
      long ttl = value.isPresent() ? ttlMillis : missTtlMillis;
      if (ttl > 0) {
        long now = clock.millis();
        put(key, new Entry(value, ttl > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + ttl));
      }
    }
    mine.complete(value);
    return value;
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

  private void put(String key, Entry entry) {
    long size = entry.value.map(String::length).orElse(0);
    if (size > maxChars) {
      return;
    }
    remove(key);
    entries.put(key, entry);
    chars += size;
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || chars > maxChars) && eldest.hasNext()) {
      Entry e = eldest.next().getValue();
      chars -= e.value.map(String::length).orElse(0);
      eldest.remove();
    }
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      chars -= old.value.map(String::length).orElse(0);
    }
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
