package io.github.natsjwt.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the servers' JSON replies (spec trust-chain.md section 1.4): {@code {"server":{...},
 * "data":{...}|[...], "error":{...}}}. Unknown fields are skipped; fields of the wrong type, a
 * reply that is not one JSON object, or one nested too deeply are {@link MalformedReplyException}s.
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

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(32).build())
          .build();

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
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notJson(body, subject, "not an object", null);
      }
      String server = "";
      String serverId = "";
      Status data = null;
      Status error = null;
      List<String> list = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        switch (name) {
          case "server":
            if (t == JsonToken.START_OBJECT) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("name")) {
                  server = text(p, v, subject, "server.name");
                } else if (field.equals("id")) {
                  serverId = text(p, v, subject, "server.id");
                } else {
                  p.skipChildren();
                }
              }
            } else {
              requireNull(t, subject, "server", "an object");
            }
            break;
          case "data":
            if (t == JsonToken.START_ARRAY) {
              list = accounts(p, subject);
            } else if (t == JsonToken.START_OBJECT) {
              data = status(p, subject, "data", "message");
            } else {
              requireNull(t, subject, "data", "an object or an array");
            }
            break;
          case "error":
            if (t == JsonToken.START_OBJECT) {
              error = status(p, subject, "error", "description");
            } else {
              requireNull(t, subject, "error", "an object");
            }
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw notJson(body, subject, "more than one JSON value", null);
      }
      if (data == null && error == null && list == null) {
        throw new MalformedReplyException(subject, String.format(NEITHER, subject));
      }
      return new Reply(server, serverId, data, error, list);
    } catch (IOException e) {
      throw notJson(body, subject, "invalid JSON", e);
    }
  }

  private static Status status(JsonParser p, String subject, String object, String textField)
      throws IOException {
    String account = "";
    long code = 0;
    String text = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("account")) {
        account = text(p, v, subject, object + ".account");
      } else if (field.equals(textField)) {
        text = text(p, v, subject, object + "." + textField);
      } else if (field.equals("code")) {
        if (v != JsonToken.VALUE_NUMBER_INT) {
          throw wrongType(v, subject, object + ".code", "an integer");
        }
        code = p.getValueAsLong();
      } else {
        p.skipChildren();
      }
    }
    int c = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, code));
    return new Status(account, c, text);
  }

  private static List<String> accounts(JsonParser p, String subject) throws IOException {
    List<String> keys = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      String key = text(p, t, subject, "data[]");
      if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
        throw new MalformedReplyException(
            subject, String.format(NOT_AN_ACCOUNT, subject, describe(key)));
      }
      keys.add(key);
    }
    return keys;
  }

  private static String text(JsonParser p, @Nullable JsonToken t, String subject, String field)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return "";
    }
    if (t != JsonToken.VALUE_STRING) {
      throw wrongType(t, subject, field, "a string");
    }
    String s = p.getText();
    return s.length() > MAX_TEXT_CHARS ? s.substring(0, MAX_TEXT_CHARS) + "..." : s;
  }

  private static void requireNull(
      @Nullable JsonToken t, String subject, String field, String expected) {
    if (t != JsonToken.VALUE_NULL) {
      throw wrongType(t, subject, field, expected);
    }
  }

  private static MalformedReplyException wrongType(
      @Nullable JsonToken t, String subject, String field, String expected) {
    String found = t == null ? "end of input" : t.name().toLowerCase(java.util.Locale.ROOT);
    return new MalformedReplyException(
        subject, String.format(WRONG_TYPE, subject, found, expected, field));
  }

  private static MalformedReplyException notJson(
      byte[] body, String subject, String what, @Nullable IOException cause) {
    String message = String.format(NOT_JSON, subject, what, excerpt(body));
    return cause == null
        ? new MalformedReplyException(subject, message)
        : new MalformedReplyException(subject, message, cause);
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
    StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16).append('"');
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    sb.append('"');
    if (s.length() > n) {
      sb.append("... (").append(s.length()).append(" characters)");
    }
    return sb.toString();
  }
}
