package io.github.natsjwt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoStringsTest {

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
