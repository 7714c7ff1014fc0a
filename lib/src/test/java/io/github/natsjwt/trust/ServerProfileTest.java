package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.claims.ValidationRules;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServerProfileTest {
  /**
   * Which of the three observed releases show each behaviour, written by hand, not from the code:
   * the first eleven rows from spec trust-chain.md section 9 (and sections 3.5, 4.3 and 4.4 for the
   * fixed-in versions), the last three from the live observations recorded in CHANGELOG.md (2.14.5
   * clamps limits and splits publish deny entries; 2.10.27 has the publish matcher quirk). Columns:
   * 2.9.10, 2.10.27, 2.14.5.
   */
  private static final String EXPECTED =
      """
      TEMPLATES_ANYWHERE               no  no  yes   # 2.11.0
      TEMPLATE_CONNECTION_TYPES        no  yes yes   # 2.10.19 / 2.11.0
      IN_PROCESS_CONNECTIONS           no  no  yes   # 2.11.0
      MIDNIGHT_WINDOW_BUG              yes yes no    # fixed 2.11.17 / 2.12.8 / 2.14.0
      QUEUED_DENY_OVERRIDES_PLAIN_DENY yes yes no    # fixed 2.14.0
      AUTH_CALLOUT                     no  yes yes   # 2.10.0
      TOKEN_SIZE_CAP                   no  no  yes   # jwt 2.8.1: 2.12.6 / 2.14.0
      JWT_LIBRARY_2_3                  yes no  no    # 2.9.x is built with jwt 2.3.0
      TEMPLATE_SUBJECT_LIMIT           no  no  yes   # 2.11.14 / 2.12.5 / 2.14.0
      TEMPLATE_EMPTY_TAG_CRASH         yes no  no    # fixed 2.10.5
      PROXY_REQUIRED                   no  no  yes   # 2.12.0
      LIMITS_SATURATE                  no  no  yes   # observed: 2.9.10 and 2.10.27 truncate
      PUBLISH_DENY_SPLITS_WHITESPACE   no  no  yes   # observed on 2.14.5 only
      PUBLISH_MATCH_QUIRK              no  yes no    # observed on 2.10.27 only
      """;

  private static final Map<ServerProfile, String> RELEASE =
      Map.of(
          ServerProfile.V2_9, "2.9.10",
          ServerProfile.V2_10, "2.10.27",
          ServerProfile.LATEST, "2.14.5");

  @Test
  void validationRules_eachProfile_matchesItsJwtLibrary() {
    // nats-server 2.9.x is built with jwt 2.3.0; 2.10 and later with jwt 2.5 or newer.
    assertEquals(ValidationRules.JWT_2_3, ServerProfile.V2_9.validationRules());
    // 2.10.27 compares service imports across exporters, as jwt 2.3.0 does (observed live).
    assertEquals(ValidationRules.SERVER_2_10, ServerProfile.V2_10.validationRules());
    assertEquals(ValidationRules.CURRENT, ServerProfile.LATEST.validationRules());
    for (ServerProfile p : ServerProfile.values()) {
      assertEquals(p.jwtLibrary23(), p.validationRules() == ValidationRules.JWT_2_3, p.name());
    }
  }

  @Test
  void behaviours_eachProfile_equalTheSpecTable() {
    Map<String, Set<ServerBehaviour>> expected = new TreeMap<>();
    String[] releases = {"2.9.10", "2.10.27", "2.14.5"};
    for (String r : releases) {
      expected.put(r, EnumSet.noneOf(ServerBehaviour.class));
    }
    int rows = 0;
    for (String line : EXPECTED.strip().split("\n")) {
      String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
      assertEquals(4, f.length, line);
      for (int i = 0; i < releases.length; i++) {
        if (f[i + 1].equals("yes")) {
          expected.get(releases[i]).add(ServerBehaviour.valueOf(f[0]));
        }
      }
      rows++;
    }
    // Every behaviour has a row: a new one must be added to the table too.
    assertEquals(ServerBehaviour.values().length, rows);
    for (ServerProfile p : ServerProfile.values()) {
      assertEquals(RELEASE.get(p), p.version(), p.name());
      assertEquals(expected.get(p.version()), p.behaviours(), p.name());
    }
  }

  @Test
  void has_eachBehaviour_agreesWithBehavioursAndTheNamedMethods() {
    for (ServerProfile p : ServerProfile.values()) {
      for (ServerBehaviour b : ServerBehaviour.values()) {
        assertEquals(p.behaviours().contains(b), p.has(b), p + " " + b);
      }
      assertEquals(p.has(ServerBehaviour.TEMPLATES_ANYWHERE), p.templatesAnywhere());
      assertEquals(p.has(ServerBehaviour.TEMPLATE_CONNECTION_TYPES), p.templateConnectionTypes());
      assertEquals(p.has(ServerBehaviour.MIDNIGHT_WINDOW_BUG), p.midnightWindowBug());
      assertEquals(
          p.has(ServerBehaviour.QUEUED_DENY_OVERRIDES_PLAIN_DENY),
          p.queuedDenyOverridesPlainDeny());
      assertEquals(p.has(ServerBehaviour.AUTH_CALLOUT), p.authCallout());
      assertEquals(p.has(ServerBehaviour.TOKEN_SIZE_CAP), p.tokenSizeCap());
      assertEquals(p.has(ServerBehaviour.JWT_LIBRARY_2_3), p.jwtLibrary23());
      assertEquals(p.has(ServerBehaviour.TEMPLATE_SUBJECT_LIMIT), p.templateSubjectLimit());
      assertEquals(p.has(ServerBehaviour.TEMPLATE_EMPTY_TAG_CRASH), p.templateEmptyTagCrash());
      assertEquals(p.has(ServerBehaviour.PROXY_REQUIRED), p.proxyRequired());
      assertEquals(p.has(ServerBehaviour.LIMITS_SATURATE), p.limitsSaturate());
      assertEquals(
          p.has(ServerBehaviour.PUBLISH_DENY_SPLITS_WHITESPACE), p.publishDenySplitsWhitespace());
      assertEquals(p.has(ServerBehaviour.PUBLISH_MATCH_QUIRK), p.publishMatchQuirk());
    }
  }

  @Test
  void behaviours_isUnmodifiable() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> ServerProfile.LATEST.behaviours().add(ServerBehaviour.JWT_LIBRARY_2_3));
    assertThrows(NullPointerException.class, () -> ServerProfile.LATEST.has(null));
  }
}
