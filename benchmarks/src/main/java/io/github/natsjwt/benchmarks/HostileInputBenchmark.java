package io.github.natsjwt.benchmarks;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one unauthenticated token costs {@code TrustVerifier.verifyUser} at the default bound (1
 * MiB), by shape: a benign user JWT of about that size (many permissions), and the hostile shapes
 * that once made reading quadratic or that take the library's slower paths. Every hostile token is
 * self-signed by a key nobody trusts, with a signature that does not verify, as any client can send
 * it. The target: no shape costs more than 3 times the benign token of the same size.
 *
 * <ul>
 *   <li>{@code benign}: a user JWT with about 40,000 publish permissions, properly signed.
 *   <li>{@code collidingKeys}: {@code {"":0,"":0,...,"iss":...}}, keys sharing one lookup
 *       fingerprint.
 *   <li>{@code fingerprintKeys}: distinct keys of the length, first and last character of {@code
 *       iss}, so that they share its bucket.
 *   <li>{@code duplicateFields}: {@code "sub"} given over and over, which makes the reader merge.
 *   <li>{@code duplicateObjects}: {@code "pub":{"allow":[...]}} given over and over.
 *   <li>{@code deepNesting}: 10,000 nested arrays in an unknown field, and long runs of them.
 *   <li>{@code longNumber}, {@code longString}: one value of nearly the whole size.
 *   <li>{@code hugeArray}: an array of 300,000 small numbers in an unknown field.
 *   <li>{@code scopedKeys}: an account JWT sent as a user JWT, with thousands of scoped signing
 *       keys whose templates need Go's round trip through float64.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostileInputBenchmark {
  /** The payload size the tokens are built to: the default bound less the base64 growth. */
  static final int PAYLOAD_BYTES = 760_000;

  @Param({
    "benign",
    "collidingKeys",
    "fingerprintKeys",
    "duplicateFields",
    "duplicateObjects",
    "deepNesting",
    "longNumber",
    "longString",
    "hugeArray",
    "scopedKeys"
  })
  public String shape;

  private TrustVerifier verifier;
  private String token;
  private ConnectionContext connect;

  @Setup
  public void setUp() {
    NKey operator = NKey.generate(NKeyType.OPERATOR);
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    String accountJwt =
        io.github.natsjwt.jwt.Jwt.encode(
            io.github.natsjwt.claims.AccountClaims.builder(account.publicKey()).build(), operator);
    verifier =
        TrustVerifier.builder()
            .trustOperatorKey(operator.publicKey())
            .accountResolver(MemoryAccountResolver.of(accountJwt))
            .verifiedTokenCacheSize(0)
            .build();
    connect =
        ConnectionContext.builder()
            .nonce("nonce")
            .signature(ConnectionContext.signNonce("nonce", NKey.generate(NKeyType.USER)))
            .build();
    token =
        shape.equals("benign")
            ? benign(account, user)
            : hostile(shape, NKey.generate(NKeyType.ACCOUNT));
    Fixtures.check(
        token.length() <= io.github.natsjwt.jwt.Jwt.MAX_TOKEN_BYTES,
        "the " + shape + " token is within the default bound: " + token.length());
    Fixtures.check(
        verifier.verifyUser(token, connect).rejection().isPresent(),
        "verifyUser refuses the " + shape + " token");
  }

  /** A user JWT of about the target size, signed by its trusted account. */
  private static String benign(NKey account, NKey user) {
    io.github.natsjwt.claims.UserClaims.Builder b =
        io.github.natsjwt.claims.UserClaims.builder(user.publicKey());
    String[] allow = new String[PAYLOAD_BYTES / 24];
    for (int i = 0; i < allow.length; i++) {
      allow[i] = "orders." + (100_000 + i) + ".>";
    }
    b.pub(io.github.natsjwt.claims.Permission.allowing(allow));
    return io.github.natsjwt.jwt.Jwt.encode(b.build(), account);
  }

  /** A token with a payload of the given shape, its signature 64 zero bytes. */
  static String hostile(String shape, NKey issuer) {
    String iss = issuer.publicKey();
    StringBuilder p = new StringBuilder(PAYLOAD_BYTES + 200).append('{');
    String tail =
        "\"iss\":\""
            + iss
            + "\",\"sub\":\""
            + iss
            + "\",\"nats\":{\"type\":\"user\",\"version\":2}}";
    int room = PAYLOAD_BYTES - tail.length();
    switch (shape) {
      case "collidingKeys":
        while (p.length() + 5 < room) {
          p.append("\"\":0,");
        }
        break;
      case "fingerprintKeys":
        for (int i = 0; p.length() + 10 < room; i++) {
          // Length 3, first 'i', last 's': iss's fingerprint; the middle character varies.
          p.append("\"i\\u").append(String.format("%04x", 0x100 + (i % 0xD000))).append("s\":0,");
        }
        break;
      case "duplicateFields":
        while (p.length() + 12 < room) {
          p.append("\"sub\":\"x\",");
        }
        break;
      case "duplicateObjects":
        tail = "\"iss\":\"" + iss + "\",\"sub\":\"" + iss + "\"}";
        room = PAYLOAD_BYTES - tail.length();
        p.append("\"nats\":{\"type\":\"user\",\"version\":2");
        while (p.length() + 40 < room) {
          p.append(",\"pub\":{\"allow\":[\"a\",\"b\"],\"deny\":[\"c\"]}");
        }
        p.append("},");
        break;
      case "deepNesting":
        while (p.length() + 20_020 + 8 < room) {
          p.append("\"x\":").append("[".repeat(9_999)).append("]".repeat(9_999)).append(',');
        }
        break;
      case "longNumber":
        p.append("\"x\":1").append("0".repeat(room - 16)).append(',');
        break;
      case "longString":
        p.append("\"x\":\"").append("a".repeat(room - 16)).append("\",");
        break;
      case "hugeArray":
        p.append("\"x\":[0");
        while (p.length() + 4 < room) {
          p.append(",0");
        }
        p.append("],");
        break;
      case "scopedKeys":
        tail = "\"iss\":\"" + iss + "\",\"sub\":\"" + iss + "\"}";
        room = PAYLOAD_BYTES - tail.length();
        p.append("\"nats\":{\"type\":\"account\",\"version\":2,\"signing_keys\":[");
        String scope =
            "{\"kind\":\"user_scope\",\"key\":\"" + iss + "\",\"template\":{\"subs\":1e3}}";
        boolean first = true;
        while (p.length() + scope.length() + 8 < room) {
          p.append(first ? "" : ",").append(scope);
          first = false;
        }
        p.append("]},");
        break;
      default:
        throw new IllegalArgumentException(shape);
    }
    p.append(tail);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
    return header
        + "."
        + b64.encodeToString(p.toString().getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(new byte[64]);
  }

  @Benchmark
  public Object verifyUser() {
    return verifier.verifyUser(token, connect);
  }
}
