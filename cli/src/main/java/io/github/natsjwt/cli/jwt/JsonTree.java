package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.json.JsonTokens;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object as written, for what the JWT commands print and edit.
 *
 * <p>It keeps what a person wrote: members stay in their order (duplicates included), and strings
 * and numbers keep their exact text, escapes and all. That is what re-indenting a token's payload
 * for display needs, and what filling in a missing {@code nats.type} before the library reads the
 * claims needs. The text is read by the library's JSON reader ({@link JsonTokens}), so that it
 * accepts exactly what the library accepts; the library also decides what the JSON means. Reading
 * and writing use no recursion, so any depth the reader accepts can be printed.
 */
final class JsonTree {
  private static final String INDENT = "  ";

  private JsonTree() {}

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

    /** The decoded string, for a string; else null. */
    private final @Nullable String string;

    private Scalar(String text, @Nullable String string) {
      this.text = text;
      this.string = string;
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
      return new Scalar(sb.append('"').toString(), s);
    }

    static Scalar number(long n) {
      return new Scalar(Long.toString(n), null);
    }

    /** Returns the decoded string, or empty when this is not a string. */
    Optional<String> stringValue() {
      return Optional.ofNullable(string);
    }

    boolean isNull() {
      return text.equals("null");
    }
  }

  /**
   * Reads a JSON object.
   *
   * @param utf8 the JSON
   * @param what where it comes from, for messages, for example {@code claims file 'c.json'}
   * @param notAnObject the message when the JSON is not an object
   * @return the object
   * @throws InputException when the text is not a JSON object
   */
  static Obj parse(byte[] utf8, String what, String notAnObject) {
    JsonTokens t;
    try {
      t = JsonTokens.parse(utf8);
    } catch (JsonIn.SyntaxException e) {
      if (e.problem() == JsonIn.SyntaxException.Problem.NOT_AN_OBJECT) {
        throw new InputException(notAnObject, e);
      }
      throw new InputException(what + " is not valid JSON: " + reason(e, utf8), e);
    }
    Obj root = new Obj();
    // One frame per open container: the container, the index of its next token, its end.
    Deque<Object[]> open = new ArrayDeque<>();
    open.push(new Object[] {root, new int[] {t.first(t.root()), t.end(t.root())}});
    while (!open.isEmpty()) {
      Object[] frame = open.peek();
      int[] at = (int[]) frame[1];
      if (at[0] == at[1]) {
        open.pop();
        continue;
      }
      int v = at[0];
      String key = "";
      String rawKey = "";
      if (frame[0] instanceof Obj) {
        key = t.string(v);
        rawKey = t.text(v);
        v++;
      }
      at[0] = t.next(v);
      Value value;
      if (t.isObject(v) || t.isArray(v)) {
        value = t.isObject(v) ? new Obj() : new Arr();
        open.push(new Object[] {value, new int[] {t.first(v), t.end(v)}});
      } else {
        String text = t.text(v);
        value = new Scalar(text, text.startsWith("\"") ? t.string(v) : null);
      }
      if (frame[0] instanceof Obj) {
        ((Obj) frame[0]).members.add(new Member(key, rawKey, value));
      } else {
        ((Arr) frame[0]).items.add(value);
      }
    }
    return root;
  }

  /** What is wrong with the JSON and where, in the words of this tool. */
  private static String reason(JsonIn.SyntaxException e, byte[] utf8) {
    String text = JsonIn.decodeUtf8(utf8);
    int at = e.offset();
    String why;
    switch (e.problem()) {
      case EXPECTED_NAME:
        why = e.atEnd() ? "unexpected end of the text" : "expected a member name in double quotes";
        break;
      case EXPECTED_COLON:
        why = "expected ':'";
        break;
      case EXPECTED_VALUE:
        why =
            e.atEnd()
                ? "unexpected end of the text"
                : "unexpected character " + describe(text.charAt(at));
        break;
      case EXPECTED_OBJECT_COMMA:
        why = "expected ',' or '}' after an object member";
        break;
      case EXPECTED_ARRAY_COMMA:
        why = "expected ',' or ']' after an array element";
        break;
      case BAD_STRING:
        if (e.atEnd()) {
          why = "string not closed";
          at = e.tokenOffset();
        } else if (text.charAt(at) != '\\') {
          why = "control character " + describe(text.charAt(at)) + " in a string; escape it";
        } else {
          at++;
          why =
              text.charAt(at) == 'u'
                  ? "\\u must be followed by four hexadecimal digits"
                  : "invalid escape \\" + text.charAt(at) + " in a string";
        }
        break;
      case BAD_NUMBER:
        {
          char before = text.charAt(at - 1);
          boolean exponent =
              before == 'e'
                  || before == 'E'
                  || (before == '+' || before == '-')
                      && at >= 2
                      && (text.charAt(at - 2) == 'e' || text.charAt(at - 2) == 'E');
          why =
              before == '.'
                  ? "invalid number: digits must follow the decimal point"
                  : exponent ? "invalid number: digits must follow the exponent" : "invalid number";
        }
        break;
      case BAD_LITERAL:
        at = e.tokenOffset();
        why = "unexpected character " + describe(text.charAt(at));
        break;
      case TOO_DEEP:
        why = "nested more than 10000 levels deep";
        break;
      default: // DATA_AFTER
        why = "unexpected text after the JSON value";
    }
    return why + " (" + position(text, at) + ")";
  }

  private static String position(String text, int at) {
    if (at >= text.length()) {
      return "at the end";
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "at line " + line + ", column " + column;
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
  }

  /**
   * Writes a value without white space.
   *
   * @param v the value
   * @return compact JSON
   */
  static String compact(Value v) {
    return write(v, false);
  }

  /**
   * Writes a value indented by two spaces per level.
   *
   * @param v the value
   * @return indented JSON, without a final line break
   */
  static String pretty(Value v) {
    return write(v, true);
  }

  private static String write(Value root, boolean indent) {
    StringBuilder sb = new StringBuilder();
    if (root instanceof Scalar) {
      return ((Scalar) root).text;
    }
    // One frame per open container: the container and the index of its next item.
    Deque<Object[]> open = new ArrayDeque<>();
    sb.append(root instanceof Obj ? '{' : '[');
    open.push(new Object[] {root, new int[] {0}});
    while (!open.isEmpty()) {
      Object[] frame = open.peek();
      int[] next = (int[]) frame[1];
      boolean isObj = frame[0] instanceof Obj;
      int size = isObj ? ((Obj) frame[0]).members.size() : ((Arr) frame[0]).items.size();
      if (next[0] == size) {
        open.pop();
        if (size > 0) {
          newline(sb, indent, open.size());
        }
        sb.append(isObj ? '}' : ']');
        continue;
      }
      int i = next[0]++;
      sb.append(i == 0 ? "" : ",");
      newline(sb, indent, open.size());
      Value v;
      if (isObj) {
        Member m = ((Obj) frame[0]).members.get(i);
        sb.append(m.rawKey).append(indent ? ": " : ":");
        v = m.value;
      } else {
        v = ((Arr) frame[0]).items.get(i);
      }
      if (v instanceof Scalar) {
        sb.append(((Scalar) v).text);
      } else {
        sb.append(v instanceof Obj ? '{' : '[');
        open.push(new Object[] {v, new int[] {0}});
      }
    }
    return sb.toString();
  }

  private static void newline(StringBuilder sb, boolean indent, int level) {
    if (indent) {
      sb.append('\n').append(INDENT.repeat(level));
    }
  }
}
