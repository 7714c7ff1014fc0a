package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.internal.ed25519.Field25519.add;
import static io.github.natsjwt.internal.ed25519.Field25519.mul;
import static io.github.natsjwt.internal.ed25519.Field25519.sqr;
import static io.github.natsjwt.internal.ed25519.Field25519.sub;
import static io.github.natsjwt.internal.ed25519.Field25519.sub4p;

import java.math.BigInteger;

/**
 * Points of edwards25519, -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19), and the group operations
 * Ed25519 verification needs. Variable time; not instantiable.
 *
 * <p>The formulas are those of Hisil, Wong, Carter and Dawson, "Twisted Edwards Curves Revisited"
 * (2008), for a = -1. They are complete on this curve (a is a square and d is not), so they hold
 * for every pair of points, small-order and mixed-order ones included, which Go's verification
 * accepts as keys. Points live at an offset in a {@code long[]}, each coordinate a {@link
 * Field25519} element (5 limbs):
 *
 * <ul>
 *   <li>extended (X : Y : Z : T), x = X/Z, y = Y/Z, xy = T/Z: 20 longs at X, Y, Z, T;
 *   <li>projective (X : Y : Z): the first 15 of those;
 *   <li>completed (E, F, G, H), the raw output of an addition or doubling, which is (X : Y : Z : T)
 *       = (EF : GH : FG : EH): 20 longs. Converting costs 4 multiplications to extended, 3 to
 *       projective when only a doubling follows;
 *   <li>affine Niels (y + x, y - x, 2dxy): 15 longs, for fixed tables (mixed addition, 7M);
 *   <li>cached (Y + X, Y - X, 2Z, 2dT): 20 longs, for tables made per call (addition, 8M).
 * </ul>
 */
final class EdwardsPoints {
  // Coordinate offsets of the extended, completed, Niels and cached forms.
  static final int X = 0;
  static final int Y = 5;
  static final int Z = 10;
  static final int T = 15;
  static final int E = 0;
  static final int F = 5;
  static final int G = 10;
  static final int H = 15;
  static final int YPX = 0;
  static final int YMX = 5;
  static final int XY2D = 10;
  static final int Z2 = 10;
  static final int T2D = 15;

  /** Longs in an extended, completed or cached point. */
  static final int POINT = 20;

  /** Longs in an affine Niels point. */
  static final int NIELS = 15;

  /** Constants at their offsets in {@link #CONST}: d, 2d, sqrt(-1), 1. */
  static final long[] CONST = new long[20];

  static final int D = 0;
  static final int D2 = 5;
  static final int SQRT_M1 = 10;
  static final int ONE = 15;

  static {
    BigInteger p = Field25519.P;
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(p)).mod(p);
    Field25519.fromBigInteger(CONST, D, d);
    Field25519.fromBigInteger(CONST, D2, d.shiftLeft(1));
    // 2^((p-1)/4) squares to -1 because 2 is not a square modulo p.
    Field25519.fromBigInteger(
        CONST, SQRT_M1, BigInteger.TWO.modPow(p.subtract(BigInteger.ONE).shiftRight(2), p));
    Field25519.set(CONST, ONE, 1);
  }

  private EdwardsPoints() {}

  /** Sets an extended point to the neutral element (0, 1). */
  static void identity(long[] w, int p) {
    Field25519.set(w, p + X, 0);
    Field25519.set(w, p + Y, 1);
    Field25519.set(w, p + Z, 1);
    Field25519.set(w, p + T, 0);
  }

  /**
   * Decodes 32 bytes as Go's edwards25519 does (and unlike RFC 8032's strict rule): y is the low
   * 255 bits taken modulo p, so y in [p, 2^255) is accepted; x is the square root of (y^2 - 1) / (d
   * y^2 + 1) whose parity is the top bit, and a top bit on x = 0 gives x = -0 = 0.
   *
   * @param w work array: the point is written at {@code p} (extended, Z = 1), and {@code tmp .. tmp
   *     + 45} is used
   * @param scratch 64 bytes of byte scratch
   * @return false when (y^2 - 1) / (d y^2 + 1) is not a square, so no point has this y
   */
  static boolean decompress(long[] w, int p, byte[] enc, int off, int tmp, byte[] scratch) {
    return decompress(w, p, enc, off, tmp, scratch, false);
  }

  /**
   * Decodes as {@link #decompress(long[], int, byte[], int, int, byte[])} or, when {@code strict},
   * only canonical encodings (RFC 8032 section 5.1.3): y below p, and no sign bit on x = 0.
   */
  static boolean decompress(
      long[] w, int p, byte[] enc, int off, int tmp, byte[] scratch, boolean strict) {
    int u = tmp;
    int v = tmp + 5;
    int v3 = tmp + 10;
    int r = tmp + 15;
    int chk = tmp + 20;
    int work = tmp + 25; // 20 longs for the exponentiation, then 5 more
    int y = p + Y;
    Field25519.fromBytes(w, y, enc, off);
    if (strict
        && w[y + 4] == Field25519.MASK
        && w[y + 3] == Field25519.MASK
        && w[y + 2] == Field25519.MASK
        && w[y + 1] == Field25519.MASK
        && w[y] >= Field25519.MASK - 18) {
      return false; // y in [p, 2^255)
    }
    sqr(w, u, w, y);
    mul(w, v, w, u, CONST, D);
    add(w, v, w, v, CONST, ONE); // v = d y^2 + 1
    sub(w, u, w, u, CONST, ONE); // u = y^2 - 1
    // Candidate root r = u v^3 (u v^7)^((p - 5) / 8): r^2 v = +-u when u/v is a square.
    sqr(w, v3, w, v);
    mul(w, v3, w, v3, w, v); // v^3
    sqr(w, r, w, v3);
    mul(w, r, w, r, w, v); // v^7
    mul(w, r, w, r, w, u); // u v^7
    Field25519.pow22523(w, chk, w, r, w, work);
    mul(w, r, w, chk, w, v3);
    mul(w, r, w, r, w, u);
    sqr(w, chk, w, r);
    mul(w, chk, w, chk, w, v); // v r^2
    int x = p + X;
    if (Field25519.equal(w, chk, w, u, scratch)) {
      Field25519.copy(w, x, w, r);
    } else {
      // v r^2 = -u: the root is r sqrt(-1). Otherwise u/v is not a square.
      add(w, work, w, chk, w, u);
      if (!Field25519.isZero(w, work, scratch)) {
        return false;
      }
      mul(w, x, w, r, CONST, SQRT_M1);
    }
    int sign = (enc[off + 31] >>> 7) & 1;
    if (strict && sign == 1 && Field25519.isZero(w, x, scratch)) {
      return false;
    }
    if (Field25519.isOdd(w, x, scratch) != sign) {
      // For x = 0 this gives -0 = 0: Go accepts the sign bit there, RFC 8032 does not.
      Field25519.neg(w, x, w, x);
      Field25519.carry(w, x, w, x);
    }
    Field25519.set(w, p + Z, 1);
    mul(w, p + T, w, x, w, y);
    Field25519.carry(w, y, w, y);
    return true;
  }

  /**
   * Encodes a projective point: y with the parity of x in the top bit, as RFC 8032 section 5.1.2
   * does. Uses {@code tmp .. tmp + 35} of w and 32 bytes of scratch.
   */
  static void encode(long[] w, int p, byte[] out, int off, int tmp, byte[] scratch) {
    int zinv = tmp;
    int x = tmp + 5;
    int y = tmp + 10;
    Field25519.invertVar(w, zinv, w, p + Z, w, tmp + 15, scratch);
    mul(w, x, w, p + X, w, zinv);
    mul(w, y, w, p + Y, w, zinv);
    int odd = Field25519.isOdd(w, x, scratch);
    Field25519.toBytes(out, off, w, y);
    out[off + 31] |= (byte) (odd << 7);
  }

  // ---------------------------------------------------------------- doubling and addition

  /**
   * c = 2p as a completed point, from p's X, Y, Z (extended or projective). Uses 5 longs at tmp. A
   * = X^2, B = Y^2, C = 2Z^2; with E = 2XY = (X + Y)^2 - A - B, G = B - A, F = C - G and H = A + B,
   * the double is (EF : GH : FG : EH); these are the paper's F and H negated, which leaves the
   * point unchanged.
   */
  static void dbl(long[] w, int c, long[] pa, int p, int tmp) {
    sqr(w, c + E, pa, p + X); // A
    sqr(w, c + H, pa, p + Y); // B
    sqr(w, c + F, pa, p + Z);
    add(w, c + F, w, c + F, w, c + F); // C
    add(w, tmp, pa, p + X, pa, p + Y);
    sqr(w, tmp, w, tmp); // (X + Y)^2
    sub(w, c + G, w, c + H, w, c + E); // G = B - A
    add(w, c + H, w, c + H, w, c + E); // H = A + B
    sub4p(w, c + E, w, tmp, w, c + H); // E = (X + Y)^2 - A - B
    sub4p(w, c + F, w, c + F, w, c + G); // F = C - G
  }

  /** Extended p from completed c. */
  static void toExtended(long[] w, int p, int c) {
    toExtended(w, p, w, c);
  }

  /** Extended p (in w) from completed c (in ca). */
  static void toExtended(long[] w, int p, long[] ca, int c) {
    mul(w, p + X, ca, c + E, ca, c + F);
    mul(w, p + Y, ca, c + G, ca, c + H);
    mul(w, p + Z, ca, c + F, ca, c + G);
    mul(w, p + T, ca, c + E, ca, c + H);
  }

  /** Projective p (T left stale) from completed c. */
  static void toProjective(long[] w, int p, int c) {
    mul(w, p + X, w, c + E, w, c + F);
    mul(w, p + Y, w, c + G, w, c + H);
    mul(w, p + Z, w, c + F, w, c + G);
  }

  /**
   * c = p + q (or p - q when {@code negate}), p extended in w, q affine Niels at {@code qa[q]}.
   * With A = (Y - X)(y - x), B = (Y + X)(y + x), C = 2dxy T, D = 2Z: (E, F, G, H) = (B - A, D - C,
   * D + C, B + A). Subtracting -q = (-x, y) swaps y + x with y - x and negates C.
   */
  static void addNiels(long[] w, int c, int p, long[] qa, int q, boolean negate) {
    sub(w, c + E, w, p + Y, w, p + X);
    add(w, c + H, w, p + Y, w, p + X);
    mul(w, c + E, w, c + E, qa, q + (negate ? YPX : YMX)); // A
    mul(w, c + H, w, c + H, qa, q + (negate ? YMX : YPX)); // B
    int cc = negate ? c + G : c + F;
    int dd = negate ? c + F : c + G;
    mul(w, cc, w, p + T, qa, q + XY2D); // C
    add(w, dd, w, p + Z, w, p + Z); // D
    butterfly(w, c + E, c + H);
    butterfly(w, cc, dd);
  }

  /**
   * c = p + q (or p - q), p extended in w, q cached at {@code qa[q]}. As {@link #addNiels}, D =
   * 2Z1Z2.
   */
  static void addCached(long[] w, int c, int p, long[] qa, int q, boolean negate) {
    sub(w, c + E, w, p + Y, w, p + X);
    add(w, c + H, w, p + Y, w, p + X);
    mul(w, c + E, w, c + E, qa, q + (negate ? YPX : YMX));
    mul(w, c + H, w, c + H, qa, q + (negate ? YMX : YPX));
    int cc = negate ? c + G : c + F;
    int dd = negate ? c + F : c + G;
    mul(w, cc, w, p + T, qa, q + T2D);
    mul(w, dd, w, p + Z, qa, q + Z2);
    butterfly(w, c + E, c + H);
    butterfly(w, cc, dd);
  }

  /** (w[a], w[b]) = (w[b] - w[a], w[b] + w[a]); w[a] must be loose. */
  private static void butterfly(long[] w, int a, int b) {
    long x0 = w[a];
    long x1 = w[a + 1];
    long x2 = w[a + 2];
    long x3 = w[a + 3];
    long x4 = w[a + 4];
    long y0 = w[b];
    long y1 = w[b + 1];
    long y2 = w[b + 2];
    long y3 = w[b + 3];
    long y4 = w[b + 4];
    w[a] = y0 + Field25519.TWO_P0 - x0;
    w[a + 1] = y1 + Field25519.TWO_P - x1;
    w[a + 2] = y2 + Field25519.TWO_P - x2;
    w[a + 3] = y3 + Field25519.TWO_P - x3;
    w[a + 4] = y4 + Field25519.TWO_P - x4;
    w[b] = y0 + x0;
    w[b + 1] = y1 + x1;
    w[b + 2] = y2 + x2;
    w[b + 3] = y3 + x3;
    w[b + 4] = y4 + x4;
  }

  /** Cached form of extended p (in w) into {@code qa[q]}. */
  static void toCached(long[] qa, int q, long[] w, int p) {
    add(qa, q + YPX, w, p + Y, w, p + X);
    sub(qa, q + YMX, w, p + Y, w, p + X);
    add(qa, q + Z2, w, p + Z, w, p + Z);
    mul(qa, q + T2D, w, p + T, CONST, D2);
  }

  // ---------------------------------------------------------------- tables

  /**
   * Affine Niels form of n extended points, one inversion for all (Montgomery's trick).
   *
   * @param pts n extended points, 20 longs each
   * @param out receives n Niels points, 15 longs each, from offset 0
   */
  static void toNiels(long[] pts, int n, long[] out) {
    long[] prefix = new long[5 * n];
    long[] w = new long[60];
    Field25519.copy(prefix, 0, pts, Z);
    for (int i = 1; i < n; i++) {
      mul(prefix, 5 * i, prefix, 5 * (i - 1), pts, POINT * i + Z);
    }
    int inv = 0;
    int zi = 5;
    int x = 10;
    int y = 15;
    Field25519.invertVar(w, inv, prefix, 5 * (n - 1), w, 20, new byte[32]);
    for (int i = n - 1; i >= 0; i--) {
      if (i > 0) {
        mul(w, zi, w, inv, prefix, 5 * (i - 1));
        mul(w, inv, w, inv, pts, POINT * i + Z);
      } else {
        Field25519.copy(w, zi, w, inv);
      }
      mul(w, x, pts, POINT * i + X, w, zi);
      mul(w, y, pts, POINT * i + Y, w, zi);
      int o = NIELS * i;
      add(out, o + YPX, w, y, w, x);
      Field25519.carry(out, o + YPX, out, o + YPX);
      sub(out, o + YMX, w, y, w, x);
      Field25519.carry(out, o + YMX, out, o + YMX);
      mul(out, o + XY2D, w, x, w, y);
      mul(out, o + XY2D, out, o + XY2D, CONST, D2);
    }
  }

  /**
   * Fixed-base tables for a point P: table j holds c 2^(w m j) P for c = 1 .. 2^(w-1), as affine
   * Niels points, entry (j, c) at {@code NIELS * (j 2^(w-1) + c - 1)}. With signed radix-2^w digits
   * d_i of a scalar, digit i = m j + r is added from table j in round r, and m - 1 rounds of w
   * doublings in between bring each round to its weight 2^(w r).
   *
   * @param w work array holding the extended point P at {@code p}
   */
  static long[] combTable(long[] w, int p, int width, int rounds, int tables) {
    int perTable = 1 << (width - 1);
    int n = tables * perTable;
    long[] pts = new long[POINT * n];
    long[] work = new long[3 * POINT + 5 + POINT];
    int cur = 0;
    int cmp = POINT;
    int cached = 2 * POINT;
    int tmp = 3 * POINT;
    System.arraycopy(w, p, work, cur, POINT);
    for (int j = 0; j < tables; j++) {
      int first = POINT * j * perTable;
      System.arraycopy(work, cur, pts, first, POINT);
      toCached(work, cached, work, cur);
      for (int c = 1; c < perTable; c++) {
        addCached(work, cmp, cur, work, cached, false);
        toExtended(work, cur, cmp);
        System.arraycopy(work, cur, pts, first + POINT * c, POINT);
      }
      // cur = 2^(w-1) P_j; P_(j+1) = 2^(w m) P_j.
      for (int k = width - 1; k < width * rounds; k++) {
        dbl(work, cmp, work, cur, tmp);
        toExtended(work, cur, cmp);
      }
    }
    long[] out = new long[NIELS * n];
    toNiels(pts, n, out);
    return out;
  }

  /** Odd multiples P, 3P, .., (2^(w-1) - 1) P as affine Niels, for width-w NAF digits. */
  static long[] oddMultiplesNiels(long[] w, int p, int width) {
    int n = 1 << (width - 2);
    long[] pts = new long[POINT * n];
    oddMultiples(w, p, width, new long[ODD_WORK], 0, pts, 0, false);
    long[] out = new long[NIELS * n];
    toNiels(pts, n, out);
    return out;
  }

  /** Longs of work space {@link #oddMultiples} needs. */
  static final int ODD_WORK = 3 * POINT + 5;

  /**
   * Odd multiples of extended P (at w[p]) into {@code out} from {@code oo}, as extended points or,
   * when {@code cachedForm}, as cached points. Uses {@code work[wo .. wo + ODD_WORK)}.
   */
  static void oddMultiples(
      long[] w, int p, int width, long[] work, int wo, long[] out, int oo, boolean cachedForm) {
    int n = 1 << (width - 2);
    int cur = wo;
    int cmp = wo + POINT;
    int twice = wo + 2 * POINT;
    int tmp = wo + 3 * POINT;
    dbl(work, cmp, w, p, tmp);
    toExtended(work, cur, cmp);
    toCached(work, twice, work, cur); // 2P
    System.arraycopy(w, p, work, cur, POINT);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        addCached(work, cmp, cur, work, twice, false);
        toExtended(work, cur, cmp);
      }
      if (cachedForm) {
        toCached(out, oo + POINT * i, work, cur);
      } else {
        System.arraycopy(work, cur, out, oo + POINT * i, POINT);
      }
    }
  }
}
