package io.github.natsjwt.nats;

import java.util.Objects;

/**
 * One client connection as a server's {@code CONNZ} reports it.
 *
 * <p>Immutable and thread-safe. The user's JWT, which the server includes, is not kept.
 *
 * @param server the server the client is connected to
 * @param cid the server's client id for the connection
 * @param account the account's public key ({@code account}), or {@code ""}
 * @param user the user's public key ({@code authorized_user}), or {@code ""}
 * @param name the name the client gave, or {@code ""}
 */
public record ClientConnection(
    ServerRef server, long cid, String account, String user, String name) {
  /**
   * Checks the components.
   *
   * @param server the server
   * @param cid the client id
   * @param account the account's public key
   * @param user the user's public key
   * @param name the client's name
   * @throws NullPointerException when a component is {@code null}
   */
  public ClientConnection {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(name, "name");
  }
}
