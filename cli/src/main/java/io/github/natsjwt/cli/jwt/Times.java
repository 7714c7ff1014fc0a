package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.cli.InputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads times and durations from the command line, and shows them to people. */
public final class Times {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([smhdwy])");
  private static final Pattern DURATION = Pattern.compile("(?:\\d+[smhdwy])+");
  private static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Times() {}

  /**
   * Reads a duration such as {@code 90d}, {@code 1h30m}, {@code 2w} or ISO-8601 {@code PT12H}.
   *
   * @param text the option value
   * @param option the option, for messages
   * @return a positive duration
   * @throws InputException when the text is not a positive duration
   */
  public static Duration parseDuration(String text, String option) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (DURATION.matcher(t).matches()) {
        d = Duration.ZERO;
        Matcher m = DURATION_PART.matcher(t);
        while (m.find()) {
          long n = Long.parseLong(m.group(1));
          d = d.plus(unit(m.group(2)).multipliedBy(n));
        }
      } else {
        throw badDuration(text, option, null);
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw badDuration(text, option, e);
    }
    if (d.isZero() || d.isNegative()) {
      throw new InputException(option + " must be a positive duration, not '" + text + "'");
    }
    return d;
  }

  private static Duration unit(String u) {
    switch (u) {
      case "s":
        return Duration.ofSeconds(1);
      case "m":
        return Duration.ofMinutes(1);
      case "h":
        return Duration.ofHours(1);
      case "d":
        return Duration.ofDays(1);
      case "w":
        return Duration.ofDays(7);
      default:
        return Duration.ofDays(365);
    }
  }

  private static InputException badDuration(String text, String option, @Nullable Exception cause) {
    String message =
        option
            + " takes a duration such as 30m, 24h, 90d, 1y or 1d12h (units s, m, h, d, w, y), or"
            + " ISO-8601 such as PT12H; not '"
            + text
            + "'";
    return cause == null ? new InputException(message) : new InputException(message, cause);
  }

  /**
   * Reads a point in time: ISO-8601 ({@code 2030-01-01T00:00:00Z}), a date ({@code 2030-01-01},
   * midnight UTC) or Unix seconds.
   *
   * @param text the option value
   * @param option the option, for messages
   * @return the instant, whole seconds
   * @throws InputException when the text is none of these
   */
  public static Instant parseInstant(String text, String option) {
    String t = text.strip();
    try {
      if (t.matches("-?\\d+")) {
        return Instant.ofEpochSecond(Long.parseLong(t));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(t).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    } catch (DateTimeException | NumberFormatException e) {
      throw new InputException(
          option
              + " takes a time such as 2030-01-01T00:00:00Z, a date such as 2030-01-01 (UTC), or"
              + " Unix seconds; not '"
              + text
              + "'",
          e);
    }
  }

  /**
   * Shows Unix seconds as a UTC date and time, with the number itself.
   *
   * @param seconds Unix seconds
   * @return for example {@code 2023-11-14 22:13:20 UTC (1700000000)}
   */
  public static String format(long seconds) {
    return formatDate(seconds) + " (" + seconds + ")";
  }

  /**
   * Shows Unix seconds as a UTC date and time.
   *
   * @param seconds Unix seconds
   * @return for example {@code 2023-11-14 22:13:20 UTC}, or the number when out of range
   */
  public static String formatDate(long seconds) {
    try {
      return HUMAN.format(Instant.ofEpochSecond(seconds));
    } catch (DateTimeException e) {
      return seconds + " seconds since 1970";
    }
  }

  /**
   * Shows how far a time is from now.
   *
   * @param seconds Unix seconds
   * @param now the current time
   * @return for example {@code in 3 days} or {@code 2 hours ago}
   */
  public static String relative(long seconds, Instant now) {
    long delta;
    try {
      delta = Math.subtractExact(seconds, now.getEpochSecond());
    } catch (ArithmeticException e) {
      return seconds > 0 ? "in the far future" : "in the far past";
    }
    if (delta == 0) {
      return "now";
    }
    String amount = amount(Math.abs(delta));
    return delta > 0 ? "in " + amount : amount + " ago";
  }

  private static String amount(long s) {
    if (s < 120) {
      return plural(s, "second");
    } else if (s < 2 * 3600) {
      return plural(rounded(s, 60), "minute");
    } else if (s < 2 * 86400) {
      return plural(rounded(s, 3600), "hour");
    } else if (s < 2 * 365 * 86400L) {
      return plural(rounded(s, 86400), "day");
    }
    return plural(rounded(s, 365 * 86400L), "year");
  }

  /**
   * Divides, rounding to the nearest whole unit (a token issued a second ago expires in 30 days).
   */
  private static long rounded(long s, long unit) {
    return s / unit + (s % unit >= unit / 2 ? 1 : 0);
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /**
   * Shows a duration briefly, in the largest unit that divides it.
   *
   * @param d the duration
   * @return for example {@code 5s}, {@code 2m}, {@code 1500ms}
   */
  public static String format(Duration d) {
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    String[] units = {"h", "m", "s", "ms", "us"};
    if (nanos == 0) {
      return "0s";
    }
    for (int i = 0; i < sizes.length; i++) {
      if (nanos % sizes[i] == 0) {
        return nanos / sizes[i] + units[i];
      }
    }
    return nanos + "ns";
  }
}
