package io.github.natsjwt.callout;

import java.util.Objects;

/**
 * A client connection the callout service allowed, as the server described it in the request: which
 * server it is on and its client id there, the key to kick it by.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userNkey the user key the server generated for the connection ({@code U...}), the minted
 *     user's subject
 * @param userName the minted user's {@code name}, or {@code ""} when the authorizer set none
 * @param serverId the server's id ({@code N...} key) from the request's {@code server_id}
 * @param clientId the client id from the request's {@code client_info.id}, unique on that server
 */
public record TrackedConnection(String userNkey, String userName, String serverId, long clientId) {
  /**
   * Checks for nulls.
   *
   * @param userNkey the user key
   * @param userName the user name or {@code ""}
   * @param serverId the server id
   * @param clientId the client id
   */
  public TrackedConnection {
    Objects.requireNonNull(userNkey, "userNkey");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(serverId, "serverId");
  }

  /**
   * Returns whether this connection belongs to the user: its user key or its minted name.
   *
   * @param user a {@code U...} key or a user name
   * @return whether it matches
   */
  public boolean isUser(String user) {
    return userNkey.equals(user) || (!userName.isEmpty() && userName.equals(user));
  }
}
