package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;

/**
 * An account resolver that could not answer: its source failed, timed out, or returned something
 * that is not an account JWT of a sane size; or a resolver that could not store, delete or list
 * account JWTs.
 *
 * <p>Immutable and thread-safe. {@link InvalidAccountJwtException} is the subtype for content that
 * is refused.
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
   * @return the account public key as given, or {@code ""} when the failure is not about one
   *     account (opening a directory, listing it, pinging a URL)
   */
  public String account() {
    return account;
  }
}
