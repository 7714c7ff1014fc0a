package io.github.natsjwt.testing;

import io.github.natsjwt.NatsJwtException;

/**
 * A forged credential that cannot be made as asked: a second account or user of the same name, a
 * user issued by a signing key the account does not have, or a creds file that cannot be written.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestCredentialsException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  TestCredentialsException(String message) {
    super(message);
  }

  TestCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
