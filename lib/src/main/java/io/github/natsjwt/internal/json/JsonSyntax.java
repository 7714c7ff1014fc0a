package io.github.natsjwt.internal.json;

import io.github.natsjwt.internal.json.JsonIn.SyntaxException.Problem;
import java.util.Arrays;

/**
 * The error for a document that {@link JsonTape} refused: what went wrong and where, worded as the
 * library has always worded it.
 *
 * <p>The messages and offsets are those that Jackson's streaming parser gave for the same text
 * (after Go's UTF-8 repair), which the library reported before it had its own: {@code the document
 * is not valid JSON at offset 7: Unexpected character ('}' (code 125)): was expecting double-quote
 * to start field name}. Offsets count characters, and most point at the character that went wrong;
 * a bad word, and a control character between tokens, are reported where they end. {@code
 * JsonInTest} holds the wording to Jackson's on every way of going wrong and on random documents.
 *
 * <p>Only the token where the document went wrong is looked at again, so that building the error
 * costs time linear in the document too.
 */
final class JsonSyntax {
  /** The longest word quoted in an "Unrecognized token" message, as Jackson cuts it. */
  private static final int MAX_WORD = 256;

  /** What a value may be, as the messages list it. */
  private static final String VALID =
      "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

  private final String text;
  private final String subject;

  /** The character offset of the innermost open object or array; -1 at the top. */
  private final int open;

  /** Where the error is reported (a character offset), or -1 for none. */
  private int offset = -1;

  private JsonSyntax(String text, String subject, int open) {
    this.text = text;
    this.subject = subject;
    this.open = open;
  }

  /**
   * Builds the exception for a refused document.
   *
   * @param doc the document, refused ({@link JsonTape#failure} set)
   * @param path the name of the document, for example {@code "payload"}
   * @return the exception to throw
   */
  static JsonIn.SyntaxException exception(JsonTape doc, String path) {
    byte[] b = doc.buf;
    int n = doc.limit;
    String text = JsonIn.decodeUtf8(n == b.length ? b : Arrays.copyOf(b, n));
    // Each byte offset is at a character boundary of the repaired text: failures are found at
    // ASCII bytes, at the start of a token or at the end.
    int at = chars(b, Math.min(doc.failAt, n));
    int token = chars(b, Math.min(doc.failToken, n));
    boolean atEnd = doc.failAt >= n;
    Problem problem = problem(doc.failure);
    boolean hasToken =
        problem == Problem.BAD_STRING
            || problem == Problem.BAD_NUMBER
            || problem == Problem.BAD_LITERAL;
    String subject = JsonIn.subject(path);
    int open = doc.failOpen < 0 ? -1 : chars(b, doc.failOpen);
    String message =
        new JsonSyntax(text, subject, open).message(doc, at, hasToken ? token : at, atEnd);
    return new JsonIn.SyntaxException(path, message, problem, at, hasToken ? token : at, atEnd);
  }

  private static int chars(byte[] b, int end) {
    int ascii = 0;
    while (ascii < end && b[ascii] >= 0) {
      ascii++;
    }
    return ascii == end ? end : JsonIn.decodeUtf8(Arrays.copyOf(b, end)).length();
  }

  private static Problem problem(int failure) {
    switch (failure) {
      case JsonTape.NOT_OBJECT:
        return Problem.NOT_AN_OBJECT;
      case JsonTape.EXPECTED_NAME:
        return Problem.EXPECTED_NAME;
      case JsonTape.EXPECTED_COLON:
        return Problem.EXPECTED_COLON;
      case JsonTape.EXPECTED_VALUE:
        return Problem.EXPECTED_VALUE;
      case JsonTape.EXPECTED_OBJECT_COMMA:
        return Problem.EXPECTED_OBJECT_COMMA;
      case JsonTape.EXPECTED_ARRAY_COMMA:
        return Problem.EXPECTED_ARRAY_COMMA;
      case JsonTape.BAD_STRING:
        return Problem.BAD_STRING;
      case JsonTape.BAD_NUMBER:
        return Problem.BAD_NUMBER;
      case JsonTape.BAD_LITERAL:
        return Problem.BAD_LITERAL;
      case JsonTape.TOO_DEEP:
        return Problem.TOO_DEEP;
      case JsonTape.DATA_AFTER:
        return Problem.DATA_AFTER;
      default:
        throw new IllegalStateException("not refused: " + failure);
    }
  }

  // ------------------------------------------------------------------ the message

  /** An error found: its words, reported at {@link #offset}. */
  private static final class Found extends Exception {
    private static final long serialVersionUID = 1L;

    Found(String words) {
      super(words, null, false, false);
    }
  }

  private String message(JsonTape doc, int at, int token, boolean atEnd) {
    try {
      switch (doc.failure) {
        case JsonTape.NOT_OBJECT:
          if (!atEnd) {
            // Unless the first token is not even a value: then its error.
            rootToken(at);
          }
          return subject + " is not a JSON object";
        case JsonTape.DATA_AFTER:
          rootToken(at);
          return subject + " has data after the JSON object, at offset " + offset;
        case JsonTape.TOO_DEEP:
          return subject
              + " is not valid JSON: Document nesting depth ("
              + (JsonTape.MAX_DEPTH + 1)
              + ") exceeds the maximum allowed ("
              + JsonTape.MAX_DEPTH
              + ", from `StreamReadConstraints.getMaxNestingDepth()`)";
        case JsonTape.EXPECTED_NAME:
          expectedName(at, atEnd);
          break;
        case JsonTape.EXPECTED_COLON:
          expectedColon(at, atEnd);
          break;
        case JsonTape.EXPECTED_VALUE:
          expectedValue(at, atEnd);
          break;
        case JsonTape.EXPECTED_OBJECT_COMMA:
        case JsonTape.EXPECTED_ARRAY_COMMA:
          expectedComma(at, atEnd, doc.failure == JsonTape.EXPECTED_OBJECT_COMMA);
          break;
        case JsonTape.BAD_STRING:
          badString(at, token, doc.failKey, atEnd);
          break;
        case JsonTape.BAD_NUMBER:
          number(token, false);
          break;
        default: // BAD_LITERAL
          value(token, false);
          break;
      }
      throw new IllegalStateException("no error found");
    } catch (Found f) {
      return subject
          + " is not valid JSON"
          + (offset < 0 ? "" : " at offset " + offset)
          + ": "
          + f.getMessage();
    } catch (RuntimeException e) {
      // A failure this class does not word: still an error, with what is known.
      return subject + " is not valid JSON at offset " + at;
    }
  }

  private Found error(int where, String words) {
    offset = where;
    return new Found(words);
  }

  private char charAt(int i) {
    return text.charAt(i);
  }

  /** Jackson's description of a character. */
  private static String describe(int c) {
    if (Character.isISOControl(c)) {
      return "(CTRL-CHAR, code " + c + ")";
    }
    if (c > 255) {
      return "'" + (char) c + "' (code " + c + " / 0x" + Integer.toHexString(c) + ")";
    }
    return "'" + (char) c + "' (code " + c + ")";
  }

  private Found unexpected(int where, String comment) {
    int c = charAt(where);
    return error(where, "Unexpected character (" + describe(c) + "): " + comment);
  }

  private Found endOfInput(String what) {
    return error(text.length(), "Unexpected end-of-input" + what);
  }

  /** The end of the text inside the innermost open object or array. */
  private Found endInside() {
    int p = text.length() - 1;
    while (p >= 0 && isSpace(charAt(p))) {
      p--;
    }
    String type = charAt(open) == '{' ? "Object" : "Array";
    char last = p >= 0 ? charAt(p) : ' ';
    if (last == ':' || last == ',') {
      return endOfInput(" within/between " + type + " entries");
    }
    return endOfInput(
        ": expected close marker for " + type + " (start marker at " + location(open) + ")");
  }

  /** The last character before {@code at} that is not white space; a space if none. */
  private char previous(int at) {
    int p = at - 1;
    while (p >= 0 && isSpace(charAt(p))) {
      p--;
    }
    return p >= 0 ? charAt(p) : ' ';
  }

  /** A close bracket of the wrong kind for the innermost open container. */
  private Found mismatchedClose(int at) {
    boolean object = charAt(open) == '{';
    return error(
        at,
        "Unexpected close marker '"
            + charAt(at)
            + "': expected '"
            + (object ? '}' : ']')
            + "' (for "
            + (object ? "Object" : "Array")
            + " starting at "
            + location(open)
            + ")");
  }

  /** A position as Jackson writes it, without the source. */
  private String location(int where) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < where; i++) {
      char c = charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= text.length() || charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: "
        + line
        + ", column: "
        + (where - lineStart + 1)
        + "]";
  }

  /**
   * The white space before a token: fails on a control character or a {@code '/'}, as Jackson's
   * white-space skipping does.
   */
  private void space(int where) throws Found {
    char c = charAt(where);
    if (c == '/') {
      throw unexpected(
          where,
          "maybe a (non-standard) comment? (not recognized as one since Feature"
              + " 'ALLOW_COMMENTS' not enabled for parser)");
    }
    if (c < 0x20) {
      throw error(
          where + 1,
          "Illegal character ("
              + describe(c)
              + "): only regular white space (\\r, \\n, \\t) is allowed between tokens");
    }
  }

  private void expectedName(int at, boolean atEnd) throws Found {
    if (atEnd) {
      throw endInside();
    }
    space(at);
    if (charAt(at) == ']' && previous(at) == '{') {
      throw mismatchedClose(at);
    }
    throw unexpected(at, "was expecting double-quote to start field name");
  }

  private void expectedColon(int at, boolean atEnd) throws Found {
    if (atEnd) {
      throw endOfInput(" within/between Object entries");
    }
    space(at);
    throw unexpected(at, "was expecting a colon to separate field name and value");
  }

  private void expectedValue(int at, boolean atEnd) throws Found {
    if (atEnd) {
      throw endInside();
    }
    space(at);
    if (charAt(at) == '}' && previous(at) == '[') {
      throw mismatchedClose(at);
    }
    value(at, false);
  }

  private void expectedComma(int at, boolean atEnd, boolean inObject) throws Found {
    // The value before may not have ended where the reader found it to.
    int before = at;
    while (before > 0 && isSpace(charAt(before - 1))) {
      before--;
    }
    if (before == at && at > 0) {
      afterToken(at);
    }
    if (atEnd) {
      throw endInside();
    }
    space(at);
    if (charAt(at) == (inObject ? ']' : '}')) {
      throw mismatchedClose(at);
    }
    throw unexpected(
        at, "was expecting comma to separate " + (inObject ? "Object" : "Array") + " entries");
  }

  /** Checks what follows a number or word that ends right at {@code at}. */
  private void afterToken(int at) throws Found {
    int start = at;
    while (start > 0 && isWordChar(charAt(start - 1))) {
      start--;
    }
    if (start < at) {
      char first = charAt(start);
      if (first == '-' || first >= '0' && first <= '9') {
        number(start, false);
      } else if (first == 't' || first == 'f' || first == 'n') {
        value(start, false);
      }
    }
  }

  private static boolean isWordChar(char c) {
    return c >= '0' && c <= '9'
        || c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c == '-'
        || c == '+'
        || c == '.';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /**
   * Reads the value at {@code at} as Jackson's parser would, throwing its error; returns normally
   * when it is a valid value's start ({@code root}: at the top level, where a number must be
   * followed by white space).
   */
  private void value(int at, boolean root) throws Found {
    char c = charAt(at);
    switch (c) {
      case '"':
      case '[':
      case '{':
        offset = at + 1;
        return;
      case ']':
      case '}':
        if (root) {
          throw error(
              at,
              "Unexpected close marker '"
                  + c
                  + "': no open "
                  + (c == ']' ? "Array" : "Object")
                  + " to close");
        }
        if (c == '}') {
          throw unexpected(at, "expected a value");
        }
        oddValue(at);
        return;
      case 't':
        word(at, "true");
        return;
      case 'f':
        word(at, "false");
        return;
      case 'n':
        word(at, "null");
        return;
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        number(at, root);
        return;
      default:
        oddValue(at);
    }
  }

  private void oddValue(int at) throws Found {
    char c = charAt(at);
    if (c == 'N') {
      word(at, "NaN");
      throw error(
          at + 3,
          "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    }
    if (c == 'I') {
      word(at, "Infinity");
      throw error(
          at + 8,
          "Non-standard token 'Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to"
              + " allow");
    }
    if (c == '+') {
      if (at + 1 >= text.length()) {
        throw endOfInput(" in a Number value");
      }
      invalidNumberStart(at + 1, false);
    }
    if (Character.isJavaIdentifierStart(c)) {
      throw invalidToken(at, at + 1, VALID);
    }
    throw unexpected(at, "expected a valid value " + VALID);
  }

  /** An "Unrecognized token" error for the word from {@code start}, matched up to {@code end}. */
  private Found invalidToken(int start, int end, String expected) {
    int p = end;
    StringBuilder sb = new StringBuilder(text.substring(start, end));
    while (p < text.length() && Character.isJavaIdentifierPart(charAt(p))) {
      sb.append(charAt(p));
      p++;
      if (sb.length() >= MAX_WORD) {
        sb.append("...");
        break;
      }
    }
    return error(p, "Unrecognized token '" + sb + "': was expecting " + expected);
  }

  /** Matches a word such as {@code true} at {@code at}, as Jackson's token matching does. */
  private void word(int at, String word) throws Found {
    int len = word.length();
    for (int k = 1; k < len; k++) {
      if (at + k >= text.length() || charAt(at + k) != word.charAt(k)) {
        throw invalidToken(at, at + k, VALID);
      }
    }
    int end = at + len;
    if (end < text.length()) {
      char c = charAt(end);
      if (c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart(c)) {
        throw invalidToken(at, end, VALID);
      }
    }
    offset = end;
  }

  /**
   * The character after a sign that does not start a number's digits: {@code -Infinity} and the
   * like are named, a plus sign is refused as such, anything else after a minus sign is reported.
   */
  private void invalidNumberStart(int at, boolean negative) throws Found {
    char c = charAt(at);
    if (c == 'I') {
      if (at + 1 >= text.length()) {
        throw endOfInput(" in a Number value");
      }
      char next = charAt(at + 1);
      if (next == 'N' || next == 'n') {
        String word = (negative ? "-" : "+") + (next == 'N' ? "INF" : "Infinity");
        // Matched against the text from the sign.
        word(at - 1, word);
        throw error(
            offset,
            "Non-standard token '"
                + word
                + "': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow");
      }
      // Not a word after all: the character after the I is the one reported.
      at++;
    }
    if (!negative) {
      throw error(
          at,
          "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers"
              + " to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS`"
              + " to allow");
    }
    throw numberChar(at, "expected digit (0-9) to follow minus sign, for valid numeric value");
  }

  private boolean isDigit(int p) {
    return p < text.length() && charAt(p) >= '0' && charAt(p) <= '9';
  }

  private int digitsFrom(int p) {
    while (isDigit(p)) {
      p++;
    }
    return p;
  }

  /**
   * Reads the number at {@code at} as Jackson's parser would, throwing its error if any; at the top
   * level ({@code root}) a number must be followed by white space. Jackson reads a number one of
   * two ways, which report errors at different places: a quick pass for a number that starts with a
   * digit other than 0 and ends before the text does reports a bad fraction or exponent at the
   * first {@code '.'}, {@code 'e'} or {@code 'E'}; the careful pass (a leading 0, or a number that
   * runs to the end of the text) reports the character that went wrong.
   */
  private void number(int at, boolean root) throws Found {
    int n = text.length();
    int d = at;
    if (charAt(at) == '-') {
      d++;
      if (d >= n) {
        throw endOfInput("No digit following sign");
      }
      char c = charAt(d);
      if (c == '.') {
        throw unexpected(d, "expected a valid value " + VALID);
      }
      if (c < '0' || c > '9') {
        invalidNumberStart(d, true);
      }
    }
    int q = digitsFrom(d);
    if (charAt(d) != '0' && q < n && (charAt(q) == '.' || charAt(q) == 'e' || charAt(q) == 'E')) {
      // The quick pass, unless it reaches the end of the text.
      int p = q;
      boolean toEnd = false;
      if (charAt(p) == '.') {
        int f = digitsFrom(p + 1);
        if (f >= n) {
          toEnd = true;
        } else if (f == p + 1) {
          throw error(
              q,
              "Unexpected character ("
                  + describe(charAt(f))
                  + ") in numeric value: Decimal point not followed by a digit");
        }
        p = f;
      }
      if (!toEnd && (charAt(p) == 'e' || charAt(p) == 'E')) {
        int e = p + 1;
        if (e < n && (charAt(e) == '+' || charAt(e) == '-')) {
          e++;
        }
        int f = digitsFrom(e);
        if (e >= n || f >= n) {
          toEnd = true;
        } else if (f == e) {
          throw error(
              q,
              "Unexpected character ("
                  + describe(charAt(f))
                  + ") in numeric value: Exponent indicator not followed by a digit");
        }
        p = f;
      }
      if (!toEnd) {
        end(p, root);
        return;
      }
    }
    careful(d, root);
  }

  /** Jackson's careful pass over a number whose first digit is at {@code d}. */
  private void careful(int d, boolean root) throws Found {
    int n = text.length();
    if (charAt(d) == '0' && isDigit(d + 1)) {
      throw error(d + 1, "Invalid numeric value: Leading zeroes not allowed");
    }
    int p = digitsFrom(d);
    if (p < n && charAt(p) == '.') {
      int f = digitsFrom(p + 1);
      if (f == p + 1) {
        // At the end of the text, the point itself is reported.
        throw f >= n
            ? numberChar(p, "Decimal point not followed by a digit")
            : numberChar(f, "Decimal point not followed by a digit");
      }
      p = f;
    }
    if (p < n && (charAt(p) == 'e' || charAt(p) == 'E')) {
      int e = p + 1;
      if (e < n && (charAt(e) == '+' || charAt(e) == '-')) {
        e++;
      }
      if (e >= n) {
        throw endOfInput("expected a digit for number exponent");
      }
      int f = digitsFrom(e);
      if (f == e) {
        throw numberChar(f, "Exponent indicator not followed by a digit");
      }
      p = f;
    }
    end(p, root);
  }

  /** The end of a valid number, at {@code p}: at the top level, white space must follow. */
  private void end(int p, boolean root) throws Found {
    if (root && p < text.length()) {
      if (!isSpace(charAt(p))) {
        throw unexpected(p, "Expected space separating root-level values");
      }
      p++;
    }
    offset = p;
  }

  /** A character that does not belong in a number, at {@code p}. */
  private Found numberChar(int p, String comment) {
    return error(
        p, "Unexpected character (" + describe(charAt(p)) + ") in numeric value: " + comment);
  }

  /**
   * Reads a token at the top level, at {@code at}: sets {@link #offset} past it, as Jackson's
   * location after reading it, or throws its error.
   */
  private void rootToken(int at) throws Found {
    space(at);
    value(at, true);
  }

  private void badString(int at, int quote, boolean key, boolean atEnd) throws Found {
    if (atEnd) {
      if (endsInEscape(quote)) {
        throw endOfInput(" in character escape sequence");
      }
      throw endOfInput(key ? " in field name" : ": was expecting closing quote for a string value");
    }
    char c = charAt(at);
    if (c != '\\') {
      throw error(
          at,
          "Illegal unquoted character ("
              + describe(c)
              + "): has to be escaped using backslash to be included in "
              + (key ? "name" : "string value"));
    }
    char e = charAt(at + 1);
    if (e == 'u') {
      for (int k = 2; k < 6; k++) {
        char h = charAt(at + k);
        if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
          throw error(
              at + k,
              "Unexpected character ("
                  + describe(h)
                  + "): expected a hex-digit for character escape sequence");
        }
      }
    }
    throw error(at + 1, "Unrecognized character escape " + describe(e));
  }

  /** Whether the string whose quote is at {@code quote} runs to the end inside an escape. */
  private boolean endsInEscape(int quote) {
    int n = text.length();
    int p = quote + 1;
    while (p < n) {
      if (charAt(p) != '\\') {
        p++;
      } else if (p + 1 < n && charAt(p + 1) == 'u') {
        p += 6;
      } else {
        p += 2;
      }
    }
    return p > n;
  }
}
