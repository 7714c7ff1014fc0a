package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Credentials for your own tests" and "Several nats-server versions" examples, as
 * written there (only the class name differs); keep them in step.
 */
@NatsServerTest // skipped, with a hint, where nats-server is not installed
class ReadmeExampleTest {
  @Test
  void alicePublishesOrders(NatsServers servers, @TempDir Path dir) throws Exception {
    TestOperator op = TestOperator.create("acme"); // with a system account, SYS
    TestAccount orders = op.account("orders").limits(l -> l.conn(10));
    TestUser alice = orders.user("alice").pubAllow("orders.>").subAllow("orders.>", "_INBOX.>");
    Path creds = alice.writeCreds(dir); // dir/alice.creds
    NatsServer server = servers.start(op.serverConfig().build()); // stopped after the test

    AuthHandler auth = Nats.credentials(creds.toString()); // jnats
    Connection nc =
        Nats.connect(new Options.Builder().server(server.url()).authHandler(auth).build());
    Subscription sub = nc.subscribe("orders.new");
    nc.publish("orders.new", "42".getBytes(StandardCharsets.UTF_8));
    Message m = sub.nextMessage(Duration.ofSeconds(5));
    assertEquals("42", new String(m.getData(), StandardCharsets.UTF_8));
    nc.close();
  }

  @NatsServerMatrix // once per series, named [2.9.10], [2.10.27], [2.14.5]
  void serverAndVerifierAgree(NatsServerVersion version) {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    ServerConfig config = op.serverConfig().build();
    TrustVerifier verifier =
        TrustVerifier.builder()
            .serverProfile(version.profile()) // V2_9, V2_10 or LATEST
            .trustOperator(op.jwt())
            .accountResolver(MemoryAccountResolver.of(config.preloads()))
            .build();
    try (NatsServer server = version.start(config)) { // checks config for that version first
      assertEquals(version.version().orElseThrow(), server.version());
      assertTrue(verifier.resolveAccount(orders.publicKey()).isAccepted());
      // connect clients to server.url() and compare what the server and the verifier decide
    }
  }
}
