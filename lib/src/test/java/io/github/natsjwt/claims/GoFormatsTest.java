package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoFormatsTest {
  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, true",
    "0.0.0.0/0, true",
    "10.0.0.1/32, true",
    "10.0.0.1/33, false",
    "192.168.1.1, false",
    "192.168.01.1/24, false",
    "256.0.0.0/8, false",
    "1.2.3/8, false",
    "1.2.3.4.5/8, false",
    "1.2.3.4/, false",
    "1.2.3.4/+8, false",
    "1.2.3.4/008, true",
    "2001:db8::/32, true",
    "::/0, true",
    "::1/128, true",
    "fe80::/10, true",
    "FE80::/10, true",
    "::ffff:1.2.3.4/120, true",
    "1:2:3:4:5:6:1.2.3.4/64, true",
    "1:2:3:4:5:1.2.3.4/64, false",
    "1:2:3:4:5:6:7:8/64, true",
    "1:2:3:4:5:6:7:8:9/64, false",
    "1::2::3/64, false",
    "::1:2:3:4:5:6:7:8/64, false",
    "12345::/16, false",
    "fe80::1%eth0/64, false",
    "2001:db8::/129, false",
    "host/24, false",
    "/24, false"
  })
  void isCidr_goParseCidrRules(String cidr, boolean ok) {
    assertEquals(ok, GoFormats.isCidr(cidr), cidr);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "09:00:00| true",
        "9:00:00| true",
        "23:59:59| true",
        "00:00:00.123| true",
        "00:00:00,5| true",
        "24:00:00| false",
        "12:60:00| false",
        "12:00:60| false",
        "12:0:00| false",
        "12:00:00.| false",
        "'12:00:00 '| false",
        "123:00:00| false",
        "12:00| false"
      })
  void isClockTime_goLayout150405(String s, boolean ok) {
    assertEquals(ok, GoFormats.isClockTime(s), s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "UTC", "Local", "America/New_York", "Europe/Berlin", "Etc/GMT+5"})
  void locationProblem_knownZones_null(String zone) {
    assertNull(GoFormats.locationProblem(zone));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Mars/Olympus_Mons|unknown time zone Mars/Olympus_Mons",
        "america/new_york|unknown time zone america/new_york",
        "../etc/passwd|time: invalid location name",
        "/etc/localtime|time: invalid location name",
        // Go 1.19's time.LoadLocation on Debian, checked by running it:
        "America|is a directory",
        "America/Argentina|is a directory",
        "Nowhere/Else|unknown time zone Nowhere/Else"
      })
  void locationProblem_unknown_goMessage(String zone, String message) {
    assertEquals(message, GoFormats.locationProblem(zone));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "Europe/Ber\u0000lin"})
  void locationProblem_nul_goSyscallMessage(String zone) {
    // Go's syscall layer refuses a path with a NUL byte: EINVAL, "invalid argument".
    assertEquals("invalid argument", GoFormats.locationProblem(zone));
  }
}
