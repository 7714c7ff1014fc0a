package io.github.natsjwt.nats;

import java.util.List;

/**
 * The answer to {@link ConnectionKicker#findUser(String)}: the servers that answered {@code
 * $SYS.REQ.SERVER.PING.CONNZ} and the user's connections they reported.
 *
 * <p>Immutable and thread-safe.
 *
 * @param servers the servers that answered, in the order they did
 * @param connections the user's connections, in the order reported
 */
public record UserConnections(List<ServerRef> servers, List<ClientConnection> connections) {
  /**
   * Copies the lists.
   *
   * @param servers the servers that answered
   * @param connections the user's connections
   * @throws NullPointerException when a list or an element is {@code null}
   */
  public UserConnections {
    servers = List.copyOf(servers);
    connections = List.copyOf(connections);
  }
}
