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

  /** The issuer as written in the token when it is a public key, else its redacted form. */
  private final String issuer;

  SignatureMismatchException(String issuer, String message) {
    super(message);
    this.issuer = issuer;
  }

  /**
   * Returns the issuer the signature was checked against. An {@code iss} that is not a valid public
   * key may be a secret (a seed or private key, possibly mistyped, truncated, re-cased or padded),
   * so it is never returned: only its length is.
   *
   * @return the {@code iss} value as written in the token when it is a valid public key (or empty);
   *     {@link #REDACTED_SEED} when it is a valid seed; otherwise {@code <not a public key: N
   *     characters, redacted>}
   */
  public String issuer() {
    return issuer;
  }
}
