package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.testing.NatsServer;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jnats clients and event capture for the live callout tests; every wait bounded. */
final class Live {
  static final Duration WAIT = Duration.ofSeconds(5);

  /** jnats reports a refusal only when its connection timeout ends; keep that short. */
  static final Duration REFUSAL_WAIT = Duration.ofSeconds(3);

  /** Events come at once; the bound only matters on a loaded machine or when they never come. */
  static final Duration EVENT_WAIT = Duration.ofSeconds(15);

  private Live() {}

  static Options.Builder options(NatsServer server) {
    return new Options.Builder()
        .server(server.url())
        .connectionTimeout(WAIT)
        .noReconnect()
        .errorListener(new io.nats.client.ErrorListener() {});
  }

  static Connection connect(NatsServer server, String user, String password) throws Exception {
    return Nats.connect(options(server).userInfo(user, password).build());
  }

  static Connection connect(NatsServer server, Path creds) throws Exception {
    return Nats.connect(options(server).authHandler(Nats.credentials(creds.toString())).build());
  }

  /** A refused connect; jnats reports the server's -ERR as an AuthenticationException. */
  static AuthenticationException refused(NatsServer server, Options options) {
    return assertThrows(AuthenticationException.class, () -> Nats.connect(options).close());
  }

  static AuthenticationException refused(NatsServer server, String user, String password) {
    return refused(
        server, options(server).userInfo(user, password).connectionTimeout(REFUSAL_WAIT).build());
  }

  /** Publishes and receives on one subject through the connection. */
  static void assertRoundTrip(Connection nc, String subject) throws Exception {
    Subscription sub = nc.subscribe(subject);
    nc.flush(WAIT);
    nc.publish(subject, "hello".getBytes(StandardCharsets.UTF_8));
    Message m = sub.nextMessage(WAIT);
    assertNotNull(m, "no message on " + subject);
    assertEquals("hello", new String(m.getData(), StandardCharsets.UTF_8));
    sub.unsubscribe();
  }

  /** The server's id (its N... key) from its INFO line. */
  static String serverId(NatsServer server) {
    Matcher m = Pattern.compile("\"server_id\":\"(N[A-Z0-9]+)\"").matcher(server.info());
    if (!m.find()) {
      throw new AssertionError("no server_id in INFO");
    }
    return m.group(1);
  }

  /** Collects the service's events. */
  static final class Events implements CalloutListener {
    final List<CalloutEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(CalloutEvent event) {
      events.add(event);
    }

    /** Waits until n events arrived, at most EVENT_WAIT. */
    List<CalloutEvent> await(int n) throws InterruptedException {
      long end = System.nanoTime() + EVENT_WAIT.toNanos();
      while (events.size() < n && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertEquals(n, events.size(), () -> "events: " + events);
      return List.copyOf(events);
    }

    CalloutEvent last() {
      return events.get(events.size() - 1);
    }
  }
}
