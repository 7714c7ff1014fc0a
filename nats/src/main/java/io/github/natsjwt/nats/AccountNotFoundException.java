package io.github.natsjwt.nats;

/**
 * No server has a JWT for the account to edit: the lookup found nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountNotFoundException extends AccountEditException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param account the account's public key
   * @param message what failed and how to fix it
   */
  public AccountNotFoundException(String account, String message) {
    super(account, message);
  }
}
