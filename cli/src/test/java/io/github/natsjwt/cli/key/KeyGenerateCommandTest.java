package io.github.natsjwt.cli.key;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class KeyGenerateCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(NKeyType.class)
  void generate_eachType_printsValidSeedOfThatType(NKeyType type) {
    Result r = run("key", "generate", "--type", type.name().toLowerCase());

    assertEquals(0, r.exitCode(), r::toString);
    String[] lines = r.lines();
    assertEquals(1, lines.length, r::toString);
    assertTrue(lines[0].startsWith("S" + type.letter()), r::toString);
    try (NKey key = NKey.fromSeed(lines[0])) {
      assertEquals(type, key.type());
    }
    assertEquals("", r.stderr());
  }

  @ParameterizedTest
  @CsvSource({"USER, USER", "x25519, CURVE", "xkey, CURVE", "Operator, OPERATOR"})
  void generate_typeNameVariants_accepted(String name, NKeyType expected) {
    Result r = run("key", "generate", "--type", name);

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("S" + expected.letter()), r::toString);
  }

  @Test
  void generate_pubout_printsMatchingPublicKeyAfterSeed() {
    Result r = run("key", "generate", "--type", "account", "--pubout");

    assertEquals(0, r.exitCode(), r::toString);
    String[] lines = r.lines();
    assertEquals(2, lines.length, r::toString);
    try (NKey key = NKey.fromSeed(lines[0])) {
      assertEquals(key.publicKey(), lines[1]);
    }
  }

  @Test
  void generate_twice_differentKeys() {
    assertNotEquals(
        run("key", "generate", "--type", "user").stdout(),
        run("key", "generate", "--type", "user").stdout());
  }

  @Test
  void generate_out_writesSeedFileAndPrintsOnlyPublicKey() throws IOException {
    Path file = dir.resolve("user.nk");

    Result r = run("key", "generate", "--type", "user", "--out", file.toString());

    assertEquals(0, r.exitCode(), r::toString);
    String seed = Files.readString(file).strip();
    try (NKey key = NKey.fromSeed(seed)) {
      assertEquals(NKeyType.USER, key.type());
      assertEquals(key.publicKey() + "\n", r.stdout());
    }
    assertNoSeed(r.all(), seed);
  }

  @Test
  void generate_out_fileIsOwnerOnly() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path file = dir.resolve("user.nk");

    run("key", "generate", "--type", "user", "--out", file.toString());

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void generate_outExists_refusesAndKeepsFile() throws IOException {
    Path file = Files.writeString(dir.resolve("user.nk"), "keep me\n");

    Result r = run("key", "generate", "--type", "user", "--out", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("refusing to overwrite"), r::toString);
    assertTrue(r.stderr().contains("--force"), r::toString);
    assertEquals("keep me\n", Files.readString(file));
  }

  @Test
  void generate_outExistsWithForce_replacesOwnerOnly() throws IOException {
    Path file = Files.writeString(dir.resolve("user.nk"), "old\n");

    Result r = run("key", "generate", "--type", "curve", "--out", file.toString(), "--force");

    assertEquals(0, r.exitCode(), r::toString);
    try (NKey key = NKey.fromSeed(Files.readString(file).strip())) {
      assertEquals(key.publicKey() + "\n", r.stdout());
    }
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    try (var listing = Files.list(dir)) {
      assertEquals(1, listing.count(), "temporary file left behind");
    }
  }

  @Test
  void generate_outIsDirectory_exits2() {
    Result r = run("key", "generate", "--type", "user", "--out", dir.toString(), "--force");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("is a directory"), r::toString);
  }

  @Test
  void generate_outInMissingDirectory_exits2() {
    Result r =
        run("key", "generate", "--type", "user", "--out", dir.resolve("no/such/x.nk").toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("does not exist"), r::toString);
  }

  @Test
  void generate_unknownType_exits2ListingTypes() {
    Result r = run("key", "generate", "--type", "admin");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(
        r.stderr().contains("use one of operator, account, user, server, cluster, curve"),
        r::toString);
  }

  @Test
  void generate_missingType_exits2() {
    Result r = run("key", "generate");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--type"), r::toString);
  }
}
