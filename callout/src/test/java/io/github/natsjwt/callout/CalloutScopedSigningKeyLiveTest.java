package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nats.PushResult;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoped-signing-key pattern on real nats-server 2.10 and 2.14 in operator mode with a full
 * resolver: the callout mints users signed by a scoped signing key of its account and gives them no
 * permissions of their own, so the account JWT decides. Changing it is an account push through
 * {@code $SYS.REQ.CLAIMS.UPDATE}. What the push does to a client connected at the time:
 *
 * <ul>
 *   <li>a changed scope template: both 2.10.27 and 2.14.5 close every connection the key issued
 *       (trust-chain.md section 4.2); the client reconnects, the callout runs again and the new
 *       template applies. Permissions change, but through a reconnect, as with reconnect-and-kick.
 *   <li>an empty template, with changed account {@code default_permissions}: 2.14.5 applies the new
 *       defaults to the connected client in place (no reconnect, same client id); 2.10.27 keeps the
 *       old permissions until the client reconnects.
 * </ul>
 */
@SuppressWarnings("try") // services and servers are held open by try-with-resources
class CalloutScopedSigningKeyLiveTest {
  static final String ROLE = "app";

  @TempDir Path dir;

  final TestOperator op = TestOperator.create("acme");
  final TestAccount auth = op.account("AUTH");
  // permissions of their own, so that the account's default permissions never narrow them
  final TestUser calloutUser = auth.user("callout").pubAllow(">").subAllow(">");
  final TestUser watcher = auth.user("watcher").pubAllow(">").subAllow(">");
  final TestUser sentinel = auth.user("sentinel");
  final TestUser sys = op.systemAccount().user("sys");
  final Live.Events events = new Live.Events();

  final List<String> aliceErrors = new CopyOnWriteArrayList<>();
  final List<String> aliceEvents = new CopyOnWriteArrayList<>();
  final CountDownLatch reconnected = new CountDownLatch(1);

  /** A role's template: publish where given, subscribe to orders and inboxes. */
  static UserPermissionLimits template(String... pubAllow) {
    return UserPermissionLimits.builder()
        .pub(Permission.allowing(pubAllow))
        .sub(Permission.allowing("orders.>", "_INBOX.>"))
        .build();
  }

  static Permissions defaults(String... pubAllow) {
    return Permissions.of(
        Permission.allowing(pubAllow), Permission.allowing("orders.>", "_INBOX.>"));
  }

  /** Scoped role {@value #ROLE} with the template, callout on, watcher and callout user bypass. */
  NKey setUp(UserPermissionLimits template) {
    auth.scopedSigningKey(ROLE, template);
    auth.customize(
        b ->
            b.authorization(
                ExternalAuthorization.builder()
                    .addAuthUsers(calloutUser.publicKey(), watcher.publicKey())
                    .build()));
    return auth.scopedKey(ROLE).orElseThrow();
  }

  /** Every client becomes a user of the scoped key, named after its connection name. */
  Authorizer scopedUsers(NKey scopedKey) {
    return request ->
        AuthorizationDecision.allow(
            request
                .newUser()
                .name(request.connectOptions().name())
                .issuerAccount(auth.publicKey())
                .scoped(true), // no permissions or limits of its own
            scopedKey);
  }

  Connection alice(NatsServer server) throws Exception {
    return Nats.connect(
        Live.options(server)
            .connectionName("alice")
            .authHandler(Nats.credentials(sentinel.writeCreds(dir).toString()))
            .maxReconnects(20)
            .reconnectWait(Duration.ofMillis(50))
            .connectionListener(
                (conn, type) -> {
                  aliceEvents.add(type.name());
                  if (type == ConnectionListener.Events.RECONNECTED) {
                    reconnected.countDown();
                  }
                })
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    aliceErrors.add(error);
                  }
                })
            .build());
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void scopedKey_templateChangedAndPushed_clientClosedAndReauthorizedOnTheNewTemplate(
      NatsServerVersion version) throws Exception {
    NKey scopedKey = setUp(template("orders.>"));
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Connection svc = Live.connect(server, calloutUser.writeCreds(dir));
        Connection watch = Live.connect(server, watcher.writeCreds(dir));
        Connection system = Live.connect(server, sys.writeCreds(dir));
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(auth.key())
                .authorizer(scopedUsers(scopedKey))
                .listener(events)
                .start();
        Connection alice = alice(server)) {
      assertEquals(CalloutOutcome.ALLOWED, events.await(1).get(0).outcome());
      long clientId = alice.getServerInfo().getClientId();
      Subscription all = watch.subscribe("*.*");
      watch.flush(Live.WAIT);
      assertDelivered(alice, all, "orders.1");
      assertDenied(alice, all, "billing.1");

      // the same key, the same role, one more subject in the template
      AccountClaims changed =
          auth.claims().toBuilder()
              .removeSigningKeys(scopedKey.publicKey())
              .addScopedSigningKey(
                  UserScope.builder(scopedKey.publicKey())
                      .role(ROLE)
                      .template(template("orders.>", "billing.>"))
                      .build())
              .build();
      assertPushed(version, system, Jwt.encode(changed, op.key()));

      assertTrue(
          reconnected.await(10, TimeUnit.SECONDS), "alice was not reconnected: " + aliceEvents);
      System.out.printf(
          "%s template change: alice's events %s, client id %d -> %d%n",
          version.label(), aliceEvents, clientId, alice.getServerInfo().getClientId());
      assertTrue(aliceEvents.contains("DISCONNECTED"), aliceEvents.toString());
      assertEquals(1, alice.getStatistics().getReconnects());
      assertNotEquals(clientId, alice.getServerInfo().getClientId(), "a new connection");
      // the reconnect went through the callout again, and the new template holds
      assertEquals(CalloutOutcome.ALLOWED, events.await(2).get(1).outcome());
      assertDelivered(alice, all, "billing.2");
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void scopedKey_emptyTemplateDefaultPermissionsPushed_inPlaceOn214Only(NatsServerVersion version)
      throws Exception {
    NKey scopedKey = setUp(UserPermissionLimits.EMPTY);
    auth.customize(b -> b.defaultPermissions(defaults("orders.>")));
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Connection svc = Live.connect(server, calloutUser.writeCreds(dir));
        Connection watch = Live.connect(server, watcher.writeCreds(dir));
        Connection system = Live.connect(server, sys.writeCreds(dir));
        CalloutService service =
            CalloutService.builder(svc)
                .issuer(auth.key())
                .authorizer(scopedUsers(scopedKey))
                .listener(events)
                .start();
        Connection alice = alice(server)) {
      assertEquals(CalloutOutcome.ALLOWED, events.await(1).get(0).outcome());
      long clientId = alice.getServerInfo().getClientId();
      Subscription all = watch.subscribe("*.*");
      watch.flush(Live.WAIT);
      assertDelivered(alice, all, "orders.1");
      assertDenied(alice, all, "billing.1");

      // signing keys untouched: only the account's default permissions change
      AccountClaims changed =
          auth.claims().toBuilder().defaultPermissions(defaults("orders.>", "billing.>")).build();
      assertPushed(version, system, Jwt.encode(changed, op.key()));

      if (version.series().equals("2.10")) {
        Thread.sleep(500); // the push has been answered; give the server time to change anything
        assertDenied(alice, all, "billing.2");
      } else {
        assertEventuallyDelivered(alice, all, "billing.2");
      }
      System.out.printf(
          "%s default permissions change: alice's events %s, client id %d -> %d, errors %s%n",
          version.label(), aliceEvents, clientId, alice.getServerInfo().getClientId(), aliceErrors);
      assertEquals(List.of("CONNECTED"), aliceEvents, "no disconnect, no reconnect");
      assertEquals(0, alice.getStatistics().getReconnects());
      assertEquals(clientId, alice.getServerInfo().getClientId(), "the same connection");
      assertEquals(1, events.events.size(), "the callout was asked once");
    }
  }

  /**
   * What one scope costs: a role with a typical template (publish and subscribe on the user's own
   * subjects, inboxes, one reply) adds 447 bytes to the encoded account JWT.
   */
  @Test
  void scopedKey_typicalTemplate_bytesAddedToTheAccountJwt() {
    UserPermissionLimits typical =
        UserPermissionLimits.builder()
            .pub(Permission.allowing("orders.{{name()}}.>", "_INBOX.>"))
            .sub(Permission.allowing("orders.{{name()}}.>", "_INBOX.>"))
            .resp(new io.github.natsjwt.claims.ResponsePermission(1, Duration.ZERO))
            .build();
    AccountClaims without = auth.claims();
    auth.scopedSigningKey("orders-user", typical);
    AccountClaims with = auth.claims();
    int added = Jwt.encode(with, op.key()).length() - Jwt.encode(without, op.key()).length();
    System.out.printf("one scoped signing key with a typical template adds %d bytes%n", added);
    assertEquals(447, added);
  }

  private static void assertPushed(NatsServerVersion version, Connection system, String jwt) {
    List<PushResult> pushed = AccountJwtClient.of(system).push(jwt);
    System.out.printf("%s push: %s%n", version.label(), pushed);
    assertEquals(1, pushed.size());
    assertEquals(200, pushed.get(0).code(), pushed.toString());
  }

  private static void assertDelivered(Connection from, Subscription watch, String subject)
      throws Exception {
    from.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
    Message m = watch.nextMessage(Live.WAIT);
    assertNotNull(m, subject + " was not delivered");
    assertEquals(subject, m.getSubject());
  }

  /** Publishes until the watcher receives it, for changes the server applies after answering. */
  private static void assertEventuallyDelivered(Connection from, Subscription watch, String subject)
      throws Exception {
    long end = System.nanoTime() + Live.WAIT.toNanos();
    while (System.nanoTime() < end) {
      from.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
      Message m = watch.nextMessage(Duration.ofMillis(100));
      if (m != null) {
        assertEquals(subject, m.getSubject());
        return;
      }
    }
    throw new AssertionError(subject + " was never delivered");
  }

  /** Not delivered, and the server reported the permission violation to the publisher. */
  private void assertDenied(Connection from, Subscription watch, String subject) throws Exception {
    from.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
    from.flush(Live.WAIT);
    assertNull(watch.nextMessage(Duration.ofMillis(500)), subject + " was delivered");
    String violation = "Permissions Violation for Publish to \"" + subject + "\"";
    assertTrue(aliceErrors.contains(violation), () -> "no " + violation + " in " + aliceErrors);
  }
}
