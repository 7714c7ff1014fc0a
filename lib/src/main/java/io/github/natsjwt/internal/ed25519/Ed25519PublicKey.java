package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.internal.ed25519.Ed25519Context.ACC;
import static io.github.natsjwt.internal.ed25519.Ed25519Context.CMP;
import static io.github.natsjwt.internal.ed25519.Ed25519Context.TMP;
import static io.github.natsjwt.internal.ed25519.EdwardsPoints.NIELS;
import static io.github.natsjwt.internal.ed25519.EdwardsPoints.POINT;

import org.jspecify.annotations.Nullable;

/**
 * A decoded Ed25519 public key that verifies signatures exactly as Go's {@code crypto/ed25519}
 * {@code Verify} does (Go 1.17 and later):
 *
 * <ul>
 *   <li>the key is decoded leniently: y is the low 255 bits taken modulo p, and a sign bit on x = 0
 *       is accepted (ed25519-speccheck case 11); there is no subgroup or small-order check;
 *   <li>the signature must be 64 bytes, and S below the group order L;
 *   <li>k = SHA-512(R || key bytes as given || message) mod L; R' = [S]B - [k]A is encoded
 *       canonically and must equal R byte for byte (the cofactorless equation, so a non-canonical R
 *       never verifies).
 * </ul>
 *
 * <p>Immutable and thread-safe. Verification is variable time, which is sound because everything it
 * reads is public. {@link #verify} is the general path; {@link #precompute()} builds per-key tables
 * for keys that verify many signatures. Both give the same verdicts.
 *
 * <p>The general path decodes R strictly (only a canonical encoding can equal the encoding of R')
 * and splits k into u = v k (mod 8L) with v odd, both about 128 bits ({@link HalfScalars}). Then R
 * = R' exactly when [v S mod L]B - [u]A - [v]R is the neutral element, which four width-w NAF
 * scalars of about 128 bits give in about 128 shared doublings instead of 253, with no inversion.
 * For the rare k without a short split it computes R' in full and compares encodings.
 */
public final class Ed25519PublicKey {
  /** Bytes of an encoded key. */
  public static final int BYTES = 32;

  /**
   * NAF width for A and R in the general path: 8 odd multiples each, made on each call in the work
   * space it takes ({@link WorkSpaces}) so that a key object holds only its point.
   */
  static final int KEY_NAF_WIDTH = 5;

  /** NAF width for B and 2^128 B in the general path: 64 odd multiples each, made once. */
  static final int BASE_NAF_WIDTH = 8;

  private final byte[] encoded;

  /** Extended coordinates of A, Z = 1. */
  private final long[] point;

  private static final class Base {
    static final long[] ODD_MULTIPLES;
    static final long[] ODD_MULTIPLES_128;

    static {
      long[] w = new long[EdwardsPoints.POINT];
      if (!decodeInto(w, basePointEncoding())) {
        throw new IllegalStateException("base point does not decode");
      }
      ODD_MULTIPLES = EdwardsPoints.oddMultiplesNiels(w, 0, BASE_NAF_WIDTH);
      // 2^128 B, for the high half of the split base scalar.
      long[] work = new long[2 * EdwardsPoints.POINT + 5];
      for (int i = 0; i < 128; i++) {
        EdwardsPoints.dbl(work, EdwardsPoints.POINT, w, 0, 2 * EdwardsPoints.POINT);
        EdwardsPoints.toExtended(w, 0, work, EdwardsPoints.POINT);
      }
      ODD_MULTIPLES_128 = EdwardsPoints.oddMultiplesNiels(w, 0, BASE_NAF_WIDTH);
    }
  }

  private Ed25519PublicKey(byte[] encoded, long[] point) {
    this.encoded = encoded;
    this.point = point;
  }

  /**
   * Decodes a public key as Go does.
   *
   * @param publicKey 32 bytes; copied
   * @return the key, or empty when no curve point has this encoding
   * @throws IllegalArgumentException when {@code publicKey} is not 32 bytes
   */
  public static @Nullable Ed25519PublicKey decode(byte[] publicKey) {
    if (publicKey.length != BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key has 32 bytes, not " + publicKey.length);
    }
    long[] point = new long[POINT];
    if (!decodeInto(point, publicKey)) {
      return null;
    }
    return new Ed25519PublicKey(publicKey.clone(), point);
  }

  /** The encoding of the base point B: y = 4/5, x even. */
  static byte[] basePointEncoding() {
    java.math.BigInteger p = Field25519.P;
    java.math.BigInteger y =
        java.math.BigInteger.valueOf(4)
            .multiply(java.math.BigInteger.valueOf(5).modInverse(p))
            .mod(p);
    byte[] out = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      out[i] = (byte) y.shiftRight(8 * i).intValue();
    }
    return out;
  }

  private static boolean decodeInto(long[] point, byte[] encoding) {
    // The square root's temporaries are in a lent work space (a new key is decoded on every
    // CONNECT of a user not seen recently); only the point is copied out.
    Ed25519Context.General ctx = WorkSpaces.GENERAL.take();
    long[] w = ctx.w;
    boolean decoded =
        EdwardsPoints.decompress(
            w, Ed25519Context.DEC, encoding, 0, Ed25519Context.DEC_TMP, ctx.scratch);
    if (decoded) {
      System.arraycopy(w, Ed25519Context.DEC, point, 0, POINT);
    }
    WorkSpaces.GENERAL.give(ctx);
    return decoded;
  }

  /**
   * Returns whether a signature over a message verifies with this key, by the general path.
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
    Ed25519Context.General ctx = WorkSpaces.GENERAL.take();
    ctx.challenge(signature, encoded, message, offset, length);
    boolean verified = verify(ctx, signature);
    WorkSpaces.GENERAL.give(ctx);
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
    Ed25519Context.General ctx = WorkSpaces.GENERAL.take();
    ctx.challengeText(signature, encoded, text, from, to);
    boolean verified = verify(ctx, signature);
    WorkSpaces.GENERAL.give(ctx);
    return verified;
  }

  /** The general path once {@link Ed25519Context#challenge} has computed k and copied S. */
  private boolean verify(Ed25519Context.General ctx, byte[] signature) {
    long[] base = Base.ODD_MULTIPLES;
    long[] base128 = Base.ODD_MULTIPLES_128;
    long[] w = ctx.w;
    // Go accepts when R equals the canonical encoding of R' = [S]B - [k]A. So R must be the
    // canonical encoding of a point (strict decoding), and that point must equal R'.
    if (!EdwardsPoints.decompress(
        w, Ed25519Context.RPT, signature, 0, Ed25519Context.DEC_TMP, ctx.scratch, true)) {
      return false;
    }
    int sign = HalfScalars.split(ctx.k, ctx.half, ctx.u, ctx.v);
    if (sign == 0) {
      return verifyFull(ctx, signature, base);
    }
    // With u = v k (mod 8L), v odd: R = R' exactly when [v S]B - [u]A - [v]R is the identity.
    ctx.splitBaseScalar();
    byte[] nafU = ctx.digitsK;
    byte[] nafV = ctx.digitsV;
    byte[] nafLo = ctx.digitsS;
    byte[] nafHi = ctx.digitsH;
    int top =
        Math.max(
            Math.max(
                Scalar25519.wnaf(ctx.u, KEY_NAF_WIDTH, nafU),
                Scalar25519.wnaf(ctx.v, KEY_NAF_WIDTH, nafV)),
            Math.max(
                Scalar25519.wnaf(ctx.sLo, BASE_NAF_WIDTH, nafLo),
                Scalar25519.wnaf(ctx.sHi, BASE_NAF_WIDTH, nafHi)));
    EdwardsPoints.oddMultiples(
        point, 0, KEY_NAF_WIDTH, w, Ed25519Context.ODD_WORK, w, Ed25519Context.ODD, true);
    EdwardsPoints.oddMultiples(
        w,
        Ed25519Context.RPT,
        KEY_NAF_WIDTH,
        w,
        Ed25519Context.ODD_WORK,
        w,
        Ed25519Context.ODD_R,
        true);
    EdwardsPoints.identity(w, ACC);
    for (int i = top; i >= 0; i--) {
      EdwardsPoints.dbl(w, CMP, w, ACC, TMP);
      int a = nafU[i];
      int r = nafV[i];
      int lo = nafLo[i];
      int hi = nafHi[i];
      int adds = (a != 0 ? 1 : 0) + (r != 0 ? 1 : 0) + (lo != 0 ? 1 : 0) + (hi != 0 ? 1 : 0);
      if (adds == 0) {
        EdwardsPoints.toProjective(w, ACC, CMP);
        continue;
      }
      EdwardsPoints.toExtended(w, ACC, CMP);
      if (a != 0) {
        // The term is -[u]A: subtract when sign * digit is positive.
        EdwardsPoints.addCached(
            w, CMP, ACC, w, Ed25519Context.ODD + POINT * (Math.abs(a) >> 1), (sign > 0) == (a > 0));
        finish(w, --adds);
      }
      if (r != 0) {
        EdwardsPoints.addCached(
            w, CMP, ACC, w, Ed25519Context.ODD_R + POINT * (Math.abs(r) >> 1), r > 0);
        finish(w, --adds);
      }
      if (lo != 0) {
        EdwardsPoints.addNiels(w, CMP, ACC, base, NIELS * (Math.abs(lo) >> 1), lo < 0);
        finish(w, --adds);
      }
      if (hi != 0) {
        EdwardsPoints.addNiels(w, CMP, ACC, base128, NIELS * (Math.abs(hi) >> 1), hi < 0);
        finish(w, --adds);
      }
    }
    return ctx.accumulatorIsIdentity();
  }

  /** The general path without the split of k, which {@link #verify} takes only for rare k. */
  boolean verifyUnsplit(byte[] message, byte[] signature) {
    if (signature.length != 64 || !Scalar25519.isCanonical(signature, 32)) {
      return false;
    }
    Ed25519Context.General ctx = WorkSpaces.GENERAL.take();
    ctx.challenge(signature, encoded, message, 0, message.length);
    boolean verified = verifyFull(ctx, signature, Base.ODD_MULTIPLES);
    WorkSpaces.GENERAL.give(ctx);
    return verified;
  }

  /** Converts the completed sum: extended when more additions follow, else projective. */
  private static void finish(long[] w, int remaining) {
    if (remaining > 0) {
      EdwardsPoints.toExtended(w, ACC, CMP);
    } else {
      EdwardsPoints.toProjective(w, ACC, CMP);
    }
  }

  /**
   * R' = [S]B + [k](-A) over all of k's bits and compared with R by encoding, for the rare k whose
   * split is not short.
   */
  private boolean verifyFull(Ed25519Context ctx, byte[] signature, long[] base) {
    byte[] nafK = ctx.digitsK;
    byte[] nafS = ctx.digitsS;
    int top =
        Math.max(
            Scalar25519.wnaf(ctx.k, KEY_NAF_WIDTH, nafK),
            Scalar25519.wnaf(ctx.s, BASE_NAF_WIDTH, nafS));
    long[] w = ctx.w;
    EdwardsPoints.oddMultiples(
        point, 0, KEY_NAF_WIDTH, w, Ed25519Context.ODD_WORK, w, Ed25519Context.ODD, true);
    EdwardsPoints.identity(w, ACC);
    for (int i = top; i >= 0; i--) {
      EdwardsPoints.dbl(w, CMP, w, ACC, TMP);
      int a = nafK[i];
      int b = nafS[i];
      if (a == 0 && b == 0) {
        EdwardsPoints.toProjective(w, ACC, CMP);
        continue;
      }
      EdwardsPoints.toExtended(w, ACC, CMP);
      if (a != 0) {
        // R' = [S]B + [k](-A): a positive digit of k subtracts a multiple of A.
        EdwardsPoints.addCached(
            w, CMP, ACC, w, Ed25519Context.ODD + POINT * (Math.abs(a) >> 1), a > 0);
        finish(w, b != 0 ? 1 : 0);
      }
      if (b != 0) {
        EdwardsPoints.addNiels(w, CMP, ACC, base, NIELS * (Math.abs(b) >> 1), b < 0);
        EdwardsPoints.toProjective(w, ACC, CMP);
      }
    }
    return ctx.accumulatorEncodes(signature);
  }

  /**
   * Builds this key's fixed-base tables (32,640 bytes), so that each verification costs about half
   * of the general path. Building costs about four general-path verifications.
   *
   * @return a key that verifies exactly as this one
   */
  public Ed25519PrecomputedKey precompute() {
    return new Ed25519PrecomputedKey(encoded, point);
  }

  /** Extended coordinates of the point (not a copy: callers must not write). */
  long[] point() {
    return point;
  }
}
