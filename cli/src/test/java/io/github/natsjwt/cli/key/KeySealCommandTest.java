package io.github.natsjwt.cli.key;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.Vectors;
import io.github.natsjwt.nkey.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySealCommandTest {
  private static final JsonNode ALICE_TO_BOB = Vectors.list("/curve/sealed").get(0);
  private static final String ALICE_SEED = ALICE_TO_BOB.get("sender_seed").asText();
  private static final String ALICE = ALICE_TO_BOB.get("sender_public_key").asText();
  private static final String BOB_SEED = ALICE_TO_BOB.get("recipient_seed").asText();
  private static final String BOB = ALICE_TO_BOB.get("recipient_public_key").asText();

  @TempDir Path dir;

  @Test
  void seal_vectorKeys_bobOpensWithReferenceKey() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);
    Path data = Files.write(dir.resolve("msg"), Vectors.hex(ALICE_TO_BOB, "plaintext_hex"));

    Result r = run("key", "seal", "--key", key.toString(), "--recipient", BOB, data.toString());

    assertEquals(0, r.exitCode(), r::toString);
    byte[] sealed = Base64.getDecoder().decode(r.stdout().strip());
    // The vector's layout: "xkv1", 24-byte nonce, 16-byte tag, ciphertext.
    assertEquals(ALICE_TO_BOB.get("sealed_len").asInt(), sealed.length);
    assertArrayEquals("xkv1".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(sealed, 4));
    try (NKey bob = NKey.fromSeed(BOB_SEED)) {
      assertArrayEquals(Vectors.hex(ALICE_TO_BOB, "plaintext_hex"), bob.open(sealed, ALICE));
    }
    assertNoSeed(r.all(), ALICE_SEED);
  }

  @Test
  void seal_thenOpen_roundTripsBinaryData() throws IOException {
    Path aliceKey = write("alice.xk", ALICE_SEED);
    Path bobKey = write("bob.xk", BOB_SEED);
    byte[] plaintext = new byte[1000];
    for (int i = 0; i < plaintext.length; i++) {
      plaintext[i] = (byte) (i * 7);
    }
    Path data = Files.write(dir.resolve("msg"), plaintext);

    Result sealed =
        run("key", "seal", "--key", aliceKey.toString(), "--recipient", BOB, data.toString());
    Result opened =
        runWithStdin(
            sealed.stdout(), "key", "open", "--key", bobKey.toString(), "--sender", ALICE, "-");

    assertEquals(0, sealed.exitCode(), sealed::toString);
    assertEquals(0, opened.exitCode(), opened::toString);
    assertArrayEquals(plaintext, opened.stdoutBytes());
  }

  @Test
  void seal_sameInputTwice_usesFreshNonce() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);
    Path data = write("msg", "hi");

    Result a = run("key", "seal", "--key", key.toString(), "--recipient", BOB, data.toString());
    Result b = run("key", "seal", "--key", key.toString(), "--recipient", BOB, data.toString());

    assertNotEquals(a.stdout(), b.stdout());
  }

  @Test
  void seal_recipientFromFile_seals() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);
    Path recipient = write("bob.pub", BOB + "\n");

    Result r =
        runWithStdin(
            "hi", "key", "seal", "--key", key.toString(), "--recipient", recipient.toString(), "-");

    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void seal_recipientIsUserKey_exits2() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);
    Path data = write("msg", "hi");
    String user = Vectors.ed25519("user").get("public_key").asText();

    Result r = run("key", "seal", "--key", key.toString(), "--recipient", user, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("a curve key is required"), r::toString);
  }

  @Test
  void seal_recipientIsCurveSeed_exits2WithoutEchoingSeed() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);
    Path data = write("msg", "hi");

    Result r =
        run("key", "seal", "--key", key.toString(), "--recipient", BOB_SEED, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertNoSeed(r.all(), BOB_SEED);
  }

  @Test
  void seal_userSeed_exits2() throws IOException {
    String userSeed = Vectors.ed25519("user").get("seed").asText();
    Path key = write("user.nk", userSeed);
    Path data = write("msg", "hi");

    Result r = run("key", "seal", "--key", key.toString(), "--recipient", BOB, data.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("holds a user seed"), r::toString);
    assertNoSeed(r.all(), userSeed);
  }

  @Test
  void seal_missingRecipient_exits2() throws IOException {
    Path key = write("alice.xk", ALICE_SEED);

    Result r = run("key", "seal", "--key", key.toString(), "msg");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("--recipient"), r::toString);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
