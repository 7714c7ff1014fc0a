package io.github.natsjwt.cli.nats;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.cli.CliRunner;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * push, lookup (text and --json) and demo --server against a real nats-server with a full resolver.
 */
@NatsServerTest
class NatsCommandsLiveTest {
  @TempDir Path dir;

  @Test
  void push_newAccount_exit0AndServerReplyPrinted(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders");
    Path jwt = Files.writeString(dir.resolve("orders.jwt"), orders.jwt());

    Result r = run("push", "--server", server.url(), "--creds", sysCreds(op), jwt.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    // nats-server's reply to an update it stored (spec trust-chain.md section 1.4).
    assertTrue(r.stdout().contains(": 200 jwt updated"), r.stdout());
    assertTrue(r.stdout().contains("pushing account " + orders.publicKey()), r.stdout());
    assertTrue(Files.exists(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")));
    assertNoSeed(r.all());
  }

  @Test
  void push_identityKeySignedForStrictOperator_exit1WithServerReason(NatsServers servers)
      throws Exception {
    TestOperator op = TestOperator.create("acme").signingKey().strictSigningKeyUsage(true);
    TestUser admin = op.systemAccount().signingKey().user("admin").signedBySigningKey();
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders").signedBy(op.key());

    Result r =
        CliRunner.runWithStdin(
            orders.jwt(),
            "push",
            "--server",
            server.url(),
            "--creds",
            admin.writeCreds(dir).toString(),
            "-");

    assertEquals(1, r.exitCode(), r::toString);
    String[] errLines = r.stderr().split("\n");
    assertEquals(1, errLines.length, r.stderr());
    assertTrue(errLines[0].contains("operator requires issuer to be a signing key"), r.stderr());
    assertFalse(Files.exists(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")));
  }

  @Test
  void push_accountOfUntrustedOperator_exit0BecauseServerStoresIt(NatsServers servers) {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount rogue = op.account("rogue").signedBy(TestOperator.create("other").key());

    Result r = run("push", "--server", server.url(), "--creds", sysCreds(op), rogue.jwt());

    // Spec trust-chain.md section 1.4: the update path stores without checking the issuer's trust.
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(": 200 jwt updated"), r.stdout());
    // ...so the tool says what that reply does not mean.
    assertTrue(r.stdout().contains(PushCommand.UNCHECKED_NOTE), r.stdout());
  }

  @Test
  void push_operatorGivenAccountOfOtherOperator_exit1NothingSent(NatsServers servers)
      throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestOperator other = TestOperator.create("other");
    TestAccount rogue = op.account("rogue").signedBy(other.key());
    Path operatorJwt = Files.writeString(dir.resolve("acme.jwt"), op.jwt());

    for (String operator : new String[] {operatorJwt.toString(), op.publicKey()}) {
      Result r =
          run(
              "push",
              "--server",
              server.url(),
              "--creds",
              sysCreds(op),
              "--operator",
              operator,
              rogue.jwt());

      assertEquals(1, r.exitCode(), r::toString);
      assertEquals("", r.stdout());
      assertTrue(r.stderr().startsWith("natsjwt: not pushed, nothing was sent: "), r.stderr());
      assertTrue(r.stderr().contains(other.publicKey()), r.stderr());
      assertTrue(r.stderr().contains("(ACCOUNT_UNTRUSTED_ISSUER)"), r.stderr());
    }
    // Nothing reached the resolver: the server has no such account.
    assertFalse(Files.exists(dir.resolve("jwt").resolve(rogue.publicKey() + ".jwt")));
    Result lookup =
        run("lookup", "--server", server.url(), "--creds", sysCreds(op), rogue.publicKey());
    assertEquals(1, lookup.exitCode(), lookup::toString);
  }

  @Test
  void push_operatorGivenTrustedChain_exit0SaysChainChecked(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").signingKey();
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders").signedBy(op.signingKeys().get(0));
    Path operatorJwt = Files.writeString(dir.resolve("acme.jwt"), op.jwt());

    Result r =
        run(
            "push",
            "--server",
            server.url(),
            "--creds",
            sysCreds(op),
            "--operator",
            operatorJwt.toString(),
            orders.jwt());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(": 200 jwt updated"), r.stdout());
    assertTrue(
        r.stdout().contains("chain checked: signed for trusted operator " + op.publicKey()),
        r.stdout());
    assertFalse(r.stdout().contains(PushCommand.UNCHECKED_NOTE), r.stdout());
    assertTrue(Files.exists(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")));
  }

  @Test
  void lookup_pushedAccount_exit0PrintsJwt(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    String creds = sysCreds(op);

    Result r = run("lookup", "--server", server.url(), "--creds", creds, orders.publicKey());
    Result described =
        run("lookup", "--describe", "--server", server.url(), "--creds", creds, orders.publicKey());

    assertEquals(0, r.exitCode(), r::toString);
    // jwt() signs anew on every call, so compare with the resolver's stored file.
    Path stored = dir.resolve("jwt").resolve(orders.publicKey() + ".jwt");
    assertEquals(Files.readString(stored).strip(), r.stdout().strip());
    assertEquals(0, described.exitCode(), described::toString);
    assertTrue(described.stdout().contains("account JWT \"orders\""), described.stdout());
  }

  @Test
  void lookup_unknownAccount_exit1(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount stranger = TestOperator.create("other").account("stranger");

    Result r =
        run("lookup", "--server", server.url(), "--creds", sysCreds(op), stranger.publicKey());

    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals(
        "natsjwt: no server has a JWT for account " + stranger.publicKey() + "\n", r.stderr());
  }

  @Test
  void pushAndLookup_json_parsesWithDocumentedSchema(NatsServers servers) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    TestOperator op = TestOperator.create("acme").signingKey();
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders").signedBy(op.signingKeys().get(0));
    String creds = sysCreds(op);
    // The operator's JWT names its signing keys; a bare operator key would not.
    Path operatorJwt = Files.writeString(dir.resolve("acme.jwt"), op.jwt());

    Result unchecked =
        run("push", "--json", "--server", server.url(), "--creds", creds, orders.jwt());
    Result checked =
        run(
            "push",
            "--json",
            "--server",
            server.url(),
            "--creds",
            creds,
            "--operator",
            operatorJwt.toString(),
            orders.jwt());

    for (Result r : List.of(unchecked, checked)) {
      assertEquals(0, r.exitCode(), r::toString);
      assertEquals("", r.stderr());
      assertEquals(1, r.stdout().split("\n").length, r.stdout());
      JsonNode push = mapper.readTree(r.stdout());
      assertEquals(Set.of("account", "name", "servers", "chain_checked", "operator"), names(push));
      assertEquals(orders.publicKey(), push.get("account").asText());
      assertEquals("orders", push.get("name").asText());
      assertEquals(1, push.get("servers").size());
      JsonNode s = push.get("servers").get(0);
      assertEquals(Set.of("server", "server_id", "account", "code", "message"), names(s));
      assertEquals(200, s.get("code").asInt());
      assertEquals("jwt updated", s.get("message").asText());
      assertEquals(orders.publicKey(), s.get("account").asText());
      assertTrue(s.get("server_id").asText().startsWith("N"), s.toString());
    }
    JsonNode u = mapper.readTree(unchecked.stdout());
    assertFalse(u.get("chain_checked").asBoolean());
    assertTrue(u.get("operator").isNull());
    JsonNode c = mapper.readTree(checked.stdout());
    assertTrue(c.get("chain_checked").asBoolean());
    assertEquals(op.publicKey(), c.get("operator").asText());

    Result found =
        run("lookup", "--json", "--server", server.url(), "--creds", creds, orders.publicKey());
    assertEquals(0, found.exitCode(), found::toString);
    JsonNode f = mapper.readTree(found.stdout());
    assertEquals(Set.of("account", "found", "jwt"), names(f));
    assertEquals(orders.publicKey(), f.get("account").asText());
    assertTrue(f.get("found").asBoolean());
    Path stored = dir.resolve("jwt").resolve(orders.publicKey() + ".jwt");
    assertEquals(Files.readString(stored).strip(), f.get("jwt").asText());

    String stranger = TestOperator.create("other").account("stranger").publicKey();
    Result missing = run("lookup", "--json", "--server", server.url(), "--creds", creds, stranger);
    assertEquals(1, missing.exitCode(), missing::toString);
    JsonNode m = mapper.readTree(missing.stdout());
    assertEquals(stranger, m.get("account").asText());
    assertFalse(m.get("found").asBoolean());
    assertTrue(m.get("jwt").isNull());
    assertEquals("natsjwt: no server has a JWT for account " + stranger + "\n", missing.stderr());
  }

  @Test
  void lookup_jsonAndDescribe_exit2() {
    String account = TestOperator.create("acme").account("orders").publicKey();

    Result r =
        run(
            "lookup",
            "--json",
            "--describe",
            "--server",
            "nats://127.0.0.1:1",
            "--creds",
            "missing.creds",
            account);

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals("natsjwt: --json and --describe cannot be combined: choose one\n", r.stderr());
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void demo_server_exit0ShowsDeliveryAndViolation() {
    Result r = run("demo", "--server");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    assertTrue(r.stdout().contains("reply \"received: 1 coffee\": delivered"), r.stdout());
    assertTrue(
        r.stdout()
            .contains(
                "the server says: Permissions Violation for Publish to \"orders.admin.reset\""),
        r.stdout());
    assertTrue(r.stdout().contains("nats-server stopped"), r.stdout());
    assertNoSeed(r.all());
  }

  private String sysCreds(TestOperator op) {
    return op.systemAccount().user("admin-" + System.nanoTime()).writeCreds(dir).toString();
  }
}
