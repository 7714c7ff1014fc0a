package io.github.natsjwt.internal.go;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's string helpers whose exact results decisions depend on: which characters are white space,
 * trimming, splitting into fields and lower-casing. Shared by the claims rules and the server rules
 * so that both agree on them.
 */
public final class GoStrings {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoStrings() {}

  /**
   * Quotes text as Go's {@code strconv.Quote} (and so {@code fmt}'s {@code %q}) does: printable
   * characters as they are, {@code "} and the backslash escaped, {@code \a \b \f \n \r \t \v} for
   * those controls, {@code \xNN} for other bytes below 0x20 and for 0x7f, and a four- or
   * eight-digit Unicode escape (<code>&#92;u00a0</code>, <code>&#92;U000e0001</code>) for every
   * other character Go does not count as printable.
   *
   * <p>A lone surrogate cannot come from valid UTF-8; it is quoted as U+FFFD, which is what Go
   * reads from the JSON this library writes for it.
   *
   * @param s the text
   * @return the quoted text
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
        cp = 0xFFFD;
      }
      if (cp == '"' || cp == '\\') {
        sb.append('\\').append((char) cp);
        continue;
      }
      if (isPrint(cp)) {
        sb.appendCodePoint(cp);
        continue;
      }
      switch (cp) {
        case 0x07:
          sb.append("\\a");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case 0x0B:
          sb.append("\\v");
          break;
        default:
          if (cp < ' ' || cp == 0x7f) {
            hex(sb.append("\\x"), cp, 2);
          } else if (cp < 0x10000) {
            hex(sb.append("\\u"), cp, 4);
          } else {
            hex(sb.append("\\U"), cp, 8);
          }
      }
    }
    return sb.append('"').toString();
  }

  private static void hex(StringBuilder sb, int cp, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(cp >>> shift) & 0xF]);
    }
  }

  /**
   * Go's {@code unicode.IsPrint} (which {@code strconv.IsPrint} equals): letters, marks, numbers,
   * punctuation, symbols and the ASCII space, as of the Unicode version of the Go reference (see
   * {@code GoPrintable}), whatever the JDK's.
   *
   * @param cp a code point
   * @return whether Go prints it as it is when quoting
   */
  public static boolean isPrint(int cp) {
    int[] bounds = GoPrintable.BOUNDS;
    // The number of bounds at or below cp is odd exactly inside a printable range.
    int lo = 0;
    int hi = bounds.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bounds[mid] <= cp) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (lo & 1) == 1;
  }

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
