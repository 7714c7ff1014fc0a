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
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyVerifyCommandTest {
  private static final JsonNode README =
      Vectors.root().at("/upstream_strings_checked/nk_readme_signature");
  // The public key of the README seed, from the vector file's seed_to_public list.
  private static final String README_PUBLIC =
      Vectors.list("/upstream_strings_checked/seed_to_public").stream()
          .filter(p -> p.get("seed").asText().equals(README.get("seed").asText()))
          .findFirst()
          .orElseThrow()
          .get("public_key")
          .asText();
  private static final String README_SIG = README.get("signature_base64url").asText();

  @TempDir Path dir;

  static Stream<Arguments> ed25519Vectors() {
    return Vectors.list("/ed25519").stream()
        .map(v -> Arguments.of(v.get("type").asText() + " " + v.get("seed_source").asText(), v));
  }

  static Stream<Arguments> signatureEdgeCases() {
    return Vectors.list("/signature_edge_cases").stream()
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  @Test
  void verify_nkReadmeSignature_printsVerifiedOk() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());

    Result r =
        run("key", "verify", "--pubkey", README_PUBLIC, "--sig", README_SIG, data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("Verified OK\n", r.stdout());
    assertEquals("", r.stderr());
  }

  @Test
  void verify_nkReadmeSignatureWithoutTrailingNewline_exits1() throws IOException {
    String message = README.get("message_utf8").asText();
    Path data = write("msg", message.substring(0, message.length() - 1));

    Result r =
        run("key", "verify", "--pubkey", README_PUBLIC, "--sig", README_SIG, data.toString());

    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(r.stderr().startsWith("natsjwt: signature does not verify"), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ed25519Vectors")
  void verify_goVector_printsVerifiedOk(String name, JsonNode v) throws IOException {
    Path data = Files.write(dir.resolve("data"), Vectors.hex(v, "message_hex"));

    Result r =
        run(
            "key",
            "verify",
            "--pubkey",
            v.get("public_key").asText(),
            "--sig",
            v.get("signature_base64url").asText(),
            data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("Verified OK\n", r.stdout());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureEdgeCases")
  void verify_rejectedEdgeCase_exits1(String name, JsonNode v) throws IOException {
    Path data = Files.write(dir.resolve("data"), Vectors.hex(v, "message_hex"));
    Path sig = write("sig", Base64.getUrlEncoder().encodeToString(Vectors.hex(v, "signature_hex")));

    Result r =
        run(
            "key",
            "verify",
            "--pubkey",
            v.get("public_key").asText(),
            "--sig",
            sig.toString(),
            data.toString());

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("signature does not verify"), r::toString);
  }

  @Test
  void verify_keyAndSignatureFromFiles_printsVerifiedOk() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());
    Path pub = write("user.pub", "# the user\n" + README_PUBLIC + "\r\n");
    Path sig = write("msg.sig", README_SIG + "\n");

    Result r =
        run("key", "verify", "--pubkey", pub.toString(), "--sig", sig.toString(), data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("Verified OK\n", r.stdout());
  }

  @Test
  void verify_dataOnStdin_printsVerifiedOk() {
    Result r =
        runWithStdin(
            README.get("message_utf8").asText(),
            "key",
            "verify",
            "--pubkey",
            README_PUBLIC,
            "--sig",
            README_SIG,
            "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("Verified OK\n", r.stdout());
  }

  @Test
  void verify_signatureOnStdin_printsVerifiedOk() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());

    Result r =
        runWithStdin(
            README_SIG + "\n",
            "key",
            "verify",
            "--pubkey",
            README_PUBLIC,
            "--sig",
            "-",
            data.toString());

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void verify_otherPublicKey_exits1() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());
    String other = Vectors.list("/ed25519").get(2).get("public_key").asText();

    Result r = run("key", "verify", "--pubkey", other, "--sig", README_SIG, data.toString());

    assertEquals(1, r.exitCode(), r::toString);
  }

  @Test
  void verify_publicKeyWithBadChecksum_exits2() throws IOException {
    Path data = write("msg", "x");
    String bad = README_PUBLIC.substring(0, 54) + "AA";

    Result r = run("key", "verify", "--pubkey", bad, "--sig", README_SIG, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("bad checksum"), r::toString);
  }

  @Test
  void verify_curvePublicKey_exits2() throws IOException {
    Path data = write("msg", "x");
    String curve = Vectors.list("/curve/keys").get(0).get("public_key").asText();

    Result r = run("key", "verify", "--pubkey", curve, "--sig", README_SIG, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("curve"), r::toString);
  }

  @Test
  void verify_seedAsPubkey_exits2WithoutEchoingSeed() throws IOException {
    Path data = write("msg", "x");
    String seed = README.get("seed").asText();

    Result r = run("key", "verify", "--pubkey", seed, "--sig", README_SIG, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void verify_seedFileAsPubkey_exits2WithoutEchoingSeed() throws IOException {
    Path data = write("msg", "x");
    String seed = README.get("seed").asText();
    Path key = write("user.nk", seed);

    Result r =
        run("key", "verify", "--pubkey", key.toString(), "--sig", README_SIG, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("holds a seed, not a public key"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void verify_missingSignatureFile_exits2() throws IOException {
    Path data = write("msg", "x");

    Result r = run("key", "verify", "--pubkey", README_PUBLIC, "--sig", "msg.sig", data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("cannot read signature file 'msg.sig'"), r::toString);
  }

  @Test
  void verify_signatureFileNotBase64_exits2() throws IOException {
    Path data = write("msg", "x");
    Path sig = write("msg.sig", "not a signature!");

    Result r =
        run("key", "verify", "--pubkey", README_PUBLIC, "--sig", sig.toString(), data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("does not hold a base64url signature"), r::toString);
  }

  @Test
  void verify_emptySignatureFile_exits2() throws IOException {
    Path data = write("msg", "x");
    Path sig = write("msg.sig", "\n");

    Result r =
        run("key", "verify", "--pubkey", README_PUBLIC, "--sig", sig.toString(), data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().endsWith("msg.sig' is empty\n"), r::toString);
  }

  @Test
  void verify_truncatedSignatureFile_exits1() throws IOException {
    Path data = write("msg", README.get("message_utf8").asText());
    Path sig = write("msg.sig", README_SIG.substring(0, 80));

    Result r =
        run("key", "verify", "--pubkey", README_PUBLIC, "--sig", sig.toString(), data.toString());

    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("an Ed25519 signature is 64"), r::toString);
  }

  @Test
  void verify_twoInputsOnStdin_exits2() {
    Result r = runWithStdin("x", "key", "verify", "--pubkey", "-", "--sig", "-", "msg");

    assertEquals(2, r.exitCode(), r::toString);
  }

  @Test
  void verify_missingSig_exits2() {
    Result r = run("key", "verify", "--pubkey", README_PUBLIC, "msg");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--sig"), r::toString);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
