package io.github.natsjwt.nats;

import java.util.Objects;

/**
 * One server's acceptance of a pushed account JWT: the data object of its reply (spec
 * trust-chain.md section 1.4).
 *
 * <p>Immutable and thread-safe. Acceptance means the server stored the JWT (full resolver), or
 * applied it, or decided to skip it: the message says which ({@code "jwt updated"}, {@code "jwt
 * update skipped"} when a memory or URL resolver does not have the account loaded, {@code "jwt
 * update cache skipped"}, ...). A full resolver stores a JWT whose issuer it does not trust; the
 * account then fails when a user needs it.
 *
 * @param server the server's name ({@code server.name}), or {@code ""}
 * @param serverId the server's id ({@code server.id}), or {@code ""}
 * @param account the account the server named, or {@code ""}
 * @param code the server's code, 200 on success
 * @param message the server's message, for example {@code "jwt updated"}
 */
public record PushResult(String server, String serverId, String account, int code, String message) {
  /**
   * Checks the components.
   *
   * @param server the server's name
   * @param serverId the server's id
   * @param account the account the server named
   * @param code the server's code
   * @param message the server's message
   * @throws NullPointerException when a string is {@code null}
   */
  public PushResult {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(message, "message");
  }
}
