package io.github.natsjwt.cli.demo;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code natsjwt demo --server} on each nats-server series, as if it were the newest installed (the
 * newer series are hidden from the demo): the auth callout step on 2.10 and 2.14, its skip notice
 * on 2.9.
 */
class DemoCalloutLiveTest {
  /** Runs the demo with every series newer than the given one pointed at a missing file. */
  private static Result demoWithNewest(NatsServerVersion version) {
    List<NatsServerVersion> all = NatsServerVersion.all();
    Map<String, String> saved = new HashMap<>();
    // natsjwt.nats-server would name the demo's executable outright
    saved.put(NatsServer.EXECUTABLE_PROPERTY, System.getProperty(NatsServer.EXECUTABLE_PROPERTY));
    System.clearProperty(NatsServer.EXECUTABLE_PROPERTY);
    for (NatsServerVersion newer : all.subList(all.indexOf(version) + 1, all.size())) {
      saved.put(newer.property(), System.getProperty(newer.property()));
      System.setProperty(newer.property(), "/nonexistent/nats-server-" + newer.series());
    }
    try {
      assertEquals(version.series(), DemoServers.newest().orElseThrow().series());
      return run("demo", "--server");
    } finally {
      saved.forEach(
          (property, value) -> {
            if (value == null) {
              System.clearProperty(property);
            } else {
              System.setProperty(property, value);
            }
          });
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void demoServer_calloutServer_admitsCarolDeniesMallory(NatsServerVersion version) {
    String exact = version.version().orElseThrow();

    Result r = demoWithNewest(version);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    String out = r.stdout();
    assertTrue(out.contains("[8/8] " + new CalloutStep().title() + "\n"), out);
    Matcher live =
        Pattern.compile("      nats-server (\\S+) on nats://127.0.0.1:\\d+ trusts").matcher(out);
    assertTrue(live.find(), out);
    assertEquals(exact, live.group(1), "the JWT step ran on the newest server");
    Matcher callout =
        Pattern.compile(
                "      nats-server (\\S+) on nats://127.0.0.1:\\d+ in config mode: authorization"
                    + " \\{ auth_callout \\} sends every connect to the account AUTH\n")
            .matcher(out);
    assertTrue(callout.find(), out);
    assertEquals(exact, callout.group(1));
    assertTrue(out.contains("callout service connected as \"callout\", an auth user"), out);
    Matcher admitted =
        Pattern.compile(
                "carol connects with her password: request encrypted, signed by the server"
                    + " (N[A-Z2-7]{55}): admitted\n      \\s*minted user JWT for (U[A-Z2-7]{55})")
            .matcher(out);
    assertTrue(admitted.find(), out);
    assertTrue(NKey.isValidPublicKey(admitted.group(1)), admitted.group(1));
    assertEquals(NKeyType.USER, NKey.detectPublicKeyType(admitted.group(2)).orElseThrow());
    assertTrue(out.contains("signed by the issuer, into account APP; answered in"), out);
    assertTrue(
        out.contains("carol -> orders.new \"2 coffees\": delivered, as her minted JWT allows"),
        out);
    assertTrue(out.contains("mallory connects: refused (the server says: "), out);
    assertTrue(
        out.contains("the service's reason: unknown user or wrong password for mallory\n"), out);
    assertTrue(out.contains("callout service stopped, nats-server stopped\n"), out);
    assertFalse(out.contains("skipped"), out);
    assertTrue(out.contains("All 8 steps behaved as expected."), out);
    assertNoSeed(r.all());
  }

  @NatsServerMatrix({"2.9"})
  void demoServer_only29_saysCalloutNeeds210AndSkips(NatsServerVersion version) {
    String exact = version.version().orElseThrow();

    Result r = demoWithNewest(version);

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(out.contains("      nats-server " + exact + " on nats://127.0.0.1:"), out);
    assertTrue(
        out.contains(
            "nats-server "
                + exact
                + " has no auth callout: it needs nats-server 2.10 or later; skipped\n"),
        out);
    assertFalse(out.contains("callout service connected"), out);
    assertTrue(out.contains("All 8 steps behaved as expected."), out);
    assertNoSeed(r.all());
  }
}
