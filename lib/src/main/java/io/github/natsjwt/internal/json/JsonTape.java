package io.github.natsjwt.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document checked in one pass over its UTF-8 bytes, with the position of every token
 * recorded, so that values are turned into Java objects only when a reader asks for them.
 *
 * <p>Immutable once built. {@link #parse} accepts exactly the documents that Go's {@code
 * encoding/json} accepts (strict RFC 8259 JSON, one object, nesting at most {@value #MAX_DEPTH}
 * deep, numbers, keys and strings of any length) and returns {@code null} for everything else;
 * {@link #check} also says why and where a document was refused, so that the caller can report the
 * error with its position ({@link JsonSyntax}). It runs in time linear in the document, whatever
 * its shape, without recursion.
 *
 * <p>The tape holds one {@code int} per token, in document order. An object or array is the
 * complement ({@code ~}) of its offset, followed by the tape index just past its last token; its
 * tokens follow it (key, value, key, value, ... for an object). A string, number, literal or object
 * key is the offset of its first byte; in documents under {@value #PACKED_LIMIT} bytes (all capped
 * tokens) that offset is shifted left by 8 and the low byte holds the token's length plus one when
 * it is a string without escapes or non-ASCII bytes, or a number, of at most 254 bytes (else 0), so
 * that most strings are created and most keys compared without scanning for their end.
 */
final class JsonTape {
  /**
   * Nesting depth, counting the outer object as 1: Go's scanner fails beyond 10,000 ("exceeded max
   * depth"). The parser keeps no stack, so depth costs nothing.
   */
  static final int MAX_DEPTH = 10_000;

  /** Digits in a number: Go sets no limit; the document's size bounds it. */
  static final int MAX_DIGITS = Integer.MAX_VALUE;

  /** Characters in a key: Go sets no limit. */
  static final int MAX_NAME_CHARS = Integer.MAX_VALUE;

  /** Characters in a string: Go sets no limit. */
  static final int MAX_STRING_CHARS = Integer.MAX_VALUE;

  /**
   * Bytes that may stand for themselves inside a string: printable ASCII but quote and backslash.
   */
  private static final boolean[] PLAIN = new boolean[256];

  /**
   * Bytes that may appear in a string as they are: all but control characters, quote, backslash.
   */
  private static final boolean[] STRING_BODY = new boolean[256];

  static {
    for (int c = 0x20; c < 0x80; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
    for (int c = 0x20; c < 0x100; c++) {
      STRING_BODY[c] = c != '"' && c != '\\';
    }
  }

  /** Documents below this size have packed scalar tokens (see the class comment). */
  static final int PACKED_LIMIT = 1 << 23;

  final byte[] buf;

  /** Where the document ends in {@link #buf} (exclusive); bytes after it are not the document's. */
  final int limit;

  /** Set while parsing, never changed afterwards. */
  int[] tape;

  /** Whether scalar tokens carry their length (see the class comment). */
  final boolean packed;

  private JsonTape(byte[] buf, int limit) {
    this.buf = buf;
    this.limit = limit;
    this.packed = limit < PACKED_LIMIT;
    // About one token per 9 bytes in typical claims; grows when a document is denser.
    this.tape = new int[limit / 9 + 8];
  }

  /**
   * Checks and indexes a document that must be one JSON object.
   *
   * @param buf the UTF-8 bytes; kept, not copied, and never changed
   * @return the document, or {@code null} when it is not one JSON object
   */
  static @Nullable JsonTape parse(byte[] buf) {
    return parse(buf, buf.length);
  }

  /**
   * Checks and indexes a document held in the first {@code end} bytes of an array.
   *
   * @param buf holds the UTF-8 bytes; kept, not copied, and never changed
   * @param end where the document ends (exclusive)
   * @return the document, or {@code null} when it is not one JSON object
   */
  static @Nullable JsonTape parse(byte[] buf, int end) {
    JsonTape t = new JsonTape(buf, end);
    return t.document() ? t : null;
  }

  // ------------------------------------------------------------------ reading

  /** The offset of the first byte of the token at {@code i}. */
  int offset(int i) {
    int t = tape[i];
    return t < 0 ? ~t : packed ? t >>> 8 : t;
  }

  /**
   * The length of the scalar token at {@code i} when it is a string without escapes or non-ASCII
   * bytes (the characters between the quotes) or a number, and that is known; else -1.
   */
  int length(int i) {
    return packed ? (tape[i] & 0xFF) - 1 : -1;
  }

  /**
   * The first byte of the token: {@code '{'}, {@code '['}, {@code '"'}, {@code 't'}, {@code 'f'},
   * {@code 'n'}, or else a number.
   */
  byte kind(int i) {
    return buf[offset(i)];
  }

  /** The tape index just past the value at {@code i} (and past its contents for a container). */
  int next(int i) {
    int t = tape[i];
    return t < 0 ? tape[i + 1] : i + 1;
  }

  /** For a container at {@code i}: the tape index of its first token. */
  static int first(int i) {
    return i + 2;
  }

  /** For a container at {@code i}: the tape index just past its last token. */
  int end(int i) {
    return tape[i + 1];
  }

  /** The number of values in the array at {@code i}. */
  int arraySize(int i) {
    int n = 0;
    for (int e = first(i), end = end(i); e < end; e = next(e)) {
      n++;
    }
    return n;
  }

  /** The number of entries of the object at {@code i}. */
  int objectSize(int i) {
    int n = 0;
    for (int k = first(i), end = end(i); k < end; k = next(k + 1)) {
      n++;
    }
    return n;
  }

  /** The string (value or key) at {@code i}, decoded with Go's UTF-8 repair and surrogate rules. */
  String string(int i) {
    int len = length(i);
    if (len >= 0) {
      return new String(buf, offset(i) + 1, len, StandardCharsets.ISO_8859_1);
    }
    return stringAt(offset(i));
  }

  /** The string whose opening quote is at {@code quote}. */
  private String stringAt(int quote) {
    byte[] b = buf;
    int from = quote + 1;
    int p = from;
    while (PLAIN[b[p] & 0xFF]) {
      p++;
    }
    if (b[p] == '"') {
      return new String(b, from, p - from, StandardCharsets.ISO_8859_1);
    }
    return decodeString(from, p);
  }

  /** The slow part of {@link #string}: escapes or non-ASCII bytes from {@code p} on. */
  private String decodeString(int from, int p) {
    byte[] b = buf;
    String latin1 = decodeLatin1(from, p);
    if (latin1 != null) {
      return latin1;
    }
    StringBuilder sb = new StringBuilder(p - from + 16);
    for (int k = from; k < p; k++) {
      sb.append((char) b[k]);
    }
    for (; ; ) {
      int c = b[p];
      if (c == '"') {
        return sb.toString();
      } else if (c == '\\') {
        int e = b[p + 1];
        switch (e) {
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            {
              char c1 = hex4(b, p + 2);
              p += 4;
              if (Character.isSurrogate(c1)) {
                // Go keeps only a high surrogate followed by an escaped low one; any other
                // surrogate becomes U+FFFD.
                if (Character.isHighSurrogate(c1)
                    && b[p + 2] == '\\'
                    && b[p + 3] == 'u'
                    && Character.isLowSurrogate(hex4(b, p + 4))) {
                  sb.append(c1).append(hex4(b, p + 4));
                  p += 6;
                } else {
                  sb.append('\uFFFD');
                }
              } else {
                sb.append(c1);
              }
            }
            break;
          default: // '"', '\\' and '/' stand for themselves
            sb.append((char) e);
        }
        p += 2;
      } else if (c >= 0) {
        sb.append((char) c);
        p++;
      } else {
        p = JsonIn.appendRune(sb, b, p);
      }
    }
  }

  /**
   * {@link #decodeString} for the usual case, ASCII with escapes of characters below U+0100 (Go
   * writes {@code >} as {@code \\u003e}): decoded into an array of the exact length. {@code null}
   * for anything else.
   */
  private @Nullable String decodeLatin1(int from, int p) {
    byte[] b = buf;
    // Count the characters, and give up at a non-ASCII byte or a wide escape.
    int chars = p - from;
    int q = p;
    for (; ; ) {
      int c = b[q];
      if (c == '"') {
        break;
      } else if (c < 0) {
        return null;
      } else if (c == '\\') {
        if (b[q + 1] == 'u') {
          if (b[q + 2] != '0' || b[q + 3] != '0') {
            return null;
          }
          q += 6;
        } else {
          q += 2;
        }
      } else {
        q++;
      }
      chars++;
    }
    byte[] out = new byte[chars];
    int o = 0;
    for (int k = from; k < p; k++) {
      out[o++] = b[k];
    }
    while (o < chars) {
      int c = b[p];
      if (c != '\\') {
        out[o++] = (byte) c;
        p++;
        continue;
      }
      int e = b[p + 1];
      switch (e) {
        case 'b':
          out[o++] = '\b';
          break;
        case 'f':
          out[o++] = '\f';
          break;
        case 'n':
          out[o++] = '\n';
          break;
        case 'r':
          out[o++] = '\r';
          break;
        case 't':
          out[o++] = '\t';
          break;
        case 'u':
          out[o++] = (byte) (hex(b[p + 4]) << 4 | hex(b[p + 5]));
          p += 4;
          break;
        default: // '"', '\\' and '/' stand for themselves
          out[o++] = (byte) e;
      }
      p += 2;
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  private static char hex4(byte[] b, int p) {
    return (char) (hex(b[p]) << 12 | hex(b[p + 1]) << 8 | hex(b[p + 2]) << 4 | hex(b[p + 3]));
  }

  private static int hex(byte c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }

  /**
   * Whether the key at {@code i} names the field {@code name} (ASCII) as Go matches keys to fields:
   * exactly or under simple case folding (see {@link #goFoldEquals}).
   */
  boolean keyEquals(int i, String name) {
    byte[] b = buf;
    int p = offset(i) + 1;
    int len = name.length();
    int known = length(i);
    if (known >= 0) {
      // Plain ASCII of known length.
      if (known != len) {
        return false;
      }
      for (int k = 0; k < len; k++) {
        int c = b[p + k];
        int d = name.charAt(k);
        if (c != d && (d >= 0x80 || lower(c) != lower(d))) {
          return d >= 0x80 && goFoldEquals(string(i), name);
        }
      }
      return true;
    }
    for (int k = 0; k < len; k++) {
      int c = b[p + k];
      int d = name.charAt(k);
      if (c == d) {
        continue;
      }
      if (c == '\\' || c < 0 || d >= 0x80) {
        // An escape or a non-ASCII character (which may fold to ASCII, as U+017F does to 's').
        return goFoldEquals(string(i), name);
      }
      if (c == '"' || lower(c) != lower(d)) {
        return false;
      }
    }
    // Every character so far was plain ASCII, so anything but the closing quote adds characters.
    return b[p + len] == '"';
  }

  /**
   * Whether the key at {@code i}, a plain ASCII key of {@code name}'s length (see {@link #length}),
   * equals {@code name} ignoring case; {@code lower} is {@code name} as lower-case ASCII bytes.
   */
  boolean plainKeyEquals(int i, byte[] lower) {
    byte[] b = buf;
    int p = offset(i) + 1;
    int len = lower.length;
    // Keys are almost always written in lower case, as Go's tags are.
    if (Arrays.equals(b, p, p + len, lower, 0, len)) {
      return true;
    }
    for (int k = 0; k < len; k++) {
      if (lower(b[p + k]) != lower[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code key} matches {@code name} as Go's {@code bytes.EqualFold} decides for a field
   * name of ASCII letters, digits and underscores: equal characters, ASCII letters equal ignoring
   * case, and the two non-ASCII characters whose simple case folding reaches ASCII, U+017F (long s,
   * as {@code s}) and U+212A (Kelvin sign, as {@code k}). U+0130 and U+0131 match nothing.
   *
   * @param key the key as decoded
   * @param name the field name
   * @return whether they match
   */
  static boolean goFoldEquals(String key, String name) {
    int n = name.length();
    if (key.length() != n) {
      return false;
    }
    for (int j = 0; j < n; j++) {
      char c = key.charAt(j);
      if (c == name.charAt(j)) {
        continue;
      }
      int want = lower(name.charAt(j));
      if (c < 0x80
          ? lower(c) != want
          : !(c == '\u017F' && want == 's' || c == '\u212A' && want == 'k')) {
        return false;
      }
    }
    return true;
  }

  static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
  }

  /**
   * Writes the key at {@code i} into {@code out} folded as Go folds a key onto an ASCII field name
   * (ASCII letters to lower case, U+017F to {@code s}, U+212A to {@code k}), decoding escapes and
   * UTF-8 on the way, without allocating.
   *
   * @return the folded length, or -1 when the key holds a character that folds onto no ASCII
   *     character or is longer than {@code out}
   */
  int foldKeyInto(int i, byte[] out) {
    byte[] b = buf;
    int p = offset(i) + 1;
    int n = 0;
    for (; ; ) {
      int c = b[p];
      if (c == '"') {
        return n;
      }
      if (n == out.length) {
        return -1;
      }
      int f;
      if (c == '\\') {
        int e = b[p + 1];
        if (e == 'u') {
          int cp = hex4(b, p + 2);
          p += 6;
          f = cp < 0x80 ? cp : cp == 0x17F ? 's' : cp == 0x212A ? 'k' : -1;
        } else {
          f =
              e == 'b'
                  ? '\b'
                  : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
          p += 2;
        }
      } else if (c >= 0) {
        f = c;
        p++;
      } else if ((c & 0xFF) == 0xC5 && (b[p + 1] & 0xFF) == 0xBF) {
        f = 's';
        p += 2;
      } else if ((c & 0xFF) == 0xE2 && (b[p + 1] & 0xFF) == 0x84 && (b[p + 2] & 0xFF) == 0xAA) {
        f = 'k';
        p += 3;
      } else {
        f = -1;
      }
      if (f < 0) {
        return -1;
      }
      out[n++] = (byte) lower(f);
    }
  }

  /** The end offset (exclusive) of the number starting at {@code off}. */
  int numberEnd(int off) {
    byte[] b = buf;
    int p = off;
    while (p < limit && isNumberByte(b[p])) {
      p++;
    }
    return p;
  }

  private static boolean isNumberByte(int c) {
    return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  }

  /** The number at {@code i} as written. */
  String numberText(int i) {
    int off = offset(i);
    int len = length(i);
    return new String(buf, off, len >= 0 ? len : numberEnd(off) - off, StandardCharsets.ISO_8859_1);
  }

  /**
   * The end offset (exclusive) of the scalar token at {@code i}: past a string's closing quote, a
   * number's last digit or a literal's last letter.
   */
  int scalarEnd(int i) {
    byte[] b = buf;
    int off = offset(i);
    int c = b[off];
    if (c == '"') {
      int len = length(i);
      if (len >= 0) {
        return off + len + 2;
      }
      int p = off + 1;
      while (b[p] != '"') {
        p += b[p] == '\\' ? 2 : 1;
      }
      return p + 1;
    }
    if (c == 't' || c == 'n') {
      return off + 4;
    }
    if (c == 'f') {
      return off + 5;
    }
    int len = length(i);
    return len >= 0 ? off + len : numberEnd(off);
  }

  /** Returned by {@link #integerProblem} for a number with a fraction or an exponent. */
  static final int NOT_INTEGER = 1;

  /** Returned by {@link #integerProblem} for an integer outside the {@code long} range. */
  static final int OUT_OF_LONG = 2;

  /**
   * Whether the number at {@code i} is an exact {@code long}: 0 when it is, else {@link
   * #NOT_INTEGER} or {@link #OUT_OF_LONG}.
   */
  int integerProblem(int i) {
    byte[] b = buf;
    int p = offset(i);
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int from = p;
    while (p < limit && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    if (p < limit && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
      return NOT_INTEGER;
    }
    int digits = p - from;
    if (digits < 19) {
      return 0;
    }
    if (digits > 19) {
      return OUT_OF_LONG;
    }
    // 19 digits: compare with the limit's digits (no leading zeros in JSON).
    String max = negative ? "9223372036854775808" : "9223372036854775807";
    for (int k = 0; k < 19; k++) {
      int c = b[from + k];
      int l = max.charAt(k);
      if (c != l) {
        return c < l ? 0 : OUT_OF_LONG;
      }
    }
    return 0;
  }

  /** The number at {@code i}, which {@link #integerProblem} found to be an exact {@code long}. */
  long integer(int i) {
    byte[] b = buf;
    int p = offset(i);
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    // Accumulated negatively, so that Long.MIN_VALUE fits.
    long v = 0;
    for (; p < limit && b[p] >= '0' && b[p] <= '9'; p++) {
      v = v * 10 - (b[p] - '0');
    }
    return negative ? v : -v;
  }

  /**
   * Whether the string at {@code i} is {@code s} exactly, written without escapes; {@code s} must
   * be ASCII.
   */
  boolean plainEquals(int i, String s) {
    byte[] b = buf;
    int p = offset(i) + 1;
    int len = s.length();
    int known = length(i);
    if (known >= 0 ? known != len : p + len >= limit) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (b[p + k] != s.charAt(k)) {
        return false;
      }
    }
    return b[p + len] == '"';
  }

  // ------------------------------------------------------------------ building
  // One pass, without recursion: the tape slot after an open container's offset holds the tape
  // index of the container it is in until the container closes, when it gets its end.

  private static final int KEY = 0;
  private static final int KEY_OR_CLOSE = 1;
  private static final int VALUE = 2;
  private static final int VALUE_OR_CLOSE = 3;
  private static final int AFTER_VALUE = 4;

  // Why a document was refused ({@link #failure}), each at a byte offset ({@link #failAt}).
  /** Not refused. */
  static final int NONE = 0;

  /** The first token is not {@code '{'}, or there is none; at that token or the end. */
  static final int NOT_OBJECT = 1;

  /** Where an object's key (or, after {@code '{'}, its end) belongs; at the byte or the end. */
  static final int EXPECTED_NAME = 2;

  /** After a key; at the byte or the end. */
  static final int EXPECTED_COLON = 3;

  /** Where a value (or, after {@code '['}, the array's end) belongs; at the byte or the end. */
  static final int EXPECTED_VALUE = 4;

  /** After a value in an object; at the byte or the end. */
  static final int EXPECTED_OBJECT_COMMA = 5;

  /** After a value in an array; at the byte or the end. */
  static final int EXPECTED_ARRAY_COMMA = 6;

  /**
   * A string (key or value) that is not valid: at the control character, the backslash of a bad
   * escape, or the end; {@link #failToken} is its opening quote.
   */
  static final int BAD_STRING = 7;

  /** A number that is not valid: at the byte where it went wrong; {@link #failToken} its start. */
  static final int BAD_NUMBER = 8;

  /** A letter that starts no {@code true}, {@code false} or {@code null}: at its start. */
  static final int BAD_LITERAL = 9;

  /** An object or array more than {@value #MAX_DEPTH} deep: at its opening bracket. */
  static final int TOO_DEEP = 10;

  /** Something other than white space after the object: at its first byte. */
  static final int DATA_AFTER = 11;

  /** Why the document was refused; {@link #NONE} when it was not. */
  int failure;

  /** Where the document went wrong (a byte offset; the document's length at its end). */
  int failAt;

  /** The start of the string, number or literal that went wrong. */
  int failToken;

  /** Whether the string that went wrong is a key. */
  boolean failKey;

  /** The offset of the innermost object or array open where it went wrong; -1 at the top. */
  int failOpen = -1;

  /**
   * Checks and indexes a document as {@link #parse(byte[], int)} does, returning it even when it is
   * refused, with why and where in {@link #failure}, {@link #failAt} and {@link #failToken}.
   *
   * @param buf holds the UTF-8 bytes; kept, not copied, and never changed
   * @param end where the document ends (exclusive)
   * @return the document, checked
   */
  static JsonTape check(byte[] buf, int end) {
    JsonTape t = new JsonTape(buf, end);
    t.document();
    return t;
  }

  private boolean fail(int why, int at, int container) {
    failure = why;
    failAt = at;
    failOpen = container;
    return false;
  }

  @SuppressWarnings("fallthrough") // a key may come where a key or a close may
  private boolean document() {
    byte[] b = buf;
    int n = limit;
    int[] t = tape;
    int p = skipWhitespace(b, 0);
    if (p >= n || b[p] != '{') {
      return fail(NOT_OBJECT, p, -1);
    }
    t[0] = ~p;
    t[1] = -1;
    int size = 2;
    int open = 0; // the innermost open container
    int depth = 1;
    boolean inObject = true;
    int state = KEY_OR_CLOSE;
    p++;
    for (; ; ) {
      // Room for the next token or two (a container takes two slots).
      if (size + 2 > t.length) {
        t = Arrays.copyOf(t, size + (size >>> 1) + 16);
        tape = t;
      }
      p = skipWhitespace(b, p);
      if (p >= n) {
        return fail(
            state <= KEY_OR_CLOSE
                ? EXPECTED_NAME
                : state <= VALUE_OR_CLOSE
                    ? EXPECTED_VALUE
                    : inObject ? EXPECTED_OBJECT_COMMA : EXPECTED_ARRAY_COMMA,
            n,
            ~t[open]);
      }
      int c = b[p];
      switch (state) {
        case KEY_OR_CLOSE:
          if (c == '}') {
            break; // to closing below
          }
        // fall through
        case KEY:
          if (c != '"') {
            return fail(EXPECTED_NAME, p, ~t[open]);
          }
          p = string(b, p, t, size++, MAX_NAME_CHARS);
          if (p < 0) {
            failKey = true;
            failOpen = ~t[open];
            return false;
          }
          p = skipWhitespace(b, p);
          if (p >= n || b[p] != ':') {
            return fail(EXPECTED_COLON, p, ~t[open]);
          }
          p++;
          state = VALUE;
          continue;
        case VALUE_OR_CLOSE:
          if (c == ']') {
            break; // to closing below
          }
        // fall through
        case VALUE:
          if (c == '{' || c == '[') {
            if (++depth > MAX_DEPTH) {
              return fail(TOO_DEEP, p, ~t[open]);
            }
            t[size] = ~p;
            t[size + 1] = open;
            open = size;
            size += 2;
            p++;
            inObject = c == '{';
            state = inObject ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
            continue;
          }
          if (c == '"') {
            p = string(b, p, t, size++, MAX_STRING_CHARS);
          } else if (c == 't') {
            t[size++] = scalar(p, -1);
            p = literal(b, p, "true");
          } else if (c == 'f') {
            t[size++] = scalar(p, -1);
            p = literal(b, p, "false");
          } else if (c == 'n') {
            t[size++] = scalar(p, -1);
            p = literal(b, p, "null");
          } else if (c == '-' || c >= '0' && c <= '9') {
            int stop = number(b, p);
            t[size++] = scalar(p, stop < 0 ? -1 : stop - p);
            p = stop;
          } else {
            return fail(EXPECTED_VALUE, p, ~t[open]);
          }
          if (p < 0) {
            failOpen = ~t[open];
            return false;
          }
          state = AFTER_VALUE;
          continue;
        default: // AFTER_VALUE
          if (c == ',') {
            p++;
            state = inObject ? KEY : VALUE;
            continue;
          }
          if (c != (inObject ? '}' : ']')) {
            return fail(inObject ? EXPECTED_OBJECT_COMMA : EXPECTED_ARRAY_COMMA, p, ~t[open]);
          }
      }
      // Close the innermost container.
      p++;
      int parent = t[open + 1];
      t[open + 1] = size;
      depth--;
      if (parent < 0) {
        // Unused tape capacity stays: readers never look past the root object's end.
        int after = skipWhitespace(b, p);
        return after == n || fail(DATA_AFTER, after, -1);
      }
      open = parent;
      inObject = b[~t[open]] == '{';
      state = AFTER_VALUE;
    }
  }

  /**
   * The tape entry of a scalar token that starts at {@code start}; {@code length} -1 if unknown.
   */
  private int scalar(int start, int length) {
    return !packed ? start : start << 8 | (length >= 0 && length < 255 ? length + 1 : 0);
  }

  private int skipWhitespace(byte[] b, int p) {
    while (p < limit) {
      int c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return p;
      }
      p++;
    }
    return p;
  }

  /** Records a bad string, number or literal that starts at {@code token}; returns -1. */
  private int badToken(int why, int token, int at) {
    failure = why;
    failToken = token;
    failAt = at;
    return -1;
  }

  /**
   * Checks the string whose opening quote is at {@code quote}, records it at {@code t[slot]} and
   * returns the offset after its closing quote; -1 when it is not valid (escapes as JSON defines
   * them, no control characters) or longer than {@code maxChars} characters.
   */
  private int string(byte[] b, int quote, int[] t, int slot, int maxChars) {
    int n = limit;
    int from = quote + 1;
    int p = from;
    while (p < n && PLAIN[b[p] & 0xFF]) {
      p++;
    }
    if (p < n && b[p] == '"') {
      int bytes = p - from;
      t[slot] = scalar(quote, bytes);
      return bytes <= maxChars ? p + 1 : badToken(BAD_STRING, quote, p);
    }
    t[slot] = scalar(quote, -1);
    for (; ; ) {
      while (p < n && STRING_BODY[b[p] & 0xFF]) {
        p++;
      }
      if (p >= n) {
        return badToken(BAD_STRING, quote, n);
      }
      int c = b[p];
      if (c == '"') {
        break;
      }
      if (c != '\\' || p + 1 >= n) {
        // A control character, or a backslash at the end.
        return badToken(BAD_STRING, quote, c == '\\' ? n : p);
      }
      int e = b[p + 1];
      if (e == 'u') {
        for (int k = 2; k < 6; k++) {
          if (p + k >= n) {
            return badToken(BAD_STRING, quote, n);
          }
          if (!isHex(b[p + k])) {
            return badToken(BAD_STRING, quote, p);
          }
        }
        p += 6;
      } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
          || e == 't') {
        p += 2;
      } else {
        return badToken(BAD_STRING, quote, p);
      }
    }
    // A character takes at least one byte, so only long strings need counting.
    return p - from <= maxChars || stringAt(quote).length() <= maxChars
        ? p + 1
        : badToken(BAD_STRING, quote, p);
  }

  private static boolean isHex(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** The offset after {@code word} at {@code p}, or -1 when it is not there. */
  private int literal(byte[] b, int p, String word) {
    int len = word.length();
    for (int k = 0; k < len; k++) {
      if (p + k >= limit) {
        return badToken(BAD_LITERAL, p, limit);
      }
      if (b[p + k] != word.charAt(k)) {
        return badToken(BAD_LITERAL, p, p + k);
      }
    }
    return p + len;
  }

  /**
   * The offset after the number at {@code p}: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]?
   * [0-9]+)?}; -1 when there is none.
   */
  private int number(byte[] b, int p) {
    int n = limit;
    int start = p;
    if (b[p] == '-') {
      p++;
    }
    if (p >= n) {
      return badToken(BAD_NUMBER, start, n);
    }
    int c = b[p];
    if (c == '0') {
      p++;
    } else if (c >= '1' && c <= '9') {
      p = digits(b, p + 1);
    } else {
      return badToken(BAD_NUMBER, start, p);
    }
    if (p < n && b[p] == '.') {
      int d = digits(b, ++p);
      if (d == p) {
        return badToken(BAD_NUMBER, start, p);
      }
      p = d;
    }
    if (p < n && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      if (p < n && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      int d = digits(b, p);
      if (d == p) {
        return badToken(BAD_NUMBER, start, p);
      }
      p = d;
    }
    return p;
  }

  private int digits(byte[] b, int p) {
    while (p < limit && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p;
  }
}
