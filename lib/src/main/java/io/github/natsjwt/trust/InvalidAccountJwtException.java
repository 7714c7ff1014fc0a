package io.github.natsjwt.trust;

/**
 * What a resolver was given or found for an account is not an account JWT for that account: not a
 * JWT at all, too large, not of the account type, its signature does not verify, or its subject
 * ({@code sub}) is another account.
 *
 * <p>Immutable and thread-safe. Resolvers throw it when content is refused before it reaches a
 * verifier: a preload or a store that does not decode (spec trust-chain.md section 1.2), or a file
 * or HTTP answer that cannot be a JWT. The cause, when present, is the decoding failure (for
 * example {@link io.github.natsjwt.jwt.MalformedJwtException}).
 */
public class InvalidAccountJwtException extends AccountResolutionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param account the account key the JWT was for
   * @param message what is wrong and how to fix it
   */
  public InvalidAccountJwtException(String account, String message) {
    super(account, message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param account the account key the JWT was for
   * @param message what is wrong and how to fix it
   * @param cause the decoding failure
   */
  public InvalidAccountJwtException(String account, String message, Throwable cause) {
    super(account, message, cause);
  }
}
