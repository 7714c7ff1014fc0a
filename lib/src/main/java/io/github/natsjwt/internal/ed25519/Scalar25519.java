package io.github.natsjwt.internal.ed25519;

import java.math.BigInteger;

/**
 * Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493, for Ed25519
 * verification: the canonical check of S, the reduction of the 64-byte hash, and the digit
 * recodings the scalar multiplications read. Variable time (public data only); not instantiable.
 */
final class Scalar25519 {
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** Bytes of a scalar. */
  static final int BYTES = 32;

  /** Limbs of {@link #reduce}'s work array. */
  static final int WORK_LIMBS = 25;

  /** Digits in a width-w NAF of a 253-bit scalar, with room for the final carry (w up to 8). */
  static final int NAF_LENGTH = 264;

  private static final int RADIX = 21;
  private static final long RADIX_MASK = (1L << RADIX) - 1;

  // L = 2^252 + DELTA, DELTA < 2^125, in six limbs of 21 bits. 252 = 12 * 21, so 2^252 = -DELTA.
  private static final long[] DELTA = new long[6];
  private static final byte[] L_BYTES = new byte[BYTES];

  static {
    BigInteger delta = L.subtract(BigInteger.ONE.shiftLeft(252));
    for (int i = 0; i < DELTA.length; i++) {
      DELTA[i] = delta.shiftRight(RADIX * i).longValue() & RADIX_MASK;
    }
    for (int i = 0; i < BYTES; i++) {
      L_BYTES[i] = (byte) L.shiftRight(8 * i).intValue();
    }
  }

  private Scalar25519() {}

  /**
   * Whether the 32 little-endian bytes at {@code off} are below L, as RFC 8032 and Go require of S.
   */
  static boolean isCanonical(byte[] s, int off) {
    for (int i = BYTES - 1; i >= 0; i--) {
      int a = s[off + i] & 0xFF;
      int b = L_BYTES[i] & 0xFF;
      if (a != b) {
        return a < b;
      }
    }
    return false; // equal to L
  }

  /**
   * Reduces 64 little-endian bytes modulo L into 32 little-endian bytes.
   *
   * <p>The value is held in 25 signed limbs of 21 bits. Each limb at or above 2^252 is folded down
   * by subtracting its multiple of DELTA twelve limbs lower, from the top; carries between the
   * rounds keep every limb small enough that a limb times a DELTA limb (both below 2^21 or so) and
   * the few such products that add up in one limb stay far below 2^63. Three rounds leave a value
   * in [-DELTA, L); adding L when it is negative finishes.
   *
   * @param h the 64 bytes (a SHA-512 digest)
   * @param t work array of at least {@link #WORK_LIMBS} longs
   * @param out receives the 32-byte reduced scalar
   */
  static void reduce(byte[] h, long[] t, byte[] out) {
    for (int i = 0; i < WORK_LIMBS; i++) {
      t[i] = bits(h, 64, RADIX * i, RADIX);
    }
    // Limbs 18..24 hold their input values (below 2^21); after folding them, limbs 6..17 are below
    // 2^21 + 6 * 2^42 in magnitude, and the carry into limb 18 is below 2^9.
    fold(t, 24, 18);
    carry(t, 6, 18);
    // Limbs 12..18 are now small; folding them leaves a value below 2^273 in magnitude.
    fold(t, 18, 12);
    carry(t, 0, 12);
    // |t[12]| <= 2^20 + 1: one fold leaves |value| < 2^252 + 2^145, so t[12] is -1, 0 or 1.
    fold(t, 12, 12);
    carry(t, 0, 12);
    // One more fold: value in [-DELTA, 2^252 + DELTA) = [-DELTA, L).
    fold(t, 12, 12);
    carry(t, 0, 12);
    if (t[12] < 0) {
      t[12] += 1;
      for (int j = 0; j < DELTA.length; j++) {
        t[j] += DELTA[j];
      }
      carry(t, 0, 12);
    }
    // 0 <= value < L < 2^253: limbs 0..11 in [0, 2^21), t[12] in {0, 1}.
    long acc = 0;
    int accBits = 0;
    int o = 0;
    for (int i = 0; i <= 12 && o < BYTES; i++) {
      acc |= t[i] << accBits;
      accBits += RADIX;
      while (accBits >= 8 && o < BYTES) {
        out[o++] = (byte) acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    while (o < BYTES) {
      out[o++] = (byte) acc;
      acc >>>= 8;
    }
  }

  /** Folds limbs {@code from} down to {@code to} (inclusive), highest first. */
  private static void fold(long[] t, int from, int to) {
    for (int i = from; i >= to; i--) {
      long v = t[i];
      if (v == 0) {
        continue;
      }
      t[i] = 0;
      int base = i - 12;
      for (int j = 0; j < DELTA.length; j++) {
        t[base + j] -= v * DELTA[j];
      }
    }
  }

  /**
   * Carries limbs {@code from .. to - 1} into [0, 2^21), the last carry landing in limb {@code to}.
   */
  private static void carry(long[] t, int from, int to) {
    for (int i = from; i < to; i++) {
      long c = t[i] >> RADIX;
      t[i] -= c << RADIX;
      t[i + 1] += c;
    }
  }

  /** Up to 25 bits of a little-endian byte string from bit {@code pos}; bits past the end are 0. */
  static int bits(byte[] b, int length, int pos, int count) {
    int i = pos >>> 3;
    int v = 0;
    for (int k = 0; k < 4 && i + k < length; k++) {
      v |= (b[i + k] & 0xFF) << (8 * k);
    }
    return (v >>> (pos & 7)) & ((1 << count) - 1);
  }

  /**
   * Signed radix-2^w digits of a scalar below 2^(w * n - 1): digits[i] in [-2^(w-1), 2^(w-1)], sum
   * of digits[i] 2^(w i) equal to the scalar.
   *
   * @param s 32-byte little-endian scalar
   * @param w digit width, 2 to 7 (a digit must fit in a byte)
   * @param n number of digits to write; w * n must be at least the scalar's bit length plus one
   * @param digits receives n digits
   */
  static void signedRadix(byte[] s, int w, int n, byte[] digits) {
    int half = 1 << (w - 1);
    int carry = 0;
    for (int i = 0; i < n; i++) {
      int v = bits(s, BYTES, w * i, w) + carry;
      carry = (v + half - 1) >>> w; // 1 when v > half
      digits[i] = (byte) (v - (carry << w));
    }
  }

  /**
   * Width-w non-adjacent form: odd digits of magnitude below 2^(w-1) at positions at least w apart,
   * zeros elsewhere, summing (digits[i] 2^i) to the scalar.
   *
   * @param s 32-byte little-endian scalar below 2^253
   * @param w width, 2 to 8
   * @param naf receives {@link #NAF_LENGTH} digits
   * @return the highest position with a non-zero digit, or -1 for the zero scalar
   */
  static int wnaf(byte[] s, int w, byte[] naf) {
    java.util.Arrays.fill(naf, 0, NAF_LENGTH, (byte) 0);
    long s0 = Field25519.le64(s, 0);
    long s1 = Field25519.le64(s, 8);
    long s2 = Field25519.le64(s, 16);
    long s3 = Field25519.le64(s, 24);
    int carry = 0;
    int top = -1;
    int pos = 0;
    // Bits past 255 read as 0, so a pending carry ends as a digit 1 before NAF_LENGTH.
    while (pos < NAF_LENGTH) {
      // Skip the run of bits equal to the carry (bit + carry is 0 or 2: digit 0, carry unchanged).
      long ahead = bitsFrom(s0, s1, s2, s3, pos);
      if (carry != 0) {
        ahead = ~ahead;
      }
      if (ahead == 0) {
        pos += 64;
        continue;
      }
      pos += Long.numberOfTrailingZeros(ahead);
      if (pos >= NAF_LENGTH) {
        break;
      }
      int window = (int) (bitsFrom(s0, s1, s2, s3, pos) & ((1L << w) - 1)) + carry;
      int digit;
      if ((window & (1 << (w - 1))) != 0) {
        digit = window - (1 << w);
        carry = 1;
      } else {
        digit = window;
        carry = 0;
      }
      naf[pos] = (byte) digit;
      top = pos;
      pos += w;
    }
    return top;
  }

  /** The 64 bits of the scalar (s0 .. s3, little-endian words) from bit {@code pos}; 0 past 256. */
  private static long bitsFrom(long s0, long s1, long s2, long s3, int pos) {
    int i = pos >>> 6;
    int sh = pos & 63;
    long lo;
    long hi;
    switch (i) {
      case 0:
        lo = s0;
        hi = s1;
        break;
      case 1:
        lo = s1;
        hi = s2;
        break;
      case 2:
        lo = s2;
        hi = s3;
        break;
      case 3:
        lo = s3;
        hi = 0;
        break;
      default:
        return 0;
    }
    return sh == 0 ? lo : lo >>> sh | hi << (64 - sh);
  }
}
