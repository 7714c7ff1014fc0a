package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconnect-and-kick on real nats-server 2.10 and 2.14, in config and operator mode: the service
 * tracks which connection it allowed on which server, kicks a user through {@code
 * $SYS.REQ.SERVER.<id>.KICK} on a system-account connection (a config-mode system user, or a user
 * of the operator's system account), and the client, reconnecting, is authorized again on current
 * data. Both 2.10.27 and 2.14.5 answer KICK (nats-server added it in 2.10.0), with the same
 * results: kicked, or {@code 500 no such client or leafnode id} for a client that has gone.
 */
@SuppressWarnings("try") // services and servers are held open by try-with-resources
class CalloutKickLiveTest {
  @TempDir Path dir;

  final NKey issuer = NKey.generate(NKeyType.ACCOUNT);
  final Live.Events events = new Live.Events();

  /** The "database": which subjects each user may use, read on every authorization. */
  final Map<String, String> grants =
      new ConcurrentHashMap<>(Map.of("alice", "orders.>", "bob", ">"));

  final Authorizer fromDatabase =
      request -> {
        String user = request.connectOptions().user();
        String grant = grants.get(user);
        if (grant == null) {
          return AuthorizationDecision.deny("unknown user " + user);
        }
        return AuthorizationDecision.allow(
            request
                .newUser()
                .name(user)
                .pub(Permission.allowing(grant, "_INBOX.>"))
                .sub(Permission.allowing(grant, "_INBOX.>")));
      };

  /** AUTH holds the callout's user, SYS the system user; both bypass the callout. */
  ServerConfig config() {
    return ServerConfig.builder()
        .configUser("AUTH", "callout", "callout-pw")
        .configUser("SYS", "sys", "sys-pw")
        .systemAccountName("SYS")
        .configAccount("APP")
        .authCallout(ServerConfig.AuthCallout.of(issuer.publicKey(), "AUTH", "callout", "sys"))
        .build();
  }

  CalloutService.Builder service(Connection nc, Connection kicker) {
    return CalloutService.builder(nc)
        .issuer(issuer)
        .configMode("APP")
        .authorizer(fromDatabase)
        .listener(events)
        .kickWith(kicker);
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void kick_afterDatabaseChange_reconnectedClientHasNewPermissions(NatsServerVersion version)
      throws Exception {
    CountDownLatch reconnected = new CountDownLatch(1);
    List<String> aliceEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (NatsServer server = version.start(config());
        Connection svc = Live.connect(server, "callout", "callout-pw");
        Connection sys = Live.connect(server, "sys", "sys-pw");
        CalloutService service = service(svc, sys).start();
        Connection bob = Live.connect(server, "bob", "builder");
        Connection alice =
            Nats.connect(
                Live.options(server)
                    .userInfo("alice", "wonderland")
                    .maxReconnects(20)
                    .reconnectWait(Duration.ofMillis(50))
                    .connectionListener(
                        (conn, type) -> {
                          aliceEvents.add(type.name());
                          if (type == ConnectionListener.Events.RECONNECTED) {
                            reconnected.countDown();
                          }
                        })
                    .build())) {
      events.await(2);
      TrackedConnection before =
          service.trackedConnections().stream()
              .filter(c -> c.isUser("alice"))
              .findFirst()
              .orElseThrow();
      // tracked from the request, checked against what the server told the client itself
      assertEquals(Live.serverId(server), before.serverId());
      assertEquals(alice.getServerInfo().getClientId(), before.clientId());
      assertEquals("alice", before.userName());

      Subscription watch = bob.subscribe(">");
      bob.flush(Live.WAIT);
      assertDelivered(alice, watch, "orders.1");
      assertNotDelivered(alice, watch, "billing.1");

      grants.put("alice", "billing.>");
      List<KickResult> results = service.kick("alice");
      System.out.printf("%s kick results: %s%n", version.label(), results);
      assertEquals(1, results.size());
      assertEquals(KickOutcome.KICKED, results.get(0).outcome(), results.toString());
      assertEquals(before, results.get(0).connection());

      assertTrue(reconnected.await(10, TimeUnit.SECONDS), "alice did not reconnect");
      events.await(3);
      assertEquals(CalloutOutcome.ALLOWED, events.last().outcome());
      try {
        assertDelivered(alice, watch, "billing.2");
      } catch (Exception | AssertionError e) {
        throw new AssertionError(
            "alice's events "
                + aliceEvents
                + ", status "
                + alice.getStatus()
                + "; server log:\n"
                + server.log(),
            e);
      }
      assertNotDelivered(alice, watch, "orders.2");
      TrackedConnection after =
          service.trackedConnections().stream()
              .filter(c -> c.isUser("alice"))
              .findFirst()
              .orElseThrow();
      assertNotEquals(before.clientId(), after.clientId());
      assertEquals(alice.getServerInfo().getClientId(), after.clientId());
      assertEquals(List.of(), service.kick("nobody"));
    }
  }

  /**
   * Operator mode: the kick goes out on a connection of a system-account user, the client comes
   * back through its sentinel and is authorized again on current data.
   */
  @NatsServerMatrix({"2.10", "2.14"})
  void kick_operatorMode_systemAccountUser_reconnectedClientHasNewPermissions(
      NatsServerVersion version) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestAccount auth = op.account("AUTH");
    TestUser calloutUser = auth.user("callout");
    TestUser watcher = auth.user("watcher");
    TestUser sentinel = auth.user("sentinel");
    TestUser sys = op.systemAccount().user("sys");
    auth.customize(
        b ->
            b.authorization(
                ExternalAuthorization.builder()
                    .addAuthUsers(calloutUser.publicKey(), watcher.publicKey())
                    .build()));
    // in operator mode clients carry the sentinel's creds: the connection name says who they are
    Authorizer byConnectionName =
        request -> {
          String name = request.connectOptions().name();
          String grant = grants.get(name);
          if (grant == null) {
            return AuthorizationDecision.deny("unknown client " + name);
          }
          return AuthorizationDecision.allow(
              request
                  .newUser()
                  .name(name)
                  .pub(Permission.allowing(grant, "_INBOX.>"))
                  .sub(Permission.allowing(grant, "_INBOX.>")));
        };
    CountDownLatch reconnected = new CountDownLatch(1);
    try (NatsServer server = version.start(op.serverConfig().build());
        Connection svc = Live.connect(server, calloutUser.writeCreds(dir));
        Connection system = Live.connect(server, sys.writeCreds(dir));
        Connection watch = Live.connect(server, watcher.writeCreds(dir));
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(auth.key())
                .authorizer(byConnectionName)
                .listener(events)
                .kickWith(system)
                .start();
        Connection alice =
            Nats.connect(
                Live.options(server)
                    .connectionName("alice")
                    .authHandler(Nats.credentials(sentinel.writeCreds(dir).toString()))
                    .maxReconnects(20)
                    .reconnectWait(Duration.ofMillis(50))
                    .connectionListener(
                        (conn, type) -> {
                          if (type == ConnectionListener.Events.RECONNECTED) {
                            reconnected.countDown();
                          }
                        })
                    .build())) {
      events.await(1);
      TrackedConnection before = service.trackedConnections().get(0);
      assertEquals(alice.getServerInfo().getClientId(), before.clientId());
      assertEquals("alice", before.userName());
      // "*.*" leaves out the callout's own requests, which AUTH's watcher could see too
      Subscription all = watch.subscribe("*.*");
      watch.flush(Live.WAIT);
      assertDelivered(alice, all, "orders.1");
      assertNotDelivered(alice, all, "billing.1");

      grants.put("alice", "billing.>");
      List<KickResult> results = service.kick("alice");
      System.out.printf("%s operator-mode kick results: %s%n", version.label(), results);
      assertEquals(1, results.size());
      assertEquals(KickOutcome.KICKED, results.get(0).outcome(), results.toString());

      assertTrue(reconnected.await(10, TimeUnit.SECONDS), "alice did not reconnect");
      assertEquals(CalloutOutcome.ALLOWED, events.await(2).get(1).outcome());
      assertDelivered(alice, all, "billing.2");
      assertNotDelivered(alice, all, "orders.2");
      assertNotEquals(before.clientId(), alice.getServerInfo().getClientId());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void kick_clientAlreadyGone_refusedWithTheServersReason(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config());
        Connection svc = Live.connect(server, "callout", "callout-pw");
        Connection sys = Live.connect(server, "sys", "sys-pw");
        CalloutService service = service(svc, sys).start()) {
      // the server's own disconnect event tells when bob is gone, so the kick cannot race the close
      Subscription disconnects = sys.subscribe("$SYS.ACCOUNT.APP.DISCONNECT");
      sys.flush(Live.WAIT);
      Live.connect(server, "bob", "builder").close();
      assertNotNull(disconnects.nextMessage(Live.WAIT), "no disconnect event for bob");
      events.await(1);
      List<KickResult> results = service.kick("bob");
      System.out.printf("%s kick of a closed client: %s%n", version.label(), results);
      assertEquals(1, results.size());
      assertEquals(KickOutcome.REFUSED, results.get(0).outcome(), results.toString());
      assertFalse(results.get(0).detail().isEmpty());
      assertEquals(
          List.of(), service.trackedConnections(), "a refused kick forgets the connection");
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void kick_connectionOutsideTheSystemAccount_noAnswerReported(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config());
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service = service(svc, svc).kickTimeout(Duration.ofMillis(500)).start();
        Connection bob = Live.connect(server, "bob", "builder")) {
      events.await(1);
      List<KickResult> results = service.kick("bob");
      System.out.printf("%s kick from outside the system account: %s%n", version.label(), results);
      assertEquals(1, results.size());
      assertEquals(KickOutcome.NO_ANSWER, results.get(0).outcome(), results.toString());
      assertTrue(results.get(0).detail().contains("2.10.0, which added KICK"), results.toString());
      assertEquals(1, service.trackedConnections().size(), "kept for a later try");
      Live.assertRoundTrip(bob, "still.connected");
    }
  }

  @NatsServerMatrix({"2.14"})
  void kick_withoutKickConnection_throwsNamingTheBuilderMethod(NatsServerVersion version)
      throws Exception {
    try (NatsServer server = version.start(config());
        Connection svc = Live.connect(server, "callout", "callout-pw");
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(issuer)
                .configMode("APP")
                .authorizer(fromDatabase)
                .start()) {
      CalloutConfigurationException e =
          assertThrows(CalloutConfigurationException.class, () -> service.kick("alice"));
      assertTrue(e.getMessage().contains("kickWith(systemConnection)"), e.getMessage());
      assertEquals(List.of(), service.trackedConnections());
    }
  }

  private static void assertDelivered(Connection from, Subscription watch, String subject)
      throws Exception {
    from.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
    Message m = watch.nextMessage(Live.WAIT);
    assertNotNull(m, subject + " was not delivered");
    assertEquals(subject, m.getSubject());
  }

  private static void assertNotDelivered(Connection from, Subscription watch, String subject)
      throws Exception {
    from.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
    assertNull(watch.nextMessage(Duration.ofMillis(500)), subject + " was delivered");
  }
}
