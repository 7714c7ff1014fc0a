package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.nkey.NKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeySourcesTest {
  private static final JsonNode USER = Vectors.ed25519("user");

  /** Creds files for which the Go reference's ParseDecoratedNKey finds a key. */
  static Stream<Arguments> credsWithSeed() {
    return Vectors.list("/creds").stream()
        .filter(c -> c.get("ParseDecoratedNKey").asText().startsWith("ok: "))
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credsWithSeed")
  void readSeed_goCredsVector_findsSameKeyAsGo(String name, JsonNode creds) {
    try (NKey key = KeySources.readSeed("-", "--key", stdin(creds.get("content").asText()))) {
      assertEquals(creds.get("ParseDecoratedNKey").asText().substring(4), key.publicKey());
    }
  }

  @Test
  void readSeed_noSeedLine_explains() {
    InputException e =
        assertThrows(
            InputException.class, () -> KeySources.readSeed("-", "--key", stdin("hello\nworld\n")));

    assertEquals("standard input holds no seed: no line starts with S", e.getMessage());
  }

  @Test
  void readPublicKey_publicKeyValue_returnedAsIs() {
    String key = USER.get("public_key").asText();

    assertEquals(key, KeySources.readPublicKey(key, "--pubkey", stdin("")));
  }

  @Test
  void readPublicKey_damagedSeedInFile_notQuoted() {
    String seed = USER.get("seed").asText();
    String damaged = "S" + seed.substring(1, 10).toLowerCase() + seed.substring(10);

    InputException e =
        assertThrows(
            InputException.class,
            () -> KeySources.readPublicKey("-", "--pubkey", stdin(damaged + "\n")));

    assertTrue(e.getMessage().contains("looks like a seed"), e::getMessage);
  }

  @Test
  void firstKeyLine_crlfAndIndentation_trimmed() {
    String seed = USER.get("seed").asText();
    byte[] text = ("\r\n\t" + seed + " \r\n").getBytes(StandardCharsets.US_ASCII);

    assertArrayEquals(seed.toCharArray(), KeySources.firstKeyLine(text));
  }

  @Test
  void firstKeyLine_nonAsciiLine_skipped() {
    byte[] text = "SUÄÖÜ\n".getBytes(StandardCharsets.UTF_8);

    assertNull(KeySources.firstKeyLine(text));
  }

  @Test
  void firstKeyLine_noTrailingNewline_found() {
    String key = USER.get("public_key").asText();

    assertArrayEquals(
        key.toCharArray(), KeySources.firstKeyLine(key.getBytes(StandardCharsets.US_ASCII)));
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
