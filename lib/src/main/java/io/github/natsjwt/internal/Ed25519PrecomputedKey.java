package io.github.natsjwt.internal;

import static io.github.natsjwt.internal.Ed25519Context.ACC;
import static io.github.natsjwt.internal.Ed25519Context.CMP;
import static io.github.natsjwt.internal.Ed25519Context.TMP;
import static io.github.natsjwt.internal.EdwardsPoints.NIELS;

/**
 * An Ed25519 public key with fixed-base tables, for keys that verify many signatures (an account's
 * signing key issuing user JWTs). Verdicts are those of {@link Ed25519PublicKey#verify}, that is of
 * Go's {@code crypto/ed25519}.
 *
 * <p>Both scalars of R' = [S]B + [k](-A) are written in signed radix 2^5 (51 digits each). Digit i =
 * 3j + r is added from table j, which holds c 2^(15 j) P for c = 1 .. 16, in round r; rounds run
 * from 2 down to 0 with 5 doublings between them. A verification costs 10 doublings, about 100
 * mixed additions (7 multiplications each) and the inversion of the encoding, against about 253
 * doublings and 70 additions on the general path. The key's tables take 32,640 bytes; B's are
 * shared by all keys.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519PrecomputedKey {
  static final int WIDTH = 5;
  static final int ROUNDS = 3;
  static final int DIGITS = 51;
  static final int TABLES = (DIGITS + ROUNDS - 1) / ROUNDS;
  static final int PER_TABLE = 1 << (WIDTH - 1);

  private final byte[] encoded;
  private final long[] table;

  private static final class Base {
    static final long[] TABLE;

    static {
      long[] point = new long[EdwardsPoints.POINT];
      Ed25519PublicKey b = Ed25519PublicKey.decode(Ed25519PublicKey.basePointEncoding());
      if (b == null) {
        throw new IllegalStateException("base point does not decode");
      }
      TABLE = b.precompute().table;
    }
  }

  Ed25519PrecomputedKey(byte[] encoded, long[] point) {
    this.encoded = encoded;
    this.table = EdwardsPoints.combTable(point, 0, WIDTH, ROUNDS, TABLES);
  }

  /**
   * Returns whether a signature over a message verifies with this key.
   *
   * @param message the signed bytes
   * @param signature the signature; any length other than 64 does not verify
   * @return the verdict Go's {@code ed25519.Verify} gives
   */
  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != 64 || !Scalar25519.isCanonical(signature, 32)) {
      return false;
    }
    Ed25519Context ctx = Ed25519Context.get();
    ctx.challenge(signature, encoded, message);
    byte[] dk = ctx.digitsK;
    byte[] ds = ctx.digitsS;
    Scalar25519.signedRadix(ctx.k, WIDTH, DIGITS, dk);
    Scalar25519.signedRadix(ctx.s, WIDTH, DIGITS, ds);
    long[] w = ctx.w;
    long[] a = table;
    long[] b = Base.TABLE;
    EdwardsPoints.identity(w, ACC);
    for (int r = ROUNDS - 1; r >= 0; r--) {
      if (r < ROUNDS - 1) {
        for (int i = 0; i < WIDTH - 1; i++) {
          EdwardsPoints.dbl(w, CMP, w, ACC, TMP);
          EdwardsPoints.toProjective(w, ACC, CMP);
        }
        EdwardsPoints.dbl(w, CMP, w, ACC, TMP);
        EdwardsPoints.toExtended(w, ACC, CMP);
      }
      for (int j = 0, i = r; i < DIGITS; j++, i += ROUNDS) {
        int d = dk[i];
        if (d != 0) {
          // A positive digit of k subtracts: R' = [S]B + [k](-A).
          EdwardsPoints.addNiels(
              w, CMP, ACC, a, NIELS * (j * PER_TABLE + Math.abs(d) - 1), d > 0);
          EdwardsPoints.toExtended(w, ACC, CMP);
        }
        d = ds[i];
        if (d != 0) {
          EdwardsPoints.addNiels(
              w, CMP, ACC, b, NIELS * (j * PER_TABLE + Math.abs(d) - 1), d < 0);
          EdwardsPoints.toExtended(w, ACC, CMP);
        }
      }
    }
    return ctx.accumulatorEncodes(signature);
  }
}
