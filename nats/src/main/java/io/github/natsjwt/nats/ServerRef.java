package io.github.natsjwt.nats;

import java.util.Objects;

/**
 * A server as it names itself in a system-service reply ({@code "server":{"id","name","ver"}}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the server's id ({@code N...}), or {@code ""} when not given
 * @param name the server's name, or {@code ""}
 * @param version the nats-server version, for example {@code "2.14.5"}, or {@code ""}
 */
public record ServerRef(String id, String name, String version) {
  /**
   * Checks the components.
   *
   * @param id the server's id
   * @param name the server's name
   * @param version the nats-server version
   * @throws NullPointerException when a component is {@code null}
   */
  public ServerRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Returns whether the server's version is known to answer {@code $SYS.REQ.SERVER.<id>.KICK},
   * which nats-server added in 2.10.0.
   *
   * @return true for 2.10.0 and later; false for older or unknown versions
   */
  public boolean answersKick() {
    return atLeast(version, 2, 10);
  }

  static boolean atLeast(String version, int major, int minor) {
    String[] parts =
        version.startsWith("v") ? version.substring(1).split("[.-]") : version.split("[.-]");
    if (parts.length < 2) {
      return false;
    }
    try {
      int ma = Integer.parseInt(parts[0]);
      int mi = Integer.parseInt(parts[1]);
      return ma > major || (ma == major && mi >= minor);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
