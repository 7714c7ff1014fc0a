package io.github.natsjwt.cli.nats;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the one-line JSON documents of the {@code --json} options: objects whose members are
 * strings, numbers, booleans, {@code null}, string arrays and arrays of objects. The schemas are
 * documented in cli/README.md under "JSON output".
 */
final class JsonOut {
  private final StringBuilder out = new StringBuilder();
  private boolean first = true;

  private JsonOut() {}

  /** Starts an object. */
  static JsonOut object() {
    JsonOut j = new JsonOut();
    j.out.append('{');
    return j;
  }

  /** Adds a string member, or {@code null} when the value is {@code null}. */
  JsonOut string(String name, @Nullable String value) {
    key(name);
    if (value == null) {
      out.append("null");
    } else {
      quote(value);
    }
    return this;
  }

  /** Adds a number member. */
  JsonOut number(String name, long value) {
    key(name).append(value);
    return this;
  }

  /** Adds a boolean member. */
  JsonOut bool(String name, boolean value) {
    key(name).append(value);
    return this;
  }

  /** Adds an array of strings. */
  JsonOut strings(String name, List<String> values) {
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

  /** Adds an array of objects, each already written by {@link #toString()}. */
  JsonOut objects(String name, List<JsonOut> values) {
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
