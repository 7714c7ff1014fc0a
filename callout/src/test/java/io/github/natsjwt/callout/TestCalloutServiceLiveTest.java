package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.config.ServerConfigException;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestCallout;
import io.github.natsjwt.testing.TestOperator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TestCallout} and {@link TestCalloutService} on real nats-server 2.10 and 2.14: the whole
 * set-up of an operator-mode or config-mode callout in a few lines, and the service closed with the
 * server.
 */
@SuppressWarnings("try") // servers and clients are held open by try-with-resources
class TestCalloutServiceLiveTest {
  @TempDir Path dir;

  final Live.Events events = new Live.Events();

  /** alice in, anyone else out. */
  static final Authorizer ALICE_ONLY =
      request ->
          "alice".equals(request.connectOptions().name())
                  || "alice".equals(request.connectOptions().user())
              ? AuthorizationDecision.allow(request.newUser().name("alice"))
              : AuthorizationDecision.deny("only alice");

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_encrypted_sentinelAdmittedAndServiceClosedWithTheServer(
      NatsServerVersion version) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestCallout callout = op.account("AUTH").authCallout().encrypted();
    TestCalloutService service;
    try (NatsServer server = version.start(op.serverConfig().build())) {
      service = TestCalloutService.start(server, callout, ALICE_ONLY, b -> b.listener(events));
      Path sentinel = callout.sentinel().writeCreds(dir);
      try (Connection alice =
          Nats.connect(
              Live.options(server)
                  .connectionName("alice")
                  .authHandler(Nats.credentials(sentinel.toString()))
                  .build())) {
        Live.assertRoundTrip(alice, "hello.alice");
      }
      Live.refused(
          server,
          Live.options(server)
              .connectionName("mallory")
              .authHandler(Nats.credentials(sentinel.toString()))
              .connectionTimeout(Live.REFUSAL_WAIT)
              .build());
      events.await(2);
      assertTrue(events.events.get(0).request().orElseThrow().isEncrypted());
      assertEquals(CalloutOutcome.ALLOWED, events.events.get(0).outcome());
      assertEquals("only alice", events.events.get(1).reason());
      assertEquals(Connection.Status.CONNECTED, service.connection().getStatus());
    }
    // the server stopped: the service and its connection were closed first
    assertEquals(Connection.Status.CLOSED, service.connection().getStatus());
    service.close(); // a second close does nothing
    assertTrue(service.toString().endsWith(", closed]"), service.toString());
    assertFalse(
        service.toString().contains(new String(callout.issuer().seed())), "no seed: " + service);
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_plain_passwordUserAdmitted(NatsServerVersion version) throws Exception {
    TestCallout callout = TestCallout.configMode("APP");
    try (NatsServer server = version.start(callout.serverConfig().build())) {
      TestCalloutService.start(server, callout, ALICE_ONLY, b -> b.listener(events));
      try (Connection alice = Live.connect(server, "alice", "any")) {
        Live.assertRoundTrip(alice, "hello.alice");
      }
      Live.refused(server, "bob", "any");
      assertEquals(CalloutOutcome.DENIED, events.await(2).get(1).outcome());
    }
  }

  /** nats-server 2.11 added allowed_accounts to the config-mode auth_callout block. */
  @NatsServerMatrix({"2.14"})
  void configMode_allowedAccounts_usersPlacedIntoAnotherAccount(NatsServerVersion version)
      throws Exception {
    TestCallout callout = TestCallout.configMode("APP").allowedAccounts("OTHER");
    Authorizer byUser =
        request -> {
          String user = request.connectOptions().user();
          return AuthorizationDecision.allow(
              request
                  .newUser()
                  .name(user)
                  .audience(user.startsWith("other-") ? "OTHER" : "APP")
                  .sub(Permission.allowing(">")));
        };
    try (NatsServer server = version.start(callout.serverConfig().build())) {
      TestCalloutService.start(server, callout, byUser);
      try (Connection watcher = Live.connect(server, "other-watcher", "x");
          Connection appWatcher = Live.connect(server, "app-watcher", "x");
          Connection sender = Live.connect(server, "other-sender", "x")) {
        Subscription inOther = watcher.subscribe("news");
        Subscription inApp = appWatcher.subscribe("news");
        watcher.flush(Live.WAIT);
        appWatcher.flush(Live.WAIT);
        sender.publish("news", "in OTHER".getBytes(StandardCharsets.UTF_8));
        assertEquals(
            "in OTHER",
            new String(inOther.nextMessage(Live.WAIT).getData(), StandardCharsets.UTF_8));
        assertNull(inApp.nextMessage(Duration.ofMillis(300)), "APP saw a message of OTHER");
      }
    }
  }

  @NatsServerMatrix({"2.10"})
  void configMode_allowedAccountsOn210_refusedBeforeStarting(NatsServerVersion version) {
    TestCallout callout = TestCallout.configMode("APP").allowedAccounts("OTHER");

    ServerConfigException e =
        assertThrows(
            ServerConfigException.class, () -> version.start(callout.serverConfig().build()));
    assertTrue(e.getMessage().contains("(2.11 and later)"), e.getMessage());
  }

  @NatsServerMatrix({"2.14"})
  void authCallout_afterServerConfig_serverNeverAsks(NatsServerVersion version) throws Exception {
    // the callout account's JWT was preloaded before authCallout() marked it: no authorization
    // block there, so the sentinel is an ordinary user
    TestOperator op = TestOperator.create("acme");
    TestAccount auth = op.account("AUTH");
    ServerConfig config = op.serverConfig().build();
    TestCallout callout = auth.authCallout();
    try (NatsServer server = version.start(config)) {
      TestCalloutService.start(server, callout, ALICE_ONLY, b -> b.listener(events));
      try (Connection sentinel = Live.connect(server, callout.sentinel().writeCreds(dir))) {
        Live.assertRoundTrip(sentinel, "no.callout");
      }
      assertEquals(0, events.events.size(), "the server asked the service");
    }
  }
}
