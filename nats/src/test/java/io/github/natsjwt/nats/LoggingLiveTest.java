package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.LogCapture;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.github.natsjwt.trust.AccountResolutionException;
import io.github.natsjwt.trust.CachingAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.nats.client.Connection;
import io.nats.client.Subscription;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * What push, lookup, update, kick and the cluster resolver log against real nats-server 2.9, 2.10
 * and 2.14, captured at every level down to TRACE, through their successes and their failures (a
 * JWT the servers refuse, a delete they do not allow, tokens and seeds passed where they do not
 * belong, a signer that may not sign, a kick no server answers, a request nothing answers, a closed
 * connection): the expected records are there, and none holds a seed, a JWT, or the creds files and
 * seeds used.
 */
@SuppressWarnings("try") // servers and connections are held open by try-with-resources
class LoggingLiveTest {
  private static final String CLIENT = AccountJwtClient.class.getName();
  private static final String UPDATER = AccountUpdater.class.getName();
  private static final String KICKER = ConnectionKicker.class.getName();

  @TempDir Path dir;

  final TestOperator op = TestOperator.create("acme");
  final TestAccount orders = op.account("orders");
  final TestUser alice = orders.user("alice");
  final TestUser sysUser = op.systemAccount().user("admin");

  /** Every seed, JWT and creds file of the setup: none may be logged. */
  List<String> secrets(Path... credsFiles) throws Exception {
    List<String> s = new ArrayList<>();
    for (NKey k : List.of(op.key(), orders.key(), alice.key(), sysUser.key())) {
      s.add(new String(k.seed()));
      s.add(new String(k.privateKey()));
    }
    s.add(op.jwt());
    s.add(orders.jwt());
    for (Path p : credsFiles) {
      s.add(Files.readString(p));
    }
    return s;
  }

  @NatsServerMatrix
  void pushLookupUpdateKick_successesAndFailures_loggedWithoutSecrets(NatsServerVersion version)
      throws Exception {
    Path sysCreds = sysUser.writeCreds(dir);
    Path aliceCreds = alice.writeCreds(dir);
    String operatorSeed = new String(op.key().seed());
    String userJwt = alice.jwt();
    // more exports than its limits allow: the servers refuse it (spec trust-chain.md section 2)
    String invalidAccount =
        op.account("invalid").limits(l -> l.exports(0)).exportStream("x.>").jwt();
    try (NatsServer server = version.start(op.fullResolverConfig(dir.resolve("jwt")).build());
        Clients.Client sys = Clients.connect(server, sysCreds);
        Clients.Client user = Clients.connect(server, aliceCreds);
        LogCapture logs = LogCapture.start()) {
      AccountJwtClient client =
          AccountJwtClient.builder(sys.connection()).expectedServers(1).build();
      String ordersJwt = orders.jwt();
      String ordersJti = Jwt.decode(ordersJwt).claims().id();

      // push: accepted, refused by the server, and refused before sending
      assertEquals(1, client.push(ordersJwt).size());
      assertThrows(AccountJwtRejectedException.class, () -> client.push(invalidAccount));
      assertThrows(NatsJwtException.class, () -> client.push(userJwt));
      assertThrows(NatsJwtException.class, () -> client.push(operatorSeed));
      assertThrows(NatsJwtException.class, () -> client.push("not a jwt"));

      // lookup: found, and a seed passed as the key
      assertEquals(Optional.of(ordersJwt), client.lookup(orders.publicKey()));
      AccountJwtClientException seedAsKey =
          assertThrows(AccountJwtClientException.class, () -> client.lookup(operatorSeed));
      assertFalse(seedAsKey.getMessage().contains(operatorSeed), seedAsKey.getMessage());

      // the cluster as a verifier's resolver, behind a cache
      TrustVerifier verifier =
          TrustVerifier.builder()
              .trustOperator(op.jwt())
              .accountResolver(
                  CachingAccountResolver.builder(NatsAccountResolver.of(client)).build())
              .build();
      assertTrue(verifier.resolveAccount(orders.publicKey()).isAccepted());
      assertThrows(
          AccountResolutionException.class,
          () -> NatsAccountResolver.of(client).fetch(operatorSeed));

      // delete: full resolvers refuse it without allow_delete
      assertThrows(
          AccountJwtClientException.class, () -> client.delete(op.key(), orders.publicKey()));

      // update: confirmed, and refused for a signer that is not the operator's
      AccountEdit revokeAlice = AccountEdit.revoke(alice.publicKey(), Instant.now());
      AccountUpdate done =
          AccountUpdater.builder(op.key())
              .operator(op.claims())
              .build()
              .update(client, orders.publicKey(), revokeAlice);
      AccountClaims updated = Jwt.decode(done.jwt(), AccountClaims.class).claims();
      assertThrows(
          SignerNotOperatorException.class,
          () ->
              AccountUpdater.builder(NKey.generate(NKeyType.OPERATOR))
                  .operator(op.claims())
                  .build()
                  .update(client, orders.publicKey(), revokeAlice));

      // kick: an unknown client id (2.10 and later refuse it; 2.9 does not answer KICK)
      ConnectionKicker kicker =
          ConnectionKicker.builder(sys.connection())
              .timeout(Duration.ofMillis(500))
              .expectedServers(1)
              .build();
      kicker.findUser(alice.publicKey());
      KickResult kick = kicker.kick(sys.connection().getServerInfo().getServerId(), 987_654_321L);

      List<String> secrets = secrets(sysCreds, aliceCreds);
      secrets.add(userJwt);
      secrets.add(invalidAccount);
      secrets.add(done.jwt());
      secrets.add(ordersJwt);
      logs.assertNoSecrets(secrets.toArray(String[]::new));
      System.out.printf(
          "%s logging: %d records, kick %s%n",
          version.label(), logs.entries().size(), kick.status());

      logs.expect(
          Level.DEBUG, CLIENT, "Pushed account " + orders.publicKey(), ordersJti, "accepted");
      logs.expect(Level.TRACE, CLIENT, "Reply 1 to $SYS.REQ.ACCOUNT." + orders.publicKey());
      logs.expect(Level.WARNING, CLIENT, "Push of account", "failed", "refused");
      logs.expect(Level.DEBUG, CLIENT, "Nothing pushed");
      logs.expect(Level.DEBUG, CLIENT, "Looked up account " + orders.publicKey(), ordersJti);
      logs.expect(Level.DEBUG, CLIENT, "Deleting accounts [" + orders.publicKey() + "] failed");
      logs.expect(
          Level.DEBUG,
          CachingAccountResolver.class.getName(),
          "Fetched account " + orders.publicKey(),
          "NatsAccountResolver");
      logs.expect(
          Level.INFO,
          UPDATER,
          "Updated account " + orders.publicKey(),
          "became jti " + updated.id(),
          "REVOKE " + alice.publicKey());
      logs.expect(Level.WARNING, UPDATER, "Update of account " + orders.publicKey(), "failed");
      logs.expect(Level.DEBUG, KICKER, "User " + alice.publicKey() + " has");
      if (kick.status() == KickResult.Status.NO_ANSWER) {
        logs.expect(Level.WARNING, KICKER, "Kick of client 987654321", "got no answer");
      } else {
        logs.expect(Level.DEBUG, KICKER, "Kick of client 987654321", kick.status().name());
      }
    }
  }

  /**
   * Requests that nothing answers: no responders on a memory resolver, then a subscriber that never
   * replies (a timeout), then a closed connection.
   */
  @NatsServerMatrix
  void noAnswerTimeoutAndClosedConnection_loggedAsWarnings(NatsServerVersion version)
      throws Exception {
    Path sysCreds = sysUser.writeCreds(dir);
    try (NatsServer server = version.start(op.serverConfig().build());
        Clients.Client sys = Clients.connect(server, sysCreds);
        LogCapture logs = LogCapture.start()) {
      Connection nc = sys.connection();
      AccountJwtClient client =
          AccountJwtClient.builder(nc).timeout(Duration.ofMillis(300)).build();
      assertThrows(NoReplyException.class, client::list);
      Subscription silent = nc.subscribe(AccountJwtClient.LIST_SUBJECT);
      nc.flush(Clients.WAIT);
      NoReplyException timedOut = assertThrows(NoReplyException.class, client::list);
      assertFalse(timedOut.noResponders());
      silent.unsubscribe();
      nc.close();
      assertThrows(AccountJwtClientException.class, () -> client.lookup(orders.publicKey()));

      logs.assertNoSecrets(secrets(sysCreds).toArray(String[]::new));
      logs.expect(Level.WARNING, CLIENT, "Listing the accounts failed", "No server handles");
      logs.expect(Level.DEBUG, CLIENT, "Listing the accounts failed", "within 300 ms");
      logs.expect(Level.WARNING, CLIENT, "Lookup of account " + orders.publicKey(), "closed");
    }
  }
}
