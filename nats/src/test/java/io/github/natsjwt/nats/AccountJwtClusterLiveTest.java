package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsCluster;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts spreading through a real 3-node cluster of nats-server 2.14 with full resolvers: pushed
 * to one node, they reach all of them, and so do revocations and deletes; a node that was down
 * catches up when it comes back.
 */
class AccountJwtClusterLiveTest {
  private static final Duration SPREAD = Duration.ofSeconds(20);

  @TempDir Path dir;

  private TestOperator op;
  private TestUser admin;

  private NatsCluster cluster(NatsServerVersion version) {
    op = TestOperator.create("acme").signingKey();
    admin = op.systemAccount().user("admin");
    return NatsCluster.start(
        version,
        3,
        i ->
            op.fullResolverConfig(store(i))
                .allowDelete(true)
                .resolverInterval(Duration.ofSeconds(2))
                .build());
  }

  private Path store(int node) {
    return dir.resolve("node" + node);
  }

  private boolean stored(int node, TestAccount account) {
    return Files.exists(store(node).resolve(account.publicKey() + ".jwt"));
  }

  @NatsServerMatrix("2.14")
  void push_toOneNode_reachesAllThree(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      TestAccount orders = op.account("orders");
      long started = System.nanoTime();
      List<PushResult> results;
      try (Clients.Client sys = system(cluster.node(0))) {
        results = spread(sys, 3).push(orders.jwt());
      }
      long replied = System.nanoTime();
      awaitTrue(() -> stored(0, orders) && stored(1, orders) && stored(2, orders));
      long stored = System.nanoTime();
      System.out.printf(
          "cluster push on %s: 3 replies after %d ms, the account in all 3 stores after %d ms%n",
          version.label(), (replied - started) / 1_000_000, (stored - started) / 1_000_000);

      assertEquals(3, results.size(), results.toString());
      Set<String> ids = new HashSet<>();
      for (PushResult r : results) {
        assertEquals("jwt updated", r.message(), r.toString());
        ids.add(r.serverId());
      }
      Set<String> nodes = new HashSet<>();
      cluster.nodes().forEach(n -> nodes.add(AccountJwtClientLiveTest.serverId(n)));
      assertEquals(nodes, ids);
    }
  }

  @NatsServerMatrix("2.14")
  void lookup_afterPush_answersOnEveryNode(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      TestAccount orders = op.account("orders");
      try (Clients.Client sys = system(cluster.node(1))) {
        spread(sys, 3).push(orders.jwt());
      }
      for (NatsServer node : cluster.nodes()) {
        try (Clients.Client sys = system(node)) {
          assertEquals(
              Optional.of(orders.jwt()),
              AccountJwtClientLiveTest.client(sys).lookup(orders.publicKey()),
              node.toString());
        }
      }
    }
  }

  @NatsServerMatrix("2.14")
  void push_newAccount_itsUserConnectsOnEveryNode(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      TestAccount orders = op.account("orders");
      Path creds = orders.user("alice").writeCreds(dir);
      try (Clients.Client sys = system(cluster.node(2))) {
        spread(sys, 3).push(orders.jwt());
      }
      for (NatsServer node : cluster.nodes()) {
        try (Clients.Client alice = Clients.connect(node, creds)) {
          AccountJwtClientLiveTest.assertRoundTrip(alice, "orders.new", "on " + node.port());
        }
      }
    }
  }

  @NatsServerMatrix("2.14")
  void push_revocationToOneNode_userRefusedOnTheOthers(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      TestAccount orders = op.account("orders");
      TestUser alice = orders.user("alice");
      Path creds = alice.writeCreds(dir);
      try (Clients.Client sys = system(cluster.node(0))) {
        spread(sys, 3).push(orders.jwt());
        for (NatsServer node : cluster.nodes()) {
          Clients.connect(node, creds).close();
        }
        orders.revoke(alice);
        for (PushResult r : spread(sys, 3).push(orders.jwt())) {
          assertEquals("jwt updated", r.message(), r.toString());
        }
      }
      for (int i = 1; i < 3; i++) {
        assertEquals(
            "Authentication error connecting to NATS server: Authorization Violation",
            Clients.refusal(cluster.node(i), creds).getMessage());
      }
    }
  }

  @NatsServerMatrix("2.14")
  void delete_onOneNode_removesTheAccountEverywhere(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      TestAccount orders = op.account("orders");
      Path creds = orders.user("alice").writeCreds(dir);
      try (Clients.Client sys = system(cluster.node(0))) {
        spread(sys, 3).push(orders.jwt());
        List<DeleteResult> deleted =
            spread(sys, 3).delete(op.signingKeys().get(0), orders.publicKey());
        assertEquals(3, deleted.size(), deleted.toString());
        for (DeleteResult d : deleted) {
          assertEquals("deleted 1 accounts", d.message(), d.toString());
        }
      }
      for (int i = 0; i < 3; i++) {
        assertFalse(stored(i, orders), "node " + i);
        assertTrue(
            Files.exists(store(i).resolve(orders.publicKey() + ".jwt.deleted")), "node " + i);
        NatsServer node = cluster.node(i);
        try (Clients.Client sys = system(node)) {
          assertEquals(
              Optional.empty(),
              AccountJwtClientLiveTest.client(sys, Duration.ofMillis(500))
                  .lookup(orders.publicKey()));
        }
        Clients.refusal(node, creds);
      }
    }
  }

  @NatsServerMatrix("2.14")
  void restart_nodeThatWasDown_catchesUpWithPushes(NatsServerVersion version) throws Exception {
    try (NatsCluster cluster = cluster(version)) {
      cluster.stop(2);
      TestAccount orders = op.account("orders");
      Path creds = orders.user("alice").writeCreds(dir);
      try (Clients.Client sys = system(cluster.node(0))) {
        assertEquals(2, spread(sys, 2).push(orders.jwt()).size());
      }
      assertFalse(stored(2, orders));

      long started = System.nanoTime();
      NatsServer back = cluster.restart(2);
      awaitTrue(() -> stored(2, orders));
      System.out.printf(
          "cluster catch-up on %s: the restarted node held the account %d ms after it started%n",
          version.label(), (System.nanoTime() - started) / 1_000_000);
      try (Clients.Client alice = Clients.connect(back, creds)) {
        AccountJwtClientLiveTest.assertRoundTrip(alice, "orders.new", "after the restart");
      }
    }
  }

  /** A client that waits for the replies of {@code servers} nodes. */
  private static AccountJwtClient spread(Clients.Client sys, int servers) {
    return AccountJwtClient.builder(sys.connection())
        .timeout(Clients.WAIT)
        .expectedServers(servers)
        .build();
  }

  private Clients.Client system(NatsServer node) throws Exception {
    return Clients.connect(node, admin.writeCreds(dir.resolve("admin")));
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + SPREAD.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() - deadline < 0, "not within " + SPREAD);
      Thread.sleep(20);
    }
  }
}
