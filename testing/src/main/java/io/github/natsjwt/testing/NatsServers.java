package io.github.natsjwt.testing;

import io.github.natsjwt.config.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The nats-servers one test started; {@link NatsServerExtension} hands one to a test method that
 * declares it as a parameter and stops every server in it when the test ends.
 *
 * <p>Thread-safe.
 */
public final class NatsServers implements AutoCloseable {
  private final List<NatsServer> servers = new ArrayList<>();
  private boolean closed;

  NatsServers() {}

  /**
   * Starts a server as {@link NatsServer#start(ServerConfig)} does; it is stopped after the test.
   *
   * @param config the configuration
   * @return the running server
   * @throws NatsServerException when it cannot be started
   * @throws IllegalStateException when the test has ended
   */
  public NatsServer start(ServerConfig config) {
    return start(config, NatsServer.DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts a server as {@link NatsServer#start(ServerConfig, Duration)} does; it is stopped after
   * the test.
   *
   * @param config the configuration
   * @param timeout how long to wait for it to answer
   * @return the running server
   * @throws NatsServerException when it cannot be started
   * @throws IllegalStateException when the test has ended
   */
  public synchronized NatsServer start(ServerConfig config, Duration timeout) {
    if (closed) {
      throw new IllegalStateException("the test that owned these servers has ended");
    }
    NatsServer server = NatsServer.start(config, timeout);
    servers.add(server);
    return server;
  }

  /**
   * Returns the servers started so far.
   *
   * @return the servers, in the order started
   */
  public synchronized List<NatsServer> started() {
    return List.copyOf(servers);
  }

  /**
   * Stops every server started; called by the extension when the test ends.
   *
   * @throws NatsServerException when a server would not stop (after trying all of them)
   */
  @Override
  public synchronized void close() {
    closed = true;
    NatsServerException failure = null;
    for (NatsServer s : servers) {
      try {
        s.close();
      } catch (NatsServerException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
