package io.github.natsjwt.internal.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scalars modulo L against BigInteger. */
class Scalar25519Test {
  private static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));
  private static final long SEED = 0x5CA1A125L;

  static byte[] littleEndian(BigInteger v, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }

  @Test
  void groupOrder_isTheRfc8032Value() {
    assertEquals(L, Scalar25519.L);
  }

  @Test
  void reduce_randomAndEdge64ByteValues_matchesBigIntegerMod() {
    List<BigInteger> values = new ArrayList<>();
    BigInteger top = BigInteger.ONE.shiftLeft(512);
    for (BigInteger v :
        new BigInteger[] {
          BigInteger.ZERO,
          BigInteger.ONE,
          L.subtract(BigInteger.ONE),
          L,
          L.add(BigInteger.ONE),
          L.shiftLeft(1),
          L.multiply(L),
          BigInteger.ONE.shiftLeft(252),
          BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(253),
          BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
          top.subtract(BigInteger.ONE),
          top.subtract(top.mod(L)),
          top.subtract(top.mod(L)).subtract(BigInteger.ONE),
          top.divide(L).multiply(L).subtract(L).add(L.subtract(BigInteger.ONE))
        }) {
      values.add(v);
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[64];
      random.nextBytes(b);
      // Some with long runs of ones or zeros at the top, the worst cases for the folds.
      if (i % 4 == 1) {
        Arrays.fill(b, 32 + random.nextInt(32), 64, (byte) 0xFF);
      } else if (i % 4 == 2) {
        Arrays.fill(b, 32 + random.nextInt(32), 64, (byte) 0);
      }
      values.add(new BigInteger(1, reversed(b)));
    }
    long[] t = new long[Scalar25519.WORK_LIMBS];
    byte[] out = new byte[32];
    for (BigInteger v : values) {
      Scalar25519.reduce(littleEndian(v, 64), t, out);
      assertArrayEquals(littleEndian(v.mod(L), 32), out, () -> "reduce " + v.toString(16));
    }
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  @Test
  void isCanonical_valuesAroundL_onlyBelowL() {
    BigInteger top = BigInteger.ONE.shiftLeft(256);
    assertTrue(Scalar25519.isCanonical(littleEndian(BigInteger.ZERO, 32), 0));
    assertTrue(Scalar25519.isCanonical(littleEndian(L.subtract(BigInteger.ONE), 32), 0));
    assertTrue(Scalar25519.isCanonical(littleEndian(BigInteger.ONE.shiftLeft(252), 32), 0));
    assertEquals(false, Scalar25519.isCanonical(littleEndian(L, 32), 0));
    assertEquals(false, Scalar25519.isCanonical(littleEndian(L.add(BigInteger.ONE), 32), 0));
    assertEquals(false, Scalar25519.isCanonical(littleEndian(top.subtract(BigInteger.ONE), 32), 0));
    byte[] framed = new byte[40];
    System.arraycopy(littleEndian(L.subtract(BigInteger.ONE), 32), 0, framed, 8, 32);
    assertTrue(Scalar25519.isCanonical(framed, 8), "at an offset");
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 5000; i++) {
      BigInteger v = L.add(BigInteger.valueOf(random.nextLong(-1000, 1000)));
      if (i % 2 == 0) {
        v = new BigInteger(256, new java.util.Random(random.nextLong()));
      }
      assertEquals(
          v.compareTo(L) < 0, Scalar25519.isCanonical(littleEndian(v, 32), 0), v::toString);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6, 7})
  void signedRadix_scalarsBelowL_digitsInRangeAndSumToScalar(int w) {
    int n = (254 + w - 1) / w;
    byte[] digits = new byte[Scalar25519.NAF_LENGTH];
    for (BigInteger v : scalars()) {
      Scalar25519.signedRadix(littleEndian(v, 32), w, n, digits);
      BigInteger sum = BigInteger.ZERO;
      for (int i = n - 1; i >= 0; i--) {
        int d = digits[i];
        assertTrue(-(1 << (w - 1)) <= d && d <= 1 << (w - 1), "digit range");
        sum = sum.shiftLeft(w).add(BigInteger.valueOf(d));
      }
      assertEquals(v, sum);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
  void wnaf_scalarsBelowL_oddSparseDigitsSumToScalar(int w) {
    byte[] naf = new byte[Scalar25519.NAF_LENGTH];
    for (BigInteger v : scalars()) {
      int top = Scalar25519.wnaf(littleEndian(v, 32), w, naf);
      BigInteger sum = BigInteger.ZERO;
      int last = Integer.MAX_VALUE;
      int highest = -1;
      for (int i = Scalar25519.NAF_LENGTH - 1; i >= 0; i--) {
        int d = naf[i];
        sum = sum.shiftLeft(1).add(BigInteger.valueOf(d));
        if (d != 0) {
          assertTrue((d & 1) == 1 && Math.abs(d) < 1 << (w - 1), "odd and small");
          assertTrue(last - i >= w, "digits at least w apart");
          last = i;
          highest = Math.max(highest, i);
        }
      }
      assertEquals(v, sum);
      assertEquals(highest, top);
    }
  }

  private static List<BigInteger> scalars() {
    List<BigInteger> out = new ArrayList<>();
    out.add(BigInteger.ZERO);
    out.add(BigInteger.ONE);
    out.add(L.subtract(BigInteger.ONE));
    out.add(BigInteger.ONE.shiftLeft(253).subtract(BigInteger.ONE).min(L.subtract(BigInteger.ONE)));
    out.add(BigInteger.ONE.shiftLeft(252).subtract(BigInteger.ONE));
    out.add(BigInteger.ONE.shiftLeft(252));
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 2000; i++) {
      out.add(new BigInteger(253, new java.util.Random(random.nextLong())).mod(L));
    }
    return out;
  }
}
