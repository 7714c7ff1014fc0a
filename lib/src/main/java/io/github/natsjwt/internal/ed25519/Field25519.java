package io.github.natsjwt.internal.ed25519;

import java.math.BigInteger;

/**
 * Arithmetic in GF(p), p = 2^255 - 19, for Ed25519 verification. Variable time: it only ever
 * handles public data (keys, signatures, messages).
 *
 * <p>An element is five non-negative {@code long} limbs of radix 2^51 stored at an offset in a
 * {@code long[]}, so that points and whole tables can live in flat arrays: value = l0 + l1 2^51 +
 * l2 2^102 + l3 2^153 + l4 2^204. Limbs are not kept reduced; each method states the limb bounds it
 * accepts and gives, and the callers keep within them:
 *
 * <ul>
 *   <li>{@link #mul} and {@link #sqr} accept limbs below 2^53.8 and give limbs below 2^51 + 2^17
 *       ("loose" limbs). The product of two 51-bit radix limbs has up to 108 bits; each is split at
 *       bit 51 into a low part and a high part ({@code Math.multiplyHigh} gives the top 64 bits,
 *       and with non-negative operands below 2^63 it equals the unsigned high half). Five high
 *       parts, the largest times 77 (one product plus four times 19), stay below 2^63 while the
 *       limbs stay below 2^53.86.
 *   <li>{@link #add} adds limb by limb without carrying.
 *   <li>{@link #sub} computes a + 2p - b, which needs b's limbs at most 2^52 - 38 (loose limbs
 *       are); {@link #sub4p} computes a + 4p - b for b's limbs up to 2^53 - 76.
 * </ul>
 *
 * <p>Not instantiable; every method is static and allocation-free.
 */
final class Field25519 {
  /** Limbs per element. */
  static final int LIMBS = 5;

  static final long MASK = (1L << 51) - 1;

  // 2p and 4p in the limb radix: every limb positive, so a + kp - b keeps limbs non-negative.
  static final long TWO_P0 = 2 * ((1L << 51) - 19);
  static final long TWO_P = 2 * MASK;
  private static final long FOUR_P0 = 4 * ((1L << 51) - 19);
  private static final long FOUR_P = 4 * MASK;

  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private Field25519() {}

  // ---------------------------------------------------------------- conversions

  /** Sets r to a small non-negative integer. */
  static void set(long[] r, int ro, long value) {
    r[ro] = value;
    r[ro + 1] = 0;
    r[ro + 2] = 0;
    r[ro + 3] = 0;
    r[ro + 4] = 0;
  }

  static void copy(long[] r, int ro, long[] a, int ao) {
    System.arraycopy(a, ao, r, ro, LIMBS);
  }

  /**
   * Reads 32 little-endian bytes, ignoring the top bit, as RFC 7748 and Go's field decoding do: the
   * value may be any of 0 .. 2^255 - 1, so a non-reduced y in [p, 2^255) is taken modulo p.
   */
  static void fromBytes(long[] r, int ro, byte[] b, int off) {
    long w0 = le64(b, off);
    long w1 = le64(b, off + 8);
    long w2 = le64(b, off + 16);
    long w3 = le64(b, off + 24);
    r[ro] = w0 & MASK;
    r[ro + 1] = (w0 >>> 51 | w1 << 13) & MASK;
    r[ro + 2] = (w1 >>> 38 | w2 << 26) & MASK;
    r[ro + 3] = (w2 >>> 25 | w3 << 39) & MASK;
    r[ro + 4] = (w3 >>> 12) & MASK;
  }

  /** Writes the canonical 32-byte little-endian encoding (fully reduced, top bit clear). */
  static void toBytes(byte[] out, int off, long[] a, int ao) {
    long l0 = a[ao];
    long l1 = a[ao + 1];
    long l2 = a[ao + 2];
    long l3 = a[ao + 3];
    long l4 = a[ao + 4];
    // Two carry passes bring any limbs below 2^62 into [0, 2^51), value in [0, 2^255).
    for (int pass = 0; pass < 2; pass++) {
      l1 += l0 >>> 51;
      l0 &= MASK;
      l2 += l1 >>> 51;
      l1 &= MASK;
      l3 += l2 >>> 51;
      l2 &= MASK;
      l4 += l3 >>> 51;
      l3 &= MASK;
      l0 += 19 * (l4 >>> 51);
      l4 &= MASK;
    }
    // q = 1 exactly when the value is at least p (adding 19 carries out of bit 255).
    long q = (l0 + 19) >>> 51;
    q = (l1 + q) >>> 51;
    q = (l2 + q) >>> 51;
    q = (l3 + q) >>> 51;
    q = (l4 + q) >>> 51;
    l0 += 19 * q;
    l1 += l0 >>> 51;
    l0 &= MASK;
    l2 += l1 >>> 51;
    l1 &= MASK;
    l3 += l2 >>> 51;
    l2 &= MASK;
    l4 += l3 >>> 51;
    l3 &= MASK;
    l4 &= MASK;
    putLe64(out, off, l0 | l1 << 51);
    putLe64(out, off + 8, l1 >>> 13 | l2 << 38);
    putLe64(out, off + 16, l2 >>> 26 | l3 << 25);
    putLe64(out, off + 24, l3 >>> 39 | l4 << 12);
  }

  /** Sets r to a BigInteger's value modulo p. For constants and tests. */
  static void fromBigInteger(long[] r, int ro, BigInteger value) {
    BigInteger v = value.mod(P);
    for (int i = 0; i < LIMBS; i++) {
      r[ro + i] = v.shiftRight(51 * i).longValue() & MASK;
    }
  }

  /** The value modulo p, fully reduced. For tests. */
  static BigInteger toBigInteger(long[] a, int ao) {
    byte[] le = new byte[32];
    toBytes(le, 0, a, ao);
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }

  // ---------------------------------------------------------------- predicates

  /** Whether a is 0 modulo p. */
  static boolean isZero(long[] a, int ao, byte[] scratch) {
    toBytes(scratch, 0, a, ao);
    int acc = 0;
    for (int i = 0; i < 32; i++) {
      acc |= scratch[i];
    }
    return acc == 0;
  }

  /** The low bit of the fully reduced value: the "sign" of an x coordinate. */
  static int isOdd(long[] a, int ao, byte[] scratch) {
    toBytes(scratch, 0, a, ao);
    return scratch[0] & 1;
  }

  /** Whether a and b are equal modulo p. */
  static boolean equal(long[] a, int ao, long[] b, int bo, byte[] scratch) {
    toBytes(scratch, 0, a, ao);
    toBytes(scratch, 32, b, bo);
    for (int i = 0; i < 32; i++) {
      if (scratch[i] != scratch[32 + i]) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- linear operations

  static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    r[ro] = a[ao] + b[bo];
    r[ro + 1] = a[ao + 1] + b[bo + 1];
    r[ro + 2] = a[ao + 2] + b[bo + 2];
    r[ro + 3] = a[ao + 3] + b[bo + 3];
    r[ro + 4] = a[ao + 4] + b[bo + 4];
  }

  /** r = a + 2p - b; b's limbs must be at most 2^52 - 38. */
  static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    r[ro] = a[ao] + TWO_P0 - b[bo];
    r[ro + 1] = a[ao + 1] + TWO_P - b[bo + 1];
    r[ro + 2] = a[ao + 2] + TWO_P - b[bo + 2];
    r[ro + 3] = a[ao + 3] + TWO_P - b[bo + 3];
    r[ro + 4] = a[ao + 4] + TWO_P - b[bo + 4];
  }

  /** r = a + 4p - b; b's limbs must be at most 2^53 - 76. */
  static void sub4p(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    r[ro] = a[ao] + FOUR_P0 - b[bo];
    r[ro + 1] = a[ao + 1] + FOUR_P - b[bo + 1];
    r[ro + 2] = a[ao + 2] + FOUR_P - b[bo + 2];
    r[ro + 3] = a[ao + 3] + FOUR_P - b[bo + 3];
    r[ro + 4] = a[ao + 4] + FOUR_P - b[bo + 4];
  }

  /** r = -a = 2p - a; a's limbs must be at most 2^52 - 38. */
  static void neg(long[] r, int ro, long[] a, int ao) {
    r[ro] = TWO_P0 - a[ao];
    r[ro + 1] = TWO_P - a[ao + 1];
    r[ro + 2] = TWO_P - a[ao + 2];
    r[ro + 3] = TWO_P - a[ao + 3];
    r[ro + 4] = TWO_P - a[ao + 4];
  }

  /** Carries once through the limbs: any limbs below 2^62 become loose (below 2^51 + 2^17). */
  static void carry(long[] r, int ro, long[] a, int ao) {
    long l0 = a[ao];
    long l1 = a[ao + 1];
    long l2 = a[ao + 2];
    long l3 = a[ao + 3];
    long l4 = a[ao + 4];
    l1 += l0 >>> 51;
    l0 &= MASK;
    l2 += l1 >>> 51;
    l1 &= MASK;
    l3 += l2 >>> 51;
    l2 &= MASK;
    l4 += l3 >>> 51;
    l3 &= MASK;
    l0 += 19 * (l4 >>> 51);
    l4 &= MASK;
    r[ro] = l0;
    r[ro + 1] = l1;
    r[ro + 2] = l2;
    r[ro + 3] = l3;
    r[ro + 4] = l4;
  }

  // ---------------------------------------------------------------- products

  /** r = a * b. Limbs of a and b below 2^53.8; r may alias a or b. */
  static void mul(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    long a0 = a[ao];
    long a1 = a[ao + 1];
    long a2 = a[ao + 2];
    long a3 = a[ao + 3];
    long a4 = a[ao + 4];
    long b0 = b[bo];
    long b1 = b[bo + 1];
    long b2 = b[bo + 2];
    long b3 = b[bo + 3];
    long b4 = b[bo + 4];
    // 2^255 = 19 (mod p): a product landing at limb 5 + i is 19 times one at limb i.
    long b1t = 19 * b1;
    long b2t = 19 * b2;
    long b3t = 19 * b3;
    long b4t = 19 * b4;

    // For each column k: lo = sum of the products' bits 0..50 (weight 2^(51k)), hi = sum of their
    // bits 51.. (weight 2^(51(k+1))). A product x*y is Math.multiplyHigh(x, y) * 2^64 + x*y.
    long p;
    long lo0;
    long hi0;
    long hh0;
    p = a0 * b0;
    lo0 = p;
    hh0 = Math.multiplyHigh(a0, b0);
    hi0 = p >>> 51;
    p = a1 * b4t;
    lo0 += p;
    hh0 += Math.multiplyHigh(a1, b4t);
    hi0 += p >>> 51;
    p = a2 * b3t;
    lo0 += p;
    hh0 += Math.multiplyHigh(a2, b3t);
    hi0 += p >>> 51;
    p = a3 * b2t;
    lo0 += p;
    hh0 += Math.multiplyHigh(a3, b2t);
    hi0 += p >>> 51;
    p = a4 * b1t;
    lo0 += p;
    hh0 += Math.multiplyHigh(a4, b1t);
    hi0 += p >>> 51;

    long lo1;
    long hi1;
    long hh1;
    p = a0 * b1;
    lo1 = p;
    hh1 = Math.multiplyHigh(a0, b1);
    hi1 = p >>> 51;
    p = a1 * b0;
    lo1 += p;
    hh1 += Math.multiplyHigh(a1, b0);
    hi1 += p >>> 51;
    p = a2 * b4t;
    lo1 += p;
    hh1 += Math.multiplyHigh(a2, b4t);
    hi1 += p >>> 51;
    p = a3 * b3t;
    lo1 += p;
    hh1 += Math.multiplyHigh(a3, b3t);
    hi1 += p >>> 51;
    p = a4 * b2t;
    lo1 += p;
    hh1 += Math.multiplyHigh(a4, b2t);
    hi1 += p >>> 51;

    long lo2;
    long hi2;
    long hh2;
    p = a0 * b2;
    lo2 = p;
    hh2 = Math.multiplyHigh(a0, b2);
    hi2 = p >>> 51;
    p = a1 * b1;
    lo2 += p;
    hh2 += Math.multiplyHigh(a1, b1);
    hi2 += p >>> 51;
    p = a2 * b0;
    lo2 += p;
    hh2 += Math.multiplyHigh(a2, b0);
    hi2 += p >>> 51;
    p = a3 * b4t;
    lo2 += p;
    hh2 += Math.multiplyHigh(a3, b4t);
    hi2 += p >>> 51;
    p = a4 * b3t;
    lo2 += p;
    hh2 += Math.multiplyHigh(a4, b3t);
    hi2 += p >>> 51;

    long lo3;
    long hi3;
    long hh3;
    p = a0 * b3;
    lo3 = p;
    hh3 = Math.multiplyHigh(a0, b3);
    hi3 = p >>> 51;
    p = a1 * b2;
    lo3 += p;
    hh3 += Math.multiplyHigh(a1, b2);
    hi3 += p >>> 51;
    p = a2 * b1;
    lo3 += p;
    hh3 += Math.multiplyHigh(a2, b1);
    hi3 += p >>> 51;
    p = a3 * b0;
    lo3 += p;
    hh3 += Math.multiplyHigh(a3, b0);
    hi3 += p >>> 51;
    p = a4 * b4t;
    lo3 += p;
    hh3 += Math.multiplyHigh(a4, b4t);
    hi3 += p >>> 51;

    long lo4;
    long hi4;
    long hh4;
    p = a0 * b4;
    lo4 = p;
    hh4 = Math.multiplyHigh(a0, b4);
    hi4 = p >>> 51;
    p = a1 * b3;
    lo4 += p;
    hh4 += Math.multiplyHigh(a1, b3);
    hi4 += p >>> 51;
    p = a2 * b2;
    lo4 += p;
    hh4 += Math.multiplyHigh(a2, b2);
    hi4 += p >>> 51;
    p = a3 * b1;
    lo4 += p;
    hh4 += Math.multiplyHigh(a3, b1);
    hi4 += p >>> 51;
    p = a4 * b0;
    lo4 += p;
    hh4 += Math.multiplyHigh(a4, b0);
    hi4 += p >>> 51;

    // lo sums the products' low words modulo 2^64 and hi their bits 51..63, so lo - hi 2^51 is the
    // sum of their bits 0..50 exactly (it is below 2^54). hh sums the high words (below 2^50).
    reduce(
        r,
        ro,
        lo0 - (hi0 << 51),
        lo1 - (hi1 << 51) + hi0 + (hh0 << 13),
        lo2 - (hi2 << 51) + hi1 + (hh1 << 13),
        lo3 - (hi3 << 51) + hi2 + (hh2 << 13),
        lo4 - (hi4 << 51) + hi3 + (hh3 << 13),
        hi4 + (hh4 << 13));
  }

  /** r = a^2. Limbs of a below 2^53.8; r may alias a. */
  static void sqr(long[] r, int ro, long[] a, int ao) {
    long a0 = a[ao];
    long a1 = a[ao + 1];
    long a2 = a[ao + 2];
    long a3 = a[ao + 3];
    long a4 = a[ao + 4];
    long a0d = 2 * a0;
    long a1d = 2 * a1;
    long a3t = 19 * a3;
    long a4t = 19 * a4;
    long a3tt = 2 * a3t;
    long a4tt = 2 * a4t;

    // c0 = a0^2 + 38 a1 a4 + 38 a2 a3
    long p;
    long lo0;
    long hi0;
    long hh0;
    p = a0 * a0;
    lo0 = p;
    hh0 = Math.multiplyHigh(a0, a0);
    hi0 = p >>> 51;
    p = a1 * a4tt;
    lo0 += p;
    hh0 += Math.multiplyHigh(a1, a4tt);
    hi0 += p >>> 51;
    p = a2 * a3tt;
    lo0 += p;
    hh0 += Math.multiplyHigh(a2, a3tt);
    hi0 += p >>> 51;

    // c1 = 2 a0 a1 + 38 a2 a4 + 19 a3^2
    long lo1;
    long hi1;
    long hh1;
    p = a0d * a1;
    lo1 = p;
    hh1 = Math.multiplyHigh(a0d, a1);
    hi1 = p >>> 51;
    p = a2 * a4tt;
    lo1 += p;
    hh1 += Math.multiplyHigh(a2, a4tt);
    hi1 += p >>> 51;
    p = a3 * a3t;
    lo1 += p;
    hh1 += Math.multiplyHigh(a3, a3t);
    hi1 += p >>> 51;

    // c2 = 2 a0 a2 + a1^2 + 38 a3 a4
    long lo2;
    long hi2;
    long hh2;
    p = a0d * a2;
    lo2 = p;
    hh2 = Math.multiplyHigh(a0d, a2);
    hi2 = p >>> 51;
    p = a1 * a1;
    lo2 += p;
    hh2 += Math.multiplyHigh(a1, a1);
    hi2 += p >>> 51;
    p = a3 * a4tt;
    lo2 += p;
    hh2 += Math.multiplyHigh(a3, a4tt);
    hi2 += p >>> 51;

    // c3 = 2 a0 a3 + 2 a1 a2 + 19 a4^2
    long lo3;
    long hi3;
    long hh3;
    p = a0d * a3;
    lo3 = p;
    hh3 = Math.multiplyHigh(a0d, a3);
    hi3 = p >>> 51;
    p = a1d * a2;
    lo3 += p;
    hh3 += Math.multiplyHigh(a1d, a2);
    hi3 += p >>> 51;
    p = a4 * a4t;
    lo3 += p;
    hh3 += Math.multiplyHigh(a4, a4t);
    hi3 += p >>> 51;

    // c4 = 2 a0 a4 + 2 a1 a3 + a2^2
    long lo4;
    long hi4;
    long hh4;
    p = a0d * a4;
    lo4 = p;
    hh4 = Math.multiplyHigh(a0d, a4);
    hi4 = p >>> 51;
    p = a1d * a3;
    lo4 += p;
    hh4 += Math.multiplyHigh(a1d, a3);
    hi4 += p >>> 51;
    p = a2 * a2;
    lo4 += p;
    hh4 += Math.multiplyHigh(a2, a2);
    hi4 += p >>> 51;

    // lo sums the products' low words modulo 2^64 and hi their bits 51..63, so lo - hi 2^51 is the
    // sum of their bits 0..50 exactly (it is below 2^54). hh sums the high words (below 2^50).
    reduce(
        r,
        ro,
        lo0 - (hi0 << 51),
        lo1 - (hi1 << 51) + hi0 + (hh0 << 13),
        lo2 - (hi2 << 51) + hi1 + (hh1 << 13),
        lo3 - (hi3 << 51) + hi2 + (hh2 << 13),
        lo4 - (hi4 << 51) + hi3 + (hh3 << 13),
        hi4 + (hh4 << 13));
  }

  /**
   * Carries the six columns c0..c5 (each below 2^63, c5 at weight 2^255) into loose limbs. c5 is
   * split before it is multiplied by 19 so that nothing overflows.
   */
  private static void reduce(
      long[] r, int ro, long c0, long c1, long c2, long c3, long c4, long c5) {
    c0 += 19 * (c5 & MASK);
    c1 += 19 * (c5 >>> 51);
    c1 += c0 >>> 51;
    c0 &= MASK;
    c2 += c1 >>> 51;
    c1 &= MASK;
    c3 += c2 >>> 51;
    c2 &= MASK;
    c4 += c3 >>> 51;
    c3 &= MASK;
    c0 += 19 * (c4 >>> 51);
    c4 &= MASK;
    r[ro] = c0;
    r[ro + 1] = c1;
    r[ro + 2] = c2;
    r[ro + 3] = c3;
    r[ro + 4] = c4;
  }

  /** r = a^(2^n), n >= 1. */
  static void sqrN(long[] r, int ro, long[] a, int ao, int n) {
    sqr(r, ro, a, ao);
    for (int i = 1; i < n; i++) {
      sqr(r, ro, r, ro);
    }
  }

  // ---------------------------------------------------------------- exponentiations

  /**
   * Sets t[to] = a^(2^250 - 1) and t[to + 5] = a^11, the start of the square-root exponent. Uses
   * t[to .. to + 20).
   */
  private static void pow2250m1(long[] t, int to, long[] a, int ao) {
    int t0 = to; // result
    int t1 = to + 5; // a^11
    int t2 = to + 10;
    int t3 = to + 15;
    sqr(t, t2, a, ao); // a^2
    sqrN(t, t3, t, t2, 2); // a^8
    mul(t, t3, t, t3, a, ao); // a^9
    mul(t, t1, t, t3, t, t2); // a^11
    sqr(t, t2, t, t1); // a^22
    mul(t, t2, t, t2, t, t3); // a^31 = a^(2^5 - 1)
    sqrN(t, t3, t, t2, 5);
    mul(t, t2, t, t3, t, t2); // a^(2^10 - 1)
    sqrN(t, t3, t, t2, 10);
    mul(t, t3, t, t3, t, t2); // a^(2^20 - 1)
    sqrN(t, t0, t, t3, 20);
    mul(t, t3, t, t0, t, t3); // a^(2^40 - 1)
    sqrN(t, t3, t, t3, 10);
    mul(t, t2, t, t3, t, t2); // a^(2^50 - 1)
    sqrN(t, t3, t, t2, 50);
    mul(t, t3, t, t3, t, t2); // a^(2^100 - 1)
    sqrN(t, t0, t, t3, 100);
    mul(t, t3, t, t0, t, t3); // a^(2^200 - 1)
    sqrN(t, t3, t, t3, 50);
    mul(t, t0, t, t3, t, t2); // a^(2^250 - 1)
  }

  // 1/19 modulo 2^64, to make u + k p divisible by 2^t: p = -19 (mod 2^64).
  private static final long INV19 = inverseMod64(19);

  private static long inverseMod64(long odd) {
    long x = odd; // correct to 3 bits; each Newton step doubles the correct bits
    for (int i = 0; i < 5; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }

  /**
   * r = 1/a (0 for a = 0) in variable time, for public values only: Kaliski's almost Montgomery
   * inverse, a binary extended Euclidean algorithm on (u, v) = (p, a) that leaves r = -a^-1 2^k
   * (mod p) with no modular reduction inside the loop, then 2^-k by shifts. Invariants: p = u s + v
   * r, and r, s stay below 2p. About twice as fast as raising a to p - 2 (3.3 against 6.4 us).
   *
   * @param t 20 longs of work space at {@code to}, not overlapping r or a
   * @param scratch 32 bytes of work space
   */
  static void invertVar(long[] r, int ro, long[] a, int ao, long[] t, int to, byte[] scratch) {
    toBytes(scratch, 0, a, ao);
    int u = to;
    int v = to + 5;
    int rr = to + 10;
    int ss = to + 15;
    fromBytes(t, v, scratch, 0);
    if ((t[v] | t[v + 1] | t[v + 2] | t[v + 3] | t[v + 4]) == 0) {
      set(r, ro, 0);
      return;
    }
    t[u] = MASK - 18;
    t[u + 1] = MASK;
    t[u + 2] = MASK;
    t[u + 3] = MASK;
    t[u + 4] = MASK;
    set(t, rr, 0);
    set(t, ss, 1);
    int k = stripTwos(t, v); // r = 0 stays 0 when doubled
    while (true) {
      // u and v odd.
      if (compare(t, u, v) > 0) {
        subtractExact(t, u, v);
        addInto(t, rr, ss);
        int n = stripTwos(t, u);
        shiftLeft(t, ss, n);
        k += n;
      } else {
        subtractExact(t, v, u);
        addInto(t, ss, rr);
        if ((t[v] | t[v + 1] | t[v + 2] | t[v + 3] | t[v + 4]) == 0) {
          shiftLeft(t, rr, 1);
          k++;
          break;
        }
        int n = stripTwos(t, v);
        shiftLeft(t, rr, n);
        k += n;
      }
    }
    // r < 2p: reduce once, then negate: p - r = a^-1 2^k.
    int p = u;
    t[p] = MASK - 18;
    t[p + 1] = MASK;
    t[p + 2] = MASK;
    t[p + 3] = MASK;
    t[p + 4] = MASK;
    if (compare(t, rr, p) >= 0) {
      subtractExact(t, rr, p);
    }
    subtractExact(t, p, rr);
    for (; k >= 51; k -= 51) {
      halve(t, p, 51);
    }
    if (k > 0) {
      halve(t, p, k);
    }
    copy(r, ro, t, p);
  }

  /** Divides x (non-zero) by its largest power of two; returns the exponent. */
  private static int stripTwos(long[] t, int x) {
    int n = 0;
    while (t[x] == 0) {
      shiftRight51(t, x);
      n += 51;
    }
    int tz = Long.numberOfTrailingZeros(t[x]);
    if (tz > 0) {
      shiftRight(t, x, tz);
    }
    return n + tz;
  }

  /** x += y, limbs 0..3 carried into [0, 2^51), the top limb open (values below 2^256). */
  private static void addInto(long[] t, int x, int y) {
    long c = 0;
    for (int i = 0; i < 4; i++) {
      long d = t[x + i] + t[y + i] + c;
      c = d >>> 51;
      t[x + i] = d & MASK;
    }
    t[x + 4] += t[y + 4] + c;
  }

  /** x <<= n, n >= 0, for values that stay below 2^256 (top limb open). */
  private static void shiftLeft(long[] t, int x, int n) {
    for (; n >= 51; n -= 51) {
      t[x + 4] = t[x + 3];
      t[x + 3] = t[x + 2];
      t[x + 2] = t[x + 1];
      t[x + 1] = t[x];
      t[x] = 0;
    }
    if (n == 0) {
      return;
    }
    int m = 51 - n;
    t[x + 4] = t[x + 4] << n | t[x + 3] >>> m;
    t[x + 3] = (t[x + 3] << n | t[x + 2] >>> m) & MASK;
    t[x + 2] = (t[x + 2] << n | t[x + 1] >>> m) & MASK;
    t[x + 1] = (t[x + 1] << n | t[x] >>> m) & MASK;
    t[x] = (t[x] << n) & MASK;
  }

  /** Compares limb vectors with limbs 0..3 in [0, 2^51) and a non-negative top limb. */
  private static int compare(long[] t, int x, int y) {
    for (int i = 4; i >= 0; i--) {
      if (t[x + i] != t[y + i]) {
        return t[x + i] < t[y + i] ? -1 : 1;
      }
    }
    return 0;
  }

  private static void shiftRight51(long[] t, int x) {
    t[x] = t[x + 1];
    t[x + 1] = t[x + 2];
    t[x + 2] = t[x + 3];
    t[x + 3] = t[x + 4];
    t[x + 4] = 0;
  }

  /** x >>= n for 1 <= n <= 50, limbs in [0, 2^51). */
  private static void shiftRight(long[] t, int x, int n) {
    int m = 51 - n;
    t[x] = (t[x] >>> n | t[x + 1] << m) & MASK;
    t[x + 1] = (t[x + 1] >>> n | t[x + 2] << m) & MASK;
    t[x + 2] = (t[x + 2] >>> n | t[x + 3] << m) & MASK;
    t[x + 3] = (t[x + 3] >>> n | t[x + 4] << m) & MASK;
    t[x + 4] = t[x + 4] >>> n;
  }

  /**
   * u = u / 2^n mod p for u in [0, p), 1 <= n <= 51: adds k p with k = u / 19 (mod 2^n), so that u
   * + k p = u - 19 k + k 2^255 is a multiple of 2^n, and shifts. The result is in [0, p].
   */
  private static void halve(long[] t, int x, int n) {
    long k = (t[x] * INV19) & ((1L << n) - 1);
    long l0 = t[x] - 19 * k;
    long l1 = t[x + 1];
    long l2 = t[x + 2];
    long l3 = t[x + 3];
    long l4 = t[x + 4];
    long c = l0 >> 51; // floor: l0 may be negative
    l0 -= c << 51;
    l1 += c;
    c = l1 >> 51;
    l1 -= c << 51;
    l2 += c;
    c = l2 >> 51;
    l2 -= c << 51;
    l3 += c;
    c = l3 >> 51;
    l3 -= c << 51;
    l4 += c;
    c = l4 >> 51;
    l4 -= c << 51;
    long l5 = k + c; // weight 2^255
    if (n == 51) {
      t[x] = l1;
      t[x + 1] = l2;
      t[x + 2] = l3;
      t[x + 3] = l4;
      t[x + 4] = l5;
      return;
    }
    int m = 51 - n;
    t[x] = (l0 >>> n | l1 << m) & MASK;
    t[x + 1] = (l1 >>> n | l2 << m) & MASK;
    t[x + 2] = (l2 >>> n | l3 << m) & MASK;
    t[x + 3] = (l3 >>> n | l4 << m) & MASK;
    t[x + 4] = (l4 >>> n | l5 << m) & MASK;
  }

  /** x -= y for x >= y, limbs 0..3 in [0, 2^51), the top limb open. */
  private static void subtractExact(long[] t, int x, int y) {
    long c = 0;
    for (int i = 0; i < 4; i++) {
      long d = t[x + i] - t[y + i] + c;
      c = d >> 51;
      t[x + i] = d & MASK;
    }
    t[x + 4] = t[x + 4] - t[y + 4] + c;
  }

  /**
   * r = a^((p - 5) / 8) = a^(2^252 - 3), the exponent of the square-root candidate. (p - 5) / 8 =
   * (2^250 - 1) 4 + 1. Uses t[to .. to + 20).
   */
  static void pow22523(long[] r, int ro, long[] a, int ao, long[] t, int to) {
    pow2250m1(t, to, a, ao);
    sqrN(t, to, t, to, 2);
    mul(r, ro, t, to, a, ao);
  }

  // ---------------------------------------------------------------- bytes

  static long le64(byte[] b, int off) {
    return (b[off] & 0xFFL)
        | (b[off + 1] & 0xFFL) << 8
        | (b[off + 2] & 0xFFL) << 16
        | (b[off + 3] & 0xFFL) << 24
        | (b[off + 4] & 0xFFL) << 32
        | (b[off + 5] & 0xFFL) << 40
        | (b[off + 6] & 0xFFL) << 48
        | (b[off + 7] & 0xFFL) << 56;
  }

  private static void putLe64(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
