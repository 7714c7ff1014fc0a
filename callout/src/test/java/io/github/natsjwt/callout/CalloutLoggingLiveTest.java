package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.LogCapture;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestCallout;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the callout service logs against real nats-server 2.10 and 2.14 in config mode with xkey
 * encryption, captured at every level down to TRACE: start and stop, an allowed client, clients
 * denied with a wrong password, a token or a creds file, an authorizer that throws, one past its
 * deadline, one minting a user the server would reject, a listener that throws, and forged or
 * malformed requests (not a JWT, a seed, a user JWT, the service's own xkey seed as the server
 * xkey, bytes that do not open, a forged server, no reply subject). The expected records are there,
 * and none holds a seed, a JWT, a password, a token or the creds file used.
 */
@SuppressWarnings("try") // servers and clients are held open by try-with-resources
class CalloutLoggingLiveTest {
  static final String LOGGER = CalloutService.class.getName();
  static final String PASSWORD = "wonderland-7QX2";
  static final String WRONG_PASSWORD = "not-the-password-3ZK9";
  static final String TOKEN = "s3cr3t-token-Q9WV";

  @TempDir Path dir;

  final TestCallout callout = TestCallout.configMode("APP").encrypted();
  final Live.Events events = new Live.Events();

  final Authorizer authorizer =
      request -> {
        ConnectOptions o = request.connectOptions();
        switch (o.user()) {
          case "alice":
            if (!PASSWORD.equals(o.pass())) {
              return AuthorizationDecision.deny("bad password for alice");
            }
            return AuthorizationDecision.allow(
                request.newUser().name("alice").pub(Permission.allowing("orders.>")));
          case "crash":
            throw new IllegalStateException("user database unavailable");
          case "slow":
            Thread.sleep(1500);
            return AuthorizationDecision.deny("too late");
          case "mallory":
            // a user for another key than the connection's: the server would reject it
            return AuthorizationDecision.allow(
                UserClaims.builder(NKey.generate(NKeyType.USER).publicKey())
                    .audience("APP")
                    .name("mallory"));
          default:
            return AuthorizationDecision.deny("unknown user " + o.user());
        }
      };

  /** Collects events, and throws on every denial: the service must go on. */
  final CalloutListener brittle =
      event -> {
        events.onEvent(event);
        if (event.outcome() == CalloutOutcome.DENIED) {
          throw new IllegalStateException("listener broke");
        }
      };

  List<String> secrets(Path creds) throws Exception {
    List<String> s = new ArrayList<>();
    s.add(new String(callout.issuer().seed()));
    s.add(new String(callout.issuer().privateKey()));
    s.add(new String(callout.xkey().orElseThrow().seed()));
    s.add(callout.servicePassword());
    s.add(PASSWORD);
    s.add(WRONG_PASSWORD);
    s.add(TOKEN);
    s.add(Files.readString(creds));
    return s;
  }

  Options.Builder client(NatsServer server) {
    return Live.options(server).connectionTimeout(Duration.ofSeconds(2));
  }

  static void refused(Options options) {
    assertThrows(Exception.class, () -> Nats.connect(options).close());
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void clientsAllowedDeniedAndFailing_loggedWithoutSecrets(NatsServerVersion version)
      throws Exception {
    TestUser stranger = TestOperator.create("elsewhere").account("X").user("stranger");
    Path creds = stranger.writeCreds(dir);
    try (NatsServer server = version.start(callout.serverConfig().build());
        LogCapture logs = LogCapture.start()) {
      TestCalloutService service =
          TestCalloutService.start(
              server,
              callout,
              authorizer,
              b -> b.listener(brittle).deadline(Duration.ofMillis(400)));
      try (Connection alice = Nats.connect(client(server).userInfo("alice", PASSWORD).build())) {
        Live.assertRoundTrip(alice, "orders.1");
      }
      refused(client(server).userInfo("alice", WRONG_PASSWORD).build());
      refused(client(server).token(TOKEN.toCharArray()).build());
      refused(client(server).authHandler(Nats.credentials(creds.toString())).build());
      refused(client(server).userInfo("crash", PASSWORD).build());
      refused(client(server).userInfo("slow", PASSWORD).build());
      refused(client(server).userInfo("mallory", PASSWORD).build());
      events.await(7);
      service.close();

      logs.assertNoSecrets(secrets(creds).toArray(String[]::new));
      String xkey = callout.xkey().orElseThrow().publicKey();
      logs.expect(Level.INFO, LOGGER, "Callout service started on $SYS.REQ.USER.AUTH", xkey);
      logs.expect(Level.TRACE, LOGGER, "Request for user U", "encrypted", "is verified");
      logs.expect(Level.DEBUG, LOGGER, "Allowed user U", "from server N", "encrypted");
      logs.expect(Level.DEBUG, LOGGER, "Denied user U", "bad password for alice");
      logs.expect(Level.DEBUG, LOGGER, "Denied user U", "unknown user");
      LogCapture.Entry crash =
          logs.expect(Level.ERROR, LOGGER, "Denied user U", "java.lang.IllegalStateException");
      assertNotNull(crash.thrown());
      assertEquals("user database unavailable", crash.thrown().getCause().getMessage());
      logs.expect(Level.WARNING, LOGGER, "Denied user U", "within the deadline of 400 ms");
      logs.expect(Level.WARNING, LOGGER, "Denied user U", "§7.3", "user_nkey is U");
      logs.expect(Level.WARNING, LOGGER, "The CalloutListener threw", "DENIED");
      logs.expect(Level.INFO, LOGGER, "Callout service stopped");
    }
  }

  /**
   * Where a client can publish on the callout subject (a server without auth_callout), forged and
   * malformed requests are refused with one WARNING per kind, the next ones of a kind at DEBUG.
   */
  @NatsServerMatrix({"2.10", "2.14"})
  void forgedAndMalformedRequests_refusedAndLoggedWithoutSecrets(NatsServerVersion version)
      throws Exception {
    NKey xkey = callout.xkey().orElseThrow();
    NKey issuer = callout.issuer();
    TestUser stranger = TestOperator.create("elsewhere").account("X").user("stranger");
    Path creds = stranger.writeCreds(dir);
    String userJwt = stranger.jwt();
    try (NatsServer server = version.start(callout.serverConfig().authCallout(null).build());
        Connection attacker =
            Live.connect(server, callout.serviceUserName(), callout.servicePassword());
        LogCapture logs = LogCapture.start()) {
      TestCalloutService.start(
          server,
          callout,
          authorizer,
          b -> b.listener(events).allowedServers(Live.serverId(server)));
      NKey fakeServer = NKey.generate(NKeyType.SERVER);
      String forged = forgedRequest(fakeServer);
      byte[] issuerSeed = new String(issuer.seed()).getBytes(StandardCharsets.UTF_8);
      NKey fakeCurve = NKey.generate(NKeyType.CURVE);

      refusedAs(attacker, null, "not a jwt".getBytes(StandardCharsets.UTF_8), "MALFORMED");
      refusedAs(attacker, null, issuerSeed, "MALFORMED");
      refusedAs(attacker, null, userJwt.getBytes(StandardCharsets.UTF_8), null);
      refusedAs(attacker, null, forged.getBytes(StandardCharsets.UTF_8), "SERVER_NOT_ALLOWED");
      refusedAs(
          attacker,
          new Headers().add(CalloutService.XKEY_HEADER, new String(xkey.seed())),
          fakeCurve.seal(forged.getBytes(StandardCharsets.UTF_8), xkey.publicKey()),
          "NOT_DECRYPTABLE");
      refusedAs(
          attacker,
          new Headers().add(CalloutService.XKEY_HEADER, fakeCurve.publicKey()),
          new byte[] {1, 2, 3},
          "NOT_DECRYPTABLE");
      refusedAs(
          attacker,
          new Headers().add(CalloutService.XKEY_HEADER, fakeCurve.publicKey()),
          fakeCurve.seal(issuerSeed, xkey.publicKey()),
          "MALFORMED");
      attacker.publish(CalloutService.SUBJECT, userJwt.getBytes(StandardCharsets.UTF_8));
      events.await(8);

      List<String> secrets = secrets(creds);
      secrets.add(forged);
      logs.assertNoSecrets(secrets.toArray(String[]::new));
      String refused = "Refused a message on " + CalloutService.SUBJECT;
      logs.expect(Level.WARNING, LOGGER, refused, "MALFORMED", "not an authorization request");
      logs.expect(Level.DEBUG, LOGGER, refused, "MALFORMED");
      logs.expect(Level.WARNING, LOGGER, refused, "SERVER_NOT_ALLOWED", fakeServer.publicKey());
      logs.expect(Level.WARNING, LOGGER, refused, "NOT_DECRYPTABLE", xkey.publicKey());
      logs.expect(Level.DEBUG, LOGGER, refused, "NOT_DECRYPTABLE");
      logs.expect(Level.WARNING, LOGGER, refused, "NO_REPLY_SUBJECT");
      assertTrue(
          events.events.stream().allMatch(e -> e.outcome() == CalloutOutcome.REQUEST_REFUSED));
    }
  }

  /** Sends a request and checks the error reply's problem; any problem when it is null. */
  private void refusedAs(Connection nc, Headers headers, byte[] body, String problem)
      throws Exception {
    Message reply = nc.request(CalloutService.SUBJECT, headers, body, Live.WAIT);
    assertNotNull(reply, () -> "no reply; events: " + events.events);
    String error = reply.getHeaders().getFirst("Nats-Service-Error");
    assertNotNull(error, "an error reply");
    assertTrue(problem == null || error.startsWith(problem + ": "), error);
  }

  /** A well-formed request, signed by a server key the service does not allow. */
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
}
