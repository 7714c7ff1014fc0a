package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** Runs a probe class through the JUnit launcher with nats-server present, missing, required. */
class NatsServerExtensionTest {
  private String savedExecutable;
  private String savedRequired;

  @TempDir Path dir;

  /** The probe: run only through the launcher below (Surefire skips nested classes). */
  @NatsServerTest
  static class Probe {
    @Test
    void needsServer(NatsServers servers) {
      assertEquals(List.of(), servers.started());
    }
  }

  @BeforeEach
  void save() {
    savedExecutable = System.getProperty(NatsServer.EXECUTABLE_PROPERTY);
    savedRequired = System.getProperty(NatsServer.REQUIRED_PROPERTY);
  }

  @AfterEach
  void restore() {
    restore(NatsServer.EXECUTABLE_PROPERTY, savedExecutable);
    restore(NatsServer.REQUIRED_PROPERTY, savedRequired);
  }

  @Test
  void missing_notRequired_skippedWithInstallHint() {
    System.setProperty(NatsServer.EXECUTABLE_PROPERTY, dir.resolve("missing").toString());
    System.setProperty(NatsServer.REQUIRED_PROPERTY, "false");

    Outcome outcome = runProbe();

    assertEquals(List.of(), outcome.failures);
    assertEquals(List.of(), outcome.passed);
    assertEquals(1, outcome.skipped.size(), outcome.skipped.toString());
    String reason = outcome.skipped.get(0);
    assertTrue(reason.contains("apt-get install nats-server"), reason);
    assertTrue(reason.contains("https://github.com/nats-io/nats-server/releases"), reason);
    assertTrue(
        reason.endsWith("(set -Dnatsjwt.natsserver.required=true to fail instead of skipping)"),
        reason);
  }

  @Test
  void missing_required_failsWithInstallHint() {
    System.setProperty(NatsServer.EXECUTABLE_PROPERTY, dir.resolve("missing").toString());
    System.setProperty(NatsServer.REQUIRED_PROPERTY, "true");

    Outcome outcome = runProbe();

    assertEquals(List.of(), outcome.skipped);
    assertEquals(1, outcome.failures.size(), outcome.failures.toString());
    String message = outcome.failures.get(0);
    assertTrue(message.contains("apt-get install nats-server"), message);
    assertTrue(
        message.endsWith(
            "The test fails rather than being skipped because natsjwt.natsserver.required=true."),
        message);
  }

  @Test
  void present_runsAndResolvesNatsServers() throws Exception {
    Path fake = dir.resolve("nats-server");
    Files.writeString(fake, "#!/bin/sh\nexit 0\n");
    assertTrue(fake.toFile().setExecutable(true));
    System.setProperty(NatsServer.EXECUTABLE_PROPERTY, fake.toString());

    Outcome outcome = runProbe();

    assertEquals(List.of(), outcome.failures);
    assertEquals(List.of(), outcome.skipped);
    assertEquals(List.of("needsServer(NatsServers)"), outcome.passed);
  }

  /** What happened to the probe's tests and containers. */
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

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
