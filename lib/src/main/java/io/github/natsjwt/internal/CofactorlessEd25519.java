package io.github.natsjwt.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 verification with the cofactorless equation {@code [S]B == R + [k]A}, as Go's {@code
 * crypto/ed25519} checks it, for public keys outside the prime-order subgroup.
 *
 * <p>Immutable and thread-safe (stateless). BouncyCastle's verifier refuses small-order keys and
 * checks the cofactored equation, which for keys with a small-order component accepts signatures
 * that Go rejects (ed25519-speccheck cases 0, 1, 4 and 5). No key generator makes such keys, so
 * this slower path, on the JDK's Ed25519, is taken only for keys crafted to be odd.
 */
public final class CofactorlessEd25519 {
  // DER header of an X.509 SubjectPublicKeyInfo holding a raw Ed25519 key (RFC 8410).
  private static final byte[] X509_HEADER = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private CofactorlessEd25519() {}

  /**
   * Returns whether 32 bytes are the canonical encoding of a curve point's coordinates: y reduced
   * modulo p, and no sign bit on x = 0 (y = 1 or y = p - 1). Says nothing about whether the point
   * is on the curve.
   *
   * @param point the encoding
   * @param off where it starts
   * @return {@code false} for encodings Go decodes leniently and RFC 8032 refuses
   */
  public static boolean isCanonical(byte[] point, int off) {
    int last = point[off + 31] & 0x7F;
    boolean sign = (point[off + 31] & 0x80) != 0;
    boolean middleAllOnes = true;
    boolean middleAllZero = true;
    for (int i = 1; i < 31; i++) {
      middleAllOnes &= point[off + i] == (byte) 0xFF;
      middleAllZero &= point[off + i] == 0;
    }
    int first = point[off] & 0xFF;
    // p = 2^255 - 19 is ed ff .. ff 7f in little-endian.
    boolean top = middleAllOnes && last == 0x7F;
    if (top && first >= 0xED) {
      return false;
    }
    boolean yIsOne = middleAllZero && last == 0 && first == 1;
    boolean yIsMinusOne = top && first == 0xEC;
    return !(sign && (yIsOne || yIsMinusOne));
  }

  /**
   * Verifies a signature with the cofactorless equation.
   *
   * @param publicKey 32-byte canonical public key
   * @param data the signed bytes
   * @param signature 64-byte signature
   * @return whether it verifies; {@code false} also when the key is not a point, S is not reduced,
   *     or the JDK has no Ed25519
   */
  public static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
    byte[] der = new byte[X509_HEADER.length + publicKey.length];
    System.arraycopy(X509_HEADER, 0, der, 0, X509_HEADER.length);
    System.arraycopy(publicKey, 0, der, X509_HEADER.length, publicKey.length);
    try {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      // Not a point, "s is too large", or no provider: in every case the signature does not verify.
      return false;
    }
  }
}
