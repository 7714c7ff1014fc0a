package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestCallout;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The callout service against real nats-server 2.10 and 2.14 in operator mode: the callout
 * account's JWT carries the {@code authorization} block, clients arrive with a sentinel user of
 * that account, and the service mints the users they become. Set up with {@link TestCallout} and
 * {@link TestCalloutService}.
 */
@SuppressWarnings("try") // servers are held open by try-with-resources
class CalloutOperatorModeLiveTest {
  @TempDir Path dir;

  final TestOperator op = TestOperator.create("acme");
  final TestAccount app = op.account("APP");
  final TestAccount other = op.account("OTHER");
  final TestAccount auth = op.account("AUTH");
  final TestCallout callout = auth.authCallout().allowedAccounts(app);
  final Live.Events events = new Live.Events();

  /** By client name: alice into AUTH, app-alice into APP (allowed), other-alice into OTHER. */
  final Authorizer byName =
      request -> {
        String name = request.connectOptions().name();
        switch (name) {
          case "alice":
            return AuthorizationDecision.allow(
                request.newUser().name(name).pub(Permission.allowing("orders.>")));
          case "app-alice":
            return AuthorizationDecision.allow(
                request.newUser().name(name).issuerAccount("").audience(app.publicKey()),
                app.key());
          case "other-alice":
            return AuthorizationDecision.allow(
                request.newUser().name(name).issuerAccount("").audience(other.publicKey()),
                other.key());
          default:
            return AuthorizationDecision.deny("unknown client " + name);
        }
      };

  /** A server with the callout and its service, which stops with the server. */
  NatsServer start(NatsServerVersion version) {
    NatsServer server = version.start(callout.serverConfig().build());
    try {
      TestCalloutService.start(server, callout, byName, b -> b.listener(events));
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  Connection client(NatsServer server, String name) throws Exception {
    return Nats.connect(clientOptions(server, name).connectionTimeout(Live.WAIT).build());
  }

  Options.Builder clientOptions(NatsServer server, String name) {
    return Live.options(server)
        .connectionName(name)
        .authHandler(Nats.credentials(callout.sentinel().writeCreds(dir).toString()));
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_plain_userMintedByAccountKey(NatsServerVersion version) throws Exception {
    try (NatsServer server = start(version);
        Connection alice = client(server, "alice")) {
      Live.assertRoundTrip(alice, "orders.1");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.ALLOWED, e.outcome());
      assertEquals(auth.publicKey(), e.request().orElseThrow().claims().subject());
      // the sentinel's JWT as the client sent it (jwt() issues a fresh one, so compare its subject)
      assertEquals(
          callout.sentinel().publicKey(),
          Jwt.decode(e.request().orElseThrow().connectOptions().jwt(), UserClaims.class)
              .claims()
              .subject());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_xkeyAndSigningKey_encryptedResponseWithIssuerAccount(NatsServerVersion version)
      throws Exception {
    NKey signingKey = auth.signingKey().signingKeys().get(0);
    callout.encrypted();
    try (NatsServer server = version.start(callout.serverConfig().build())) {
      TestCalloutService.start(
          server, callout, byName, b -> b.issuer(signingKey, auth.publicKey()).listener(events));
      try (Connection alice = client(server, "alice")) {
        Live.assertRoundTrip(alice, "orders.2");
      }
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.ALLOWED, e.outcome());
      assertTrue(e.request().orElseThrow().isEncrypted());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_allowedAccounts_userPlacedIntoApp(NatsServerVersion version) throws Exception {
    TestUser appReader = app.user("reader");
    try (NatsServer server = start(version);
        Connection reader = Live.connect(server, appReader.writeCreds(dir));
        Connection appAlice = client(server, "app-alice")) {
      // app-alice is in APP: a reader there sees what she publishes
      Subscription sub = reader.subscribe("app.news");
      reader.flush(Live.WAIT);
      appAlice.publish("app.news", "in APP".getBytes(StandardCharsets.UTF_8));
      Message m = sub.nextMessage(Live.WAIT);
      assertNotNull(m, "app-alice's message did not reach the APP account");
      assertEquals(CalloutOutcome.ALLOWED, events.await(1).get(0).outcome());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_accountNotAllowed_responseNeverSentClientDenied(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = start(version)) {
      Live.refused(
          server,
          clientOptions(server, "other-alice").connectionTimeout(Live.REFUSAL_WAIT).build());
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.RESPONSE_INVALID, e.outcome());
      InvalidCalloutResponseException f =
          (InvalidCalloutResponseException) e.failure().orElseThrow();
      assertEquals(ResponseRule.OPERATOR_TARGET_ACCOUNT, f.rule());
      assertTrue(f.getMessage().startsWith("§7.3 operator mode:"), f.getMessage());
      assertTrue(f.getMessage().contains(other.publicKey()), f.getMessage());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_denied_reasonReported(NatsServerVersion version) throws Exception {
    callout.encrypted();
    try (NatsServer server = start(version)) {
      Live.refused(
          server, clientOptions(server, "mallory").connectionTimeout(Live.REFUSAL_WAIT).build());
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.DENIED, e.outcome());
      assertEquals("unknown client mallory", e.reason());
    }
  }
}
