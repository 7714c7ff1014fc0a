package io.github.natsjwt.cli.demo;

import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.server.NatsServerProcess;
import io.github.natsjwt.server.NatsServerSeries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which nats-server the live demo runs: the file named by {@code natsjwt.nats-server} when that
 * property is set (an explicit choice, even of a missing file); else the newest installed release
 * series known (2.14, then 2.10, then 2.9), each found as {@link NatsServerSeries} finds it (its
 * {@code natsjwt.nats-server.<series>} property, the PATH, /usr/sbin, /usr/local/bin and shared/bin
 * beside a checkout); else any {@code nats-server} that {@link NatsServerProcess#findExecutable()}
 * finds.
 */
final class DemoServers {
  private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

  private DemoServers() {}

  /** The newest installed series, if any; empty when natsjwt.nats-server names the executable. */
  static Optional<NatsServerSeries> newest() {
    String explicit = System.getProperty(NatsServerProcess.EXECUTABLE_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return Optional.empty();
    }
    List<NatsServerSeries> all = new ArrayList<>(NatsServerSeries.all());
    Collections.reverse(all);
    return all.stream().filter(NatsServerSeries::isInstalled).findFirst();
  }

  /** Whether the live demo can run at all. */
  static boolean anyInstalled() {
    return newest().isPresent() || NatsServerProcess.findExecutable().isPresent();
  }

  /** Starts the chosen server with a configuration. */
  static NatsServerProcess start(ServerConfig config) {
    Optional<NatsServerSeries> newest = newest();
    return newest.isPresent() ? newest.get().start(config) : NatsServerProcess.start(config);
  }

  /** Whether a server of this version answers auth callout (nats-server 2.10.0 and later). */
  static boolean hasCallout(String version) {
    Matcher m = MAJOR_MINOR.matcher(version);
    if (!m.find()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 2 || (major == 2 && minor >= 10);
  }
}
