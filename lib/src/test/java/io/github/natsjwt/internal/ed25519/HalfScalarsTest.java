package io.github.natsjwt.internal.ed25519;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The split of k into u = v k (mod 8L), checked with BigInteger. */
class HalfScalarsTest {
  private static final BigInteger L = Scalar25519.L;
  private static final BigInteger N = L.shiftLeft(3);
  private static final long SEED = 0x4A1FL;

  static byte[] littleEndian(BigInteger v) {
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) v.shiftRight(8 * i).intValue();
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] b) {
    BigInteger v = BigInteger.ZERO;
    for (int i = b.length - 1; i >= 0; i--) {
      v = v.shiftLeft(8).add(BigInteger.valueOf(b[i] & 0xFF));
    }
    return v;
  }

  @Test
  void split_randomAndEdgeScalars_givesShortOddPairWithUEqualToVTimesKModulo8L() {
    List<BigInteger> scalars = new ArrayList<>();
    for (BigInteger k :
        new BigInteger[] {
          BigInteger.ZERO,
          BigInteger.ONE,
          BigInteger.TWO,
          L.subtract(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(128),
          BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE),
          BigInteger.ONE.shiftLeft(127),
          BigInteger.ONE.shiftLeft(252),
          L.subtract(BigInteger.ONE).shiftRight(1),
          L.divide(BigInteger.valueOf(3))
        }) {
      scalars.add(k);
    }
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 100_000; i++) {
      scalars.add(new BigInteger(253, new java.util.Random(random.nextLong())).mod(L));
    }
    long[] work = new long[HalfScalars.WORK];
    byte[] u = new byte[32];
    byte[] v = new byte[32];
    int refused = 0;
    for (BigInteger k : scalars) {
      int sign = HalfScalars.split(littleEndian(k), work, u, v);
      if (sign == 0) {
        refused++;
        continue;
      }
      BigInteger uu = fromLittleEndian(u).multiply(BigInteger.valueOf(sign));
      BigInteger vv = fromLittleEndian(v);
      String what = "k = " + k.toString(16);
      assertTrue(vv.testBit(0), "v odd, " + what);
      assertTrue(vv.signum() > 0, "v positive, " + what);
      assertTrue(vv.bitLength() <= HalfScalars.MAX_BITS, what);
      assertTrue(uu.abs().bitLength() <= HalfScalars.MAX_BITS, what);
      assertEquals(uu.mod(N), vv.multiply(k).mod(N), what);
    }
    // A refused split only costs time (the caller verifies without it); it is rare: a large
    // quotient next to an even t leaves no odd pair within MAX_BITS (5 in these 100,000).
    assertTrue(refused > 0 && refused <= 20, "refused " + refused);
  }
}
