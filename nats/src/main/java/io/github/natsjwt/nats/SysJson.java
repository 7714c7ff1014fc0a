package io.github.natsjwt.nats;

import io.github.natsjwt.internal.json.JsonIn;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads the system services' monitoring replies ({@code CONNZ}, {@code VARZ}, {@code KICK}) with
 * the library's JSON reader, for the few fields {@link ConnectionKicker} needs. Leniently: a member
 * of another type than expected reads as absent. The caller caps the size.
 */
final class SysJson {
  private SysJson() {}

  /**
   * Reads one JSON object.
   *
   * @throws MalformedReplyException when the reply is not one JSON object
   */
  static JsonIn object(byte[] body, String subject) {
    return Replies.document(body, subject);
  }

  /** A member that is an object, or {@code null}. */
  static @Nullable JsonIn obj(@Nullable JsonIn m, String name) {
    return m != null && Replies.value(m, name) instanceof JsonIn o ? o : null;
  }

  /** The elements of a member that is an array that are objects; an empty list for all else. */
  static List<JsonIn> objects(@Nullable JsonIn m, String name) {
    if (m == null || !(Replies.value(m, name) instanceof List<?> list)) {
      return List.of();
    }
    List<JsonIn> out = new ArrayList<>(list.size());
    for (Object v : list) {
      if (v instanceof JsonIn o) {
        out.add(o);
      }
    }
    return out;
  }

  /** A member that is a string, cut as {@link Replies#cut} cuts it, or {@code ""}. */
  static String str(@Nullable JsonIn m, String name) {
    return m != null && Replies.value(m, name) instanceof String s ? Replies.cut(s) : "";
  }

  /** A member that is an integer, or -1. */
  static long num(@Nullable JsonIn m, String name) {
    Object v = m == null ? null : Replies.value(m, name);
    return v != null && Replies.isInteger(v) ? Replies.longValue((JsonIn.Number) v) : -1;
  }

  /** The {@code server} object of a reply. */
  static ServerRef server(JsonIn reply) {
    JsonIn s = obj(reply, "server");
    return new ServerRef(str(s, "id"), str(s, "name"), str(s, "ver"));
  }

  /** The {@code error} of a reply as {@code "<code> <description>"}, or {@code ""}. */
  static String error(JsonIn reply) {
    JsonIn e = obj(reply, "error");
    if (e == null) {
      return "";
    }
    long code = num(e, "code");
    String d = str(e, "description");
    return ((code >= 0 ? code + " " : "") + (d.isEmpty() ? "error" : d)).strip();
  }
}
