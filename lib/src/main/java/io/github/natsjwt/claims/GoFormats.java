package io.github.natsjwt.claims;

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
      Pattern.compile("([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:[.,][0-9]+)?");

  private GoFormats() {}

  /** Whether Go's {@code time.Parse("15:04:05", s)} succeeds. */
  static boolean isClockTime(String s) {
    Matcher m = CLOCK.matcher(s);
    return m.matches()
        && Integer.parseInt(m.group(1)) < 24
        && Integer.parseInt(m.group(2)) < 60
        && Integer.parseInt(m.group(3)) < 60;
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
    if (ZoneId.getAvailableZoneIds().contains(name)) {
      return null;
    }
    return "unknown time zone " + name;
  }

  /** Whether Go's {@code net.ParseCIDR(s)} succeeds: an IPv4 or IPv6 address, a slash, a prefix. */
  static boolean isCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String addr = s.substring(0, slash);
    String mask = s.substring(slash + 1);
    int bits = addressBits(addr);
    if (bits < 0 || mask.isEmpty() || mask.length() > 9) {
      return false;
    }
    for (int i = 0; i < mask.length(); i++) {
      char c = mask.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return Integer.parseInt(mask) <= bits;
  }

  /** 32 or 128 for an address {@code netip.ParseAddr} accepts without a zone, -1 otherwise. */
  private static int addressBits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        return isIpv4(s, 0, s.length()) ? 32 : -1;
      }
      if (c == ':') {
        return isIpv6(s) ? 128 : -1;
      }
      if (c == '%') {
        return -1;
      }
    }
    return -1;
  }

  /** Four decimal fields 0-255 without leading zeros. */
  private static boolean isIpv4(String s, int from, int to) {
    int fields = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 255 || (i > start && s.charAt(start) == '0')) {
          return false;
        }
        i++;
      }
      if (i == start) {
        return false;
      }
      fields++;
      if (i == to) {
        return fields == 4;
      }
      if (s.charAt(i) != '.' || fields == 4) {
        return false;
      }
      i++;
    }
  }

  private static boolean isIpv6(String s) {
    if (s.indexOf('%') >= 0) {
      // A zone makes ParseCIDR fail.
      return false;
    }
    int groups = 0; // in 16-bit units
    boolean ellipsis = false;
    int i = 0;
    int n = s.length();
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = true;
      i = 2;
      if (i == n) {
        return true;
      }
    }
    while (groups < 8) {
      int start = i;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 128) {
        i++;
        if (i - start > 4) {
          return false;
        }
      }
      if (i == start) {
        return false;
      }
      if (i < n && s.charAt(i) == '.') {
        // Embedded IPv4: must fill the last two groups, or follow an ellipsis with room left.
        if ((!ellipsis && groups != 6) || groups + 2 > 8) {
          return false;
        }
        if (!isIpv4(s, start, n)) {
          return false;
        }
        groups += 2;
        i = n;
        break;
      }
      groups++;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == n) {
        return false;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsis) {
          return false;
        }
        ellipsis = true;
        i++;
        if (i == n) {
          break;
        }
      }
    }
    if (i != n) {
      return false;
    }
    return ellipsis ? groups < 8 : groups == 8;
  }
}
