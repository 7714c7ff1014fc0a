package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What the server knows about a connecting client, sent in an auth-callout request ({@code
 * client_info}, spec claims.md section 3.6).
 *
 * <p>Immutable and thread-safe. Every field is written only when set.
 *
 * <pre>{@code
 * ClientInformation info = ClientInformation.EMPTY.withHost("192.0.2.7");
 * }</pre>
 *
 * @param host the client's address
 * @param id the server's client id, an unsigned 64-bit number (read with {@link
 *     Long#toUnsignedString(long)})
 * @param user the user name or public key
 * @param name the client's name
 * @param tags the client's tags, as stored
 * @param nameTag the name tag
 * @param kind the connection kind, for example {@code "Client"}
 * @param type the client type, for example {@code "nats"}
 * @param mqttId the MQTT client id
 * @param nonce the nonce the server sent the client
 */
public record ClientInformation(
    String host,
    long id,
    String user,
    String name,
    List<String> tags,
    String nameTag,
    String kind,
    String type,
    String mqttId,
    String nonce) {
  /** All fields empty. */
  public static final ClientInformation EMPTY =
      new ClientInformation("", 0, "", "", List.of(), "", "", "", "", "");

  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * Checks the fields and copies the tags.
   *
   * @param host the address
   * @param id the client id (unsigned)
   * @param user the user
   * @param name the name
   * @param tags the tags
   * @param nameTag the name tag
   * @param kind the kind
   * @param type the type
   * @param mqttId the MQTT client id
   * @param nonce the nonce
   */
  public ClientInformation {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
    Objects.requireNonNull(nameTag, "nameTag");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(mqttId, "mqttId");
    Objects.requireNonNull(nonce, "nonce");
  }

  /**
   * Returns a copy with another host.
   *
   * @param host the client's address
   * @return the new value
   */
  public ClientInformation withHost(String host) {
    return new ClientInformation(host, id, user, name, tags, nameTag, kind, type, mqttId, nonce);
  }

  /**
   * Returns a copy with another user.
   *
   * @param user the user name or public key
   * @return the new value
   */
  public ClientInformation withUser(String user) {
    return new ClientInformation(host, id, user, name, tags, nameTag, kind, type, mqttId, nonce);
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("host", host);
    if (id != 0) {
      w.name("id").valueUnsigned(id);
    }
    w.field("user", user);
    w.field("name", name);
    w.field("tags", tags);
    w.field("name_tag", nameTag);
    w.field("kind", kind);
    w.field("type", type);
    w.field("mqtt_id", mqttId);
    w.field("nonce", nonce);
    w.endObject();
  }

  static ClientInformation read(JsonIn o) {
    return new ClientInformation(
        o.string("host"),
        readUint64(o, "id"),
        o.string("user"),
        o.string("name"),
        o.strings("tags"),
        o.string("name_tag"),
        o.string("kind"),
        o.string("type"),
        o.string("mqtt_id"),
        o.string("nonce"));
  }

  private static long readUint64(JsonIn o, String key) {
    Object raw = o.get(key).orElse(null);
    if (raw == null) {
      return 0;
    }
    if (raw instanceof JsonIn.Number) {
      try {
        BigInteger v = new BigInteger(((JsonIn.Number) raw).text());
        if (v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0) {
          return v.longValue();
        }
      } catch (NumberFormatException e) {
        // Falls through to the type error below, as for a fraction in Go.
      }
    }
    throw o.mismatch(key, "an unsigned 64-bit integer", raw);
  }
}
