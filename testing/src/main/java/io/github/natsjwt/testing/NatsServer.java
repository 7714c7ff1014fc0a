package io.github.natsjwt.testing;

import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.server.NatsServerProcess;
import io.github.natsjwt.server.NatsServerProcessException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A nats-server process started from a {@link ServerConfig} for a test: the executable installed on
 * this machine, listening on 127.0.0.1 and a free port, ready (it has answered with its {@code
 * INFO} line) when {@link #start(ServerConfig)} returns, and stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (NatsServer server = NatsServer.start(op.serverConfig().build())) {
 *   Connection nc = Nats.connect(new Options.Builder().server(server.url())
 *       .authHandler(Nats.credentials(alice.writeCreds(dir).toString())).build());
 *   ...
 * }
 * }</pre>
 *
 * <p>The process itself is a {@link NatsServerProcess} (artifact {@code natsjwt-server-config},
 * which has no JUnit); this class adds what tests need: {@link NatsServerException} for its
 * failures, and {@value #REQUIRED_PROPERTY}, which {@link NatsServerTest} and {@link
 * NatsServerMatrix} read. The executable is the file named by the system property {@value
 * #EXECUTABLE_PROPERTY}, else {@code nats-server} on the {@code PATH}, in {@code /usr/sbin} or in
 * {@code /usr/local/bin}. Each server gets a working directory of its own (the configuration and
 * the captured output), removed by {@link #close()}; the output stays readable through {@link
 * #log()}. A JVM shutdown hook kills servers that were never closed.
 *
 * <p>Thread-safe; {@link #close()} may be called more than once.
 */
public final class NatsServer implements AutoCloseable {
  /** The system property naming the nats-server executable to use. */
  public static final String EXECUTABLE_PROPERTY = NatsServerProcess.EXECUTABLE_PROPERTY;

  /**
   * The system property that, when {@code true}, turns "nats-server is not installed" from a
   * skipped test into a failed one (see {@link NatsServerTest}).
   */
  public static final String REQUIRED_PROPERTY = "natsjwt.natsserver.required";

  /** How long {@link #start(ServerConfig)} waits for the server to answer. */
  public static final Duration DEFAULT_START_TIMEOUT = NatsServerProcess.DEFAULT_START_TIMEOUT;

  private final NatsServerProcess process;

  private NatsServer(NatsServerProcess process) {
    this.process = process;
  }

  /**
   * Finds the nats-server executable: the file named by {@value #EXECUTABLE_PROPERTY} if set, else
   * {@code nats-server} on the {@code PATH}, in {@code /usr/sbin} or {@code /usr/local/bin}.
   *
   * @return the executable, or empty when there is none (or the property names no executable)
   */
  public static Optional<Path> findExecutable() {
    return NatsServerProcess.findExecutable();
  }

  /**
   * Returns whether tests must fail, rather than be skipped, when nats-server is not installed:
   * whether the system property {@value #REQUIRED_PROPERTY} is {@code true}.
   *
   * @return whether nats-server is required
   */
  public static boolean isRequired() {
    return Boolean.parseBoolean(System.getProperty(REQUIRED_PROPERTY, "false"));
  }

  /**
   * Says that nats-server is missing and how to install it.
   *
   * @return a message for a skipped or failed test
   */
  public static String installHint() {
    return NatsServerProcess.installHint();
  }

  /**
   * Starts nats-server with a configuration, on 127.0.0.1 and a free port (whatever the
   * configuration's host and port), and waits until it answers, at most {@link
   * #DEFAULT_START_TIMEOUT}.
   *
   * @param config the configuration
   * @return the running server
   * @throws NatsServerException when nats-server is not installed, exits during start-up (for
   *     example because it refuses the configuration; the message ends with its output), or does
   *     not answer in time
   */
  public static NatsServer start(ServerConfig config) {
    return start(config, DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts nats-server with a configuration, on 127.0.0.1 and a free port, and waits until it
   * answers.
   *
   * @param config the configuration
   * @param timeout how long to wait for it to answer
   * @return the running server
   * @throws NatsServerException when nats-server is not installed, exits during start-up (the
   *     message ends with its output), or does not answer in time
   */
  public static NatsServer start(ServerConfig config, Duration timeout) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(timeout, "timeout");
    return started(() -> NatsServerProcess.start(config, timeout));
  }

  /** Starts a process and wraps it; {@link NatsServerVersion#start(ServerConfig)} comes here. */
  static NatsServer started(Supplier<NatsServerProcess> start) {
    try {
      return new NatsServer(start.get());
    } catch (NatsServerProcessException e) {
      throw translate(e);
    }
  }

  /**
   * The same failure as this module's exception: message, cause and suppressed exceptions as the
   * process reported them.
   */
  static NatsServerException translate(NatsServerProcessException e) {
    Throwable cause = e.getCause();
    NatsServerException out =
        cause == null
            ? new NatsServerException(Objects.requireNonNullElse(e.getMessage(), ""))
            : new NatsServerException(Objects.requireNonNullElse(e.getMessage(), ""), cause);
    for (Throwable s : e.getSuppressed()) {
      out.addSuppressed(s);
    }
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  // ------------------------------------------------------------------ accessors

  /**
   * Returns the process this server runs as, for code that takes a {@link NatsServerProcess}.
   *
   * @return the process; closing it closes this server
   */
  public NatsServerProcess process() {
    return process;
  }

  /**
   * Returns the URL clients connect to.
   *
   * @return {@code nats://127.0.0.1:<port>}
   */
  public String url() {
    return process.url();
  }

  /**
   * Returns the client port.
   *
   * @return the port
   */
  public int port() {
    return process.port();
  }

  /**
   * Returns the configuration the server runs with: the one given, with host 127.0.0.1 and the port
   * chosen.
   *
   * @return the configuration
   */
  public ServerConfig config() {
    return process.config();
  }

  /**
   * Returns the configuration file the server was started with; it is removed by {@link #close()}.
   *
   * @return the file
   */
  public Path configFile() {
    return process.configFile();
  }

  /**
   * Returns the process id.
   *
   * @return the id
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Returns the JSON of the {@code INFO} line the server sent when it became ready.
   *
   * @return the JSON object, as sent
   */
  public String info() {
    return process.info();
  }

  /**
   * Returns the server's version, from its {@code INFO} line.
   *
   * @return for example {@code "2.9.10"}
   */
  public String version() {
    return process.version();
  }

  /**
   * Returns the executable this server runs.
   *
   * @return the nats-server file started
   */
  public Path executable() {
    return process.executable();
  }

  /**
   * Returns whether the process is still running.
   *
   * @return {@code true} until it stops
   */
  public boolean isRunning() {
    return process.isRunning();
  }

  /**
   * Returns what the server has logged so far: its standard output and error, followed by the
   * configuration's {@code log_file} if it has one (the last 4 MiB of each). After {@link #close()}
   * it is the log as it was when the server stopped.
   *
   * @return the log text
   */
  public String log() {
    return process.log();
  }

  /**
   * Registers something that uses this server, a client connection or a service say, to be closed
   * when the server stops, before the process is asked to stop; so a test that gets its server from
   * {@link NatsServers} or try-with-resources needs no second {@code close()}. Resources are closed
   * in the reverse order of registration; a resource closed earlier must accept a second {@code
   * close()}.
   *
   * @param resource what to close
   * @return this server
   * @throws IllegalStateException when the server has stopped already
   */
  public NatsServer closeOnStop(AutoCloseable resource) {
    process.closeOnStop(resource);
    return this;
  }

  /**
   * Stops the server: closes what was registered with {@link #closeOnStop(AutoCloseable)}, asks the
   * process to stop (SIGTERM), kills it if it has not stopped within 5 seconds, keeps its log, and
   * removes its working directory. Does nothing the second time.
   *
   * @throws NatsServerException when the process is still running after being killed, or a
   *     registered resource failed to close (the server is stopped all the same)
   */
  @Override
  public void close() {
    try {
      process.close();
    } catch (NatsServerProcessException e) {
      throw translate(e);
    }
  }

  /** Names the server by its URL and process id. */
  @Override
  public String toString() {
    return "NatsServer["
        + url()
        + ", "
        + version()
        + ", pid "
        + pid()
        + (isRunning() ? "" : ", stopped")
        + "]";
  }
}
