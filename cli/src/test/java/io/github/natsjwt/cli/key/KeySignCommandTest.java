package io.github.natsjwt.cli.key;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeySignCommandTest {
  private static final JsonNode README =
      Vectors.root().at("/upstream_strings_checked/nk_readme_signature");
  private static final String CURVE_SEED = Vectors.list("/curve/keys").get(0).get("seed").asText();

  @TempDir Path dir;

  static Stream<Arguments> ed25519Vectors() {
    return Vectors.list("/ed25519").stream()
        .map(v -> Arguments.of(v.get("type").asText() + " " + v.get("seed_source").asText(), v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519Vectors")
  void sign_goVector_printsReferenceSignature(String name, JsonNode v) throws IOException {
    Path key = write("key.nk", v.get("seed").asText() + "\n");
    Path data = Files.write(dir.resolve("data"), Vectors.hex(v, "message_hex"));

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(v.get("signature_base64url").asText() + "\n", r.stdout());
    assertEquals("", r.stderr());
    assertNoSeed(r.all(), v.get("seed").asText());
  }

  @Test
  void sign_nkReadmeExample_printsReadmeSignature() throws IOException {
    Path key = write("user.nk", README.get("seed").asText() + "\n");
    Path data = write("msg", README.get("message_utf8").asText());

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(README.get("signature_base64url").asText(), r.stdout().strip());
  }

  @Test
  void sign_keyOnStdinWithCrlf_signs() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());

    Result r =
        runWithStdin(
            README.get("seed").asText() + "\r\n", "key", "sign", "--key", "-", data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(README.get("signature_base64url").asText(), r.stdout().strip());
  }

  @Test
  void sign_dataOnStdin_signs() throws IOException {
    Path key = write("user.nk", README.get("seed").asText());

    Result r =
        runWithStdin(
            README.get("message_utf8").asText(), "key", "sign", "--key", key.toString(), "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(README.get("signature_base64url").asText(), r.stdout().strip());
  }

  @Test
  void sign_seedAfterJunkLines_usesFirstValidKeyLine() throws IOException {
    // As nk does: the first line that is a valid key wins; blank and comment lines are skipped.
    Path key =
        write("user.nk", "\n# my user key\n  " + README.get("seed").asText() + "  \r\nSUXXXX\n");
    Path data = write("msg", README.get("message_utf8").asText());

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(README.get("signature_base64url").asText(), r.stdout().strip());
  }

  @Test
  void sign_credsFileAsKey_signsWithItsSeed() throws IOException {
    JsonNode creds = Vectors.list("/creds").get(0);
    Path key = write("user.creds", creds.get("content").asText());
    Path data = write("msg", "nonce");

    Result signed = run("key", "sign", "--key", key.toString(), data.toString());
    String publicKey = creds.get("ParseDecoratedNKey").asText().substring("ok: ".length());
    Result verified =
        run(
            "key",
            "verify",
            "--pubkey",
            publicKey,
            "--sig",
            signed.stdout().strip(),
            data.toString());

    assertEquals(0, signed.exitCode(), signed::toString);
    assertEquals(0, verified.exitCode(), verified::toString);
  }

  @Test
  void sign_seedAsKeyArgument_exits2WithoutEchoingSeed() throws IOException {
    Path data = write("msg", "x");
    String seed = README.get("seed").asText();

    Result r = run("key", "sign", "--key", seed, data.toString());

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("--key takes a file"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void sign_seedAsExtraArgument_exits2WithoutEchoingSeed() throws IOException {
    Path key = write("user.nk", README.get("seed").asText());
    Path data = write("msg", "x");
    String otherSeed = Vectors.list("/ed25519").get(0).get("seed").asText();

    Result r = run("key", "sign", "--key", key.toString(), data.toString(), otherSeed);

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().startsWith("natsjwt: Unmatched argument"), r::toString);
    assertNoSeed(r.all(), otherSeed);
  }

  @Test
  void sign_curveSeed_exits2() throws IOException {
    Path key = write("x.nk", CURVE_SEED);
    Path data = write("msg", "x");

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(2, r.exitCode());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("holds a curve seed"), r::toString);
    assertNoSeed(r.all(), CURVE_SEED);
  }

  @Test
  void sign_publicKeyFile_exits2() throws IOException {
    Path key = write("u.pub", "UD466L6EBCM3YY5HEGHJANNTN4LSKTSUXTH7RILHCKEQMQHTBNLHJJXT\n");
    Path data = write("msg", "x");

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("holds a public key"), r::toString);
  }

  @Test
  void sign_seedWithBadChecksum_exits2WithReasonAndNoSeed() throws IOException {
    String seed = README.get("seed").asText();
    String broken =
        seed.substring(0, 20) + (seed.charAt(20) == 'A' ? 'B' : 'A') + seed.substring(21);
    Path key = write("user.nk", broken);
    Path data = write("msg", "x");

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("bad checksum"), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertNoSeed(r.all(), broken);
  }

  @Test
  void sign_emptyKeyFile_exits2() throws IOException {
    Path key = write("empty.nk", "\n\n");
    Path data = write("msg", "x");

    Result r = run("key", "sign", "--key", key.toString(), data.toString());

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("is empty"), r::toString);
  }

  @Test
  void sign_missingFiles_exits2() throws IOException {
    Path key = write("user.nk", README.get("seed").asText());

    Result noKey = run("key", "sign", "--key", dir.resolve("nope").toString(), key.toString());
    Result noData = run("key", "sign", "--key", key.toString(), dir.resolve("nope").toString());

    assertEquals(2, noKey.exitCode());
    assertTrue(noKey.stderr().contains("no such file"), noKey::toString);
    assertEquals(2, noData.exitCode());
    assertTrue(noData.stderr().contains("cannot read data file"), noData::toString);
  }

  @Test
  void sign_keyAndDataBothStdin_exits2() {
    Result r = runWithStdin("x", "key", "sign", "--key", "-", "-");

    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("only one input"), r::toString);
  }

  @Test
  void sign_missingKeyOption_exits2WithOneLine() {
    Result r = run("key", "sign", "data");

    assertEquals(2, r.exitCode());
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().contains("--key"), r::toString);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
