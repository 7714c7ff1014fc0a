package io.github.natsjwt.internal.go;

import java.time.Duration;
import java.time.Instant;

/**
 * Unix seconds as the Go reference keeps them (an {@code int64}), turned into {@code java.time}
 * values without ever throwing. Tokens may carry any {@code int64} in {@code exp}, {@code nbf},
 * {@code iat} and revocation times, while {@link Instant} covers only about ±31.5 billion years;
 * every decision is made on the raw seconds, and these conversions are for display and for callers
 * who want an {@code Instant}.
 */
public final class UnixSeconds {
  private static final long MIN = Instant.MIN.getEpochSecond();
  private static final long MAX = Instant.MAX.getEpochSecond();
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private UnixSeconds() {}

  /**
   * Returns whether an {@link Instant} can hold this many seconds.
   *
   * @param seconds Unix seconds
   * @return {@code true} when {@link Instant#ofEpochSecond(long)} accepts it
   */
  public static boolean fitsInstant(long seconds) {
    return seconds >= MIN && seconds <= MAX;
  }

  /**
   * Returns the instant, clamped to {@link Instant#MIN} or {@link Instant#MAX} when outside their
   * range.
   *
   * @param seconds Unix seconds
   * @return the instant, never throwing
   */
  public static Instant toInstant(long seconds) {
    if (seconds < MIN) {
      return Instant.MIN;
    }
    if (seconds > MAX) {
      return Instant.MAX;
    }
    return Instant.ofEpochSecond(seconds);
  }

  /**
   * Shows Unix seconds for a message: the ISO-8601 instant when an {@link Instant} can hold it,
   * otherwise the raw number.
   *
   * @param seconds Unix seconds
   * @return for example {@code 2023-11-14T22:13:20Z}, or {@code unix time 9223372036854775807
   *     (beyond java.time.Instant)}
   */
  public static String describe(long seconds) {
    return fitsInstant(seconds)
        ? Instant.ofEpochSecond(seconds).toString()
        : "unix time " + seconds + " (beyond java.time.Instant)";
  }

  /**
   * Returns how long nats-server's timer for {@code exp} runs, computed as Go computes it: {@code
   * time.Duration(exp - now) * time.Second} in wrapping {@code int64} nanoseconds when {@code exp}
   * is after {@code now}, else 0. A result of 0 or less makes the timer fire at once; for {@code
   * exp} more than about 292 years ahead the multiplication wraps, and the result may be negative.
   *
   * @param exp the {@code exp} claim, Unix seconds
   * @param now the server's current Unix second
   * @return the timer's duration in nanoseconds, as Go's wrapping arithmetic gives it
   */
  public static long goTimerNanos(long exp, long now) {
    return exp > now ? (exp - now) * NANOS_PER_SECOND : 0;
  }

  /**
   * Adds a duration to an instant, saturating at {@link Instant#MIN} and {@link Instant#MAX}.
   *
   * @param base the start
   * @param amount the duration to add
   * @return the sum, never throwing
   */
  public static Instant plusSaturating(Instant base, Duration amount) {
    try {
      return base.plus(amount);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return amount.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }
}
