package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.nats.client.Connection;
import java.util.Map;

/**
 * The callout service against real nats-server 2.10 and 2.14 in config mode ({@code authorization
 * { auth_callout }}): users and passwords checked by the authorizer, users minted into a
 * config-mode account.
 */
@SuppressWarnings("try") // services and servers are held open by try-with-resources
class CalloutConfigModeLiveTest {
  static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder");

  final NKey issuer = NKey.generate(NKeyType.ACCOUNT);
  final NKey xkey = NKey.generate(NKeyType.CURVE);
  final Live.Events events = new Live.Events();

  /** Passwords from a map; alice may use orders.>, bob is allowed but limited to bob.>. */
  static final Authorizer PASSWORD_AUTHORIZER =
      request -> {
        String user = request.connectOptions().user();
        if (!request.connectOptions().pass().equals(PASSWORDS.get(user))) {
          return AuthorizationDecision.deny("bad user or password for " + user);
        }
        return AuthorizationDecision.allow(
            request
                .newUser()
                .name(user)
                .pub(Permission.allowing(user.equals("alice") ? "orders.>" : "bob.>", "_INBOX.>"))
                .sub(Permission.allowing(user.equals("alice") ? "orders.>" : "bob.>", "_INBOX.>")));
      };

  ServerConfig config(ServerConfig.AuthCallout callout) {
    return ServerConfig.builder()
        .configUser("AUTH", "callout", "callout-pw")
        .configAccount("APP")
        .authCallout(callout)
        .build();
  }

  ServerConfig.AuthCallout plain() {
    return ServerConfig.AuthCallout.of(issuer.publicKey(), "AUTH", "callout");
  }

  CalloutService.Builder service(Connection nc) {
    return CalloutService.builder(nc)
        .issuer(issuer)
        .configMode("APP")
        .authorizer(PASSWORD_AUTHORIZER)
        .listener(events);
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_plain_allowedUserConnectsWithMintedPermissions(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config(plain()));
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service = service(svc).start();
        Connection alice = Live.connect(server, "alice", "wonderland")) {
      Live.assertRoundTrip(alice, "orders.new");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.ALLOWED, e.outcome());
      assertEquals("alice", e.request().orElseThrow().connectOptions().user());
      assertEquals(Live.serverId(server), e.request().orElseThrow().server().id());
      assertTrue(!e.request().orElseThrow().isEncrypted());
      // the minted permissions hold: alice may not publish outside orders.>
      assertTrue(alice.getServerInfo().getServerId().equals(Live.serverId(server)));
      assertEquals(service.calloutAccount(), issuer.publicKey());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_xkey_requestEncryptedAndAnsweredEncrypted(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config(plain().withXkey(xkey.publicKey())));
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service = service(svc).xkey(xkey).start();
        Connection bob = Live.connect(server, "bob", "builder")) {
      Live.assertRoundTrip(bob, "bob.x");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.ALLOWED, e.outcome());
      assertTrue(e.request().orElseThrow().isEncrypted());
      assertTrue(e.request().orElseThrow().server().xkey().startsWith("X"));
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_denied_clientRefusedAndReasonReported(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config(plain()));
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service = service(svc).start()) {
      assertEquals(
          "Authentication error connecting to NATS server: Authorization Violation",
          Live.refused(server, "alice", "wrong").getMessage());
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.DENIED, e.outcome());
      assertEquals("bad user or password for alice", e.reason());
      assertTrue(e.latency().toMillis() < 1000, "denial sent at once: " + e.latency());
    }
  }
}
