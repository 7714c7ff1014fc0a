package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.EXPORTER;
import static io.github.natsjwt.trust.Chain.EXPORTER_SK;
import static io.github.natsjwt.trust.Chain.ISSUED;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.STRANGER;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.sign;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.trust.Chain.MutableClock;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Import authorization against the exporter's exports and activation tokens (section 6). */
class TrustVerifierImportTest {
  private static final String IMPORTER = ACCOUNT.publicKey();

  private static String exporterJwt(Export... exports) {
    return sign(
        AccountClaims.builder(EXPORTER.publicKey())
            .name("EXP")
            .addSigningKeys(EXPORTER_SK.publicKey())
            .addExports(exports)
            .build(),
        OPERATOR_SK);
  }

  private static String importerJwt(Import imp) {
    return sign(AccountClaims.builder(IMPORTER).name("IMP").addImports(imp).build(), OPERATOR_SK);
  }

  private static String activation(
      String subject, ExportType kind, NKey signer, UnaryOperator<ActivationClaims.Builder> c) {
    ActivationClaims.Builder b =
        ActivationClaims.builder(IMPORTER).importSubject(subject).kind(kind);
    return sign(c.apply(b).build(), signer);
  }

  private static Verification<VerifiedImport> authorize(
      TrustVerifier v, String importerJwt, String exporterJwt) {
    VerifiedAccount importer = v.verifyAccount(importerJwt).orElseThrow();
    VerifiedAccount exporter = v.verifyAccount(exporterJwt).orElseThrow();
    return v.verifyImport(importer, importer.claims().imports().get(0), exporter);
  }

  private static Verification<VerifiedImport> authorize(String importerJwt, String exporterJwt) {
    return authorize(verifier(resolver()).build(), importerJwt, exporterJwt);
  }

  private static void rejected(Rule rule, Verification<?> v) {
    assertFalse(v.isAccepted(), () -> "expected " + rule + ", was accepted: " + v);
    assertEquals(rule, v.rejection().orElseThrow().rule(), v::toString);
  }

  @Test
  void verifyImport_publicStreamExport_accepted() {
    VerifiedImport i =
        authorize(
                importerJwt(Import.stream(EXPORTER.publicKey(), "events.orders").build()),
                exporterJwt(Export.stream("events.>").build()))
            .orElseThrow();
    assertEquals("events.>", i.export().subject());
    assertTrue(i.activation().isEmpty());
    assertTrue(i.expiresAt().isEmpty());
    assertEquals(IMPORTER, i.importer().publicKey());
    assertEquals(EXPORTER.publicKey(), i.exporter().publicKey());
  }

  @Test
  void verifyImport_noCoveringExport_rejected() {
    rejected(
        Rule.EXPORT_NOT_FOUND,
        authorize(
            importerJwt(Import.stream(EXPORTER.publicKey(), "other.x").build()),
            exporterJwt(Export.stream("events.>").build())));
  }

  @Test
  void verifyImport_exportOfOtherType_rejected() {
    rejected(
        Rule.EXPORT_NOT_FOUND,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "events.x").build()),
            exporterJwt(Export.stream("events.>").build())));
  }

  @Test
  void verifyImport_importWiderThanExport_rejected() {
    // The import must be equal to or narrower than the export: foo.> is not inside foo.*.
    rejected(
        Rule.EXPORT_NOT_FOUND,
        authorize(
            importerJwt(Import.stream(EXPORTER.publicKey(), "foo.>").build()),
            exporterJwt(Export.stream("foo.*").build())));
  }

  @Test
  void verifyImport_accountTokenPositionWithImportersKey_accepted() {
    String subject = "acct." + IMPORTER + ".info";
    assertTrue(
        authorize(
                importerJwt(Import.service(EXPORTER.publicKey(), subject).build()),
                exporterJwt(Export.service("acct.*.info").accountTokenPosition(2).build()))
            .isAccepted());
  }

  @Test
  void verifyImport_accountTokenPositionWithOtherKey_rejected() {
    String subject = "acct." + STRANGER.publicKey() + ".info";
    rejected(
        Rule.ACCOUNT_TOKEN_POSITION_MISMATCH,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), subject).build()),
            exporterJwt(Export.service("acct.*.info").accountTokenPosition(2).build())));
  }

  @Test
  void verifyImport_accountTokenPositionSameSubjectAsExport_rejected() {
    rejected(
        Rule.ACCOUNT_TOKEN_POSITION_MISMATCH,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "acct.*.info").build()),
            exporterJwt(Export.service("acct.*.info").accountTokenPosition(2).build())));
  }

  @Test
  void verifyImport_tokenRequiredWithoutToken_rejected() {
    rejected(
        Rule.ACTIVATION_MISSING,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").build()),
            exporterJwt(Export.service("svc.req").tokenRequired(true).build())));
  }

  @Test
  void verifyImport_activationByExporter_acceptedWithExpiry() {
    String token =
        activation("svc.req", ExportType.SERVICE, EXPORTER, a -> a.expiresAt(NOW.plusSeconds(60)));
    VerifiedImport i =
        authorize(
                importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
                exporterJwt(Export.service("svc.req").tokenRequired(true).build()))
            .orElseThrow();
    assertEquals("svc.req", i.activation().orElseThrow().importSubject());
    assertEquals(NOW.plusSeconds(60), i.expiresAt().orElseThrow());
  }

  @Test
  void verifyImport_activationExpiresThisSecond_rejected() {
    // Activations are expired when exp <= now, stricter than the usual check.
    String token = activation("svc.req", ExportType.SERVICE, EXPORTER, a -> a.expiresAt(NOW));
    rejected(
        Rule.ACTIVATION_EXPIRED,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
            exporterJwt(Export.service("svc.req").tokenRequired(true).build())));
  }

  @Test
  void verifyImport_activationNotYetValid_rejected() {
    String token =
        activation("svc.req", ExportType.SERVICE, EXPORTER, a -> a.notBefore(NOW.plusSeconds(60)));
    rejected(
        Rule.ACTIVATION_NOT_YET_VALID,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
            exporterJwt(Export.service("svc.req").tokenRequired(true).build())));
  }

  @Test
  void verifyImport_activationBySigningKeyWithIssuerAccount_accepted() {
    String token =
        activation(
            "svc.*", ExportType.SERVICE, EXPORTER_SK, a -> a.issuerAccount(EXPORTER.publicKey()));
    assertTrue(
        authorize(
                importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
                exporterJwt(Export.service("svc.*").tokenRequired(true).build()))
            .isAccepted());
  }

  @Test
  void verifyImport_activationByUnknownKeyWithIssuerAccount_rejectedUntrusted() {
    String token =
        activation(
            "svc.req", ExportType.SERVICE, STRANGER, a -> a.issuerAccount(EXPORTER.publicKey()));
    Verification<VerifiedImport> v =
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
            exporterJwt(Export.service("svc.req").tokenRequired(true).build()));
    rejected(Rule.ACTIVATION_UNTRUSTED_ISSUER, v);
    assertTrue(v.rejection().orElseThrow().message().contains(STRANGER.publicKey()));
  }

  @Test
  void verifyImport_activationNamingAnotherIssuerAccount_rejectedUntrusted() {
    // Signed by the exporter itself (so the importer's JWT is valid), but naming another account.
    String token =
        activation(
            "svc.req", ExportType.SERVICE, EXPORTER, a -> a.issuerAccount(STRANGER.publicKey()));
    Verification<VerifiedImport> v =
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
            exporterJwt(Export.service("svc.req").tokenRequired(true).build()));
    rejected(Rule.ACTIVATION_UNTRUSTED_ISSUER, v);
    assertTrue(
        v.rejection().orElseThrow().message().contains("issuer_account " + STRANGER.publicKey()));
  }

  @Test
  void verifyImport_activationRevokedAtIssueTime_rejected() {
    String token = activation("svc.req", ExportType.SERVICE, EXPORTER, a -> a);
    rejected(
        Rule.ACTIVATION_REVOKED,
        authorize(
            importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
            exporterJwt(
                Export.service("svc.req").tokenRequired(true).revokeAt(IMPORTER, ISSUED).build())));
  }

  @Test
  void verifyImport_activationRevokedBeforeIssue_accepted() {
    String token = activation("svc.req", ExportType.SERVICE, EXPORTER, a -> a);
    assertTrue(
        authorize(
                importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build()),
                exporterJwt(
                    Export.service("svc.req")
                        .tokenRequired(true)
                        .revokeAt("*", ISSUED.minusSeconds(1))
                        .build()))
            .isAccepted());
  }

  @Test
  void verifyImport_exporterFromResolver_accepted() {
    String exp = exporterJwt(Export.stream("events.>").build());
    TrustVerifier v = verifier(resolver(exp)).build();
    VerifiedAccount importer =
        v.verifyAccount(importerJwt(Import.stream(EXPORTER.publicKey(), "events.a").build()))
            .orElseThrow();
    assertTrue(v.verifyImport(importer, importer.claims().imports().get(0)).isAccepted());
    TrustVerifier empty = verifier(resolver()).build();
    VerifiedAccount again = empty.verifyAccount(importer.token()).orElseThrow();
    rejected(Rule.ACCOUNT_NOT_FOUND, empty.verifyImport(again, again.claims().imports().get(0)));
  }

  @Test
  void verifyImport_exporterExpiredSinceVerification_rejected() {
    MutableClock clock = new MutableClock(NOW);
    TrustVerifier v = verifier(resolver()).clock(clock).build();
    String exp =
        sign(
            AccountClaims.builder(EXPORTER.publicKey())
                .expiresAt(NOW.plusSeconds(5))
                .addExports(Export.stream("events.>").build())
                .build(),
            OPERATOR_SK);
    VerifiedAccount importer =
        v.verifyAccount(importerJwt(Import.stream(EXPORTER.publicKey(), "events.a").build()))
            .orElseThrow();
    VerifiedAccount exporter = v.verifyAccount(exp).orElseThrow();
    clock.set(NOW.plusSeconds(5));
    rejected(
        Rule.ACCOUNT_EXPIRED,
        v.verifyImport(importer, importer.claims().imports().get(0), exporter));
  }

  @Test
  void verifyImport_importOfAnotherAccount_throws() {
    TrustVerifier v = verifier(resolver()).build();
    VerifiedAccount importer =
        v.verifyAccount(importerJwt(Import.stream(EXPORTER.publicKey(), "events.a").build()))
            .orElseThrow();
    VerifiedAccount exporter =
        v.verifyAccount(exporterJwt(Export.stream("events.>").build())).orElseThrow();
    Import foreign = Import.stream(EXPORTER.publicKey(), "other").build();
    assertThrows(IllegalArgumentException.class, () -> v.verifyImport(importer, foreign, exporter));
    assertThrows(
        IllegalArgumentException.class,
        () -> v.verifyImport(importer, importer.claims().imports().get(0), importer));
  }

  @Test
  void verifyImport_activationForAnotherAccount_makesImporterInvalid() {
    // A token issued to someone else breaks the importer's whole account JWT (section 6 notes).
    String token =
        sign(
            ActivationClaims.builder(STRANGER.publicKey())
                .importSubject("svc.req")
                .kind(ExportType.SERVICE)
                .build(),
            EXPORTER,
            Instant.from(ISSUED));
    String importer =
        importerJwt(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build());
    rejected(Rule.ACCOUNT_INVALID, verifier(resolver()).build().verifyAccount(importer));
  }
}
