package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.B;
import static io.github.natsjwt.claims.AccountTestKeys.C;
import static io.github.natsjwt.claims.AccountTestKeys.CLOCK;
import static io.github.natsjwt.claims.AccountTestKeys.NOW;
import static io.github.natsjwt.claims.AccountTestKeys.U;
import static io.github.natsjwt.claims.ValidationRules.CURRENT;
import static io.github.natsjwt.claims.ValidationRules.JWT_2_3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.jwt.Jwt;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each difference between the current rules and jwt 2.3.0's (spec trust-chain.md section 9), under
 * both rule sets. Where the Go 2.3.0 generator recorded the case (jwt-invalid.json,
 * jwt-vectors.json), its result is the expectation; otherwise the messages are the reference's.
 */
class ValidationRulesTest {
  private static final String EXCEEDS = " exceeds 100% among all of it's weighted to mappings";

  private static List<String> issues(Claims c, ValidationRules rules) {
    return ClaimsVectors.descriptions(c.validate(NOW, rules));
  }

  private static Claims invalidCase(String name) {
    return Jwt.decode(ClaimsVectors.invalidCase(name).get("jwt").asText()).claims();
  }

  private static JsonNode validVector(String name) {
    for (JsonNode v : ClaimsVectors.validDocument().get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no vector " + name);
  }

  private static AccountClaims account(AccountClaims.Builder b) {
    return b.build();
  }

  // ------------------------------------------------------------------ defaults

  @Test
  void validate_withoutRules_appliesCurrentRules() {
    // Three destinations of (default) weight 100: 300 in 32 bits, 44 in jwt 2.3.0's byte.
    AccountClaims a =
        AccountClaims.builder(A)
            .mapping("m", WeightedMapping.of("x"), WeightedMapping.of("y"), WeightedMapping.of("z"))
            .build();

    assertEquals(a.validate(NOW, CURRENT), a.validate(NOW));
    assertEquals(List.of("Mapping \"m\"" + EXCEEDS), issues(a, CURRENT));
    assertEquals(List.of(), issues(a, JWT_2_3));
  }

  // ------------------------------------------------------------------ subject syntax

  static Stream<Arguments> strayDots() {
    return Stream.of(
        Arguments.of(".a", "subject \".a\" cannot start or end with a `.`"),
        Arguments.of("a.", "subject \"a.\" cannot start or end with a `.`"),
        Arguments.of("a..b", "subject \"a..b\" cannot contain consecutive `.`"));
  }

  @ParameterizedTest
  @MethodSource("strayDots")
  void validate_permissionWithStrayDot_onlyCurrentRulesReject(String subject, String message) {
    UserClaims user = UserClaims.builder(U).pub(Permission.allowing(subject)).build();

    assertEquals(List.of(message), issues(user, CURRENT));
    assertEquals(List.of(), issues(user, JWT_2_3));
  }

  @Test
  void validate_emptyOrSpacedSubject_bothRuleSetsReject() {
    AccountClaims spaced =
        AccountClaims.builder(A).addExports(Export.stream("a b").build()).build();
    AccountClaims empty = AccountClaims.builder(A).addExports(Export.stream("").build()).build();

    for (ValidationRules rules : ValidationRules.values()) {
      assertEquals(
          List.of("subject \"a b\" cannot have spaces"), issues(spaced, rules), rules.name());
      assertEquals(List.of("subject cannot be empty"), issues(empty, rules), rules.name());
    }
  }

  @Test
  void validate_activationSubjectWithTrailingDot_onlyCurrentRulesReject() {
    ActivationClaims act =
        ActivationClaims.builder(A).importSubject("svc.").kind(ExportType.SERVICE).build();

    assertEquals(List.of("subject \"svc.\" cannot start or end with a `.`"), issues(act, CURRENT));
    assertEquals(List.of(), issues(act, JWT_2_3));
  }

  // ------------------------------------------------------------------ service-import overlap

  @Test
  void validate_overlappingServiceImportsFromTwoExporters_onlyJwt23RulesReject() {
    JsonNode go = ClaimsVectors.invalidCase("imports_service_overlap");
    Claims c = invalidCase("imports_service_overlap");

    ClaimsVectors.assertIssues(go.get("go_validation"), c.validate(NOW, JWT_2_3));
    assertEquals(
        List.of("overlapping subject namespace for \"x.y\" and \"x.>\""), issues(c, JWT_2_3));
    assertEquals(List.of(), issues(c, CURRENT));
  }

  @Test
  void validate_duplicateServiceImportFromOneExporter_bothRejectWithTheirMessages() {
    AccountClaims a =
        account(
            AccountClaims.builder(A)
                .addImports(Import.service(B, "foo").build(), Import.service(B, "foo").build()));

    assertEquals(
        List.of(
            "overlapping subject namespace for \"foo\" and \"foo\" in same account \"" + B + "\"",
            "overlapping subject namespace for \"foo\" in account \"" + B + "\""),
        issues(a, CURRENT));
    // jwt 2.3.0 names the deprecated "to" field in the duplicate message: empty here.
    assertEquals(
        List.of(
            "overlapping subject namespace for \"foo\" and \"foo\"",
            "overlapping subject namespace for \"\""),
        issues(a, JWT_2_3));
  }

  @Test
  void validate_overlappingStreamImportsFromTwoExporters_neitherRejects() {
    AccountClaims a =
        account(
            AccountClaims.builder(A)
                .addImports(Import.stream(B, "x.>").build(), Import.stream(C, "x.y").build()));

    assertEquals(List.of(), issues(a, CURRENT));
    assertEquals(List.of(), issues(a, JWT_2_3));
  }

  // ------------------------------------------------------------------ mappings

  @Test
  void validate_wildcardMappingDestination_onlyJwt23RulesReject() {
    JsonNode go = ClaimsVectors.invalidCase("mapping_destination_wildcard");
    Claims c = invalidCase("mapping_destination_wildcard");

    ClaimsVectors.assertIssues(go.get("go_validation"), c.validate(NOW, JWT_2_3));
    assertEquals(
        List.of("Subject \"n.*\" in weighted mapping \"m.*\" is not allowed to contains wildcard"),
        issues(c, JWT_2_3));
    assertEquals(List.of(), issues(c, CURRENT));
  }

  @Test
  void validate_threeFullWeights_wrapInJwt23RulesAndFailInCurrent() {
    JsonNode v = validVector("account_mapping_weight_overflow_quirk");
    Claims c = Jwt.decode(v.get("jwt").asText()).claims();

    ClaimsVectors.assertIssues(v.get("go_validation"), c.validate(NOW, JWT_2_3));
    assertEquals(List.of(), issues(c, JWT_2_3));
    assertEquals(List.of("Mapping \"w\"" + EXCEEDS), issues(c, CURRENT));
  }

  @Test
  void validate_weightsSummingTo256_wrapToZeroUnderJwt23Rules() {
    AccountClaims a =
        AccountClaims.builder(A)
            .mapping("m", WeightedMapping.of("x", 200), WeightedMapping.of("y", 56))
            .build();

    assertEquals(
        List.of("Mapping \"m\" has a weight 200 that exceeds 100", "Mapping \"m\"" + EXCEEDS),
        issues(a, CURRENT));
    assertEquals(List.of(), issues(a, JWT_2_3));
  }

  @Test
  void validate_singleWeightOver100_jwt23RulesReportOnlyTheSum() {
    AccountClaims a = AccountClaims.builder(A).mapping("m", WeightedMapping.of("x", 150)).build();

    assertEquals(
        List.of("Mapping \"m\" has a weight 150 that exceeds 100", "Mapping \"m\"" + EXCEEDS),
        issues(a, CURRENT));
    assertEquals(List.of("Mapping \"m\"" + EXCEEDS), issues(a, JWT_2_3));
  }

  @Test
  void validate_clusterWeights_jwt23RulesSumThemWithTheRest() {
    AccountClaims a =
        AccountClaims.builder(A)
            .mapping("m", WeightedMapping.of("x", 60, "c1"), WeightedMapping.of("y", 60, "c1"))
            .build();

    assertEquals(List.of("Mapping \"m\" in cluster \"c1\"" + EXCEEDS), issues(a, CURRENT));
    assertEquals(List.of("Mapping \"m\"" + EXCEEDS), issues(a, JWT_2_3));
  }

  // ------------------------------------------------------------------ token size

  @Test
  void validate_importWithActivationOver1MiB_onlyCurrentRulesRefuseTheToken() {
    ActivationClaims act =
        ActivationClaims.builder(A)
            .name("x".repeat(Jwt.MAX_TOKEN_BYTES))
            .importSubject("svc.a")
            .kind(ExportType.SERVICE)
            .build();
    String token = Jwt.encode(act, AccountTestKeys.EXPORTER, CLOCK, 2 * Jwt.MAX_TOKEN_BYTES);
    assertTrue(token.length() > Jwt.MAX_TOKEN_BYTES);
    AccountClaims a =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "svc.a").token(token).build())
            .build();

    // The account holding it is over the cap too: an error for the current rules, a warning
    // (max_payload) for jwt 2.3.0 (TokenSizeTest has the exact texts).
    List<String> current = issues(a, CURRENT);
    List<String> old = issues(a, JWT_2_3);
    assertEquals(
        List.of("import \"svc.a\" contains an invalid activation token"),
        current.subList(0, current.size() - 1));
    assertTrue(
        current.get(current.size() - 1).contains("largest fields: imports 1,"), current.toString());
    assertTrue(a.validate(NOW, JWT_2_3).errors().isEmpty());
    assertEquals(1, old.size());
    assertTrue(old.get(0).contains("the default max_payload"), old.toString());
  }

  // ------------------------------------------------------------------ fields added later

  @Test
  void validate_invalidAuthorizationTraceAndClusterTraffic_onlyCurrentRulesReject() {
    AccountClaims a =
        AccountClaims.builder(A)
            .authorization(ExternalAuthorization.builder().addAuthUsers(A).build())
            .trace(MsgTrace.of("t.*", 0))
            .clusterTraffic(ClusterTraffic.of("bogus"))
            .build();

    assertEquals(
        List.of(
            "AuthUser \"" + A + "\" is not a valid user public key",
            "the account Trace.Destination subject \"t.*\" is not a valid publish subject",
            "unknown cluster traffic option: \"bogus\""),
        issues(a, CURRENT));
    assertEquals(List.of(), issues(a, JWT_2_3));
  }

  @Test
  void validate_allowTraceOnServiceImportAndStreamExport_onlyCurrentRulesReject() {
    AccountClaims a =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "svc.a").allowTrace(true).build())
            .addExports(Export.stream("events.>").allowTrace(true).build())
            .build();

    assertEquals(
        List.of(
            "AllowTrace only valid for stream import", "AllowTrace only valid for service export"),
        issues(a, CURRENT));
    assertEquals(List.of(), issues(a, JWT_2_3));
  }

  // ------------------------------------------------------------------ operator service URLs

  @Test
  void validate_httpOperatorServiceUrl_eachRuleSetNamesItsSchemes() {
    JsonNode go = ClaimsVectors.invalidCase("operator_service_url_http");
    Claims c = invalidCase("operator_service_url_http");

    ClaimsVectors.assertIssues(go.get("go_validation"), c.validate(NOW, JWT_2_3));
    assertEquals(
        List.of(
            "operator service url \"http://localhost:4222\" - protocol not supported (only 'nats'"
                + " or 'tls' only)"),
        issues(c, JWT_2_3));
    assertEquals(
        List.of(
            "operator service url \"http://localhost:4222\" - protocol not supported (only 'nats',"
                + " 'tls', 'ws', 'wss' only)"),
        issues(c, CURRENT));
  }

  @Test
  void validate_webSocketOperatorServiceUrl_onlyJwt23RulesReject() {
    OperatorClaims op =
        OperatorClaims.builder(AccountTestKeys.OPERATOR.publicKey())
            .operatorServiceUrls(List.of("ws://localhost:8080", "WSS://localhost:8443"))
            .build();

    assertEquals(List.of(), issues(op, CURRENT));
    assertEquals(
        List.of(
            "operator service url \"ws://localhost:8080\" - protocol not supported (only 'nats' or"
                + " 'tls' only)",
            "operator service url \"WSS://localhost:8443\" - protocol not supported (only 'nats'"
                + " or 'tls' only)"),
        issues(op, JWT_2_3));
  }

  @Test
  void validate_urlsWithControlCharacters_quotedAsGoPercentQ() {
    // Expected: Go jwt/v2 2.3.0 (Debian, go1.19.8), OperatorClaims.Validate with the same
    // AccountServerURL and OperatorServiceURLs; Description of each issue, printed with %s.
    OperatorClaims op =
        OperatorClaims.builder(AccountTestKeys.OPERATOR.publicKey())
            .accountServerUrl("nats://u:p@h/\u0001\u2028")
            .operatorServiceUrls(
                List.of(
                    "http://h/\u007f", "ws://[::1:4222", "tls://h\u00a0:x", "http://h\u0085:1/"))
            .build();

    assertEquals(
        List.of(
            "error parsing account server url: parse \"nats://u:p@h/\\x01\\u2028\": net/url:"
                + " invalid control character in URL",
            "error parsing operator service url \"http://h/\\x7f\": parse \"http://h/\\x7f\":"
                + " net/url: invalid control character in URL",
            "error parsing operator service url \"ws://[::1:4222\": parse \"ws://[::1:4222\":"
                + " missing ']' in host",
            "error parsing operator service url \"tls://h\\u00a0:x\": parse"
                + " \"tls://h\\u00a0:x\": invalid port \":x\" after host",
            "operator service url \"http://h\\u0085:1/\" - paths are not supported"),
        issues(op, JWT_2_3));
  }

  @Test
  void validate_accountValuesWithControlCharacters_quotedAsGoPercentQ() {
    // Expected: Go jwt/v2 2.3.0 (Debian, go1.19.8), AccountClaims.Validate with InfoURL
    // "http://h/\x7f", signing key "A\x7f" and a mapping from "a.\u200b" weighing 150.
    AccountClaims a =
        (AccountClaims)
            Claims.fromJson(
                "{\"iss\":\""
                    + AccountTestKeys.OPERATOR.publicKey()
                    + "\",\"sub\":\""
                    + A
                    + "\",\"nats\":{\"info_url\":\"http://h/\\u007f\","
                    + "\"signing_keys\":[\"A\\u007f\"],"
                    + "\"mappings\":{\"a.\\u200b\":[{\"subject\":\"b\",\"weight\":150}]},"
                    + "\"type\":\"account\",\"version\":2}}");

    List<String> got = new java.util.ArrayList<>(issues(a, JWT_2_3));
    java.util.Collections.sort(got); // Go's order follows map iteration
    assertEquals(
        List.of(
            "\"A\\x7f\" is not a valid account signing key",
            "Mapping \"a.\\u200b\"" + EXCEEDS,
            "error parsing info url: parse \"http://h/\\x7f\": net/url: invalid control"
                + " character in URL"),
        got);
  }

  // ------------------------------------------------------------------ activation subject message

  @Test
  void validate_serviceImportWhoseToIsOutsideTheActivation_jwt23NamesTheImportSubject() {
    ActivationClaims act =
        ActivationClaims.builder(A).importSubject("svc.a").kind(ExportType.SERVICE).build();
    String token = Jwt.encode(act, AccountTestKeys.EXPORTER, CLOCK);
    AccountClaims a =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "svc.a").to("svc.b").token(token).build())
            .build();

    String deprecated = "the field to has been deprecated (use LocalSubject instead)";
    assertEquals(
        List.of(
            deprecated, "activation token import subject \"svc.a\" doesn't match import \"svc.b\""),
        issues(a, CURRENT));
    assertEquals(
        List.of(
            deprecated, "activation token import subject \"svc.a\" doesn't match import \"svc.a\""),
        issues(a, JWT_2_3));
  }

  // ------------------------------------------------------------------ unchanged rules

  @Test
  void validate_authorizationResponseClaims_jwt23RulesAreTheCurrentOnes() {
    AuthorizationResponseClaims r = AuthorizationResponseClaims.builder(U).build();

    assertFalse(issues(r, CURRENT).isEmpty());
    assertEquals(issues(r, CURRENT), issues(r, JWT_2_3));
  }
}
