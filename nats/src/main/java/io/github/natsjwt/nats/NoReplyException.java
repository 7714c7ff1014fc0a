package io.github.natsjwt.nats;

import java.time.Duration;

/**
 * No server answered a request: either the server said at once that nothing listens on the subject
 * ("no responders"), or no reply came within the client's timeout.
 *
 * <p>Immutable and thread-safe. The usual causes: the connection's user is not in the system
 * account, or the servers do not use a {@code full} or {@code cache} resolver (only those handle
 * lookup, list and delete; spec trust-chain.md section 1.4).
 */
public final class NoReplyException extends AccountJwtClientException {
  private static final long serialVersionUID = 1L;

  /** Whether the server reported that nothing listens on the subject. */
  private final boolean noResponders;

  /** How long the client waited. */
  private final Duration timeout;

  NoReplyException(String subject, String message, boolean noResponders, Duration timeout) {
    super(subject, message);
    this.noResponders = noResponders;
    this.timeout = timeout;
  }

  /**
   * Returns whether the server said at once that nothing listens on the subject (a NATS 503 status
   * reply), rather than the wait timing out.
   *
   * @return {@code true} for "no responders"
   */
  public boolean noResponders() {
    return noResponders;
  }

  /**
   * Returns how long the client was prepared to wait.
   *
   * @return the client's timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
