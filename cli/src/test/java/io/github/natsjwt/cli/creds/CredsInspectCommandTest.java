package io.github.natsjwt.cli.creds;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredsInspectCommandTest {
  @TempDir Path dir;

  static Iterable<String> usable() {
    return CredsCases.usable();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usable")
  void inspect_usableReferenceCase_showsUserAndMatchingSeedExitsZero(String file) {
    JsonNode c = CredsCases.get(file);

    Result r = run("creds", "inspect", CredsCases.file(file).toString());

    assertEquals(0, r.exitCode(), r::toString);
    String user = c.get("expected_user_public_key").asText();
    assertTrue(r.stdout().contains("user:             " + user + "\n"), r::toString);
    assertTrue(r.stdout().contains("seed public key:  " + user + "\n"), r::toString);
    assertTrue(r.stdout().contains("seed matches JWT: yes\n"), r::toString);
    assertTrue(r.stdout().endsWith("usable:           yes\n"), r::toString);
    assertEquals("", r.stderr());
    assertNoSeed(r.all(), c.get("expected_seed").asText());
  }

  @Test
  void inspect_standard_showsClaimsReadably() {
    Result r = run("creds", "inspect", CredsCases.file("standard.creds").toString());

    assertEquals(0, r.exitCode(), r::toString);
    String expected =
        String.join(
            "\n",
            "name:             alice",
            "issuer:           ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE",
            "issuer account:   (none: the account's own key signed it)",
            "issued at:        2023-11-14T22:13:20Z",
            "not before:       2023-11-14T22:13:20Z",
            "expires:          2100-01-01T00:00:00Z",
            "format:           JWT v2",
            "bearer token:     no",
            "pub allow:        alice.>, _INBOX.>",
            "pub deny:         alice.secret",
            "sub allow:        alice.>, _INBOX.>, \"work.* workers\"",
            "sub deny:         alice.private.>",
            "responses:        max 5 within 60s",
            "subs:             100",
            "data:             1048576 bytes",
            "payload:          4096 bytes",
            "source networks:  192.0.2.0/24, 2001:db8::/32",
            "connect times:    09:00:00-12:00:00, 13:00:00-17:30:00 (America/New_York)",
            "connection types: STANDARD, WEBSOCKET, LEAFNODE, MQTT",
            "tags:             dept:eng",
            "seed:             user seed (not shown)");
    assertTrue(r.stdout().contains(expected), r::toString);
    assertTrue(r.stdout().contains("validation:       ok\n"), r::toString);
  }

  @Test
  void inspect_scopedUser_saysTheScopeSuppliesPermissions() {
    Result r = run("creds", "inspect", CredsCases.file("user_scoped.creds").toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                "issuer account:   ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE"
                    + " (signed with one of its signing keys)\n"),
        r::toString);
    assertTrue(r.stdout().contains("scope:            no permissions or limits"), r::toString);
  }

  @Test
  void inspect_stdin_readsTheCredsFromStandardInput() throws IOException {
    byte[] file = Files.readAllBytes(CredsCases.file("user_bearer.creds"));

    Result r = runWithStdin(file, "creds", "inspect", "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("file:             standard input\n"), r::toString);
    assertTrue(r.stdout().contains("bearer token:     yes"), r::toString);
  }

  @Test
  void inspect_accountSeed_showsTheMismatchAndExitsTwo() {
    Path file = CredsCases.file("account_seed.creds");

    Result r = run("creds", "inspect", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("seed:             account seed (not shown)\n"), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                "seed matches JWT: no (the JWT's subject is"
                    + " UAAHD7BTRRTG64BRPPWRWMOSTQO7JVTB2ZVJCMRPYH3OFSW7TBBYZSHA)\n"),
        r::toString);
    assertTrue(r.stdout().endsWith("usable:           no\n"), r::toString);
    assertEquals(
        "natsjwt: creds file '"
            + file
            + "', line 10: the seed is an account seed (SA...); a creds file holds the user's"
            + " seed (SU...)\n",
        r.stderr());
    assertNoSeed(r.all());
  }

  @Test
  void inspect_jwtOnly_showsTheJwtSaysNoSeedAndExitsTwo() {
    Result r = run("creds", "inspect", CredsCases.file("jwt_only.creds").toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("name:             alice\n"), r::toString);
    assertTrue(r.stdout().contains("seed:             not found or not valid\n"), r::toString);
    assertTrue(r.stderr().contains(": no seed found; "), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
  }

  @Test
  void inspect_seedOfAnotherUser_exitsTwoNamingBothKeys() throws IOException {
    JsonNode standard = CredsCases.get("standard.creds");
    JsonNode other = CredsCases.get("user_scoped.creds");
    Path file = dir.resolve("mixed.creds");
    Files.writeString(
        file,
        Files.readString(CredsCases.file("standard.creds"))
            .replace(standard.get("expected_seed").asText(), other.get("expected_seed").asText()));

    Result r = run("creds", "inspect", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("seed matches JWT: no"), r::toString);
    assertTrue(
        r.stderr().contains(other.get("expected_user_public_key").asText() + " is not the JWT's"),
        r::toString);
    assertNoSeed(r.all(), other.get("expected_seed").asText());
  }

  @Test
  void inspect_expiredUser_listsTheIssueAndExitsOne() throws IOException {
    Path file = dir.resolve("expired.creds");
    try (NKey account = NKey.generate(NKeyType.ACCOUNT);
        NKey user = NKey.generate(NKeyType.USER)) {
      UserClaims claims =
          UserClaims.builder(user.publicKey())
              .name("old")
              .expiresAt(Instant.parse("2020-01-01T00:00:00Z"))
              .build();
      try (Creds creds = Creds.of(Jwt.encode(claims, account), user)) {
        creds.writeTo(file);
      }
    }

    Result r = run("creds", "inspect", file.toString());

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("expires:          2020-01-01T00:00:00Z\n"), r::toString);
    assertTrue(r.stdout().contains("validation:       1 issue\n  time: "), r::toString);
    assertTrue(r.stdout().endsWith("usable:           no\n"), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: the user JWT is not valid: "), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
  }

  @Test
  void inspect_missingFile_exitsTwo() {
    Path file = dir.resolve("missing.creds");

    Result r = run("creds", "inspect", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals("natsjwt: cannot read creds file '" + file + "': no such file\n", r.stderr());
  }

  @Test
  void inspect_noArgument_isAUsageError() {
    Result r = run("creds", "inspect");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: Missing required parameter"), r::toString);
  }

  @Test
  void creds_noSubcommand_isAUsageError() {
    Result r = run("creds");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.stderr().contains("missing command: choose one of generate, inspect"), r::toString);
  }

  // ------------------------------------------------------------------ --json

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  @Test
  void inspect_json_standard_documentedObjectWithTheReferenceValues() throws Exception {
    JsonNode c = CredsCases.get("standard.creds");

    Result r = run("creds", "inspect", "--json", CredsCases.file("standard.creds").toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(1, r.lines().length, r::toString);
    assertNoSeed(r.all(), c.get("expected_seed").asText());
    JsonNode j = JSON.readTree(r.stdout());
    List<String> names = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("file", "usable", "error", "jwt", "seed", "issues"), names);
    assertTrue(j.get("usable").asBoolean());
    assertTrue(j.get("error").isNull());
    JsonNode u = j.get("jwt");
    String user = c.get("expected_user_public_key").asText();
    assertEquals(user, u.get("subject").asText());
    assertEquals("alice", u.get("name").asText());
    assertEquals(
        "ACE2DLEJWMYGOBHOZKJVQX2AKB3O6JTDKLC6BSKWFXSFML7SRHSQNUOE", u.get("issuer").asText());
    assertTrue(u.get("issuer_account").isNull());
    assertEquals(1700000000L, u.get("issued_at").asLong());
    assertEquals(1700000000L, u.get("not_before").asLong());
    assertEquals(4102444800L, u.get("expires").asLong());
    assertEquals(2, u.get("version").asInt());
    assertFalse(u.get("bearer").asBoolean());
    assertEquals(
        "{\"allow\":[\"alice.>\",\"_INBOX.>\"],\"deny\":[\"alice.secret\"]}",
        u.get("pub").toString());
    assertEquals(
        "[\"alice.>\",\"_INBOX.>\",\"work.* workers\"]", u.get("sub").get("allow").toString());
    assertEquals(5, u.get("resp").get("max").asInt());
    assertEquals(60000, u.get("resp").get("ttl_ms").asLong());
    assertEquals(100, u.get("subs").asLong());
    assertEquals(1048576, u.get("data").asLong());
    assertEquals(4096, u.get("payload").asLong());
    assertEquals("[\"192.0.2.0/24\",\"2001:db8::/32\"]", u.get("src").toString());
    assertEquals("09:00:00", u.get("times").get(0).get("start").asText());
    assertEquals("17:30:00", u.get("times").get(1).get("end").asText());
    assertEquals("America/New_York", u.get("times_location").asText());
    assertEquals(
        "[\"STANDARD\",\"WEBSOCKET\",\"LEAFNODE\",\"MQTT\"]", u.get("connection_types").toString());
    assertEquals("[\"dept:eng\"]", u.get("tags").toString());
    assertEquals("user", j.get("seed").get("type").asText());
    assertEquals(user, j.get("seed").get("public_key").asText());
    assertTrue(j.get("seed").get("matches_jwt").asBoolean());
    assertEquals("[]", j.get("issues").toString());
  }

  @Test
  void inspect_json_accountSeed_unusableWithMismatchExit2() throws Exception {
    Path file = CredsCases.file("account_seed.creds");

    Result r = run("creds", "inspect", "--json", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertNoSeed(r.all());
    JsonNode j = JSON.readTree(r.stdout());
    assertFalse(j.get("usable").asBoolean());
    assertTrue(j.get("error").asText().contains("the seed is an account seed"), r::toString);
    assertEquals(
        "UAAHD7BTRRTG64BRPPWRWMOSTQO7JVTB2ZVJCMRPYH3OFSW7TBBYZSHA",
        j.get("jwt").get("subject").asText());
    assertEquals("account", j.get("seed").get("type").asText());
    assertFalse(j.get("seed").get("matches_jwt").asBoolean());
    assertEquals(1, r.stderr().lines().count(), r::toString);
  }

  @Test
  void inspect_json_jwtOnly_seedNull() throws Exception {
    Result r = run("creds", "inspect", "--json", CredsCases.file("jwt_only.creds").toString());

    assertEquals(2, r.exitCode(), r::toString);
    JsonNode j = JSON.readTree(r.stdout());
    assertTrue(j.get("seed").isNull());
    assertEquals("alice", j.get("jwt").get("name").asText());
  }

  @Test
  void inspect_json_expiredUser_timeIssueExit1() throws Exception {
    Path file = dir.resolve("expired.creds");
    try (NKey account = NKey.generate(NKeyType.ACCOUNT);
        NKey user = NKey.generate(NKeyType.USER)) {
      UserClaims claims =
          UserClaims.builder(user.publicKey())
              .expiresAt(Instant.parse("2020-01-01T00:00:00Z"))
              .build();
      try (Creds creds = Creds.of(Jwt.encode(claims, account), user)) {
        creds.writeTo(file);
      }
    }

    Result r = run("creds", "inspect", "--json", file.toString());

    assertEquals(1, r.exitCode(), r::toString);
    JsonNode j = JSON.readTree(r.stdout());
    assertFalse(j.get("usable").asBoolean());
    assertEquals(1577836800L, j.get("jwt").get("expires").asLong());
    assertEquals("time", j.get("issues").get(0).get("kind").asText());
  }
}
