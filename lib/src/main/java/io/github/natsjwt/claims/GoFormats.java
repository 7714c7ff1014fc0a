package io.github.natsjwt.claims;

import io.github.natsjwt.internal.go.GoNet;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Go parsers that user-limit validation depends on: {@code net.ParseCIDR}, {@code
 * time.Parse("15:04:05", ...)} and {@code time.LoadLocation} (spec claims.md section 4.9).
 */
final class GoFormats {
  // Hour of one or two digits, minute and second of exactly two, optional fraction after the
  // seconds (Go accepts one even though the layout has none).
  private static final Pattern CLOCK =
      Pattern.compile("([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:[.,]([0-9]+))?");

  private GoFormats() {}

  /** Whether Go's {@code time.Parse("15:04:05", s)} succeeds. */
  static boolean isClockTime(String s) {
    return clockTime(s) != null;
  }

  /**
   * The error of Go's {@code time.LoadLocation(name)} for a non-empty name, or null when it loads.
   * Java's time-zone database stands in for the system's zoneinfo files.
   */
  static @Nullable String locationProblem(String name) {
    if (name.isEmpty() || name.equals("UTC") || name.equals("Local")) {
      return null;
    }
    if (name.contains("..") || name.startsWith("/") || name.startsWith("\\")) {
      return "time: invalid location name";
    }
    if (name.indexOf('\0') >= 0) {
      // Go opens <zoneinfo>/<name>; a NUL in a path is EINVAL, which Go reports as it is.
      return "invalid argument";
    }
    java.util.Set<String> zones = ZoneId.getAvailableZoneIds();
    if (zones.contains(name)) {
      return null;
    }
    String prefix = name + "/";
    for (String zone : zones) {
      if (zone.startsWith(prefix)) {
        // A folder of zoneinfo, such as America: Go opens it and fails to read it.
        return "is a directory";
      }
    }
    return "unknown time zone " + name;
  }

  /** Whether Go's {@code net.ParseCIDR(s)} succeeds: an IPv4 or IPv6 address, a slash, a prefix. */
  static boolean isCidr(String s) {
    return GoNet.parseCidr(s) != null;
  }

  /**
   * Go's {@code time.Parse("15:04:05", s)}: the time of day, or null when it does not parse. Go
   * accepts a fraction after the seconds even though the layout has none, and keeps it.
   */
  static @Nullable LocalTime clockTime(String s) {
    Matcher m = CLOCK.matcher(s);
    if (!m.matches()) {
      return null;
    }
    int h = Integer.parseInt(m.group(1));
    int min = Integer.parseInt(m.group(2));
    int sec = Integer.parseInt(m.group(3));
    if (h >= 24 || min >= 60 || sec >= 60) {
      return null;
    }
    String fraction = m.group(4);
    int nanos = 0;
    if (fraction != null) {
      // Go keeps nanosecond precision and drops further digits.
      String digits = (fraction + "000000000").substring(0, 9);
      nanos = Integer.parseInt(digits);
    }
    return LocalTime.of(h, min, sec, nanos);
  }
}
