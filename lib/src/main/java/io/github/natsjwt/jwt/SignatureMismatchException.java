package io.github.natsjwt.jwt;

import io.github.natsjwt.NatsJwtException;

/**
 * A token whose signature does not verify with the key in its {@code iss} field, or whose {@code
 * iss} is not a public key at all.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignatureMismatchException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** What {@link #issuer()} returns when the token's {@code iss} is a seed. */
  public static final String REDACTED_SEED = "<seed redacted>";

  /** The issuer as written in the token. */
  private final String issuer;

  SignatureMismatchException(String issuer, String message) {
    super(message);
    this.issuer = issuer;
  }

  /**
   * Returns the issuer the signature was checked against.
   *
   * @return the {@code iss} value as written in the token, or {@link #REDACTED_SEED} when it is a
   *     seed
   */
  public String issuer() {
    return issuer;
  }
}
