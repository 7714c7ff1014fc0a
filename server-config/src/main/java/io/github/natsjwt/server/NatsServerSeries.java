package io.github.natsjwt.server;

import io.github.natsjwt.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nats-server release series this project runs against (2.9, 2.10, 2.14), and the executable of
 * it installed on this machine.
 *
 * <p>The executable of a series is the file named by the system property {@code
 * natsjwt.nats-server.<series>} (for example {@code -Dnatsjwt.nats-server.2.10=/opt/nats-2.10.27})
 * if it is set. Otherwise it is the first executable whose {@code --version} belongs to the series
 * among: the file named by {@value NatsServerProcess#EXECUTABLE_PROPERTY}; {@code nats-server} and
 * {@code nats-server-<version>} files on the {@code PATH}, in {@code /usr/sbin}, in {@code
 * /usr/local/bin} and in {@code shared/bin} beside the checkout (the directory that holds the
 * project's root {@code pom.xml}).
 *
 * <pre>{@code
 * for (NatsServerSeries s : NatsServerSeries.all()) {
 *   if (s.isInstalled()) {
 *     try (NatsServerProcess server = s.start(config)) {
 *       // server.version() is the exact release, for example 2.10.27
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. The executable is looked up again on each call, so that the system
 * properties can change; each file's version is asked once per JVM.
 */
public final class NatsServerSeries {
  /** The prefix of the per-series system properties: {@code natsjwt.nats-server.<series>}. */
  public static final String PROPERTY_PREFIX = NatsServerProcess.EXECUTABLE_PROPERTY + ".";

  private static final Pattern VERSION_OUTPUT = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+\\S*)");
  private static final Pattern FILE_NAME = Pattern.compile("nats-server(-v?\\d+(\\.\\d+)*\\S*)?");
  private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();
  private static final List<NatsServerSeries> ALL =
      List.of(
          new NatsServerSeries("2.9"), new NatsServerSeries("2.10"), new NatsServerSeries("2.14"));

  private final String series;

  /** An executable and the version it reports. */
  private record Installation(Path executable, String version) {}

  private NatsServerSeries(String series) {
    this.series = series;
  }

  /**
   * Returns every series known, oldest first, installed or not.
   *
   * @return 2.9, 2.10 and 2.14
   */
  public static List<NatsServerSeries> all() {
    return ALL;
  }

  /**
   * Returns a series by name.
   *
   * @param series {@code "2.9"}, {@code "2.10"} or {@code "2.14"}
   * @return the series
   * @throws IllegalArgumentException when the series is not one of {@link #all()}
   */
  public static NatsServerSeries of(String series) {
    Objects.requireNonNull(series, "series");
    return ALL.stream()
        .filter(v -> v.series.equals(series))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown nats-server series " + series + "; known: " + seriesNames()));
  }

  /**
   * Returns the series name.
   *
   * @return for example {@code "2.10"}
   */
  public String series() {
    return series;
  }

  /**
   * Returns the system property that names this series' executable.
   *
   * @return for example {@code "natsjwt.nats-server.2.10"}
   */
  public String property() {
    return PROPERTY_PREFIX + series;
  }

  /**
   * Returns whether an executable of this series was found.
   *
   * @return whether it is installed
   */
  public boolean isInstalled() {
    return find().isPresent();
  }

  /**
   * Returns the executable found for this series.
   *
   * @return the executable, or empty when none is installed
   */
  public Optional<Path> executable() {
    return find().map(Installation::executable);
  }

  /**
   * Returns the exact version the executable reports with {@code --version}.
   *
   * @return for example {@code "2.10.27"}, or empty when none is installed
   */
  public Optional<String> version() {
    return find().map(Installation::version);
  }

  /**
   * Says that this series is not installed and how to install it or point at it.
   *
   * @return a message for a user, or for a skipped or failed test
   */
  public String installHint() {
    String configured = System.getProperty(property());
    String where =
        configured != null && !configured.isBlank()
            ? "the system property "
                + property()
                + " names "
                + configured
                + ", which is not a nats-server "
                + series
                + ".x executable"
            : "no nats-server "
                + series
                + ".x was found (looked at -D"
                + NatsServerProcess.EXECUTABLE_PROPERTY
                + ", the PATH, /usr/sbin, /usr/local/bin and shared/bin beside the checkout)";
    return where
        + ". Install a "
        + series
        + ".x release from https://github.com/nats-io/nats-server/releases"
        + (series.equals("2.9") ? " (Debian bookworm: apt-get install nats-server)" : "")
        + " and set -D"
        + property()
        + "=/path/to/nats-server, or name the file nats-server-"
        + series
        + ".<patch> in a directory on the PATH.";
  }

  /**
   * Starts this series' nats-server as {@link NatsServerProcess#start(ServerConfig)} does, after
   * checking that the configuration is one this version accepts ({@link
   * ServerConfig.Builder#serverVersion(String)}).
   *
   * @param config the configuration
   * @return the running server
   * @throws NatsServerProcessException when this series is not installed or the server cannot start
   * @throws io.github.natsjwt.config.ServerConfigException when this version would refuse the
   *     configuration
   */
  public NatsServerProcess start(ServerConfig config) {
    Objects.requireNonNull(config, "config");
    Installation i = find().orElseThrow(() -> new NatsServerProcessException(installHint()));
    ServerConfig checked = config.toBuilder().serverVersion(i.version()).build();
    return NatsServerProcess.start(
        i.executable(), checked, NatsServerProcess.DEFAULT_START_TIMEOUT);
  }

  /** Names the series and what was found; no secrets. */
  @Override
  public String toString() {
    return "NatsServerSeries["
        + series
        + ", "
        + find().map(i -> i.version() + " at " + i.executable()).orElse("not installed")
        + "]";
  }

  // ------------------------------------------------------------------ lookup

  /** Looked up on each call (the system properties may change); versions are cached per file. */
  private Optional<Installation> find() {
    String configured = System.getProperty(property());
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Paths.get(configured));
    } else {
      String def = System.getProperty(NatsServerProcess.EXECUTABLE_PROPERTY);
      if (def != null && !def.isBlank()) {
        candidates.add(Paths.get(def));
      }
      for (Path dir : searchDirectories()) {
        candidates.addAll(serversIn(dir));
      }
    }
    for (Path p : candidates) {
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        String v = versionOf(p);
        if (v.equals(series) || v.startsWith(series + ".")) {
          return Optional.of(new Installation(p.toAbsolutePath(), v));
        }
      }
    }
    return Optional.empty();
  }

  /** The PATH, /usr/sbin, /usr/local/bin and shared/bin beside the checkout, in that order. */
  static List<Path> searchDirectories() {
    Set<Path> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          dirs.add(Paths.get(dir));
        }
      }
    }
    dirs.add(Paths.get("/usr/sbin"));
    dirs.add(Paths.get("/usr/local/bin"));
    checkoutRoot()
        .map(Path::getParent)
        .ifPresent(p -> dirs.add(p.resolve("shared").resolve("bin")));
    return List.copyOf(dirs);
  }

  /** The topmost directory above the working directory that still holds a pom.xml. */
  private static Optional<Path> checkoutRoot() {
    Path dir = Paths.get(System.getProperty("user.dir", ".")).toAbsolutePath().normalize();
    Path root = null;
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml"))) {
        root = d;
      } else if (root != null) {
        break;
      }
    }
    return Optional.ofNullable(root);
  }

  /** {@code nats-server} first, then {@code nats-server-<version>} files in name order. */
  private static List<Path> serversIn(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    out.add(dir.resolve("nats-server"));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "nats-server-*")) {
      List<Path> versioned = new ArrayList<>();
      for (Path f : files) {
        if (FILE_NAME.matcher(f.getFileName().toString()).matches()) {
          versioned.add(f);
        }
      }
      versioned.sort(null);
      out.addAll(versioned);
    } catch (IOException e) {
      // An unreadable directory holds no server we can use.
    }
    return out;
  }

  /** The version an executable reports with --version; empty when it does not say. */
  static String versionOf(Path executable) {
    return VERSIONS.computeIfAbsent(executable.toAbsolutePath(), NatsServerSeries::askVersion);
  }

  private static String askVersion(Path executable) {
    try {
      Process p =
          new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = p.getInputStream()) {
        byte[] buf = new byte[256];
        for (int n = in.read(buf); n != -1 && out.size() < 4096; n = in.read(buf)) {
          out.write(buf, 0, n);
        }
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      Matcher m = VERSION_OUTPUT.matcher(out.toString(StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static String seriesNames() {
    return ALL.stream().map(v -> v.series).toList().toString();
  }
}
