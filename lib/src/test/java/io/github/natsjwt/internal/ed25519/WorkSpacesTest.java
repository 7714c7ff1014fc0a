package io.github.natsjwt.internal.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sets of work spaces: bounded, and never lends one work space twice at once. */
class WorkSpacesTest {
  @Test
  void slots_byProcessors_powerOfTwoFrom4To64() {
    assertEquals(4, WorkSpaces.slots(1));
    assertEquals(4, WorkSpaces.slots(2));
    assertEquals(8, WorkSpaces.slots(3));
    assertEquals(16, WorkSpaces.slots(8));
    assertEquals(64, WorkSpaces.slots(33));
    assertEquals(64, WorkSpaces.slots(1024));
  }

  @Test
  void take_afterGive_sameWorkSpaceOnOneThread() {
    Ed25519Context.General g = WorkSpaces.GENERAL.take();
    WorkSpaces.GENERAL.give(g);
    assertSame(g, WorkSpaces.GENERAL.take());
    WorkSpaces.GENERAL.give(g);
    Ed25519Context p = WorkSpaces.PRECOMPUTED.take();
    assertEquals(Ed25519Context.PRECOMPUTED_WORDS, p.w.length);
    WorkSpaces.PRECOMPUTED.give(p);
    assertSame(p, WorkSpaces.PRECOMPUTED.take());
    WorkSpaces.PRECOMPUTED.give(p);
  }

  @Test
  void take_moreThanSlots_makesNewOnes_andKeepsAtMostSlots() {
    List<Ed25519Context.General> held = new ArrayList<>();
    for (int i = 0; i < 3 * WorkSpaces.SLOTS; i++) {
      held.add(WorkSpaces.GENERAL.take());
    }
    Set<Ed25519Context.General> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(held);
    assertEquals(held.size(), distinct.size(), "no work space lent twice");
    held.forEach(WorkSpaces.GENERAL::give);
    // Only SLOTS of them were kept: taking SLOTS + 1 now makes at least one new.
    List<Ed25519Context.General> again = new ArrayList<>();
    for (int i = 0; i <= WorkSpaces.SLOTS; i++) {
      again.add(WorkSpaces.GENERAL.take());
    }
    assertTrue(again.stream().anyMatch(g -> !distinct.contains(g)), "the set is bounded");
    again.forEach(WorkSpaces.GENERAL::give);
  }

  @Test
  void take_manyThreads_eachWorkSpaceHasOneHolderAtATime() throws Exception {
    int threads = 8;
    Set<Ed25519Context.General> inUse =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        byte mark = (byte) t;
        Callable<Integer> task =
            () -> {
              start.await();
              int clashes = 0;
              for (int i = 0; i < 20_000; i++) {
                Ed25519Context.General g = WorkSpaces.GENERAL.take();
                if (!inUse.add(g)) {
                  clashes++;
                }
                g.hash[0] = mark;
                Thread.yield();
                if (g.hash[0] != mark) {
                  clashes++;
                }
                inUse.remove(g);
                WorkSpaces.GENERAL.give(g);
              }
              return clashes;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      int clashes = 0;
      for (Future<Integer> f : futures) {
        clashes += f.get(2, TimeUnit.MINUTES);
      }
      assertEquals(0, clashes);
    } finally {
      pool.shutdownNow();
    }
    Ed25519Context.General a = WorkSpaces.GENERAL.take();
    Ed25519Context.General b = WorkSpaces.GENERAL.take();
    assertNotSame(a, b);
    WorkSpaces.GENERAL.give(a);
    WorkSpaces.GENERAL.give(b);
  }
}
