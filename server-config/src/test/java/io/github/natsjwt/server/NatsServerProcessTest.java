package io.github.natsjwt.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NatsServerProcess} and {@link NatsServerSeries} without JUnit extensions: each installed
 * series runs a configuration-mode server that admits its password user and refuses a wrong
 * password; a script standing in for nats-server fails start-up with this module's exception.
 */
class NatsServerProcessTest {
  private static final String REQUIRED_PROPERTY = "natsjwt.natsserver.required";

  @TempDir Path dir;

  @AfterEach
  void noServerLeftBehind() {
    List<String> running =
        ProcessHandle.current()
            .children()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
            .filter(c -> c.contains("nats-server") || c.contains("fake-server"))
            .toList();
    assertEquals(List.of(), running, "nats-server processes still running");
  }

  /** Every series, named by the exact version installed (the display name carries it). */
  static Stream<Named<NatsServerSeries>> series() {
    return NatsServerSeries.all().stream()
        .map(s -> Named.of("[" + s.version().orElse(s.series() + ", not installed") + "]", s));
  }

  @ParameterizedTest(name = "{0} start_configModeUser_passwordCheckedByTheServer")
  @MethodSource("series")
  void start_configModeUser_passwordCheckedByTheServer(NatsServerSeries series) throws Exception {
    if (!series.isInstalled()) {
      assertFalse(Boolean.getBoolean(REQUIRED_PROPERTY), series.installHint());
      assumeTrue(false, series.installHint());
    }
    ServerConfig config =
        ServerConfig.builder()
            .configUser("APP", "alice", "s3cret-Pw")
            .configAccount("OTHER")
            .build();

    NatsServerProcess server = series.start(config);
    try {
      assertTrue(server.isRunning());
      assertEquals(series.version().orElseThrow(), server.version());
      assertEquals(series.executable().orElseThrow(), server.executable());
      assertEquals("nats://127.0.0.1:" + server.port(), server.url());
      assertEquals("127.0.0.1", server.config().host());
      assertTrue(Files.readString(server.configFile()).contains("\"alice\""));
      assertEquals("+OK", connect(server, "alice", "s3cret-Pw"));
      assertTrue(connect(server, "alice", "wrong").startsWith("-ERR 'Authorization Violation'"));
    } finally {
      server.close();
    }
    assertFalse(server.isRunning());
    assertFalse(Files.exists(server.configFile()), "working directory left behind");
    assertTrue(server.log().contains(server.version()), server.log());
    server.close(); // a second close does nothing
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void start_exitsAtOnce_throwsWithOutputAndStatus() throws Exception {
    Path script = dir.resolve("fake-server");
    Files.writeString(script, "#!/bin/sh\necho 'config error: something is wrong' >&2\nexit 3\n");
    assertTrue(script.toFile().setExecutable(true));

    NatsServerProcessException e =
        assertThrows(
            NatsServerProcessException.class,
            () ->
                NatsServerProcess.start(
                    script,
                    ServerConfig.builder().configUser("APP", "alice", "s3cret-Pw").build(),
                    NatsServerProcess.DEFAULT_START_TIMEOUT));

    assertEquals(
        "nats-server exited during start-up with status 3; its output:\n"
            + "config error: something is wrong\n",
        e.getMessage());
  }

  @Test
  void of_unknownSeries_throwsNamingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NatsServerSeries.of("2.11"));

    assertEquals("unknown nats-server series 2.11; known: [2.9, 2.10, 2.14]", e.getMessage());
    assertEquals("natsjwt.nats-server.2.10", NatsServerSeries.of("2.10").property());
  }

  /** Sends CONNECT with a user and password, then PING; returns the server's first answer. */
  private static String connect(NatsServerProcess server, String user, String pass)
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(5000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String info = in.readLine();
      assertTrue(info.startsWith("INFO "), info);
      OutputStream out = s.getOutputStream();
      out.write(
          ("CONNECT {\"verbose\":true,\"user\":\"" + user + "\",\"pass\":\"" + pass + "\"}\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      return in.readLine();
    }
  }
}
