package io.github.natsjwt.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Per-thread work space of Ed25519 verification, so that a verification allocates nothing: the
 * field temporaries, the digits of the two scalars, byte scratch and a reusable SHA-512 digest
 * (which the JDK compiles to its intrinsic). Never shared between threads.
 */
final class Ed25519Context {
  // Offsets in w.
  static final int ACC = 0;
  static final int CMP = ACC + EdwardsPoints.POINT;
  static final int TMP = CMP + EdwardsPoints.POINT;
  static final int ENC = TMP + 5;
  static final int DEC = ENC + 35;
  static final int DEC_TMP = DEC + EdwardsPoints.POINT;
  /** The odd multiples of -A's point for the general path, 8 cached points. */
  static final int ODD = DEC_TMP + 45;
  static final int ODD_WORK = ODD + (EdwardsPoints.POINT << (Ed25519PublicKey.KEY_NAF_WIDTH - 2));
  static final int WORDS = ODD_WORK + EdwardsPoints.ODD_WORK;

  private static final ThreadLocal<Ed25519Context> LOCAL =
      ThreadLocal.withInitial(Ed25519Context::new);

  final long[] w = new long[WORDS];
  final long[] limbs = new long[Scalar25519.WORK_LIMBS];
  final byte[] hash = new byte[64];
  final byte[] k = new byte[Scalar25519.BYTES];
  final byte[] s = new byte[Scalar25519.BYTES];
  final byte[] digitsK = new byte[Scalar25519.NAF_LENGTH];
  final byte[] digitsS = new byte[Scalar25519.NAF_LENGTH];
  final byte[] encoded = new byte[32];
  final byte[] scratch = new byte[64];
  private final MessageDigest sha512;

  private Ed25519Context() {
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-512.
      throw new IllegalStateException("SHA-512 is not available", e);
    }
  }

  static Ed25519Context get() {
    return LOCAL.get();
  }

  /** k = SHA-512(R || A || M) mod L, R the signature's first 32 bytes; S copied to {@link #s}. */
  void challenge(byte[] signature, byte[] publicKey, byte[] message) {
    sha512.update(signature, 0, 32);
    sha512.update(publicKey, 0, 32);
    sha512.update(message, 0, message.length);
    try {
      sha512.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-512 digest failed", e);
    }
    Scalar25519.reduce(hash, limbs, k);
    System.arraycopy(signature, 32, s, 0, Scalar25519.BYTES);
  }

  /** Whether the projective point at ACC encodes to the signature's R, byte for byte. */
  boolean accumulatorEncodes(byte[] signature) {
    EdwardsPoints.encode(w, ACC, encoded, 0, ENC, scratch);
    for (int i = 0; i < 32; i++) {
      if (encoded[i] != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
