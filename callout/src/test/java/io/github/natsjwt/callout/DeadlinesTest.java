package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  @Test
  void start_unanswered_firesAtTheDeadlineWithinATick() throws Exception {
    Deadlines d = new Deadlines(Duration.ofMillis(100), "test-deadline");
    try {
      CountDownLatch fired = new CountDownLatch(1);
      AtomicLong firedAt = new AtomicLong();
      long start = System.nanoTime();
      Deadlines.Pending p =
          d.start(
              () -> {
                firedAt.set(System.nanoTime());
                fired.countDown();
              });
      assertTrue(fired.await(5, TimeUnit.SECONDS), "the deadline fired");
      long millis = TimeUnit.NANOSECONDS.toMillis(firedAt.get() - start);
      assertTrue(millis >= 100, "not before the deadline: " + millis + " ms");
      // a tick is 10 ms; the rest is the scheduler's margin on a shared machine
      assertTrue(millis < 600, "soon after the deadline: " + millis + " ms");
      assertFalse(p.answer(), "a late decision loses");
    } finally {
      d.close();
    }
  }

  @Test
  void start_answeredInTime_neverFires() throws Exception {
    Deadlines d = new Deadlines(Duration.ofMillis(50), "test-deadline");
    try {
      AtomicInteger fired = new AtomicInteger();
      List<Deadlines.Pending> all = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        all.add(d.start(fired::incrementAndGet));
      }
      for (Deadlines.Pending p : all) {
        assertTrue(p.answer());
      }
      Thread.sleep(200);
      assertEquals(0, fired.get());
    } finally {
      d.close();
    }
  }

  @Test
  void start_mixed_firesExactlyTheUnanswered() throws Exception {
    Deadlines d = new Deadlines(Duration.ofMillis(30), "test-deadline");
    try {
      AtomicInteger fired = new AtomicInteger();
      CountDownLatch all = new CountDownLatch(50);
      for (int round = 0; round < 100; round++) {
        Deadlines.Pending p =
            d.start(
                () -> {
                  fired.incrementAndGet();
                  all.countDown();
                });
        if (round % 2 == 0) {
          assertTrue(p.answer());
        }
        if (round % 10 == 0) {
          Thread.sleep(15); // lets the watcher go idle and be woken again
        }
      }
      assertTrue(all.await(5, TimeUnit.SECONDS), "fired: " + fired.get());
      Thread.sleep(100);
      assertEquals(50, fired.get());
    } finally {
      d.close();
    }
  }

  @Test
  void close_pendingDeadline_stillFires() throws Exception {
    Deadlines d = new Deadlines(Duration.ofMillis(50), "test-deadline");
    CountDownLatch fired = new CountDownLatch(1);
    d.start(fired::countDown);
    d.close();
    assertTrue(fired.await(5, TimeUnit.SECONDS), "a request in flight still gets its answer");
  }

  @Test
  void start_actionThrows_watcherGoesOn() throws Exception {
    Deadlines d = new Deadlines(Duration.ofMillis(20), "test-deadline");
    try {
      d.start(
          () -> {
            throw new IllegalStateException("boom");
          });
      CountDownLatch fired = new CountDownLatch(1);
      d.start(fired::countDown);
      assertTrue(fired.await(5, TimeUnit.SECONDS));
    } finally {
      d.close();
    }
  }
}
