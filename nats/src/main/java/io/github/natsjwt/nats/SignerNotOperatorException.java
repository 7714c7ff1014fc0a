package io.github.natsjwt.nats;

import java.util.List;

/**
 * The key given to re-sign an account JWT is not the operator's identity key nor one of its signing
 * keys (spec trust-chain.md: an account JWT is issued by its operator), so nothing was signed or
 * sent.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignerNotOperatorException extends AccountEditException {
  private static final long serialVersionUID = 1L;

  /** The signer's public key. */
  private final String signer;

  /** The operator keys the signer may be. */
  private final List<String> allowed;

  /**
   * Creates the exception.
   *
   * @param account the account's public key
   * @param signer the signer's public key
   * @param allowed the keys the signer may be
   * @param message what failed and how to fix it
   */
  public SignerNotOperatorException(
      String account, String signer, List<String> allowed, String message) {
    super(account, message);
    this.signer = signer;
    this.allowed = List.copyOf(allowed);
  }

  /**
   * Returns the signer's public key.
   *
   * @return the public key (never a seed)
   */
  public String signer() {
    return signer;
  }

  /**
   * Returns the keys the signer may be: the operator's identity and signing keys when the operator
   * was given, otherwise the account JWT's current issuer.
   *
   * @return an unmodifiable list of public keys
   */
  public List<String> allowed() {
    return allowed;
  }
}
