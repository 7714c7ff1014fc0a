package io.github.natsjwt.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a warning that may repeat with every request (a source that is down, a flood of bad input)
 * to one record per interval: the first of its kind is logged at its level, the next ones until the
 * interval ends at {@link Level#DEBUG}, and the first one after it says how many were lowered.
 * Nothing is dropped for a logger that shows DEBUG.
 *
 * <p>Thread-safe and lock-free.
 */
public final class LogThrottle {
  /** The interval between two records at the full level. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong nextAt;
  private final AtomicLong lowered = new AtomicLong();

  /** Creates a throttle with {@link #DEFAULT_INTERVAL}; its first record is let through. */
  public LogThrottle() {
    this(DEFAULT_INTERVAL);
  }

  /**
   * Creates a throttle; its first record is let through.
   *
   * @param interval the least time between two records at the full level
   */
  public LogThrottle(Duration interval) {
    this(interval, System::nanoTime);
  }

  /** For tests: a throttle that reads the time from {@code nanoTime}. */
  LogThrottle(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.nextAt = new AtomicLong(nanoTime.getAsLong());
  }

  /**
   * Logs a record at its level, or at DEBUG when one of this kind went out at its level less than
   * the interval ago. The message is built only when the chosen level is loggable.
   *
   * @param logger the logger
   * @param level the level when let through, for example {@link Level#WARNING}
   * @param thrown the failure to attach, or {@code null}
   * @param message builds the message; it must hold no secret and no whole token
   */
  public void log(
      Logger logger, Level level, @Nullable Throwable thrown, Supplier<String> message) {
    long now = nanoTime.getAsLong();
    long at = nextAt.get();
    long before = -1;
    if (now - at >= 0 && nextAt.compareAndSet(at, now + intervalNanos)) {
      before = lowered.getAndSet(0);
    } else {
      lowered.incrementAndGet();
    }
    Level chosen = before < 0 ? Level.DEBUG : level;
    if (!logger.isLoggable(chosen)) {
      return;
    }
    String text = message.get();
    if (before > 0) {
      text += " (" + before + " more like it since the last such warning, logged at DEBUG)";
    }
    if (thrown == null) {
      logger.log(chosen, text);
    } else {
      logger.log(chosen, text, thrown);
    }
  }
}
