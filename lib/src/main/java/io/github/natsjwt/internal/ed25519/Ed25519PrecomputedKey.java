package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.internal.ed25519.Ed25519Context.ACC;
import static io.github.natsjwt.internal.ed25519.Ed25519Context.CMP;
import static io.github.natsjwt.internal.ed25519.Ed25519Context.TMP;
import static io.github.natsjwt.internal.ed25519.EdwardsPoints.NIELS;

/**
 * An Ed25519 public key with fixed-base tables, for keys that verify many signatures (an account's
 * signing key issuing user JWTs). Verdicts are those of {@link Ed25519PublicKey#verify}, that is of
 * Go's {@code crypto/ed25519}.
 *
 * <p>k is written in signed radix 2^5 (51 digits): digit i = 3j + r is added from table j, which
 * holds c 2^(15 j) A for c = 1 .. 16 as affine Niels points, in round r; rounds run from 2 down to
 * 0 with 5 doublings between them. S is written in signed radix 2^7 (37 digits), each added from a
 * shared table of B's multiples after the last round. A verification costs 10 doublings, about 88
 * mixed additions (7 multiplications each) and one inversion to encode R', against about 128
 * doublings, 70 additions and a square root on the general path. The key's tables take 32,640 bytes
 * in one flat array.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ed25519PrecomputedKey {
  static final int WIDTH = 5;
  static final int ROUNDS = 3;
  static final int DIGITS = 51;
  static final int TABLES = (DIGITS + ROUNDS - 1) / ROUNDS;
  static final int PER_TABLE = 1 << (WIDTH - 1);

  // B's tables are shared by all keys, so they can be larger: width 7 and a single round (no
  // doublings), all added after the key's rounds; table j holds c 2^(7 j) B for c = 1 .. 64. That
  // is
  // 37 tables, 284 KB, built once per process. Widths 5 and 6 cost 10 % and 5 % more per
  // verification.
  static final int BASE_WIDTH = 7;
  static final int BASE_DIGITS = (254 + BASE_WIDTH - 1) / BASE_WIDTH;
  static final int BASE_PER_TABLE = 1 << (BASE_WIDTH - 1);

  private final byte[] encoded;
  private final long[] table;

  private static final class Base {
    static final long[] TABLE;

    static {
      Ed25519PublicKey b = Ed25519PublicKey.decode(Ed25519PublicKey.basePointEncoding());
      if (b == null) {
        throw new IllegalStateException("base point does not decode");
      }
      long[] w = new long[EdwardsPoints.POINT];
      System.arraycopy(b.point(), 0, w, 0, EdwardsPoints.POINT);
      TABLE = EdwardsPoints.combTable(w, 0, BASE_WIDTH, 1, BASE_DIGITS);
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
    return verify(message, 0, message.length, signature);
  }

  /**
   * Returns whether a signature over part of an array verifies with this key, as {@link
   * #verify(byte[], byte[])} does on a copy of that part.
   *
   * @param message holds the signed bytes
   * @param offset where they start
   * @param length how many there are; the caller checks the range
   * @param signature the signature; any length other than 64 does not verify
   * @return the verdict Go's {@code ed25519.Verify} gives
   */
  public boolean verify(byte[] message, int offset, int length, byte[] signature) {
    if (signature.length != 64 || !Scalar25519.isCanonical(signature, 32)) {
      return false;
    }
    Ed25519Context ctx = WorkSpaces.PRECOMPUTED.take();
    ctx.challenge(signature, encoded, message, offset, length);
    boolean verified = verify(ctx, signature);
    WorkSpaces.PRECOMPUTED.give(ctx);
    return verified;
  }

  /**
   * Returns whether a signature over ASCII text verifies with this key, as {@link #verify(byte[],
   * byte[])} does on the text's bytes; the text is hashed where it lies, without a copy.
   *
   * @param text holds the signed text, ASCII characters only (each char is taken as one byte)
   * @param from where it starts
   * @param to where it ends (exclusive); the caller checks the range
   * @param signature the signature; any length other than 64 does not verify
   * @return the verdict Go's {@code ed25519.Verify} gives on the text's bytes
   */
  public boolean verifyText(String text, int from, int to, byte[] signature) {
    if (signature.length != 64 || !Scalar25519.isCanonical(signature, 32)) {
      return false;
    }
    Ed25519Context ctx = WorkSpaces.PRECOMPUTED.take();
    ctx.challengeText(signature, encoded, text, from, to);
    boolean verified = verify(ctx, signature);
    WorkSpaces.PRECOMPUTED.give(ctx);
    return verified;
  }

  /** The verification once {@link Ed25519Context#challenge} has computed k and copied S. */
  private boolean verify(Ed25519Context ctx, byte[] signature) {
    long[] b = Base.TABLE;
    byte[] dk = ctx.digitsK;
    byte[] ds = ctx.digitsS;
    Scalar25519.signedRadix(ctx.k, WIDTH, DIGITS, dk);
    Scalar25519.signedRadix(ctx.s, BASE_WIDTH, BASE_DIGITS, ds);
    long[] w = ctx.w;
    long[] a = table;
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
          EdwardsPoints.addNiels(w, CMP, ACC, a, NIELS * (j * PER_TABLE + Math.abs(d) - 1), d > 0);
          EdwardsPoints.toExtended(w, ACC, CMP);
        }
      }
    }
    for (int j = 0; j < BASE_DIGITS; j++) {
      int d = ds[j];
      if (d != 0) {
        EdwardsPoints.addNiels(
            w, CMP, ACC, b, NIELS * (j * BASE_PER_TABLE + Math.abs(d) - 1), d < 0);
        EdwardsPoints.toExtended(w, ACC, CMP);
      }
    }
    return ctx.accumulatorEncodes(signature);
  }
}
