package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestCallout;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The callout service against real nats-server 2.10 and 2.14 in config mode ({@code authorization {
 * auth_callout }}): users and passwords checked by the authorizer, users minted into a config-mode
 * account.
 */
@SuppressWarnings("try") // servers and clients are held open by try-with-resources
class CalloutConfigModeLiveTest {
  static final Map<String, String> PASSWORDS = Map.of("alice", "wonderland", "bob", "builder");

  final TestCallout callout = TestCallout.configMode("APP");
  final Live.Events events = new Live.Events();
  CalloutService service; // the running one, set by start(...)

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

  /** A server with the callout and a service with these settings, which stops with the server. */
  NatsServer start(NatsServerVersion version, Consumer<CalloutService.Builder> settings) {
    NatsServer server = version.start(callout.serverConfig().build());
    try {
      service = TestCalloutService.start(server, callout, PASSWORD_AUTHORIZER, settings).service();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  NatsServer start(NatsServerVersion version) {
    return start(version, b -> b.listener(events));
  }

  Connection serviceUser(NatsServer server) throws Exception {
    return Live.connect(server, callout.serviceUserName(), callout.servicePassword());
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_plain_allowedUserConnectsWithMintedPermissions(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = start(version);
        Connection alice = Live.connect(server, "alice", "wonderland")) {
      Live.assertRoundTrip(alice, "orders.new");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.ALLOWED, e.outcome());
      assertEquals("alice", e.request().orElseThrow().connectOptions().user());
      assertEquals(Live.serverId(server), e.request().orElseThrow().server().id());
      assertTrue(!e.request().orElseThrow().isEncrypted());
      // the minted permissions hold: alice may not publish outside orders.>
      assertTrue(alice.getServerInfo().getServerId().equals(Live.serverId(server)));
      assertEquals(service.calloutAccount(), callout.issuerAccount());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_xkey_requestEncryptedAndAnsweredEncrypted(NatsServerVersion version)
      throws Exception {
    callout.encrypted();
    try (NatsServer server = start(version);
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
    try (NatsServer server = start(version)) {
      assertEquals(
          "Authentication error connecting to NATS server: Authorization Violation",
          Live.refused(server, "alice", "wrong").getMessage());
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.DENIED, e.outcome());
      assertEquals("bad user or password for alice", e.reason());
      assertTrue(e.latency().toMillis() < 1000, "denial sent at once: " + e.latency());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void start_closedConnection_typedFailureAndNothingLeftRunning(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(callout.serverConfig().build())) {
      Connection nc = serviceUser(server);
      nc.close();

      CalloutStartException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              CalloutStartException.class,
              () ->
                  CalloutService.builder(nc)
                      .issuer(callout.issuer())
                      .configMode("APP")
                      .authorizer(PASSWORD_AUTHORIZER)
                      .start());
      assertTrue(e.getMessage().contains("callout"), e.getMessage());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_authorizerThrows_clientDeniedAndExceptionReported(NatsServerVersion version)
      throws Exception {
    try (NatsServer server =
        start(
            version,
            b ->
                b.listener(events)
                    .authorizer(
                        request -> {
                          throw new IllegalStateException("user database down");
                        }))) {
      Live.refused(server, "alice", "wonderland");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.AUTHORIZER_FAILED, e.outcome());
      AuthorizerFailedException f = (AuthorizerFailedException) e.failure().orElseThrow();
      assertFalse(f.isTimeout());
      assertEquals("user database down", f.getCause().getMessage());
      assertTrue(e.latency().toMillis() < 1000, "denial sent at once: " + e.latency());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_authorizerTimesOut_deniedAtTheDeadline(NatsServerVersion version)
      throws Exception {
    try (NatsServer server =
        start(
            version,
            b ->
                b.listener(events)
                    .deadline(Duration.ofMillis(300))
                    .authorizer(
                        request -> {
                          Thread.sleep(3000);
                          return PASSWORD_AUTHORIZER.authorize(request);
                        }))) {
      Live.refused(server, "alice", "wonderland");
      CalloutEvent e = events.await(1).get(0);
      assertEquals(CalloutOutcome.AUTHORIZER_FAILED, e.outcome());
      AuthorizerFailedException f = (AuthorizerFailedException) e.failure().orElseThrow();
      assertTrue(f.isTimeout());
      assertEquals(Duration.ofMillis(300), f.deadline().orElseThrow());
      // sent at the deadline, well before the server's own 2 s timeout
      assertTrue(e.latency().toMillis() >= 300 && e.latency().toMillis() < 1500, e.toString());
      assertTrue(e.reason().contains("deadline of 300 ms"), e.reason());
    }
  }

  /**
   * The server itself refuses a client's publish on the callout subject (a Publish Violation, even
   * for an auth user of the callout account), so a forged request never reaches the service there.
   */
  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_clientPublishesOnCalloutSubject_serverRefusesIt(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = start(version);
        Connection attacker = serviceUser(server)) {
      assertNull(
          attacker.request(
              CalloutService.SUBJECT,
              forgedRequest(NKey.generate(NKeyType.SERVER)).getBytes(StandardCharsets.UTF_8),
              Duration.ofMillis(500)));
      if (version.series().equals("2.14")) { // 2.10 drops it without a log line
        assertTrue(server.log().contains("Publish Violation - Subject \"$SYS.REQ.USER.AUTH\""));
      }
      assertEquals(List.of(), events.events);
      try (Connection alice = Live.connect(server, "alice", "wonderland")) {
        Live.assertRoundTrip(alice, "orders.after");
      }
      assertEquals(CalloutOutcome.ALLOWED, events.await(1).get(0).outcome());
    }
  }

  /**
   * Where a client can publish on the callout subject (a server without auth_callout), forged and
   * malformed requests get typed refusals, no token, and the service keeps answering.
   */
  @NatsServerMatrix({"2.10", "2.14"})
  void configMode_forgedRequests_refusedAndServiceKeepsWorking(NatsServerVersion version)
      throws Exception {
    NKey xkey = callout.encrypted().xkey().orElseThrow();
    ServerConfig open = callout.serverConfig().authCallout(null).build();
    try (NatsServer server = version.start(open);
        Connection attacker = serviceUser(server)) {
      TestCalloutService.start(
          server,
          callout,
          PASSWORD_AUTHORIZER,
          b -> b.listener(events).allowedServers(Live.serverId(server)));
      NKey fakeServer = NKey.generate(NKeyType.SERVER);
      String forged = forgedRequest(fakeServer);

      assertRefused(attacker, null, "not a jwt".getBytes(StandardCharsets.UTF_8), "MALFORMED");
      assertRefused(attacker, null, forged.getBytes(StandardCharsets.UTF_8), "SERVER_NOT_ALLOWED");
      int sig = forged.lastIndexOf('.') + 10;
      String tampered =
          forged.substring(0, sig)
              + (forged.charAt(sig) == 'A' ? 'B' : 'A')
              + forged.substring(sig + 1);
      assertRefused(attacker, null, tampered.getBytes(StandardCharsets.UTF_8), "BAD_SIGNATURE");
      Headers h =
          new Headers().add(CalloutService.XKEY_HEADER, NKey.generate(NKeyType.CURVE).publicKey());
      assertRefused(attacker, h, new byte[] {1, 2, 3}, "NOT_DECRYPTABLE");
      // a sealed request from a forged server, sealed correctly for the service's xkey
      NKey fakeCurve = NKey.generate(NKeyType.CURVE);
      Headers h2 = new Headers().add(CalloutService.XKEY_HEADER, fakeCurve.publicKey());
      assertRefused(
          attacker,
          h2,
          fakeCurve.seal(forged.getBytes(StandardCharsets.UTF_8), xkey.publicKey()),
          "INCONSISTENT_SERVER");

      List<CalloutEvent> refused = events.await(5);
      assertTrue(refused.stream().allMatch(e -> e.outcome() == CalloutOutcome.REQUEST_REFUSED));
      assertEquals(
          List.of(
              RequestProblem.MALFORMED,
              RequestProblem.SERVER_NOT_ALLOWED,
              RequestProblem.BAD_SIGNATURE,
              RequestProblem.NOT_DECRYPTABLE,
              RequestProblem.INCONSISTENT_SERVER),
          refused.stream()
              .map(e -> ((InvalidCalloutRequestException) e.failure().orElseThrow()).problem())
              .toList());
      for (CalloutEvent e : refused) {
        assertFalse(
            e.failure().orElseThrow().getMessage().contains(forged), "no token in messages");
      }
      // unharmed: it still answers
      assertRefused(attacker, null, new byte[0], "MALFORMED");
    }
  }

  /** A well-formed request, signed by a server key the service does not know. */
  private String forgedRequest(NKey fakeServer) {
    return Jwt.encode(
        AuthorizationRequestClaims.builder(callout.issuerAccount())
            .audience(CalloutService.REQUEST_AUDIENCE)
            .serverId(
                new ServerId(
                    "evil", "127.0.0.1", fakeServer.publicKey(), "2.10.0", "", List.of(), ""))
            .userNkey(NKey.generate(NKeyType.USER).publicKey())
            .expiresAt(Instant.now().plusSeconds(5))
            .build(),
        fakeServer);
  }

  private void assertRefused(Connection nc, Headers headers, byte[] body, String problem)
      throws Exception {
    Message reply = nc.request(CalloutService.SUBJECT, headers, body, Live.WAIT);
    assertNotNull(reply, () -> "no reply; events: " + events.events);
    assertEquals(0, reply.getData().length, "no token in a refusal");
    String error = reply.getHeaders().getFirst("Nats-Service-Error");
    assertTrue(error.startsWith(problem + ": "), error);
    assertEquals(
        problem.equals("OVERLOADED") ? "503" : "400",
        reply.getHeaders().getFirst("Nats-Service-Error-Code"));
  }
}
