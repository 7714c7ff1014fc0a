package io.github.natsjwt.cli.server;

import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.cli.CliRunner;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.Environment;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server config} writes a file that each nats-server version starts with as written (run
 * here as {@code nats-server -c <dir>/server.conf}, not through the testing module's launcher,
 * which would rewrite it), and {@code push} and {@code lookup} then work with the written creds.
 */
class ServerConfigLiveTest {
  @TempDir Path dir;

  final ObjectMapper json = new ObjectMapper();

  @NatsServerMatrix
  void newOperator_serverStartsAndPushLookupWork(NatsServerVersion version) throws Exception {
    Path exe = executable(version);
    int port = freePort();
    Path out = dir.resolve("nats");

    Result config = CliRunner.run("server", "config", "--dir", out.toString(), "--port", "" + port);

    assertEquals(0, config.exitCode(), config::toString);
    assertNoSeed(config.all());
    // An account of the new operator, issued with the library from the written seed.
    String accountJwt;
    String accountKey;
    try (NKey op = NKey.fromSeed(seed(out.resolve("operator.nk")));
        NKey account = NKey.generate(io.github.natsjwt.nkey.NKeyType.ACCOUNT)) {
      accountKey = account.publicKey();
      accountJwt = Jwt.encode(AccountClaims.builder(accountKey).name("orders").build(), op);
    }
    Process server = start(exe, out.resolve("server.conf"), port);
    try {
      // push through a nats context naming the server and the written creds; no --server.
      Path home = dir.resolve("home");
      Path contexts = Files.createDirectories(home.resolve(".config/nats/context"));
      Files.writeString(
          contexts.resolve("try.json"),
          "{\"url\":\"nats://127.0.0.1:"
              + port
              + "\",\"creds\":\""
              + out.resolve("sys.creds")
              + "\"}");
      Environment env = new Environment(Map.of("NATS_CONTEXT", "try"), home);
      Result push =
          CliRunner.runIn(env, accountJwt.getBytes(StandardCharsets.UTF_8), "push", "--json", "-");
      assertEquals(0, push.exitCode(), push + "\n" + log(out));
      JsonNode pushed = json.readTree(push.stdout());
      assertEquals(accountKey, pushed.get("account").asText());
      assertEquals(200, pushed.get("servers").get(0).get("code").asInt(), push::toString);

      Result lookup =
          CliRunner.run(
              "lookup",
              "--json",
              "--server",
              "nats://127.0.0.1:" + port,
              "--creds",
              out.resolve("sys.creds").toString(),
              accountKey);
      assertEquals(0, lookup.exitCode(), lookup::toString);
      assertEquals(accountJwt, json.readTree(lookup.stdout()).get("jwt").asText());
      // The full resolver stored it where the configuration says.
      assertTrue(Files.exists(out.resolve("jwt").resolve(accountKey + ".jwt")));
    } finally {
      stop(server);
    }
  }

  @NatsServerMatrix
  void givenOperatorWithSigningKeys_preloadsAccountsAndPushWorks(NatsServerVersion version)
      throws Exception {
    Path exe = executable(version);
    int port = freePort();
    TestOperator op = TestOperator.create("acme").signingKey();
    TestAccount sys = op.systemAccount().signingKey();
    TestAccount orders = op.account("orders");
    Path opJwt = Files.writeString(dir.resolve("op.jwt"), op.jwt());
    Path sysJwt = Files.writeString(dir.resolve("sys.jwt"), sys.jwt());
    Path ordersJwt = Files.writeString(dir.resolve("orders.jwt"), orders.jwt());
    Path sysSigner = dir.resolve("sys-signer.nk");
    Files.writeString(sysSigner, new String(sys.signingKeys().get(0).seed()) + "\n");
    Path out = dir.resolve("nats");

    Result config =
        CliRunner.run(
            "server",
            "config",
            "--dir",
            out.toString(),
            "--port",
            "" + port,
            "--operator",
            opJwt.toString(),
            "--system-account",
            sysJwt.toString(),
            "--system-account-key",
            sysSigner.toString(),
            "--account",
            ordersJwt.toString(),
            "--allow-delete");

    assertEquals(0, config.exitCode(), config::toString);
    assertNoSeed(config.all());
    Process server = start(exe, out.resolve("server.conf"), port);
    try {
      String url = "nats://127.0.0.1:" + port;
      String creds = out.resolve("sys.creds").toString();
      // Preloaded: the server holds it without a push.
      Result lookup =
          CliRunner.run("lookup", "--server", url, "--creds", creds, orders.publicKey());
      assertEquals(0, lookup.exitCode(), lookup + "\n" + log(out));
      assertEquals(Files.readString(ordersJwt), lookup.stdout().strip());

      TestAccount billing = op.account("billing");
      Result push =
          CliRunner.run(
              "push",
              "--server",
              url,
              "--creds",
              creds,
              "--operator",
              opJwt.toString(),
              billing.jwt());
      assertEquals(0, push.exitCode(), push::toString);
      assertTrue(push.stdout().contains(": 200 jwt updated"), push.stdout());

      Result list = CliRunner.run("list", "--json", "--server", url, "--creds", creds);
      assertEquals(0, list.exitCode(), list::toString);
      String accounts = json.readTree(list.stdout()).get("accounts").toString();
      assertTrue(accounts.contains(billing.publicKey()), accounts);
      assertTrue(accounts.contains(orders.publicKey()), accounts);
    } finally {
      stop(server);
    }
  }

  @NatsServerMatrix
  void configMode_serverStartsAndNkeyUserRoundTrips(NatsServerVersion version) throws Exception {
    Path exe = executable(version);
    int port = freePort();
    Path out = dir.resolve("conf");

    Result config =
        CliRunner.run(
            "server", "config", "--config-mode", "--dir", out.toString(), "--port", "" + port);

    assertEquals(0, config.exitCode(), config::toString);
    assertNoSeed(config.all());
    Process server = start(exe, out.resolve("server.conf"), port);
    try (NKey app = NKey.fromSeed(seed(out.resolve("app-user.nk")));
        NKey sys = NKey.fromSeed(seed(out.resolve("sys-user.nk")))) {
      io.nats.client.Connection nc = connect(port, app);
      try {
        io.nats.client.Subscription sub = nc.subscribe("hello");
        nc.flush(java.time.Duration.ofSeconds(5));
        nc.publish("hello", "world".getBytes(StandardCharsets.UTF_8));
        io.nats.client.Message m = sub.nextMessage(java.time.Duration.ofSeconds(5));
        assertEquals("world", new String(m.getData(), StandardCharsets.UTF_8));
      } finally {
        nc.close();
      }
      // The SYS user is in the system account: the server answers its $SYS requests.
      io.nats.client.Connection sc = connect(port, sys);
      try {
        io.nats.client.Message ping =
            sc.request("$SYS.REQ.SERVER.PING", new byte[0], java.time.Duration.ofSeconds(5));
        assertTrue(new String(ping.getData(), StandardCharsets.UTF_8).contains("\"server\""));
      } finally {
        sc.close();
      }
    } finally {
      stop(server);
    }
  }

  private static io.nats.client.Connection connect(int port, NKey user) throws Exception {
    return io.nats.client.Nats.connect(
        new io.nats.client.Options.Builder()
            .server("nats://127.0.0.1:" + port)
            .authHandler(io.github.natsjwt.nats.NatsAuth.nkey(user))
            .noReconnect()
            .build());
  }

  // ------------------------------------------------------------------ helpers

  private static Path executable(NatsServerVersion version) {
    version.assumeInstalled();
    return version.executable().orElseThrow();
  }

  private static char[] seed(Path file) throws IOException {
    return Files.readString(file).strip().toCharArray();
  }

  private Process start(Path exe, Path config, int port) throws Exception {
    Path log = config.resolveSibling("server.log");
    Process p =
        new ProcessBuilder(exe.toString(), "-c", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        fail("nats-server exited with " + p.exitValue() + ":\n" + Files.readString(log));
      }
      if (answers(port)) {
        return p;
      }
      Thread.sleep(20);
    }
    stop(p);
    fail("nats-server did not answer on port " + port + ":\n" + Files.readString(log));
    throw new AssertionError();
  }

  private static String log(Path out) throws IOException {
    Path log = out.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
      s.setSoTimeout(1000);
      InputStream in = s.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != -1 && b != '\n' && line.size() < 65536; b = in.read()) {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8).startsWith("INFO ");
    } catch (IOException e) {
      return false;
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
