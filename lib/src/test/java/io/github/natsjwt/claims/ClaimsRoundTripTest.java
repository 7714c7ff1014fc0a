package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property tests: random claims of every type, built through the public builders from a
 * fixed-seed {@link Random}, survive encode, decode and re-encode unchanged (equal claims,
 * identical JSON, identical token). Failures name the type, iteration and seed, so every case can
 * be replayed.
 */
class ClaimsRoundTripTest {
  /** Iterations per claim type. */
  static final int ITERATIONS = 300;

  /** A key pool per type, derived from fixed seeds. */
  static final class Keys {
    private final Random random;
    private final List<List<NKey>> pools = new ArrayList<>();

    Keys(long seed) {
      this.random = new Random(seed);
      Random r = new Random(seed ^ 0x6b657973L);
      for (NKeyType t : NKeyType.values()) {
        List<NKey> pool = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          byte[] raw = new byte[32];
          r.nextBytes(raw);
          pool.add(NKey.fromRawSeed(t, raw));
        }
        pools.add(pool);
      }
    }

    NKey key(NKeyType type) {
      List<NKey> pool = pools.get(type.ordinal());
      return pool.get(random.nextInt(pool.size()));
    }

    String pub(NKeyType type) {
      return key(type).publicKey();
    }
  }

  /** Characters that stress Go's JSON escaping: HTML, controls, separators, non-BMP. */
  private static final String[] ATOMS = {
    "a", "Z", "0", "9", " ", ".", "*", ">", "<", "&", "\"", "\\", "/", "\n", "\t", "\u0001",
    "\u001f", "\u007f", "\u2028", "\u2029", "\u00e9", "\u20ac", "\ud83d\ude00", "-", "_", "$1",
    "{{name()}}", "\ufeff"
  };

  static String text(Random r, int maxAtoms) {
    int n = r.nextInt(maxAtoms + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(ATOMS[r.nextInt(ATOMS.length)]);
    }
    return sb.toString();
  }

  static String maybe(Random r, String value) {
    return r.nextInt(3) == 0 ? "" : value;
  }

  static String subject(Random r) {
    String[] tokens = {"foo", "bar", "*", "baz", "q1", "_INBOX", "$SYS", "a-b"};
    int n = 1 + r.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(tokens[r.nextInt(tokens.length)]);
    }
    if (r.nextInt(4) == 0) {
      sb.append(".>");
    }
    return sb.toString();
  }

  static List<String> texts(Random r, int max, Function<Random, String> gen) {
    int n = r.nextInt(max + 1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.apply(r));
    }
    return out;
  }

  static Instant time(Random r) {
    return Instant.ofEpochSecond(1 + (r.nextLong() & 0x1_FFFF_FFFFL));
  }

  /** Applies the common builder fields at random. */
  static <B extends Claims.Builder<B, C>, C extends Claims> B common(Random r, B b) {
    b.name(maybe(r, text(r, 6)));
    b.audience(maybe(r, text(r, 3)));
    b.expiresAt(r.nextBoolean() ? time(r) : null);
    b.notBefore(r.nextBoolean() ? time(r) : null);
    switch (r.nextInt(3)) {
      case 0:
        b.tags(texts(r, 3, x -> text(x, 3)));
        break;
      case 1:
        b.addTags(texts(r, 3, x -> text(x, 3)).toArray(new String[0]));
        break;
      default:
        break;
    }
    // Encoding overwrites both; they must not leak into the token.
    b.issuer(text(r, 2));
    b.issuedAt(r.nextBoolean() ? time(r) : null);
    return b;
  }

  /**
   * Encodes, decodes and re-encodes; the decoded claims must equal the stamped input, and the
   * JSON and the token must be identical.
   */
  static <C extends Claims> void roundTrip(
      String what, C claims, NKey signer, Class<C> type, Function<C, C> rebuild, Random r) {
    Instant iat = time(r);
    Clock clock = Clock.fixed(iat, ZoneOffset.UTC);
    Claims stamped = claims.withIssuance(signer.publicKey(), iat);
    String token = Jwt.encode(claims, signer, clock);
    DecodedJwt<C> decoded = Jwt.decode(token, type);
    C back = decoded.claims();
    assertEquals(stamped.toJson(), back.toJson(), what + ": JSON");
    assertEquals(stamped, back, what + ": claims");
    assertEquals(2, back.version(), what + ": version");
    assertEquals(decoded.payloadJson(), back.toJson(), what + ": payload bytes");
    assertEquals(token, Jwt.encode(back, signer, clock), what + ": re-encoded token");
    assertEquals(back, rebuild.apply(back), what + ": toBuilder().build()");
    assertEquals(back, Claims.fromJson(back.toJson()), what + ": fromJson");
    assertEquals(back.hashCode(), Claims.fromJson(back.toJson()).hashCode(), what + ": hashCode");
  }

  static String label(String type, long seed, int i) {
    return type + " #" + i + " (seed " + seed + ")";
  }

  // ------------------------------------------------------------------ operator

  @Test
  void operator_randomClaims_roundTrip() {
    long seed = 0x0FE7A70L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      NKey self = keys.key(NKeyType.OPERATOR);
      OperatorClaims.Builder b = common(r, OperatorClaims.builder(self.publicKey()));
      b.addSigningKeys(texts(r, 3, x -> keys.pub(NKeyType.OPERATOR)).toArray(new String[0]));
      if (r.nextBoolean()) {
        b.removeSigningKeys(keys.pub(NKeyType.OPERATOR));
      }
      String[] urls = {"", "https://accounts.example.com:9090/jwt/v1", "nats://h:4222", "x:y"};
      b.accountServerUrl(urls[r.nextInt(urls.length)]);
      b.operatorServiceUrls(texts(r, 3, x -> x.nextBoolean() ? "nats://h" + x.nextInt(9) + ":4222" : text(x, 3)));
      b.systemAccount(maybe(r, keys.pub(NKeyType.ACCOUNT)));
      b.assertServerVersion(maybe(r, r.nextBoolean() ? r.nextInt(3) + "." + r.nextInt(12) + "." + r.nextInt(9) : text(r, 3)));
      b.strictSigningKeyUsage(r.nextBoolean());
      NKey signer = r.nextBoolean() ? self : keys.key(NKeyType.OPERATOR);
      roundTrip(label("operator", seed, i), b.build(), signer, OperatorClaims.class, c -> c.toBuilder().build(), r);
    }
  }
}
