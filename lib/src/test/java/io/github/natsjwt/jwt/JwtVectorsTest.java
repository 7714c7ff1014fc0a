package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.JwtTestData;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every valid token of the Go reference ({@code testdata/jwt-vectors.json}) through {@link
 * Jwt#decode}: the claims, header and payload as Go read them, the {@code jti}, byte-identical
 * re-encoding of the tokens the Go library wrote, and the validation results.
 *
 * <p>A vector whose claim type this library cannot read yet fails (it is never skipped). The
 * vectors come from Go jwt v2.3.0: validated with {@link ValidationRules#JWT_2_3} every vector
 * gives exactly Go's result. Where v2.8.2 ({@link ValidationRules#CURRENT}, the default) gives
 * another result, the expected result is in {@link #VALIDATION_DIFFERENCES} with the reason, and
 * the difference is checked to depend on the rule set.
 */
class JwtVectorsTest {
  /** The number of vectors in the file; a guard against a truncated copy. */
  private static final int VECTOR_COUNT = 40;

  /** The time every vector is validated at: the generator's fixed {@code iat}. */
  private static final Instant VALIDATION_TIME =
      Instant.ofEpochSecond(JwtTestData.validDocument().get("meta").get("fixed_iat").asLong());

  /**
   * A validation result this library must give instead of the one recorded by Go v2.3.0.
   *
   * @param reason why v2.8.2 differs, in one line
   * @param issues the expected issues
   */
  record Difference(String reason, List<ValidationIssue> issues) {}

  /**
   * Vectors whose validation result under {@link ValidationRules#CURRENT} (v2.8.2) differs from the
   * recorded v2.3.0 one; under {@link ValidationRules#JWT_2_3} they give Go's result.
   */
  static final Map<String, Difference> VALIDATION_DIFFERENCES =
      Map.of(
          "account_mapping_weight_overflow_quirk",
          new Difference(
              "v2.3.0 summed mapping weights in a uint8 (3 x 100 wrapped to 44); v2.8.2 sums in a"
                  + " wider integer, so 300% is reported",
              List.of(
                  new ValidationIssue(
                      "Mapping \"w\" exceeds 100% among all of it's weighted to mappings",
                      true, false))));

  /**
   * Notes on vectors whose Go call differs from ours without changing the result: {@code
   * Jwt.decode} is our single entry point, also for v2 generic tokens, which Go's {@code
   * jwt.Decode} rejects (Go needs {@code DecodeGeneric}).
   */
  static final Set<String> DECODED_BY_GO_DECODE_GENERIC =
      Set.of("generic_custom_type", "v1_generic");

  static Stream<Arguments> vectors() {
    return JwtTestData.validVectors().stream()
        .map(v -> Arguments.of(Named.of(v.get("name").asText(), v)));
  }

  static Stream<Arguments> libraryEncodedV2() {
    return vectors().filter(a -> category(a).equals("library_encoded_v2"));
  }

  static Stream<Arguments> withJtiInput() {
    return vectors().filter(a -> vector(a).has("jti_input_json"));
  }

  private static JsonNode vector(Arguments a) {
    @SuppressWarnings("unchecked")
    Named<JsonNode> named = (Named<JsonNode>) a.get()[0];
    return named.getPayload();
  }

  private static String category(Arguments a) {
    return vector(a).get("category").asText();
  }

  private static DecodedJwt<Claims> decode(JsonNode v) {
    String name = v.get("name").asText();
    try {
      return Jwt.decode(v.get("jwt").asText());
    } catch (NatsJwtException e) {
      return fail(
          "vector "
              + name
              + " ("
              + v.get("claim_type").asText()
              + " claims) does not decode: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Test
  void vectorFile_hasEveryVector_withUniqueNames() {
    List<JsonNode> all = JwtTestData.validVectors();
    assertEquals(VECTOR_COUNT, all.size());
    Set<String> names = new HashSet<>();
    for (JsonNode v : all) {
      assertTrue(names.add(v.get("name").asText()), "duplicate name " + v.get("name"));
    }
    assertTrue(VALIDATION_DIFFERENCES.keySet().stream().allMatch(names::contains));
    assertTrue(names.containsAll(DECODED_BY_GO_DECODE_GENERIC));
    for (String n : DECODED_BY_GO_DECODE_GENERIC) {
      assertEquals(
          "jwt.DecodeGeneric", JwtTestData.validVector(n).get("go_decode_function").asText());
    }
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decode_vector_claimsJsonEqualsGoDecodedJson(JsonNode v) {
    DecodedJwt<Claims> jwt = decode(v);
    assertEquals(v.get("go_decoded_claims_json").asText(), jwt.claims().toJson());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decode_vector_headerAndPayloadAreTheTokensBytes(JsonNode v) {
    DecodedJwt<Claims> jwt = decode(v);
    JsonNode header = parse(v.get("header_json").asText());
    assertAll(
        () -> assertEquals(v.get("header_json").asText(), jwt.headerJson()),
        () -> assertEquals(v.get("decoded_payload_json").asText(), jwt.payloadJson()),
        () -> assertEquals(header.get("typ").asText(), jwt.header().type()),
        () -> assertEquals(header.get("alg").asText(), jwt.header().algorithm()),
        () -> assertEquals(v.get("jwt").asText(), jwt.token()));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void decode_vector_typeKeysAndVersionAsGo(JsonNode v) {
    DecodedJwt<Claims> jwt = decode(v);
    Claims c = jwt.claims();
    String issuer = v.get("issuer_public_key").asText();
    int version = v.get("payload_version").asInt();
    assertAll(
        () -> assertEquals(v.get("claim_type").asText(), c.type().jsonName()),
        () -> assertEquals(issuer, c.issuer()),
        () -> assertEquals(issuer, jwt.issuer()),
        () -> assertEquals(v.get("subject_public_key").asText(), c.subject()),
        () -> assertTrue(jwt.isSignedBy(issuer)),
        () -> assertFalse(jwt.isSignedBy(issuer.equals(c.subject()) ? "" : c.subject())),
        () -> assertEquals(version == 1, jwt.isV1()),
        () -> assertEquals(version, c.version()),
        () -> assertEquals(issuer, NKey.fromSeed(v.get("issuer_seed").asText()).publicKey()));
  }

  @ParameterizedTest
  @MethodSource("withJtiInput")
  void decode_libraryVector_jtiIsSha512_256OfClaimsData(JsonNode v) {
    String expected = JwtTestData.jtiOf(v.get("jti_input_json").asText());
    assertEquals(expected, parse(v.get("decoded_payload_json").asText()).get("jti").asText());
    assertEquals(expected, decode(v).claims().id());
  }

  @ParameterizedTest
  @MethodSource("libraryEncodedV2")
  void encode_libraryVectorV2_reproducesTokenByteForByte(JsonNode v) {
    Claims claims = decode(v).claims();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(v.get("iat").asLong()), ZoneOffset.UTC);
    String token;
    try (NKey signer = NKey.fromSeed(v.get("issuer_seed").asText())) {
      token = Jwt.encode(claims, signer, clock);
    }
    assertEquals(v.get("jwt").asText(), token);
    // The jti of a fresh encoding is the hash of the claims-data JSON, computed independently.
    assertEquals(
        JwtTestData.jtiOf(v.get("jti_input_json").asText()), Jwt.decode(token).claims().id());
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void validate_vector_matchesGo(JsonNode v) {
    String name = v.get("name").asText();
    ValidationResult result = decode(v).claims().validate(VALIDATION_TIME);
    JsonNode go = v.get("go_validation");
    Difference difference = VALIDATION_DIFFERENCES.get(name);
    List<ValidationIssue> expected = difference == null ? goIssues(go) : difference.issues();
    boolean blocking =
        difference == null
            ? go.get("is_blocking_excluding_time_checks").asBoolean()
            : expected.stream().anyMatch(ValidationIssue::blocking);
    boolean blockingWithTime =
        difference == null
            ? go.get("is_blocking_including_time_checks").asBoolean()
            : expected.stream().anyMatch(i -> i.blocking() || i.timeCheck());
    String why = difference == null ? "as Go v2.3.0" : "v2.8.2 differs: " + difference.reason();
    assertAll(
        () -> assertEquals(sorted(expected), sorted(result.issues()), why),
        () -> assertEquals(blocking, result.isBlocking(false), why),
        () -> assertEquals(blockingWithTime, result.isBlocking(true), why));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void validate_vectorUnderJwt23Rules_equalsGoV230Exactly(JsonNode v) {
    ValidationResult result = decode(v).claims().validate(VALIDATION_TIME, ValidationRules.JWT_2_3);
    JsonNode go = v.get("go_validation");
    assertAll(
        () -> assertEquals(sorted(goIssues(go)), sorted(result.issues())),
        () ->
            assertEquals(
                go.get("is_blocking_excluding_time_checks").asBoolean(), result.isBlocking(false)),
        () ->
            assertEquals(
                go.get("is_blocking_including_time_checks").asBoolean(), result.isBlocking(true)));
  }

  @Test
  void validationDifferences_eachDependsOnTheRuleSet() {
    for (String name : VALIDATION_DIFFERENCES.keySet()) {
      Claims claims = decode(JwtTestData.validVector(name)).claims();
      assertNotEquals(
          claims.validate(VALIDATION_TIME, ValidationRules.CURRENT),
          claims.validate(VALIDATION_TIME, ValidationRules.JWT_2_3),
          name + " is listed as a version difference but both rule sets agree");
    }
  }

  @Test
  void userScoped_extra_fitsTheScopeOfItsAccount() {
    JsonNode v = JwtTestData.validVector("user_scoped");
    JsonNode extra = v.get("extra");
    AccountClaims account =
        Jwt.decode(
                JwtTestData.validVector(extra.get("scope_check_against").asText())
                    .get("jwt")
                    .asText(),
                AccountClaims.class)
            .claims();
    UserClaims user = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();
    UserScope scope = account.signingKeys().scope(user.issuer()).orElseThrow();
    assertEquals("", extra.get("scope_check_error").asText());
    assertEquals(Optional.empty(), scope.scopedSignerProblem(user));
    assertTrue(account.didSign(user));
  }

  @Test
  void genericCustomType_extra_goDecodeFailsButOursDecodes() {
    JsonNode v = JwtTestData.validVector("generic_custom_type");
    assertEquals(
        "claim failed V1 signature verification",
        v.get("extra").get("go_jwt_Decode_error").asText());
    DecodedJwt<GenericClaims> jwt = Jwt.decode(v.get("jwt").asText(), GenericClaims.class);
    assertEquals("my_type", jwt.claims().data().get("type"));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void toString_vector_neverContainsTheTokenOrEmbeddedTokens(JsonNode v) {
    DecodedJwt<Claims> jwt = decode(v);
    String token = v.get("jwt").asText().strip();
    String[] segments = token.split("\\.");
    List<String> secrets = new ArrayList<>(List.of(token, segments[1], segments[2]));
    secrets.add(v.get("issuer_seed").asText());
    Matcher m = EMBEDDED_TOKEN.matcher(v.get("decoded_payload_json").asText());
    while (m.find()) {
      secrets.add(m.group());
    }
    for (String text : List.of(jwt.toString(), jwt.claims().toString())) {
      for (String secret : secrets) {
        assertFalse(
            text.contains(secret),
            "toString() repeats a token or seed: "
                + text.substring(0, Math.min(80, text.length())));
      }
    }
  }

  private static final Pattern EMBEDDED_TOKEN =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  static List<ValidationIssue> goIssues(JsonNode goValidation) {
    List<ValidationIssue> out = new ArrayList<>();
    for (JsonNode i : goValidation.get("issues")) {
      out.add(
          new ValidationIssue(
              i.get("description").asText(),
              i.get("blocking").asBoolean(),
              i.get("time_check").asBoolean()));
    }
    return out;
  }

  static List<String> sorted(List<ValidationIssue> issues) {
    return issues.stream()
        .map(
            i ->
                i.description()
                    + (i.blocking() ? " [blocking]" : "")
                    + (i.timeCheck() ? " [time]" : ""))
        .sorted()
        .toList();
  }

  private static JsonNode parse(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
