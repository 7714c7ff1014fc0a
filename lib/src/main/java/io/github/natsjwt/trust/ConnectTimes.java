package io.github.natsjwt.trust;

import io.github.natsjwt.claims.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A user's connect time windows ({@code times}, {@code times_location}) evaluated as nats-server
 * does (spec trust-chain.md section 3.5).
 *
 * <p>Each range is a pair of wall-clock times on the current date in the zone; containment is
 * strict (start &lt; now &lt; end). A range whose start is after its end crosses midnight: the
 * servers before the fix only know the part from the start to midnight and on into the next morning
 * (so early-morning connections are refused) and take the first matching range; fixed servers also
 * match the early-morning part and keep the match that leaves the longest time.
 */
final class ConnectTimes {
  /** The outcome: whether now is inside a window, and until when. */
  static final class Outcome {
    private final boolean allowed;
    private final @Nullable Instant windowEnd;
    private final String problem;

    private Outcome(boolean allowed, @Nullable Instant windowEnd, String problem) {
      this.allowed = allowed;
      this.windowEnd = windowEnd;
      this.problem = problem;
    }

    boolean allowed() {
      return allowed;
    }

    /** The end of the window in force; empty when there are no windows. */
    Optional<Instant> windowEnd() {
      return Optional.ofNullable(windowEnd);
    }

    String problem() {
      return problem;
    }
  }

  private static final Outcome ALWAYS = new Outcome(true, null, "");

  private ConnectTimes() {}

  static Outcome evaluate(
      List<TimeRange> ranges,
      String location,
      ZoneId serverZone,
      Instant now,
      boolean midnightBug) {
    if (ranges.isEmpty()) {
      return ALWAYS;
    }
    ZoneId zone;
    if (location.isEmpty() || location.equals("Local")) {
      zone = serverZone;
    } else if (location.equals("UTC")) {
      zone = ZoneOffset.UTC;
    } else {
      try {
        zone = ZoneId.of(location);
      } catch (RuntimeException e) {
        return new Outcome(false, null, "times_location \"" + location + "\" is not a known zone");
      }
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant best = null;
    for (TimeRange r : ranges) {
      Optional<LocalTime> start = r.startTime();
      Optional<LocalTime> end = r.endTime();
      if (start.isEmpty() || end.isEmpty()) {
        // The server gives up on the first range it cannot parse.
        return new Outcome(
            false, null, "time range " + r.start() + "-" + r.end() + " does not parse as HH:MM:SS");
      }
      boolean crossesMidnight = start.get().isAfter(end.get());
      Instant candidate = null;
      Instant s = wallClock(today, start.get(), zone);
      Instant e = wallClock(crossesMidnight ? today.plusDays(1) : today, end.get(), zone);
      if (s.isBefore(now) && e.isAfter(now)) {
        candidate = e;
      }
      if (candidate == null && crossesMidnight && !midnightBug) {
        // The early-morning part: it started yesterday and ends today.
        Instant ys = wallClock(today.minusDays(1), start.get(), zone);
        Instant te = wallClock(today, end.get(), zone);
        if (ys.isBefore(now) && te.isAfter(now)) {
          candidate = te;
        }
      }
      if (candidate == null) {
        continue;
      }
      if (midnightBug) {
        return new Outcome(true, candidate, "");
      }
      if (best == null || candidate.isAfter(best)) {
        best = candidate;
      }
    }
    if (best != null) {
      return new Outcome(true, best, "");
    }
    return new Outcome(false, null, "");
  }

  /**
   * A wall-clock time on a date in a zone, resolved as Go's {@code time.Date} does: try the offset
   * in force at the wall-clock reading taken as UTC; if the result falls outside that offset's
   * period, use the offset in force at the result. In a gap this moves forward by the gap; in an
   * overlap it picks the later offset east of UTC and the earlier one west of it.
   */
  static Instant wallClock(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = LocalDateTime.of(date, time);
    ZoneRules rules = zone.getRules();
    Instant asUtc = local.toInstant(ZoneOffset.UTC);
    ZoneOffset guess = rules.getOffset(asUtc);
    Instant candidate = local.toInstant(guess);
    ZoneOffset actual = rules.getOffset(candidate);
    if (actual.equals(guess)) {
      return candidate;
    }
    return local.toInstant(actual);
  }
}
