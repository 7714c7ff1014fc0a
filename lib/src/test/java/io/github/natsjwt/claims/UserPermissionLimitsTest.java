package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserPermissionLimitsTest {
  private static String json(UserPermissionLimits l) {
    GoJsonWriter w = new GoJsonWriter();
    l.write(w);
    return w.toString();
  }

  private static UserPermissionLimits read(String json, long def) {
    return UserPermissionLimits.read(
        JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "template"), def);
  }

  @Test
  void builder_defaults_areScopeTemplateDefaults() {
    assertEquals(
        "{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1}",
        json(UserPermissionLimits.builder().build()));
    assertEquals("{\"pub\":{},\"sub\":{}}", json(UserPermissionLimits.EMPTY));
    assertTrue(UserPermissionLimits.EMPTY.isEmpty());
    assertFalse(UserPermissionLimits.builder().build().isEmpty());
  }

  @Test
  void read_missingLimits_takeTheDefault() {
    assertEquals(-1, read("{}", -1).payload());
    assertEquals(0, read("{}", 0).payload());
    assertEquals(0, read("{\"payload\":0}", -1).payload());
    assertEquals(-1, read("{\"payload\":null}", -1).payload());
  }

  @Test
  void read_srcForms_likeCidrList() {
    assertEquals(List.of("A/1", "a/1", ""), read("{\"src\":[\"A/1\",\"a/1\",null]}", 0).src());
    assertEquals(
        List.of("192.168.1.0/24", "10.0.0.1/32", "fe80::/10"),
        read("{\"src\":\"192.168.1.0/24, 10.0.0.1/32,FE80::/10,,10.0.0.1/32\"}", 0).src());
    assertEquals(List.of(), read("{\"src\":null}", 0).src());
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> read("{\"src\":[1]}", 0));
    assertEquals("template.src", e.path());
  }

  @Test
  void fullValue_roundTripsThroughTemplateJson() {
    UserPermissionLimits l =
        UserPermissionLimits.builder()
            .pub(Permission.allowing("a", "a", "").withDenied("b"))
            .sub(Permission.allowing("c q"))
            .resp(new ResponsePermission(0, Duration.ZERO))
            .addSrc(" 10.0.0.0/8 ", "10.0.0.0/8")
            .addTimes(new TimeRange("", "02:00:00"))
            .timesLocation("UTC")
            .subs(0)
            .bearerToken(true)
            .proxyRequired(true)
            .addAllowedConnectionTypes(ConnectionType.LEAFNODE_WS, ConnectionType.LEAFNODE_WS)
            .build();
    String j = json(l);
    assertEquals(
        "{\"pub\":{\"allow\":[\"a\"],\"deny\":[\"b\"]},\"sub\":{\"allow\":[\"c q\"]},"
            + "\"resp\":{\"max\":0,\"ttl\":0},\"src\":[\"10.0.0.0/8\"],\"times\":[{\"end\":"
            + "\"02:00:00\"}],\"times_location\":\"UTC\",\"data\":-1,\"payload\":-1,"
            + "\"bearer_token\":true,\"proxy_required\":true,\"allowed_connection_types\":"
            + "[\"LEAFNODE_WS\"]}",
        j);
    UserPermissionLimits back = read(j, 0);
    assertEquals(l, back);
    assertEquals(l.hashCode(), back.hashCode());
    assertEquals(l, l.toBuilder().build());
    assertFalse(l.isEmpty());
  }

  @Test
  void isEmpty_anySingleField_isNotEmpty() {
    assertFalse(
        UserPermissionLimits.EMPTY.toBuilder()
            .resp(new ResponsePermission(0, Duration.ZERO))
            .build()
            .isEmpty());
    assertFalse(UserPermissionLimits.EMPTY.toBuilder().timesLocation("UTC").build().isEmpty());
    assertFalse(UserPermissionLimits.EMPTY.toBuilder().proxyRequired(true).build().isEmpty());
    assertFalse(
        UserPermissionLimits.EMPTY.toBuilder()
            .addAllowedConnectionTypes(ConnectionType.MQTT)
            .build()
            .isEmpty());
    assertTrue(
        UserPermissionLimits.EMPTY.toBuilder().addSrc("x").removeSrc(" X ").build().isEmpty());
  }

  @Test
  void isUnlimited_needsNoSrcNoTimesAndMinusOnes() {
    assertTrue(UserPermissionLimits.builder().timesLocation("UTC").build().isUnlimited());
    assertFalse(UserPermissionLimits.builder().addSrc("1.2.3.0/24").build().isUnlimited());
    assertFalse(UserPermissionLimits.EMPTY.isUnlimited());
  }

  @Test
  void connectionType_unknownValues_arePreserved() {
    ConnectionType t = ConnectionType.of("FUTURE_KIND");
    assertFalse(t.isKnown());
    assertEquals("FUTURE_KIND", t.value());
    assertTrue(ConnectionType.of("MQTT_WS").isKnown());
    assertEquals(ConnectionType.MQTT_WS, ConnectionType.of("MQTT_WS"));
    assertEquals(7, ConnectionType.knownValues().size());
  }

  @Test
  void responsePermission_ttlBeyondNanos_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ResponsePermission(1, Duration.ofDays(365L * 1000)));
  }

  @Test
  void permissions_validate_subBeforePub() {
    ValidationResult.Collector c = new ValidationResult.Collector();
    Permissions.of(Permission.allowing("p q"), Permission.EMPTY.withDenied("a b c", ""))
        .validate(c);
    assertEquals(
        List.of(
            "Permission Subject \"a b c\" contains too many spaces",
            "Permission Subject \"p q\" is not allowed to contain queue"),
        ClaimsVectors.descriptions(c.result()));
  }

  @Test
  void permission_withAndWithout_stringListSemantics() {
    Permission p = Permission.allowing("a", "b", "a").withoutAllowed("a", "zz");
    assertEquals(List.of("b"), p.allow());
    assertTrue(Permission.EMPTY.isEmpty());
    assertFalse(p.isEmpty());
    assertEquals(List.of(), p.withDenied("d").withoutDenied("d").deny());
  }

  @Test
  void isEmpty_decodedEmptyArrays_notEmptyAsInGo() {
    // Go compares with the zero value deeply: an empty slice is not a nil slice (trust-chain.md
    // section 4.2), so a scoped user carrying any of these is rejected.
    for (String fields :
        List.of(
            "\"src\":[]",
            "\"src\":\"\"",
            "\"src\":\" , \"",
            "\"pub\":{\"allow\":[]}",
            "\"pub\":{\"deny\":[]}",
            "\"sub\":{\"allow\":[]}",
            "\"sub\":{\"deny\":[]}",
            "\"times\":[]",
            "\"allowed_connection_types\":[]",
            "\"resp\":{}")) {
      UserPermissionLimits l = read("{" + fields + "}", 0);
      assertFalse(l.isEmpty(), fields);
      assertFalse(l.toBuilder().build().isEmpty(), fields);
    }
  }

  @Test
  void isEmpty_decodedNullsAndEmptyObjects_empty() {
    for (String fields :
        List.of(
            "\"src\":null",
            "\"pub\":{}",
            "\"sub\":{\"allow\":null}",
            "\"times\":null",
            "\"resp\":null",
            "\"subs\":0",
            "\"src\":[],\"src\":null",
            "\"pub\":{\"allow\":[],\"allow\":null}")) {
      assertTrue(read("{" + fields + "}", 0).isEmpty(), fields);
    }
  }

  @Test
  void isEmpty_explicitEmptyListReEncoded_emptyAgainAsInGo() {
    UserPermissionLimits l = read("{\"src\":[],\"pub\":{\"allow\":[]}}", 0);
    assertFalse(l.isEmpty());
    assertTrue(read(json(l), 0).isEmpty());
    assertFalse(l.equals(read(json(l), 0)));
  }
}
