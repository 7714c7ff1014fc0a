package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** jnats, an independent client, connected with creds files written by this module. */
final class Clients {
  static final Duration WAIT = Duration.ofSeconds(10);

  private Clients() {}

  /** A connection and the protocol errors the server sent it. */
  record Client(Connection connection, BlockingQueue<String> errors) implements AutoCloseable {
    /** Waits for the next error the server sends. */
    String nextError() throws InterruptedException {
      String e = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(e, "the server sent no error within " + WAIT);
      return e;
    }

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
    return connect(server, creds, WAIT);
  }

  /**
   * Connects where the server should refuse, and returns why. jnats learns of the refusal at once
   * but reports it only when its connection timeout ends, so that timeout is kept short here.
   */
  static AuthenticationException refusal(NatsServer server, Path creds) {
    return assertThrows(
        AuthenticationException.class, () -> connect(server, creds, Duration.ofSeconds(3)).close());
  }

  private static Client connect(NatsServer server, Path creds, Duration timeout)
      throws IOException, InterruptedException {
    BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    Options options =
        new Options.Builder()
            .server(server.url())
            .authHandler(Nats.credentials(creds.toString()))
            .connectionTimeout(timeout)
            .noReconnect()
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                  }
                })
            .build();
    return new Client(Nats.connect(options), errors);
  }
}
