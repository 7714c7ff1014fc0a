package io.github.natsjwt.nats;

/**
 * An edit names a signing key the account does not have in the needed form: a scope to replace on a
 * key that is absent or plain, or a key to remove that is absent (spec claims.md, account signing
 * keys).
 *
 * <p>Immutable and thread-safe.
 */
public final class SigningKeyNotFoundException extends AccountEditException {
  private static final long serialVersionUID = 1L;

  /** The signing key named by the edit. */
  private final String key;

  /** Whether the account has the key as a plain (unscoped) signing key. */
  private final boolean plain;

  /**
   * Creates the exception.
   *
   * @param account the account's public key
   * @param key the signing key the edit named
   * @param plain whether the account has the key, but as a plain signing key
   * @param message what failed and how to fix it
   */
  public SigningKeyNotFoundException(String account, String key, boolean plain, String message) {
    super(account, message);
    this.key = key;
    this.plain = plain;
  }

  /**
   * Returns the signing key the edit named.
   *
   * @return an account public key
   */
  public String key() {
    return key;
  }

  /**
   * Returns whether the account has the key as a plain signing key (so it has no scope to replace).
   *
   * @return true when the key is there but not scoped
   */
  public boolean isPlain() {
    return plain;
  }
}
