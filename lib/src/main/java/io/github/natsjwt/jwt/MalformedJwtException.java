package io.github.natsjwt.jwt;

import io.github.natsjwt.NatsJwtException;

/**
 * A token that is not a well-formed NATS JWT: too large, not three segments, not base64url, not
 * JSON, an unsupported header, or claims that cannot be read.
 *
 * <p>Immutable and thread-safe. {@link #part()} says where: {@code "token"}, {@code "header"},
 * {@code "payload"} (or a payload field such as {@code "payload.nats.limits.subs"}) or {@code
 * "signature"}; {@link #position()} is the character offset within that segment where one is known.
 * A token refused for its size is a {@link TokenTooLargeException}.
 */
public sealed class MalformedJwtException extends NatsJwtException permits TokenTooLargeException {
  private static final long serialVersionUID = 1L;

  /** Where in the token the problem is. */
  private final String part;

  /** The character offset within the part, or -1. */
  private final int position;

  MalformedJwtException(String part, int position, String message) {
    super(message);
    this.part = part;
    this.position = position;
  }

  MalformedJwtException(String part, int position, String message, Throwable cause) {
    super(message, cause);
    this.part = part;
    this.position = position;
  }

  /**
   * Returns the part of the token that is malformed.
   *
   * @return {@code "token"}, {@code "header"}, {@code "signature"}, {@code "payload"} or a dotted
   *     payload field path
   */
  public String part() {
    return part;
  }

  /**
   * Returns the character offset of the problem within its segment.
   *
   * @return the offset, or -1 when not known
   */
  public int position() {
    return position;
  }
}
