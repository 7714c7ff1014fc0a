package io.github.natsjwt.nkey;

/**
 * A signature that does not verify against the given data and public key.
 *
 * <p>Immutable and thread-safe.
 */
public final class SignatureVerificationException extends NKeyException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE =
      "signature does not verify with public key %s: the data was changed, or another key signed"
          + " it";
  static final String BAD_LENGTH =
      "signature does not verify with public key %s: it is %d bytes long, an Ed25519 signature is"
          + " 64";

  /** The publicKey fact of this failure. */
  private final String publicKey;

  SignatureVerificationException(String message, String publicKey) {
    super(NKeyErrorCode.INVALID_SIGNATURE, message);
    this.publicKey = publicKey;
  }

  /**
   * Returns the public key the signature was checked against.
   *
   * @return the encoded public key
   */
  public String publicKey() {
    return publicKey;
  }
}
