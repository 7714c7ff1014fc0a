package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.config.ConfigAccount;
import io.github.natsjwt.config.ConfigUser;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed mode on real nats-server 2.10 and 2.14: the callout beside users the server knows itself.
 * In config mode, static users (a password and an NKey) listed in {@code auth_users} bypass the
 * callout and keep their configured permissions; in operator mode, users of plain JWT accounts
 * connect with their own credentials and only users of the callout account are sent to it.
 */
@SuppressWarnings("try") // services and servers are held open by try-with-resources
class CalloutMixedModeLiveTest {
  @TempDir Path dir;

  final Live.Events events = new Live.Events();

  // ------------------------------------------------------------------ config mode

  final NKey issuer = NKey.generate(NKeyType.ACCOUNT);
  final NKey nkeyUser = NKey.generate(NKeyType.USER);

  /** alice / wonderland only, into APP with orders.>. */
  final Authorizer alice =
      request ->
          "alice".equals(request.connectOptions().user())
                  && "wonderland".equals(request.connectOptions().pass())
              ? AuthorizationDecision.allow(
                  request
                      .newUser()
                      .name("alice")
                      .pub(Permission.allowing("orders.>", "_INBOX.>"))
                      .sub(Permission.allowing("orders.>", "_INBOX.>")))
              : AuthorizationDecision.deny("unknown user " + request.connectOptions().user());

  /**
   * AUTH holds the callout's user; STATIC a password user limited to static.> and an NKey user that
   * may read everything there; both are auth users, so the server never asks the callout.
   */
  ServerConfig mixedConfig() {
    ConfigAccount statics =
        ConfigAccount.builder("STATIC")
            .user(
                ConfigUser.password("static", "static-pw".toCharArray(), 4)
                    .permissions(
                        Permissions.of(
                            Permission.allowing("static.>"),
                            Permission.allowing("static.>", "_INBOX.>")))
                    .build())
            .user(
                ConfigUser.nkey(nkeyUser.publicKey())
                    .permissions(
                        Permissions.of(Permission.allowing("static.>"), Permission.allowing(">")))
                    .build())
            .build();
    return ServerConfig.builder()
        .configUser("AUTH", "callout", "callout-pw")
        .account(statics)
        .configAccount("APP")
        .authCallout(
            ServerConfig.AuthCallout.of(
                issuer.publicKey(), "AUTH", "callout", "static", nkeyUser.publicKey()))
        .build();
  }

  /** Signs the server's nonce with the NKey, as a client of an nkey user does. */
  static AuthHandler nkeyAuth(NKey key) {
    return new AuthHandler() {
      @Override
      public byte[] sign(byte[] nonce) {
        return key.sign(nonce);
      }

      @Override
      public char[] getID() {
        return key.publicKey().toCharArray();
      }

      @Override
      public char[] getJWT() {
        return null;
      }
    };
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_staticAuthUsersBypassTheCallout_othersGoThroughIt(NatsServerVersion version)
      throws Exception {
    List<String> staticErrors = new CopyOnWriteArrayList<>();
    try (NatsServer server = version.start(mixedConfig());
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(issuer)
                .configMode("APP")
                .authorizer(alice)
                .listener(events)
                .start();
        Connection reader =
            Nats.connect(Live.options(server).authHandler(nkeyAuth(nkeyUser)).build());
        Connection stat =
            Nats.connect(
                Live.options(server)
                    .userInfo("static", "static-pw")
                    .errorListener(errors(staticErrors))
                    .build());
        Connection aliceConn = Live.connect(server, "alice", "wonderland")) {
      // the static users work with their configured permissions
      Subscription all = reader.subscribe(">");
      reader.flush(Live.WAIT);
      Live.assertRoundTrip(stat, "static.a");
      assertReceived(all, "static.a");
      stat.publish("other.a", new byte[0]);
      stat.flush(Live.WAIT);
      assertNull(
          all.nextMessage(Duration.ofMillis(500)), "other.a is outside static's permissions");
      assertTrue(
          staticErrors.contains("Permissions Violation for Publish to \"other.a\""),
          staticErrors.toString());
      Live.assertRoundTrip(reader, "static.b");
      assertReceived(all, "static.b");

      // alice went through the callout, into APP: STATIC does not see her messages
      Live.assertRoundTrip(aliceConn, "orders.1");
      assertNull(all.nextMessage(Duration.ofMillis(300)), "APP and STATIC are separate accounts");

      List<CalloutEvent> seen = events.await(1);
      assertEquals(CalloutOutcome.ALLOWED, seen.get(0).outcome());
      assertEquals("alice", seen.get(0).request().orElseThrow().connectOptions().user());
      Thread.sleep(200); // a late request for a static user would show up here
      assertEquals(1, events.events.size(), () -> "the callout saw only alice: " + events.events);
    }
  }

  // ------------------------------------------------------------------ operator mode

  final TestOperator op = TestOperator.create("acme");
  final TestAccount auth = op.account("AUTH");
  final TestAccount app = op.account("APP");
  final TestAccount other = op.account("OTHER");
  final TestUser calloutUser = auth.user("callout");
  final TestUser sentinel = auth.user("sentinel");

  /** By client name: alice into AUTH, app-alice into APP. */
  final Authorizer byName =
      request -> {
        String name = request.connectOptions().name();
        switch (name) {
          case "alice":
            return AuthorizationDecision.allow(request.newUser().name(name));
          case "app-alice":
            return AuthorizationDecision.allow(
                request.newUser().name(name).issuerAccount("").audience(app.publicKey()),
                app.key());
          default:
            return AuthorizationDecision.deny("unknown client " + name);
        }
      };

  Connection sentinelClient(NatsServer server, String name) throws Exception {
    return Nats.connect(
        Live.options(server)
            .connectionName(name)
            .authHandler(Nats.credentials(sentinel.writeCreds(dir).toString()))
            .build());
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void operatorMode_plainAccountsBesideTheCalloutAccount_onlyCalloutUsersAreAsked(
      NatsServerVersion version) throws Exception {
    auth.customize(
        b ->
            b.authorization(
                ExternalAuthorization.builder()
                    .addAuthUsers(calloutUser.publicKey())
                    .addAllowedAccounts(app.publicKey())
                    .build()));
    try (NatsServer server = version.start(op.serverConfig().build());
        Connection svc = Live.connect(server, calloutUser.writeCreds(dir));
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(auth.key())
                .allowedAccounts(app.publicKey())
                .authorizer(byName)
                .listener(events)
                .start();
        Connection appReader = Live.connect(server, app.user("reader").writeCreds(dir));
        Connection otherUser = Live.connect(server, other.user("plain").writeCreds(dir))) {
      // users of plain JWT accounts: their own creds, no callout
      Live.assertRoundTrip(appReader, "app.own");
      Live.assertRoundTrip(otherUser, "other.own");
      Thread.sleep(200); // a request for them would show up here
      assertEquals(List.of(), events.events, "the callout was not asked for plain accounts");

      Subscription appNews = appReader.subscribe("news");
      appReader.flush(Live.WAIT);
      try (Connection aliceConn = sentinelClient(server, "alice");
          Connection appAlice = sentinelClient(server, "app-alice")) {
        // alice stays in AUTH: APP's reader does not see her
        Live.assertRoundTrip(aliceConn, "news");
        assertNull(appNews.nextMessage(Duration.ofMillis(300)), "alice is not in APP");
        // app-alice lands in APP
        appAlice.publish("news", "from app-alice".getBytes(StandardCharsets.UTF_8));
        assertReceived(appNews, "news");

        List<CalloutEvent> seen = events.await(2);
        assertTrue(
            seen.stream().allMatch(e -> e.outcome() == CalloutOutcome.ALLOWED), seen::toString);
        assertEquals(
            List.of("alice", "app-alice"),
            seen.stream()
                .map(e -> e.request().orElseThrow().connectOptions().name())
                .sorted()
                .toList());
      }
    }
  }

  private static ErrorListener errors(List<String> into) {
    return new ErrorListener() {
      @Override
      public void errorOccurred(Connection conn, String error) {
        into.add(error);
      }
    };
  }

  private static void assertReceived(Subscription sub, String subject) throws Exception {
    Message m = sub.nextMessage(Live.WAIT);
    assertNotNull(m, "nothing on " + subject);
    assertEquals(subject, m.getSubject());
  }
}
