package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.config.ServerConfig;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the real nats-server, and the configuration text it accepts. */
@NatsServerTest
class NatsServerLifecycleTest {
  private final TestOperator op = TestOperator.create("acme").clock(CLOCK);

  @TempDir Path dir;

  @AfterEach
  void noServerLeftBehind() {
    assertEquals(List.of(), ServerProcesses.children(), "nats-server processes still running");
  }

  @Test
  void closeOnStop_registeredResources_closedNewestFirstBeforeTheServerStops() {
    NatsServer server = NatsServer.start(op.serverConfig().build());
    List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.closeOnStop(() -> closed.add("first:" + server.isRunning()));
    server.closeOnStop(() -> closed.add("second:" + server.isRunning()));
    server.closeOnStop(
        () -> {
          closed.add("failing");
          throw new IllegalStateException("cannot close");
        });

    NatsServerException e = assertThrows(NatsServerException.class, server::close);

    assertEquals(List.of("failing", "second:true", "first:true"), closed);
    assertFalse(server.isRunning(), "stopped although a resource failed to close");
    assertEquals("cannot close", e.getCause().getMessage());
    server.close(); // a second close does nothing, and closes nothing again
    assertEquals(3, closed.size());
    assertThrows(IllegalStateException.class, () -> server.closeOnStop(() -> {}));
  }

  @Test
  void start_memoryConfig_readyOnLoopbackUntilClosed() {
    NatsServer server = NatsServer.start(op.serverConfig().build());
    long pid;
    try {
      pid = server.pid();
      assertTrue(server.isRunning());
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      assertEquals("nats://127.0.0.1:" + server.port(), server.url());
      assertEquals("127.0.0.1", server.config().host());
      assertTrue(server.version().matches("\\d+\\.\\d+\\.\\d+.*"), server.version());
      assertTrue(server.info().contains("\"auth_required\":true"), server.info());
      assertTrue(Files.isRegularFile(server.configFile()));
      assertTrue(server.log().contains("Server is ready"), server.log());
    } finally {
      server.close();
    }

    assertFalse(server.isRunning());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(Files.exists(server.configFile()), "working directory not removed");
    assertTrue(server.log().contains("Server is ready"), "log kept after close");
    server.close(); // a second close does nothing
    assertTrue(server.toString().endsWith(", stopped]"), server.toString());
  }

  @Test
  void start_twoServers_differentPorts() {
    try (NatsServer a = NatsServer.start(op.serverConfig().build());
        NatsServer b = NatsServer.start(op.serverConfig().build())) {
      assertTrue(a.port() != b.port());
    }
  }

  @Test
  void start_configRefusedByServer_throwsWithItsOutput() {
    ServerConfig config = op.serverConfig().clearOperators().operator("eyJ-not-a-jwt").build();

    NatsServerException e = assertThrows(NatsServerException.class, () -> NatsServer.start(config));

    assertTrue(
        e.getMessage().startsWith("nats-server exited during start-up with status "),
        e.getMessage());
    // The server's own words follow.
    assertTrue(e.getMessage().contains("error parsing operator JWT"), e.getMessage());
  }

  @Test
  void start_extras_appliedByServer() throws Exception {
    String name = "natsjwt \"test\" \\ $HOME # {x}";
    int monitorPort = freePort();
    Path pidFile = dir.resolve("server.pid");
    Path logFile = dir.resolve("logs/server.log");
    Files.createDirectories(logFile.getParent());
    ServerConfig config =
        op.serverConfig()
            .serverName(name)
            .maxPayload(2048)
            .maxSubscriptions(10)
            .maxConnections(5)
            .monitorPort(monitorPort)
            .pidFile(pidFile)
            .logFile(logFile)
            .build();

    try (NatsServer server = NatsServer.start(config)) {
      // Go's JSON writes " and \ escaped; $ # { } stay literal: the quoting round-trips.
      assertTrue(
          server.info().contains("\"server_name\":\"natsjwt \\\"test\\\" \\\\ $HOME # {x}\""),
          server.info());
      assertTrue(server.info().contains("\"max_payload\":2048"), server.info());
      assertEquals(Long.toString(server.pid()), Files.readString(pidFile).trim());
      assertTrue(Files.readString(logFile).contains("Server is ready"));
      assertTrue(server.log().contains("Server is ready"));
      String varz = get("http://127.0.0.1:" + monitorPort + "/varz");
      assertTrue(varz.contains("\"max_connections\": 5"), varz);
      assertTrue(varz.contains("\"max_subscriptions\": 10"), varz);
    }
  }

  @Test
  void start_fullResolverWithOptions_accepted() {
    ServerConfig config =
        op.fullResolverConfig(dir.resolve("jwt"))
            .allowDelete(true)
            .resolverInterval(Duration.ofSeconds(90))
            .resolverTimeout(Duration.ofMillis(1500))
            .resolverLimit(100)
            .build();

    try (NatsServer server = NatsServer.start(config)) {
      assertTrue(server.isRunning());
    }
  }

  @Test
  void start_cacheResolverWithTtl_accepted() {
    ServerConfig config =
        op.serverConfig()
            .clearPreloads()
            .cacheResolver(dir.resolve("cache"))
            .resolverTtl(Duration.ofMinutes(2))
            .resolverLimit(10)
            .build();

    try (NatsServer server = NatsServer.start(config)) {
      assertTrue(server.isRunning());
    }
  }

  @Test
  void start_pinnedAccounts_accepted() {
    TestAccount orders = op.account("orders");

    try (NatsServer server =
        NatsServer.start(op.serverConfig().pinAccounts(orders.publicKey()).build())) {
      assertTrue(server.isRunning());
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String get(String url) throws Exception {
    HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
    http.setConnectTimeout((int) Clients.WAIT.toMillis());
    http.setReadTimeout((int) Clients.WAIT.toMillis());
    try (InputStream in = http.getInputStream()) {
      assertEquals(200, http.getResponseCode());
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      http.disconnect();
    }
  }
}
