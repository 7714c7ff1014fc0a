package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.cli.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A small JSON reader and writer for what the JWT commands read and print.
 *
 * <p>It keeps what a person wrote: members stay in their order (duplicates included), and strings
 * and numbers keep their exact text, escapes and all. That is what re-indenting a token's payload
 * for display needs, and what filling in a missing {@code nats.type} before the library reads the
 * claims needs. The library's own reader decides what the JSON means.
 */
final class JsonText {
  private static final int MAX_DEPTH = 512;
  private static final String INDENT = "  ";

  private JsonText() {}

  /** A JSON value. */
  interface Value {}

  /** An object: its members in the order written. Not thread-safe. */
  static final class Obj implements Value {
    final List<Member> members = new ArrayList<>();

    /**
     * Finds the member the library would read for a key: the last one whose name matches, ignoring
     * case, as Go's JSON decoder does.
     */
    Optional<Member> find(String key) {
      for (int i = members.size() - 1; i >= 0; i--) {
        if (members.get(i).key.equalsIgnoreCase(key)) {
          return Optional.of(members.get(i));
        }
      }
      return Optional.empty();
    }

    /** Replaces the value the library would read for a key, or appends a new member. */
    void put(String key, Value value) {
      Optional<Member> m = find(key);
      if (m.isPresent()) {
        m.get().value = value;
      } else {
        members.add(new Member(key, Scalar.string(key).text, value));
      }
    }
  }

  /** One object member. */
  static final class Member {
    final String key;
    final String rawKey;
    Value value;

    Member(String key, String rawKey, Value value) {
      this.key = key;
      this.rawKey = rawKey;
      this.value = value;
    }
  }

  /** An array. */
  static final class Arr implements Value {
    final List<Value> items = new ArrayList<>();
  }

  /** A string, number, {@code true}, {@code false} or {@code null}, as written. */
  static final class Scalar implements Value {
    final String text;

    Scalar(String text) {
      this.text = text;
    }

    static Scalar string(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"':
            sb.append("\\\"");
            break;
          case '\\':
            sb.append("\\\\");
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
          default:
            if (c < 0x20) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
        }
      }
      return new Scalar(sb.append('"').toString());
    }

    static Scalar number(long n) {
      return new Scalar(Long.toString(n));
    }

    boolean isString() {
      return text.startsWith("\"");
    }

    /** Returns the decoded string, or empty when this is not a string. */
    Optional<String> stringValue() {
      return isString() ? Optional.of(unescape(text)) : Optional.empty();
    }

    boolean isNull() {
      return text.equals("null");
    }
  }

  /**
   * Parses JSON text.
   *
   * @param text the JSON
   * @param what where it comes from, for messages, for example {@code claims file 'c.json'}
   * @return the value
   * @throws InputException when the text is not JSON
   */
  static Value parse(String text, String what) {
    Parser p = new Parser(text, what);
    p.skipSpace();
    Value v = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  /**
   * Writes a value without white space.
   *
   * @param v the value
   * @return compact JSON
   */
  static String compact(Value v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb, -1);
    return sb.toString();
  }

  /**
   * Writes a value indented by two spaces per level.
   *
   * @param v the value
   * @return indented JSON, without a final line break
   */
  static String pretty(Value v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb, 0);
    return sb.toString();
  }

  /** Writes a value; {@code level} is the indentation depth, or -1 for compact output. */
  private static void write(Value v, StringBuilder sb, int level) {
    int inner = level < 0 ? -1 : level + 1;
    if (v instanceof Scalar) {
      sb.append(((Scalar) v).text);
    } else if (v instanceof Arr) {
      List<Value> items = ((Arr) v).items;
      sb.append('[');
      for (int i = 0; i < items.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, inner);
        write(items.get(i), sb, inner);
      }
      if (!items.isEmpty()) {
        newline(sb, level);
      }
      sb.append(']');
    } else {
      List<Member> members = ((Obj) v).members;
      sb.append('{');
      for (int i = 0; i < members.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, inner);
        sb.append(members.get(i).rawKey).append(level < 0 ? ":" : ": ");
        write(members.get(i).value, sb, inner);
      }
      if (!members.isEmpty()) {
        newline(sb, level);
      }
      sb.append('}');
    }
  }

  private static void newline(StringBuilder sb, int level) {
    if (level >= 0) {
      sb.append('\n').append(INDENT.repeat(level));
    }
  }

  /** Decodes a string literal that the parser has already checked. */
  private static String unescape(String literal) {
    StringBuilder sb = new StringBuilder(literal.length());
    for (int i = 1; i < literal.length() - 1; i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = literal.charAt(++i);
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
          sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default:
          sb.append(e);
      }
    }
    return sb.toString();
  }

  private static final class Parser {
    private final String text;
    private final String what;
    private int pos;

    Parser(String text, String what) {
      this.text = text;
      this.what = what;
    }

    Value value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested more than " + MAX_DEPTH + " levels deep");
      }
      if (pos >= text.length()) {
        throw error("unexpected end of the text");
      }
      char c = text.charAt(pos);
      switch (c) {
        case '{':
          return object(depth);
        case '[':
          return array(depth);
        case '"':
          return new Scalar(string());
        case 't':
          return literal("true");
        case 'f':
          return literal("false");
        case 'n':
          return literal("null");
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character " + describe(c));
      }
    }

    private Obj object(int depth) {
      Obj o = new Obj();
      pos++;
      skipSpace();
      if (peek() == '}') {
        pos++;
        return o;
      }
      while (true) {
        skipSpace();
        if (peek() != '"') {
          throw error("expected a member name in double quotes");
        }
        String rawKey = string();
        skipSpace();
        expect(':');
        skipSpace();
        Value v = value(depth + 1);
        o.members.add(new Member(unescape(rawKey), rawKey, v));
        skipSpace();
        char c = peek();
        pos++;
        if (c == '}') {
          return o;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or '}' after an object member");
        }
      }
    }

    private Arr array(int depth) {
      Arr a = new Arr();
      pos++;
      skipSpace();
      if (peek() == ']') {
        pos++;
        return a;
      }
      while (true) {
        skipSpace();
        a.items.add(value(depth + 1));
        skipSpace();
        char c = peek();
        pos++;
        if (c == ']') {
          return a;
        }
        if (c != ',') {
          pos--;
          throw error("expected ',' or ']' after an array element");
        }
      }
    }

    private String string() {
      int start = pos;
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return text.substring(start, pos);
        }
        if (c < 0x20) {
          throw error("control character " + describe(c) + " in a string; escape it");
        }
        if (c == '\\') {
          pos++;
          char e = peek();
          if (e == 'u') {
            for (int i = 1; i <= 4; i++) {
              if (pos + i >= text.length() || Character.digit(text.charAt(pos + i), 16) < 0) {
                throw error("\\u must be followed by four hexadecimal digits");
              }
            }
            pos += 4;
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            throw error("invalid escape \\" + e + " in a string");
          }
        }
        pos++;
      }
      pos = start;
      throw error("string not closed");
    }

    private Scalar number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (!digits()) {
        throw error("invalid number");
      }
      if (peek() == '.') {
        pos++;
        if (!digits()) {
          throw error("invalid number: digits must follow the decimal point");
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!digits()) {
          throw error("invalid number: digits must follow the exponent");
        }
      }
      return new Scalar(text.substring(start, pos));
    }

    private boolean digits() {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      return pos > start;
    }

    private Scalar literal(String word) {
      if (!text.startsWith(word, pos)) {
        throw error("unexpected character " + describe(text.charAt(pos)));
      }
      pos += word.length();
      return new Scalar(word);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    void skipSpace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    InputException error(String reason) {
      int line = 1;
      int column = 1;
      for (int i = 0; i < pos && i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      String at = pos >= text.length() ? "at the end" : "at line " + line + ", column " + column;
      return new InputException(what + " is not valid JSON: " + reason + " (" + at + ")");
    }

    private static String describe(char c) {
      return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }
  }
}
