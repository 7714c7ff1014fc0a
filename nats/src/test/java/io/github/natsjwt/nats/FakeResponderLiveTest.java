package io.github.natsjwt.nats;

import static io.github.natsjwt.nats.Clients.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second responder in the system account stands in for another server of a cluster: replies from
 * several servers, and replies no real server sends.
 */
@NatsServerTest
class FakeResponderLiveTest {
  @TempDir Path dir;
  private final TestOperator op = TestOperator.create("acme");
  private final TestAccount other = op.account("other");
  private NatsServer server;

  @BeforeEach
  void start(NatsServers servers) {
    server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
  }

  @Test
  void list_twoServers_unionOfTheirKeysAndUnknownFieldsSkipped() throws Exception {
    String reply =
        "{\"server\":{\"name\":\"fake\",\"id\":\"NFAKE\",\"tags\":[\"a\"],\"jetstream\":false},"
            + "\"data\":[\""
            + other.publicKey()
            + "\"],\"future\":{\"nested\":[1,2,{\"x\":null}]}}";
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      answer(fake.connection(), "$SYS.REQ.CLAIMS.LIST", reply);

      List<String> expected =
          Stream.of(op.systemAccount().publicKey(), other.publicKey()).sorted().toList();
      assertEquals(expected, client(sys, 2).list());
      // Without a server count the client listens until no further reply comes.
      assertEquals(
          expected, AccountJwtClient.builder(sys.connection()).timeout(WAIT).build().list());
    }
  }

  @Test
  void list_replyNotJson_malformedReply() throws Exception {
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      answer(fake.connection(), "$SYS.REQ.CLAIMS.LIST", "<html>\u0007oops</html>");

      MalformedReplyException e =
          assertThrows(MalformedReplyException.class, () -> client(sys, 2).list());
      assertEquals(
          "The reply to $SYS.REQ.CLAIMS.LIST is not the JSON object the server sends (invalid"
              + " JSON); it starts with \"<html>\\u0007oops</html>\".",
          e.getMessage());
    }
  }

  @Test
  void push_oneServerRefuses_rejectedWithItsReasonBounded() throws Exception {
    TestAccount orders = op.account("orders");
    String longReason = "jwt validation failed - " + "x".repeat(10_000) + "\n[forged log line]";
    String reply =
        "{\"server\":{\"name\":\"fake\",\"id\":\"NFAKE\"},\"error\":{\"account\":\""
            + orders.publicKey()
            + "\",\"code\":500,\"description\":\""
            + longReason.replace("\n", "\\n")
            + "\"}}";
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      answer(fake.connection(), "$SYS.REQ.ACCOUNT." + orders.publicKey() + ".CLAIMS.UPDATE", reply);

      AccountJwtRejectedException e =
          assertThrows(AccountJwtRejectedException.class, () -> client(sys, 2).push(orders.jwt()));
      assertEquals("fake", e.server());
      assertEquals("NFAKE", e.serverId());
      assertEquals(500, e.code());
      assertTrue(e.description().startsWith("jwt validation failed - xxx"));
      assertTrue(e.description().length() <= Replies.MAX_TEXT_CHARS + 3);
      assertTrue(e.getMessage().length() < 1000, e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void lookup_emptyReplyFromEveryServer_notFoundWithoutWaitingForTimeout() throws Exception {
    String unknown = op.account("unknown").publicKey();
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      // Later servers answer a miss with an empty message (spec section 1.4).
      answer(fake.connection(), "$SYS.REQ.ACCOUNT." + unknown + ".CLAIMS.LOOKUP", "");

      long start = System.nanoTime();
      assertEquals(Optional.empty(), client(sys, 1).lookup(unknown));
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(WAIT) < 0);
    }
  }

  @Test
  void lookup_replyNotAJwt_malformedReply() throws Exception {
    String unknown = op.account("unknown").publicKey();
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      answer(
          fake.connection(),
          "$SYS.REQ.ACCOUNT." + unknown + ".CLAIMS.LOOKUP",
          "{\"error\":\"not a jwt\"}");

      MalformedReplyException e =
          assertThrows(MalformedReplyException.class, () -> client(sys, 1).lookup(unknown));
      assertTrue(e.getMessage().contains("is not an account JWT: byte 0x7b at offset 0"));
    }
  }

  @Test
  void list_replyLargerThanLimit_malformedReply() throws Exception {
    try (Clients.Client sys = connect();
        Clients.Client fake = connect()) {
      answer(fake.connection(), "$SYS.REQ.CLAIMS.LIST", " ".repeat(4096) + "{}");
      AccountJwtClient small =
          AccountJwtClient.builder(sys.connection())
              .expectedServers(2)
              .timeout(WAIT)
              .maxReplyBytes(2048)
              .build();

      MalformedReplyException e = assertThrows(MalformedReplyException.class, small::list);
      assertTrue(e.getMessage().contains("4098 bytes, more than the 2048 bytes"), e.getMessage());
    }
  }

  private Clients.Client connect() throws Exception {
    return Clients.connect(
        server, op.systemAccount().user("admin-" + System.nanoTime()).writeCreds(dir));
  }

  private static AccountJwtClient client(Clients.Client c, int servers) {
    return AccountJwtClient.builder(c.connection()).expectedServers(servers).timeout(WAIT).build();
  }

  /** Answers every request on a subject with a fixed reply; ready when this returns. */
  private static void answer(Connection nc, String subject, String reply) throws Exception {
    byte[] body = reply.getBytes(StandardCharsets.UTF_8);
    Dispatcher d = nc.createDispatcher(m -> nc.publish(m.getReplyTo(), body));
    d.subscribe(subject);
    nc.flush(WAIT);
  }
}
