package io.github.natsjwt.cli.nats;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the one-line JSON documents of the {@code --json} options: objects whose members are
 * strings, numbers, booleans, {@code null}, string arrays, objects and arrays of objects. The
 * schemas are documented in cli/README.md under "JSON output".
 *
 * <pre>{@code
 * out.println(JsonOut.object().string("account", key).bool("found", true));
 * }</pre>
 *
 * <p>Not thread-safe; {@link #toString()} returns the finished object.
 */
public final class JsonOut {
  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  private JsonOut() {}

  /**
   * Starts an object.
   *
   * @return an empty object to add members to
   */
  public static JsonOut object() {
    JsonOut j = new JsonOut();
    j.out.append('{');
    return j;
  }

  /**
   * Adds a string member, or {@code null} when the value is {@code null}.
   *
   * @param name the member's name
   * @param value the string, or {@code null}
   * @return this object
   */
  public JsonOut string(String name, @Nullable String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  /**
   * Adds a number member.
   *
   * @param name the member's name
   * @param value the number
   * @return this object
   */
  public JsonOut number(String name, long value) {
    key(name).append(value);
    return this;
  }

  /**
   * Adds a boolean member.
   *
   * @param name the member's name
   * @param value the value
   * @return this object
   */
  public JsonOut bool(String name, boolean value) {
    key(name).append(value);
    return this;
  }

  /**
   * Adds an array of strings, or {@code null} when the list is {@code null}.
   *
   * @param name the member's name
   * @param values the strings, or {@code null}
   * @return this object
   */
  public JsonOut strings(String name, @Nullable List<String> values) {
    if (values == null) {
      key(name).append("null");
      return this;
    }
    key(name).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      quote(values.get(i));
    }
    out.append(']');
    return this;
  }

  /**
   * Adds a number member, or {@code null} when the value is {@code null}.
   *
   * @param name the member's name
   * @param value the number, or {@code null}
   * @return this object
   */
  public JsonOut numberOrNull(String name, @Nullable Long value) {
    key(name).append(value == null ? "null" : value.toString());
    return this;
  }

  /**
   * Adds an object member, or {@code null} when the value is {@code null}.
   *
   * @param name the member's name
   * @param value the object, or {@code null}
   * @return this object
   */
  public JsonOut object(String name, @Nullable JsonOut value) {
    key(name).append(value == null ? "null" : value.toString());
    return this;
  }

  /**
   * Adds an array of objects.
   *
   * @param name the member's name
   * @param values the objects
   * @return this object
   */
  public JsonOut objects(String name, List<JsonOut> values) {
    key(name).append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values.get(i));
    }
    out.append(']');
    return this;
  }

  /** Returns the object, closed. */
  @Override
  public String toString() {
    return out + "}";
  }

  private StringBuilder key(String name) {
    if (!first) {
      out.append(',');
    }
    first = false;
    quote(name);
    return out.append(':');
  }

  /** Quotes a string as RFC 8259 requires: escapes quote, backslash and control characters. */
  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
