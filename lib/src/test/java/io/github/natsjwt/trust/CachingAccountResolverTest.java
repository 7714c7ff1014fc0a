package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.B;
import static io.github.natsjwt.trust.ResolverFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.nkey.NKeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingAccountResolverTest {
  private final ResolverFixtures.MutableClock clock = new ResolverFixtures.MutableClock(NOW);

  /** A source that answers from a map and counts calls per account. */
  private static final class CountingSource implements AccountResolver {
    final Map<String, String> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    volatile RuntimeException failure;

    @Override
    public Optional<String> fetch(String accountPublicKey) {
      calls.computeIfAbsent(accountPublicKey, k -> new AtomicInteger()).incrementAndGet();
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return Optional.ofNullable(answers.get(accountPublicKey));
    }

    int calls(String key) {
      AtomicInteger n = calls.get(key);
      return n == null ? 0 : n.get();
    }
  }

  private final CountingSource source = new CountingSource();

  private CachingAccountResolver.Builder cache() {
    return CachingAccountResolver.builder(source).clock(clock);
  }

  @Test
  void fetch_twiceWithinTtl_asksSourceOnce() {
    source.answers.put(A, "a.b.c");
    CachingAccountResolver r = cache().build();
    assertEquals(Optional.of("a.b.c"), r.fetch(A));
    assertEquals(Optional.of("a.b.c"), r.fetch(A));
    assertEquals(1, source.calls(A));
    assertEquals(1, r.size());
  }

  @Test
  void fetch_atTtl_asksSourceAgain() {
    source.answers.put(A, "a.b.c");
    CachingAccountResolver r = cache().ttl(Duration.ofSeconds(30)).build();
    r.fetch(A);
    clock.advance(Duration.ofMillis(29_999));
    r.fetch(A);
    assertEquals(1, source.calls(A));
    source.answers.put(A, "d.e.f");
    clock.advance(Duration.ofMillis(1));
    assertEquals(Optional.of("d.e.f"), r.fetch(A));
    assertEquals(2, source.calls(A));
  }

  @Test
  void fetch_defaultTtl_isTwoMinutes() {
    source.answers.put(A, "a.b.c");
    CachingAccountResolver r = cache().build();
    r.fetch(A);
    clock.advance(Duration.ofSeconds(119));
    r.fetch(A);
    clock.advance(Duration.ofSeconds(1));
    r.fetch(A);
    assertEquals(2, source.calls(A));
  }

  @Test
  void fetch_miss_notCachedByDefault() {
    CachingAccountResolver r = cache().build();
    assertEquals(Optional.empty(), r.fetch(A));
    source.answers.put(A, "a.b.c");
    assertEquals(Optional.of("a.b.c"), r.fetch(A));
    assertEquals(2, source.calls(A));
  }

  @Test
  void fetch_missWithMissTtl_cachedForMissTtl() {
    CachingAccountResolver r = cache().missTtl(Duration.ofSeconds(5)).build();
    r.fetch(A);
    source.answers.put(A, "a.b.c");
    assertEquals(Optional.empty(), r.fetch(A));
    clock.advance(Duration.ofSeconds(5));
    assertEquals(Optional.of("a.b.c"), r.fetch(A));
    assertEquals(2, source.calls(A));
  }

  @Test
  void fetch_ttlZero_cachesNothing() {
    source.answers.put(A, "a.b.c");
    CachingAccountResolver r = cache().ttl(Duration.ZERO).build();
    r.fetch(A);
    r.fetch(A);
    assertEquals(2, source.calls(A));
    assertEquals(0, r.size());
  }

  @Test
  void fetch_hugeTtl_doesNotOverflow() {
    source.answers.put(A, "a.b.c");
    CachingAccountResolver r = cache().ttl(Duration.ofSeconds(Long.MAX_VALUE)).build();
    r.fetch(A);
    clock.advance(Duration.ofDays(365_000));
    r.fetch(A);
    assertEquals(1, source.calls(A));
  }

  @Test
  void fetch_sourceFails_failureIsNotCached() {
    AccountResolutionException boom = new AccountResolutionException(A, "down");
    source.failure = boom;
    CachingAccountResolver r = cache().build();
    assertSame(boom, assertThrows(AccountResolutionException.class, () -> r.fetch(A)));
    source.failure = null;
    source.answers.put(A, "a.b.c");
    assertEquals(Optional.of("a.b.c"), r.fetch(A));
    assertEquals(2, source.calls(A));
  }

  @Test
  void fetch_pastMaxEntries_evictsLeastRecentlyUsed() {
    String c = ResolverFixtures.key(NKeyType.ACCOUNT, 50).publicKey();
    source.answers.put(A, "a");
    source.answers.put(B, "b");
    source.answers.put(c, "c");
    CachingAccountResolver r = cache().maxEntries(2).build();
    r.fetch(A);
    r.fetch(B);
    r.fetch(A); // A is now the most recently used
    r.fetch(c); // evicts B
    assertEquals(2, r.size());
    r.fetch(A);
    r.fetch(B);
    assertEquals(1, source.calls(A));
    assertEquals(2, source.calls(B));
  }

  @Test
  void fetch_pastMaxChars_evictsAndSkipsOversizedValues() {
    source.answers.put(A, "x".repeat(60));
    source.answers.put(B, "y".repeat(60));
    String big = ResolverFixtures.key(NKeyType.ACCOUNT, 51).publicKey();
    source.answers.put(big, "z".repeat(101));
    CachingAccountResolver r = cache().maxChars(100).build();
    r.fetch(A);
    r.fetch(B); // 120 chars: A goes
    assertEquals(1, r.size());
    r.fetch(big); // larger than the whole cache: not kept
    r.fetch(big);
    assertEquals(2, source.calls(big));
    r.fetch(B);
    assertEquals(1, source.calls(B));
  }

  @Test
  void invalidate_oneAndAll_nextFetchAsksSource() {
    source.answers.put(A, "a");
    source.answers.put(B, "b");
    CachingAccountResolver r = cache().build();
    r.fetch(A);
    r.fetch(B);
    r.invalidate(A);
    r.fetch(A);
    r.fetch(B);
    assertEquals(2, source.calls(A));
    assertEquals(1, source.calls(B));
    r.invalidateAll();
    assertEquals(0, r.size());
    r.fetch(B);
    assertEquals(2, source.calls(B));
  }

  @Test
  void builder_badSettings_throwIllegalArgument() {
    CachingAccountResolver.Builder b = CachingAccountResolver.builder(source);
    assertThrows(IllegalArgumentException.class, () -> b.ttl(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.missTtl(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.maxEntries(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxChars(0));
  }

  /** A source whose first call blocks until released, so other threads pile up behind it. */
  private static final class GatedSource implements AccountResolver {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    volatile RuntimeException failure;

    @Override
    public Optional<String> fetch(String accountPublicKey) {
      calls.incrementAndGet();
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return Optional.of("a.b.c");
    }
  }

  private static void awaitBlocked(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (Thread t : threads) {
      while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(t.getName() + " never blocked: " + t.getState());
        }
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void fetch_concurrentMissesForOneAccount_shareOneSourceCall() throws Exception {
    GatedSource gated = new GatedSource();
    CachingAccountResolver r = CachingAccountResolver.builder(gated).clock(clock).build();
    List<Thread> threads = new ArrayList<>();
    List<Optional<String>> results = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable task = () -> results.add(r.fetch(A));
    Thread leader = new Thread(task, "leader");
    leader.start();
    assertTrue(gated.entered.await(30, TimeUnit.SECONDS));
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(task, "waiter-" + i);
      threads.add(t);
      t.start();
    }
    awaitBlocked(threads);
    gated.release.countDown();
    leader.join(30_000);
    for (Thread t : threads) {
      t.join(30_000);
    }
    assertEquals(1, gated.calls.get());
    assertEquals(5, results.size());
    assertTrue(results.stream().allMatch(o -> o.equals(Optional.of("a.b.c"))), results::toString);
  }

  @Test
  void fetch_sharedCallFails_everyWaiterGetsTheFailure() throws Exception {
    GatedSource gated = new GatedSource();
    AccountResolutionException boom = new AccountResolutionException(A, "down");
    gated.failure = boom;
    CachingAccountResolver r = CachingAccountResolver.builder(gated).clock(clock).build();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Optional<String>> leader = pool.submit(() -> r.fetch(A));
      assertTrue(gated.entered.await(30, TimeUnit.SECONDS));
      List<Thread> waiting = new ArrayList<>();
      List<Future<Optional<String>>> waiters = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(2);
      for (int i = 0; i < 2; i++) {
        waiters.add(
            pool.submit(
                () -> {
                  synchronized (waiting) {
                    waiting.add(Thread.currentThread());
                  }
                  started.countDown();
                  return r.fetch(A);
                }));
      }
      assertTrue(started.await(30, TimeUnit.SECONDS));
      synchronized (waiting) {
        awaitBlocked(new ArrayList<>(waiting));
      }
      gated.release.countDown();
      for (Future<Optional<String>> f : waitersAndLeader(leader, waiters)) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, gated.calls.get());
    assertEquals(0, r.size());
  }

  private static List<Future<Optional<String>>> waitersAndLeader(
      Future<Optional<String>> leader, List<Future<Optional<String>>> waiters) {
    List<Future<Optional<String>>> all = new ArrayList<>(waiters);
    all.add(leader);
    return all;
  }

  @Test
  void fetch_waiterInterrupted_throwsAndKeepsInterruptFlag() throws Exception {
    GatedSource gated = new GatedSource();
    CachingAccountResolver r = CachingAccountResolver.builder(gated).clock(clock).build();
    Thread leader = new Thread(() -> r.fetch(A), "leader");
    leader.start();
    assertTrue(gated.entered.await(30, TimeUnit.SECONDS));
    AtomicInteger outcome = new AtomicInteger();
    Thread waiter =
        new Thread(
            () -> {
              try {
                r.fetch(A);
              } catch (AccountResolutionException e) {
                outcome.set(Thread.currentThread().isInterrupted() ? 1 : 2);
              }
            },
            "waiter");
    waiter.start();
    awaitBlocked(List.of(waiter));
    waiter.interrupt();
    waiter.join(30_000);
    gated.release.countDown();
    leader.join(30_000);
    assertEquals(1, outcome.get());
  }

  @Test
  void toString_namesDelegate() {
    assertEquals(
        "CachingAccountResolver[MemoryAccountResolver[0 accounts]]",
        CachingAccountResolver.builder(MemoryAccountResolver.empty()).build().toString());
  }
}
