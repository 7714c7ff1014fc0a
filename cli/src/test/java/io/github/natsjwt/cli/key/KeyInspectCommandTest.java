package io.github.natsjwt.cli.key;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyInspectCommandTest {
  @TempDir Path dir;

  /** Every vector key: type name, seed, public key. */
  static Stream<Arguments> vectorKeys() {
    Stream<Arguments> signing =
        Vectors.list("/ed25519").stream()
            .map(
                v ->
                    Arguments.of(
                        v.get("type").asText(),
                        v.get("seed").asText(),
                        v.get("public_key").asText()));
    Stream<Arguments> curve =
        Vectors.list("/curve/keys").stream()
            .map(v -> Arguments.of("curve", v.get("seed").asText(), v.get("public_key").asText()));
    return Stream.concat(signing, curve);
  }

  /**
   * The invalid-encoding vectors that are neither a public key nor a seed. Inputs with white space
   * around them are left out: the tool trims what it reads, as nk does.
   */
  static Stream<Arguments> invalidEncodings() {
    return Vectors.list("/invalid_encodings").stream()
        .filter(v -> !v.at("/expected/from_public_key").asText().startsWith("ok"))
        .filter(v -> !v.at("/expected/from_seed").asText().startsWith("ok"))
        .filter(v -> !v.get("input").asText().isBlank())
        .filter(v -> v.get("input").asText().strip().equals(v.get("input").asText()))
        .map(v -> Arguments.of(v.get("name").asText(), v.get("input").asText()));
  }

  @Test
  void inspect_keyWithSurroundingWhiteSpace_isTrimmed() {
    Result r =
        run("key", "inspect", " " + Vectors.ed25519("server").get("public_key").asText() + "\n");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("type:       server\n"), r::toString);
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("vectorKeys")
  void inspect_vectorPublicKey_printsType(String type, String seed, String publicKey) {
    Result r = run("key", "inspect", publicKey);

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(
        "type:       "
            + type
            + "\n"
            + "public key: "
            + publicKey
            + "\n"
            + "seed:       no\n"
            + "valid:      yes\n",
        r.stdout());
    assertEquals("", r.stderr());
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("vectorKeys")
  void inspect_vectorSeedFile_printsTypeAndPublicKeyNotSeed(
      String type, String seed, String publicKey) throws IOException {
    Path file = Files.writeString(dir.resolve("key.nk"), seed + "\n");

    Result r = run("key", "inspect", "--file", file.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("type:       " + type + "\n"), r::toString);
    assertTrue(r.stdout().contains("public key: " + publicKey + "\n"), r::toString);
    assertTrue(r.stdout().contains("seed:       yes (not shown)\n"), r::toString);
    assertEquals("", r.stderr());
    assertNoSeed(r.all(), seed);
  }

  @Test
  void inspect_seedOnStdin_printsPublicKeyWithoutWarning() {
    JsonNode v = Vectors.ed25519("user");

    Result r = runWithStdin(v.get("seed").asText() + "\r\n", "key", "inspect", "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(v.get("public_key").asText()), r::toString);
    assertEquals("", r.stderr());
    assertNoSeed(r.all(), v.get("seed").asText());
  }

  @Test
  void inspect_seedAsArgument_worksAndWarnsOnStderr() {
    JsonNode v = Vectors.ed25519("account");

    Result r = run("key", "inspect", v.get("seed").asText());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("public key: " + v.get("public_key").asText()), r::toString);
    assertEquals("natsjwt: warning: " + KeyInspectCommand.SEED_ARGUMENT_WARNING + "\n", r.stderr());
    assertNoSeed(r.all(), v.get("seed").asText());
  }

  @Test
  void inspect_credsFile_findsTheSeed() throws IOException {
    // The Go reference's ParseDecoratedNKey result for this creds file is the key to find.
    JsonNode creds = Vectors.list("/creds").get(1);
    Path file = Files.writeString(dir.resolve("user.creds"), creds.get("content").asText());

    Result r = run("key", "inspect", "--file", file.toString());

    assertEquals(0, r.exitCode(), r::toString);
    String expected = creds.get("ParseDecoratedNKey").asText().substring("ok: ".length());
    assertTrue(r.stdout().contains("public key: " + expected + "\n"), r::toString);
    assertNoSeed(r.all());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEncodings")
  void inspect_invalidEncoding_exits2WithReason(String name, String input) {
    Result r = run("key", "inspect", input);

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("valid:      no\n", r.stdout());
    // One line, the reason, after an optional warning about secrets on the command line.
    String reason = r.stderr().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(reason.startsWith("natsjwt: "), r::toString);
    assertFalse(reason.contains("Exception"), r::toString);
    if (input.startsWith("S") || input.startsWith("P")) {
      assertNoSeed(r.all(), input.strip());
    }
  }

  @Test
  void inspect_damagedSeedInFile_exits2WithoutEchoingIt() throws IOException {
    String seed = Vectors.ed25519("user").get("seed").asText();
    String damaged = seed.substring(0, 30) + "0" + seed.substring(31);
    Path file = Files.writeString(dir.resolve("key.nk"), damaged + "\n");

    Result r = run("key", "inspect", "--file", file.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("not valid base32"), r::toString);
    assertTrue(r.stderr().contains("(not shown)"), r::toString);
    assertNoSeed(r.all(), damaged);
  }

  @Test
  void inspect_emptyStdin_exits2() {
    Result r = runWithStdin("  \n", "key", "inspect", "-");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("standard input is empty"), r::toString);
  }

  @Test
  void inspect_noInput_exits2() {
    Result r = run("key", "inspect");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("give one of"), r::toString);
  }

  @Test
  void inspect_keyAndFile_exits2() {
    Result r = run("key", "inspect", "UAB2", "--file", "x");

    assertEquals(2, r.exitCode(), r::toString);
  }

  @Test
  void inspect_missingFile_exits2() {
    Result r = run("key", "inspect", "--file", dir.resolve("nope").toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("no such file"), r::toString);
  }

  // ------------------------------------------------------------------ --json

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorKeys")
  void inspect_json_vectorSeedAndPublicKey_documentedObject(
      String type, String seed, String publicKey) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();

    Result fromSeed = runWithStdin(seed + "\n", "key", "inspect", "--json", "-");
    Result fromPublic = run("key", "inspect", "--json", publicKey);

    assertEquals(0, fromSeed.exitCode(), fromSeed::toString);
    assertNoSeed(fromSeed.all(), seed);
    JsonNode s = m.readTree(fromSeed.stdout());
    assertEquals(
        "{\"valid\":true,\"type\":\""
            + type
            + "\",\"public_key\":\""
            + publicKey
            + "\",\"seed\":true,\"error\":null}",
        s.toString());
    JsonNode p = m.readTree(fromPublic.stdout());
    assertEquals(publicKey, p.get("public_key").asText());
    assertEquals(false, p.get("seed").asBoolean());
    assertEquals(1, fromPublic.lines().length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidEncodings")
  void inspect_json_invalidEncoding_validFalseWithErrorExit2(String name, String input)
      throws Exception {
    Result r = runWithStdin(input + "\n", "key", "inspect", "--json", "-");

    assertEquals(2, r.exitCode(), r::toString);
    JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    assertEquals(false, j.get("valid").asBoolean());
    assertTrue(j.get("type").isNull());
    assertTrue(j.get("public_key").isNull());
    assertFalse(j.get("error").asText().isEmpty());
    // The same reason as on standard error, once.
    assertEquals("natsjwt: " + j.get("error").asText() + "\n", r.stderr());
  }
}
