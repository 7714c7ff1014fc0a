package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.List;
import java.util.Objects;

/**
 * The identity of the server that sends an auth-callout request ({@code server_id}, spec claims.md
 * section 3.6).
 *
 * <p>Immutable and thread-safe. {@code name}, {@code host} and {@code id} are always written, the
 * other fields only when set.
 *
 * <pre>{@code
 * ServerId server = new ServerId("n1", "10.0.0.1", serverKey.publicKey(), "2.10.0", "", List.of(), "");
 * }</pre>
 *
 * @param name the server's name
 * @param host the server's host
 * @param id the server's public key ({@code N...})
 * @param version the server's version, or {@code ""}
 * @param cluster the server's cluster, or {@code ""}
 * @param tags the server's tags, as stored
 * @param xkey the server's curve key ({@code X...}) for encrypted responses, or {@code ""}
 */
public record ServerId(
    String name,
    String host,
    String id,
    String version,
    String cluster,
    List<String> tags,
    String xkey) {
  /** All fields empty. */
  public static final ServerId EMPTY = new ServerId("", "", "", "", "", List.of(), "");

  /**
   * Checks the fields and copies the tags.
   *
   * @param name the name
   * @param host the host
   * @param id the public key
   * @param version the version
   * @param cluster the cluster
   * @param tags the tags
   * @param xkey the curve key
   */
  public ServerId {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cluster, "cluster");
    tags = List.copyOf(tags);
    Objects.requireNonNull(xkey, "xkey");
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.name("name").value(name);
    w.name("host").value(host);
    w.name("id").value(id);
    w.field("version", version);
    w.field("cluster", cluster);
    w.field("tags", tags);
    w.field("xkey", xkey);
    w.endObject();
  }

  static ServerId read(JsonIn o) {
    return new ServerId(
        o.string("name"),
        o.string("host"),
        o.string("id"),
        o.string("version"),
        o.string("cluster"),
        o.strings("tags"),
        o.string("xkey"));
  }
}
