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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenericClaimsTest {
  private static final Clock CLOCK = Clock.fixed(ClaimsVectors.FIXED_IAT, ZoneOffset.UTC);

  static Stream<Arguments> genericVectors() {
    return ClaimsVectors.valid("generic");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("genericVectors")
  void decode_goVector_matchesGoJsonValidationAndBytes(String name, JsonNode v) {
    assertInstanceOf(GenericClaims.class, ClaimsVectors.checkValid(v));
  }

  @Test
  void decode_goV1Generic_copiesTopLevelTypeIntoMap() {
    JsonNode v =
        ClaimsVectors.valid("generic")
            .map(a -> (JsonNode) a.get()[1])
            .filter(n -> n.get("name").asText().equals("v1_generic"))
            .findFirst()
            .orElseThrow();
    GenericClaims g = Jwt.decode(v.get("jwt").asText(), GenericClaims.class).claims();
    assertEquals("my_type", g.data().get("type"));
    assertEquals(Optional.of(ClaimType.GENERIC), g.declaredType());
    assertEquals(1, g.version());
  }

  @Test
  void encode_fooBar_writesReferenceMinimalShape() {
    NKey key = NKey.generate(NKeyType.OPERATOR);
    GenericClaims g = GenericClaims.builder("anything").put("foo", "bar").build();
    String token = Jwt.encode(g, key, CLOCK);
    GenericClaims back = Jwt.decode(token, GenericClaims.class).claims();
    assertTrue(
        back.toJson().endsWith("\"sub\":\"anything\",\"nats\":{\"foo\":\"bar\",\"version\":2}}"));
    assertEquals(2, back.version());
  }

  @Test
  void encode_emptyMap_writesVersionOnly() {
    GenericClaims g = GenericClaims.builder("s").build();
    assertFalse(g.toJson().contains("nats"));
    assertTrue(
        g.withIssuance("I", ClaimsVectors.FIXED_IAT)
            .toJson()
            .endsWith(",\"nats\":{\"version\":2}}"));
  }

  @Test
  void encode_decodedWithoutNats_addsNoVersion() {
    GenericClaims g = (GenericClaims) Claims.fromJson("{\"sub\":\"s\"}");
    assertFalse(g.hasData());
    assertEquals(
        "{\"jti\":\"", g.withIssuance("I", ClaimsVectors.FIXED_IAT).toJson().substring(0, 8));
    assertFalse(g.withIssuance("I", ClaimsVectors.FIXED_IAT).toJson().contains("nats"));
  }

  @Test
  void fromJson_numbers_areFloat64AndWrittenShortest() {
    GenericClaims g =
        (GenericClaims)
            Claims.fromJson(
                "{\"sub\":\"s\",\"nats\":{\"z\":1.0,\"a\":[1e21,0.000001,-0,12345678901234567890],"
                    + "\"m\":{\"b\":2,\"a\":1}}}");
    assertEquals(1.0, g.data().get("z"));
    assertEquals(
        ",\"nats\":{\"a\":[1e+21,0.000001,-0,12345678901234567000],\"m\":{\"a\":1,\"b\":2},\"z\":1}}",
        g.toJson().substring(g.toJson().indexOf(",\"nats\"")));
  }

  @Test
  void fromJson_numberBeyondFloat64_throws() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () -> Claims.fromJson("{\"sub\":\"s\",\"nats\":{\"x\":1e400}}"));
    assertEquals("nats.x", e.field());
  }

  @Test
  void declaredType_referenceRules() {
    assertEquals(Optional.of(ClaimType.USER), declared(Map.of("type", "user")));
    assertEquals(
        Optional.of(ClaimType.AUTHORIZATION_RESPONSE),
        declared(Map.of("type", "authorization_response")));
    assertEquals(Optional.of(ClaimType.GENERIC), declared(Map.of("type", "my_type")));
    assertEquals(Optional.of(ClaimType.GENERIC), declared(Map.of("type", "cluster")));
    assertEquals(Optional.of(ClaimType.GENERIC), declared(Map.of("type", "generic")));
    assertEquals(
        Optional.of(ClaimType.ACCOUNT), declared(Map.of("nats", Map.of("type", "account"))));
    // A non-object "nats" value is itself taken as the type, as in the reference.
    assertEquals(Optional.of(ClaimType.OPERATOR), declared(Map.of("nats", "operator")));
    assertEquals(Optional.empty(), declared(Map.of("type", 5)));
    Map<String, Object> nullType = new java.util.HashMap<>();
    nullType.put("type", null);
    nullType.put("nats", Map.of("type", "user"));
    assertEquals(Optional.empty(), declared(nullType));
    assertEquals(Optional.empty(), declared(Map.of()));
  }

  private static Optional<ClaimType> declared(Map<String, ?> data) {
    return GenericClaims.builder("s").data(data).build().declaredType();
  }

  @Test
  void builder_tags_liveInMap() {
    GenericClaims g = GenericClaims.builder("s").addTags("A", "b").build();
    assertEquals(List.of("a", "b"), g.data().get("tags"));
    assertEquals(List.of("a", "b"), g.tags());
    GenericClaims cleared = g.toBuilder().removeTags("a", "b").build();
    assertFalse(cleared.data().containsKey("tags"));
    GenericClaims kept = g.toBuilder().put("x", 1).build();
    assertEquals(List.of("a", "b"), kept.data().get("tags"));
  }

  @Test
  void builder_values_areCopiedAndImmutable() {
    List<Object> list = new ArrayList<>(Arrays.asList(1, "two", true, null));
    GenericClaims g = GenericClaims.builder("s").put("l", list).put("n", Map.of("k", 1.5f)).build();
    list.add("later");
    assertEquals(4, ((List<?>) g.data().get("l")).size());
    assertThrows(UnsupportedOperationException.class, () -> g.data().put("x", 1));
    assertTrue(g.toJson().endsWith("\"nats\":{\"l\":[1,\"two\",true,null],\"n\":{\"k\":1.5}}}"));
  }

  @Test
  void builder_unsupportedValue_throws() {
    assertThrows(
        IllegalArgumentException.class, () -> GenericClaims.builder("s").put("x", new Object()));
    assertThrows(
        IllegalArgumentException.class, () -> GenericClaims.builder("s").put("x", Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> GenericClaims.builder("s").put("x", Map.of(1, "a")));
  }

  @Test
  void validate_expired_reportsOnlyTimeCheck() {
    GenericClaims g =
        GenericClaims.builder("s").expiresAt(ClaimsVectors.FIXED_IAT.minusSeconds(1)).build();
    assertEquals(
        List.of("claim is expired"),
        ClaimsVectors.descriptions(g.validate(ClaimsVectors.FIXED_IAT)));
  }

  @Test
  void fromJson_dataNestedDeeperThan500_refusedTyped_500Read() {
    String iss = "ADGJG7BA7QGCJ5JWFOI5DAAXEDPJNUA2IMR3PH2VPZZ2UGOQWZDZRVFX";
    String head = "{\"iss\":\"" + iss + "\",\"sub\":\"" + iss + "\",\"nats\":{\"version\":2,\"x\":";
    // 500 levels in x: read, and every operation on the data stays within a thread's stack.
    Claims ok = Claims.fromJson(head + "[".repeat(500) + "]".repeat(500) + "}}");
    assertEquals(ok.toJson(), Claims.fromJson(ok.toJson()).toJson());
    assertEquals(ok, Claims.fromJson(ok.toJson()));
    // Deeper (Go reads up to the document's 10,000 levels): a typed refusal, not a stack overflow.
    for (String deep :
        List.of(
            "[".repeat(9_000) + "]".repeat(9_000), "{\"a\":".repeat(501) + "1" + "}".repeat(501))) {
      ClaimsFormatException e =
          assertThrows(ClaimsFormatException.class, () -> Claims.fromJson(head + deep + "}}"));
      assertEquals("nats.x", e.field());
      assertTrue(e.getMessage().contains("nested deeper than 500 levels"), e.getMessage());
    }
  }
}
