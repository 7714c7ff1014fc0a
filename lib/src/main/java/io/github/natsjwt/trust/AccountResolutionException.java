package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;

/**
 * An account resolver that could not answer: its source failed, timed out, or returned something
 * that is not an account JWT of a sane size.
 *
 * <p>Immutable and thread-safe.
 */
public class AccountResolutionException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The account that was being resolved. */
  private final String account;

  /**
   * Creates the exception.
   *
   * @param account the account key being resolved
   * @param message what failed and how to fix it
   */
  public AccountResolutionException(String account, String message) {
    super(message);
    this.account = account;
  }

  /**
   * Creates the exception with its cause.
   *
   * @param account the account key being resolved
   * @param message what failed and how to fix it
   * @param cause the underlying failure
   */
  public AccountResolutionException(String account, String message, Throwable cause) {
    super(message, cause);
    this.account = account;
  }

  /**
   * Returns the account that was being resolved.
   *
   * @return the account public key as given
   */
  public String account() {
    return account;
  }
}
