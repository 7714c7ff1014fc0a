package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.jwt.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevocationListTest {
  private static final String KEY = "UDHVHYGL332SRWNQ76M4ELPKULLMO5R7TN6QE4AZOL5DYA4WQCU3CGXC";

  /** The revocations of the account in the Go "revoked" cases' context. */
  private static final RevocationList GO_ACCOUNT =
      RevocationList.of(Map.of("*", 1_699_999_000L, KEY, 1_699_999_900L));

  @ParameterizedTest
  @ValueSource(strings = {"user_revoked_by_key", "user_revoked_by_wildcard"})
  void isClaimRevoked_goRevokedCase_isTrue(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    UserClaims u = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();
    assertTrue(GO_ACCOUNT.isClaimRevoked(u));
  }

  @Test
  void isRevoked_sameSecond_isRevokedLaterIsNot() {
    assertTrue(GO_ACCOUNT.isRevoked(KEY, 1_699_999_900L));
    assertFalse(GO_ACCOUNT.isRevoked(KEY, 1_699_999_901L));
    assertTrue(GO_ACCOUNT.isRevoked("UOTHER", Instant.ofEpochSecond(1_699_999_000L, 999_999_999)));
    assertFalse(GO_ACCOUNT.isRevoked("UOTHER", 1_699_999_001L));
  }

  @Test
  void isClaimRevoked_noIssueTime_isTrue() {
    assertTrue(RevocationList.EMPTY.isClaimRevoked(UserClaims.builder(KEY).build()));
  }

  @Test
  void revoke_earlierTime_keepsLater() {
    RevocationList r =
        RevocationList.EMPTY.toBuilder()
            .revoke(KEY, Instant.ofEpochSecond(200))
            .revoke(KEY, Instant.ofEpochSecond(100))
            .build();
    assertEquals(Optional.of(Instant.ofEpochSecond(200)), r.revokedAt(KEY));
    r = r.toBuilder().revoke(KEY, Instant.ofEpochSecond(300)).build();
    assertEquals(Optional.of(Instant.ofEpochSecond(300)), r.revokedAt(KEY));
  }

  @Test
  void clear_absentAndPresent_removes() {
    RevocationList r = RevocationList.EMPTY.toBuilder().clear(KEY).build();
    assertSame(RevocationList.EMPTY, r);
    r = GO_ACCOUNT.toBuilder().clear(KEY).clear(RevocationList.ALL).build();
    assertTrue(r.isEmpty());
  }

  @Test
  void json_sortedKeys_roundTrip() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("b", 2L);
    m.put("*", 1L);
    m.put("a", 3L);
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    RevocationList.of(m).writeField(w, "revocations");
    w.endObject();
    assertEquals("{\"revocations\":{\"*\":1,\"a\":3,\"b\":2}}", w.toString());
    JsonIn in = JsonIn.parse(w.toString().getBytes(StandardCharsets.UTF_8), "");
    assertEquals(RevocationList.of(m), RevocationList.read(in, "revocations"));
    assertSame(RevocationList.EMPTY, RevocationList.read(in, "absent"));
  }
}
