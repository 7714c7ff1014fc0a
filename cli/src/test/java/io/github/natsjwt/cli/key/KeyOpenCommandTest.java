package io.github.natsjwt.cli.key;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyOpenCommandTest {
  private static final JsonNode ALICE_TO_BOB = Vectors.list("/curve/sealed").get(0);
  private static final String BOB_SEED = ALICE_TO_BOB.get("recipient_seed").asText();

  // Exit code per Go error of the bob.Open failure vectors: only "could not decrypt" is a failed
  // verification; a malformed message or a non-curve sender is bad input.
  private static final Map<String, Integer> EXIT_BY_GO_ERROR =
      Map.of(
          "nkeys: could not decrypt input", 1,
          "nkeys: encrypted input wrong version", 2,
          "nkeys: encrypted input is not valid", 2,
          "nkeys: not a valid sender public curve key", 2);

  @TempDir Path dir;

  static Stream<Arguments> sealedVectors() {
    return Vectors.list("/curve/sealed").stream().map(v -> Arguments.of(v.get("name").asText(), v));
  }

  static Stream<Arguments> openFailures() {
    return Vectors.list("/curve/failures").stream()
        .filter(v -> v.get("operation").asText().equals("bob.Open"))
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sealedVectors")
  void open_goVector_writesPlaintext(String name, JsonNode v) throws IOException {
    Path key = write("recipient.xk", v.get("recipient_seed").asText() + "\n");
    Path sealed = write("sealed.b64", v.get("sealed_base64").asText() + "\n");

    Result r =
        run(
            "key",
            "open",
            "--key",
            key.toString(),
            "--sender",
            v.get("sender_public_key").asText(),
            sealed.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertArrayEquals(Vectors.hex(v, "plaintext_hex"), r.stdoutBytes());
    assertEquals("", r.stderr());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("openFailures")
  void open_goFailureVector_exitsWithMappedCode(String name, JsonNode v) throws IOException {
    Path key = write("bob.xk", BOB_SEED);
    Path sealed =
        write("sealed.b64", Base64.getEncoder().encodeToString(Vectors.hex(v, "input_hex")));

    Result r =
        run(
            "key",
            "open",
            "--key",
            key.toString(),
            "--sender",
            v.get("peer").asText(),
            sealed.toString());

    int expected = EXIT_BY_GO_ERROR.get(v.get("go_error").asText());
    assertEquals(expected, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertNoSeed(r.all(), BOB_SEED);
  }

  @Test
  void open_sealedOnStdinWrappedOverLines_writesPlaintext() throws IOException {
    Path key = write("bob.xk", BOB_SEED);
    String b64 = ALICE_TO_BOB.get("sealed_base64").asText();
    String wrapped = b64.substring(0, 30) + "\r\n" + b64.substring(30) + "\n";

    Result r =
        runWithStdin(
            wrapped,
            "key",
            "open",
            "--key",
            key.toString(),
            "--sender",
            ALICE_TO_BOB.get("sender_public_key").asText(),
            "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(ALICE_TO_BOB.get("plaintext_utf8").asText(), r.stdout());
  }

  @Test
  void open_keyOnStdin_writesPlaintext() throws IOException {
    Path sealed = write("sealed.b64", ALICE_TO_BOB.get("sealed_base64").asText());

    Result r =
        runWithStdin(
            BOB_SEED + "\n",
            "key",
            "open",
            "--key",
            "-",
            "--sender",
            ALICE_TO_BOB.get("sender_public_key").asText(),
            sealed.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(ALICE_TO_BOB.get("plaintext_utf8").asText(), r.stdout());
  }

  @Test
  void open_notBase64_exits2() throws IOException {
    Path key = write("bob.xk", BOB_SEED);
    Path sealed = write("sealed.b64", "this is not base64!");

    Result r =
        run(
            "key",
            "open",
            "--key",
            key.toString(),
            "--sender",
            ALICE_TO_BOB.get("sender_public_key").asText(),
            sealed.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("is not standard base64"), r::toString);
  }

  @Test
  void open_userSeed_exits2() throws IOException {
    String userSeed = Vectors.ed25519("user").get("seed").asText();
    Path key = write("user.nk", userSeed);
    Path sealed = write("sealed.b64", ALICE_TO_BOB.get("sealed_base64").asText());

    Result r =
        run(
            "key",
            "open",
            "--key",
            key.toString(),
            "--sender",
            ALICE_TO_BOB.get("sender_public_key").asText(),
            sealed.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("need a curve seed"), r::toString);
    assertNoSeed(r.all(), userSeed);
  }

  @Test
  void open_senderIsSeed_exits2WithoutEchoingSeed() throws IOException {
    Path key = write("bob.xk", BOB_SEED);
    Path sealed = write("sealed.b64", ALICE_TO_BOB.get("sealed_base64").asText());
    String aliceSeed = ALICE_TO_BOB.get("sender_seed").asText();

    Result r =
        run("key", "open", "--key", key.toString(), "--sender", aliceSeed, sealed.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertNoSeed(r.all(), aliceSeed);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
