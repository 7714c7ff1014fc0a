package io.github.natsjwt.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Quoting text from outside for messages and log records. */
class RedactTest {
  @Test
  void quoted_printableAscii_asIs() {
    assertEquals("\"jwt updated\"", Redact.quoted("jwt updated", 64));
  }

  @Test
  void quoted_quoteAndBackslash_escaped() {
    assertEquals("\"a\\\"b\\\\c\"", Redact.quoted("a\"b\\c", 64));
  }

  @Test
  void quoted_controlAndNonAscii_escapedSoNoLineCanBeForged() {
    assertEquals(
        "\"x\\u000a[forged]\\u0007\\u00e9\\u2028\\ud83d\\ude00\"",
        Redact.quoted("x\n[forged]\u0007é\u2028😀", 64));
  }

  @Test
  void quoted_longerThanMax_cutWithLength() {
    assertEquals("\"zzz\"... (100 characters)", Redact.quoted("z".repeat(100), 3));
    assertEquals("\"zzz\"", Redact.quoted("zzz", 3));
    assertEquals("\"\"", Redact.quoted("", 3));
  }
}
