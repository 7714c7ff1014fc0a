package io.github.natsjwt.internal.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoStringsTest {

  /**
   * Go's {@code strconv.Quote} of each input, from go1.19.8 (Unicode 13.0.0): {@code
   * fmt.Printf("%+q -> %s\n", s, strconv.Quote(s))} over these strings.
   */
  static Stream<Arguments> goQuoteVectors() {
    return Stream.of(
        Arguments.of("http://h/\u007f", "\"http://h/\\x7f\""),
        Arguments.of("a\u0000b\u001f", "\"a\\x00b\\x1f\""),
        Arguments.of("\u0007\b\f\n\r\t\u000b", "\"\\a\\b\\f\\n\\r\\t\\v\""),
        Arguments.of("\"\\'`", "\"\\\"\\\\'`\""),
        Arguments.of("\u00e9\u6f22\ud83d\ude00", "\"\u00e9\u6f22\ud83d\ude00\""),
        Arguments.of(
            "\u00a0\u00ad\u200b\u2028\u2029\ufeff",
            "\"\\u00a0\\u00ad\\u200b\\u2028\\u2029\\ufeff\""),
        // U+1FAE0 arrived in Unicode 14: a JDK 21 calls it a symbol, Go 1.19 escapes it.
        Arguments.of("\ud83e\udee0", "\"\\U0001fae0\""),
        Arguments.of("\u0378", "\"\\u0378\""),
        Arguments.of("\ue000", "\"\\ue000\""),
        Arguments.of("\udb40\udc01", "\"\\U000e0001\""),
        Arguments.of("\udbff\udfff", "\"\\U0010ffff\""),
        Arguments.of("\ufffd", "\"\ufffd\""),
        Arguments.of("\u061c", "\"\\u061c\""),
        Arguments.of("\u0300a", "\"\u0300a\""),
        Arguments.of("\u3000", "\"\\u3000\""),
        Arguments.of("\u0085", "\"\\u0085\""),
        Arguments.of("\u00ff", "\"\u00ff\""),
        Arguments.of("\ud83d\ude00\udb40\udc7f", "\"\ud83d\ude00\\U000e007f\""),
        Arguments.of("\u08c7", "\"\u08c7\""),
        Arguments.of("\u1abf", "\"\u1abf\""));
  }

  @ParameterizedTest
  @MethodSource("goQuoteVectors")
  void quote_goVectors_matchStrconvQuote(String in, String go) {
    assertEquals(go, GoStrings.quote(in));
  }

  @Test
  void quote_loneSurrogate_quotedAsReplacementCharacter() {
    // The JSON writer sends a lone surrogate as U+FFFD, which Go prints as it is.
    assertEquals("\"a\ufffdb\"", GoStrings.quote("a\ud800b"));
  }

  @Test
  void isPrint_tableBounds_agreeWithGoRanges() {
    // go1.19.8 strconv.IsPrint: true for 0x20..0x7e, false for 0x7f..0xa0, true for 0xa1.
    assertTrue(GoStrings.isPrint(' '));
    assertTrue(GoStrings.isPrint('~'));
    assertFalse(GoStrings.isPrint(0x7f));
    assertFalse(GoStrings.isPrint(0xa0));
    assertTrue(GoStrings.isPrint(0xa1));
    assertFalse(GoStrings.isPrint(0x10ffff));
    assertFalse(GoStrings.isPrint(0));
    assertEquals("13.0.0", GoPrintable.UNICODE_VERSION);
  }

  @Test
  void fields_anyUnicodeWhitespace_splits() {
    assertEquals(List.of("foo", "q1"), GoStrings.fields("  foo\tq1\n"));
    assertEquals(List.of("a", "b", "c"), GoStrings.fields("a\u00a0b\u2003c"));
    assertEquals(List.of(), GoStrings.fields(" \t\r\n"));
    assertEquals(List.of(), GoStrings.fields(""));
  }

  @Test
  void trimSpace_goWhitespace_trimmed() {
    assertEquals("name()", GoStrings.trimSpace(" \u0085name()\u3000"));
    assertEquals("a b", GoStrings.trimSpace("a b"));
  }

  @Test
  void isSpace_goDefinition_expected() {
    assertTrue(GoStrings.isSpace(0x0B));
    assertTrue(GoStrings.isSpace(0x2028));
    assertFalse(GoStrings.isSpace(0x200B));
    assertFalse(GoStrings.isSpace('x'));
  }

  @Test
  void toLower_perCodePoint_lowered() {
    assertEquals("tag(team)", GoStrings.toLower("TAG(Team)"));
  }
}
