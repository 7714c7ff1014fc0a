package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.internal.ed25519.EdwardsReference.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.ed25519.EdwardsReference.Point;
import io.github.natsjwt.testing.JdkEd25519;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the fast verifier (both paths) against BouncyCastle's low-level {@code
 * Ed25519.verify} on random and mutated signatures, and against the JDK's built-in Ed25519 (the
 * cofactorless equation with strict decoding, so Go's verdicts on canonical keys) where
 * BouncyCastle decides differently from Go by design.
 *
 * <p>BouncyCastle differs from Go in these classes, each asserted separately: it checks the
 * cofactored equation, so it accepts a signature whose signer moved R by a small-order point, and
 * signatures by mixed-order keys that Go rejects; it refuses small-order keys and non-canonical key
 * encodings, whose valid signatures Go accepts. Everywhere else the verdicts must be equal.
 *
 * <p>Reproducible: every random choice comes from a {@link SplittableRandom} seeded with {@link
 * #SEED}, which failure messages print along with the case.
 */
class Ed25519DifferentialTest {
  static final long SEED = 0x6E6B_6579_2D64_6966L;

  /** Signatures compared with BouncyCastle, valid and mutated. */
  static final int CASES = 100_000;

  /** Independent streams, run in parallel; the split is fixed, so results do not depend on it. */
  static final int CHUNKS = 8;

  static final int KEYS_PER_CHUNK = 8;

  private static final HexFormat HEX = HexFormat.of();
  private static List<Point> smallOrder;

  @BeforeAll
  static void smallOrderPoints() {
    smallOrder = EdwardsReference.smallOrderPoints();
    assertEquals(8, smallOrder.size());
    for (int i = 0; i < 8; i++) {
      assertEquals(
          i == 0 ? 1 : 8 / BigInteger.valueOf(i).gcd(BigInteger.valueOf(8)).intValue(),
          EdwardsReference.smallOrder(smallOrder.get(i)),
          "order of [" + i + "]T");
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A signing key: seed, RFC 8032 secret scalar a, public key bytes (from BouncyCastle). */
  record Signer(byte[] seed, BigInteger a, byte[] pub) {
    static Signer random(SplittableRandom random) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      byte[] pub = new byte[32];
      Ed25519.generatePublicKey(seed, 0, pub, 0);
      byte[] h = sha512(seed);
      h[0] &= (byte) 248;
      h[31] &= 127;
      h[31] |= 64;
      return new Signer(seed, EdwardsReference.littleEndian(h, 0, 32), pub);
    }

    byte[] sign(byte[] message) {
      byte[] sig = new byte[64];
      Ed25519.sign(seed, 0, pub, 0, message, 0, message.length, sig, 0);
      return sig;
    }
  }

  static byte[] sha512(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-512");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** k = SHA-512(R || A || M) mod L, with BigInteger. */
  static BigInteger challenge(byte[] r, byte[] a, byte[] m) {
    byte[] h = sha512(r, a, m);
    return EdwardsReference.littleEndian(h, 0, 64).mod(L);
  }

  static byte[] signature(byte[] r, BigInteger s) {
    byte[] sig = new byte[64];
    System.arraycopy(r, 0, sig, 0, 32);
    for (int i = 0; i < 32; i++) {
      sig[32 + i] = (byte) s.shiftRight(8 * i).intValue();
    }
    return sig;
  }

  static byte[] withR(byte[] sig, byte[] r) {
    byte[] out = sig.clone();
    System.arraycopy(r, 0, out, 0, 32);
    return out;
  }

  static byte[] message(SplittableRandom random) {
    byte[] m = new byte[random.nextInt(0, 200)];
    random.nextBytes(m);
    return m;
  }

  /**
   * The fast verdicts: general and precomputed, and on every fourth call the general path's
   * fallback without the split of k (which real inputs almost never take) in place of the general
   * path's second look; false when the key does not decode.
   */
  static boolean[] fast(
      byte[] pub, byte[] msg, byte[] sig, Ed25519PublicKey key, Ed25519PrecomputedKey pre) {
    boolean general = key.verify(msg, sig);
    boolean unsplit = (msg.length & 3) == 0 ? key.verifyUnsplit(msg, sig) : general;
    assertEquals(general, unsplit, "general path with and without the split of k");
    return new boolean[] {general, pre.verify(msg, sig)};
  }

  static boolean[] fast(byte[] pub, byte[] msg, byte[] sig) {
    Ed25519PublicKey key = Ed25519PublicKey.decode(pub);
    if (key == null) {
      return new boolean[] {false, false};
    }
    return fast(pub, msg, sig, key, key.precompute());
  }

  static String describe(
      long seed, int chunk, int index, String kind, byte[] pub, byte[] msg, byte[] sig) {
    return String.format(
        "seed 0x%x chunk %d case %d (%s): pub %s msg %s sig %s",
        seed, chunk, index, kind, HEX.formatHex(pub), HEX.formatHex(msg), HEX.formatHex(sig));
  }

  // ---------------------------------------------------------------- same verdicts as BC

  /** Mutations on which BouncyCastle and Go decide alike. */
  enum Mutation {
    NONE,
    FLIP_R_BIT,
    FLIP_S_BIT,
    FLIP_KEY_BIT,
    FLIP_MESSAGE_BIT,
    S_PLUS_L,
    S_PLUS_MULTIPLE_OF_L_OVERFLOWING,
    R_REPLACED_BY_SMALL_ORDER,
    R_MOVED_BY_SMALL_ORDER,
    KEY_REPLACED_BY_SMALL_ORDER,
    KEY_MOVED_BY_SMALL_ORDER,
    R_NON_CANONICAL,
    KEY_NON_CANONICAL
  }

  /**
   * Non-canonical encodings: y + p for the y below 19 that have a point (y + p still fits in 255
   * bits), with either sign bit, and the sign bit on x = 0 (y = 1 and y = p - 1).
   */
  static List<byte[]> nonCanonicalEncodings() {
    List<byte[]> out = new ArrayList<>();
    for (int y = 0; y < 19; y++) {
      BigInteger yp = BigInteger.valueOf(y).add(EdwardsReference.P);
      for (boolean sign : new boolean[] {false, true}) {
        byte[] enc = EdwardsReference.encodeY(yp, sign);
        if (EdwardsReference.decode(enc, true) != null) {
          out.add(enc);
        }
      }
    }
    out.add(EdwardsReference.encodeY(BigInteger.ONE, true));
    out.add(EdwardsReference.encodeY(EdwardsReference.P.subtract(BigInteger.ONE), true));
    return out;
  }

  @Test
  void fastPaths_randomAndMutatedSignatures_sameVerdictsAsBouncyCastle() {
    List<byte[]> nonCanonical = nonCanonicalEncodings();
    assertTrue(nonCanonical.size() >= 4, "y = 0 and y = 1 give points, with either sign");
    Mutation[] kinds = Mutation.values();
    AtomicIntegerArray counts = new AtomicIntegerArray(kinds.length);
    AtomicIntegerArray accepted = new AtomicIntegerArray(kinds.length);
    AtomicIntegerArray jdkChecked = new AtomicIntegerArray(1);
    SplittableRandom root = new SplittableRandom(SEED);
    List<SplittableRandom> streams = new ArrayList<>();
    for (int c = 0; c < CHUNKS; c++) {
      streams.add(root.split());
    }
    IntStream.range(0, CHUNKS)
        .parallel()
        .forEach(
            chunk -> {
              SplittableRandom random = streams.get(chunk);
              Signer[] signers = new Signer[KEYS_PER_CHUNK];
              Ed25519PublicKey[] keys = new Ed25519PublicKey[KEYS_PER_CHUNK];
              Ed25519PrecomputedKey[] pres = new Ed25519PrecomputedKey[KEYS_PER_CHUNK];
              for (int i = 0; i < KEYS_PER_CHUNK; i++) {
                signers[i] = Signer.random(random);
                keys[i] = Ed25519PublicKey.decode(signers[i].pub);
                pres[i] = keys[i].precompute();
              }
              Map<String, Object[]> mutatedKeys = new java.util.HashMap<>();
              for (int index = chunk; index < CASES; index += CHUNKS) {
                Mutation kind = kinds[index / CHUNKS % kinds.length];
                int which = random.nextInt(KEYS_PER_CHUNK);
                Signer signer = signers[which];
                byte[] pub = signer.pub;
                byte[] msg = message(random);
                byte[] sig = signer.sign(msg);
                switch (kind) {
                  case NONE:
                    break;
                  case FLIP_R_BIT:
                    sig[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
                    break;
                  case FLIP_S_BIT:
                    sig[32 + random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
                    break;
                  case FLIP_KEY_BIT:
                    pub = pub.clone();
                    pub[random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
                    break;
                  case FLIP_MESSAGE_BIT:
                    if (msg.length == 0) {
                      msg = new byte[] {1};
                    } else {
                      msg[random.nextInt(msg.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                  case S_PLUS_L:
                    sig = signature(sig, EdwardsReference.littleEndian(sig, 32, 32).add(L));
                    break;
                  case S_PLUS_MULTIPLE_OF_L_OVERFLOWING:
                    {
                      // The smallest multiple that carries out of 256 bits, plus a random few more.
                      BigInteger s = EdwardsReference.littleEndian(sig, 32, 32);
                      BigInteger top = BigInteger.ONE.shiftLeft(256);
                      BigInteger k =
                          top.subtract(s)
                              .add(L)
                              .subtract(BigInteger.ONE)
                              .divide(L)
                              .add(BigInteger.valueOf(random.nextInt(4)));
                      sig = signature(sig, s.add(k.multiply(L)).mod(top));
                      break;
                    }
                  case R_REPLACED_BY_SMALL_ORDER:
                    sig = withR(sig, EdwardsReference.encode(smallOrder.get(random.nextInt(8))));
                    break;
                  case R_MOVED_BY_SMALL_ORDER:
                    {
                      Point r = EdwardsReference.decode(sig, false);
                      sig =
                          withR(
                              sig,
                              EdwardsReference.encode(
                                  EdwardsReference.add(r, smallOrder.get(1 + random.nextInt(7)))));
                      break;
                    }
                  case KEY_REPLACED_BY_SMALL_ORDER:
                    pub = EdwardsReference.encode(smallOrder.get(random.nextInt(8)));
                    break;
                  case KEY_MOVED_BY_SMALL_ORDER:
                    pub =
                        EdwardsReference.encode(
                            EdwardsReference.add(
                                EdwardsReference.decode(pub, false),
                                smallOrder.get(1 + random.nextInt(7))));
                    break;
                  case R_NON_CANONICAL:
                    sig = withR(sig, nonCanonical.get(random.nextInt(nonCanonical.size())));
                    break;
                  case KEY_NON_CANONICAL:
                    pub = nonCanonical.get(random.nextInt(nonCanonical.size()));
                    break;
                  default:
                    throw new AssertionError(kind);
                }
                byte[] p = pub;
                byte[] m = msg;
                byte[] s = sig;
                int at = index;
                Supplier<String> what = () -> describe(SEED, chunk, at, kind.name(), p, m, s);
                boolean bc = Ed25519.verify(sig, 0, pub, 0, msg, 0, msg.length);
                boolean[] fast;
                if (pub == signer.pub) {
                  fast = fast(pub, msg, sig, keys[which], pres[which]);
                } else {
                  // Mutated keys repeat (small-order and non-canonical ones always): decode and
                  // build
                  // each one's tables once per chunk.
                  Object[] decoded =
                      mutatedKeys.computeIfAbsent(
                          HEX.formatHex(pub),
                          x -> {
                            Ed25519PublicKey key = Ed25519PublicKey.decode(p);
                            return key == null
                                ? new Object[0]
                                : new Object[] {key, key.precompute()};
                          });
                  fast =
                      decoded.length == 0
                          ? new boolean[] {false, false}
                          : fast(
                              pub,
                              msg,
                              sig,
                              (Ed25519PublicKey) decoded[0],
                              (Ed25519PrecomputedKey) decoded[1]);
                }
                assertEquals(fast[0], fast[1], what);
                assertEquals(bc, fast[0], what);
                assertEquals(kind == Mutation.NONE, fast[0], what);
                counts.incrementAndGet(kind.ordinal());
                if (fast[0]) {
                  accepted.incrementAndGet(kind.ordinal());
                }
                // A sample through the JDK too, a second oracle that works like Go.
                if (index % 97 == 0 && kind != Mutation.KEY_NON_CANONICAL) {
                  assertEquals(JdkEd25519.verify(pub, msg, sig), fast[0], what);
                  jdkChecked.incrementAndGet(0);
                }
              }
            });
    int total = 0;
    for (Mutation kind : kinds) {
      int n = counts.get(kind.ordinal());
      assertTrue(n > CASES / kinds.length / 2, kind + " ran " + n + " times");
      total += n;
    }
    assertEquals(CASES, total);
    assertEquals(counts.get(Mutation.NONE.ordinal()), accepted.get(Mutation.NONE.ordinal()));
    assertTrue(jdkChecked.get(0) > 900, "JDK sample " + jdkChecked.get(0));
  }

  // ---------------------------------------------------------------- where BC differs from Go

  /** Counts of one documented class: cases, and how many Go (and the fast paths) accept. */
  static final class Tally {
    int cases;
    int goAccepts;

    @Override
    public String toString() {
      return cases + " cases, " + goAccepts + " accepted";
    }
  }

  /**
   * Classes where BouncyCastle decides otherwise by design, each asserted precisely: the fast paths
   * agree with the JDK (where its strict decoding applies) or with the cofactorless equation
   * evaluated by {@link EdwardsReference}, and BouncyCastle gives its documented verdict.
   */
  @Test
  void fastPaths_classesWhereBouncyCastleDiffers_giveGosVerdicts() {
    SplittableRandom random = new SplittableRandom(SEED ^ 0xD1FFL);
    Map<String, Tally> tallies = new TreeMap<>();
    Signer signer = Signer.random(random);
    Point a = EdwardsReference.decode(signer.pub, false);
    List<byte[]> smallOrderNonCanonical = new ArrayList<>();
    for (byte[] enc : nonCanonicalEncodings()) {
      if (EdwardsReference.smallOrder(EdwardsReference.decode(enc, true)) != 0) {
        smallOrderNonCanonical.add(enc);
      }
    }
    // y = 1 + p and y = p (either sign), and the sign bit on y = 1 and y = p - 1.
    assertEquals(6, smallOrderNonCanonical.size());

    for (int i = 0; i < 120; i++) {
      byte[] msg = message(random);
      Signer nonce = Signer.random(random);
      Point r0 = EdwardsReference.decode(nonce.pub, false); // r0 = [r]B, r = nonce.a

      // 1. The signer moves R by a small-order point T: [S]B - [k]A = R - T, so Go rejects; the
      //    cofactored equation holds, so BouncyCastle accepts.
      {
        Point t = smallOrder.get(1 + random.nextInt(7));
        byte[] r = EdwardsReference.encode(EdwardsReference.add(r0, t));
        BigInteger k = challenge(r, signer.pub, msg);
        byte[] sig = signature(r, nonce.a.add(k.multiply(signer.a)).mod(L));
        check(
            tallies,
            "signer-made R + T (prime-order key)",
            signer.pub,
            msg,
            sig,
            false,
            JdkEd25519.verify(signer.pub, msg, sig),
            true,
            i);
      }

      // 2. Small-order key T: [S]B - [k]T = R exactly when [k]T = 0. BouncyCastle refuses such
      //    keys; Go and the JDK accept the signatures that satisfy the equation.
      {
        Point t = smallOrder.get(random.nextInt(8));
        byte[] pub = EdwardsReference.encode(t);
        byte[] r = nonce.pub;
        BigInteger k = challenge(r, pub, msg);
        byte[] sig = signature(r, nonce.a.mod(L));
        boolean go = EdwardsReference.multiply(k.mod(BigInteger.valueOf(8)), t).isIdentity();
        check(
            tallies,
            "small-order key",
            pub,
            msg,
            sig,
            go,
            JdkEd25519.verify(pub, msg, sig),
            false,
            i);
      }

      // 3. Mixed-order key A + T with an honest-looking signature: [S]B - [k](A + T) = R - [k]T,
      //    so Go accepts when [k]T = 0; the cofactored equation always holds, and BouncyCastle
      //    (which refuses only small-order keys) accepts every one.
      {
        Point t = smallOrder.get(1 + random.nextInt(7));
        byte[] pub = EdwardsReference.encode(EdwardsReference.add(a, t));
        byte[] r = nonce.pub;
        BigInteger k = challenge(r, pub, msg);
        byte[] sig = signature(r, nonce.a.add(k.multiply(signer.a)).mod(L));
        boolean go = EdwardsReference.multiply(k.mod(BigInteger.valueOf(8)), t).isIdentity();
        check(
            tallies,
            "mixed-order key",
            pub,
            msg,
            sig,
            go,
            JdkEd25519.verify(pub, msg, sig),
            true,
            i);
      }

      // 4. Non-canonical encodings of small-order keys (y + p, or a sign bit on x = 0): Go decodes
      //    them leniently, so the equation decides; the JDK and BouncyCastle refuse the key.
      {
        byte[] pub = smallOrderNonCanonical.get(random.nextInt(smallOrderNonCanonical.size()));
        Point t = EdwardsReference.decode(pub, true);
        byte[] r = nonce.pub;
        BigInteger k = challenge(r, pub, msg);
        byte[] sig = signature(r, nonce.a.mod(L));
        boolean go = EdwardsReference.multiply(k.mod(BigInteger.valueOf(8)), t).isIdentity();
        assertEquals(false, JdkEd25519.verify(pub, msg, sig), "the JDK refuses the key");
        check(tallies, "non-canonical small-order key", pub, msg, sig, go, go, false, i);
      }

      // 5. Non-canonical R whose point satisfies the equation: S = k a makes [S]B - [k]A the
      //    identity, and R encodes the identity (or the order-2 point) non-canonically. Go compares
      //    bytes with the canonical encoding and rejects; so do the JDK and BouncyCastle, which
      //    decode R strictly.
      {
        byte[][] encodings = {
          EdwardsReference.encodeY(BigInteger.ONE, true),
          EdwardsReference.encodeY(BigInteger.ONE.add(EdwardsReference.P), false),
          EdwardsReference.encodeY(BigInteger.ONE.add(EdwardsReference.P), true),
          EdwardsReference.encodeY(EdwardsReference.P.subtract(BigInteger.ONE), true),
        };
        byte[] r = encodings[random.nextInt(encodings.length)];
        BigInteger k = challenge(r, signer.pub, msg);
        byte[] sig = signature(r, k.multiply(signer.a).mod(L));
        check(
            tallies,
            "non-canonical R of a small-order point",
            signer.pub,
            msg,
            sig,
            false,
            JdkEd25519.verify(signer.pub, msg, sig),
            false,
            i);
      }
    }
    for (Map.Entry<String, Tally> e : tallies.entrySet()) {
      System.out.println("documented class " + e.getKey() + ": " + e.getValue());
    }
    assertEquals(5, tallies.size(), tallies::toString);
    for (String kind :
        List.of("small-order key", "mixed-order key", "non-canonical small-order key")) {
      Tally t = tallies.get(kind);
      assertTrue(t.goAccepts > 0 && t.goAccepts < t.cases, kind + ": " + t);
    }
    assertEquals(120, tallies.get("non-canonical small-order key").cases);
  }

  /**
   * Asserts the fast paths give {@code go}, that it equals the second oracle, and that BouncyCastle
   * gives {@code bcExpected}.
   */
  private static void check(
      Map<String, Tally> tallies,
      String kind,
      byte[] pub,
      byte[] msg,
      byte[] sig,
      boolean go,
      boolean oracle,
      boolean bcExpected,
      int index) {
    Supplier<String> what = () -> describe(SEED ^ 0xD1FFL, 0, index, kind, pub, msg, sig);
    boolean[] fast = fast(pub, msg, sig);
    assertEquals(go, oracle, what);
    assertEquals(go, fast[0], what);
    assertEquals(go, fast[1], what);
    boolean bc = Ed25519.verify(sig, 0, pub, 0, msg, 0, msg.length);
    assertEquals(bcExpected, bc, () -> "BouncyCastle: " + what.get());
    Tally t = tallies.computeIfAbsent(kind, x -> new Tally());
    t.cases++;
    if (go) {
      t.goAccepts++;
    }
  }
}
