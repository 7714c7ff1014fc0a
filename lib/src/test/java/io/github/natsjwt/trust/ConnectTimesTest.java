package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectTimesTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static ConnectTimes.Outcome at(String now, boolean bug, TimeRange... ranges) {
    return ConnectTimes.evaluate(List.of(ranges), "", UTC, Instant.parse(now), bug);
  }

  @Test
  void evaluate_noRanges_alwaysWithoutEnd() {
    ConnectTimes.Outcome o = ConnectTimes.evaluate(List.of(), "", UTC, Instant.EPOCH, true);
    assertTrue(o.allowed());
    assertTrue(o.windowEnd().isEmpty());
  }

  @Test
  void evaluate_boundaries_strict() {
    TimeRange r = new TimeRange("09:00:00", "17:00:00");
    assertFalse(at("2026-03-02T09:00:00Z", false, r).allowed());
    assertTrue(at("2026-03-02T09:00:00.001Z", false, r).allowed());
    assertFalse(at("2026-03-02T17:00:00Z", false, r).allowed());
  }

  @Test
  void evaluate_bugProfile_firstMatchWins() {
    TimeRange shortOne = new TimeRange("11:00:00", "12:30:00");
    TimeRange longOne = new TimeRange("10:00:00", "20:00:00");
    assertEquals(
        Instant.parse("2026-03-02T12:30:00Z"),
        at("2026-03-02T12:00:00Z", true, shortOne, longOne).windowEnd().orElseThrow());
    assertEquals(
        Instant.parse("2026-03-02T20:00:00Z"),
        at("2026-03-02T12:00:00Z", false, shortOne, longOne).windowEnd().orElseThrow());
  }

  @Test
  void evaluate_unparsableRange_refused() {
    ConnectTimes.Outcome o = at("2026-03-02T12:00:00Z", false, new TimeRange("noon", "17:00:00"));
    assertFalse(o.allowed());
    assertTrue(o.problem().contains("noon"));
  }

  @Test
  void evaluate_timesLocation_usedInsteadOfServerZone() {
    // 12:00 UTC is 13:00 in Berlin in March (UTC+1).
    List<TimeRange> r = List.of(new TimeRange("12:30:00", "13:30:00"));
    Instant noon = Instant.parse("2026-03-02T12:00:00Z");
    assertTrue(ConnectTimes.evaluate(r, "Europe/Berlin", UTC, noon, false).allowed());
    assertFalse(ConnectTimes.evaluate(r, "", UTC, noon, false).allowed());
    assertTrue(
        ConnectTimes.evaluate(r, "Local", ZoneId.of("Europe/Berlin"), noon, false).allowed());
    assertFalse(ConnectTimes.evaluate(r, "UTC", ZoneId.of("Europe/Berlin"), noon, false).allowed());
  }

  @Test
  void wallClock_springGap_movesForwardByTheGap() {
    // Berlin, 2026-03-29: 02:00 jumps to 03:00; Go's time.Date gives 03:30 CEST for 02:30.
    Instant t =
        ConnectTimes.wallClock(
            LocalDate.of(2026, 3, 29), LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertEquals(Instant.parse("2026-03-29T01:30:00Z"), t);
  }

  @Test
  void wallClock_autumnOverlapEastOfUtc_laterOffset() {
    // Berlin, 2026-10-25: 02:30 happens twice; Go picks the second (CET, UTC+1).
    Instant t =
        ConnectTimes.wallClock(
            LocalDate.of(2026, 10, 25), LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertEquals(Instant.parse("2026-10-25T01:30:00Z"), t);
  }

  @Test
  void wallClock_autumnOverlapWestOfUtc_earlierOffset() {
    // New York, 2026-11-01: 01:30 happens twice; Go picks the first (EDT, UTC-4).
    Instant t =
        ConnectTimes.wallClock(
            LocalDate.of(2026, 11, 1), LocalTime.of(1, 30), ZoneId.of("America/New_York"));
    assertEquals(Instant.parse("2026-11-01T05:30:00Z"), t);
  }
}
