package io.github.natsjwt.cli.nats;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;

/**
 * account edit-scope, revoke, signing-key add/rm and kick against nats-server 2.9.10, 2.10.27 and
 * 2.14.5 with a full resolver, in text and --json (parsed, with the fields cli/README.md
 * documents).
 */
class AccountCommandsLiveTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  /** A client that reconnects and records its connection events. */
  static final class Client implements AutoCloseable {
    final Connection connection;
    final List<String> events = new CopyOnWriteArrayList<>();

    Client(NatsServer server, Path creds) throws Exception {
      connection =
          Nats.connect(
              new Options.Builder()
                  .server(server.url())
                  .authHandler(Nats.credentials(creds.toString()))
                  .connectionTimeout(WAIT)
                  .maxReconnects(-1)
                  .reconnectWait(Duration.ofMillis(100))
                  .connectionListener((c, type) -> events.add(type.name()))
                  .errorListener(new io.nats.client.ErrorListener() {})
                  .build());
    }

    void await(String event) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!events.contains(event) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(events.contains(event), () -> "no " + event + " in " + events);
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Set<String> fields(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static final Set<String> EDIT_FIELDS =
      new TreeSet<>(
          List.of(
              "account",
              "name",
              "edits",
              "previous_jti",
              "jti",
              "issuer",
              "jwt",
              "pushed",
              "servers",
              "confirmed"));

  String sysCreds(TestOperator op) {
    return op.systemAccount().user("admin-" + System.nanoTime()).writeCreds(dir).toString();
  }

  Path seedFile(NKey key) throws Exception {
    Path p = dir.resolve("op-" + System.nanoTime() + ".nk");
    Files.writeString(p, new String(key.seed()) + "\n");
    return p;
  }

  @NatsServerMatrix
  void editScope_json_userOfTheKeyReconnectsWithNewPermissions(NatsServerVersion version)
      throws Exception {
    TestOperator op = TestOperator.create("acme").signingKey();
    TestAccount orders =
        op.account("orders")
            .signedBy(op.signingKeys().get(0))
            .scopedSigningKey(
                "svc",
                UserPermissionLimits.builder()
                    .pub(Permission.allowing("orders.>"))
                    .sub(Permission.allowing("_INBOX.>"))
                    .build());
    TestUser alice = orders.user("alice").scoped("svc");
    TestUser bob = orders.user("bob");
    String key = orders.scopedKey("svc").orElseThrow().publicKey();
    Path operatorJwt = Files.writeString(dir.resolve("acme.jwt"), op.jwt());
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Client watcher = new Client(server, bob.writeCreds(dir));
        Client a = new Client(server, alice.writeCreds(dir))) {
      Subscription watch = watcher.connection.subscribe(">");
      watcher.connection.flush(WAIT);
      a.connection.publish("billing.1", new byte[0]);
      assertNull(watch.nextMessage(Duration.ofMillis(500)), "billing.1 delivered before the edit");

      Result r =
          run(
              "account",
              "edit-scope",
              orders.publicKey(),
              "--key",
              key,
              "--pub-allow",
              "billing.>",
              "--operator-seed",
              seedFile(op.signingKeys().get(0)).toString(),
              "--operator",
              operatorJwt.toString(),
              "--server",
              server.url(),
              "--creds",
              sysCreds(op),
              "--json");

      assertEquals(0, r.exitCode(), r::toString);
      assertNoSeed(r.all());
      JsonNode j = JSON.readTree(r.stdout());
      assertEquals(EDIT_FIELDS, fields(j));
      assertEquals(orders.publicKey(), j.get("account").asText());
      assertEquals("orders", j.get("name").asText());
      assertEquals("replace_scope", j.get("edits").get(0).get("kind").asText());
      assertEquals(key, j.get("edits").get(0).get("key").asText());
      assertTrue(j.get("pushed").asBoolean());
      assertTrue(j.get("confirmed").asBoolean());
      assertEquals("jwt updated", j.get("servers").get(0).get("message").asText());
      assertEquals(200, j.get("servers").get(0).get("code").asInt());
      String stored =
          Files.readString(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")).strip();
      assertEquals(stored, j.get("jwt").asText());
      AccountClaims now = Jwt.decode(stored, AccountClaims.class).claims();
      assertEquals(j.get("jti").asText(), now.id());
      assertEquals(op.signingKeys().get(0).publicKey(), j.get("issuer").asText());
      assertEquals(
          List.of("billing.>"),
          now.signingKeys().scope(key).orElseThrow().template().permissions().pub().allow());
      // The rest of the template stays: the subscribe permission was not given.
      assertEquals(
          List.of("_INBOX.>"),
          now.signingKeys().scope(key).orElseThrow().template().permissions().sub().allow());

      a.await("RESUBSCRIBED");
      System.out.printf("%s cli edit-scope: alice's events %s%n", version.label(), a.events);
      a.connection.publish("billing.2", new byte[0]);
      Message m = watch.nextMessage(WAIT);
      assertNotNull(m, "billing.2 not delivered after the edit");
      assertEquals("billing.2", m.getSubject());
      assertEquals(List.of("CONNECTED"), watcher.events);
    }
  }

  @NatsServerMatrix
  void revoke_jwtFileAndPush_userClosedAndRefused(NatsServerVersion version) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    TestUser alice = orders.user("alice");
    Path creds = alice.writeCreds(dir);
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Client a = new Client(server, creds)) {
      Path current = dir.resolve("jwt").resolve(orders.publicKey() + ".jwt");
      Result r =
          run(
              "account",
              "revoke",
              "--jwt",
              current.toString(),
              "--user",
              alice.publicKey(),
              "--operator-seed",
              seedFile(op.key()).toString(),
              "--server",
              server.url(),
              "--creds",
              sysCreds(op));

      assertEquals(0, r.exitCode(), r::toString);
      assertEquals("", r.stderr());
      assertTrue(
          r.stdout()
              .startsWith(
                  "account "
                      + orders.publicKey()
                      + " \"orders\": revoked "
                      + alice.publicKey()
                      + " up to "),
          r.stdout());
      assertTrue(r.stdout().contains(": 200 jwt updated\n"), r.stdout());
      assertTrue(r.stdout().contains("confirmed: the servers serve the new JWT (jti "), r.stdout());
      a.await("DISCONNECTED");
      System.out.printf("%s cli revoke: alice's events %s%n", version.label(), a.events);
      assertThrows(
          AuthenticationException.class,
          () ->
              Nats.connect(
                      new Options.Builder()
                          .server(server.url())
                          .authHandler(Nats.credentials(creds.toString()))
                          .connectionTimeout(Duration.ofSeconds(3))
                          .noReconnect()
                          .build())
                  .close());
    }
  }

  @NatsServerMatrix
  void signingKeyAddRm_userOfTheKeyAcceptedThenClosed(NatsServerVersion version) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    NKey key = NKey.generate(NKeyType.ACCOUNT);
    TestUser carol = orders.user("carol").signedBy(key);
    Path creds = carol.writeCreds(dir);
    Path pub = Files.writeString(dir.resolve("sk.pub"), key.publicKey() + "\n");
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build())) {
      String sys = sysCreds(op);
      String seed = seedFile(op.key()).toString();
      Result add =
          run(
              "account",
              "signing-key",
              "add",
              orders.publicKey(),
              "--key",
              pub.toString(),
              "--operator-seed",
              seed,
              "--server",
              server.url(),
              "--creds",
              sys,
              "--json");
      assertEquals(0, add.exitCode(), add::toString);
      JsonNode j = JSON.readTree(add.stdout());
      assertEquals(EDIT_FIELDS, fields(j));
      assertEquals("add_signing_key", j.get("edits").get(0).get("kind").asText());
      try (Client c = new Client(server, creds)) {
        assertEquals(Connection.Status.CONNECTED, c.connection.getStatus());
        Result rm =
            run(
                "account",
                "signing-key",
                "rm",
                orders.publicKey(),
                "--key",
                key.publicKey(),
                "--operator-seed",
                seed,
                "--server",
                server.url(),
                "--creds",
                sys);
        assertEquals(0, rm.exitCode(), rm::toString);
        assertTrue(rm.stdout().contains(": removed signing key " + key.publicKey()), rm.stdout());
        c.await("DISCONNECTED");
        System.out.printf("%s cli signing-key rm: carol's events %s%n", version.label(), c.events);
      }
      // Removing it again: the account no longer has it, nothing is sent.
      Result again =
          run(
              "account",
              "signing-key",
              "rm",
              orders.publicKey(),
              "--key",
              key.publicKey(),
              "--operator-seed",
              seed,
              "--server",
              server.url(),
              "--creds",
              sys);
      assertEquals(2, again.exitCode(), again::toString);
      assertTrue(
          again
              .stderr()
              .startsWith(
                  "natsjwt: Account "
                      + orders.publicKey()
                      + " has no signing key "
                      + key.publicKey()
                      + " to remove"),
          again.stderr());
    }
  }

  @NatsServerMatrix
  void kick_userAndCid_kickedOn210AndLaterNamedVersionOn29(NatsServerVersion version)
      throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    TestUser alice = orders.user("alice");
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Client a = new Client(server, alice.writeCreds(dir))) {
      String sys = sysCreds(op);
      String serverId = serverId(server);
      long cid = a.connection.getServerInfo().getClientId();

      Result byUser =
          run(
              "kick",
              "--user",
              alice.publicKey(),
              "--server",
              server.url(),
              "--creds",
              sys,
              "--json");
      JsonNode u = JSON.readTree(byUser.stdout());
      assertEquals(Set.of("user", "servers", "results", "kicked"), fields(u));
      assertEquals(alice.publicKey(), u.get("user").asText());
      assertEquals(
          Set.of("server_id", "server", "version", "answers_kick"),
          fields(u.get("servers").get(0)));
      assertEquals(server.version(), u.get("servers").get(0).get("version").asText());

      Result byCid =
          run(
              "kick",
              "--cid",
              Long.toString(cid),
              "--server-id",
              serverId,
              "--server",
              server.url(),
              "--creds",
              sys,
              "--json");
      JsonNode c = JSON.readTree(byCid.stdout());
      System.out.printf(
          "%s cli kick: --user exit %d %s%s; --cid exit %d %s%n",
          version.label(),
          byUser.exitCode(),
          byUser.stdout().strip(),
          byUser.stderr().strip(),
          byCid.exitCode(),
          byCid.stdout().strip());
      assertEquals(
          Set.of("server_id", "server", "version", "cid", "status", "message"),
          fields(c.get("results").get(0)));
      if (version.series().equals("2.9")) {
        assertEquals(1, byUser.exitCode(), byUser::toString);
        assertFalse(u.get("servers").get(0).get("answers_kick").asBoolean());
        assertEquals(0, u.get("results").size());
        assertTrue(
            byUser.stderr().contains("runs nats-server 2.9.10, which does not find"),
            byUser.stderr());
        assertEquals(1, byCid.exitCode(), byCid::toString);
        assertEquals("no_answer", c.get("results").get(0).get("status").asText());
        assertTrue(
            c.get("results")
                .get(0)
                .get("message")
                .asText()
                .contains(
                    "runs nats-server 2.9.10, which does not answer KICK; nats-server 2.10.0 and"
                        + " later do"),
            byCid.stdout());
        assertEquals(List.of("CONNECTED"), a.events);
        return;
      }
      assertEquals(0, byUser.exitCode(), byUser::toString);
      assertTrue(u.get("servers").get(0).get("answers_kick").asBoolean());
      assertEquals(1, u.get("kicked").asInt());
      JsonNode kicked = u.get("results").get(0);
      assertEquals(cid, kicked.get("cid").asLong());
      assertEquals("kicked", kicked.get("status").asText());
      assertEquals(serverId, kicked.get("server_id").asText());
      // The same id once more: the server no longer has it.
      assertEquals(1, byCid.exitCode(), byCid::toString);
      assertEquals("refused", c.get("results").get(0).get("status").asText());
      assertEquals(
          "500 no such client or leafnode id", c.get("results").get(0).get("message").asText());
      a.await("RECONNECTED");

      Result text =
          run("kick", "--user", alice.publicKey(), "--server", server.url(), "--creds", sys);
      assertEquals(0, text.exitCode(), text::toString);
      assertTrue(text.stdout().endsWith("kicked 1 of 1 connection\n"), text.stdout());
    }
  }

  static String serverId(NatsServer server) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"server_id\":\"([^\"]+)\"").matcher(server.info());
    assertTrue(m.find(), server.info());
    return m.group(1);
  }
}
