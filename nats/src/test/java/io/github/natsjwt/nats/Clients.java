package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.testing.NatsServer;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** jnats connections for the live tests; every wait bounded. */
final class Clients {
  static final Duration WAIT = Duration.ofSeconds(10);

  private Clients() {}

  /** A connection closed by try-with-resources. */
  record Client(Connection connection) implements AutoCloseable {
    @Override
    public void close() {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Client connect(NatsServer server, Path creds) throws IOException, InterruptedException {
    return new Client(Nats.connect(options(server, creds, WAIT)));
  }

  /** Connects where the server should refuse; jnats reports it when its timeout ends. */
  static AuthenticationException refusal(NatsServer server, Path creds) {
    return assertThrows(
        AuthenticationException.class,
        () -> Nats.connect(options(server, creds, Duration.ofSeconds(3))).close());
  }

  private static Options options(NatsServer server, Path creds, Duration timeout) {
    return new Options.Builder()
        .server(server.url())
        .authHandler(Nats.credentials(creds.toString()))
        .connectionTimeout(timeout)
        .noReconnect()
        .build();
  }
}
