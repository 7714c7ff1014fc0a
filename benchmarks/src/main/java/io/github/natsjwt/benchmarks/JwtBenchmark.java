package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import java.io.IOException;
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
 * JWT decode, decode with verification, and encode: the library against plain Jackson databind
 * (and BouncyCastle where a signature is involved), for a typical user JWT and a large account
 * JWT (see {@link JwtFixtures}). Each {@code ...Natsjwt} method has its baseline beside it.
 *
 * <ul>
 *   <li>{@code decode}: parse only, from the already base64url-decoded payload bytes. {@code
 *       Claims.fromJson} (typed claims with Go's rules) against {@code ObjectMapper.readTree}.
 *   <li>{@code decodeVerify}: from the token string. {@code Jwt.decode} (size, structure, header,
 *       claims, signature, issuer type) against {@link JacksonBcJwt#decodeVerify} (split,
 *       base64url, {@code readTree}, {@code iss} through a minimal nkey decoder, {@code
 *       Ed25519.verify} on the raw key bytes).
 *   <li>{@code encode}: from built claims to a signed token at a fixed clock. {@code Jwt.encode}
 *       (Go-exact bytes) against {@link JacksonBcJwt.Encoder} (Jackson bytes, same claims).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Longer than the NKey benchmarks: the claims readers and writers are a lot of code, and on the
// shared 2 cores the JIT needs about 10 s before the library's side stops getting faster.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtBenchmark {
  /** Which token: {@code user} (1.3 KB) or {@code account} (129 KB). */
  @Param({"user", "account"})
  public String jwt;

  private JwtFixtures.Fixture fixture;
  private JacksonBcJwt.Encoder jacksonEncoder;

  @Setup
  public void setUp() throws IOException {
    fixture = JwtFixtures.of(jwt);
    jacksonEncoder = checkAgreement(fixture);
  }

  /**
   * Fails the run unless both sides read the same content, accept the token, reject an altered
   * signature, and encode tokens carrying the same claims. Returns the baseline encoder.
   */
  static JacksonBcJwt.Encoder checkAgreement(JwtFixtures.Fixture f) throws IOException {
    Claims claims = Claims.fromJson(f.payload);
    JsonNode tree = JacksonBcJwt.decode(f.payload);
    Fixtures.check(
        JacksonBcJwt.MAPPER.readTree(claims.toJson()).equals(tree),
        "Claims.fromJson and readTree read the same document");

    Fixtures.check(Jwt.decode(f.token).claims().equals(claims), "Jwt.decode reads the claims");
    Fixtures.check(
        JacksonBcJwt.decodeVerify(f.token).equals(tree), "the Jackson baseline reads the token");
    String altered = alterSignature(f.token);
    Fixtures.check(rejectedByLibrary(altered), "Jwt.decode rejects an altered signature");
    Fixtures.check(rejectedByBaseline(altered), "the baseline rejects an altered signature");

    Fixtures.check(
        Jwt.encode(f.claims, f.signer, JwtFixtures.CLOCK).equals(f.token),
        "Jwt.encode is deterministic at a fixed clock");
    JacksonBcJwt.Encoder encoder = new JacksonBcJwt.Encoder(f.claims, tree.get("nats"), f.signer);
    String jacksonToken = encoder.encode(JwtFixtures.ISSUED_AT.getEpochSecond());
    // Claims equality compares Go-exact JSON, so this also proves the baseline's jti is Go's.
    Fixtures.check(
        Jwt.decode(jacksonToken).claims().equals(claims),
        "the Jackson baseline encodes the same claims (jti included)");
    return encoder;
  }

  private static String alterSignature(String token) {
    int i = token.length() - 5;
    char c = token.charAt(i) == 'A' ? 'B' : 'A';
    return token.substring(0, i) + c + token.substring(i + 1);
  }

  private static boolean rejectedByLibrary(String token) {
    try {
      Jwt.decode(token);
      return false;
    } catch (RuntimeException expected) {
      return true;
    }
  }

  private static boolean rejectedByBaseline(String token) throws IOException {
    try {
      JacksonBcJwt.decodeVerify(token);
      return false;
    } catch (JacksonBcJwt.BadSignatureException expected) {
      return true;
    }
  }

  /** {@code Claims.fromJson} on the decoded payload bytes. */
  @Benchmark
  public Claims decodeNatsjwt() {
    return Claims.fromJson(fixture.payload);
  }

  /** Baseline: {@code ObjectMapper.readTree} on the same bytes. */
  @Benchmark
  public JsonNode decodeJackson() throws IOException {
    return JacksonBcJwt.decode(fixture.payload);
  }

  /** {@code Jwt.decode(token)}: everything from the string, signature verified. */
  @Benchmark
  public DecodedJwt<Claims> decodeVerifyNatsjwt() {
    return Jwt.decode(fixture.token);
  }

  /** Baseline: split, base64url, {@code readTree}, key from {@code iss}, {@code Ed25519.verify}. */
  @Benchmark
  public JsonNode decodeVerifyJacksonBc() throws IOException {
    return JacksonBcJwt.decodeVerify(fixture.token);
  }

  /** {@code Jwt.encode(claims, key, fixedClock)}. */
  @Benchmark
  public String encodeNatsjwt() {
    return Jwt.encode(fixture.claims, fixture.signer, JwtFixtures.CLOCK);
  }

  /** Baseline: Jackson writes the payload (jti as Go computes it), BouncyCastle signs. */
  @Benchmark
  public String encodeJacksonBc() throws IOException {
    return jacksonEncoder.encode(JwtFixtures.CLOCK.instant().getEpochSecond());
  }
}
