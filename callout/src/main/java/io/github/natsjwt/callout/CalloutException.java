package io.github.natsjwt.callout;

import io.github.natsjwt.NatsJwtException;

/**
 * The root of the failures the callout service reports to its {@link CalloutListener}. The service
 * never throws them at the server: every failure becomes a reply.
 *
 * <p>Immutable and thread-safe.
 */
public class CalloutException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what was wrong and how to fix it
   */
  protected CalloutException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what was wrong and how to fix it
   * @param cause the underlying failure
   */
  protected CalloutException(String message, Throwable cause) {
    super(message, cause);
  }
}
