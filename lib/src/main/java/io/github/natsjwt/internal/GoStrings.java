package io.github.natsjwt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's string helpers whose exact results decisions depend on: which characters are white space,
 * trimming, splitting into fields and lower-casing. Shared by the claims rules and the server rules
 * so that both agree on them.
 */
public final class GoStrings {
  private GoStrings() {}

  /**
   * Go's {@code unicode.IsSpace}.
   *
   * @param cp a code point
   * @return whether Go counts it as white space
   */
  public static boolean isSpace(int cp) {
    switch (cp) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
        return true;
      default:
        return cp > 0xFF && Character.getType(cp) == Character.SPACE_SEPARATOR
            || cp == 0x2028
            || cp == 0x2029;
    }
  }

  /**
   * Go's {@code strings.TrimSpace}.
   *
   * @param s the text
   * @return the text without leading and trailing white space
   */
  public static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (end > start && isSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /**
   * Go's {@code strings.ToLower}: each code point lower-cased on its own, without context.
   *
   * @param s the text
   * @return the lower-cased text
   */
  public static String toLower(String s) {
    int n = s.length();
    int i = 0;
    char c;
    while (i < n && (c = s.charAt(i)) < 0x80 && (c < 'A' || c > 'Z')) {
      i++;
    }
    if (i == n) {
      return s; // nothing to change, as is usual for what it is given
    }
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  /**
   * Go's {@code strings.Fields}: the runs of non-space characters.
   *
   * @param s the text
   * @return the fields in order; empty when {@code s} is only white space
   */
  public static List<String> fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      int start = i;
      while (i < n && !isSpace(s.codePointAt(i))) {
        i += Character.charCount(s.codePointAt(i));
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }
}
