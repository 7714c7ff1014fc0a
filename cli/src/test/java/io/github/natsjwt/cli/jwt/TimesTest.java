package io.github.natsjwt.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.InputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {
  @ParameterizedTest
  @CsvSource({
    "30s,30",
    "30m,1800",
    "24h,86400",
    "1d12h,129600",
    "2w,1209600",
    "1y,31536000",
    "PT12H,43200",
    "p1d,86400",
    "90D,7776000"
  })
  void parseDuration_valid_returnsSeconds(String text, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), Times.parseDuration(text, "--expires"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "soon", "0s", "1", "h", "1h 30m", "PT0S", "-PT1H", "99999999999999999999d"})
  void parseDuration_invalid_throws(String text) {
    InputException e =
        assertThrows(InputException.class, () -> Times.parseDuration(text, "--expires"));

    assertTrue(e.getMessage().startsWith("--expires "), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "2030-01-01T00:00:00Z,1893456000",
    "2030-01-01,1893456000",
    "1700000000,1700000000",
    "2030-01-01T00:00:00.900Z,1893456000"
  })
  void parseInstant_valid_returnsWholeSeconds(String text, long seconds) {
    assertEquals(Instant.ofEpochSecond(seconds), Times.parseInstant(text, "--at"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomorrow", "2030-13-01", "2030-01-01 00:00", ""})
  void parseInstant_invalid_throws(String text) {
    assertThrows(InputException.class, () -> Times.parseInstant(text, "--at"));
  }

  @Test
  void format_seconds_showsUtcDateAndNumber() {
    assertEquals("2023-11-14 22:13:20 UTC (1700000000)", Times.format(1700000000L));
    assertEquals(Long.MAX_VALUE + " seconds since 1970", Times.formatDate(Long.MAX_VALUE));
  }

  @Test
  void relative_pastAndFuture_usesLargestUnit() {
    Instant now = Instant.ofEpochSecond(1_000_000_000L);

    assertEquals("now", Times.relative(1_000_000_000L, now));
    assertEquals("in 1 second", Times.relative(1_000_000_001L, now));
    assertEquals("90 seconds ago", Times.relative(1_000_000_000L - 90, now));
    assertEquals("in 30 minutes", Times.relative(1_000_000_000L + 1800, now));
    assertEquals("in 3 hours", Times.relative(1_000_000_000L + 3 * 3600, now));
    assertEquals("5 days ago", Times.relative(1_000_000_000L - 5 * 86400, now));
    assertEquals("in 10 years", Times.relative(1_000_000_000L + 10 * 365 * 86400L + 3, now));
    assertEquals("in the far future", Times.relative(Long.MAX_VALUE, Instant.ofEpochSecond(-5)));
  }

  @Test
  void format_duration_usesLargestDividingUnit() {
    assertEquals("0s", Times.format(Duration.ZERO));
    assertEquals("2h", Times.format(Duration.ofHours(2)));
    assertEquals("90s", Times.format(Duration.ofSeconds(90)));
    assertEquals("1500ms", Times.format(Duration.ofMillis(1500)));
    assertEquals("7ns", Times.format(Duration.ofNanos(7)));
  }
}
