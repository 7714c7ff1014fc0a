package io.github.natsjwt.cli.creds;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w}, {@code 1y}
 * (365 days), combinations such as {@code 1h30m}, or ISO-8601 ({@code PT1H}, {@code P7D}).
 */
final class Durations implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdwy])");
  private static final String EXPECTED =
      "use a positive number with a unit s, m, h, d, w or y (for example 90s, 12h, 30d, 1h30m),"
          + " or ISO-8601 such as PT12H";

  @Override
  public Duration convert(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Duration d = v.startsWith("p") ? iso(value) : units(value, v);
    if (d.isNegative() || d.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration; " + EXPECTED);
    }
    return d;
  }

  private static Duration iso(String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; " + EXPECTED);
    }
  }

  private static Duration units(String value, String v) {
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < v.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new TypeConversionException("'" + value + "' is not a duration; " + EXPECTED);
      }
      long n = Long.parseLong(m.group(1));
      Duration part;
      switch (m.group(2)) {
        case "s":
          part = Duration.ofSeconds(n);
          break;
        case "m":
          part = Duration.ofMinutes(n);
          break;
        case "h":
          part = Duration.ofHours(n);
          break;
        case "d":
          part = Duration.ofDays(n);
          break;
        case "w":
          part = Duration.ofDays(7 * n);
          break;
        default:
          part = Duration.ofDays(365 * n);
          break;
      }
      total = total.plus(part);
      at = m.end();
    }
    return total;
  }
}
