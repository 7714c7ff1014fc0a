package io.github.natsjwt.cli.creds;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredsGenerateCommandTest {
  @TempDir Path dir;

  private NKey account;
  private Path accountFile;
  private String accountSeed;

  @BeforeEach
  void accountKey() throws IOException {
    account = NKey.generate(NKeyType.ACCOUNT);
    accountSeed = new String(account.seed());
    accountFile = dir.resolve("account.nk");
    Files.writeString(accountFile, accountSeed + "\n");
  }

  @AfterEach
  void wipe() {
    account.close();
  }

  @Test
  void generate_toStdout_writesCredsSignedByTheAccount() {
    Instant before = Instant.now().minusSeconds(1);

    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            accountFile.toString(),
            "--name",
            "alice",
            "--expires",
            "1h",
            "--pub-allow",
            "orders.>",
            "--pub-allow",
            "_INBOX.>",
            "--pub-deny",
            "orders.secret",
            "--sub-allow",
            "work.* workers",
            "--sub-deny",
            "x.y");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    assertTrue(r.stdout().startsWith("-----BEGIN NATS USER JWT-----\n"), r::toString);
    try (Creds creds = Creds.parse(r.stdoutBytes())) {
      UserClaims c = creds.claims();
      assertEquals(account.publicKey(), c.issuer());
      assertEquals("", c.issuerAccount());
      assertEquals("alice", c.name());
      assertEquals(
          new Permission(List.of("orders.>", "_INBOX.>"), List.of("orders.secret")),
          c.permissions().pub());
      assertEquals(
          new Permission(List.of("work.* workers"), List.of("x.y")), c.permissions().sub());
      assertFalse(c.isBearerToken());
      Instant exp = c.expiresAt().orElseThrow();
      Instant iat = c.issuedAt().orElseThrow();
      assertEquals(Duration.ofHours(1), Duration.between(iat, exp));
      assertFalse(iat.isBefore(before.minusSeconds(1)));
      assertTrue(creds.claims().validate(Instant.now()).isEmpty());
      assertEquals(new String(creds.format()), r.stdout(), "the reference's creds layout");
    }
    assertNoSeed(r.stderr());
  }

  @Test
  void generate_minimal_noExpiryNoPermissions() {
    Result r = run("creds", "generate", "--account-key", accountFile.toString(), "--name", "bob");

    assertEquals(0, r.exitCode(), r::toString);
    try (Creds creds = Creds.parse(r.stdoutBytes())) {
      assertEquals(Optional.empty(), creds.claims().expiresAt());
      assertTrue(creds.claims().permissions().pub().isEmpty());
      assertEquals(-1, creds.claims().permissionLimits().subs());
    }
  }

  @Test
  void generate_bearer_setsBearerToken() {
    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            accountFile.toString(),
            "--name",
            "b",
            "--bearer");

    assertEquals(0, r.exitCode(), r::toString);
    try (Creds creds = Creds.parse(r.stdoutBytes())) {
      assertTrue(creds.claims().isBearerToken());
    }
  }

  @Test
  void generate_signingKeyFromStdinWithIssuerAccount_setsIssuerAccount() throws IOException {
    try (NKey signingKey = NKey.generate(NKeyType.ACCOUNT)) {
      String seed = new String(signingKey.seed());

      Result r =
          runWithStdin(
              seed + "\n",
              "creds",
              "generate",
              "--account-key",
              "-",
              "--issuer-account",
              account.publicKey(),
              "--name",
              "svc");

      assertEquals(0, r.exitCode(), r::toString);
      try (Creds creds = Creds.parse(r.stdoutBytes())) {
        assertEquals(signingKey.publicKey(), creds.claims().issuer());
        assertEquals(account.publicKey(), creds.claims().issuerAccount());
      }
      assertNoSeed(r.stderr(), seed);
    }
  }

  @Test
  void generate_out_writesOwnerOnlyFileAndPrintsThePublicKey() throws IOException {
    Path out = dir.resolve("alice.creds");

    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            accountFile.toString(),
            "--name",
            "alice",
            "--out",
            out.toString());

    assertEquals(0, r.exitCode(), r::toString);
    try (Creds creds = Creds.read(out)) {
      assertEquals(creds.publicKey() + "\n", r.stdout());
      assertEquals(NKeyType.USER, creds.userKey().type());
    }
    assumeTrue(out.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
  }

  @Test
  void generate_outExists_refusesWithoutForceAndReplacesWithForce() throws IOException {
    Path out = dir.resolve("alice.creds");
    Files.writeString(out, "keep");
    String[] args = {
      "creds",
      "generate",
      "--account-key",
      accountFile.toString(),
      "--name",
      "a",
      "--out",
      out.toString()
    };

    Result refused = run(args);

    assertEquals(2, refused.exitCode(), refused::toString);
    assertTrue(refused.stderr().contains("already exists; use --force"), refused::toString);
    assertEquals("keep", Files.readString(out));

    String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
    forced[args.length] = "--force";
    Result replaced = run(forced);

    assertEquals(0, replaced.exitCode(), replaced::toString);
    try (Creds creds = Creds.read(out)) {
      assertEquals(creds.publicKey() + "\n", replaced.stdout());
    }
  }

  @Test
  void generate_twice_differentUsers() {
    String[] args = {"creds", "generate", "--account-key", accountFile.toString(), "--name", "a"};
    try (Creds a = Creds.parse(run(args).stdoutBytes());
        Creds b = Creds.parse(run(args).stdoutBytes())) {
      assertFalse(a.publicKey().equals(b.publicKey()));
    }
  }

  @Test
  void generate_userSeedAsAccountKey_exitsTwo() throws IOException {
    Path userFile = dir.resolve("user.nk");
    try (NKey user = NKey.generate(NKeyType.USER)) {
      Files.writeString(userFile, new String(user.seed()));
    }

    Result r = run("creds", "generate", "--account-key", userFile.toString(), "--name", "a");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals(
        "natsjwt: key file '"
            + userFile
            + "' holds a user seed; --account-key needs an account seed (SA...) or an account"
            + " signing key seed\n",
        r.stderr());
  }

  @Test
  void generate_seedOnTheCommandLine_refusedWithoutEchoingIt() {
    Result r = run("creds", "generate", "--account-key", accountSeed, "--name", "a");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("not the seed itself"), r::toString);
    assertNoSeed(r.all(), accountSeed);
  }

  @Test
  void generate_issuerAccountIsTheSigner_exitsTwo() {
    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            accountFile.toString(),
            "--issuer-account",
            account.publicKey(),
            "--name",
            "a");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("is the public key of --account-key itself"), r::toString);
    assertEquals("", r.stdout());
  }

  @Test
  void generate_issuerAccountNotAnAccount_exitsTwo() {
    try (NKey user = NKey.generate(NKeyType.USER)) {
      Result r =
          run(
              "creds",
              "generate",
              "--account-key",
              accountFile.toString(),
              "--issuer-account",
              user.publicKey(),
              "--name",
              "a");

      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(
          r.stderr().startsWith("natsjwt: --issuer-account needs an account public key (A...)"),
          r::toString);
    }
  }

  @Test
  void generate_invalidSubject_exitsTwoWithTheValidationIssue() {
    Result r =
        run(
            "creds",
            "generate",
            "--account-key",
            accountFile.toString(),
            "--name",
            "a",
            "--pub-allow",
            "a..b");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: the user JWT would not be valid: "), r::toString);
    assertEquals("", r.stdout());
  }

  @Test
  void generate_twoInputsFromStdin_isAUsageError() {
    Result r =
        run("creds", "generate", "--account-key", "-", "--issuer-account", "-", "--name", "a");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("only one input can be read from standard input"), r::toString);
  }

  @Test
  void generate_missingName_isAUsageError() {
    Result r = run("creds", "generate", "--account-key", accountFile.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--name"), r::toString);
  }
}
