package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.C;
import static io.github.natsjwt.claims.AccountTestKeys.CLOCK;
import static io.github.natsjwt.claims.AccountTestKeys.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportTest {
  private static List<String> issues(Export e) {
    ValidationResult.Collector c = new ValidationResult.Collector();
    e.validate(c);
    return ClaimsVectors.descriptions(c.result());
  }

  private static String json(Export e) {
    GoJsonWriter w = new GoJsonWriter();
    e.write(w);
    return w.toString();
  }

  private static Export read(String json) {
    return Export.read(JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "export"));
  }

  @Test
  void write_everyField_inReferenceOrder() {
    Export e =
        Export.service("svc.*")
            .name("svc")
            .tokenRequired(true)
            .revokeAt(C, Instant.ofEpochSecond(7))
            .responseType(ResponseType.STREAM)
            .responseThreshold(Duration.ofSeconds(2))
            .latency(ServiceLatency.headers("lat"))
            .accountTokenPosition(2)
            .advertise(true)
            .allowTrace(true)
            .description("d")
            .infoUrl("https://x.example")
            .build();

    assertEquals(
        "{\"name\":\"svc\",\"subject\":\"svc.*\",\"type\":\"service\",\"token_req\":true,"
            + "\"revocations\":{\""
            + C
            + "\":7},\"response_type\":\"Stream\","
            + "\"response_threshold\":2000000000,"
            + "\"service_latency\":{\"sampling\":\"headers\",\"results\":\"lat\"},"
            + "\"account_token_position\":2,\"advertise\":true,\"allow_trace\":true,"
            + "\"description\":\"d\",\"info_url\":\"https://x.example\"}",
        json(e));
    assertEquals(e, read(json(e)));
  }

  @Test
  void write_noType_omitsIt() {
    assertEquals("{\"subject\":\"e\"}", json(Export.builder().subject("e").build()));
  }

  @Test
  void read_samplingHeadersAnyCase_isHeaders() {
    Export e = read("{\"service_latency\":{\"sampling\":\"HeAdErS\",\"results\":\"r\"}}");

    assertTrue(e.latency().orElseThrow().isHeaders());
    assertTrue(json(e).contains("\"sampling\":\"headers\""));
  }

  @Test
  void read_samplingOtherString_throwsNamingTheField() {
    JsonIn.ShapeException ex =
        assertThrows(
            JsonIn.ShapeException.class,
            () -> read("{\"service_latency\":{\"sampling\":\"sometimes\",\"results\":\"r\"}}"));

    assertEquals("export.service_latency.sampling", ex.path());
  }

  @Test
  void read_unknownResponseType_isPreserved() {
    Export e = read("{\"subject\":\"q\",\"type\":\"service\",\"response_type\":\"Sometimes\"}");

    assertEquals("Sometimes", e.responseType().orElseThrow().value());
    assertFalse(e.responseType().orElseThrow().isKnown());
    assertTrue(json(e).contains("\"response_type\":\"Sometimes\""));
  }

  @Test
  void read_typeNull_throwsUnknownExportType() {
    ClaimsFormatException ex =
        assertThrows(ClaimsFormatException.class, () -> read("{\"type\":null}"));

    assertEquals("export.type", ex.field());
  }

  @Test
  void responseKinds_followTypeAndResponseType() {
    Export single = Export.service("q").build();
    Export chunked = Export.service("q").responseType(ResponseType.CHUNKED).build();
    Export stream = Export.stream("q").build();

    assertTrue(single.isSingleResponse());
    assertTrue(single.toBuilder().responseType(ResponseType.SINGLETON).build().isSingleResponse());
    assertTrue(chunked.isChunkedResponse());
    assertFalse(chunked.isSingleResponse());
    assertFalse(stream.isSingleResponse());
    assertTrue(stream.isStream());
    assertFalse(stream.isService());
  }

  @Test
  void validate_validServiceAndStream_noIssues() {
    assertEquals(
        List.of(),
        issues(
            Export.service("a.*.b")
                .responseType(ResponseType.CHUNKED)
                .latency(ServiceLatency.of(100, "lat"))
                .responseThreshold(Duration.ofMillis(5))
                .accountTokenPosition(2)
                .allowTrace(true)
                .build()));
    assertEquals(List.of(), issues(Export.stream("a.>").build()));
  }

  @Test
  void validate_typeAndResponseTypeRules() {
    assertEquals(
        List.of("invalid export type: \"unknown\""), issues(Export.builder().subject("e").build()));
    assertEquals(
        List.of("invalid response type for service: \"Sometimes\""),
        issues(Export.service("q").responseType(ResponseType.of("Sometimes")).build()));
    assertEquals(
        List.of(
            "invalid response type for stream: \"Stream\"",
            "AllowTrace only valid for service export"),
        issues(Export.stream("q").responseType(ResponseType.STREAM).allowTrace(true).build()));
  }

  @Test
  void validate_latencyRules() {
    assertEquals(
        List.of(
            "latency tracking only permitted for services",
            "response threshold only valid for services"),
        issues(
            Export.stream("q")
                .latency(ServiceLatency.of(10, "r"))
                .responseThreshold(Duration.ofSeconds(1))
                .build()));
    assertEquals(
        List.of("sampling percentage needs to be between 1-100", "subject cannot be empty"),
        issues(Export.service("q").latency(ServiceLatency.of(101, "")).build()));
    assertEquals(
        List.of("results subject can not contain wildcards"),
        issues(Export.service("q").latency(ServiceLatency.of(50, "r.>")).build()));
    assertEquals(
        List.of(), issues(Export.service("q").latency(ServiceLatency.headers("r")).build()));
  }

  @Test
  void validate_negativeThreshold_rejected() {
    assertEquals(
        List.of("negative response threshold is invalid"),
        issues(Export.service("q").responseThreshold(Duration.ofSeconds(-1)).build()));
  }

  @Test
  void validate_accountTokenPositionRules() {
    assertEquals(
        List.of("Account Token Position can only be used with wildcard subjects: a.b"),
        issues(Export.stream("a.b").accountTokenPosition(1).build()));
    assertEquals(
        List.of("Account Token Position 5 exceeds length of subject 'a.*'"),
        issues(Export.stream("a.*").accountTokenPosition(5).build()));
    assertEquals(
        List.of("Account Token Position 3 matches 'c' but must match a * in: a.*.c"),
        issues(Export.service("a.*.c").accountTokenPosition(3).build()));
  }

  @Test
  void validate_subjectAndInfo() {
    assertEquals(
        List.of(
            "subject \"a b\" cannot have spaces", "error parsing info url: no hostname or scheme"),
        issues(Export.stream("a b").infoUrl("x").build()));
  }

  @Test
  void isClaimRevoked_activationOfRevokedImporter_isTrue() {
    Export e = Export.stream("s").tokenRequired(true).revoke(C, CLOCK).build();
    ActivationClaims revoked = ActivationClaims.builder(C).issuedAt(NOW).build();
    ActivationClaims later = ActivationClaims.builder(C).issuedAt(NOW.plusSeconds(1)).build();
    ActivationClaims other = ActivationClaims.builder(A).issuedAt(NOW).build();

    assertTrue(e.isClaimRevoked(revoked));
    assertFalse(e.isClaimRevoked(later));
    assertFalse(e.isClaimRevoked(other));
    assertTrue(e.isClaimRevoked(ActivationClaims.builder(A).build()), "no iat counts as revoked");
    assertFalse(e.toBuilder().clearRevocation(C).build().isClaimRevoked(revoked));
  }

  @Test
  void revokeAt_earlierTime_keepsLater() {
    Export e =
        Export.stream("s")
            .revokeAt(C, Instant.ofEpochSecond(20))
            .revokeAt(C, Instant.ofEpochSecond(10))
            .build();

    assertEquals(Optional.of(Instant.ofEpochSecond(20)), e.revocations().revokedAt(C));
  }

  @Test
  void builder_badValues_rejected() {
    assertThrows(IllegalArgumentException.class, () -> Export.stream("s").accountTokenPosition(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Export.service("s").responseThreshold(Duration.ofDays(365L * 300)));
    assertThrows(IllegalArgumentException.class, () -> ResponseType.of(""));
  }
}
