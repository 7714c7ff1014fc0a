package io.github.natsjwt.internal.ed25519;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The work space of one Ed25519 verification: the field temporaries, the digits of the scalars,
 * byte scratch and a SHA-512 digest (which the JDK compiles to its intrinsic). A verification has
 * one to itself, taken from and given back to {@link WorkSpaces} (a set of a few, whatever the
 * number of threads), and reads nothing in it that it did not write: the precomputed path's ({@link
 * #forPrecomputed()}, about 2.5 KB with the digest and the chunk a text message is hashed through)
 * or the general path's ({@link General}, about 8.5 KB). No thread keeps one, so an idle thread (a
 * virtual thread too) holds no work space.
 */
class Ed25519Context {
  // Offsets in w.
  static final int ACC = 0;
  static final int CMP = ACC + EdwardsPoints.POINT;
  static final int TMP = CMP + EdwardsPoints.POINT;
  static final int ENC = TMP + 5;
  static final int DEC = ENC + 35;
  static final int DEC_TMP = DEC + EdwardsPoints.POINT;

  /** The odd multiples of -A's point for the general path, 8 cached points. */
  static final int ODD = DEC_TMP + 45;

  /** The signature's R, decoded, and its odd multiples. */
  static final int RPT = ODD + (EdwardsPoints.POINT << (Ed25519PublicKey.KEY_NAF_WIDTH - 2));

  static final int ODD_R = RPT + EdwardsPoints.POINT;
  static final int ODD_WORK = ODD_R + (EdwardsPoints.POINT << (Ed25519PublicKey.KEY_NAF_WIDTH - 2));
  static final int WORDS = ODD_WORK + EdwardsPoints.ODD_WORK;

  /**
   * The words the precomputed path uses: the accumulator, the completed sum, the doubling's
   * temporaries and the encoding of R' ({@code ACC .. DEC}).
   */
  static final int PRECOMPUTED_WORDS = DEC;

  /**
   * A digest that has never been updated, cloned for each verification: a clone is cheaper than
   * looking the algorithm up among the providers, and reading the prototype is safe from any thread
   * because nothing ever writes it.
   */
  private static final MessageDigest SHA512 = newSha512();

  /** Bytes of a text message hashed at a time: four SHA-512 blocks. */
  static final int TEXT_CHUNK = 512;

  final long[] w;
  final long[] limbs = new long[Scalar25519.WORK_LIMBS];
  final byte[] hash = new byte[64];
  final byte[] k = new byte[Scalar25519.BYTES];
  final byte[] s = new byte[Scalar25519.BYTES];
  final byte[] digitsK;
  final byte[] digitsS;
  final byte[] encoded = new byte[32];
  final byte[] scratch = new byte[64];

  /**
   * Bytes of a text message on their way into the digest ({@link #challengeText}): the text is
   * hashed where it lies, a chunk at a time, instead of being copied into an array of its own.
   */
  private final byte[] textChunk = new byte[TEXT_CHUNK];

  private final MessageDigest sha512;

  private Ed25519Context(int words, int digitsK, int digitsS) {
    this.w = new long[words];
    this.digitsK = new byte[digitsK];
    this.digitsS = new byte[digitsS];
    this.sha512 = sha512();
  }

  /**
   * A new work space for verifications with precomputed tables.
   *
   * @return a work space of {@link #PRECOMPUTED_WORDS} words
   */
  static Ed25519Context forPrecomputed() {
    return new Ed25519Context(
        PRECOMPUTED_WORDS, Ed25519PrecomputedKey.DIGITS, Ed25519PrecomputedKey.BASE_DIGITS);
  }

  /**
   * The work space of one general-path verification: all of {@link #WORDS}, the NAF digits of four
   * scalars and the split of k.
   */
  static final class General extends Ed25519Context {
    final byte[] digitsV = new byte[Scalar25519.NAF_LENGTH];
    final byte[] digitsH = new byte[Scalar25519.NAF_LENGTH];
    final long[] half = new long[HalfScalars.WORK];
    final byte[] u = new byte[Scalar25519.BYTES];
    final byte[] v = new byte[Scalar25519.BYTES];
    final byte[] sLo = new byte[Scalar25519.BYTES];
    final byte[] sHi = new byte[Scalar25519.BYTES];
    private final long[] product = new long[28];

    General() {
      super(WORDS, Scalar25519.NAF_LENGTH, Scalar25519.NAF_LENGTH);
    }

    /**
     * s' = v S mod L, split into its low and high 128 bits ({@link #sLo}, {@link #sHi}). The
     * product is taken in 24-bit limbs (v below 2^144, S below 2^264), whose column sums stay below
     * 2^52.
     */
    void splitBaseScalar() {
      long[] c = product;
      // c[0 .. 17): column sums; c[17 .. 28): S in 24-bit limbs, read once.
      for (int j = 0; j < 11; j++) {
        c[17 + j] = Scalar25519.bits(s, Scalar25519.BYTES, 24 * j, 24);
      }
      java.util.Arrays.fill(c, 0, 17, 0);
      for (int i = 0; i < 6; i++) {
        long vi = Scalar25519.bits(v, Scalar25519.BYTES, 24 * i, 24);
        if (vi == 0) {
          continue;
        }
        for (int j = 0; j < 11; j++) {
          c[i + j] += vi * c[17 + j];
        }
      }
      java.util.Arrays.fill(hash, (byte) 0);
      long carry = 0;
      for (int i = 0; i < 17; i++) {
        long x = c[i] + carry;
        carry = x >>> 24;
        int bit = 24 * i;
        for (int b = 0; b < 3; b++) {
          hash[bit / 8 + b] = (byte) (x >>> (8 * b));
        }
      }
      Scalar25519.reduce(hash, limbs, k);
      java.util.Arrays.fill(sLo, (byte) 0);
      java.util.Arrays.fill(sHi, (byte) 0);
      System.arraycopy(k, 0, sLo, 0, 16);
      System.arraycopy(k, 16, sHi, 0, 16);
    }
  }

  private static MessageDigest newSha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-512.
      throw new IllegalStateException("SHA-512 is not available", e);
    }
  }

  /**
   * A fresh SHA-512 digest: a clone of the prototype, or a new one when the provider's digest
   * cannot be cloned.
   */
  private static MessageDigest sha512() {
    try {
      return (MessageDigest) SHA512.clone();
    } catch (CloneNotSupportedException e) {
      return newSha512();
    }
  }

  /** k = SHA-512(R || A || M) mod L, R the signature's first 32 bytes; S copied to {@link #s}. */
  void challenge(byte[] signature, byte[] publicKey, byte[] message, int offset, int length) {
    sha512.update(signature, 0, 32);
    sha512.update(publicKey, 0, 32);
    sha512.update(message, offset, length);
    finishChallenge(signature);
  }

  /**
   * {@link #challenge} over the message whose bytes are the chars {@code from .. to} of a text of
   * ASCII characters (one char, one byte), such as the signed part of a JWT.
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exact for ASCII
  void challengeText(byte[] signature, byte[] publicKey, String text, int from, int to) {
    sha512.update(signature, 0, 32);
    sha512.update(publicKey, 0, 32);
    byte[] chunk = textChunk;
    for (int i = from; i < to; ) {
      int n = Math.min(TEXT_CHUNK, to - i);
      text.getBytes(i, i + n, chunk, 0);
      sha512.update(chunk, 0, n);
      i += n;
    }
    finishChallenge(signature);
  }

  private void finishChallenge(byte[] signature) {
    try {
      sha512.digest(hash, 0, hash.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-512 digest failed", e);
    }
    Scalar25519.reduce(hash, limbs, k);
    System.arraycopy(signature, 32, s, 0, Scalar25519.BYTES);
  }

  /** Whether the projective point at ACC is the neutral element (0 : Z : Z). */
  boolean accumulatorIsIdentity() {
    return Field25519.isZero(w, ACC + EdwardsPoints.X, scratch)
        && Field25519.equal(w, ACC + EdwardsPoints.Y, w, ACC + EdwardsPoints.Z, scratch);
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
