package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final JsonNode USER = Vectors.ed25519("user");

  @Test
  void redact_seedInText_keepsOnlyPrefix() {
    String text = "Unmatched argument at index 3: '" + USER.get("seed").asText() + "'";

    assertEquals("Unmatched argument at index 3: 'SU...(redacted)'", Redaction.redact(text));
  }

  @Test
  void redact_privateKey_keepsOnlyPrefix() {
    String text = "bad: " + USER.get("private_key").asText();

    assertEquals("bad: PA...(redacted)", Redaction.redact(text));
  }

  @Test
  void redact_publicKeyAndSignature_unchanged() {
    String text =
        "key "
            + USER.get("public_key").asText()
            + " sig "
            + USER.get("signature_base64url").asText();

    assertEquals(text, Redaction.redact(text));
  }

  @Test
  void redact_multiLineMessage_becomesOneLine() {
    assertEquals("first second", Redaction.redact("first\r\n  second\n"));
  }

  @Test
  void looksLikeSecret_seedsAndPrivateKeys_true() {
    assertTrue(Redaction.looksLikeSecret(USER.get("seed").asText()));
    assertTrue(Redaction.looksLikeSecret(USER.get("seed").asText() + "\n"));
    assertTrue(Redaction.looksLikeSecret(USER.get("private_key").asText()));
  }

  @Test
  void looksLikeSecret_fileNamesAndPublicKeys_false() {
    assertFalse(Redaction.looksLikeSecret("seed.nk"));
    assertFalse(Redaction.looksLikeSecret("-"));
    assertFalse(Redaction.looksLikeSecret("SECRETS"));
    assertFalse(Redaction.looksLikeSecret(USER.get("public_key").asText()));
  }
}
