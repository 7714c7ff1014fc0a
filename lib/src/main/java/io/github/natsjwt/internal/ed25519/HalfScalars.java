package io.github.natsjwt.internal.ed25519;

import java.math.BigInteger;

/**
 * Splits the challenge k into two half-size scalars for the general verification path: u and v with
 * u = v k (mod 8L), v odd and positive, both of about 128 bits, found by running the extended
 * Euclidean algorithm on (8L, k) until the remainder drops below 2^128 (the lattice of such pairs
 * has a basis of vectors about sqrt(8L) long; consecutive Euclid steps give it).
 *
 * <p>Why 8L: every point of the curve has an order dividing 8L, so [v k]A = [u]A for any key,
 * small-order and mixed-order keys included. And v odd and below L is invertible modulo 8L, so [v]
 * Q = 0 only for Q = 0: checking [v](R - [S]B + [k]A) = 0 decides exactly what Go decides.
 *
 * <p>Variable time; 32-bit limbs in longs. Not instantiable.
 */
final class HalfScalars {
  /** Work longs {@link #split} needs. */
  static final int WORK = 48;

  /** Candidates longer than this many bits are refused, and the caller takes the full path. */
  static final int MAX_BITS = 140;

  private static final long M32 = 0xFFFFFFFFL;
  private static final long[] EIGHT_L = new long[8];

  static {
    BigInteger n = Scalar25519.L.shiftLeft(3);
    for (int i = 0; i < 8; i++) {
      EIGHT_L[i] = n.shiftRight(32 * i).longValue() & M32;
    }
  }

  private HalfScalars() {}

  /**
   * Finds u and v for a reduced k.
   *
   * @param k 32-byte little-endian scalar below L
   * @param t work space, {@link #WORK} longs
   * @param u receives |u|, 32 bytes little-endian
   * @param v receives v, 32 bytes little-endian
   * @return the sign of u (1 for u >= 0, -1 for u < 0), or 0 when no short pair was found (the
   *     caller then verifies without splitting)
   */
  static int split(byte[] k, long[] t, byte[] u, byte[] v) {
    int rp = 0; // r_(i-1)
    int r = 8; // r_i
    int tp = 16; // |t_(i-1)|
    int tc = 24; // |t_i|
    int tmp = 32;
    System.arraycopy(EIGHT_L, 0, t, rp, 8);
    for (int i = 0; i < 8; i++) {
      t[r + i] =
          (k[4 * i] & 0xFFL)
              | (k[4 * i + 1] & 0xFFL) << 8
              | (k[4 * i + 2] & 0xFFL) << 16
              | (k[4 * i + 3] & 0xFFL) << 24;
      t[tp + i] = 0;
      t[tc + i] = 0;
    }
    t[tc] = 1;
    // t_i has the sign (-1)^i; index parity tracks it.
    int index = 0;
    while (bitLength(t, r) > 128) {
      long q = quotient(t, rp, r, tmp);
      if (q < 0) {
        return 0;
      }
      // (r_(i-1), r_i) <- (r_i, r_(i-1) - q r_i); (t_(i-1), t_i) <- (t_i, t_(i-1) + q t_i).
      int s = rp;
      rp = r;
      r = s;
      System.arraycopy(t, tmp, t, r, 8);
      mulAdd(t, tp, q, tc);
      s = tp;
      tp = tc;
      tc = s;
      index++;
    }
    // Candidate (r_i, t_i): r_i < 2^128, |t_i| < 8L / r_(i-1) <= 2^127.
    if ((t[tc] & 1) != 0) {
      return write(t, r, tc, index, u, v);
    }
    // t_i even: its neighbours t_(i-1) and t_(i+1) are odd (consecutive t are coprime).
    int prevBits = Math.max(bitLength(t, rp), bitLength(t, tp));
    int nextBits = Integer.MAX_VALUE;
    if (bitLength(t, r) > 0) {
      long q = quotient(t, rp, r, tmp);
      if (q >= 0) {
        // r_(i+1) is at tmp; t_(i+1) = t_(i-1) + q t_i goes to tmp + 8.
        System.arraycopy(t, tp, t, tmp + 8, 8);
        mulAdd(t, tmp + 8, q, tc);
        nextBits = Math.max(bitLength(t, tmp), bitLength(t, tmp + 8));
      }
    }
    if (Math.min(prevBits, nextBits) > MAX_BITS) {
      return 0;
    }
    if (nextBits <= prevBits) {
      return write(t, tmp, tmp + 8, index + 1, u, v);
    }
    return write(t, rp, tp, index - 1, u, v);
  }

  /** u = r, v = (-1)^index |t|; makes v positive by negating both. */
  private static int write(long[] t, int r, int tt, int index, byte[] u, byte[] v) {
    if (Math.max(bitLength(t, r), bitLength(t, tt)) > MAX_BITS) {
      return 0;
    }
    toBytes(t, r, u);
    toBytes(t, tt, v);
    return (index & 1) == 0 ? 1 : -1;
  }

  /**
   * q = floor(t[a] / t[b]) (t[b] non-zero, t[a] at least 2^128) with the remainder written at
   * {@code out}, or -1 when q is 2^31 or more (rare; the caller gives up).
   */
  private static long quotient(long[] t, int a, int b, int out) {
    int bitsA = bitLength(t, a);
    int shift = bitsA - 62;
    long x = extract(t, a, shift);
    long y = extract(t, b, shift);
    if (y < (1L << 31)) {
      return -1;
    }
    // Most quotients are small (1 in about 41 % of Euclid's steps, 2 in 17 %): subtract before
    // dividing.
    long q = 0;
    long rest = x;
    while (rest >= y && q < 4) {
      rest -= y;
      q++;
    }
    if (rest >= y) {
      q = x / y;
    }
    if (q >= (1L << 31)) {
      return -1;
    }
    // out = a - q b, then correct q by the one or two units the estimate may be off.
    long borrow = 0;
    for (int i = 0; i < 8; i++) {
      long d = t[a + i] - q * t[b + i] + borrow;
      borrow = d >> 32;
      t[out + i] = d & M32;
    }
    while (borrow < 0) {
      q--;
      long c = 0;
      for (int i = 0; i < 8; i++) {
        long d = t[out + i] + t[b + i] + c;
        c = d >>> 32;
        t[out + i] = d & M32;
      }
      borrow += c;
    }
    while (compare(t, out, b) >= 0) {
      q++;
      long c = 0;
      for (int i = 0; i < 8; i++) {
        long d = t[out + i] - t[b + i] + c;
        c = d >> 32;
        t[out + i] = d & M32;
      }
    }
    return q;
  }

  /** t[x] += q t[y], q below 2^31. */
  private static void mulAdd(long[] t, int x, long q, int y) {
    long c = 0;
    for (int i = 0; i < 8; i++) {
      long d = t[x + i] + q * t[y + i] + c;
      c = d >>> 32;
      t[x + i] = d & M32;
    }
  }

  /** 62 bits of t[x] from bit {@code shift} (shift >= 0). */
  private static long extract(long[] t, int x, int shift) {
    int limb = shift >>> 5;
    int bit = shift & 31;
    long lo = limb < 8 ? t[x + limb] : 0;
    long mid = limb + 1 < 8 ? t[x + limb + 1] : 0;
    long hi = limb + 2 < 8 ? t[x + limb + 2] : 0;
    long w = (mid << 32 | lo) >>> bit;
    if (bit > 0) {
      w |= hi << (64 - bit);
    }
    return w & ((1L << 62) - 1);
  }

  private static int bitLength(long[] t, int x) {
    for (int i = 7; i >= 0; i--) {
      if (t[x + i] != 0) {
        return 32 * i + 64 - Long.numberOfLeadingZeros(t[x + i]);
      }
    }
    return 0;
  }

  private static int compare(long[] t, int x, int y) {
    for (int i = 7; i >= 0; i--) {
      if (t[x + i] != t[y + i]) {
        return t[x + i] < t[y + i] ? -1 : 1;
      }
    }
    return 0;
  }

  private static void toBytes(long[] t, int x, byte[] out) {
    for (int i = 0; i < 8; i++) {
      long l = t[x + i];
      out[4 * i] = (byte) l;
      out[4 * i + 1] = (byte) (l >>> 8);
      out[4 * i + 2] = (byte) (l >>> 16);
      out[4 * i + 3] = (byte) (l >>> 24);
    }
  }
}
