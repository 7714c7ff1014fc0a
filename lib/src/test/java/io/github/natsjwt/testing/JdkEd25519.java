package io.github.natsjwt.testing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * The JDK's built-in Ed25519 as a test oracle: it checks the cofactorless equation as Go does and
 * decodes keys and R strictly (RFC 8032), so on canonical keys its verdicts are Go's. Slow (about a
 * millisecond a call); for samples only.
 */
public final class JdkEd25519 {
  // DER header of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410).
  private static final byte[] X509_HEADER = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private JdkEd25519() {}

  /**
   * Verifies with the JDK's provider.
   *
   * @param publicKey 32 raw key bytes
   * @param message the signed bytes
   * @param signature the signature
   * @return the JDK's verdict; false also when it refuses the key or the signature's form
   */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    byte[] der = new byte[X509_HEADER.length + publicKey.length];
    System.arraycopy(X509_HEADER, 0, der, 0, X509_HEADER.length);
    System.arraycopy(publicKey, 0, der, X509_HEADER.length, publicKey.length);
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Not a point, "s is too large", a non-canonical key: in every case no verification.
      return false;
    }
  }
}
