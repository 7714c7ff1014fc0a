package io.github.natsjwt.callout;

import java.util.Objects;

/**
 * What happened to one connection when the callout service kicked a user.
 *
 * <p>Immutable and thread-safe.
 *
 * @param connection the connection that was kicked
 * @param outcome how it ended
 * @param detail the server's error description, what went wrong, or {@code ""} when kicked
 */
public record KickResult(TrackedConnection connection, KickOutcome outcome, String detail) {
  /**
   * Checks for nulls.
   *
   * @param connection the connection
   * @param outcome the outcome
   * @param detail the detail or {@code ""}
   */
  public KickResult {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }
}
