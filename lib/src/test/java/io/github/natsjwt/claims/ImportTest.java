package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.B;
import static io.github.natsjwt.claims.AccountTestKeys.C;
import static io.github.natsjwt.claims.AccountTestKeys.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportTest {
  private static List<String> issues(Import i) {
    ValidationResult.Collector c = new ValidationResult.Collector();
    i.validate(A, c);
    return ClaimsVectors.descriptions(c.result());
  }

  private static List<String> renamingIssues(String local, String from) {
    ValidationResult.Collector c = new ValidationResult.Collector();
    Import.validateRenaming(c, local, from);
    return ClaimsVectors.descriptions(c.result());
  }

  private static String activation(
      String importer, String subject, ExportType kind, NKey signer, String issuerAccount) {
    return Jwt.encode(
        ActivationClaims.builder(importer)
            .importSubject(subject)
            .kind(kind)
            .issuerAccount(issuerAccount)
            .build(),
        signer,
        CLOCK);
  }

  @Test
  void write_everyField_inReferenceOrder() {
    Import i =
        Import.service(B, "s.*")
            .name("n")
            .token("t")
            .to("old")
            .localSubject("l.$1")
            .share(true)
            .allowTrace(true)
            .build();
    GoJsonWriter w = new GoJsonWriter();

    i.write(w);

    assertEquals(
        "{\"name\":\"n\",\"subject\":\"s.*\",\"account\":\""
            + B
            + "\",\"token\":\"t\","
            + "\"to\":\"old\",\"local_subject\":\"l.$1\",\"type\":\"service\",\"share\":true,"
            + "\"allow_trace\":true}",
        w.toString());
    assertFalse(i.toString().contains("\"t\""), "toString leaves the token out");
  }

  @Test
  void localSubjectAsSubject_referencesBecomeWildcards() {
    assertEquals("a.*.*.$x.$", Import.toSubject("a.$1.$+2.$x.$"));
    assertEquals("*", Import.toSubject("$1"));
    assertEquals("plain.subject", Import.toSubject("plain.subject"));
    assertEquals("", Import.builder().build().localSubjectAsSubject());
  }

  @Test
  void validate_basicRules() {
    assertEquals(
        List.of(
            "invalid import type: \"unknown\"",
            "account to import from is not specified",
            "subject cannot be empty"),
        issues(Import.builder().build()));
    assertEquals(
        List.of("AllowTrace only valid for stream import"),
        issues(Import.service(B, "q").allowTrace(true).build()));
    assertEquals(List.of(), issues(Import.stream(B, "q").allowTrace(true).build()));
    assertEquals(
        List.of("sharing information (for latency tracking) is only valid for services: \"x.y\""),
        issues(Import.stream(B, "x.y").share(true).build()));
  }

  @Test
  void validate_toAndLocalSubject_warnAndConflict() {
    ValidationResult.Collector c = new ValidationResult.Collector();
    Import.service(B, "x.y").to("t.y").localSubject("l.y").build().validate(A, c);

    assertEquals(
        List.of(
            ValidationIssue.warning("the field to has been deprecated (use LocalSubject instead)"),
            ValidationIssue.error("Local Subject replaces To")),
        c.issues());
  }

  @Test
  void validateRenaming_referenceRules() {
    assertEquals(List.of(), renamingIssues("y.$1.$2", "x.*.*"));
    assertEquals(List.of(), renamingIssues("y.$0", "x.*"));
    assertEquals(List.of(), renamingIssues("y.*.>", "x.*.>"));
    assertEquals(
        List.of(
            "both, renaming subject and subject, need to end or not end in >",
            "subject does not contain enough * or reference wildcards $[0-9]"),
        renamingIssues("y.>", "x.*"));
    assertEquals(
        List.of(
            "Reference $2 in \"y.$2\" reference * in \"x.*\" that do not exist",
            "subject does not contain enough * or reference wildcards $[0-9]"),
        renamingIssues("y.$2", "x.*"));
    assertEquals(
        List.of("Reference $7 in \"y.$007\" reference * in \"x\" that do not exist"),
        renamingIssues("y.$007", "x"));
    assertEquals(
        List.of(
            "subject \"a b\" cannot have spaces",
            "subject cannot be empty",
            "subject \"a b\" cannot have spaces"),
        renamingIssues("a b", ""));
  }

  @Test
  void validate_activationFromExporter_accepted() {
    String token = activation(A, "b.>", ExportType.STREAM, AccountTestKeys.EXPORTER, "");

    assertEquals(List.of(), issues(Import.stream(B, "b.x").token(token).build()));
  }

  @Test
  void validate_garbageToken_reportedOnce() {
    assertEquals(
        List.of("import \"b.x\" contains an invalid activation token"),
        issues(Import.stream(B, "b.x").token("not-a-jwt").build()));
  }

  @Test
  void validate_activationChecks_reportEveryMismatch() {
    String token = activation(C, "b.events.>", ExportType.STREAM, AccountTestKeys.EXPORTER, "");

    assertEquals(
        List.of(
            "activation token doesn't match account for import \"b.other\"",
            "activation token doesn't match account it is being included in, \"b.other\"",
            "mismatch between token import type stream and type of import service",
            "activation token import subject \"b.events.>\" doesn't match import \"b.other\""),
        issues(Import.service(C, "b.other").token(token).build()));
  }

  @Test
  void validate_serviceWithTo_checksToAgainstActivation() {
    String token = activation(A, "granted", ExportType.SERVICE, AccountTestKeys.EXPORTER, "");

    assertEquals(
        List.of("the field to has been deprecated (use LocalSubject instead)"),
        issues(Import.service(B, "requested").to("granted").token(token).build()));
  }

  @Test
  void validate_expiredActivation_notReported() {
    String token =
        Jwt.encode(
            ActivationClaims.builder(A)
                .importSubject("b.>")
                .kind(ExportType.STREAM)
                .expiresAt(Instant.ofEpochSecond(1))
                .build(),
            AccountTestKeys.EXPORTER,
            CLOCK);

    assertEquals(List.of(), issues(Import.stream(B, "b.x").token(token).build()));
  }

  @Test
  void validate_activationContentProblems_reported() {
    String token = activation(A, "b..x", ExportType.STREAM, AccountTestKeys.EXPORTER, "");

    List<String> issues = issues(Import.stream(B, "b..x").token(token).build());

    assertTrue(issues.contains("subject \"b..x\" cannot contain consecutive `.`"));
    assertEquals(2, issues.size(), issues.toString());
  }
}
