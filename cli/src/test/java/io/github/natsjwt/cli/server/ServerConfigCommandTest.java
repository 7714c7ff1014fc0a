package io.github.natsjwt.cli.server;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server config without a server: what it writes, and the inputs it refuses. */
class ServerConfigCommandTest {
  @TempDir Path dir;

  @Test
  void config_newOperator_writesChainThatTheVerifierAccepts() throws Exception {
    Path out = dir.resolve("nats");

    Result r = run("server", "config", "--dir", out.toString(), "--name", "try");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    assertNoSeed(r.stdout());
    String opJwt = Files.readString(out.resolve("operator.jwt")).strip();
    String sysJwt = Files.readString(out.resolve("sys.jwt")).strip();
    OperatorClaims op = Jwt.decode(opJwt, OperatorClaims.class).claims();
    AccountClaims sys = Jwt.decode(sysJwt, AccountClaims.class).claims();
    assertEquals("try", op.name());
    assertEquals(sys.subject(), op.systemAccount());
    try (NKey opKey =
            NKey.fromSeed(Files.readString(out.resolve("operator.nk")).strip().toCharArray());
        NKey sysKey =
            NKey.fromSeed(Files.readString(out.resolve("sys.nk")).strip().toCharArray())) {
      assertEquals(op.subject(), opKey.publicKey());
      assertEquals(sys.subject(), sysKey.publicKey());
    }
    for (String secret : new String[] {"operator.nk", "sys.nk", "sys.creds"}) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(secret))),
          secret);
    }
    // The creds' user connects, as the server would decide, to the system account.
    try (Creds creds = Creds.read(out.resolve("sys.creds"))) {
      TrustVerifier verifier =
          TrustVerifier.builder()
              .trustOperator(opJwt)
              .accountResolver(MemoryAccountResolver.builder().add(sysJwt).build())
              .build();
      Verification<VerifiedUser> v =
          verifier.verifyUser(
              creds.jwt(),
              ConnectionContext.builder().nonce("abc").signature(creds.signNonce("abc")).build());
      assertTrue(v.isAccepted(), v::toString);
      assertTrue(v.orElseThrow().account().isSystemAccount());
    }
    String conf = Files.readString(out.resolve("server.conf"));
    assertTrue(conf.contains("operator: \"" + opJwt + "\""), conf);
    assertTrue(conf.contains("system_account: \"" + sys.subject() + "\""), conf);
    assertTrue(conf.contains("type: full"), conf);
    assertTrue(conf.contains("dir: \"" + out.resolve("jwt") + "\""), conf);
    assertTrue(conf.contains("\"" + sys.subject() + "\": \"" + sysJwt + "\""), conf);
    assertTrue(conf.contains("port: 4222"), conf);
    assertTrue(
        r.stdout().contains("start the server: nats-server -c " + out.resolve("server.conf")));
  }

  @Test
  void config_secondRunWithoutForce_exit2AndKeepsFiles() throws Exception {
    Path out = dir.resolve("nats");
    assertEquals(0, run("server", "config", "--dir", out.toString()).exitCode());
    String before = Files.readString(out.resolve("operator.jwt"));

    Result again = run("server", "config", "--dir", out.toString());
    Result forced = run("server", "config", "--dir", out.toString(), "--force");

    assertEquals(2, again.exitCode(), again::toString);
    assertTrue(again.stderr().contains("already exists; give --force"), again.stderr());
    assertEquals(0, forced.exitCode(), forced::toString);
    assertFalse(before.equals(Files.readString(out.resolve("operator.jwt"))));
  }

  @Test
  void config_operatorWithoutSystemAccount_exit2() {
    TestOperator op = TestOperator.create("acme");

    Result r = run("server", "config", "--dir", dir.toString(), "--operator", op.jwt());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--operator needs --system-account"), r.stderr());
    assertFalse(Files.exists(dir.resolve("server.conf")));
  }

  @Test
  void config_systemAccountOfOtherOperator_exit2() {
    TestOperator op = TestOperator.create("acme");
    TestAccount rogue = TestOperator.create("other").systemAccount();

    Result r =
        run(
            "server",
            "config",
            "--dir",
            dir.toString(),
            "--operator",
            op.jwt(),
            "--system-account",
            rogue.jwt());

    assertEquals(2, r.exitCode(), r::toString);
    assertFalse(Files.exists(dir.resolve("server.conf")));
  }

  @Test
  void config_keyOfAnotherAccount_exit2NamesBothKeys() throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount sys = op.systemAccount();
    TestAccount orders = op.account("orders");
    Path key = Files.writeString(dir.resolve("k.nk"), new String(orders.key().seed()));

    Result r =
        run(
            "server",
            "config",
            "--dir",
            dir.resolve("o").toString(),
            "--operator",
            op.jwt(),
            "--system-account",
            sys.jwt(),
            "--system-account-key",
            key.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains(orders.publicKey()), r.stderr());
    assertTrue(r.stderr().contains(sys.publicKey()), r.stderr());
    assertNoSeed(r.all());
  }

  @Test
  void config_givenOperatorWithoutKey_writesConfigOnly() {
    TestOperator op = TestOperator.create("acme");

    Result r =
        run(
            "server",
            "config",
            "--dir",
            dir.toString(),
            "--operator",
            op.jwt(),
            "--system-account",
            op.systemAccount().jwt(),
            "--port",
            "-1");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(Files.exists(dir.resolve("server.conf")));
    assertFalse(Files.exists(dir.resolve("sys.creds")));
    assertTrue(r.stdout().contains("no creds written"), r.stdout());
  }

  @Test
  void config_configModeWithOperatorOptions_usageErrorNothingWritten() {
    TestOperator op = TestOperator.create("acme");

    Result r =
        run(
            "server",
            "config",
            "--config-mode",
            "--dir",
            dir.toString(),
            "--system-account",
            op.systemAccount().jwt());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("belong to operator mode"), r.stderr());
    assertFalse(Files.exists(dir.resolve("server.conf")));
  }

  @Test
  void config_configMode_writesNkeyUsersOwnerOnly() throws Exception {
    Result r = run("server", "config", "--config-mode", "--dir", dir.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertNoSeed(r.all());
    String conf = Files.readString(dir.resolve("server.conf"));
    for (String user : new String[] {"app-user.nk", "sys-user.nk"}) {
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(user))));
      try (NKey k = NKey.fromSeed(Files.readString(dir.resolve(user)).strip().toCharArray())) {
        assertTrue(conf.contains(k.publicKey()), conf);
        assertTrue(r.stdout().contains(k.publicKey()), r.stdout());
      }
    }
    assertTrue(conf.contains("system_account: \"SYS\""), conf);
    assertFalse(conf.contains("operator"), conf.lines().skip(1).toList().toString());
  }

  @Test
  void config_json_newOperator_documentedObjectMatchingTheFiles() throws Exception {
    Path out = dir.resolve("nats");

    Result r = run("server", "config", "--json", "--dir", out.toString(), "--port", "4333");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(1, r.lines().length, r::toString);
    assertNoSeed(r.all());
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    List<String> names = new java.util.ArrayList<>();
    j.fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of(
            "mode",
            "config",
            "url",
            "operator",
            "system_account",
            "resolver_dir",
            "users",
            "created"),
        names);
    assertEquals("operator", j.get("mode").asText());
    assertEquals(out.resolve("server.conf").toString(), j.get("config").asText());
    assertEquals("nats://127.0.0.1:4333", j.get("url").asText());
    String opJwt = Files.readString(out.resolve("operator.jwt")).strip();
    String sysJwt = Files.readString(out.resolve("sys.jwt")).strip();
    assertEquals(
        Jwt.decode(opJwt, OperatorClaims.class).claims().subject(), j.get("operator").asText());
    assertEquals(
        Jwt.decode(sysJwt, AccountClaims.class).claims().subject(),
        j.get("system_account").asText());
    assertEquals(out.resolve("jwt").toString(), j.get("resolver_dir").asText());
    com.fasterxml.jackson.databind.JsonNode user = j.get("users").get(0);
    try (Creds creds = Creds.read(Path.of(user.get("creds").asText()))) {
      assertEquals(creds.publicKey(), user.get("public_key").asText());
    }
    assertEquals(4, j.get("created").size());
  }

  @Test
  void config_json_configMode_usersWithTheirSeedFiles() throws Exception {
    Result r = run("server", "config", "--json", "--config-mode", "--dir", dir.toString());

    assertEquals(0, r.exitCode(), r::toString);
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    assertEquals("config", j.get("mode").asText());
    assertTrue(j.get("operator").isNull());
    assertTrue(j.get("resolver_dir").isNull());
    assertEquals("SYS", j.get("system_account").asText());
    for (com.fasterxml.jackson.databind.JsonNode u : j.get("users")) {
      try (NKey k =
          NKey.fromSeed(
              Files.readString(Path.of(u.get("seed_file").asText())).strip().toCharArray())) {
        assertEquals(k.publicKey(), u.get("public_key").asText());
      }
    }
    assertEquals(2, j.get("users").size());
  }
}
