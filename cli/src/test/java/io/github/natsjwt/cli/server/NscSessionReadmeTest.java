package io.github.natsjwt.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.ReadmeExamples;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs "A session, nsc style" of cli/README.md as written on every installed server: operator,
 * account, scoped key, user, server config, push, edit-scope, revoke and kick.
 */
class NscSessionReadmeTest {
  @TempDir Path dir;

  @NatsServerMatrix
  void session_runInShell_editsRevokesAndKicks(NatsServerVersion version) throws Exception {
    Path exe = version.executable().orElseThrow();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String prelude =
        "nats-server() { exec '"
            + exe
            + "' \"$@\" -p "
            + port
            + " >nats-server.log 2>&1; }\n"
            + "export NATS_URL=nats://127.0.0.1:"
            + port
            + "\n"
            + "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n";

    String output = ReadmeExamples.run("A session, nsc style", dir, prelude);

    String orders = Files.readString(dir.resolve("orders.pub")).strip();
    String app = Files.readString(dir.resolve("app.pub")).strip();
    String alice = Files.readString(dir.resolve("alice.pub")).strip();
    // The first verify: alice's permissions come from the role's template.
    assertTrue(output.contains("role \"app\""), output);
    assertTrue(output.contains("  publish allow         orders.>\n"), output);
    // edit-scope and revoke were each pushed and confirmed by a lookup.
    assertTrue(
        output.contains(
            "account " + orders + " \"orders\": scope of " + app + " now pub allow [billing.>]\n"),
        output);
    assertTrue(output.contains("\"orders\": revoked " + alice + " up to "), output);
    assertEquals(2, count(output, "confirmed: the servers serve the new JWT"), output);
    // The looked-up account revokes alice; kick found nobody to close.
    assertTrue(output.contains("rejected: REVOKED\n"), output);
    assertTrue(output.endsWith("exit 1\n"), output);
    if (version.series().equals("2.9")) {
      assertTrue(output.contains("2.9.10"), output);
    } else {
      assertTrue(output.contains("kicked 0 of 0 connections\n"), output);
    }
  }

  private static int count(String text, String part) {
    Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
