package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationClaimsTest {
  private static final String IMPORTER = NKey.generate(NKeyType.ACCOUNT).publicKey();
  private static final String EXPORTER = NKey.generate(NKeyType.ACCOUNT).publicKey();

  static Stream<Arguments> activationVectors() {
    return ClaimsVectors.valid("activation");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activationVectors")
  void decode_goVector_matchesGoJsonValidationAndBytes(String name, JsonNode v) {
    assertInstanceOf(ActivationClaims.class, ClaimsVectors.checkValid(v));
  }

  @Test
  void builder_streamFoo_writesReferenceMinimalShape() {
    ActivationClaims a =
        ActivationClaims.builder(IMPORTER).importSubject("foo").kind(ExportType.STREAM).build();
    assertTrue(
        a.toJson()
            .endsWith(
                "\"nats\":{\"subject\":\"foo\",\"kind\":\"stream\",\"type\":\"activation\"}}"));
    assertTrue(a.isStream());
    assertFalse(a.isService());
  }

  @Test
  void fromJson_v1ActivationWithStringMax_failsAsInGo() {
    // Go 1.19 + jwt v2.3.0: "json: cannot unmarshal string into Go struct field
    // v1NatsActivation.nats.max of type int64".
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () ->
                Claims.fromJson(
                    "{\"iss\":\""
                        + EXPORTER
                        + "\",\"sub\":\""
                        + IMPORTER
                        + "\",\"type\":\"activation\","
                        + "\"nats\":{\"subject\":\"foo\",\"type\":\"service\",\"max\":\"ignored\"}}"));
    assertTrue(e.getMessage().contains("nats.max"), e.getMessage());
  }

  @Test
  void fromJson_v1Activation_movesTypeToKind() {
    ActivationClaims a =
        (ActivationClaims)
            Claims.fromJson(
                "{\"iss\":\""
                    + EXPORTER
                    + "\",\"sub\":\""
                    + IMPORTER
                    + "\",\"type\":\"activation\","
                    + "\"issuer_account\":\""
                    + EXPORTER
                    + "\",\"tags\":[\"a\"],"
                    + "\"nats\":{\"subject\":\"foo\",\"type\":\"service\",\"max\":5}}");
    assertEquals(ExportType.SERVICE, a.kind());
    assertEquals(1, a.version());
    assertEquals(EXPORTER, a.issuerAccount());
    assertTrue(
        a.toJson()
            .endsWith(
                "\"nats\":{\"subject\":\"foo\",\"kind\":\"service\",\"issuer_account\":\""
                    + EXPORTER
                    + "\",\"tags\":[\"a\"],\"type\":\"activation\",\"version\":1}}"));
  }

  @Test
  void decode_goKindUnknown_failsWithReferenceText() {
    JsonNode v = ClaimsVectors.invalidCase("activation_kind_unknown");
    MalformedJwtException e =
        assertThrows(MalformedJwtException.class, () -> Jwt.decode(v.get("jwt").asText()));
    assertTrue(e.getMessage().contains(v.get("go_error_text").asText()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "\"\"", "\"Stream\""})
  void fromJson_kindNotStreamOrService_throwsUnknownExportType(String kind) {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () ->
                Claims.fromJson(
                    "{\"sub\":\""
                        + IMPORTER
                        + "\",\"nats\":{\"kind\":"
                        + kind
                        + ",\"type\":\"activation\",\"version\":2}}"));
    String shown = kind.equals("null") ? "\"\"" : kind;
    assertEquals("unknown export type " + shown, e.getMessage());
    assertEquals("nats.kind", e.field());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "activation_kind_missing",
        "activation_issuer_account_not_account",
        "activation_expired"
      })
  void validate_goInvalidCase_matchesGoIssues(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    ActivationClaims a = Jwt.decode(v.get("jwt").asText(), ActivationClaims.class).claims();
    ClaimsVectors.assertIssues(v.get("go_validation"), a.validate(ClaimsVectors.FIXED_IAT));
  }

  @Test
  void validate_allRules_inReferenceOrder() {
    ActivationClaims a =
        ActivationClaims.builder(IMPORTER)
            .importSubject("a..b ")
            .issuerAccount(IMPORTER.replace('A', 'U'))
            .expiresAt(ClaimsVectors.FIXED_IAT.minusSeconds(1))
            .build();
    assertEquals(
        List.of(
            "claim is expired",
            "invalid import type: \"unknown\"",
            "subject \"a..b \" cannot have spaces",
            "subject \"a..b \" cannot contain consecutive `.`",
            "account_id is not an account public key"),
        ClaimsVectors.descriptions(a.validate(ClaimsVectors.FIXED_IAT)));
  }

  @Test
  void validate_serviceWithWildcard_isAllowed() {
    ActivationClaims a =
        ActivationClaims.builder(IMPORTER).importSubject("svc.*").kind(ExportType.SERVICE).build();
    assertTrue(a.validate(ClaimsVectors.FIXED_IAT).isEmpty());
  }

  @Test
  void encode_subjectNotAccount_throwsReferenceMessage() {
    NKey exporter = NKey.generate(NKeyType.ACCOUNT);
    String user = NKey.generate(NKeyType.USER).publicKey();
    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class,
            () -> Jwt.encode(ActivationClaims.builder(user).build(), exporter));
    assertEquals("expected subject to be an account", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "foo.*, foo",
    "foo.*.bar, foo",
    "*.blam, _",
    ">, _",
    "foo.bar, foo.bar",
    "a.b.>, a.b",
    ".*, .*"
  })
  void cleanSubject_wildcards_cutAtFirst(String subject, String cleaned) {
    assertEquals(cleaned, ActivationClaims.cleanSubject(subject));
  }

  @Test
  void hashId_stamped_isPaddedBase32OfSha256() throws Exception {
    ActivationClaims a =
        (ActivationClaims)
            ActivationClaims.builder(IMPORTER)
                .importSubject("foo.*")
                .kind(ExportType.STREAM)
                .build()
                .withIssuance(EXPORTER, ClaimsVectors.FIXED_IAT);
    byte[] sha =
        MessageDigest.getInstance("SHA-256")
            .digest((EXPORTER + "." + IMPORTER + ".foo").getBytes(StandardCharsets.UTF_8));
    String hash = a.hashId();
    assertEquals(56, hash.length());
    assertTrue(hash.endsWith("===="));
    assertEquals(base32(sha), hash);
  }

  @Test
  void hashId_noIssuer_throwsReferenceMessage() {
    ActivationClaims a = ActivationClaims.builder(IMPORTER).importSubject("foo").build();
    IllegalStateException e = assertThrows(IllegalStateException.class, a::hashId);
    assertEquals("not enough data in the activaion claims to create a hash", e.getMessage());
  }

  @Test
  void toBuilder_roundTrip_keepsEverything() {
    ActivationClaims a =
        ActivationClaims.builder(IMPORTER)
            .name("n")
            .importSubject("x.>")
            .kind(ExportType.SERVICE)
            .issuerAccount(EXPORTER)
            .addTags("t")
            .build();
    assertEquals(a, a.toBuilder().build());
  }

  /** An independent RFC 4648 base32 with padding. */
  private static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = buffer << 8 | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt(buffer >>> (bits - 5) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt(buffer << (5 - bits) & 31));
    }
    while (sb.length() % 8 != 0) {
      sb.append('=');
    }
    return sb.toString();
  }
}
