package io.github.natsjwt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.natsjwt.LogCapture;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  private static final Logger LOG = System.getLogger("io.github.natsjwt.test.LogThrottleTest");

  @Test
  void log_repeatsWithinInterval_loweredToDebugAndCountedInNextWarning() {
    try (LogCapture logs = LogCapture.start()) {
      LogThrottle hourly = new LogThrottle(Duration.ofHours(1));
      hourly.log(LOG, Level.WARNING, null, () -> "first");
      hourly.log(LOG, Level.WARNING, null, () -> "second");
      hourly.log(LOG, Level.WARNING, null, () -> "third");
      LogThrottle always = new LogThrottle(Duration.ZERO);
      always.log(LOG, Level.ERROR, null, () -> "a");
      always.log(LOG, Level.ERROR, null, () -> "b");

      List<LogCapture.Entry> e = logs.entries(LOG.getName());
      assertEquals(
          List.of(Level.WARNING, Level.DEBUG, Level.DEBUG, Level.ERROR, Level.ERROR),
          e.stream().map(LogCapture.Entry::level).toList());
      assertEquals("second", e.get(1).message());
      assertEquals("b", e.get(4).message());
    }
  }

  @Test
  void log_afterInterval_warningSaysHowManyWereLowered() {
    try (LogCapture logs = LogCapture.start()) {
      AtomicLong now = new AtomicLong(-5); // nanoTime may be negative
      LogThrottle t = new LogThrottle(Duration.ofSeconds(10), now::get);
      t.log(LOG, Level.WARNING, null, () -> "down");
      now.addAndGet(Duration.ofSeconds(9).toNanos());
      t.log(LOG, Level.WARNING, null, () -> "down");
      t.log(LOG, Level.WARNING, null, () -> "down");
      now.addAndGet(Duration.ofSeconds(1).toNanos());
      t.log(LOG, Level.WARNING, null, () -> "down");

      assertEquals(
          List.of(Level.WARNING, Level.DEBUG, Level.DEBUG, Level.WARNING),
          logs.entries(LOG.getName()).stream().map(LogCapture.Entry::level).toList());

      logs.expect(Level.WARNING, LOG.getName(), "down (2 more like it since the last such warning");
    }
  }

  @Test
  void log_levelNotLoggable_messageNeverBuilt() {
    AtomicInteger built = new AtomicInteger();
    // no capture open: every logger of this test JVM reports itself off
    LogThrottle t = new LogThrottle();
    t.log(LOG, Level.WARNING, null, () -> "x" + built.incrementAndGet());
    t.log(LOG, Level.WARNING, null, () -> "x" + built.incrementAndGet());
    assertEquals(0, built.get());
  }
}
