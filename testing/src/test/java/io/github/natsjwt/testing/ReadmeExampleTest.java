package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The README's "Credentials for your own tests" example, as written there (only the class name
 * differs); keep the two in step.
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
}
