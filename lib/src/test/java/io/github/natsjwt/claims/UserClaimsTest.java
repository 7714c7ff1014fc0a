package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserClaimsTest {
  private static final String USER = NKey.generate(NKeyType.USER).publicKey();
  private static final String ACCOUNT = NKey.generate(NKeyType.ACCOUNT).publicKey();

  static Stream<Arguments> userVectors() {
    return ClaimsVectors.valid("user");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("userVectors")
  void decode_goVector_matchesGoJsonValidationAndBytes(String name, JsonNode v) {
    Claims c = ClaimsVectors.checkValid(v);
    assertInstanceOf(UserClaims.class, c);
  }

  @Test
  void builder_defaults_writeReferenceMinimalShape() {
    UserClaims u = UserClaims.builder(USER).build();
    assertTrue(
        u.toJson()
            .endsWith(
                "\"sub\":\""
                    + USER
                    + "\",\"nats\":{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,"
                    + "\"payload\":-1,\"type\":\"user\"}}"),
        u.toJson());
    assertTrue(u.permissionLimits().isUnlimited());
    assertFalse(u.hasEmptyPermissions());
    assertEquals(ClaimType.USER, u.type());
  }

  @Test
  void encode_defaults_writeVersion2AndUserType() {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    String token =
        Jwt.encode(
            UserClaims.builder(USER).build(),
            account,
            Clock.fixed(ClaimsVectors.FIXED_IAT, ZoneOffset.UTC));
    UserClaims back = Jwt.decode(token, UserClaims.class).claims();
    assertTrue(
        back.toJson()
            .endsWith(
                "\"nats\":{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1,"
                    + "\"type\":\"user\",\"version\":2}}"));
  }

  @Test
  void scoped_true_clearsEverythingIncludingDefaults() {
    UserClaims u =
        UserClaims.builder(USER)
            .pub(Permission.allowing("a.>"))
            .bearerToken(true)
            .addAllowedConnectionTypes(ConnectionType.MQTT)
            .scoped(true)
            .issuerAccount(ACCOUNT)
            .build();
    assertTrue(u.hasEmptyPermissions());
    assertTrue(
        u.toJson()
            .endsWith(
                "\"nats\":{\"pub\":{},\"sub\":{},\"issuer_account\":\""
                    + ACCOUNT
                    + "\",\"type\":\"user\"}}"));
  }

  @Test
  void scoped_false_resetsLimitsKeepsPermissions() {
    UserClaims u =
        UserClaims.builder(USER)
            .scoped(true)
            .pub(Permission.allowing("a.>"))
            .addSrc("10.0.0.0/8")
            .addTimes(new TimeRange("01:00:00", "02:00:00"))
            .timesLocation("UTC")
            .bearerToken(true)
            .payload(5)
            .scoped(false)
            .build();
    UserPermissionLimits l = u.permissionLimits();
    assertEquals(List.of("a.>"), l.permissions().pub().allow());
    assertEquals(List.of(), l.src());
    assertEquals(List.of(), l.times());
    assertEquals("", l.timesLocation());
    assertEquals(-1, l.subs());
    assertEquals(-1, l.data());
    assertEquals(-1, l.payload());
    assertTrue(u.isBearerToken());
  }

  @Test
  void fromJson_missingLimits_readAsZero() {
    UserClaims u =
        (UserClaims)
            Claims.fromJson(
                "{\"sub\":\"" + USER + "\",\"nats\":{\"type\":\"user\",\"version\":2}}");
    assertEquals(0, u.permissionLimits().subs());
    assertEquals(0, u.permissionLimits().data());
    assertEquals(0, u.permissionLimits().payload());
    assertTrue(u.hasEmptyPermissions());
    assertTrue(
        u.toJson().endsWith("\"nats\":{\"pub\":{},\"sub\":{},\"type\":\"user\",\"version\":2}}"));
  }

  @Test
  void fromJson_v1User_migratesSrcDefaultsAndTopLevelFields() {
    String json =
        "{\"iss\":\""
            + ACCOUNT
            + "\",\"sub\":\""
            + USER
            + "\",\"tags\":[\"t\"],"
            + "\"type\":\"user\",\"issuer_account\":\""
            + ACCOUNT
            + "\",\"nats\":{\"pub\":{},"
            + "\"src\":\"10.0.0.0/8, FE80::/10\",\"max\":7,\"allowed_connection_types\":[\"MQTT\"],"
            + "\"proxy_required\":true,\"issuer_account\":\"ignored\"}}";
    UserClaims u = (UserClaims) Claims.fromJson(json);
    assertEquals(1, u.version());
    assertEquals(List.of("10.0.0.0/8", "fe80::/10"), u.permissionLimits().src());
    assertEquals(-1, u.permissionLimits().subs());
    assertEquals(List.of(), u.permissionLimits().allowedConnectionTypes());
    assertFalse(u.permissionLimits().proxyRequired());
    assertEquals(ACCOUNT, u.issuerAccount());
    assertEquals(List.of("t"), u.tags());
  }

  @Test
  void fromJson_srcNumber_throwsWithFieldPath() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () ->
                Claims.fromJson(
                    "{\"sub\":\""
                        + USER
                        + "\",\"nats\":{\"src\":5,\"type\":\"user\",\"version\":2}}"));
    assertEquals("nats.src", e.field());
  }

  @Test
  void fromJson_missingVersion_throwsLikeReference() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () -> Claims.fromJson("{\"sub\":\"" + USER + "\",\"nats\":{\"type\":\"user\"}}"));
    assertEquals("nats.version", e.field());
  }

  @Test
  void encode_subjectNotUserKey_throwsReferenceMessage() {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class,
            () -> Jwt.encode(UserClaims.builder(ACCOUNT).build(), account));
    assertEquals("expected subject to be user public key", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "user_invalid_cidr",
        "user_time_range_invalid",
        "user_time_range_missing_end",
        "user_bad_locale",
        "user_pub_permission_with_queue",
        "user_permission_too_many_spaces",
        "user_permission_empty_subject",
        "user_issuer_account_not_account",
        "user_expired",
        "user_not_yet_valid",
        "user_expired_and_not_yet_valid",
        "scoped_user_with_permissions",
        "scoped_user_with_default_limits"
      })
  void validate_goInvalidCase_matchesGoIssues(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    UserClaims u = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();
    ClaimsVectors.assertIssues(v.get("go_validation"), u.validate(ClaimsVectors.FIXED_IAT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"scoped_user_with_permissions", "scoped_user_with_default_limits"})
  void hasEmptyPermissions_scopedViolation_isFalse(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    UserClaims u = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();
    assertFalse(u.hasEmptyPermissions());
  }

  @Test
  void validate_timeRanges_inReferenceOrder() {
    UserClaims u =
        UserClaims.builder(USER)
            .addTimes(new TimeRange("25:00:00", "26:00:00"), new TimeRange("", ""))
            .build();
    assertEquals(
        List.of(
            "start in time range is invalid \"25:00:00\"",
            "end in time range is invalid \"26:00:00\"",
            "time ranges start must contain a start",
            "time ranges end must contain an end"),
        ClaimsVectors.descriptions(u.validate(ClaimsVectors.FIXED_IAT)));
  }

  @Test
  void validate_allRules_inReferenceOrder() {
    UserClaims u =
        UserClaims.builder(USER)
            .pub(Permission.allowing("p q"))
            .sub(Permission.allowing("a b c"))
            .addSrc("1.2.3.4")
            .addTimes(new TimeRange("9:00:00", "x"))
            .timesLocation("Mars/Base")
            .issuerAccount(USER)
            .expiresAt(ClaimsVectors.FIXED_IAT.minusSeconds(1))
            .build();
    assertEquals(
        List.of(
            "claim is expired",
            "Permission Subject \"a b c\" contains too many spaces",
            "Permission Subject \"p q\" is not allowed to contain queue",
            "invalid cidr \"1.2.3.4\" in user src limits",
            "end in time range is invalid \"x\"",
            "could not parse iana time zone by name: unknown time zone Mars/Base",
            "account_id is not an account public key"),
        ClaimsVectors.descriptions(u.validate(ClaimsVectors.FIXED_IAT)));
  }

  @Test
  void validate_queueInSubscribe_isAllowed() {
    UserClaims u = UserClaims.builder(USER).sub(Permission.allowing("work.* workers")).build();
    assertTrue(u.validate(ClaimsVectors.FIXED_IAT).isEmpty());
  }

  @Test
  void toBuilder_roundTrip_keepsEverything() {
    UserClaims u =
        UserClaims.builder(USER)
            .name("alice")
            .pub(Permission.allowing("a").withDenied("b"))
            .resp(new ResponsePermission(2, Duration.ofSeconds(3)))
            .setSrc("10.0.0.0/8,192.0.2.0/24")
            .addTimes(new TimeRange("01:00:00", "02:00:00"))
            .timesLocation("Europe/Berlin")
            .subs(1)
            .data(2)
            .payload(3)
            .bearerToken(true)
            .proxyRequired(true)
            .addAllowedConnectionTypes(ConnectionType.of("FUTURE"), ConnectionType.STANDARD)
            .issuerAccount(ACCOUNT)
            .addTags("X")
            .build();
    assertEquals(u, u.toBuilder().build());
    Claims stamped = u.withIssuance(ACCOUNT, ClaimsVectors.FIXED_IAT);
    assertEquals(stamped.toJson(), Claims.fromJson(stamped.toJson()).toJson());
    assertTrue(
        u.toJson()
            .contains(
                "\"resp\":{\"max\":2,\"ttl\":3000000000},\"src\":[\"10.0.0.0/8\",\"192.0.2.0/24\"],"
                    + "\"times\":[{\"start\":\"01:00:00\",\"end\":\"02:00:00\"}],\"times_location\":"
                    + "\"Europe/Berlin\",\"subs\":1,\"data\":2,\"payload\":3,\"bearer_token\":true,"
                    + "\"proxy_required\":true,\"allowed_connection_types\":[\"FUTURE\",\"STANDARD\"],"
                    + "\"issuer_account\":\""
                    + ACCOUNT
                    + "\",\"tags\":[\"x\"],\"type\":\"user\"}"),
        u.toJson());
  }

  @Test
  void toString_showsNoPermissions() {
    UserClaims u = UserClaims.builder(USER).name("alice").build();
    assertEquals("UserClaims[sub=" + USER + ", iss=, name=alice]", u.toString());
  }
}
