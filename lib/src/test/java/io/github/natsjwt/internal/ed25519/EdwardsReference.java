package io.github.natsjwt.internal.ed25519;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately plain model of edwards25519 for tests: affine coordinates, BigInteger arithmetic
 * and the textbook addition law, nothing shared with the production code. Slow (milliseconds for a
 * scalar multiplication); used to make test inputs and to compute expected verdicts by hand.
 */
final class EdwardsReference {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** An affine point. */
  record Point(BigInteger x, BigInteger y) {
    boolean isIdentity() {
      return x.signum() == 0 && y.equals(BigInteger.ONE);
    }
  }

  static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);
  static final Point BASE =
      decode(
          encodeY(
              BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P), false),
          false);

  private EdwardsReference() {}

  /** x3 = (x1 y2 + x2 y1) / (1 + d x1 x2 y1 y2), y3 = (y1 y2 + x1 x2) / (1 - d x1 x2 y1 y2). */
  static Point add(Point a, Point b) {
    BigInteger t = D.multiply(a.x).multiply(b.x).multiply(a.y).multiply(b.y).mod(P);
    BigInteger x =
        a.x.multiply(b.y).add(b.x.multiply(a.y)).multiply(BigInteger.ONE.add(t).modInverse(P));
    BigInteger y =
        a.y.multiply(b.y).add(a.x.multiply(b.x)).multiply(BigInteger.ONE.subtract(t).modInverse(P));
    return new Point(x.mod(P), y.mod(P));
  }

  static Point negate(Point a) {
    return new Point(a.x.negate().mod(P), a.y);
  }

  /** [n] a for n >= 0, double and add. */
  static Point multiply(BigInteger n, Point a) {
    Point r = IDENTITY;
    for (int i = n.bitLength() - 1; i >= 0; i--) {
      r = add(r, r);
      if (n.testBit(i)) {
        r = add(r, a);
      }
    }
    return r;
  }

  /** RFC 8032 encoding: y little-endian, the parity of x in the top bit. */
  static byte[] encode(Point a) {
    return encodeY(a.y, a.x.testBit(0));
  }

  static byte[] encodeY(BigInteger y, boolean sign) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) y.shiftRight(8 * i).intValue();
    }
    if (sign) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  static BigInteger littleEndian(byte[] b, int off, int len) {
    BigInteger v = BigInteger.ZERO;
    for (int i = len - 1; i >= 0; i--) {
      v = v.shiftLeft(8).add(BigInteger.valueOf(b[off + i] & 0xFF));
    }
    return v;
  }

  /**
   * Decodes as RFC 8032 section 5.1.3 ({@code lenient} false: y must be below p, and x = 0 must
   * have sign bit 0) or as Go ({@code lenient} true: y taken modulo p, the sign bit on x = 0
   * ignored).
   */
  static @Nullable Point decode(byte[] enc, boolean lenient) {
    boolean sign = (enc[31] & 0x80) != 0;
    byte[] low = enc.clone();
    low[31] &= 0x7F;
    BigInteger y = littleEndian(low, 0, 32);
    if (y.compareTo(P) >= 0) {
      if (!lenient) {
        return null;
      }
      y = y.mod(P);
    }
    BigInteger y2 = y.multiply(y).mod(P);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
    BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
    // p = 5 (mod 8): a candidate root is x2^((p + 3) / 8), possibly times sqrt(-1).
    BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(x2)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (!x.multiply(x).mod(P).equals(x2)) {
      return null;
    }
    if (x.signum() == 0 && sign && !lenient) {
      return null;
    }
    if (x.testBit(0) != sign) {
      x = x.negate().mod(P);
    }
    return new Point(x, y);
  }

  /** Smallest n with [n] a = identity among 1, 2, 4, 8, or 0 when a is not of small order. */
  static int smallOrder(Point a) {
    Point r = a;
    for (int n = 1; n <= 8; n <<= 1) {
      if (r.isIdentity()) {
        return n;
      }
      r = add(r, r);
    }
    return 0;
  }

  /**
   * The eight points of order dividing 8, [i] T for i = 0 .. 7 with T of order 8: T is the
   * small-order part [L] P of a point P of full order 8L, found by trying y = 2, 3, ...
   */
  static List<Point> smallOrderPoints() {
    for (int y = 2; ; y++) {
      Point p = decode(encodeY(BigInteger.valueOf(y), false), false);
      if (p == null) {
        continue;
      }
      Point t = multiply(L, p);
      if (smallOrder(t) == 8) {
        List<Point> out = new ArrayList<>();
        Point r = IDENTITY;
        for (int i = 0; i < 8; i++) {
          out.add(r);
          r = add(r, t);
        }
        return out;
      }
    }
  }
}
