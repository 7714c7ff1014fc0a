package io.github.natsjwt.nats;

import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the servers' JSON replies (spec trust-chain.md section 1.4): {@code {"server":{...},
 * "data":{...}|[...], "error":{...}}}. The library's JSON reader reads them as a Go client does
 * (keys matched ignoring case, the last of duplicate keys wins, {@code null} as absent); unknown
 * fields are skipped; fields of the wrong type, or a reply that is not one JSON object, are {@link
 * MalformedReplyException}s.
 */
final class Replies {
  /** The longest server string (name, message, description) kept; the rest is cut. */
  static final int MAX_TEXT_CHARS = 4096;

  /** The longest part of a server's error description quoted in a message. */
  static final int DESCRIPTION_CHARS = 512;

  /** The longest excerpt of a reply quoted in a message. */
  private static final int EXCERPT_CHARS = 64;

  static final String NOT_JSON =
      "The reply to %s is not the JSON object the server sends (%s); it starts with %s.";
  static final String WRONG_TYPE =
      "The reply to %s has a %s where %s was expected for \"%s\"; it is not a resolver reply.";
  static final String NOT_AN_ACCOUNT =
      "The reply to %s lists %s, which is not an account public key.";
  static final String NEITHER =
      "The reply to %s has neither a \"data\" nor an \"error\" object; it is not a resolver reply.";

  private Replies() {}

  /** A decoded reply: the server, and either a status ({@code data} or {@code error}) or a list. */
  record Reply(
      String server,
      String serverId,
      @Nullable Status data,
      @Nullable Status error,
      @Nullable List<String> list) {}

  /** A {@code data} or {@code error} object. */
  record Status(String account, int code, String text) {}

  static Reply parse(byte[] body, String subject) {
    JsonIn reply = document(body, subject);
    String server = "";
    String serverId = "";
    Object s = value(reply, "server");
    if (s instanceof JsonIn o) {
      server = text(o, "name", subject, "server.name");
      serverId = text(o, "id", subject, "server.id");
    } else if (s != null) {
      throw wrongType(s, subject, "server", "an object");
    }
    Status data = null;
    List<String> list = null;
    Object d = value(reply, "data");
    if (d instanceof List<?> l) {
      list = accounts(l, subject);
    } else if (d instanceof JsonIn o) {
      data = status(o, subject, "data", "message");
    } else if (d != null) {
      throw wrongType(d, subject, "data", "an object or an array");
    }
    Status error = null;
    Object e = value(reply, "error");
    if (e instanceof JsonIn o) {
      error = status(o, subject, "error", "description");
    } else if (e != null) {
      throw wrongType(e, subject, "error", "an object");
    }
    if (data == null && error == null && list == null) {
      throw new MalformedReplyException(subject, String.format(NEITHER, subject));
    }
    return new Reply(server, serverId, data, error, list);
  }

  /**
   * Reads a reply that must be one JSON object, with the library's reader.
   *
   * @throws MalformedReplyException when it is not; the message says whether it is no JSON at all,
   *     another JSON value, or an object followed by more
   */
  static JsonIn document(byte[] body, String subject) {
    try {
      return JsonIn.parse(body, "");
    } catch (JsonIn.SyntaxException e) {
      String what;
      if (e.problem() == JsonIn.SyntaxException.Problem.DATA_AFTER) {
        what = "more than one JSON value";
      } else if (e.problem() == JsonIn.SyntaxException.Problem.NOT_AN_OBJECT
          && startsAsJsonValue(body)) {
        what = "not an object";
      } else {
        what = "invalid JSON";
      }
      throw new MalformedReplyException(
          subject, String.format(NOT_JSON, subject, what, excerpt(body)), e);
    }
  }

  /** Whether the first byte after white space starts a JSON value, or there is none. */
  private static boolean startsAsJsonValue(byte[] body) {
    int i = 0;
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
      i++;
    }
    if (i == body.length) {
      return true;
    }
    byte b = body[i];
    return b == '['
        || b == '"'
        || b == 't'
        || b == 'f'
        || b == 'n'
        || b == '-'
        || (b >= '0' && b <= '9');
  }

  /** A member's value as Go reads it, or {@code null} when it is absent or {@code null}. */
  static @Nullable Object value(JsonIn object, String name) {
    return object.get(name).orElse(null);
  }

  private static Status status(JsonIn o, String subject, String object, String textField) {
    String account = text(o, "account", subject, object + ".account");
    String text = text(o, textField, subject, object + "." + textField);
    Object v = value(o, "code");
    long code = 0;
    if (v != null) {
      if (!isInteger(v)) {
        throw wrongType(v, subject, object + ".code", "an integer");
      }
      code = longValue((JsonIn.Number) v);
    }
    int c = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code));
    return new Status(account, c, text);
  }

  /** Whether a value is a JSON integer: a number without fraction or exponent. */
  static boolean isInteger(Object v) {
    if (!(v instanceof JsonIn.Number n)) {
      return false;
    }
    String t = n.text();
    return t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0;
  }

  /** An integer's value; beyond a long's range, the nearest bound. */
  static long longValue(JsonIn.Number integer) {
    String t = integer.text();
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException outOfRange) {
      return t.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static List<String> accounts(List<?> values, String subject) {
    List<String> keys = new ArrayList<>(values.size());
    for (Object v : values) {
      String key = text(v == JsonIn.NULL ? null : v, subject, "data[]");
      if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
        throw new MalformedReplyException(
            subject, String.format(NOT_AN_ACCOUNT, subject, describe(key)));
      }
      keys.add(key);
    }
    return keys;
  }

  private static String text(JsonIn o, String name, String subject, String field) {
    return text(value(o, name), subject, field);
  }

  private static String text(@Nullable Object v, String subject, String field) {
    if (v == null) {
      return "";
    }
    if (!(v instanceof String s)) {
      throw wrongType(v, subject, field, "a string");
    }
    return cut(s);
  }

  /** A server string cut after {@value #MAX_TEXT_CHARS} characters. */
  static String cut(String s) {
    return s.length() > MAX_TEXT_CHARS ? s.substring(0, MAX_TEXT_CHARS) + "..." : s;
  }

  private static MalformedReplyException wrongType(
      Object found, String subject, String field, String expected) {
    return new MalformedReplyException(
        subject, String.format(WRONG_TYPE, subject, kind(found), expected, field));
  }

  /** What a value read by {@link JsonIn} is, for a message. */
  private static String kind(Object v) {
    if (v instanceof JsonIn) {
      return "object";
    } else if (v instanceof List) {
      return "array";
    } else if (v instanceof String) {
      return "string";
    } else if (v instanceof Boolean) {
      return "boolean";
    } else if (v instanceof JsonIn.Number) {
      return "number";
    }
    return "null";
  }

  /** The first bytes of a reply, escaped, for a message. */
  static String excerpt(byte[] body) {
    int n = Math.min(body.length, EXCERPT_CHARS * 4);
    String s = new String(body, 0, n, StandardCharsets.UTF_8);
    String shown = describe(s);
    return body.length > n && !shown.contains("...")
        ? shown + "... (" + body.length + " bytes)"
        : shown;
  }

  /**
   * Renders a string from a server for a message: quoted, control and non-ASCII characters escaped,
   * cut after {@value #EXCERPT_CHARS} characters, so a hostile reply can neither flood nor forge a
   * log line.
   */
  static String describe(String s) {
    return describe(s, EXCERPT_CHARS);
  }

  /** As {@link #describe(String)}, cut after {@code max} characters. */
  static String describe(String s, int max) {
    return Redact.quoted(s, max);
  }
}
