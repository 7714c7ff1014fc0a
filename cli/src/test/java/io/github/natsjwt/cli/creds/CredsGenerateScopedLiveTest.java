package io.github.natsjwt.cli.creds;

import static io.github.natsjwt.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.nats.NatsConnections;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.nats.client.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code creds generate --scoped}: a user under a scoped signing key must carry no permissions or
 * limits of its own (spec trust-chain.md section 4), or nats-server refuses it; the default -1
 * limits count as set.
 */
@NatsServerTest
class CredsGenerateScopedLiveTest {
  @TempDir Path dir;

  private TestOperator op;
  private TestAccount orders;
  private Path scopedKeyFile;
  private Path accountJwtFile;
  private Path operatorJwtFile;

  private void setUp() throws Exception {
    op = TestOperator.create("acme");
    orders =
        op.account("orders")
            .scopedSigningKey(
                "clerk",
                UserPermissionLimits.builder().pub(Permission.allowing("orders.>")).build());
    scopedKeyFile = dir.resolve("clerk.nk");
    Files.writeString(scopedKeyFile, new String(orders.scopedKey("clerk").orElseThrow().seed()));
    accountJwtFile = Files.writeString(dir.resolve("orders.jwt"), orders.jwt());
    operatorJwtFile = Files.writeString(dir.resolve("acme.jwt"), op.jwt());
  }

  @Test
  void generate_scoped_serverAcceptsUserAndAppliesTemplate(NatsServers servers) throws Exception {
    setUp();
    NatsServer server = servers.start(op.serverConfig().build());
    Path credsFile = dir.resolve("bob.creds");

    Result r = generate("--scoped", "--tag", "Team:Blue", "--out", credsFile.toString());

    assertEquals(0, r.exitCode(), r::toString);
    try (Creds creds = Creds.parse(Files.readAllBytes(credsFile))) {
      UserClaims c = creds.claims();
      // Exactly the reference's SetScoped(true): nothing of its own, not even -1 limits.
      assertTrue(c.permissionLimits().isEmpty(), c::toString);
      assertEquals(java.util.List.of("team:blue"), c.tags());
      assertEquals(orders.publicKey(), c.issuerAccount());
      Connection conn = NatsConnections.connect(server.url(), creds, NatsConnections.quiet());
      try {
        assertEquals(Connection.Status.CONNECTED, conn.getStatus());
      } finally {
        NatsConnections.close(conn);
      }
    }
    Result verified =
        run(
            "verify",
            "--operator",
            operatorJwtFile.toString(),
            "--account",
            accountJwtFile.toString(),
            credsFile.toString());
    assertEquals(0, verified.exitCode(), verified::toString);
  }

  @Test
  void generate_scopedKeyWithoutScopedFlag_serverRefusesAndVerifyHintsAtFlag(NatsServers servers)
      throws Exception {
    setUp();
    NatsServer server = servers.start(op.serverConfig().build());
    Path credsFile = dir.resolve("bob.creds");

    Result r = generate("--out", credsFile.toString());
    assertEquals(0, r.exitCode(), r::toString);

    // The server's verdict, independent of this tool: the -1 limits make the user non-empty.
    try (Creds creds = Creds.parse(Files.readAllBytes(credsFile))) {
      InputException e =
          assertThrows(
              InputException.class,
              () -> NatsConnections.connect(server.url(), creds, NatsConnections.quiet()));
      assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }
    Result verified =
        run(
            "verify",
            "--operator",
            operatorJwtFile.toString(),
            "--account",
            accountJwtFile.toString(),
            credsFile.toString());
    assertEquals(1, verified.exitCode(), verified::toString);
    assertTrue(verified.stdout().contains("SCOPED_USER_HAS_PERMISSIONS"), verified.stdout());
    assertTrue(
        verified.stdout().contains("hint: re-issue the user with 'natsjwt creds generate --scoped"),
        verified.stdout());
  }

  @Test
  void generate_scopedWithPermissions_exit2NamesTheOptions() throws Exception {
    setUp();

    Result r = generate("--scoped", "--pub-allow", "x", "--bearer");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("leave out --pub-allow, --bearer"), r.stderr());
  }

  @Test
  void generate_scopedWithoutIssuerAccount_exit2() throws Exception {
    setUp();

    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            scopedKeyFile.toString(),
            "--name",
            "bob",
            "--scoped");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--scoped needs --issuer-account"), r.stderr());
    assertFalse(r.stdout().contains("BEGIN"), r.stdout());
  }

  private Result generate(String... extra) {
    String[] base = {
      "creds",
      "generate",
      "--account-key",
      scopedKeyFile.toString(),
      "--issuer-account",
      orders.publicKey(),
      "--name",
      "bob"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return run(args);
  }
}
