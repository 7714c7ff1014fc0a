package io.github.natsjwt.cli.creds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "30m, PT30M",
    "12h, PT12H",
    "7d, PT168H",
    "2w, PT336H",
    "1y, PT8760H",
    "1h30m, PT1H30M",
    "1D, PT24H",
    "PT12H, PT12H",
    "P1D, PT24H"
  })
  void convert_validDuration_parsed(String text, String expected) {
    assertEquals(Duration.parse(expected), new Durations().convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0s", "0h0m", "1", "h", "1x", "-1h", "1h-", "PT-1H", "P", "1.5h"})
  void convert_notAPositiveDuration_throwsSayingWhatWorks(String text) {
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> new Durations().convert(text));

    assertEquals(true, e.getMessage().contains("for example 90s"), e.getMessage());
  }
}
