package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.nkey.NKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The account vectors of the Go reference (jwt-vectors.json and jwt-invalid.json): decoding,
 * byte-exact re-encoding and validation.
 *
 * <p>The vectors come from Go jwt v2.3.0 (v1.2.2 for v1 tokens). Under {@link
 * ValidationRules#JWT_2_3} every account gives exactly Go's result; under the default {@link
 * ValidationRules#CURRENT} (v2.8.2) the accounts in {@link #V282_VALIDATION} give the v2.8.2
 * result, with the reason.
 */
class AccountClaimsVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FIXED_IAT = ClaimsVectors.FIXED_IAT;

  /**
   * Vectors whose validation under {@link ValidationRules#CURRENT} (v2.8.2) differs from the v2.3.0
   * result in the file: the expected issues (description, blocking) in the order this library
   * reports them.
   */
  private static final Map<String, List<String>> V282_VALIDATION =
      Map.of(
          // v2.3.0 summed the weights in a uint8 (300 wrapped to 44); v2.8.2 sums in 32 bits.
          "account_mapping_weight_overflow_quirk",
          List.of("E Mapping \"w\" exceeds 100% among all of it's weighted to mappings"),
          // v2.8.2 (#243) checks service-import overlaps only among imports from one account.
          "imports_service_overlap",
          List.of(),
          // v2.3.0 refused wildcards in mapping destinations; v2.8.2 allows them.
          "mapping_destination_wildcard",
          List.of());

  static List<JsonNode> vectors(String file) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode doc =
        file.equals("jwt-vectors.json")
            ? ClaimsVectors.validDocument()
            : ClaimsVectors.invalidDocument();
    doc.get("vectors").forEach(out::add);
    return out;
  }

  static Stream<Arguments> accountVectors() {
    return vectors("jwt-vectors.json").stream()
        .filter(v -> v.get("claim_type").asText().equals("account"))
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  static Stream<Arguments> libraryEncodedAccountVectors() {
    return accountVectors()
        .filter(a -> ((JsonNode) a.get()[1]).get("category").asText().equals("library_encoded_v2"));
  }

  static Stream<Arguments> invalidAccountCases(String expect) {
    return vectors("jwt-invalid.json").stream()
        .filter(v -> v.get("expect").asText().equals(expect))
        .filter(v -> payloadType(v.get("jwt").asText()).equals("account"))
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  static Stream<Arguments> accountValidationCases() {
    return Stream.concat(
        invalidAccountCases("validation_blocking"), invalidAccountCases("expired"));
  }

  /** The decode errors caused by account content (issuer-type cases belong to Jwt's tests). */
  static Stream<Arguments> accountDecodeErrorCases() {
    List<String> content =
        List.of(
            "export_type_unknown",
            "signing_key_scope_kind_unknown",
            "signing_key_scope_kind_missing",
            "signing_keys_not_array",
            "latency_sampling_bogus");
    return invalidAccountCases("decode_error").filter(a -> content.contains((String) a.get()[0]));
  }

  private static String payloadType(String jwt) {
    try {
      String[] parts = jwt.split("\\.");
      if (parts.length != 3) {
        return "";
      }
      JsonNode p = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
      JsonNode nats = p.path("nats");
      return p.has("type") ? p.get("type").asText() : nats.path("type").asText();
    } catch (IOException | IllegalArgumentException e) {
      return "";
    }
  }

  /** The issues as "E|W|T description", sorted as the vector files sort them. */
  private static List<String> goIssues(JsonNode validation) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : validation.get("issues")) {
      out.add(
          (i.get("blocking").asBoolean() ? "E " : i.get("time_check").asBoolean() ? "T " : "W ")
              + i.get("description").asText());
    }
    return out;
  }

  private static List<String> issues(ValidationResult r) {
    List<String> out = new ArrayList<>();
    for (ValidationIssue i : r.issues()) {
      out.add((i.blocking() ? "E " : i.timeCheck() ? "T " : "W ") + i.description());
    }
    return out;
  }

  private static List<String> sortedByDescription(List<String> issues) {
    List<String> out = new ArrayList<>(issues);
    out.sort(Comparator.comparing((String s) -> s.substring(2)));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountVectors")
  void decode_accountVector_toJsonEqualsGoDecodedJson(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();

    assertEquals(v.get("go_decoded_claims_json").asText(), claims.toJson());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraryEncodedAccountVectors")
  void encode_libraryVector_reproducesTokenByteForByte(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();
    NKey issuer = NKey.fromSeed(v.get("issuer_seed").asText());
    Clock clock = Clock.fixed(Instant.ofEpochSecond(v.get("iat").asLong()), ZoneOffset.UTC);

    String token = Jwt.encode(claims, issuer, clock);

    assertEquals(v.get("jwt").asText(), token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraryEncodedAccountVectors")
  void encode_rebuiltFromBuilder_reproducesToken(String name, JsonNode v) {
    AccountClaims decoded = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();
    AccountClaims rebuilt = decoded.toBuilder().build();
    NKey issuer = NKey.fromSeed(v.get("issuer_seed").asText());
    Clock clock = Clock.fixed(Instant.ofEpochSecond(v.get("iat").asLong()), ZoneOffset.UTC);

    assertEquals(v.get("jwt").asText(), Jwt.encode(rebuilt, issuer, clock));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountVectors")
  void validate_accountVector_matchesGoValidation(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();

    List<String> actual = issues(claims.validate(FIXED_IAT));

    List<String> expected = V282_VALIDATION.get(name);
    if (expected == null) {
      assertEquals(goIssues(v.get("go_validation")), sortedByDescription(actual));
    } else {
      assertEquals(expected, actual);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountValidationCases")
  void validate_invalidAccountCase_matchesGoValidation(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();

    ValidationResult result = claims.validate(FIXED_IAT);

    List<String> expected = V282_VALIDATION.get(name);
    if (expected == null) {
      assertEquals(goIssues(v.get("go_validation")), sortedByDescription(issues(result)));
      assertEquals(
          v.get("go_validation").get("is_blocking_excluding_time_checks").asBoolean(),
          result.isBlocking(false));
      assertEquals(
          v.get("go_validation").get("is_blocking_including_time_checks").asBoolean(),
          result.isBlocking(true));
    } else {
      assertEquals(expected, issues(result));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountVectors")
  void validateJwt23_accountVector_equalsGoV230Exactly(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();

    ClaimsVectors.assertIssues(
        v.get("go_validation"), claims.validate(FIXED_IAT, ValidationRules.JWT_2_3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountValidationCases")
  void validateJwt23_invalidAccountCase_equalsGoV230Exactly(String name, JsonNode v) {
    AccountClaims claims = Jwt.decode(v.get("jwt").asText(), AccountClaims.class).claims();

    ClaimsVectors.assertIssues(
        v.get("go_validation"), claims.validate(FIXED_IAT, ValidationRules.JWT_2_3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accountDecodeErrorCases")
  void decode_invalidAccountCase_throwsMalformedJwtWithGoReason(String name, JsonNode v) {
    MalformedJwtException e =
        assertThrows(MalformedJwtException.class, () -> Jwt.decode(v.get("jwt").asText()));

    String goError = v.get("go_error_text").asText();
    if (!goError.startsWith("json: ")) {
      // Our own words for JSON type errors; the reference's text where it is meaningful.
      assertTrue(e.getMessage().contains(goError), e.getMessage() + " should contain " + goError);
    }
  }

  @Test
  void decode_signingKeysNotArray_namesTheField() {
    JsonNode v = ClaimsVectors.invalidCase("signing_keys_not_array");

    MalformedJwtException e =
        assertThrows(MalformedJwtException.class, () -> Jwt.decode(v.get("jwt").asText()));

    assertInstanceOf(ClaimsFormatException.class, e.getCause());
    assertEquals("nats.signing_keys", ((ClaimsFormatException) e.getCause()).field());
  }
}
