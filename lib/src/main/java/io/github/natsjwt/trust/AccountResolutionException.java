package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.internal.keys.Redact;

/**
 * An account resolver that could not answer: its source failed, timed out, or returned something
 * that is not an account JWT of a sane size; or a resolver that could not store, delete or list
 * account JWTs.
 *
 * <p>Immutable and thread-safe. {@link InvalidAccountJwtException} is the subtype for content that
 * is refused. An account given as a seed or private key by mistake is never kept: {@link
 * #account()} shows it only by its length, and so does the message where it repeats it.
 */
public class AccountResolutionException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The account that was being resolved; redacted when it looks like a seed. */
  private final String account;

  /**
   * Creates the exception.
   *
   * @param account the account key being resolved
   * @param message what failed and how to fix it
   */
  public AccountResolutionException(String account, String message) {
    super(scrubbed(message, account));
    this.account = shown(account);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param account the account key being resolved
   * @param message what failed and how to fix it
   * @param cause the underlying failure
   */
  public AccountResolutionException(String account, String message, Throwable cause) {
    super(scrubbed(message, account), cause);
    this.account = shown(account);
  }

  /** The account as kept: as given, unless it looks like a seed or private key. */
  private static String shown(String account) {
    return Redact.isSeedShaped(account) ? Redact.redacted(account) : account;
  }

  /** The message with a seed-shaped account, where it appears as given, replaced by its length. */
  private static String scrubbed(String message, String account) {
    String shown = shown(account);
    return shown.equals(account) ? message : message.replace(account, shown);
  }

  /**
   * Returns the account that was being resolved.
   *
   * @return the account public key as given (any other string too, unless it looks like a seed or
   *     private key, which is replaced by {@code <not a public key: N characters, redacted>}), or
   *     {@code ""} when the failure is not about one account (opening a directory, listing it,
   *     pinging a URL)
   */
  public String account() {
    return account;
  }
}
