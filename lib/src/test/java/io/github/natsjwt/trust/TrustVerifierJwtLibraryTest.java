package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.EXPORTER;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.STRANGER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.sign;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.user;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.ClusterTraffic;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.WeightedMapping;
import io.github.natsjwt.jwt.Jwt;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The claims rules a verifier applies per server version (spec trust-chain.md sections 0, 2, 3.4
 * and 9): {@link ServerProfile#V2_9} validates with jwt 2.3.0's rules and decodes without the 1 MiB
 * cap, {@link ServerProfile#LATEST} with the current rules and the cap. Each test shows the two
 * profiles deciding the same JWTs differently.
 */
class TrustVerifierJwtLibraryTest {
  private static String accountJwt(UnaryOperator<AccountClaims.Builder> change) {
    return sign(change.apply(account()).build(), OPERATOR_SK);
  }

  private static Verification<VerifiedAccount> verifyAccount(String jwt, ServerProfile profile) {
    return verifier(resolver()).serverProfile(profile).build().verifyAccount(jwt);
  }

  private static Verification<VerifiedUser> connect(
      String accountJwt, String userJwt, ServerProfile profile) {
    return verifier(resolver(accountJwt))
        .serverProfile(profile)
        .build()
        .verifyUser(userJwt, signed());
  }

  private static String plainUser() {
    return sign(user().build(), ACCOUNT);
  }

  private static void assertRejected(Rule rule, String says, Verification<?> v) {
    assertFalse(v.isAccepted(), () -> "expected " + rule + " but was accepted: " + v);
    Rejection r = v.rejection().orElseThrow();
    assertEquals(rule, r.rule(), r::toString);
    assertTrue(r.message().contains(says), () -> r.message() + " should contain " + says);
  }

  private static void assertAccepted(Verification<?> v) {
    assertTrue(v.isAccepted(), () -> "expected acceptance: " + v);
  }

  // ------------------------------------------------------------------ mappings

  @Test
  void verifyAccount_wildcardMappingDestination_v29RejectsLatestAccepts() {
    String jwt = accountJwt(a -> a.mapping("m.*", WeightedMapping.of("n.*")));

    assertRejected(
        Rule.ACCOUNT_INVALID,
        "Subject \"n.*\" in weighted mapping \"m.*\" is not allowed to contains wildcard",
        verifyAccount(jwt, ServerProfile.V2_9));
    assertAccepted(verifyAccount(jwt, ServerProfile.LATEST));
  }

  @Test
  void verifyUser_accountWithWildcardMappingDestination_v29RejectsTheUser() {
    String jwt = accountJwt(a -> a.mapping("m.*", WeightedMapping.of("n.*")));

    assertRejected(
        Rule.ACCOUNT_INVALID,
        "not allowed to contains wildcard",
        connect(jwt, plainUser(), ServerProfile.V2_9));
    assertAccepted(connect(jwt, plainUser(), ServerProfile.LATEST));
  }

  @Test
  void verifyAccount_threeFullWeights_v29AcceptsLatestRejects() {
    // 3 x 100 wraps to 44 in jwt 2.3.0's 8-bit sum.
    String jwt =
        accountJwt(
            a ->
                a.mapping(
                    "w",
                    WeightedMapping.of("w1", 100),
                    WeightedMapping.of("w2", 100),
                    WeightedMapping.of("w3", 100)));

    assertAccepted(verifyAccount(jwt, ServerProfile.V2_9));
    assertRejected(
        Rule.ACCOUNT_INVALID,
        "Mapping \"w\" exceeds 100% among all of it's weighted to mappings",
        verifyAccount(jwt, ServerProfile.LATEST));
  }

  // ------------------------------------------------------------------ service-import overlap

  @Test
  void verifyAccount_overlappingServiceImportsFromTwoExporters_v29RejectsLatestAccepts() {
    String jwt =
        accountJwt(
            a ->
                a.addImports(
                    Import.service(EXPORTER.publicKey(), "x.>").build(),
                    Import.service(STRANGER.publicKey(), "x.y").build()));

    assertRejected(
        Rule.ACCOUNT_INVALID,
        "overlapping subject namespace for \"x.y\" and \"x.>\"",
        verifyAccount(jwt, ServerProfile.V2_9));
    assertAccepted(verifyAccount(jwt, ServerProfile.LATEST));
  }

  // ------------------------------------------------------------------ subject syntax

  @Test
  void verifyUser_permissionWithConsecutiveDots_v29AcceptsLatestRejects() {
    String userJwt = sign(user().pub(Permission.allowing("orders..new")).build(), ACCOUNT);
    String accountJwt = accountJwt(a -> a);

    assertAccepted(connect(accountJwt, userJwt, ServerProfile.V2_9));
    assertRejected(
        Rule.USER_INVALID,
        "subject \"orders..new\" cannot contain consecutive `.`",
        connect(accountJwt, userJwt, ServerProfile.LATEST));
  }

  // ------------------------------------------------------------------ fields added later

  @Test
  void verifyAccount_unknownClusterTrafficAndServiceAllowTrace_v29AcceptsLatestRejects() {
    String jwt =
        accountJwt(
            a ->
                a.clusterTraffic(ClusterTraffic.of("bogus"))
                    .addImports(
                        Import.service(EXPORTER.publicKey(), "svc.a").allowTrace(true).build()));

    assertAccepted(verifyAccount(jwt, ServerProfile.V2_9));
    Verification<VerifiedAccount> latest = verifyAccount(jwt, ServerProfile.LATEST);
    assertRejected(Rule.ACCOUNT_INVALID, "unknown cluster traffic option: \"bogus\"", latest);
    assertRejected(Rule.ACCOUNT_INVALID, "AllowTrace only valid for stream import", latest);
  }

  // ------------------------------------------------------------------ token size

  @Test
  void verifyUser_userJwtOver1MiB_v29AndV210AcceptLatestRejects() {
    String userJwt = sign(user().name("x".repeat(Jwt.MAX_TOKEN_BYTES)).build(), ACCOUNT);
    assertTrue(userJwt.length() > Jwt.MAX_TOKEN_BYTES);
    String accountJwt = accountJwt(a -> a);

    // Servers before 2.12.6 have no cap of their own: the verifier's bound (1 MiB by default)
    // refuses the token until it is raised.
    for (ServerProfile old : List.of(ServerProfile.V2_9, ServerProfile.V2_10)) {
      assertRejected(
          Rule.USER_JWT_MALFORMED,
          "exceeds this decoder's bound of 1048576 bytes (maxTokenBytes",
          connect(accountJwt, userJwt, old));
      assertAccepted(
          verifier(resolver(accountJwt))
              .serverProfile(old)
              .maxTokenBytes(4 << 20)
              .build()
              .verifyUser(userJwt, signed()));
    }
    assertRejected(
        Rule.USER_JWT_MALFORMED,
        "exceeds maximum of 1048576 bytes",
        verifier(resolver(accountJwt))
            .serverProfile(ServerProfile.LATEST)
            .maxTokenBytes(4 << 20)
            .build()
            .verifyUser(userJwt, signed()));
  }

  @Test
  void verifyImport_activationOver1MiB_v29AcceptsLatestRefusesTheImporter() {
    String exporterJwt =
        sign(
            AccountClaims.builder(EXPORTER.publicKey())
                .addExports(Export.service("svc.>").tokenRequired(true).build())
                .build(),
            OPERATOR_SK);
    String activation =
        sign(
            ActivationClaims.builder(ACCOUNT.publicKey())
                .name("x".repeat(Jwt.MAX_TOKEN_BYTES))
                .importSubject("svc.a")
                .kind(ExportType.SERVICE)
                .build(),
            EXPORTER);
    String importerJwt =
        accountJwt(
            a ->
                a.addImports(
                    Import.service(EXPORTER.publicKey(), "svc.a").token(activation).build()));

    TrustVerifier v29 =
        verifier(resolver()).serverProfile(ServerProfile.V2_9).maxTokenBytes(4 << 20).build();
    VerifiedAccount importer = v29.verifyAccount(importerJwt).orElseThrow();
    VerifiedAccount exporter = v29.verifyAccount(exporterJwt).orElseThrow();
    Verification<VerifiedImport> imported =
        v29.verifyImport(importer, importer.claims().imports().get(0), exporter);
    assertAccepted(imported);
    assertTrue(imported.orElseThrow().activation().isPresent());

    assertRejected(
        Rule.ACCOUNT_JWT_MALFORMED,
        "exceeds maximum of 1048576 bytes",
        verifyAccount(importerJwt, ServerProfile.LATEST));
  }
}
