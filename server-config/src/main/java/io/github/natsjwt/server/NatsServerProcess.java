package io.github.natsjwt.server;

import io.github.natsjwt.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A nats-server process started from a {@link ServerConfig}: the executable installed on this
 * machine, listening on 127.0.0.1 and a free port, ready (it has answered with its {@code INFO}
 * line) when {@link #start(ServerConfig)} returns, and stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (NatsServerProcess server = NatsServerProcess.start(config)) {
 *   Connection nc = Nats.connect(new Options.Builder().server(server.url())
 *       .authHandler(Nats.credentials(credsFile.toString())).build());
 *   ...
 * }
 * }</pre>
 *
 * <p>The executable is the file named by the system property {@value #EXECUTABLE_PROPERTY}, else
 * {@code nats-server} on the {@code PATH}, in {@code /usr/sbin} or in {@code /usr/local/bin};
 * {@link NatsServerSeries} finds one of a given release series instead. Each server gets a working
 * directory of its own (the configuration and the captured output), removed by {@link #close()};
 * the output stays readable through {@link #log()}. A JVM shutdown hook kills servers that were
 * never closed.
 *
 * <p>Thread-safe; {@link #close()} may be called more than once.
 */
public final class NatsServerProcess implements AutoCloseable {
  /** The system property naming the nats-server executable to use. */
  public static final String EXECUTABLE_PROPERTY = "natsjwt.nats-server";

  /** How long {@link #start(ServerConfig)} waits for the server to answer. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);

  /**
   * How long {@link #close()} waits after asking the server to stop, and again after killing it.
   */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;
  private static final int MAX_LOG_BYTES = 4 << 20;
  private static final int MAX_INFO_BYTES = 64 << 10;
  private static final Pattern SERVER_ID = Pattern.compile("\"server_id\":\"([^\"]+)\"");
  private static final Pattern VERSION = Pattern.compile("\"version\":\"([^\"]+)\"");

  /** Servers started and not yet stopped, for the shutdown hook. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(Process::destroyForcibly), "natsjwt nats-server reaper"));
  }

  private final Process process;
  private final Path executable;
  private final ServerConfig config;
  private final Path workDir;
  private final Path configFile;
  private final Path outputFile;
  private final String info;
  private final Object lock = new Object();
  private final List<AutoCloseable> closeFirst = new ArrayList<>();
  private @Nullable String finalLog;

  private NatsServerProcess(
      Process process,
      Path executable,
      ServerConfig config,
      Path workDir,
      Path configFile,
      Path outputFile,
      String info) {
    this.process = process;
    this.executable = executable;
    this.config = config;
    this.workDir = workDir;
    this.configFile = configFile;
    this.outputFile = outputFile;
    this.info = info;
  }

  /**
   * Finds the nats-server executable: the file named by {@value #EXECUTABLE_PROPERTY} if set, else
   * {@code nats-server} on the {@code PATH}, in {@code /usr/sbin} or {@code /usr/local/bin}.
   *
   * @return the executable, or empty when there is none (or the property names no executable)
   */
  public static Optional<Path> findExecutable() {
    String configured = System.getProperty(EXECUTABLE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path p = Paths.get(configured);
      return isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Paths.get(dir, "nats-server"));
        }
      }
    }
    candidates.add(Paths.get("/usr/sbin/nats-server"));
    candidates.add(Paths.get("/usr/local/bin/nats-server"));
    return candidates.stream().filter(NatsServerProcess::isExecutable).findFirst();
  }

  /**
   * Says that nats-server is missing and how to install it.
   *
   * @return a message for a user, or for a skipped or failed test
   */
  public static String installHint() {
    String configured = System.getProperty(EXECUTABLE_PROPERTY);
    String where =
        configured != null && !configured.isBlank()
            ? "the system property "
                + EXECUTABLE_PROPERTY
                + " names "
                + configured
                + ", which is not an executable file"
            : "nats-server is not on the PATH, in /usr/sbin or in /usr/local/bin";
    return where
        + ". Install nats-server (Debian/Ubuntu: apt-get install nats-server; elsewhere a release"
        + " from https://github.com/nats-io/nats-server/releases) or set -D"
        + EXECUTABLE_PROPERTY
        + "=/path/to/nats-server.";
  }

  /**
   * Starts nats-server with a configuration, on 127.0.0.1 and a free port (whatever the
   * configuration's host and port), and waits until it answers, at most {@link
   * #DEFAULT_START_TIMEOUT}.
   *
   * @param config the configuration
   * @return the running server
   * @throws NatsServerProcessException when nats-server is not installed, exits during start-up
   *     (for example because it refuses the configuration; the message ends with its output), or
   *     does not answer in time
   */
  public static NatsServerProcess start(ServerConfig config) {
    return start(config, DEFAULT_START_TIMEOUT);
  }

  /**
   * Starts nats-server with a configuration, on 127.0.0.1 and a free port, and waits until it
   * answers.
   *
   * @param config the configuration
   * @param timeout how long to wait for it to answer
   * @return the running server
   * @throws NatsServerProcessException when nats-server is not installed, exits during start-up
   *     (the message ends with its output), or does not answer in time
   */
  public static NatsServerProcess start(ServerConfig config, Duration timeout) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(timeout, "timeout");
    Path executable =
        findExecutable().orElseThrow(() -> new NatsServerProcessException(installHint()));
    return start(executable, config, timeout);
  }

  /**
   * Starts a given nats-server executable with a configuration, on 127.0.0.1 and a free port, and
   * waits until it answers; {@link NatsServerSeries#start(ServerConfig)} comes here.
   *
   * @param executable the nats-server file to run
   * @param config the configuration
   * @param timeout how long to wait for it to answer
   * @return the running server
   * @throws NatsServerProcessException when the file cannot be run, the server exits during
   *     start-up (the message ends with its output), or does not answer in time
   */
  public static NatsServerProcess start(Path executable, ServerConfig config, Duration timeout) {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(timeout, "timeout");
    Path workDir;
    try {
      workDir = Files.createTempDirectory("natsjwt-nats-server-");
    } catch (IOException e) {
      throw new NatsServerProcessException(
          "cannot create a working directory for nats-server: " + e, e);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        NatsServerProcess server = tryStart(executable, config, workDir, timeout);
        if (server != null) {
          return server;
        }
        if (attempt == START_ATTEMPTS) {
          throw new NatsServerProcessException(
              "nats-server found no free port in " + START_ATTEMPTS + " attempts");
        }
      }
    } catch (RuntimeException e) {
      deleteTree(workDir);
      throw e;
    }
  }

  /** One attempt; empty when another process took the port first. */
  private static @Nullable NatsServerProcess tryStart(
      Path executable, ServerConfig config, Path workDir, Duration timeout) {
    ServerConfig run = config.toBuilder().host(HOST).port(freePort()).build();
    Path configFile = workDir.resolve("server.conf");
    Path outputFile = workDir.resolve("output.log");
    run.write(configFile);
    ProcessBuilder pb =
        new ProcessBuilder(executable.toString(), "-c", configFile.toString())
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outputFile.toFile());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new NatsServerProcessException("cannot run " + executable + ": " + e, e);
    }
    RUNNING.add(process);
    try {
      String info = awaitInfo(process, run, outputFile, timeout);
      if (info == null) {
        stop(process);
        return null;
      }
      return new NatsServerProcess(process, executable, run, workDir, configFile, outputFile, info);
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  /**
   * Polls the port until the server sends its {@code INFO} line; {@code null} when the server
   * exited because the port was taken.
   */
  private static @Nullable String awaitInfo(
      Process process, ServerConfig run, Path outputFile, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String log = readLog(run, outputFile);
        if (log.contains("address already in use")) {
          return null;
        }
        throw new NatsServerProcessException(
            "nats-server exited during start-up with status "
                + exitValue(process)
                + "; its output:\n"
                + log);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new NatsServerProcessException(
            "nats-server did not answer on "
                + HOST
                + ":"
                + run.port()
                + " within "
                + timeout
                + "; its output:\n"
                + readLog(run, outputFile));
      }
      String info = readInfo(run.port());
      // The INFO must come from our process: its server id is in our log (the banner is written
      // before the port is opened). Otherwise another process holds the port; keep polling until
      // ours exits with "address already in use".
      if (info != null && readLog(run, outputFile).contains(serverId(info))) {
        return info;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NatsServerProcessException(
            "interrupted while waiting for nats-server to start", e);
      }
    }
  }

  private static @Nullable String readInfo(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 250);
      socket.setSoTimeout(1000);
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n' && line.size() < MAX_INFO_BYTES; b = in.read()) {
        line.write(b);
      }
      String text = line.toString(StandardCharsets.UTF_8).trim();
      return text.startsWith("INFO ") ? text.substring(5).trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new NatsServerProcessException("cannot find a free port on " + HOST + ": " + e, e);
    }
  }

  // ------------------------------------------------------------------ accessors

  /**
   * Returns the URL clients connect to.
   *
   * @return {@code nats://127.0.0.1:<port>}
   */
  public String url() {
    return "nats://" + HOST + ":" + config.port();
  }

  /**
   * Returns the client port.
   *
   * @return the port
   */
  public int port() {
    return config.port();
  }

  /**
   * Returns the configuration the server runs with: the one given, with host 127.0.0.1 and the port
   * chosen.
   *
   * @return the configuration
   */
  public ServerConfig config() {
    return config;
  }

  /**
   * Returns the configuration file the server was started with; it is removed by {@link #close()}.
   *
   * @return the file
   */
  public Path configFile() {
    return configFile;
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
    return info;
  }

  /**
   * Returns the server's version, from its {@code INFO} line.
   *
   * @return for example {@code "2.9.10"}
   */
  public String version() {
    Matcher m = VERSION.matcher(info);
    return m.find() ? m.group(1) : "";
  }

  /**
   * Returns the executable this server runs.
   *
   * @return the nats-server file started
   */
  public Path executable() {
    return executable;
  }

  /**
   * Returns whether the process is still running.
   *
   * @return {@code true} until it stops
   */
  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Returns what the server has logged so far: its standard output and error, followed by the
   * configuration's {@code log_file} if it has one (the last 4 MiB of each). After {@link #close()}
   * it is the log as it was when the server stopped.
   *
   * @return the log text
   */
  public String log() {
    synchronized (lock) {
      return finalLog != null ? finalLog : readLog(config, outputFile);
    }
  }

  /**
   * Registers something that uses this server, a client connection or a service say, to be closed
   * when the server stops, before the process is asked to stop; so code that closes the server
   * (try-with-resources, a test extension) needs no second {@code close()}. Resources are closed in
   * the reverse order of registration; a resource closed earlier must accept a second {@code
   * close()}.
   *
   * @param resource what to close
   * @return this server
   * @throws IllegalStateException when the server has stopped already
   */
  public NatsServerProcess closeOnStop(AutoCloseable resource) {
    Objects.requireNonNull(resource, "resource");
    synchronized (lock) {
      if (finalLog != null) {
        throw new IllegalStateException("nats-server at " + url() + " has stopped already");
      }
      closeFirst.add(resource);
    }
    return this;
  }

  /**
   * Stops the server: closes what was registered with {@link #closeOnStop(AutoCloseable)}, asks the
   * process to stop (SIGTERM), kills it if it has not stopped within 5 seconds, keeps its log, and
   * removes its working directory. Does nothing the second time.
   *
   * @throws NatsServerProcessException when the process is still running after being killed, or a
   *     registered resource failed to close (the server is stopped all the same)
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (finalLog != null) {
        return;
      }
      NatsServerProcessException closing = closeRegistered();
      boolean stopped = stop(process);
      finalLog = readLog(config, outputFile);
      deleteTree(workDir);
      if (!stopped) {
        NatsServerProcessException e =
            new NatsServerProcessException(
                "nats-server (pid " + process.pid() + ") is still running after being killed");
        if (closing != null) {
          e.addSuppressed(closing);
        }
        throw e;
      }
      if (closing != null) {
        throw closing;
      }
    }
  }

  /** Closes the registered resources, newest first; every one is tried. */
  private @Nullable NatsServerProcessException closeRegistered() {
    NatsServerProcessException failure = null;
    for (int i = closeFirst.size() - 1; i >= 0; i--) {
      AutoCloseable r = closeFirst.get(i);
      try {
        r.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (failure == null) {
          failure =
              new NatsServerProcessException(
                  "closing " + r + " before stopping nats-server at " + url() + " failed: " + e, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    closeFirst.clear();
    return failure;
  }

  /** Names the server by its URL and process id. */
  @Override
  public String toString() {
    return "NatsServerProcess["
        + url()
        + ", "
        + version()
        + ", pid "
        + process.pid()
        + (isRunning() ? "" : ", stopped")
        + "]";
  }

  // ------------------------------------------------------------------ helpers

  /** Stops a process by its id: destroy, then destroyForcibly, each bounded. */
  private static boolean stop(Process process) {
    try {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    boolean stopped = !process.isAlive();
    if (stopped) {
      RUNNING.remove(process);
    }
    return stopped;
  }

  private static String exitValue(Process process) {
    try {
      return Integer.toString(process.exitValue());
    } catch (IllegalThreadStateException e) {
      return "unknown";
    }
  }

  private static String serverId(String info) {
    Matcher m = SERVER_ID.matcher(info);
    return m.find() ? m.group(1) : "\0no server id\0";
  }

  private static String readLog(ServerConfig config, Path outputFile) {
    StringBuilder log = new StringBuilder(tail(outputFile));
    config.logFile().ifPresent(f -> log.append(tail(f)));
    return log.toString();
  }

  private static String tail(Path file) {
    if (!Files.isRegularFile(file)) {
      return "";
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      long start = Math.max(0, length - MAX_LOG_BYTES);
      byte[] bytes = new byte[(int) (length - start)];
      f.seek(start);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")\n";
    }
  }

  private static boolean isExecutable(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: a leftover temporary directory is harmless.
    }
  }
}
