package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NatsServer}'s failure paths, with shell scripts standing in for nats-server (named by
 * {@value NatsServer#EXECUTABLE_PROPERTY}); no nats-server needed.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class FakeServerTest {
  private final ServerConfig config =
      TestOperator.create("acme").clock(CLOCK).serverConfig().build();
  private String saved;

  @TempDir Path dir;

  @BeforeEach
  void saveProperty() {
    saved = System.getProperty(NatsServer.EXECUTABLE_PROPERTY);
  }

  @AfterEach
  void restorePropertyAndCheckNothingLeft() {
    if (saved == null) {
      System.clearProperty(NatsServer.EXECUTABLE_PROPERTY);
    } else {
      System.setProperty(NatsServer.EXECUTABLE_PROPERTY, saved);
    }
    assertEquals(List.of(), ServerProcesses.children(), "processes still running");
  }

  @Test
  void start_exitsAtOnce_throwsWithOutputAndStatus() throws Exception {
    use(script("echo 'config error: something is wrong' >&2\nexit 3\n"));

    NatsServerException e = assertThrows(NatsServerException.class, () -> NatsServer.start(config));

    assertEquals(
        "nats-server exited during start-up with status 3; its output:\n"
            + "config error: something is wrong\n",
        e.getMessage());
  }

  @Test
  void start_neverAnswers_timesOutAndKillsIt() throws Exception {
    // Ignores SIGTERM, so close has to kill it.
    use(script("trap '' TERM\necho started\nwhile :; do sleep 1; done\n"));

    NatsServerException e =
        assertThrows(
            NatsServerException.class, () -> NatsServer.start(config, Duration.ofMillis(500)));

    assertTrue(
        e.getMessage().startsWith("nats-server did not answer on 127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" within PT0.5S; its output:\nstarted\n"), e.getMessage());
  }

  @Test
  void start_portTaken_retriesWithAnotherPort() throws Exception {
    // Claims the port is in use three times, as nats-server does when it loses the race.
    use(script("echo 'listen tcp 127.0.0.1:1: bind: address already in use'\nexit 1\n"));

    NatsServerException e = assertThrows(NatsServerException.class, () -> NatsServer.start(config));

    assertEquals("nats-server found no free port in 3 attempts", e.getMessage());
  }

  @Test
  void findExecutable_propertyNamesNoFile_emptyWithHint() {
    use(dir.resolve("missing"));

    assertEquals(Optional.empty(), NatsServer.findExecutable());
    NatsServerException e = assertThrows(NatsServerException.class, () -> NatsServer.start(config));
    assertEquals(
        "the system property natsjwt.nats-server names "
            + dir.resolve("missing")
            + ", which is not an executable file. Install nats-server (Debian/Ubuntu: apt-get"
            + " install nats-server; elsewhere a release from"
            + " https://github.com/nats-io/nats-server/releases) or set"
            + " -Dnatsjwt.nats-server=/path/to/nats-server.",
        e.getMessage());
  }

  @Test
  void findExecutable_propertyNamesScript_found() throws Exception {
    Path script = script("exit 0\n");
    use(script);

    assertEquals(Optional.of(script), NatsServer.findExecutable());
  }

  private Path script(String body) throws Exception {
    Path file = dir.resolve("fake-server");
    Files.writeString(file, "#!/bin/sh\n" + body);
    assertTrue(file.toFile().setExecutable(true));
    return file;
  }

  private static void use(Path executable) {
    System.setProperty(NatsServer.EXECUTABLE_PROPERTY, executable.toString());
  }
}
