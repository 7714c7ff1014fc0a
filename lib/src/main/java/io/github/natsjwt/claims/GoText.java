package io.github.natsjwt.claims;

import io.github.natsjwt.internal.GoStrings;
import io.github.natsjwt.internal.Redact;

/**
 * Go's string helpers that validation messages and list normalisation depend on: {@code %q}
 * quoting ({@code strconv.Quote}), {@code strings.TrimSpace} and {@code strings.ToLower}.
 */
final class GoText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoText() {}

  /**
   * Quotes a key-like value as Go's {@code %q} does when it is a public key (or empty, or {@code
   * *}); anything else may be a seed or private key, and only its length is shown.
   */
  static String quoteKey(String s) {
    return Redact.isShown(s) ? quote(s) : Redact.redacted(s);
  }

  /**
   * Quotes free text as Go's {@code %q} does unless it may hold key material ({@link
   * Redact#text(String)}), which is shown only by its length.
   */
  static String quoteText(String s) {
    String shown = Redact.text(s);
    return shown.equals(s) ? quote(s) : shown;
  }

  /** Quotes like Go's {@code %q}: printable characters raw, others escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isSurrogate((char) cp) && cp < 0x10000) {
        // A lone surrogate cannot come from valid UTF-8; Go would have read U+FFFD.
        cp = 0xFFFD;
      }
      if (cp == '"' || cp == '\\') {
        sb.append('\\').append((char) cp);
      } else if (isPrint(cp)) {
        sb.appendCodePoint(cp);
      } else {
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
              sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
            } else if (cp < 0x10000) {
              hex(sb.append("\\u"), cp, 4);
            } else {
              hex(sb.append("\\U"), cp, 8);
            }
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

  /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int cp) {
    return GoStrings.isSpace(cp);
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    return GoStrings.trimSpace(s);
  }

  /** Go's {@code strings.ToLower}: each code point lower-cased on its own, without context. */
  static String toLower(String s) {
    return GoStrings.toLower(s);
  }
}
