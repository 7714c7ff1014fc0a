package io.github.natsjwt.internal.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GF(2^255 - 19) arithmetic against BigInteger, on random values and on the edges of its bounds.
 */
class Field25519Test {
  private static final BigInteger P = Field25519.P;
  private static final long SEED = 0x5EED_F1E1DL;
  private static final long MASK = (1L << 51) - 1;

  /** The largest limb the products accept by their contract: just below 2^53.8. */
  private static final long MUL_LIMB_MAX = (long) Math.scalb(1.74, 53);

  /** The largest limb {@link Field25519#sub} accepts as subtrahend. */
  private static final long SUB_LIMB_MAX = (1L << 52) - 38;

  /** The integer the limbs stand for (not reduced). */
  static BigInteger value(long[] a, int off) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(51).add(BigInteger.valueOf(a[off + i]));
    }
    return v;
  }

  static long[] limbs(long... l) {
    return l.clone();
  }

  static long[] uniform(long max, long... fixed) {
    long[] a = new long[5];
    for (int i = 0; i < 5; i++) {
      a[i] = fixed[i % fixed.length] % (max + 1);
    }
    return a;
  }

  /** Edge and random limb vectors, each limb at most {@code max}. */
  static List<long[]> operands(long max, int randomCount) {
    List<long[]> out = new ArrayList<>();
    out.add(limbs(0, 0, 0, 0, 0));
    out.add(limbs(1, 0, 0, 0, 0));
    // p - 1, p, p + 1 and 2^255 - 1 in reduced limbs.
    out.add(limbs(MASK - 19, MASK, MASK, MASK, MASK));
    out.add(limbs(MASK - 18, MASK, MASK, MASK, MASK));
    out.add(limbs(MASK - 17, MASK, MASK, MASK, MASK));
    out.add(limbs(MASK, MASK, MASK, MASK, MASK));
    out.add(limbs(max, max, max, max, max));
    out.add(limbs(max, 0, max, 0, max));
    out.add(limbs(0, max, 0, max, 0));
    out.add(limbs(max, max, max, max, 0));
    out.add(limbs(0, 0, 0, 0, max));
    SplittableRandom random = new SplittableRandom(SEED ^ max);
    for (int i = 0; i < randomCount; i++) {
      long[] a = new long[5];
      int shape = i % 3;
      for (int k = 0; k < 5; k++) {
        a[k] =
            shape == 0
                ? random.nextLong(max + 1)
                : shape == 1 ? random.nextLong(MASK + 1) : max - random.nextLong(1 << 20);
      }
      out.add(a);
    }
    return out;
  }

  static BigInteger mod(BigInteger v) {
    return v.mod(P);
  }

  @Test
  void mulAndSqr_operandsUpToTheirLimbBound_matchBigInteger() {
    List<long[]> ops = operands(MUL_LIMB_MAX, 300);
    long[] r = new long[5];
    for (long[] a : ops) {
      for (long[] b : ops.subList(0, 40)) {
        Field25519.mul(r, 0, a, 0, b, 0);
        assertEquals(mod(value(a, 0).multiply(value(b, 0))), mod(value(r, 0)), () -> "mul");
        assertLoose(r);
      }
      Field25519.sqr(r, 0, a, 0);
      assertEquals(mod(value(a, 0).pow(2)), mod(value(r, 0)), "sqr");
      assertLoose(r);
    }
  }

  @Test
  void mul_resultAliasesOperand_matchesBigInteger() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 200; i++) {
      long[] a = uniform(MUL_LIMB_MAX, random.nextLong(), random.nextLong(), random.nextLong());
      for (int k = 0; k < 5; k++) {
        a[k] = Math.abs(a[k]);
      }
      BigInteger expected = mod(value(a, 0).pow(2));
      Field25519.mul(a, 0, a, 0, a, 0);
      assertEquals(expected, mod(value(a, 0)));
    }
  }

  private static void assertLoose(long[] r) {
    for (long l : r) {
      if (l < 0 || l >= (1L << 51) + (1L << 17)) {
        throw new AssertionError("limb out of the loose bound: " + l);
      }
    }
  }

  @Test
  void linearOperations_operandsAtTheirBounds_matchBigInteger() {
    long[] r = new long[5];
    for (long[] a : operands(SUB_LIMB_MAX, 200)) {
      for (long[] b : operands(SUB_LIMB_MAX, 20)) {
        Field25519.add(r, 0, a, 0, b, 0);
        assertEquals(mod(value(a, 0).add(value(b, 0))), mod(value(r, 0)), "add");
        Field25519.sub(r, 0, a, 0, b, 0);
        assertEquals(mod(value(a, 0).subtract(value(b, 0))), mod(value(r, 0)), "sub");
        assertNonNegative(r);
      }
      Field25519.neg(r, 0, a, 0);
      assertEquals(mod(value(a, 0).negate()), mod(value(r, 0)), "neg");
      assertNonNegative(r);
    }
    long max4p = (1L << 53) - 76;
    for (long[] a : operands(MUL_LIMB_MAX, 100)) {
      for (long[] b : operands(max4p, 20)) {
        Field25519.sub4p(r, 0, a, 0, b, 0);
        assertEquals(mod(value(a, 0).subtract(value(b, 0))), mod(value(r, 0)), "sub4p");
        assertNonNegative(r);
      }
    }
  }

  private static void assertNonNegative(long[] r) {
    for (long l : r) {
      if (l < 0) {
        throw new AssertionError("negative limb " + l);
      }
    }
  }

  @Test
  void carry_limbsBelow2To62_keepsValueAndGivesLooseLimbs() {
    long[] r = new long[5];
    for (long[] a : operands((1L << 62) - 1, 300)) {
      Field25519.carry(r, 0, a, 0);
      assertEquals(mod(value(a, 0)), mod(value(r, 0)));
      assertLoose(r);
    }
  }

  @Test
  void toBytes_anyLimbs_givesCanonicalLittleEndian() {
    byte[] out = new byte[32];
    for (long[] a : operands((1L << 62) - 1, 300)) {
      Field25519.toBytes(out, 0, a, 0);
      assertArrayEquals(littleEndian(mod(value(a, 0))), out);
    }
  }

  @Test
  void fromBytes_anyEncoding_takesLow255BitsModuloP() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<byte[]> encodings = new ArrayList<>();
    encodings.add(littleEndian(BigInteger.ZERO));
    encodings.add(littleEndian(BigInteger.ONE));
    encodings.add(littleEndian(P.subtract(BigInteger.ONE)));
    encodings.add(littleEndian(P));
    encodings.add(littleEndian(P.add(BigInteger.ONE)));
    encodings.add(littleEndian(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)));
    byte[] allOnes = new byte[32];
    java.util.Arrays.fill(allOnes, (byte) 0xFF);
    encodings.add(allOnes);
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      encodings.add(b);
    }
    long[] r = new long[5];
    for (byte[] b : encodings) {
      Field25519.fromBytes(r, 0, b, 0);
      BigInteger low255 = fromLittleEndian(b).mod(BigInteger.ONE.shiftLeft(255));
      assertEquals(low255, value(r, 0), "exact limbs, not reduced");
      for (long l : r) {
        assertEquals(0, l >>> 51, "limb within 51 bits");
      }
    }
  }

  @Test
  void pow22523_randomAndEdgeValues_matchesBigInteger() {
    long[] t = new long[20];
    long[] r = new long[5];
    BigInteger e22523 = BigInteger.ONE.shiftLeft(252).subtract(BigInteger.valueOf(3));
    for (long[] a : operands(MUL_LIMB_MAX, 40)) {
      BigInteger v = mod(value(a, 0));
      Field25519.pow22523(r, 0, a, 0, t, 0);
      assertEquals(v.modPow(e22523, P), mod(value(r, 0)), "pow22523");
    }
  }

  @Test
  void invertVar_randomEdgeAndSmallValues_matchesBigInteger() {
    long[] t = new long[20];
    long[] r = new long[5];
    byte[] scratch = new byte[32];
    List<long[]> values = operands(MUL_LIMB_MAX, 3000);
    for (long v = 1; v < 300; v++) {
      values.add(limbs(v, 0, 0, 0, 0));
    }
    // Powers of two and p - 2^k, where the binary algorithm takes its longest runs.
    for (int k = 0; k < 255; k++) {
      long[] a = new long[5];
      Field25519.fromBigInteger(a, 0, BigInteger.ONE.shiftLeft(k));
      values.add(a);
      long[] b = new long[5];
      Field25519.fromBigInteger(b, 0, P.subtract(BigInteger.ONE.shiftLeft(k)));
      values.add(b);
    }
    for (long[] a : values) {
      BigInteger v = mod(value(a, 0));
      Field25519.invertVar(r, 0, a, 0, t, 0, scratch);
      assertEquals(
          v.signum() == 0 ? BigInteger.ZERO : v.modInverse(P),
          mod(value(r, 0)),
          () -> "invertVar " + v.toString(16));
      assertLoose(r);
    }
  }

  @Test
  void predicates_nonReducedRepresentations_decideOnTheValueModuloP() {
    byte[] scratch = new byte[64];
    // p itself, in reduced limbs: zero, even.
    long[] p = limbs(MASK - 18, MASK, MASK, MASK, MASK);
    assertEquals(true, Field25519.isZero(p, 0, scratch));
    // p + 1: equal to 1, odd.
    long[] p1 = limbs(MASK - 17, MASK, MASK, MASK, MASK);
    assertEquals(1, Field25519.isOdd(p1, 0, scratch));
    assertEquals(true, Field25519.equal(p1, 0, limbs(1, 0, 0, 0, 0), 0, scratch));
    // 2p - 1 = p - 1 (even) written with 2^52-sized limbs.
    long[] twoPm1 = limbs(2 * (MASK - 18) - 1, 2 * MASK, 2 * MASK, 2 * MASK, 2 * MASK);
    assertEquals(0, Field25519.isOdd(twoPm1, 0, scratch));
    assertEquals(false, Field25519.isZero(twoPm1, 0, scratch));
    assertEquals(
        true, Field25519.equal(twoPm1, 0, limbs(MASK - 19, MASK, MASK, MASK, MASK), 0, scratch));
  }

  static byte[] littleEndian(BigInteger v) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] b) {
    byte[] be = new byte[b.length + 1];
    for (int i = 0; i < b.length; i++) {
      be[b.length - i] = b[i];
    }
    return new BigInteger(be);
  }
}
