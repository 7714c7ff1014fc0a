package io.github.natsjwt.cli.jwt;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.JwtVectors;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtEncodeCommandTest {
  private static final String USER_SEED =
      JwtVectors.valid("user_full").get("subject_seed").asText();
  private static final String ACCOUNT_SEED =
      JwtVectors.valid("user_full").get("issuer_seed").asText();
  private static final String OPERATOR_SEED =
      JwtVectors.valid("operator_self_signed_minimal").get("issuer_seed").asText();

  @TempDir Path dir;

  /** Every vector with its issuer's seed, except the one whose subject the encoder refuses. */
  static Stream<Arguments> vectorsWithIssuerSeed() {
    return JwtVectors.valid().stream()
        .filter(v -> v.hasNonNull("issuer_seed"))
        .filter(v -> !v.get("name").asText().equals("crafted_user_subject_is_account_key"))
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  static Stream<Arguments> libraryEncodedV2() {
    return vectorsWithIssuerSeed()
        .filter(a -> ((JsonNode) a.get()[1]).get("category").asText().equals("library_encoded_v2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorsWithIssuerSeed")
  void encode_decodedPayloadOfVector_decodesToTheSameClaims(String name, JsonNode v)
      throws IOException {
    Path claims = write("claims.json", v.get("decoded_payload_json").asText());
    Path key = write("issuer.nk", v.get("issuer_seed").asText() + "\n");

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    String token = r.stdout().strip();
    DecodedJwt<Claims> decoded = Jwt.decode(token);
    Claims original = Claims.fromJson(v.get("decoded_payload_json").asText());
    Claims expected =
        original.withIssuance(
            v.get("issuer_public_key").asText(), decoded.claims().issuedAt().orElseThrow());
    assertEquals(expected, decoded.claims());
    assertEquals(v.get("issuer_public_key").asText(), decoded.issuer());
    assertNoSeed(r.all(), v.get("issuer_seed").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraryEncodedV2")
  void encode_vectorAtItsIssueTime_reproducesTheGoTokenExactly(String name, JsonNode v)
      throws IOException {
    Path claims = write("claims.json", v.get("decoded_payload_json").asText());
    Path key = write("issuer.nk", v.get("issuer_seed").asText());

    Result r =
        run(
            "jwt",
            "encode",
            "--key",
            key.toString(),
            "--issued-at",
            v.get("iat").asText(),
            claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(v.get("jwt").asText() + "\n", r.stdout());
  }

  @Test
  void encode_typeOption_fillsInTypeAndVersion() throws IOException {
    try (NKey user = NKey.fromSeed(USER_SEED)) {
      Path claims =
          write(
              "u.json",
              "{\"sub\":\"" + user.publicKey() + "\",\"nats\":{\"pub\":{\"allow\":[\"a.>\"]}}}");
      Path key = write("account.nk", ACCOUNT_SEED);

      Result r =
          run(
              "jwt",
              "encode",
              "--key",
              key.toString(),
              "--type",
              "user",
              "--name",
              "bob",
              claims.toString());

      assertEquals(0, r.exitCode(), r::toString);
      UserClaims u = Jwt.decode(r.stdout().strip(), UserClaims.class).claims();
      assertEquals(user.publicKey(), u.subject());
      assertEquals("bob", u.name());
      assertEquals(java.util.List.of("a.>"), u.permissions().pub().allow());
      assertEquals(2, u.version());
      assertEquals(-1, u.permissionLimits().subs());
      assertEquals(-1, u.permissionLimits().payload());
    }
  }

  @Test
  void encode_typeOptionWithoutNats_makesTypedClaims() throws IOException {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    Path claims = write("a.json", "{\"sub\":\"" + account.publicKey() + "\"}");
    Path key = write("operator.nk", OPERATOR_SEED);

    Result r =
        run("jwt", "encode", "--key", key.toString(), "--type", "account", claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    AccountClaims a =
        assertInstanceOf(AccountClaims.class, Jwt.decode(r.stdout().strip()).claims());
    // A new account's defaults, not limits of 0.
    assertEquals(AccountClaims.builder(account.publicKey()).build().limits(), a.limits());
    assertTrue(a.limits().isNatsUnlimited() && a.limits().isAccountUnlimited());
  }

  @Test
  void encode_typeOptionWithPartialLimits_keepsTheOtherDefaults() throws IOException {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    Path claims =
        write(
            "a.json",
            "{\"sub\":\""
                + account.publicKey()
                + "\",\"nats\":{\"limits\":{\"conn\":5,\"wildcards\":false}}}");
    Path key = write("operator.nk", OPERATOR_SEED);

    Result r =
        run("jwt", "encode", "--key", key.toString(), "--type", "account", claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    AccountClaims a = Jwt.decode(r.stdout().strip(), AccountClaims.class).claims();
    assertEquals(5, a.limits().conn());
    assertEquals(false, a.limits().wildcardExports());
    assertEquals(-1, a.limits().subs());
    assertEquals(-1, a.limits().leafNodeConn());
  }

  @Test
  void encode_payloadWithType_takesFieldsAsWritten() throws IOException {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    Path claims =
        write(
            "a.json",
            "{\"sub\":\""
                + account.publicKey()
                + "\",\"nats\":{\"type\":\"account\",\"version\":2}}");
    Path key = write("operator.nk", OPERATOR_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    AccountClaims a = Jwt.decode(r.stdout().strip(), AccountClaims.class).claims();
    assertEquals(0, a.limits().conn());
  }

  @Test
  void encode_typeContradictsPayload_exits2() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_minimal").get("decoded_payload_json").asText());
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r =
        run("jwt", "encode", "--key", key.toString(), "--type", "account", claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(
        "natsjwt: --type account contradicts nats.type \"user\" in the claims\n", r.stderr());
  }

  @Test
  void encode_unknownType_exits2ListingTypes() throws IOException {
    Path claims = write("c.json", "{}");
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), "--type", "server", claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.stderr().contains("is not a claim type; use one of operator, account, user"),
        r::toString);
  }

  @Test
  void encode_userSignedByOperator_exits2WithIssuerRule() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_full").get("decoded_payload_json").asText());
    Path key = write("operator.nk", OPERATOR_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(
        r.stderr().startsWith("natsjwt: user claims cannot be issued by an operator key"),
        r::toString);
    assertNoSeed(r.all(), OPERATOR_SEED);
  }

  @Test
  void encode_operatorSignedByAccount_exits2() throws IOException {
    Path claims =
        write(
            "c.json",
            JwtVectors.valid("operator_self_signed_minimal").get("decoded_payload_json").asText());
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.stderr().contains("operator claims cannot be issued by an account key"), r::toString);
  }

  @Test
  void encode_subjectOfWrongKeyType_exits2WithLibraryMessage() throws IOException {
    // Go decodes this crafted token, but its encoder (and this one) refuses such claims.
    JsonNode v = JwtVectors.valid("crafted_user_subject_is_account_key");
    Path claims = write("c.json", v.get("decoded_payload_json").asText());
    Path key = write("account.nk", v.get("issuer_seed").asText());

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("natsjwt: expected subject to be user public key\n", r.stderr());
  }

  @Test
  void encode_noSubject_exits2() throws IOException {
    Path claims = write("c.json", "{\"name\":\"x\"}");
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), "--type", "user", claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("natsjwt: subject is not set\n", r.stderr());
  }

  @Test
  void encode_expiresOption_setsExpiryAfterIssueTime() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_minimal").get("decoded_payload_json").asText());
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r =
        run(
            "jwt",
            "encode",
            "--key",
            key.toString(),
            "--issued-at",
            "2030-01-01T00:00:00Z",
            "--expires",
            "1d12h",
            claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    Claims c = Jwt.decode(r.stdout().strip()).claims();
    assertEquals(Instant.parse("2030-01-01T00:00:00Z"), c.issuedAt().orElseThrow());
    assertEquals(Instant.parse("2030-01-02T12:00:00Z"), c.expiresAt().orElseThrow());
  }

  @Test
  void encode_claimsFromStdin_keyFromFile() throws IOException {
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r =
        runWithStdin(
            JwtVectors.valid("user_minimal").get("decoded_payload_json").asText(),
            "jwt",
            "encode",
            "--key",
            key.toString(),
            "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertInstanceOf(UserClaims.class, Jwt.decode(r.stdout().strip()).claims());
  }

  @Test
  void encode_keyFromStdin() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_minimal").get("decoded_payload_json").asText());

    Result r = runWithStdin(ACCOUNT_SEED + "\n", "jwt", "encode", "--key", "-", claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertNoSeed(r.all(), ACCOUNT_SEED);
  }

  @Test
  void encode_bothFromStdin_exits2() {
    Result r = run("jwt", "encode", "--key", "-", "-");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("only one input can be read from standard input"), r::toString);
  }

  @Test
  void encode_seedAsKeyArgument_isRefusedAndRedacted() throws IOException {
    Path claims = write("c.json", "{}");

    Result r = run("jwt", "encode", "--key", ACCOUNT_SEED, claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("not the seed itself"), r::toString);
    assertNoSeed(r.all(), ACCOUNT_SEED);
  }

  @Test
  void encode_keyFileWithPublicKey_exits2() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_minimal").get("decoded_payload_json").asText());
    Path key = write("account.pub", NKey.fromSeed(ACCOUNT_SEED).publicKey());

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("holds a public key"), r::toString);
  }

  static Stream<Arguments> badClaims() {
    return Stream.of(
        Arguments.of("", "is empty; it should hold the claims as a JSON object"),
        Arguments.of("{\"sub\":", "is not valid JSON: unexpected end of the text (at the end)"),
        Arguments.of(
            "{\n  \"sub\": x}",
            "is not valid JSON: unexpected character 'x' (at line 2, column 10)"),
        Arguments.of("[1,2]", "must hold a JSON object"),
        Arguments.of("{\"iat\":\"soon\",\"nats\":{\"type\":\"user\",\"version\":2}}", "iat"));
  }

  @ParameterizedTest
  @MethodSource("badClaims")
  void encode_badClaimsJson_exits2WithReason(String json, String message) throws IOException {
    Path claims = write("c.json", json);
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().contains(message), r::toString);
    assertEquals("", r.stdout());
  }

  @Test
  void encode_missingClaimsFile_exits2() throws IOException {
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r = run("jwt", "encode", "--key", key.toString(), "nope.json");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("natsjwt: cannot read claims file 'nope.json': no such file\n", r.stderr());
  }

  @Test
  void encode_badExpires_exits2() throws IOException {
    Path claims = write("c.json", "{}");
    Path key = write("account.nk", ACCOUNT_SEED);

    Result r =
        run("jwt", "encode", "--key", key.toString(), "--expires", "soon", claims.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--expires takes a duration such as 30m"), r::toString);
  }

  @Test
  void encode_claimsWithValidationIssues_warnsOnStderr() throws IOException {
    JsonNode v = JwtVectors.valid("account_self_signed");
    Path claims = write("c.json", v.get("decoded_payload_json").asText());
    Path key = write("issuer.nk", v.get("issuer_seed").asText());

    Result r = run("jwt", "encode", "--key", key.toString(), claims.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        "natsjwt: warning: self-signed account JWTs shouldn't contain operator limits\n",
        r.stderr());
  }

  @Test
  void encode_thenDescribe_roundTrips() throws IOException {
    Path claims =
        write("c.json", JwtVectors.valid("user_full").get("decoded_payload_json").asText());
    Path key = write("account.nk", ACCOUNT_SEED);
    Result encoded =
        run("jwt", "encode", "--key", key.toString(), "--name", "carol", claims.toString());
    Path token = write("carol.jwt", encoded.stdout());

    Result r = run("jwt", "describe", token.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("user JWT \"carol\""), r::toString);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
