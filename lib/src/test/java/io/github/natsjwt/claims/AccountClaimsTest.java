package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.B;
import static io.github.natsjwt.claims.AccountTestKeys.C;
import static io.github.natsjwt.claims.AccountTestKeys.CLOCK;
import static io.github.natsjwt.claims.AccountTestKeys.NOW;
import static io.github.natsjwt.claims.AccountTestKeys.U;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountClaimsTest {
  private static final String UNLIMITED_LIMITS =
      "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
          + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1}";

  private static String natsOf(Claims c) {
    String json = c.toJson();
    return json.substring(json.indexOf("\"nats\":") + "\"nats\":".length(), json.length() - 1);
  }

  private static List<String> issues(Claims c) {
    return ClaimsVectors.descriptions(c.validate(NOW));
  }

  private static AccountClaims encodedAndDecoded(AccountClaims c) {
    String token = Jwt.encode(c, AccountTestKeys.OPERATOR, CLOCK);
    return Jwt.decode(token, AccountClaims.class).claims();
  }

  private static AccountClaims fromNats(String nats) {
    return (AccountClaims)
        Claims.fromJson(
            "{\"iss\":\""
                + AccountTestKeys.OPERATOR.publicKey()
                + "\",\"sub\":\""
                + A
                + "\",\"nats\":"
                + nats
                + "}");
  }

  // ------------------------------------------------------------------ defaults and JSON

  @Test
  void builder_newAccount_encodesNewAccountClaimsDefaults() {
    AccountClaims decoded = encodedAndDecoded(AccountClaims.builder(A).build());

    assertEquals(
        "{"
            + UNLIMITED_LIMITS
            + ",\"default_permissions\":{\"pub\":{},\"sub\":{}},"
            + "\"authorization\":{},\"type\":\"account\",\"version\":2}",
        natsOf(decoded));
    assertEquals(OperatorLimits.UNLIMITED, decoded.limits());
    assertFalse(decoded.limits().isJetStreamEnabled());
  }

  @Test
  void toJson_decodedWithoutAuthorization_omitsItUntilSet() {
    AccountClaims decoded =
        fromNats(
            "{\"limits\":{},\"default_permissions\":{\"pub\":{},\"sub\":{}},"
                + "\"type\":\"account\",\"version\":2}");

    assertFalse(natsOf(decoded).contains("authorization"));
    assertFalse(natsOf(decoded.toBuilder().build()).contains("authorization"));
    assertTrue(
        natsOf(decoded.toBuilder().authorization(ExternalAuthorization.NONE).build())
            .contains("\"authorization\":{}"));
  }

  @Test
  void toJson_everySection_inReferenceOrder() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addImports(Import.stream(B, "b.>").build())
            .addExports(Export.stream("a.>").build())
            .addSigningKeys(AccountTestKeys.SIGNING_KEY.publicKey())
            .revokeAt(U, Instant.ofEpochSecond(5))
            .mapping("m", WeightedMapping.of("n", 50), WeightedMapping.of("o", 50, "east"))
            .authorization(ExternalAuthorization.builder().addAuthUsers(U).build())
            .trace(MsgTrace.of("trace.a", 10))
            .clusterTraffic(ClusterTraffic.OWNER)
            .description("d")
            .infoUrl("https://example.com")
            .addTags("T1")
            .build();

    assertEquals(
        "{\"imports\":[{\"subject\":\"b.\\u003e\",\"account\":\""
            + B
            + "\",\"type\":\"stream\"}],"
            + "\"exports\":[{\"subject\":\"a.\\u003e\",\"type\":\"stream\"}],"
            + UNLIMITED_LIMITS
            + ","
            + "\"signing_keys\":[\""
            + AccountTestKeys.SIGNING_KEY.publicKey()
            + "\"],"
            + "\"revocations\":{\""
            + U
            + "\":5},"
            + "\"default_permissions\":{\"pub\":{},\"sub\":{}},"
            + "\"mappings\":{\"m\":[{\"subject\":\"n\",\"weight\":50},"
            + "{\"subject\":\"o\",\"weight\":50,\"cluster\":\"east\"}]},"
            + "\"authorization\":{\"auth_users\":[\""
            + U
            + "\"]},"
            + "\"trace\":{\"dest\":\"trace.a\",\"sampling\":10},"
            + "\"cluster_traffic\":\"owner\",\"description\":\"d\","
            + "\"info_url\":\"https://example.com\",\"tags\":[\"t1\"],\"type\":\"account\"}",
        natsOf(c));
  }

  @Test
  void toBuilder_everyField_rebuildsEqualClaims() {
    AccountClaims c =
        AccountClaims.builder(A)
            .name("acct")
            .addImports(Import.service(B, "svc").localSubject("local").share(true).build())
            .addExports(Export.service("x.*").accountTokenPosition(2).build())
            .addScopedSigningKey(UserScope.builder(AccountTestKeys.SCOPED_KEY.publicKey()).build())
            .trace(MsgTrace.of("t", 0))
            .build();

    assertEquals(c, c.toBuilder().build());
    assertEquals(c.toJson(), c.toBuilder().build().toJson());
    assertNotEquals(c, c.toBuilder().description("changed").build());
  }

  @Test
  void read_tieredLimits_resetsNonTieredJetStream() {
    AccountClaims c =
        fromNats(
            "{\"limits\":{\"mem_storage\":4096,\"disk_storage\":8192,"
                + "\"tiered_limits\":{\"R1\":{\"disk_storage\":1},\"R3\":null}},"
                + "\"type\":\"account\",\"version\":2}");

    assertEquals(JetStreamLimits.DISABLED, c.limits().jetStream());
    assertEquals(List.of("R1", "R3"), List.copyOf(c.limits().tieredLimits().keySet()));
    assertEquals(JetStreamLimits.DISABLED, c.limits().tier("R3").orElseThrow());
    assertTrue(c.limits().isJetStreamEnabled());
  }

  @Test
  void read_noLimits_areZeroNotUnlimited() {
    AccountClaims c = fromNats("{\"type\":\"account\",\"version\":2}");

    assertEquals(OperatorLimits.EMPTY, c.limits());
    assertTrue(
        natsOf(c).startsWith("{\"limits\":{},\"default_permissions\":{\"pub\":{},\"sub\":{}}"));
  }

  @Test
  void read_v1Account_migratesLimitsKeysAndTags() {
    AccountClaims c =
        (AccountClaims)
            Claims.fromJson(
                "{\"iat\":5,\"iss\":\""
                    + AccountTestKeys.OPERATOR.publicKey()
                    + "\",\"sub\":\""
                    + A
                    + "\",\"type\":\"account\",\"tags\":[\"x\"],"
                    + "\"nats\":{\"limits\":{\"subs\":10,\"mem_storage\":5},"
                    + "\"signing_keys\":[\""
                    + B
                    + "\"],\"revocations\":{\""
                    + U
                    + "\":3}}}");

    assertEquals(1, c.version());
    assertEquals(10, c.limits().subs());
    assertEquals(0, c.limits().conn());
    assertEquals(JetStreamLimits.DISABLED, c.limits().jetStream());
    assertEquals(List.of(B), c.signingKeys().keys());
    assertEquals(Optional.empty(), c.signingKeys().scope(B));
    assertEquals(List.of("x"), c.tags());
    assertTrue(c.revocations().isRevoked(U, 3));
  }

  @Test
  void read_nullImportAndExport_keptReportedAndNotEncodable() {
    AccountClaims c =
        fromNats(
            "{\"imports\":[null],\"exports\":[null],\"limits\":{\"imports\":-1,"
                + "\"exports\":-1},\"type\":\"account\",\"version\":2}");

    assertEquals(List.of(), c.imports());
    assertTrue(natsOf(c).startsWith("{\"imports\":[null],\"exports\":[null],"));
    assertEquals(List.of("null import is not allowed", "null export is not allowed"), issues(c));
    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class, () -> Jwt.encode(c, AccountTestKeys.OPERATOR, CLOCK));
    assertTrue(e.getMessage().contains("nats.imports[0] is null"), e.getMessage());
  }

  @Test
  void read_mappingWeightAbove255_throwsNamingTheField() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () ->
                fromNats(
                    "{\"mappings\":{\"m\":[{\"subject\":\"n\",\"weight\":256}]},"
                        + "\"type\":\"account\",\"version\":2}"));

    assertEquals("nats.mappings.m[0].weight", e.field());
  }

  @Test
  void toJson_mappingReadAsNull_writesNullAsGo() {
    // Expected bytes: Go jwt/v2 (Debian golang-github-nats-io-jwt-dev, go1.19.8),
    // json.Unmarshal of this payload into jwt.AccountClaims, then json.Marshal: its "mappings"
    // member is {"a.b":null,"c.d":[],"e.f":[{"subject":""}],"g.h":[{"subject":"x","weight":50}]}.
    String goMappings =
        "\"mappings\":{\"a.b\":null,\"c.d\":[],\"e.f\":[{\"subject\":\"\"}],"
            + "\"g.h\":[{\"subject\":\"x\",\"weight\":50}]}";
    AccountClaims c =
        fromNats(
            "{\"mappings\":{\"a.b\":null,\"c.d\":[],\"e.f\":[null],"
                + "\"g.h\":[{\"subject\":\"x\",\"weight\":50}]},"
                + "\"type\":\"account\",\"version\":2}");

    assertTrue(natsOf(c).contains(goMappings), natsOf(c));
    assertEquals(List.of(), c.mappings().get("a.b"));
    assertEquals(List.of(), c.mappings().get("c.d"));
    // Still null after a copy, and through a signed token.
    assertTrue(natsOf(c.toBuilder().build()).contains(goMappings));
    assertTrue(natsOf(encodedAndDecoded(c)).contains(goMappings));
    // Decoded from Go's own output again, the bytes stay the same.
    assertEquals(c.toJson(), Claims.fromJson(c.toJson()).toJson());
  }

  @Test
  void toJson_nullMappingReplacedOrRemoved_writesTheNewValue() {
    AccountClaims c = fromNats("{\"mappings\":{\"a.b\":null},\"type\":\"account\",\"version\":2}");

    assertTrue(
        natsOf(c.toBuilder().mapping("a.b", List.of()).build())
            .contains("\"mappings\":{\"a.b\":[]}"));
    assertTrue(
        natsOf(c.toBuilder().mapping("a.b", WeightedMapping.of("x")).build())
            .contains("\"mappings\":{\"a.b\":[{\"subject\":\"x\"}]}"));
    assertFalse(natsOf(c.toBuilder().removeMapping("a.b").build()).contains("mappings"));
    // Removed and set again through the builder: an empty list, as Go's AddMapping makes.
    assertTrue(
        natsOf(c.toBuilder().removeMapping("a.b").mapping("a.b").build())
            .contains("\"mappings\":{\"a.b\":[]}"));
  }

  // ------------------------------------------------------------------ encoding

  @Test
  void encode_importsAndExports_sortedBySubjectBytesStably() {
    // U+E000 sorts after U+1F600 in UTF-16 but before it in UTF-8, as Go compares.
    AccountClaims c =
        AccountClaims.builder(A)
            .addExports(
                Export.stream("\uD83D\uDE00").build(),
                Export.stream("b").name("first b").build(),
                Export.stream("\uE000").build(),
                Export.stream("b").name("second b").build(),
                Export.stream("a").build())
            .addImports(Import.stream(B, "z").build(), Import.stream(B, "y").build())
            .build();

    AccountClaims encoded = encodedAndDecoded(c);

    assertEquals(
        List.of("a", "b", "b", "\uE000", "\uD83D\uDE00"),
        encoded.exports().stream().map(Export::subject).toList());
    assertEquals("first b", encoded.exports().get(1).name());
    assertEquals(List.of("y", "z"), encoded.imports().stream().map(Import::subject).toList());
    assertEquals("z", c.imports().get(0).subject(), "the claims object itself is unchanged");
  }

  @Test
  void encode_subjectNotAccountKey_throwsInvalidClaims() {
    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class,
            () -> Jwt.encode(AccountClaims.builder(U).build(), AccountTestKeys.OPERATOR, CLOCK));

    assertEquals("expected subject to be account public key", e.getMessage());
  }

  @Test
  void encode_latencySamplingOutOfRange_throwsInvalidClaims() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addExports(Export.service("q").latency(ServiceLatency.of(150, "r")).build())
            .build();

    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class, () -> Jwt.encode(c, AccountTestKeys.OPERATOR, CLOCK));

    assertTrue(e.getMessage().startsWith("nats.exports[0].service_latency.sampling is 150"));
  }

  @Test
  void encode_selfSigned_isAllowed() {
    String token = Jwt.encode(AccountClaims.builder(A).build(), AccountTestKeys.ACCOUNT, CLOCK);

    AccountClaims c = Jwt.decode(token, AccountClaims.class).claims();

    assertTrue(c.isSelfSigned());
    assertEquals(List.of("self-signed account JWTs shouldn't contain operator limits"), issues(c));
  }

  @Test
  void hasExportContainingSubject_referenceContainment() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addExports(Export.stream("a.*.c").build(), Export.service("svc.>").build())
            .build();

    assertTrue(c.hasExportContainingSubject("a.b.c"));
    assertTrue(c.hasExportContainingSubject("svc.x.y"));
    assertFalse(c.hasExportContainingSubject("svc"));
    assertFalse(c.hasExportContainingSubject("a.b.d"));
  }

  // ------------------------------------------------------------------ didSign and revocations

  @Test
  void didSign_byIdentityKey_isTrue() {
    AccountClaims account = AccountClaims.builder(A).build();
    UserClaims user = UserClaims.builder(U).issuer(A).build();

    assertTrue(account.didSign(user));
  }

  @Test
  void didSign_bySigningKeyForThisAccount_isTrue() {
    String plain = AccountTestKeys.SIGNING_KEY.publicKey();
    String scoped = AccountTestKeys.SCOPED_KEY.publicKey();
    AccountClaims account =
        AccountClaims.builder(A)
            .addSigningKeys(plain)
            .addScopedSigningKey(UserScope.builder(scoped).build())
            .build();

    assertTrue(account.didSign(UserClaims.builder(U).issuer(plain).issuerAccount(A).build()));
    assertTrue(account.didSign(UserClaims.builder(U).issuer(scoped).issuerAccount(A).build()));
    assertTrue(account.didSign(ActivationClaims.builder(C).issuer(plain).issuerAccount(A).build()));
  }

  @Test
  void didSign_signingKeyWithoutIssuerAccount_isFalse() {
    String plain = AccountTestKeys.SIGNING_KEY.publicKey();
    AccountClaims account = AccountClaims.builder(A).addSigningKeys(plain).build();

    assertFalse(account.didSign(UserClaims.builder(U).issuer(plain).build()));
    assertFalse(account.didSign(UserClaims.builder(U).issuer(plain).issuerAccount(B).build()));
    assertFalse(account.didSign(AccountClaims.builder(B).issuer(plain).build()));
    assertFalse(account.didSign(UserClaims.builder(U).issuer(C).issuerAccount(A).build()));
  }

  @Test
  void didSign_goCaseUnknownSigningKey_isFalse() {
    JsonNode v = ClaimsVectors.invalidCase("user_signed_by_unknown_account_key");
    AccountClaims account =
        Jwt.decode(v.get("context").get("account_jwt").asText(), AccountClaims.class).claims();
    UserClaims user = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();

    assertFalse(account.didSign(user));
  }

  @ParameterizedTest
  @ValueSource(strings = {"user_revoked_by_key", "user_revoked_by_wildcard"})
  void isClaimRevoked_goRevokedCase_isTrue(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    AccountClaims account =
        Jwt.decode(v.get("context").get("account_jwt").asText(), AccountClaims.class).claims();
    UserClaims user = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();

    assertTrue(account.isClaimRevoked(user));
    assertFalse(
        account.isClaimRevoked(
            user.toBuilder().issuedAt(Instant.ofEpochSecond(1_699_999_901L)).build()));
  }

  @Test
  void revoke_builderHelpers_keepLaterTimeAndClear() {
    AccountClaims c =
        AccountClaims.builder(A)
            .revokeAt(U, Instant.ofEpochSecond(200))
            .revokeAt(U, Instant.ofEpochSecond(100))
            .revoke(RevocationList.ALL, CLOCK)
            .build();

    assertEquals(Optional.of(Instant.ofEpochSecond(200)), c.revocations().revokedAt(U));
    assertEquals(Optional.of(NOW), c.revocations().revokedAt(RevocationList.ALL));
    assertTrue(c.isClaimRevoked(UserClaims.builder(U).issuedAt(NOW).build()));
    assertTrue(c.isClaimRevoked(UserClaims.builder(U).build()), "no iat counts as revoked");
    AccountClaims cleared = c.toBuilder().clearRevocation(U).clearRevocation("missing").build();
    assertEquals(Optional.empty(), cleared.revocations().revokedAt(U));
  }

  @ParameterizedTest
  @ValueSource(strings = {"scoped_user_with_permissions", "scoped_user_with_default_limits"})
  void scopedSignerProblem_goScopedViolation_isReported(String name) {
    JsonNode v = ClaimsVectors.invalidCase(name);
    AccountClaims account =
        Jwt.decode(v.get("context").get("account_jwt").asText(), AccountClaims.class).claims();
    UserClaims user = Jwt.decode(v.get("jwt").asText(), UserClaims.class).claims();

    UserScope scope = account.signingKeys().scope(user.issuer()).orElseThrow();

    assertTrue(account.didSign(user));
    assertEquals(Optional.of(v.get("go_error_text").asText()), scope.scopedSignerProblem(user));
  }

  // ------------------------------------------------------------------ validation

  @Test
  void validate_expired_isTimeCheckOnly() {
    AccountClaims c = AccountClaims.builder(A).expiresAt(NOW.minusSeconds(1)).build();

    ValidationResult r = c.validate(NOW);

    assertEquals(List.of(ValidationIssue.timeCheck("claim is expired")), r.issues());
  }

  @Test
  void validate_tieredAndAccountWideJetStream_areMutuallyExclusive() {
    OperatorLimits limits =
        OperatorLimits.UNLIMITED.toBuilder()
            .jetStream(JetStreamLimits.UNLIMITED)
            .tier("", JetStreamLimits.UNLIMITED)
            .build();

    assertEquals(
        List.of(
            "JetStream Limits and tiered JetStream Limits are mutually exclusive",
            "Tiered JetStream Limits can not contain a blank \"\" tier name"),
        issues(AccountClaims.builder(A).limits(limits).build()));
  }

  @Test
  void validate_defaultPermissions_pubQueueRejected() {
    AccountClaims c =
        AccountClaims.builder(A)
            .defaultPermissions(
                Permissions.of(Permission.allowing("p q"), Permission.allowing("s q")))
            .build();

    assertEquals(List.of("Permission Subject \"p q\" is not allowed to contain queue"), issues(c));
  }

  @Test
  void validate_mappingWeightAbove100_reportsWeightAndTotal() {
    AccountClaims c = AccountClaims.builder(A).mapping("m", WeightedMapping.of("n", 150)).build();

    assertEquals(
        List.of(
            "Mapping \"m\" has a weight 150 that exceeds 100",
            "Mapping \"m\" exceeds 100% among all of it's weighted to mappings"),
        issues(c));
  }

  @Test
  void validate_twoUnweightedDestinations_exceed100() {
    AccountClaims c =
        AccountClaims.builder(A)
            .mapping("m", WeightedMapping.of("n"), WeightedMapping.of("o"))
            .build();

    assertEquals(
        List.of("Mapping \"m\" exceeds 100% among all of it's weighted to mappings"), issues(c));
  }

  @Test
  void validate_threeFullWeights_exceed100WithoutOverflow() {
    AccountClaims c =
        AccountClaims.builder(A)
            .mapping(
                "w",
                WeightedMapping.of("w1", 100),
                WeightedMapping.of("w2", 100),
                WeightedMapping.of("w3", 100))
            .build();

    assertEquals(
        List.of("Mapping \"w\" exceeds 100% among all of it's weighted to mappings"), issues(c));
  }

  @Test
  void validate_clusterWeights_reportEachRunningExcess() {
    AccountClaims c =
        AccountClaims.builder(A)
            .mapping(
                "m",
                WeightedMapping.of("e1", 60, "east"),
                WeightedMapping.of("e2", 60, "east"),
                WeightedMapping.of("e3", 10, "east"),
                WeightedMapping.of("w1", 100, "west"),
                WeightedMapping.of("local", 100))
            .build();

    assertEquals(
        List.of(
            "Mapping \"m\" in cluster \"east\" exceeds 100% among all of it's weighted to mappings",
            "Mapping \"m\" in cluster \"east\" exceeds 100% among all of it's weighted to"
                + " mappings"),
        issues(c));
  }

  @Test
  void validate_mappingSubjects_validatedWildcardDestinationAllowed() {
    AccountClaims c =
        AccountClaims.builder(A)
            .mapping("m.*", WeightedMapping.of("n.*"))
            .mapping("bad..from", WeightedMapping.of(""))
            .build();

    assertEquals(
        List.of("subject \"bad..from\" cannot contain consecutive `.`", "subject cannot be empty"),
        issues(c));
  }

  @Test
  void validate_authorization_everyRule() {
    ExternalAuthorization accountsWithoutUsers =
        ExternalAuthorization.builder().addAllowedAccounts(B).build();
    ExternalAuthorization bad =
        ExternalAuthorization.builder()
            .addAuthUsers(U, A)
            .addAllowedAccounts("*", B, U)
            .xkey(A)
            .build();

    assertEquals(
        List.of("External authorization cannot have accounts without users specified"),
        issues(AccountClaims.builder(A).authorization(accountsWithoutUsers).build()));
    assertEquals(
        List.of(
            "AuthUser \"" + A + "\" is not a valid user public key",
            "AllowedAccounts can only be a list of accounts or \"*\"",
            "Account \"" + U + "\" is not a valid account public key",
            "XKey \"" + A + "\" is not a valid public xkey"),
        issues(AccountClaims.builder(A).authorization(bad).build()));
  }

  @Test
  void validate_authorizationAnyAccountAlone_isValid() {
    ExternalAuthorization callout =
        ExternalAuthorization.builder()
            .addAuthUsers(U)
            .addAllowedAccounts(ExternalAuthorization.ANY_ACCOUNT)
            .xkey(AccountTestKeys.CURVE.publicKey())
            .build();

    AccountClaims c = AccountClaims.builder(A).authorization(callout).build();

    assertEquals(List.of(), issues(c));
    assertTrue(c.hasExternalAuthorization());
  }

  @Test
  void validate_trace_destinationAndSamplingRules() {
    assertEquals(
        List.of(
            "the account Trace.Destination subject cannot be empty",
            "the account Trace.Sampling value '101' is not valid, should be in the range [1..100]"),
        issues(AccountClaims.builder(A).trace(MsgTrace.of("", 101)).build()));
    assertEquals(
        List.of(
            "the account Trace.Destination subject \"t.>\" is not a valid publish subject",
            "the account Trace.Sampling value '-1' is not valid, should be in the range [1..100]"),
        issues(AccountClaims.builder(A).trace(MsgTrace.of("t.>", -1)).build()));
    assertEquals(
        List.of("the account Trace.Destination subject \"a b\" cannot have spaces"),
        issues(AccountClaims.builder(A).trace(MsgTrace.of("a b", 5)).build()));
  }

  @Test
  void validate_traceSamplingZero_validAndClaimUnchanged() {
    AccountClaims c = AccountClaims.builder(A).trace(MsgTrace.of("t", 0)).build();
    String before = c.toJson();

    assertEquals(List.of(), issues(c));
    assertEquals(before, c.toJson());
    assertEquals(100, c.trace().orElseThrow().effectiveSampling());
  }

  @Test
  void validate_importsAboveLimit_reportedByBothChecks() {
    AccountClaims c =
        AccountClaims.builder(A)
            .limits(OperatorLimits.UNLIMITED.toBuilder().imports(1).build())
            .addImports(Import.stream(B, "x").build(), Import.stream(B, "y").build())
            .build();

    assertEquals(
        List.of(
            "the account contains more imports than allowed by the operator",
            "the account contains more imports than allowed by the operator"),
        issues(c));
  }

  @Test
  void validate_importsWithEmptyLimits_reportedOnce() {
    AccountClaims c =
        AccountClaims.builder(A)
            .limits(OperatorLimits.EMPTY)
            .addImports(Import.stream(B, "x").build())
            .build();

    assertEquals(
        List.of("the account contains more imports than allowed by the operator"), issues(c));
  }

  @Test
  void validate_exportsAboveLimitAndWildcards_reported() {
    AccountClaims c =
        AccountClaims.builder(A)
            .limits(OperatorLimits.UNLIMITED.toBuilder().exports(1).wildcardExports(false).build())
            .addExports(Export.stream("a.>").build(), Export.service("b.*").build())
            .build();

    assertEquals(
        List.of(
            "the account contains more exports than allowed by the operator",
            "the account contains wildcard exports that are not allowed by the operator",
            "the account contains wildcard exports that are not allowed by the operator"),
        issues(c));
  }

  @Test
  void validate_wildcardExportsWithUnlimitedExports_notFlagged() {
    AccountClaims c =
        AccountClaims.builder(A)
            .limits(OperatorLimits.UNLIMITED.toBuilder().wildcardExports(false).build())
            .addExports(Export.stream("a.>").build())
            .build();

    assertEquals(List.of(), issues(c));
  }

  @Test
  void validate_signingKeys_plainAndScopedRules() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addSigningKeys(AccountTestKeys.OPERATOR.publicKey())
            .addScopedSigningKey(UserScope.builder(U).build())
            .build();

    List<String> issues = issues(c);

    assertEquals(2, issues.size());
    assertTrue(
        issues.contains(
            "\"" + AccountTestKeys.OPERATOR.publicKey() + "\" is not a valid account signing key"));
    assertTrue(issues.contains(U + " is not an account public key"));
  }

  @Test
  void validate_info_lengthAndUrlRules() {
    String longDescription = "\u20ac".repeat(2731); // 2731 chars, 8193 UTF-8 bytes
    String longUrl = "https://example.com/" + "a".repeat(8192);

    assertEquals(
        List.of("Description is too long"),
        issues(AccountClaims.builder(A).description(longDescription).build()));
    assertEquals(
        List.of(), issues(AccountClaims.builder(A).description("\u20ac".repeat(2730)).build()));
    assertEquals(
        List.of("Info URL is too long"), issues(AccountClaims.builder(A).infoUrl(longUrl).build()));
    assertEquals(
        List.of("error parsing info url: no hostname or scheme"),
        issues(AccountClaims.builder(A).infoUrl("/relative/path").build()));
    assertEquals(
        List.of("error parsing info url: parse \"http://[::1\": missing ']' in host"),
        issues(AccountClaims.builder(A).infoUrl("http://[::1").build()));
  }

  @Test
  void validate_clusterTraffic_unknownOptionRejected() {
    AccountClaims c = AccountClaims.builder(A).clusterTraffic(ClusterTraffic.of("bogus")).build();

    assertEquals(List.of("unknown cluster traffic option: \"bogus\""), issues(c));
    assertEquals(
        List.of(), issues(AccountClaims.builder(A).clusterTraffic(ClusterTraffic.SYSTEM).build()));
  }

  @Test
  void validate_issuedByAccountKeyWithLimits_warns() {
    AccountClaims withLimits = AccountClaims.builder(A).issuer(B).build();
    AccountClaims withoutLimits =
        AccountClaims.builder(A).issuer(A).limits(OperatorLimits.EMPTY).build();

    ValidationResult r = withLimits.validate(NOW);

    assertEquals(
        List.of(
            ValidationIssue.warning("self-signed account JWTs shouldn't contain operator limits")),
        r.issues());
    assertFalse(r.isBlocking(true));
    assertEquals(List.of(), issues(withoutLimits));
  }

  @Test
  void validate_serviceImportOverlap_onlyWithinOneAccount() {
    AccountClaims sameAccount =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "x.>").build(), Import.service(B, "x.y").build())
            .build();
    AccountClaims otherAccounts =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "x.>").build(), Import.service(C, "x.y").build())
            .build();

    assertEquals(
        List.of(
            "overlapping subject namespace for \"x.y\" and \"x.>\" in same account \"" + B + "\""),
        issues(sameAccount));
    assertEquals(List.of(), issues(otherAccounts));
  }

  @Test
  void validate_server210Rules_serviceImportOverlapAcrossExporters() {
    // nats-server 2.10.27 logged exactly these issues for two imports of ov.a from two exporters
    // and refused the account's users; 2.14.5 accepted them.
    AccountClaims twoExporters =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "ov.a").build(), Import.service(C, "ov.a").build())
            .build();

    assertEquals(
        List.of(
            "overlapping subject namespace for \"ov.a\" and \"ov.a\"",
            "overlapping subject namespace for \"\""),
        ClaimsVectors.descriptions(twoExporters.validate(NOW, ValidationRules.SERVER_2_10)));
    assertEquals(List.of(), issues(twoExporters));
  }

  @Test
  void validate_duplicateServiceImport_reportsOverlapAndDuplicate() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addImports(Import.service(B, "q").build(), Import.service(B, "q").build())
            .build();

    assertEquals(
        List.of(
            "overlapping subject namespace for \"q\" and \"q\" in same account \"" + B + "\"",
            "overlapping subject namespace for \"q\" in account \"" + B + "\""),
        issues(c));
  }

  @Test
  void validate_serviceImportOverlap_usesLocalSubjects() {
    AccountClaims renamed =
        AccountClaims.builder(A)
            .addImports(
                Import.service(B, "a.*").localSubject("l.$1").build(),
                Import.service(B, "b.*").localSubject("l.x").build(),
                Import.service(B, "c").to("t").build(),
                Import.service(B, "t").build())
            .build();
    AccountClaims streams =
        AccountClaims.builder(A)
            .addImports(Import.stream(B, "x.>").build(), Import.stream(B, "x.y").build())
            .build();

    assertEquals(
        List.of(
            "overlapping subject namespace for \"l.x\" and \"l.*\" in same account \"" + B + "\"",
            "subject does not contain enough * or reference wildcards $[0-9]",
            "the field to has been deprecated (use LocalSubject instead)",
            "overlapping subject namespace for \"t\" and \"t\" in same account \"" + B + "\"",
            "overlapping subject namespace for \"t\" in account \"" + B + "\""),
        issues(renamed));
    assertEquals(List.of(), issues(streams));
  }

  @Test
  void validate_exportOverlap_perKindOneIssuePerContainer() {
    AccountClaims c =
        AccountClaims.builder(A)
            .addExports(
                Export.service("a.>").build(),
                Export.service("a.b").build(),
                Export.service("a.c").build(),
                Export.stream("s").build(),
                Export.stream("s").build(),
                Export.stream("a.b").build())
            .build();

    assertEquals(
        List.of(
            "service export subject \"a.>\" already exports \"a.b\"",
            "stream export subject \"s\" already exports \"s\""),
        issues(c));
  }

  @Test
  void validate_rulesRunInReferenceOrder() {
    AccountClaims c =
        AccountClaims.builder(A)
            .expiresAt(Instant.ofEpochSecond(1))
            .limits(OperatorLimits.UNLIMITED.toBuilder().imports(0).build())
            .addImports(Import.stream("", "i").build())
            .addExports(Export.stream("e e").build())
            .defaultPermissions(Permissions.of(Permission.allowing("p q"), Permission.EMPTY))
            .mapping("m", WeightedMapping.of("n"), WeightedMapping.of("o"))
            .authorization(ExternalAuthorization.builder().xkey("x").build())
            .trace(MsgTrace.of("t", 200))
            .addSigningKeys("k")
            .infoUrl("nope")
            .clusterTraffic(ClusterTraffic.of("x"))
            .issuer(A)
            .build();

    assertEquals(
        List.of(
            "claim is expired",
            "account to import from is not specified",
            "subject \"e e\" cannot have spaces",
            "Permission Subject \"p q\" is not allowed to contain queue",
            "Mapping \"m\" exceeds 100% among all of it's weighted to mappings",
            "XKey \"x\" is not a valid public xkey",
            "the account Trace.Sampling value '200' is not valid, should be in the range [1..100]",
            "the account contains more imports than allowed by the operator",
            "the account contains more imports than allowed by the operator",
            "\"k\" is not a valid account signing key",
            "error parsing info url: no hostname or scheme",
            "unknown cluster traffic option: \"x\"",
            "self-signed account JWTs shouldn't contain operator limits"),
        issues(c));
  }

  @Test
  void validate_activationOfExporterSigningKey_accepted() {
    String token =
        Jwt.encode(
            ActivationClaims.builder(A)
                .importSubject("b.>")
                .kind(ExportType.STREAM)
                .issuerAccount(B)
                .build(),
            AccountTestKeys.EXPORTER_SIGNING_KEY,
            CLOCK);
    AccountClaims c =
        AccountClaims.builder(A).addImports(Import.stream(B, "b.x").token(token).build()).build();

    assertEquals(List.of(), issues(c));
    assertTrue(NKeyType.ACCOUNT.isValidPublicKey(c.imports().get(0).account()));
  }
}
