package io.github.natsjwt.nats;

import io.github.natsjwt.NatsJwtException;

/**
 * An account edit could not be made, signed, pushed or confirmed.
 *
 * <p>Immutable and thread-safe. This type itself reports an edit that is not valid (a key of the
 * wrong type, or claims the reference would refuse after the change); the subtypes report the other
 * failures: {@link AccountNotFoundException}, {@link SigningKeyNotFoundException}, {@link
 * SignerNotOperatorException} and {@link LookupMismatchException}. A server that refuses the push
 * is an {@link AccountJwtRejectedException}, as for {@link AccountJwtClient#push(String)}.
 */
public class AccountEditException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The account the edit was for, or {@code ""} when not known. */
  private final String account;

  /**
   * Creates the exception.
   *
   * @param account the account's public key, or {@code ""} when not known
   * @param message what failed and how to fix it
   */
  public AccountEditException(String account, String message) {
    super(message);
    this.account = account;
  }

  /**
   * Returns the account the edit was for.
   *
   * @return the account's public key, or {@code ""} when not known
   */
  public String account() {
    return account;
  }
}
