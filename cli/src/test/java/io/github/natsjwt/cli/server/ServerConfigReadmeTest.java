package io.github.natsjwt.cli.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.ReadmeExamples;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs "Trying push and lookup" of cli/README.md as written, against the installed nats-server. The
 * server is moved to a free port with its {@code -p} flag (which overrides the file), and {@code
 * NATS_URL} names it; the block's commands give no server.
 */
@NatsServerTest
class ServerConfigReadmeTest {
  @TempDir Path dir;

  @Test
  void tryingPushAndLookup_runInShell_pushesAndLooksUp() throws Exception {
    Path exe = NatsServer.findExecutable().orElseThrow();
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
            // exec: the job is the server itself, so kill %1 and this trap reach it.
            + "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n";

    String output = ReadmeExamples.run("Trying push and lookup", dir, prelude);

    assertTrue(output.contains(": 200 jwt updated\n"), output);
    String pub = Files.readString(dir.resolve("orders.pub")).strip();
    String jwt = Files.readString(dir.resolve("orders.jwt")).strip();
    assertTrue(output.contains("pushing account " + pub), output);
    assertTrue(output.endsWith(jwt + "\n"), output);
  }
}
