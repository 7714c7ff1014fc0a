package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Clients.WAIT;
import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.AuthenticationException;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forged credentials against the real nats-server: what it accepts and refuses, as observed in spec
 * trust-chain.md section 11.
 */
@NatsServerTest
class LiveServerTest {
  @TempDir Path dir;

  @Test
  void publishSubscribe_forgedUserWithCreds_messageDelivered(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestUser alice =
        op.account("orders").user("alice").pubAllow("orders.>").subAllow("orders.>", "_INBOX.>");
    NatsServer server = servers.start(op.serverConfig().build());

    try (Clients.Client client = Clients.connect(server, alice.writeCreds(dir))) {
      assertRoundTrip(client, "orders.new", "hello");
    }
  }

  @Test
  void publish_outsidePubAllow_permissionsViolation(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestUser alice = op.account("orders").user("alice").pubAllow("orders.>");
    NatsServer server = servers.start(op.serverConfig().build());

    try (Clients.Client client = Clients.connect(server, alice.writeCreds(dir))) {
      client.connection().publish("payments.refund", new byte[0]);
      client.connection().flush(WAIT);

      assertEquals("Permissions Violation for Publish to \"payments.refund\"", client.nextError());
    }
  }

  @Test
  void connect_userOfAccountUnknownToServer_refused(NatsServers servers) {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    // The configuration is a snapshot: an account made afterwards is not preloaded.
    ServerConfig config = op.serverConfig().debug(true).build();
    TestUser ghost = op.account("ghost").user("casper");
    NatsServer server = servers.start(config);

    assertAuthorizationViolation(Clients.refusal(server, ghost.writeCreds(dir)));
    assertLogged(server, "Account JWT lookup error: account missing");
  }

  @Test
  void connect_accountSignedByUntrustedOperator_refused(NatsServers servers) {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestAccount rogue = op.account("rogue").signedBy(NKey.generate(NKeyType.OPERATOR));
    TestUser mallory = rogue.user("mallory");
    NatsServer server = servers.start(op.serverConfig().debug(true).build());

    assertAuthorizationViolation(Clients.refusal(server, mallory.writeCreds(dir)));
    assertLogged(server, "Account JWT lookup error: account validation failed");
  }

  @Test
  void connect_revokedUser_refused(NatsServers servers) {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestAccount orders = op.account("orders");
    TestUser alice = orders.user("alice");
    Path creds = alice.writeCreds(dir);
    orders.revoke(alice);
    NatsServer server = servers.start(op.serverConfig().debug(true).build());

    assertAuthorizationViolation(Clients.refusal(server, creds));
    assertLogged(server, "User authentication revoked");
  }

  @Test
  void fullResolver_accountFilesInDirectory_userConnects(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK).signingKey();
    TestAccount orders = op.account("orders").signingKey();
    TestUser alice = orders.user("alice").signedBySigningKey();
    Path jwtDir = dir.resolve("jwt");
    NatsServer server = servers.start(op.fullResolverConfig(jwtDir).build());

    assertTrue(Files.isRegularFile(jwtDir.resolve(orders.publicKey() + ".jwt")));
    try (Clients.Client client = Clients.connect(server, alice.writeCreds(dir))) {
      assertRoundTrip(client, "orders.new", "via the full resolver");
    }
  }

  @Test
  void cacheResolver_accountFilesInDirectory_userConnects(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestUser alice = op.account("orders").user("alice");
    Path jwtDir = dir.resolve("cache");
    ServerConfig.Builder config = op.serverConfig().clearPreloads().cacheResolver(jwtDir);
    op.accounts().forEach(a -> config.accountFile(a.jwt()));
    NatsServer server = servers.start(config.build());

    try (Clients.Client client = Clients.connect(server, alice.writeCreds(dir))) {
      assertRoundTrip(client, "x", "via the cache resolver");
    }
  }

  @Test
  void scopedUser_templatePermissionsApplied(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestAccount orders =
        op.account("orders")
            .scopedSigningKey(
                "reader",
                UserPermissionLimits.builder()
                    .pub(Permission.allowing("orders.read"))
                    .sub(Permission.allowing("orders.read"))
                    .build());
    TestUser bob = orders.user("bob").scoped("reader");
    NatsServer server = servers.start(op.serverConfig().build());

    try (Clients.Client client = Clients.connect(server, bob.writeCreds(dir))) {
      assertRoundTrip(client, "orders.read", "allowed by the role");
      client.connection().publish("orders.write", new byte[0]);
      client.connection().flush(WAIT);
      assertEquals("Permissions Violation for Publish to \"orders.write\"", client.nextError());
    }
  }

  @Test
  void scopedUser_ownPermissions_refused(NatsServers servers) {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestAccount orders = op.account("orders").scopedSigningKey("r", UserPermissionLimits.EMPTY);
    // Observation 10: a scoped user with permissions of its own is rejected.
    TestUser bob = orders.user("bob").scoped("r").pubAllow("x");
    NatsServer server = servers.start(op.serverConfig().debug(true).build());

    assertAuthorizationViolation(Clients.refusal(server, bob.writeCreds(dir)));
    assertLogged(
        server, "User JWT is not valid: scoped users require no permissions or limits set");
  }

  @Test
  void streamImport_privateExportWithActivationToken_messageCrossesAccounts(NatsServers servers)
      throws Exception {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);
    TestAccount news =
        op.account("news").export(Export.stream("news.>").tokenRequired(true).build());
    TestAccount readers = op.account("readers").importStream(news, "news.>");
    TestUser editor = news.user("editor");
    TestUser reader = readers.user("reader");
    NatsServer server = servers.start(op.serverConfig().build());

    try (Clients.Client pub = Clients.connect(server, editor.writeCreds(dir));
        Clients.Client sub = Clients.connect(server, reader.writeCreds(dir))) {
      Subscription subscription = sub.connection().subscribe("news.>");
      sub.connection().flush(WAIT);
      pub.connection().publish("news.today", "extra".getBytes(StandardCharsets.UTF_8));
      pub.connection().flush(WAIT);

      Message m = subscription.nextMessage(WAIT);
      assertNotNull(m, "no message crossed the accounts within " + WAIT);
      assertEquals("news.today", m.getSubject());
      assertEquals("extra", new String(m.getData(), StandardCharsets.UTF_8));
    }
  }

  private static void assertAuthorizationViolation(AuthenticationException e) {
    assertEquals(
        "Authentication error connecting to NATS server: Authorization Violation", e.getMessage());
  }

  /** With {@code debug: true} the server logs why it refused a client. */
  private static void assertLogged(NatsServer server, String reason) {
    assertTrue(
        server.log().contains(reason), () -> "not in the log: " + reason + "\n" + server.log());
  }

  private static void assertRoundTrip(Clients.Client client, String subject, String text)
      throws Exception {
    Subscription subscription = client.connection().subscribe(subject);
    client.connection().flush(WAIT);
    client.connection().publish(subject, text.getBytes(StandardCharsets.UTF_8));
    Message m = subscription.nextMessage(WAIT);
    assertNotNull(m, "no message on " + subject + " within " + WAIT);
    assertEquals(text, new String(m.getData(), StandardCharsets.UTF_8));
  }
}
