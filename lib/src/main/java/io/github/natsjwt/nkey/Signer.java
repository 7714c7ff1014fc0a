package io.github.natsjwt.nkey;

/**
 * Something that signs with an NKey: an {@link NKey} with a seed, or a key held elsewhere (an HSM,
 * a remote signing service).
 *
 * <p>Implementations must be thread-safe. JWT encoding and nonce signing take a {@code Signer}, so
 * that the seed never has to be in this process.
 */
public interface Signer {
  /**
   * Returns the type of the signing key.
   *
   * @return the key's role; a {@link NKeyType#CURVE} key cannot sign
   */
  NKeyType type();

  /**
   * Returns the encoded public key that verifies this signer's signatures.
   *
   * @return for example {@code "UAB2..."}
   */
  String publicKey();

  /**
   * Signs data with pure Ed25519 (RFC 8032, no pre-hash, no context).
   *
   * @param data the bytes to sign, as given
   * @return the 64-byte signature {@code R || S}
   * @throws NKeyOperationException when this signer cannot sign
   */
  byte[] sign(byte[] data);
}
