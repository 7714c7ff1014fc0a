package io.github.natsjwt.nats;

/**
 * A server's reply is not in the format of spec trust-chain.md section 1.4: not JSON, JSON of
 * another shape, larger than the client accepts, or (for a lookup) not a JWT.
 *
 * <p>Immutable and thread-safe. The message describes the problem without quoting the reply beyond
 * a short, escaped excerpt.
 */
public final class MalformedReplyException extends AccountJwtClientException {
  private static final long serialVersionUID = 1L;

  MalformedReplyException(String subject, String message) {
    super(subject, message);
  }

  MalformedReplyException(String subject, String message, Throwable cause) {
    super(subject, message, cause);
  }
}
