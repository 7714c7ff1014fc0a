package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GoTextTest {
  @Test
  void quote_likeGoPercentQ() {
    assertEquals("\"a\"", GoText.quote("a"));
    assertEquals("\"\"", GoText.quote(""));
    assertEquals("\"\\\"\\\\\"", GoText.quote("\"\\"));
    assertEquals("\"\\a\\b\\f\\n\\r\\t\\v\"", GoText.quote("\u0007\b\f\n\r\t\u000b"));
    assertEquals("\"\\x00\\x1f\\x7f\"", GoText.quote("\u0000\u001f\u007f"));
    assertEquals("\"Zoë 漢字 😀\"", GoText.quote("Zoë 漢字 😀"));
    assertEquals("\"\\u00a0\\u2028\\U000e0001\"", GoText.quote("\u00a0\u2028\uDB40\uDC01"));
    assertEquals("\"<>&\"", GoText.quote("<>&"));
  }

  @Test
  void trimSpace_unicodeSpaces() {
    assertEquals("a b", GoText.trimSpace("\u00a0\t a b\u2003\n\u0085"));
    assertEquals("", GoText.trimSpace(" \u3000 "));
  }

  @Test
  void toLower_perCodePoint() {
    assertEquals("fe80::/10", GoText.toLower("FE80::/10"));
    assertEquals("σσ", GoText.toLower("ΣΣ"));
  }
}
