package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClaimsFormatException;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.JwtTestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code testdata/jwt-invalid.json}: tokens the Go reference rejects, or decodes and
 * then flags. Each case is checked by its {@code expect} category; none is skipped.
 *
 * <p>The cases were produced by Go jwt v2.3.0. Validated with {@link ValidationRules#JWT_2_3},
 * every case gives exactly Go's result. With the default {@link ValidationRules#CURRENT} (v2.8.2),
 * the cases in {@link #VALIDATION_DIFFERENCES} give another result, which is asserted with the
 * reason; each of them is checked to really depend on the rule set. {@link #DECODE_DIFFERENCES}
 * lists the decode difference that does not depend on the version.
 */
class JwtInvalidTest {
  private static final int CASE_COUNT = 123;

  /** The time every case is validated at: the generator's fixed {@code iat}. */
  private static final Instant VALIDATION_TIME =
      Instant.ofEpochSecond(JwtTestData.invalidDocument().get("meta").get("fixed_iat").asLong());

  // ------------------------------------------------------------------ expectations

  /** What a decode_error case must throw; checked by {@code check}. */
  record DecodeError(String summary, Consumer<NatsJwtException> check) {}

  private static DecodeError malformed(String part, int position, String... fragments) {
    return new DecodeError(
        "MalformedJwtException at " + part + (position >= 0 ? ":" + position : ""),
        e -> {
          MalformedJwtException m = assertInstanceOf(MalformedJwtException.class, e);
          assertEquals(part, m.part(), "part");
          if (position >= 0) {
            assertEquals(position, m.position(), "position");
            assertContains(m, "position " + position);
          }
          assertContains(m, part.startsWith("payload") ? "payload" : part);
          assertContains(m, fragments);
        });
  }

  /**
   * Claims that cannot be read: a MalformedJwtException whose part is {@code payload.<field>} and
   * whose cause is the ClaimsFormatException naming the same field. {@code field} ending in {@code
   * *} matches any field under that prefix.
   */
  private static DecodeError claimsFormat(String field, String... fragments) {
    boolean prefix = field.endsWith("*");
    String f = prefix ? field.substring(0, field.length() - 1) : field;
    return new DecodeError(
        "MalformedJwtException (ClaimsFormatException) at payload." + field,
        e -> {
          MalformedJwtException m = assertInstanceOf(MalformedJwtException.class, e);
          ClaimsFormatException cause = assertInstanceOf(ClaimsFormatException.class, m.getCause());
          if (prefix) {
            assertTrue(cause.field().startsWith(f), "field " + cause.field() + " under " + f);
          } else {
            assertEquals(f, cause.field(), "field");
          }
          assertEquals(cause.field().isEmpty() ? "payload" : "payload." + cause.field(), m.part());
          assertContains(m, "payload");
          if (!f.isEmpty()) {
            assertContains(m, f.replaceAll("\\[\\d+]$", ""));
          }
          assertContains(m, fragments);
        });
  }

  private static DecodeError signature(String issuer, String... fragments) {
    return new DecodeError(
        "SignatureMismatchException",
        e -> {
          SignatureMismatchException s = assertInstanceOf(SignatureMismatchException.class, e);
          assertEquals(issuer, s.issuer(), "issuer");
          assertContains(s, fragments);
        });
  }

  private static DecodeError issuerNotAllowed(ClaimType type, NKeyType issuer, String allowed) {
    return new DecodeError(
        "IssuerNotAllowedException " + type + " by " + issuer,
        e -> {
          IssuerNotAllowedException i = assertInstanceOf(IssuerNotAllowedException.class, e);
          assertEquals(type, i.claimType());
          assertEquals(issuer, i.issuerType());
          assertContains(i, type.jsonName() + " claims", allowed);
        });
  }

  private static final String ISS_A = "ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE";

  /** Every decode_error case this library rejects, with how. */
  static final Map<String, DecodeError> DECODE_ERRORS = new HashMap<>();

  static {
    Map<String, DecodeError> m = DECODE_ERRORS;
    m.put("empty_token", malformed("token", -1, "3 segments", "has 0"));
    m.put("two_segments", malformed("token", -1, "3 segments", "has 2"));
    m.put("four_segments", malformed("token", -1, "3 segments", "has 4"));
    m.put("trailing_dot", malformed("token", -1, "3 segments", "has 4"));
    // Base64: the same positions as Go's "illegal base64 data at input byte N".
    m.put("leading_space", malformed("header", 0, "U+0020", "not base64url"));
    m.put("header_padded_base64", malformed("header", 46, "'='"));
    m.put("payload_padded_base64", malformed("payload", 1074, "'='"));
    m.put("payload_std_base64_alphabet", malformed("payload", 243, "'/'"));
    m.put("signature_std_base64_alphabet", malformed("signature", 4, "'/'"));
    m.put("header_not_base64", malformed("header", 16, "'*'"));
    m.put("payload_not_base64", malformed("payload", 3, "'!'"));
    // Header.
    m.put("header_not_json", malformed("header", -1, "not valid JSON"));
    m.put("header_typ_missing", malformed("header", -1, "typ \"\"", "expected \"JWT\""));
    m.put("header_typ_jws", malformed("header", -1, "typ \"JWS\""));
    m.put("header_alg_none", malformed("header", -1, "alg \"none\"", "ed25519-nkey"));
    m.put("header_alg_none_unsigned", malformed("header", -1, "alg \"none\""));
    m.put("header_alg_hs256", malformed("header", -1, "alg \"HS256\""));
    m.put("header_alg_eddsa", malformed("header", -1, "alg \"EdDSA\""));
    m.put("header_alg_prefixed_unknown", malformed("header", -1, "alg \"ed25519-nkey-v3\""));
    m.put("header_alg_missing", malformed("header", -1, "alg \"\""));
    // Payload JSON.
    m.put("payload_not_json", claimsFormat("", "not valid JSON"));
    m.put("payload_json_array", claimsFormat("", "not a JSON object"));
    // Signatures.
    m.put("bad_signature_bitflip", signature(ISS_A, "does not verify", ISS_A));
    m.put("signature_truncated", signature(ISS_A, "63 bytes"));
    m.put("signature_empty", signature(ISS_A, "0 bytes"));
    m.put("signature_extra_byte", signature(ISS_A, "65 bytes"));
    m.put("tampered_payload", signature(ISS_A, "does not verify", "altered"));
    m.put("tampered_header", signature(ISS_A, "does not verify", "altered"));
    m.put("signed_by_other_key", signature(ISS_A, "does not verify", "another key"));
    m.put("v1_payload_v2_signature", signature(ISS_A, "v1 signature does not verify"));
    m.put("v2_payload_v1_signature", signature(ISS_A, "the signature does not verify"));
    // Issuer key types (spec 4.1).
    m.put(
        "user_issued_by_operator",
        issuerNotAllowed(ClaimType.USER, NKeyType.OPERATOR, "issued by account keys"));
    m.put(
        "user_issued_by_user",
        issuerNotAllowed(ClaimType.USER, NKeyType.USER, "issued by account keys"));
    m.put(
        "account_issued_by_user",
        issuerNotAllowed(ClaimType.ACCOUNT, NKeyType.USER, "operator or account keys"));
    m.put(
        "operator_issued_by_account",
        issuerNotAllowed(ClaimType.OPERATOR, NKeyType.ACCOUNT, "issued by operator keys"));
    m.put(
        "activation_issued_by_user",
        issuerNotAllowed(ClaimType.ACTIVATION, NKeyType.USER, "operator or account keys"));
    // Issuers that are not public keys.
    // An iss that is not a public key may be a mangled secret: only its length is shown.
    m.put(
        "issuer_not_a_key",
        signature("<not a public key: 7 characters, redacted>", "not a valid public key"));
    m.put(
        "issuer_is_a_seed",
        signature(SignatureMismatchException.REDACTED_SEED, "is a seed", "must be replaced"));
    m.put("issuer_missing", signature("", "no issuer"));
    m.put(
        "issuer_lowercase",
        signature("<not a public key: 56 characters, redacted>", "not a valid public key"));
    // Claims that cannot be read.
    m.put("version_3", claimsFormat("nats.version", "newer version", "3"));
    m.put("version_as_string", claimsFormat("nats.version", "expected an integer", "\"2\""));
    m.put("nats_not_object", claimsFormat("nats", "expected an object", "\"user\""));
    m.put("iat_as_string", claimsFormat("iat", "expected an integer", "\"1700000000\""));
    m.put("exp_as_float_exponent", claimsFormat("exp", "expected an integer", "4.1024448e9"));
    m.put("exp_fractional", claimsFormat("exp", "expected an integer", "4102444800.5"));
    m.put("v1_cluster_claims", claimsFormat("*", "\"cluster\"", "not supported"));
    m.put("v1_server_claims", claimsFormat("*", "\"server\"", "not supported"));
    m.put("export_type_unknown", claimsFormat("nats.exports[0].type", "rpc"));
    m.put("signing_key_scope_kind_unknown", claimsFormat("nats.signing_keys[0]*", "admin_scope"));
    m.put("signing_key_scope_kind_missing", claimsFormat("nats.signing_keys[0]*", "kind"));
    m.put("signing_keys_not_array", claimsFormat("nats.signing_keys", "array"));
    m.put("activation_kind_unknown", claimsFormat("nats.kind", "bogus"));
    m.put(
        "latency_sampling_bogus",
        claimsFormat("nats.exports[1].service_latency.sampling", "sometimes"));
  }

  /**
   * decode_error cases that v2.8.2 (and so this library) decodes: case name to the reason. {@link
   * #decodeDifference_genericV2Token_decodesThroughOurSingleEntryPoint} asserts our outcome.
   */
  static final Map<String, String> DECODE_DIFFERENCES =
      Map.of(
          "generic_v2_via_jwt_Decode",
          "Jwt.decode is our single entry point and verifies v2 generic tokens as Go's"
              + " DecodeGeneric does; Go's jwt.Decode checks them v1-style and fails");

  /**
   * A validation result this library must give instead of the one Go v2.3.0 recorded.
   *
   * @param reason why v2.8.2 differs, in one line
   * @param issues the issues v2.8.2 reports
   */
  record Difference(String reason, List<ValidationIssue> issues) {}

  /**
   * validation_blocking cases whose result under {@link ValidationRules#CURRENT} (v2.8.2) differs
   * from the recorded v2.3.0 one; under {@link ValidationRules#JWT_2_3} they give Go's result.
   */
  static final Map<String, Difference> VALIDATION_DIFFERENCES =
      Map.of(
          "imports_service_overlap",
          new Difference(
              "v2.8.2 (#243) checks service-import overlap only between imports from the same"
                  + " account; these two come from different accounts",
              List.of()),
          "mapping_destination_wildcard",
          new Difference(
              "v2.8.2 allows wildcards in weighted-mapping destinations; v2.3.0 rejected them",
              List.of()),
          "operator_service_url_http",
          new Difference(
              "v2.8.2 also accepts ws and wss operator service URLs and names them in the message",
              List.of(
                  new ValidationIssue(
                      "operator service url \"http://localhost:4222\" - protocol not supported"
                          + " (only 'nats', 'tls', 'ws', 'wss' only)",
                      true,
                      false))));

  // ------------------------------------------------------------------ sources

  static Stream<Arguments> cases(String expect) {
    return JwtTestData.invalidCases().stream()
        .filter(c -> c.get("expect").asText().equals(expect))
        .map(c -> Arguments.of(Named.of(c.get("name").asText(), c)));
  }

  static Stream<Arguments> decodeErrors() {
    return cases("decode_error").filter(a -> !DECODE_DIFFERENCES.containsKey(name(a)));
  }

  static Stream<Arguments> validationBlocking() {
    return cases("validation_blocking");
  }

  static Stream<Arguments> timeChecks() {
    return Stream.concat(cases("expired"), cases("not_yet_valid"));
  }

  static Stream<Arguments> allCases() {
    return JwtTestData.invalidCases().stream()
        .map(c -> Arguments.of(Named.of(c.get("name").asText(), c)));
  }

  private static String name(Arguments a) {
    return ((Named<?>) a.get()[0]).getName();
  }

  // ------------------------------------------------------------------ coverage

  /** The categories and how this class checks each; a new category fails here. */
  static final Set<String> CATEGORIES =
      Set.of(
          "decode_error",
          "validation_blocking",
          "expired",
          "not_yet_valid",
          "wrong_claim_type",
          "revoked",
          "not_signed_by_trusted_issuer",
          "scoped_signer_violation");

  @Test
  void caseFile_everyCaseHasAnExpectation_andNoExpectationIsStale() {
    List<JsonNode> all = JwtTestData.invalidCases();
    assertEquals(CASE_COUNT, all.size());
    Map<String, String> expectByName = new HashMap<>();
    for (JsonNode c : all) {
      String name = c.get("name").asText();
      String expect = c.get("expect").asText();
      assertTrue(CATEGORIES.contains(expect), name + ": unknown category " + expect);
      assertTrue(expectByName.put(name, expect) == null, "duplicate case " + name);
      if (expect.equals("decode_error")) {
        assertTrue(
            DECODE_ERRORS.containsKey(name) ^ DECODE_DIFFERENCES.containsKey(name),
            name + " needs exactly one expectation (DECODE_ERRORS or DECODE_DIFFERENCES)");
      }
    }
    for (String n : DECODE_ERRORS.keySet()) {
      assertEquals("decode_error", expectByName.get(n), "stale expectation " + n);
    }
    for (String n : DECODE_DIFFERENCES.keySet()) {
      assertEquals("decode_error", expectByName.get(n), "stale difference " + n);
    }
    for (String n : VALIDATION_DIFFERENCES.keySet()) {
      assertEquals("validation_blocking", expectByName.get(n), "stale difference " + n);
    }
  }

  // ------------------------------------------------------------------ decode_error

  @ParameterizedTest
  @MethodSource("decodeErrors")
  void decodeError_case_throwsTypedExceptionNamingWhere(JsonNode c) {
    String name = c.get("name").asText();
    DecodeError expected = DECODE_ERRORS.get(name);
    NatsJwtException e = decodeFailure(c);
    try {
      expected.check().accept(e);
    } catch (AssertionError a) {
      throw new AssertionError(
          name
              + ": expected "
              + expected.summary()
              + ", got "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + " ("
              + a.getMessage()
              + ")",
          a);
    }
  }

  @Test
  void decodeDifference_genericV2Token_decodesThroughOurSingleEntryPoint() {
    JsonNode c = find("generic_v2_via_jwt_Decode");
    assertEquals("claim failed V1 signature verification", c.get("go_error_text").asText());
    DecodedJwt<Claims> jwt = Jwt.decode(c.get("jwt").asText());
    JsonNode vector = JwtTestData.validVector("generic_custom_type");
    assertAll(
        () -> assertEquals(ClaimType.GENERIC, jwt.claims().type()),
        () -> assertEquals(vector.get("go_decoded_claims_json").asText(), jwt.claims().toJson()),
        () -> assertTrue(jwt.isSignedBy(ISS_A)));
  }

  // ------------------------------------------------------------------ validation_blocking

  @ParameterizedTest
  @MethodSource("validationBlocking")
  void validationBlocking_case_decodesAndValidatesAsGo(JsonNode c) {
    String name = c.get("name").asText();
    ValidationResult result = decode(c).claims().validate(VALIDATION_TIME);
    Difference difference = VALIDATION_DIFFERENCES.get(name);
    if (difference != null) {
      assertEquals(
          JwtVectorsTest.sorted(difference.issues()),
          JwtVectorsTest.sorted(result.issues()),
          "v2.8.2 differs from Go v2.3.0: " + difference.reason());
      assertEquals(
          difference.issues().stream().anyMatch(ValidationIssue::blocking),
          result.isBlocking(false));
      return;
    }
    List<String> goErrors = Arrays.asList(c.get("go_error_text").asText().split("; "));
    List<String> ours = result.errors().stream().map(ValidationIssue::description).toList();
    assertAll(
        () -> assertTrue(result.isBlocking(false), "not blocking: " + result),
        () -> assertTrue(result.isBlocking(true)),
        () ->
            assertTrue(ours.containsAll(goErrors), "missing Go errors " + goErrors + " in " + ours),
        () ->
            assertEquals(
                JwtVectorsTest.sorted(JwtVectorsTest.goIssues(c.get("go_validation"))),
                JwtVectorsTest.sorted(result.issues())));
  }

  /** Every case that Go decoded and validated: all but decode_error and wrong_claim_type. */
  static Stream<Arguments> validatedCases() {
    return JwtTestData.invalidCases().stream()
        .filter(c -> c.has("go_validation"))
        .map(c -> Arguments.of(Named.of(c.get("name").asText(), c)));
  }

  @ParameterizedTest
  @MethodSource("validatedCases")
  void validate_caseUnderJwt23Rules_equalsGoV230Exactly(JsonNode c) {
    ValidationResult result = decode(c).claims().validate(VALIDATION_TIME, ValidationRules.JWT_2_3);
    JsonNode go = c.get("go_validation");
    assertAll(
        () ->
            assertEquals(
                JwtVectorsTest.sorted(JwtVectorsTest.goIssues(go)),
                JwtVectorsTest.sorted(result.issues())),
        () ->
            assertEquals(
                go.get("is_blocking_excluding_time_checks").asBoolean(), result.isBlocking(false)),
        () ->
            assertEquals(
                go.get("is_blocking_including_time_checks").asBoolean(), result.isBlocking(true)));
  }

  static Stream<Arguments> validationDifferences() {
    return VALIDATION_DIFFERENCES.keySet().stream().sorted().map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("validationDifferences")
  void validationDifference_case_dependsOnTheRuleSet(String name) {
    Claims claims = decode(find(name)).claims();
    assertNotEquals(
        claims.validate(VALIDATION_TIME, ValidationRules.CURRENT),
        claims.validate(VALIDATION_TIME, ValidationRules.JWT_2_3),
        name + " is listed as a version difference but both rule sets agree");
  }

  // ------------------------------------------------------------------ expired / not_yet_valid

  @ParameterizedTest
  @MethodSource("timeChecks")
  void timeCheck_case_reportsOnlyNonBlockingTimeChecks(JsonNode c) {
    ValidationResult result = decode(c).claims().validate(VALIDATION_TIME);
    List<String> expected = Arrays.asList(c.get("go_error_text").asText().split("; "));
    assertAll(
        () ->
            assertEquals(
                expected.stream().sorted().toList(),
                result.issues().stream().map(ValidationIssue::description).sorted().toList()),
        () -> assertTrue(result.issues().stream().allMatch(ValidationIssue::timeCheck)),
        () -> assertFalse(result.isBlocking(false)),
        () -> assertTrue(result.isBlocking(true)),
        () ->
            assertEquals(
                JwtVectorsTest.sorted(JwtVectorsTest.goIssues(c.get("go_validation"))),
                JwtVectorsTest.sorted(result.issues())));
    // A second later than the expiry or at the not-before time, the checks behave as Go's.
    Claims claims = decode(c).claims();
    claims
        .expiresAt()
        .ifPresent(
            exp ->
                assertFalse(
                    claims.validate(exp).issues().stream()
                        .anyMatch(i -> i.description().equals("claim is expired")),
                    "valid during its exp second"));
    claims
        .notBefore()
        .ifPresent(
            nbf ->
                assertFalse(
                    claims.validate(nbf).issues().stream()
                        .anyMatch(i -> i.description().equals("claim is not yet valid")),
                    "valid from its nbf second"));
  }

  // ------------------------------------------------------------------ wrong_claim_type

  /** The Go typed decoders used by the wrong_claim_type cases and our equivalent classes. */
  static final Map<String, Class<? extends Claims>> TYPED_DECODERS =
      Map.of(
          "jwt.DecodeUserClaims", UserClaims.class,
          "jwt.DecodeAccountClaims", AccountClaims.class);

  @ParameterizedTest
  @MethodSource("wrongClaimType")
  void wrongClaimType_case_typedDecodeThrowsTypeMismatch(JsonNode c) {
    Class<? extends Claims> asked = TYPED_DECODERS.get(c.get("go_call").asText());
    assertTrue(asked != null, "no typed decoder for " + c.get("go_call"));
    String token = c.get("jwt").asText();
    ClaimType actual = Jwt.decode(token).claims().type();
    ClaimTypeMismatchException e =
        assertThrows(ClaimTypeMismatchException.class, () -> Jwt.decode(token, asked));
    String askedName = asked == UserClaims.class ? "user" : "account";
    assertAll(
        () -> assertEquals(askedName, e.expected()),
        () -> assertEquals(actual, e.found()),
        () -> assertTrue(c.get("go_error_text").asText().contains(askedName)),
        () -> assertTrue(e.getMessage().contains(askedName + " claims"), e.getMessage()),
        () -> assertTrue(e.getMessage().contains(actual.jsonName() + " claims"), e.getMessage()));
  }

  static Stream<Arguments> wrongClaimType() {
    return cases("wrong_claim_type");
  }

  // ------------------------------------------------------------------ context cases

  static Stream<Arguments> revoked() {
    return cases("revoked");
  }

  static Stream<Arguments> notSignedByTrustedIssuer() {
    return cases("not_signed_by_trusted_issuer");
  }

  static Stream<Arguments> scopedSignerViolation() {
    return cases("scoped_signer_violation");
  }

  private static <T extends Claims> T context(JsonNode c, String key, Class<T> type) {
    JsonNode ctx = c.get("context");
    assertTrue(ctx != null && ctx.has(key), c.get("name").asText() + " has no context." + key);
    return Jwt.decode(ctx.get(key).asText(), type).claims();
  }

  /** These cases decode and validate cleanly; only the helper in go_call flags them. */
  private static void assertValidatesAsGo(JsonNode c, Claims claims) {
    ValidationResult result = claims.validate(VALIDATION_TIME);
    assertEquals(
        JwtVectorsTest.sorted(JwtVectorsTest.goIssues(c.get("go_validation"))),
        JwtVectorsTest.sorted(result.issues()));
    assertFalse(result.isBlocking(true));
  }

  @ParameterizedTest
  @MethodSource("revoked")
  void revoked_case_accountRevokesTheUser(JsonNode c) {
    assertEquals("AccountClaims.IsClaimRevoked(user)", c.get("go_call").asText());
    assertEquals("IsClaimRevoked=true", c.get("go_error_text").asText());
    AccountClaims account = context(c, "account_jwt", AccountClaims.class);
    UserClaims user = Jwt.decode(c.get("jwt").asText(), UserClaims.class).claims();
    assertValidatesAsGo(c, user);
    assertTrue(account.isClaimRevoked(user));
    // Revocation covers JWTs issued at or before its time: one second later is not revoked.
    Map<String, Long> entries = account.revocations().entries();
    long revokedAt =
        Math.max(
            entries.getOrDefault(user.subject(), Long.MIN_VALUE),
            entries.getOrDefault("*", Long.MIN_VALUE));
    assertTrue(user.issuedAtSeconds() <= revokedAt);
    UserClaims atRevocation = user.toBuilder().issuedAt(Instant.ofEpochSecond(revokedAt)).build();
    UserClaims later = user.toBuilder().issuedAt(Instant.ofEpochSecond(revokedAt + 1)).build();
    assertTrue(account.isClaimRevoked(atRevocation));
    assertFalse(account.isClaimRevoked(later));
  }

  @ParameterizedTest
  @MethodSource("notSignedByTrustedIssuer")
  void notSignedByTrustedIssuer_case_didSignIsFalse(JsonNode c) {
    assertEquals("DidSign=false", c.get("go_error_text").asText());
    DecodedJwt<Claims> jwt = decode(c);
    assertValidatesAsGo(c, jwt.claims());
    switch (c.get("go_call").asText()) {
      case "OperatorClaims.DidSign(account)":
        {
          OperatorClaims operator = context(c, "operator_jwt", OperatorClaims.class);
          assertInstanceOf(AccountClaims.class, jwt.claims());
          assertFalse(operator.didSign(jwt.claims()));
          // The operator did sign its own JWT, and would have signed with a listed signing key.
          assertTrue(operator.didSign(operator));
          break;
        }
      case "AccountClaims.DidSign(user)":
        {
          AccountClaims account = context(c, "account_jwt", AccountClaims.class);
          UserClaims user = assertInstanceOf(UserClaims.class, jwt.claims());
          assertEquals(account.subject(), user.issuerAccount());
          assertFalse(account.didSign(user));
          assertFalse(account.signingKeys().contains(user.issuer()));
          break;
        }
      default:
        fail("unknown go_call " + c.get("go_call"));
    }
  }

  @ParameterizedTest
  @MethodSource("scopedSignerViolation")
  void scopedSignerViolation_case_scopeCheckFailsWithGoReason(JsonNode c) {
    assertEquals("UserScope.ValidateScopedSigner(user)", c.get("go_call").asText());
    AccountClaims account = context(c, "account_jwt", AccountClaims.class);
    UserClaims user = Jwt.decode(c.get("jwt").asText(), UserClaims.class).claims();
    assertValidatesAsGo(c, user);
    UserScope scope =
        account
            .signingKeys()
            .scope(user.issuer())
            .orElseGet(() -> fail(user.issuer() + " is not a scoped signing key of the account"));
    assertTrue(account.didSign(user), "the scoped key belongs to the account");
    assertEquals(Optional.of(c.get("go_error_text").asText()), scope.scopedSignerProblem(user));
    // The same user without permissions or limits of its own fits the scope.
    UserClaims scoped = user.toBuilder().scoped(true).build();
    assertEquals(Optional.empty(), scope.scopedSignerProblem(scoped));
  }

  // ------------------------------------------------------------------ every case

  @ParameterizedTest
  @MethodSource("allCases")
  void anyCase_failureMessages_neverRepeatTheTokenOrASeed(JsonNode c) {
    String token = c.get("jwt").asText();
    List<String> secrets = new ArrayList<>();
    String[] segments = token.split("\\.");
    for (String s : segments) {
      if (s.length() > 60) {
        secrets.add(s.strip());
      }
    }
    if (c.has("issuer_seed")) {
      secrets.add(c.get("issuer_seed").asText());
    }
    String text;
    try {
      DecodedJwt<Claims> jwt = Jwt.decode(token);
      text =
          jwt.toString()
              + " "
              + jwt.claims().toString()
              + " "
              + jwt.claims().validate(VALIDATION_TIME);
    } catch (NatsJwtException e) {
      text = e.toString() + " " + (e.getCause() == null ? "" : e.getCause().toString());
    }
    for (String s : secrets) {
      assertFalse(
          text.contains(s),
          "a token segment or seed was repeated: "
              + text.substring(0, Math.min(120, text.length())));
    }
  }

  // ------------------------------------------------------------------ helpers

  static JsonNode find(String name) {
    for (JsonNode c : JwtTestData.invalidCases()) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    return fail("no case " + name);
  }

  static DecodedJwt<Claims> decode(JsonNode c) {
    try {
      return Jwt.decode(c.get("jwt").asText());
    } catch (NatsJwtException e) {
      return fail(
          c.get("name").asText()
              + " should decode but fails: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static NatsJwtException decodeFailure(JsonNode c) {
    try {
      DecodedJwt<Claims> jwt = Jwt.decode(c.get("jwt").asText());
      return fail(c.get("name").asText() + " should not decode, but gave " + jwt);
    } catch (NatsJwtException e) {
      return e;
    }
  }

  private static void assertContains(Exception e, String... fragments) {
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks \"" + f + "\": " + e.getMessage());
    }
  }

  static Set<String> names(Stream<Arguments> s) {
    Set<String> out = new HashSet<>();
    s.forEach(a -> out.add(name(a)));
    return out;
  }
}
