package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.natsjwt.config.ServerConfigException;
import io.github.natsjwt.trust.ServerProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Finding each series' executable, and the matrix extension's skip/fail/run behaviour. */
class NatsServerVersionTest {
  private static final List<String> PROPERTIES =
      List.of(
          NatsServer.EXECUTABLE_PROPERTY,
          NatsServer.REQUIRED_PROPERTY,
          "natsjwt.nats-server.2.9",
          "natsjwt.nats-server.2.10",
          "natsjwt.nats-server.2.14");
  private final Map<String, String> saved = new HashMap<>();

  @TempDir Path dir;

  /** The probe: run only through the launcher below (Surefire skips nested classes). */
  static class Probe {
    @NatsServerMatrix
    void onEach(NatsServerVersion version) {
      assertTrue(version.isInstalled());
    }

    @NatsServerMatrix("2.10")
    void onlyTen(NatsServerVersion version) {
      assertEquals("2.10", version.series());
    }
  }

  @BeforeEach
  void save() {
    PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  @Test
  void all_seriesPairedWithProfiles() {
    assertEquals(
        List.of("2.9", "2.10", "2.14"),
        NatsServerVersion.all().stream().map(v -> v.series()).toList());
    assertEquals(ServerProfile.V2_9, NatsServerVersion.of("2.9").profile());
    assertEquals(ServerProfile.V2_10, NatsServerVersion.of("2.10").profile());
    assertEquals(ServerProfile.LATEST, NatsServerVersion.of("2.14").profile());
    assertEquals("natsjwt.nats-server.2.10", NatsServerVersion.of("2.10").property());
    assertThrows(IllegalArgumentException.class, () -> NatsServerVersion.of("2.11"));
  }

  @Test
  void property_fakeExecutable_versionFromItsOutput() throws Exception {
    System.setProperty("natsjwt.nats-server.2.10", fake("v2.10.99").toString());
    NatsServerVersion v = NatsServerVersion.of("2.10");
    assertTrue(v.isInstalled());
    assertEquals("2.10.99", v.version().orElseThrow());
    assertEquals("[2.10.99]", v.label());
  }

  @Test
  void property_otherSeries_notInstalledWithHint() throws Exception {
    System.setProperty("natsjwt.nats-server.2.14", fake("v2.10.98").toString());
    NatsServerVersion v = NatsServerVersion.of("2.14");
    assertFalse(v.isInstalled());
    assertEquals("[2.14, not installed]", v.label());
    assertTrue(v.installHint().contains("which is not a nats-server 2.14.x executable"));
    assertTrue(v.installHint().contains("-Dnatsjwt.nats-server.2.14=/path/to/nats-server"));
  }

  @Test
  void matrix_missingNotRequired_thatSeriesSkipped() throws Exception {
    System.setProperty("natsjwt.nats-server.2.9", fake("v2.9.97").toString());
    System.setProperty("natsjwt.nats-server.2.10", dir.resolve("missing").toString());
    System.setProperty("natsjwt.nats-server.2.14", fake("v2.14.97").toString());
    System.setProperty(NatsServer.REQUIRED_PROPERTY, "false");

    Outcome o = runProbe();

    assertEquals(List.of(), o.failures);
    assertEquals(List.of("[2.9.97]", "[2.14.97]"), o.passed);
    assertEquals(2, o.skipped.size(), o.skipped.toString());
    assertTrue(o.skipped.get(0).contains("natsjwt.nats-server.2.10"), o.skipped.get(0));
  }

  @Test
  void matrix_missingRequired_thatSeriesFails() throws Exception {
    System.setProperty("natsjwt.nats-server.2.9", fake("v2.9.97").toString());
    System.setProperty("natsjwt.nats-server.2.10", dir.resolve("missing").toString());
    System.setProperty("natsjwt.nats-server.2.14", fake("v2.14.97").toString());
    System.setProperty(NatsServer.REQUIRED_PROPERTY, "true");

    Outcome o = runProbe();

    assertEquals(List.of(), o.skipped);
    assertEquals(2, o.failures.size(), o.failures.toString());
    assertTrue(o.failures.get(0).endsWith("natsjwt.natsserver.required=true."), o.failures.get(0));
  }

  @Test
  void start_twoOperatorsOn29_refusedBeforeStarting() throws Exception {
    System.setProperty("natsjwt.nats-server.2.9", fake("v2.9.10").toString());
    TestOperator a = TestOperator.create("a");
    TestOperator b = TestOperator.create("b");
    ServerConfigException e =
        assertThrows(
            ServerConfigException.class,
            () -> NatsServerVersion.of("2.9").start(a.serverConfig().operator(b.jwt()).build()));
    assertTrue(e.getMessage().startsWith("nats-server 2.9.10 accepts one trusted operator"));
  }

  @NatsServerMatrix
  void start_eachSeries_serverReportsItsVersion(NatsServerVersion version) {
    TestOperator a = TestOperator.create("a");
    try (NatsServer server = version.start(a.serverConfig().build())) {
      assertEquals(version.version().orElseThrow(), server.version());
      assertTrue(server.version().startsWith(version.series() + "."), server.version());
      assertEquals(version.executable().orElseThrow(), server.executable());
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void start_twoOperatorsOn210AndLater_bothTrusted(NatsServerVersion version) {
    TestOperator a = TestOperator.create("a");
    TestOperator b = TestOperator.create("b");
    try (NatsServer server = version.start(a.serverConfig().operator(b.jwt()).build())) {
      assertTrue(server.log().contains("Operator: \"b\""), server.log());
    }
  }

  /** A script that answers --version like nats-server does. */
  private Path fake(String version) throws Exception {
    Path f = dir.resolve("nats-server-" + version);
    Files.writeString(f, "#!/bin/sh\necho \"nats-server: " + version + "\"\n");
    assertTrue(f.toFile().setExecutable(true));
    return f;
  }

  /** What happened to the probe's tests. */
  private static final class Outcome implements TestExecutionListener {
    final List<String> skipped = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    final List<String> passed = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      skipped.add(reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (result.getStatus() == TestExecutionResult.Status.FAILED) {
        failures.add(result.getThrowable().map(Throwable::getMessage).orElse("?"));
      } else if (id.isTest()) {
        passed.add(id.getDisplayName());
      }
    }
  }

  private static Outcome runProbe() {
    Launcher launcher = LauncherFactory.create();
    Outcome outcome = new Outcome();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Probe.class)).build(),
        outcome);
    return outcome;
  }
}
