package io.github.natsjwt.nats;

import io.github.natsjwt.NatsJwtException;

/**
 * A request to the cluster's account resolvers failed: a bad argument, a closed connection, no
 * reply in time, a reply that cannot be read, or a server that refused the request.
 *
 * <p>Immutable and thread-safe. Subtypes: {@link AccountJwtRejectedException} (a server answered
 * with an error), {@link NoReplyException} (nobody answered), {@link MalformedReplyException} (an
 * answer that is not in the format of spec trust-chain.md section 1.4).
 */
public class AccountJwtClientException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The subject of the request, or {@code ""} when nothing was sent. */
  private final String subject;

  /**
   * Creates the exception.
   *
   * @param subject the request subject, or {@code ""} when nothing was sent
   * @param message what failed and how to fix it
   */
  public AccountJwtClientException(String subject, String message) {
    super(message);
    this.subject = subject;
  }

  /**
   * Creates the exception with its cause.
   *
   * @param subject the request subject, or {@code ""} when nothing was sent
   * @param message what failed and how to fix it
   * @param cause the underlying failure
   */
  public AccountJwtClientException(String subject, String message, Throwable cause) {
    super(message, cause);
    this.subject = subject;
  }

  /**
   * Returns the subject the request was sent on.
   *
   * @return for example {@code $SYS.REQ.CLAIMS.LIST}, or {@code ""} when the request was refused
   *     before anything was sent
   */
  public String subject() {
    return subject;
  }
}
