package io.github.natsjwt.claims;

import io.github.natsjwt.NatsJwtException;

/**
 * Claims that cannot be encoded as they are: no subject, a subject of the wrong key type, or a
 * value the format cannot represent (spec claims.md section 1.4).
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidClaimsException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  InvalidClaimsException(String message) {
    super(message);
  }
}
