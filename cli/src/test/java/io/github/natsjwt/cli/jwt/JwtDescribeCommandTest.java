package io.github.natsjwt.cli.jwt;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClientInformation;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.JwtVectors;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtDescribeCommandTest {
  /** After every vector's iat and nbf, before every vector's exp. */
  private static final String AT = "2024-01-01T00:00:00Z";

  @TempDir Path dir;

  static Stream<Arguments> validVectors() {
    return JwtVectors.valid().stream().map(v -> Arguments.of(v.get("name").asText(), v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void describe_goVector_showsTypeKeysAndEveryDecodedValue(String name, JsonNode v) {
    Result r = run("jwt", "describe", "--at", AT, v.get("jwt").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    String out = r.stdout();
    String kind = v.get("claim_type").asText();
    assertTrue(out.startsWith(kind + " JWT"), out);
    assertTrue(out.contains("signature             verified with the issuer's key (iss)"), out);
    JsonNode decoded = JwtVectors.parse(v.get("go_decoded_claims_json").asText());
    for (String field : List.of("sub", "iss", "name", "aud", "jti")) {
      if (decoded.hasNonNull(field)) {
        assertTrue(out.contains(decoded.get(field).asText()), () -> field + " missing:\n" + out);
      }
    }
    if (decoded.has("nats")) {
      for (String value : stringLeaves(decoded.get("nats"), "")) {
        assertTrue(out.contains(value), () -> "'" + value + "' missing:\n" + out);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void describe_goVector_listsTheValidationIssues(String name, JsonNode v) {
    Result r = run("jwt", "describe", "--at", AT, v.get("jwt").asText());

    ValidationResult result =
        Jwt.decode(v.get("jwt").asText()).claims().validate(Instant.parse(AT));
    for (ValidationIssue i : result.issues()) {
      String label = i.blocking() ? "BLOCKING  " : i.timeCheck() ? "time check" : "warning   ";
      assertTrue(r.stdout().contains("  " + label + "            " + i.description()), r::toString);
    }
    // Go v2.3.0's findings are all warnings, which v2.8.2 reports too (v2.3.0 misses the
    // weight overflow of account_mapping_weight_overflow_quirk, which v2.8.2 blocks).
    for (JsonNode goIssue : v.get("go_validation").get("issues")) {
      assertTrue(r.stdout().contains(goIssue.get("description").asText()), r::toString);
    }
    assertTrue(
        r.stdout().contains("  result                " + ClaimsDescriber.verdict(result) + "\n"),
        r::toString);
    assertEquals(result.isBlocking(false), r.stdout().contains("BLOCKING"), r::toString);
    assertEquals(name.equals("account_mapping_weight_overflow_quirk"), result.isBlocking(false));
  }

  @Test
  void describe_accountFull_showsLimitsExportsImportsScopedKeysAndRevocations() {
    String out = describeVector("account_full");

    assertContainsAll(
        out,
        "account JWT \"ACME-A\"",
        "  description           Account A <test> & more",
        "    connections         100",
        "    data                1073741824 bytes (1 GiB)",
        "    disallow bearer     yes",
        "      disk storage      4294967296 bytes (4 GiB)",
        "    ACTGOEZCQJ7BJCYEEQB6C3WYMCWNT6G3RLVH7FQNK7OQKYPMXAUWUH6I (scoped, role \"service\")",
        "      template for the users it signs",
        "        publish allow   {{name()}}.>",
        "        allowed times (Europe/Berlin)  08:00:00 to 17:00:00",
        "  exports (4)",
        "    service \"svc\"  svc.req",
        "      response threshold  2s",
        "      latency tracking  50% of requests, results to lat.svc",
        "  imports (4)",
        "      activation token  for ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE,"
            + " stream b.events.>",
        "    geo.req ->          geo.req.east (50%, cluster east)",
        "    * (every key)       revokes JWTs issued at or before 2023-11-14 21:56:40 UTC",
        "  warning               the field to has been deprecated (use LocalSubject instead)");
    // Embedded activation tokens are summarised, not printed.
    String token = JwtVectors.valid("account_full").get("jwt").asText();
    assertFalse(out.contains(token.substring(0, 60)), out);
  }

  @Test
  void describe_userFull_showsPermissionsLimitsTimesAndConnectionTypes() {
    String out = describeVector("user_full");

    assertContainsAll(
        out,
        "user JWT \"alice\"",
        "  audience (aud)        NATS",
        "  subject (sub)         UAAHD7BTRRTG64BRPPWRWMOSTQO7JVTB2ZVJCMRPYH3OFSW7TBBYZSHA (user"
            + " key)",
        "  issuer (iss)          ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE"
            + " (account key)",
        "  issued at (iat)       2023-11-14 22:13:20 UTC (1700000000), 47 days ago",
        "  expires (exp)         2100-01-01 00:00:00 UTC (4102444800), in 76 years",
        "  publish deny          alice.secret",
        "  subscribe allow       alice.>\n                        _INBOX.>\n",
        "  responses             may publish up to 5 replies within 1m",
        "  data                  1048576 bytes (1 MiB)",
        "  bearer token          no",
        "  source networks (src)  192.0.2.0/24\n                         2001:db8::/32\n",
        "  allowed times (America/New_York)  09:00:00 to 12:00:00",
        "  connection types      STANDARD\n                        WEBSOCKET\n");
  }

  @Test
  void describe_operator_showsSigningKeysAndUrls() {
    String out = describeVector("operator_with_signing_keys");

    assertContainsAll(
        out,
        "operator JWT \"ACME Operator\"",
        "(operator key, self-signed)",
        "  signing keys          OAJIGXIHI3GK2653LWG2NKZ7RTAGJNXHUUFNVYJXROLZEEYB32EY4PLO",
        "  strict signing keys   no",
        "  system account        AAWEJRZBNP5PJQEWURU5EMR7GU5FWCKRQFJZ4BSIZF7Q2C4OAUXWDVJJ",
        "  service URLs          nats://localhost:4222\n"
            + "                        tls://127.0.0.1:4443",
        "  assert server version  2.9.0");
  }

  @Test
  void describe_activation_showsSubjectKindAndIssuerAccount() {
    String out = describeVector("activation_service_by_signing_key");

    assertContainsAll(
        out,
        "activation JWT\n",
        "  import subject        b.svc",
        "  kind                  service",
        "  issuer account        AAFWI4H72BVQRK4DJVZ4HLDRYZNJH776AGYQXHOS6EYHGHWNGZWCL4CP",
        "  expires (exp)         never");
  }

  @Test
  void describe_generic_showsTheMap() {
    String out = describeVector("generic_custom_type");

    assertContainsAll(
        out,
        "generic JWT \"generic\"",
        "  declared type         my_type",
        "  hello                 \"world\"",
        "  nested                {\"f\":1.5,\"list\":[1,\"two\",true,null]}",
        "  count                 5");
  }

  @Test
  void describe_v1Token_saysItIsV1() {
    String out = describeVector("v1_user");

    assertContainsAll(
        out,
        "verified with the issuer's key (iss); v1 signature, over the payload only",
        "format version        1 (read as version 2, as the NATS server does)",
        "  bearer token          yes");
  }

  @Test
  void describe_userOfScopedKey_saysTheTemplateApplies() {
    assertTrue(describeVector("user_scoped").contains("none of its own"));
  }

  @Test
  void describe_authorizationRequest_showsFieldsAndHidesSecrets() {
    NKey server = NKey.generate(NKeyType.SERVER);
    NKey user = NKey.generate(NKeyType.USER);
    AuthorizationRequestClaims claims =
        AuthorizationRequestClaims.builder(server.publicKey())
            .serverId(
                new ServerId(
                    "srv-1", "10.0.0.1", server.publicKey(), "2.10.0", "c1", List.of(), ""))
            .userNkey(user.publicKey())
            .clientInformation(
                new ClientInformation(
                    "192.0.2.7", 42, "bob", "app", List.of(), "", "Client", "nats", "", "nonce-1"))
            .connectOptions(
                new ConnectOptions(
                    "", "", "", "tok-secret", "bob", "pa55-secret", "app", "java", "2.0", 1))
            .requestNonce("rn-1")
            .build();
    String token = Jwt.encode(claims, server);

    Result r = run("jwt", "describe", token);

    assertEquals(0, r.exitCode(), r::toString);
    assertContainsAll(
        r.stdout(),
        "authorization request JWT",
        "    name                srv-1",
        "  user nkey             " + user.publicKey(),
        "    host                192.0.2.7",
        "    ID                  42",
        "    user                bob",
        "    password            set (not shown)",
        "    auth token          set (not shown)",
        "  request nonce         rn-1");
    assertFalse(r.stdout().contains("pa55-secret"), r::toString);
    assertFalse(r.stdout().contains("tok-secret"), r::toString);
  }

  @Test
  void describe_authorizationResponse_summarisesTheUserJwt() {
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    NKey server = NKey.generate(NKeyType.SERVER);
    String userJwt = Jwt.encode(UserClaims.builder(user.publicKey()).name("bob").build(), account);
    AuthorizationResponseClaims claims =
        AuthorizationResponseClaims.builder(user.publicKey())
            .audience(server.publicKey())
            .jwt(userJwt)
            .build();

    Result r = run("jwt", "describe", Jwt.encode(claims, account));

    assertEquals(0, r.exitCode(), r::toString);
    assertContainsAll(
        r.stdout(),
        "authorization response JWT",
        "  user JWT              for "
            + user.publicKey()
            + " (\"bob\"), issued by "
            + account.publicKey()
            + "; signature verified");
    assertFalse(r.stdout().contains(userJwt), r::toString);
  }

  @Test
  void describe_expiredToken_marksItAndReportsTheTimeCheck() {
    Result r =
        run("jwt", "describe", "--at", AT, JwtVectors.invalid("user_expired").get("jwt").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(", EXPIRED\n"), r::toString);
    assertTrue(r.stdout().contains("  time check            claim is expired"), r::toString);
    assertTrue(r.stdout().contains("not usable now (time check)"), r::toString);
  }

  @Test
  void describe_notYetValidToken_marksIt() {
    Result r =
        run(
            "jwt",
            "describe",
            "--at",
            AT,
            JwtVectors.invalid("user_not_yet_valid").get("jwt").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(", NOT YET VALID\n"), r::toString);
    assertTrue(r.stdout().contains("  time check            claim is not yet valid"), r::toString);
  }

  @Test
  void describe_atOption_judgesTimesThen() {
    String token = JwtVectors.valid("user_full").get("jwt").asText();

    Result r = run("jwt", "describe", "--at", "2101-01-01", token);

    assertTrue(r.stdout().contains("(4102444800), 365 days ago, EXPIRED"), r::toString);
    assertTrue(r.stdout().contains("validation at 2101-01-01 00:00:00 UTC"), r::toString);
  }

  static Stream<String> blockingCases() {
    return Stream.of(
        "exports_service_overlap", "user_invalid_cidr", "operator_signing_key_not_operator");
  }

  @ParameterizedTest
  @MethodSource("blockingCases")
  void describe_blockingValidationIssue_showsItAndExits0(String name) {
    JsonNode c = JwtVectors.invalid(name);

    Result r = run("jwt", "describe", "--at", AT, c.get("jwt").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("  BLOCKING              "), r::toString);
    assertTrue(r.stdout().contains("result                BLOCKING: the claims must not be used"));
    for (ValidationIssue i :
        Jwt.decode(c.get("jwt").asText()).claims().validate(Instant.parse(AT)).errors()) {
      assertTrue(r.stdout().contains("BLOCKING              " + i.description()), r::toString);
    }
  }

  static Stream<Arguments> undecodable() {
    return Stream.of(
        Arguments.of("bad_signature_bitflip", 1, "signature does not verify with the issuer"),
        Arguments.of("tampered_payload", 1, "signature does not verify with the issuer"),
        Arguments.of("signed_by_other_key", 1, "the token was altered, or another key signed it"),
        Arguments.of("v1_payload_v2_signature", 1, "v1 signature does not verify"),
        Arguments.of("issuer_is_a_seed", 1, "the issuer (iss) is a seed, not a public key"),
        Arguments.of("two_segments", 2, "a JWT has 3 segments"),
        Arguments.of("header_alg_none", 2, "header alg \"none\" is not supported"),
        Arguments.of("payload_not_json", 2, "payload"),
        Arguments.of("version_as_string", 2, "nats.version"),
        Arguments.of("v1_cluster_claims", 2, "\"cluster\" claims are not supported"),
        Arguments.of(
            "user_issued_by_operator", 2, "user claims cannot be issued by an operator key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undecodable")
  void describe_tokenThatDoesNotDecode_exitsWithTheLibraryMessage(
      String name, int exitCode, String message) {
    String token = JwtVectors.invalid(name).get("jwt").asText();

    Result r = run("jwt", "describe", token);

    assertEquals(exitCode, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: "), r::toString);
    assertTrue(r.stderr().contains(message), r::toString);
    assertFalse(r.stderr().contains(token), r::toString);
    assertNoSeed(r.all());
  }

  @Test
  void describe_everyGoDecodeError_exits1Or2() {
    for (JsonNode c : JwtVectors.invalid()) {
      if (!c.get("expect").asText().equals("decode_error")) {
        continue;
      }
      String token = c.get("jwt").asText();
      Result r = token.isEmpty() ? run("jwt", "describe", "-") : run("jwt", "describe", token);
      if (r.exitCode() == 0) {
        // v2.8.2 accepts a few tokens v2.3.0 rejected; the library tests list them.
        continue;
      }
      assertTrue(r.exitCode() == 1 || r.exitCode() == 2, () -> c.get("name") + ": " + r);
      assertEquals(1, r.stderr().lines().count(), () -> c.get("name") + ": " + r);
      assertEquals("", r.stdout(), () -> c.get("name") + ": " + r);
    }
  }

  @Test
  void describe_json_printsThePayloadIndented() {
    JsonNode v = JwtVectors.valid("user_full");

    Result r = run("jwt", "describe", "--json", v.get("jwt").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        JwtVectors.parse(v.get("decoded_payload_json").asText()), JwtVectors.parse(r.stdout()));
    assertTrue(r.stdout().startsWith("{\n  \"aud\": \"NATS\",\n"), r::toString);
    assertTrue(r.stdout().contains("\n    \"pub\": {\n      \"allow\": [\n"), r::toString);
    assertTrue(r.stdout().endsWith("}\n"), r::toString);
  }

  @Test
  void describe_jsonOfBadSignature_exits1() {
    Result r =
        run(
            "jwt",
            "describe",
            "--json",
            JwtVectors.invalid("tampered_payload").get("jwt").asText());

    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
  }

  @Test
  void describe_fromFile_readsTheToken() throws IOException {
    Path file = write("user.jwt", JwtVectors.valid("user_full").get("jwt").asText() + "\n");

    Result r = run("jwt", "describe", file.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("user JWT \"alice\""), r::toString);
  }

  @Test
  void describe_fromStdin_readsTheToken() {
    Result r =
        runWithStdin(
            JwtVectors.valid("account_minimal").get("jwt").asText(), "jwt", "describe", "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("account JWT \"A-min\""), r::toString);
  }

  @Test
  void describe_decoratedBlock_readsTheToken() throws IOException {
    String token = JwtVectors.valid("operator_with_signing_keys").get("jwt").asText();
    Path file =
        write(
            "op.jwt",
            "-----BEGIN NATS OPERATOR JWT-----\r\n"
                + token
                + "\r\n------END NATS OPERATOR JWT------\r\n");

    Result r = run("jwt", "describe", file.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("operator JWT \"ACME Operator\""), r::toString);
  }

  @Test
  void describe_credsFile_readsTheJwtAndNeverTheSeed() throws IOException {
    JsonNode v = JwtVectors.valid("user_full");
    String seed = v.get("subject_seed").asText();
    Path creds =
        write(
            "alice.creds",
            "-----BEGIN NATS USER JWT-----\n"
                + v.get("jwt").asText()
                + "\n------END NATS USER JWT------\n\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n\n"
                + "-----BEGIN USER NKEY SEED-----\n"
                + seed
                + "\n------END USER NKEY SEED------\n");

    Result r = run("jwt", "describe", creds.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("user JWT \"alice\""), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void describe_blocksWithoutJwt_exits2() throws IOException {
    String seed = JwtVectors.valid("user_full").get("subject_seed").asText();
    Path file =
        write(
            "seed.txt",
            "-----BEGIN USER NKEY SEED-----\n" + seed + "\n------END USER NKEY SEED------\n");

    Result r = run("jwt", "describe", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("holds no JWT"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void describe_seedFile_exits2WithoutShowingIt() throws IOException {
    String seed = JwtVectors.valid("user_full").get("subject_seed").asText();
    Path file = write("user.nk", seed + "\n");

    Result r = run("jwt", "describe", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("holds no JWT"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void describe_seedAsArgument_exits2Redacted() {
    String seed = JwtVectors.valid("user_full").get("subject_seed").asText();

    Result r = run("jwt", "describe", seed);

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("looks like a seed, not a JWT"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void describe_missingFileThatIsNoToken_exits2() {
    Result r = run("jwt", "describe", "no-such-file.jwt");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(
        "natsjwt: cannot read token file 'no-such-file.jwt': no such file, and it is not a JWT"
            + " either (a JWT has three parts separated by '.')\n",
        r.stderr());
  }

  @Test
  void describe_emptyStdin_exits2() {
    Result r = run("jwt", "describe", "-");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("standard input is empty"), r::toString);
  }

  @Test
  void describe_badAtOption_exits2() {
    Result r = run("jwt", "describe", "--at", "tomorrow", "x.y.z");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--at takes a time"), r::toString);
  }

  private static String describeVector(String name) {
    Result r = run("jwt", "describe", "--at", AT, JwtVectors.valid(name).get("jwt").asText());
    assertEquals(0, r.exitCode(), r::toString);
    return r.stdout();
  }

  private static void assertContainsAll(String out, String... parts) {
    for (String p : parts) {
      assertTrue(out.contains(p), () -> "missing '" + p + "' in\n" + out);
    }
  }

  /** Every string value in a decoded nats object that describe should show. */
  private static List<String> stringLeaves(JsonNode node, String key) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("token")) {
          out.addAll(stringLeaves(e.getValue(), e.getKey()));
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> out.addAll(stringLeaves(n, key)));
    } else if (node.isTextual()) {
      String s = node.asText();
      if (key.equals("kind") && s.equals("user_scope")) {
        return out;
      }
      for (String part : key.equals("src") ? s.split(",") : new String[] {s}) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
