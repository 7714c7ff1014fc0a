package io.github.natsjwt.nats;

import static io.github.natsjwt.nats.Clients.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes, lookups, lists and deletes against a real nats-server with a full resolver. */
@NatsServerTest
class AccountJwtClientLiveTest {
  @TempDir Path dir;

  @Test
  void push_newAccount_storedAndItsUserConnects(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(fullResolver(op).build());
    TestAccount orders = op.account("orders"); // made after the server started: unknown to it
    TestUser alice = orders.user("alice");

    try (Clients.Client sys = system(op, server)) {
      List<PushResult> results = client(sys).push(orders.jwt());

      assertEquals(1, results.size());
      PushResult r = results.get(0);
      assertEquals(200, r.code());
      assertEquals("jwt updated", r.message());
      assertEquals(orders.publicKey(), r.account());
      assertEquals(serverId(server), r.serverId());
    }
    assertEquals(
        orders.jwt().length(),
        Files.readString(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")).length());
    try (Clients.Client user = Clients.connect(server, alice.writeCreds(dir))) {
      assertRoundTrip(user, "orders.new", "pushed");
    }
  }

  @Test
  void push_updateRevokingUser_userRefused(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    TestUser alice = orders.user("alice");
    Path creds = alice.writeCreds(dir);
    NatsServer server = servers.start(fullResolver(op).build());
    try (Clients.Client user = Clients.connect(server, creds)) {
      assertRoundTrip(user, "x", "before the revocation");
    }

    orders.revoke(alice);
    try (Clients.Client sys = system(op, server)) {
      assertEquals("jwt updated", client(sys).push(orders.jwt()).get(0).message());
    }

    assertEquals(
        "Authentication error connecting to NATS server: Authorization Violation",
        Clients.refusal(server, creds).getMessage());
  }

  @Test
  void push_identityKeySignedForStrictOperator_rejectedWithServerReason(NatsServers servers)
      throws Exception {
    TestOperator op = TestOperator.create("acme").signingKey().strictSigningKeyUsage(true);
    // Under a strict operator only the account's signing keys may sign its users.
    TestUser admin = op.systemAccount().signingKey().user("admin").signedBySigningKey();
    NatsServer server = servers.start(fullResolver(op).build());
    TestAccount orders = op.account("orders").signedBy(op.key());

    try (Clients.Client sys = Clients.connect(server, admin.writeCreds(dir))) {
      AccountJwtRejectedException e =
          assertThrows(AccountJwtRejectedException.class, () -> client(sys).push(orders.jwt()));

      assertEquals(500, e.code());
      assertEquals(orders.publicKey(), e.account());
      assertEquals(serverId(server), e.serverId());
      assertEquals(
          "jwt update resulted in error - operator requires issuer to be a signing key",
          e.description());
      assertEquals("$SYS.REQ.ACCOUNT." + orders.publicKey() + ".CLAIMS.UPDATE", e.subject());
    }
    assertFalse(Files.exists(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt")));
  }

  @Test
  void push_exportBeyondExportLimit_jwtValidationFailed(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(fullResolver(op).build());
    // Spec trust-chain.md section 2: more exports than limits.exports is a blocking issue.
    TestAccount orders = op.account("orders").limits(l -> l.exports(0)).exportStream("orders.>");

    try (Clients.Client sys = system(op, server)) {
      AccountJwtRejectedException e =
          assertThrows(AccountJwtRejectedException.class, () -> client(sys).push(orders.jwt()));

      assertEquals(500, e.code());
      assertTrue(e.description().startsWith("jwt validation failed"), e.description());
      assertTrue(e.getMessage().contains("jwt validation failed"), e.getMessage());
    }
  }

  @Test
  void push_untrustedOperatorKey_storedButUserRefused(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(fullResolver(op).build());
    TestOperator other = TestOperator.create("other");
    TestAccount rogue = op.account("rogue").signedBy(other.key());
    TestUser mallory = rogue.user("mallory");

    try (Clients.Client sys = system(op, server)) {
      // Spec section 1.4: the push path stores without checking the issuer's trust.
      assertEquals("jwt updated", client(sys).push(rogue.jwt()).get(0).message());
    }

    Clients.refusal(server, mallory.writeCreds(dir));
  }

  @Test
  void lookupListDelete_roundTrip(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").signingKey();
    NatsServer server = servers.start(fullResolver(op).allowDelete(true).build());
    TestAccount orders = op.account("orders");

    try (Clients.Client sys = system(op, server)) {
      AccountJwtClient client = client(sys);
      // 2.9.10 does not answer a lookup for an account it lacks: a miss lasts the timeout.
      AccountJwtClient quick = client(sys, Duration.ofMillis(500));
      assertEquals(Optional.empty(), quick.lookup(orders.publicKey()));
      String jwt = orders.jwt();
      client.push(jwt);

      assertEquals(Optional.of(jwt), client.lookup(orders.publicKey()));
      assertEquals(
          List.of(orders.publicKey(), op.systemAccount().publicKey()).stream().sorted().toList(),
          client.list());

      List<DeleteResult> deleted = client.delete(op.signingKeys().get(0), orders.publicKey());
      assertEquals(1, deleted.size());
      assertEquals(200, deleted.get(0).code());
      assertEquals("deleted 1 accounts", deleted.get(0).message());
      assertEquals(serverId(server), deleted.get(0).serverId());

      assertEquals(Optional.empty(), quick.lookup(orders.publicKey()));
      assertEquals(List.of(op.systemAccount().publicKey()), client.list());
    }
    assertTrue(Files.exists(dir.resolve("jwt").resolve(orders.publicKey() + ".jwt.deleted")));
  }

  @Test
  void delete_withoutAllowDelete_rejectedWithServerReason(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    NatsServer server = servers.start(fullResolver(op).build());

    try (Clients.Client sys = system(op, server)) {
      AccountJwtRejectedException e =
          assertThrows(
              AccountJwtRejectedException.class,
              () -> client(sys).delete(op.key(), orders.publicKey()));

      assertEquals(500, e.code());
      assertTrue(
          e.description().endsWith("failed - delete must be enabled in server config"),
          e.description());
    }
  }

  @Test
  void lookup_memoryResolver_noResponders(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.serverConfig().build());

    try (Clients.Client sys = system(op, server)) {
      NoReplyException e =
          assertThrows(
              NoReplyException.class, () -> client(sys).lookup(op.systemAccount().publicKey()));
      assertTrue(e.noResponders());
    }
  }

  @Test
  void list_userOutsideSystemAccount_noResponders(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestUser alice = op.account("orders").user("alice");
    NatsServer server = servers.start(fullResolver(op).build());

    try (Clients.Client user = Clients.connect(server, alice.writeCreds(dir))) {
      NoReplyException e = assertThrows(NoReplyException.class, () -> client(user).list());
      assertTrue(e.noResponders());
      assertTrue(e.getMessage().startsWith("No server handles $SYS.REQ.CLAIMS.LIST"));
    }
  }

  // ------------------------------------------------------------------ helpers

  /** The id the server announced in its INFO line. */
  static String serverId(NatsServer server) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"server_id\":\"([^\"]+)\"").matcher(server.info());
    assertTrue(m.find(), server.info());
    return m.group(1);
  }

  private io.github.natsjwt.config.ServerConfig.Builder fullResolver(TestOperator op) {
    return op.fullResolverConfig(dir.resolve("jwt"));
  }

  /** A connection of a user of the system account. */
  private Clients.Client system(TestOperator op, NatsServer server) throws Exception {
    TestUser admin = op.systemAccount().user("admin-" + System.nanoTime());
    return Clients.connect(server, admin.writeCreds(dir));
  }

  /** One server: a request returns at its reply. */
  static AccountJwtClient client(Clients.Client c) {
    return client(c, WAIT);
  }

  static AccountJwtClient client(Clients.Client c, Duration timeout) {
    return AccountJwtClient.builder(c.connection()).expectedServers(1).timeout(timeout).build();
  }

  static void assertRoundTrip(Clients.Client client, String subject, String text) throws Exception {
    Subscription subscription = client.connection().subscribe(subject);
    client.connection().flush(WAIT);
    client.connection().publish(subject, text.getBytes(StandardCharsets.UTF_8));
    Message m = subscription.nextMessage(WAIT);
    assertNotNull(m, "no message on " + subject + " within " + WAIT);
    assertEquals(text, new String(m.getData(), StandardCharsets.UTF_8));
  }
}
