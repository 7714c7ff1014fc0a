package io.github.natsjwt.testing;

import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.server.NatsServerSeries;
import io.github.natsjwt.trust.ServerProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * A nats-server release series the tests run against, paired with the {@link ServerProfile} that
 * reproduces its decisions: 2.9 with {@link ServerProfile#V2_9}, 2.10 with {@link
 * ServerProfile#V2_10}, 2.14 with {@link ServerProfile#LATEST}.
 *
 * <p>The executable of a series is the file named by the system property {@code
 * natsjwt.nats-server.<series>} (for example {@code -Dnatsjwt.nats-server.2.10=/opt/nats-2.10.27})
 * if it is set. Otherwise it is the first executable whose {@code --version} belongs to the series
 * among: the file named by {@value NatsServer#EXECUTABLE_PROPERTY}; {@code nats-server} and {@code
 * nats-server-<version>} files on the {@code PATH}, in {@code /usr/sbin}, in {@code /usr/local/bin}
 * and in {@code shared/bin} beside the checkout (the directory that holds the project's root {@code
 * pom.xml}). That lookup is {@link NatsServerSeries}'s (artifact {@code natsjwt-server-config}, no
 * JUnit); this class adds the profile, the test label and {@link #assumeInstalled()}.
 *
 * <pre>{@code
 * for (NatsServerVersion v : NatsServerVersion.all()) {
 *   if (v.isInstalled()) {
 *     try (NatsServer server = v.start(op.serverConfig().build())) {
 *       // judge with TrustVerifier.builder().serverProfile(v.profile())
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. The executable is looked up again on each call, so that the system
 * properties can change; each file's version is asked once per JVM.
 */
public final class NatsServerVersion {
  /** The prefix of the per-series system properties: {@code natsjwt.nats-server.<series>}. */
  public static final String PROPERTY_PREFIX = NatsServerSeries.PROPERTY_PREFIX;

  private static final List<NatsServerVersion> ALL =
      List.of(
          new NatsServerVersion("2.9", ServerProfile.V2_9),
          new NatsServerVersion("2.10", ServerProfile.V2_10),
          new NatsServerVersion("2.14", ServerProfile.LATEST));

  private final String series;
  private final ServerProfile profile;
  private final NatsServerSeries installed;

  private NatsServerVersion(String series, ServerProfile profile) {
    this.series = series;
    this.profile = profile;
    this.installed = NatsServerSeries.of(series);
  }

  /**
   * Returns every series the tests know, oldest first, installed or not.
   *
   * @return 2.9, 2.10 and 2.14
   */
  public static List<NatsServerVersion> all() {
    return ALL;
  }

  /**
   * Returns a series by name.
   *
   * @param series {@code "2.9"}, {@code "2.10"} or {@code "2.14"}
   * @return the series
   * @throws IllegalArgumentException when the series is not one of {@link #all()}
   */
  public static NatsServerVersion of(String series) {
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
   * Returns the verifier profile that decides as this series does.
   *
   * @return the profile
   */
  public ServerProfile profile() {
    return profile;
  }

  /**
   * Returns the system property that names this series' executable.
   *
   * @return for example {@code "natsjwt.nats-server.2.10"}
   */
  public String property() {
    return installed.property();
  }

  /**
   * Returns whether an executable of this series was found.
   *
   * @return whether it is installed
   */
  public boolean isInstalled() {
    return installed.isInstalled();
  }

  /**
   * Returns the executable found for this series.
   *
   * @return the executable, or empty when none is installed
   */
  public Optional<Path> executable() {
    return installed.executable();
  }

  /**
   * Returns the exact version the executable reports with {@code --version}.
   *
   * @return for example {@code "2.10.27"}, or empty when none is installed
   */
  public Optional<String> version() {
    return installed.version();
  }

  /**
   * Returns a label for test names: the exact version in brackets, or the series when it is not
   * installed.
   *
   * @return for example {@code "[2.14.5]"} or {@code "[2.14, not installed]"}
   */
  public String label() {
    return "[" + version().orElse(series + ", not installed") + "]";
  }

  /**
   * Says that this series is not installed and how to install it or point the tests at it.
   *
   * @return a message for a skipped or failed test
   */
  public String installHint() {
    return installed.installHint();
  }

  /**
   * Skips the running test when this series is not installed, or fails it when nats-server is
   * required ({@value NatsServer#REQUIRED_PROPERTY}{@code =true}).
   *
   * @throws NatsServerException when the series is missing and required
   * @throws org.opentest4j.TestAbortedException when it is missing and not required (JUnit reports
   *     the test as skipped)
   */
  public void assumeInstalled() {
    if (isInstalled()) {
      return;
    }
    if (NatsServer.isRequired()) {
      throw new NatsServerException(
          installHint()
              + " The test fails rather than being skipped because "
              + NatsServer.REQUIRED_PROPERTY
              + "=true.");
    }
    Assumptions.abort(
        installHint() + " (set -D" + NatsServer.REQUIRED_PROPERTY + "=true to fail instead)");
  }

  /**
   * Starts this series' nats-server as {@link NatsServer#start(ServerConfig)} does, after checking
   * that the configuration is one this version accepts ({@link
   * ServerConfig.Builder#serverVersion(String)}).
   *
   * @param config the configuration
   * @return the running server
   * @throws NatsServerException when this series is not installed or the server cannot start
   * @throws io.github.natsjwt.config.ServerConfigException when this version would refuse the
   *     configuration
   */
  public NatsServer start(ServerConfig config) {
    Objects.requireNonNull(config, "config");
    return NatsServer.started(() -> installed.start(config));
  }

  /** Names the series, its profile and what was found; no secrets. */
  @Override
  public String toString() {
    return "NatsServerVersion["
        + series
        + ", "
        + profile
        + ", "
        + installed
            .version()
            .map(v -> v + " at " + installed.executable().map(Path::toString).orElse("?"))
            .orElse("not installed")
        + "]";
  }

  private static String seriesNames() {
    return ALL.stream().map(v -> v.series).toList().toString();
  }
}
