package io.github.natsjwt.nats;

import java.util.Objects;

/**
 * What a server said to {@code $SYS.REQ.SERVER.<id>.KICK} for one client id.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serverId the server the request went to
 * @param cid the client id
 * @param status kicked, refused (with the server's reason) or no answer
 * @param server the server as it named itself in its reply, or as {@code VARZ} named it when it did
 *     not answer KICK; fields are {@code ""} when unknown
 * @param message the server's reason for a refusal, or why there was no answer; {@code ""} when
 *     kicked
 */
public record KickResult(
    String serverId, long cid, Status status, ServerRef server, String message) {
  /** The outcome of one kick. */
  public enum Status {
    /** The server closed the connection. */
    KICKED,
    /** The server answered with an error, for example {@code 500 no such client or leafnode id}. */
    REFUSED,
    /** No server answered: gone, not reachable from the system account, or older than 2.10.0. */
    NO_ANSWER
  }

  /**
   * Checks the components.
   *
   * @param serverId the server id
   * @param cid the client id
   * @param status the outcome
   * @param server the server as named in a reply
   * @param message the reason, or {@code ""}
   * @throws NullPointerException when a component is {@code null}
   */
  public KickResult {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(message, "message");
  }
}
