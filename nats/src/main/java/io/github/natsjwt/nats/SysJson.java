package io.github.natsjwt.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the system services' monitoring replies ({@code CONNZ}, {@code VARZ}, {@code KICK}) into
 * maps, lists, strings, longs and booleans, for the few fields {@link ConnectionKicker} needs.
 * Bounded: the depth is capped and the caller caps the size.
 */
final class SysJson {
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(32).build())
          .build();

  private SysJson() {}

  /** Parses one JSON object. */
  static Map<String, @Nullable Object> object(byte[] body, String subject) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed(body, subject, "not an object", null);
      }
      Map<String, @Nullable Object> m = readObject(p);
      if (p.nextToken() != null) {
        throw malformed(body, subject, "more than one JSON value", null);
      }
      return m;
    } catch (IOException e) {
      throw malformed(body, subject, "invalid JSON", e);
    }
  }

  private static Map<String, @Nullable Object> readObject(JsonParser p) throws IOException {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      m.put(name, value(p, p.nextToken()));
    }
    return m;
  }

  private static @Nullable Object value(JsonParser p, @Nullable JsonToken t) throws IOException {
    if (t == null) {
      throw new IOException("unexpected end of input");
    }
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> {
        List<@Nullable Object> list = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(value(p, n));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getValueAsLong();
      case VALUE_NUMBER_FLOAT -> p.getValueAsDouble();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      default -> null;
    };
  }

  /** A member that is an object, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> obj(Map<String, @Nullable Object> m, String name) {
    Object v = m.get(name);
    return v instanceof Map ? (Map<String, @Nullable Object>) v : Map.of();
  }

  /** A member that is an array, or an empty list. */
  @SuppressWarnings("unchecked")
  static List<@Nullable Object> list(Map<String, @Nullable Object> m, String name) {
    Object v = m.get(name);
    return v instanceof List ? (List<@Nullable Object>) v : List.of();
  }

  /** A member that is a string, or {@code ""}. */
  static String str(Map<String, @Nullable Object> m, String name) {
    Object v = m.get(name);
    if (!(v instanceof String s)) {
      return "";
    }
    return s.length() > Replies.MAX_TEXT_CHARS ? s.substring(0, Replies.MAX_TEXT_CHARS) + "..." : s;
  }

  /** A member that is an integer, or -1. */
  static long num(Map<String, @Nullable Object> m, String name) {
    Object v = m.get(name);
    return v instanceof Long l ? l : -1;
  }

  /** The {@code server} object of a reply. */
  static ServerRef server(Map<String, @Nullable Object> reply) {
    Map<String, @Nullable Object> s = obj(reply, "server");
    return new ServerRef(str(s, "id"), str(s, "name"), str(s, "ver"));
  }

  /** The {@code error} of a reply as {@code "<code> <description>"}, or {@code ""}. */
  static String error(Map<String, @Nullable Object> reply) {
    if (!(reply.get("error") instanceof Map)) {
      return "";
    }
    Map<String, @Nullable Object> e = obj(reply, "error");
    long code = num(e, "code");
    String d = str(e, "description");
    return ((code >= 0 ? code + " " : "") + (d.isEmpty() ? "error" : d)).strip();
  }

  private static MalformedReplyException malformed(
      byte[] body, String subject, String what, @Nullable IOException cause) {
    String message = String.format(Replies.NOT_JSON, subject, what, Replies.excerpt(body));
    return cause == null
        ? new MalformedReplyException(subject, message)
        : new MalformedReplyException(subject, message, cause);
  }
}
