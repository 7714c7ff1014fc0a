package io.github.natsjwt.nats;

import java.util.Objects;

/**
 * One server's acceptance of a delete request: the data object of its reply (spec trust-chain.md
 * section 1.4).
 *
 * <p>Immutable and thread-safe.
 *
 * @param server the server's name ({@code server.name}), or {@code ""}
 * @param serverId the server's id ({@code server.id}), or {@code ""}
 * @param code the server's code, 200 on success
 * @param message the server's message, for example {@code "deleted 1 accounts"}
 */
public record DeleteResult(String server, String serverId, int code, String message) {
  /**
   * Checks the components.
   *
   * @param server the server's name
   * @param serverId the server's id
   * @param code the server's code
   * @param message the server's message
   * @throws NullPointerException when a string is {@code null}
   */
  public DeleteResult {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(message, "message");
  }
}
