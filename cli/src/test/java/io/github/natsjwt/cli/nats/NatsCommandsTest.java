package io.github.natsjwt.cli.nats;

import static io.github.natsjwt.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push, lookup and demo --server failures that need no server. */
class NatsCommandsTest {
  @TempDir Path dir;

  @Test
  void push_malformedJwt_exit2BeforeConnecting() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.jwt"), "eyJhbGciOi.not.ajwt\n");

    // Neither the server nor the creds file exists: the JWT is refused first.
    Result r =
        run(
            "push",
            "--server",
            "nats://127.0.0.1:1",
            "--creds",
            dir.resolve("missing.creds").toString(),
            bad.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals(1, r.stderr().split("\n").length, r.stderr());
    assertTrue(r.stderr().startsWith("natsjwt: "), r.stderr());
    assertTrue(!r.stderr().contains("connect"), r.stderr());
  }

  @Test
  void push_userJwtInsteadOfAccount_exit2() {
    TestUser alice = TestOperator.create("acme").account("orders").user("alice");

    Result r = run("push", "--server", "nats://127.0.0.1:1", "--creds", "none.creds", alice.jwt());

    assertEquals(2, r.exitCode(), r::toString);
  }

  @Test
  void push_noServerListening_exit2CannotConnect() throws IOException {
    TestOperator op = TestOperator.create("acme");
    String creds = op.systemAccount().user("admin").writeCreds(dir).toString();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    Result r =
        run(
            "push",
            "--server",
            "nats://127.0.0.1:" + port,
            "--creds",
            creds,
            op.account("orders").jwt());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: cannot connect to nats://127.0.0.1:"), r.stderr());
    assertEquals(1, r.stderr().split("\n").length, r.stderr());
  }

  @Test
  void push_credsAndJwtBothFromStdin_exit2() {
    Result r = run("push", "--server", "nats://127.0.0.1:1", "--creds", "-", "-");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("only one input"), r.stderr());
  }

  @Test
  void lookup_notAnAccountKey_exit2() {
    Result r = run("lookup", "--server", "nats://127.0.0.1:1", "--creds", "x.creds", "UABC");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("not an account public key"), r.stderr());
  }

  @Test
  void demo_serverWithoutNatsServer_exit2WithInstallHint() {
    String before = System.getProperty(NatsServer.EXECUTABLE_PROPERTY);
    System.setProperty(
        NatsServer.EXECUTABLE_PROPERTY, dir.resolve("no-such-nats-server").toString());
    try {
      Result r = run("demo", "--server");

      assertEquals(2, r.exitCode(), r::toString);
      assertEquals("", r.stdout());
      assertTrue(r.stderr().contains("apt-get install nats-server"), r.stderr());
      assertEquals(1, r.stderr().split("\n").length, r.stderr());
    } finally {
      if (before == null) {
        System.clearProperty(NatsServer.EXECUTABLE_PROPERTY);
      } else {
        System.setProperty(NatsServer.EXECUTABLE_PROPERTY, before);
      }
    }
  }
}
