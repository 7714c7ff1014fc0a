package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.creds.Creds;
import io.nats.client.AuthHandler;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Opens jnats connections for the commands: one server URL, a creds file read by the library (so a
 * bad file is reported the library's way), no reconnects, and no logging by jnats itself.
 */
public final class NatsConnections {
  /** How long to wait for the server to accept the connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private NatsConnections() {}

  /**
   * Reads a creds file, or standard input when the name is {@code -}.
   *
   * @param source a file name or {@code -}
   * @param stdin standard input
   * @return the credentials; the caller closes them
   * @throws InputException when the file cannot be read
   * @throws io.github.natsjwt.creds.CredsFormatException when it is not a usable creds file
   */
  public static Creds readCreds(String source, InputStream stdin) {
    byte[] bytes = Inputs.readSmall(source, "creds file", stdin);
    try {
      return Creds.parse(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Connects to one server as the user of the credentials.
   *
   * @param url for example {@code nats://127.0.0.1:4222}
   * @param creds the user's credentials; they must stay open while the connection is open
   * @param errors receives the server's asynchronous errors (permission violations, say)
   * @return the open connection
   * @throws InputException when the URL is not valid or the server cannot be reached or refuses the
   *     user
   * @throws InterruptedException when the thread is interrupted while connecting
   */
  public static Connection connect(String url, Creds creds, ErrorListener errors)
      throws InterruptedException {
    Options options;
    try {
      options =
          new Options.Builder()
              .server(url)
              .authHandler(new CredsAuthHandler(creds))
              .connectionTimeout(CONNECT_TIMEOUT)
              .noReconnect()
              .errorListener(errors)
              .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InputException("'" + url + "' is not a valid NATS server URL: " + e.getMessage());
    }
    try {
      return Nats.connect(options);
    } catch (IOException e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new InputException(
          "cannot connect to " + url + " as user " + creds.publicKey() + ": " + reason, e);
    }
  }

  /**
   * Returns an error listener that ignores everything, for commands that report failures
   * themselves.
   *
   * @return the listener
   */
  public static ErrorListener quiet() {
    return new ErrorListener() {
      @Override
      public void errorOccurred(Connection conn, String error) {}

      @Override
      public void exceptionOccurred(Connection conn, Exception exp) {}
    };
  }

  /**
   * Closes a connection, keeping the thread's interrupt status.
   *
   * @param connection the connection
   */
  public static void close(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers the server's nonce challenge with the creds' user key. */
  private static final class CredsAuthHandler implements AuthHandler {
    private final Creds creds;

    CredsAuthHandler(Creds creds) {
      this.creds = creds;
    }

    @Override
    public byte[] sign(byte[] nonce) {
      return creds.userKey().sign(nonce);
    }

    @Override
    public char[] getID() {
      return creds.publicKey().toCharArray();
    }

    @Override
    public char[] getJWT() {
      return creds.jwt().toCharArray();
    }
  }
}
