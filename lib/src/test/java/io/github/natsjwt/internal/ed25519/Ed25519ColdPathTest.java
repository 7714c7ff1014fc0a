package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.internal.ed25519.EdwardsReference.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.ed25519.EdwardsReference.Point;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The general (first-seen key) path against the full computation without the split of k, and both
 * against an oracle that needs no curve arithmetic at verification time, on {@value #CASES}
 * signatures whose key and R carry small-order components.
 *
 * <p>Every key is A = [a]B + [i]T and every R = [r]B + [j]T, T of order 8, made once with {@link
 * EdwardsReference}. For S below L and k = SHA-512(R || A || M) mod L, Go's R' = [S]B - [k]A = [S -
 * k a]B - [k i]T equals R exactly when S - k a - r = 0 (mod L) and j + k i = 0 (mod 8), so each
 * verdict follows from two congruences. S is r + k a (valid when the small-order parts cancel, one
 * case in eight for a mixed-order key), or that plus a small offset, or not below L; R is sometimes
 * a non-canonical encoding (never accepted: Go compares bytes with a canonical encoding); keys
 * include pure small-order points and their non-canonical encodings, which Go accepts.
 *
 * <p>Reproducible from {@link #SEED}, which failure messages print with the case.
 */
class Ed25519ColdPathTest {
  static final long SEED = 0x636F_6C64_2D70_6174L;
  static final int CASES = 200_000;
  static final int CHUNKS = 8;

  /** A key: its encoding as given, the B part a and the small-order part i ([i]T). */
  record Key(
      byte[] enc, BigInteger a, int i, Ed25519PublicKey decoded, Ed25519PrecomputedKey pre) {}

  /** A nonce point: canonical encoding of [r]B + [j]T. */
  record Nonce(byte[] enc, BigInteger r, int j) {}

  enum Kind {
    VALID_B_PART,
    S_OFFSET,
    S_NOT_BELOW_L,
    R_NON_CANONICAL
  }

  @Test
  void generalPath_smallOrderComponents_agreesWithFullComputationAndCongruences() {
    List<Point> t = EdwardsReference.smallOrderPoints();
    SplittableRandom setup = new SplittableRandom(SEED);
    List<Key> keys = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      BigInteger a = randomScalar(setup);
      int i = n < 8 ? 0 : setup.nextInt(8); // 8 keys of order L, as real keys are
      keys.add(
          key(
              EdwardsReference.encode(
                  EdwardsReference.add(
                      EdwardsReference.multiply(a, EdwardsReference.BASE), t.get(i))),
              a,
              i));
    }
    for (int i = 0; i < 8; i++) {
      keys.add(key(EdwardsReference.encode(t.get(i)), BigInteger.ZERO, i));
    }
    // Non-canonical encodings that Go decodes leniently, those of small-order points.
    int nonCanonicalKeys = 0;
    for (byte[] enc : Ed25519DifferentialTest.nonCanonicalEncodings()) {
      int i = t.indexOf(EdwardsReference.decode(enc, true));
      if (i < 0) {
        continue;
      }
      keys.add(key(enc, BigInteger.ZERO, i));
      nonCanonicalKeys++;
    }
    assertTrue(nonCanonicalKeys >= 4);
    List<Nonce> nonces = new ArrayList<>();
    for (int n = 0; n < 24; n++) {
      BigInteger r = randomScalar(setup);
      Point rb = EdwardsReference.multiply(r, EdwardsReference.BASE);
      for (int j = 0; j < 8; j++) {
        nonces.add(new Nonce(EdwardsReference.encode(EdwardsReference.add(rb, t.get(j))), r, j));
      }
    }
    for (int j = 0; j < 8; j++) {
      nonces.add(new Nonce(EdwardsReference.encode(t.get(j)), BigInteger.ZERO, j));
    }
    List<byte[]> nonCanonicalR = Ed25519DifferentialTest.nonCanonicalEncodings();

    Kind[] kinds = Kind.values();
    // Per kind: cases, accepted; and accepted with both small-order parts non-zero.
    AtomicIntegerArray counts = new AtomicIntegerArray(kinds.length);
    AtomicIntegerArray accepted = new AtomicIntegerArray(kinds.length);
    AtomicIntegerArray mixedAccepted = new AtomicIntegerArray(1);
    SplittableRandom root = new SplittableRandom(SEED + 1);
    List<SplittableRandom> streams = new ArrayList<>();
    for (int c = 0; c < CHUNKS; c++) {
      streams.add(root.split());
    }
    IntStream.range(0, CHUNKS)
        .parallel()
        .forEach(
            chunk -> {
              SplittableRandom random = streams.get(chunk);
              for (int index = chunk; index < CASES; index += CHUNKS) {
                Key key = keys.get(random.nextInt(keys.size()));
                Nonce nonce = nonces.get(random.nextInt(nonces.size()));
                Kind kind = kinds[index / CHUNKS % kinds.length];
                byte[] msg = new byte[random.nextInt(0, 80)];
                random.nextBytes(msg);
                byte[] rEnc =
                    kind == Kind.R_NON_CANONICAL
                        ? nonCanonicalR.get(random.nextInt(nonCanonicalR.size()))
                        : nonce.enc;
                BigInteger k = Ed25519DifferentialTest.challenge(rEnc, key.enc, msg);
                BigInteger s = nonce.r.add(k.multiply(key.a)).mod(L);
                if (kind == Kind.S_OFFSET) {
                  s = s.add(BigInteger.valueOf(random.nextInt(1, 9))).mod(L);
                } else if (kind == Kind.S_NOT_BELOW_L) {
                  s = s.add(L.multiply(BigInteger.valueOf(random.nextInt(1, 6))));
                  if (s.bitLength() > 256) {
                    s = s.subtract(L);
                  }
                }
                byte[] sig = Ed25519DifferentialTest.signature(rEnc, s);
                boolean expected =
                    kind != Kind.R_NON_CANONICAL
                        && s.compareTo(L) < 0
                        && s.subtract(k.multiply(key.a)).subtract(nonce.r).mod(L).signum() == 0
                        && k.multiply(BigInteger.valueOf(key.i))
                                .add(BigInteger.valueOf(nonce.j))
                                .mod(BigInteger.valueOf(8))
                                .signum()
                            == 0;
                int at = index;
                Supplier<String> what =
                    () ->
                        Ed25519DifferentialTest.describe(
                            SEED,
                            chunk,
                            at,
                            kind.name() + " i=" + key.i + " j=" + nonce.j,
                            key.enc,
                            msg,
                            sig);
                assertEquals(expected, key.decoded.verify(msg, sig), what);
                assertEquals(expected, key.decoded.verifyUnsplit(msg, sig), what);
                if ((index & 3) == 0) {
                  assertEquals(expected, key.pre.verify(msg, sig), what);
                }
                counts.incrementAndGet(kind.ordinal());
                if (expected) {
                  accepted.incrementAndGet(kind.ordinal());
                  if (key.i != 0 && nonce.j != 0) {
                    mixedAccepted.incrementAndGet(0);
                  }
                }
              }
            });
    int total = 0;
    for (Kind kind : kinds) {
      total += counts.get(kind.ordinal());
    }
    assertEquals(CASES, total);
    // About 1/8 of the mixed-order keys' valid-B-part signatures are valid for Go, and all of the
    // order-L keys' with j = 0.
    int valid = accepted.get(Kind.VALID_B_PART.ordinal());
    assertTrue(valid > CASES / kinds.length / 10, "accepted " + valid);
    assertTrue(mixedAccepted.get(0) > 1000, "accepted with both parts " + mixedAccepted.get(0));
    for (Kind kind : new Kind[] {Kind.S_NOT_BELOW_L, Kind.R_NON_CANONICAL}) {
      assertEquals(0, accepted.get(kind.ordinal()), kind.name());
    }
    System.out.println(
        "cold path cases "
            + total
            + ", accepted "
            + valid
            + " valid-B-part ("
            + mixedAccepted.get(0)
            + " with small-order parts in both A and R), "
            + accepted.get(Kind.S_OFFSET.ordinal())
            + " with S offset (pure small-order keys)");
  }

  private static Key key(byte[] enc, BigInteger a, int i) {
    Ed25519PublicKey decoded = Ed25519PublicKey.decode(enc);
    assertTrue(decoded != null, "key decodes");
    return new Key(enc, a, i, decoded, decoded.precompute());
  }

  private static BigInteger randomScalar(SplittableRandom random) {
    byte[] b = new byte[64];
    random.nextBytes(b);
    return EdwardsReference.littleEndian(b, 0, 64).mod(L);
  }
}
