package io.github.natsjwt.claims;

import io.github.natsjwt.NatsJwtException;

/**
 * Claims JSON that cannot be read: not a JSON object, a field of the wrong type or out of range, an
 * unsupported claim kind or version.
 *
 * <p>Immutable and thread-safe. {@link #field()} names the offending field as a dotted path (for
 * example {@code nats.limits.subs}).
 */
public final class ClaimsFormatException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The path of the offending field. */
  private final String field;

  ClaimsFormatException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  ClaimsFormatException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * Returns the dotted path of the offending field.
   *
   * @return for example {@code "nats.limits.subs"}, or {@code ""} for the whole document
   */
  public String field() {
    return field;
  }
}
