package io.github.natsjwt.jwt;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.ClaimType;

/**
 * A valid token of another claim type than the one asked for, for example an account JWT passed
 * where a user JWT was expected.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClaimTypeMismatchException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE = "expected a token with %s claims, but it holds %s claims";

  /** The type asked for. */
  private final String expected;

  /** The type found. */
  private final ClaimType found;

  ClaimTypeMismatchException(String expected, ClaimType found) {
    super(String.format(MESSAGE, expected, found.jsonName()));
    this.expected = expected;
    this.found = found;
  }

  /**
   * Returns the claims class name that was asked for.
   *
   * @return for example {@code "user"}
   */
  public String expected() {
    return expected;
  }

  /**
   * Returns the claim type the token holds.
   *
   * @return the found type
   */
  public ClaimType found() {
    return found;
  }
}
