package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.JwtDecoder;
import io.github.natsjwt.trust.TrustVerifier;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * JWT decode, decode with verification, and encode: the library against plain Jackson databind (and
 * BouncyCastle where a signature is involved), for a typical user JWT and a large account JWT (see
 * {@link JwtFixtures}). Each {@code ...Natsjwt} method has its baseline beside it; two more measure
 * the verified-token cache and the claims object alone.
 *
 * <ul>
 *   <li>{@code decode}: parse only, from the already base64url-decoded payload bytes. {@code
 *       Claims.fromJson} (typed claims with Go's rules) against {@code ObjectMapper.readTree}.
 *   <li>{@code decodeVerify}: from the token string. {@code Jwt.decode} (size, structure, header,
 *       claims, signature, issuer type) against {@link JacksonBcJwt#decodeVerify} (split,
 *       base64url, {@code readTree}, {@code iss} through a minimal nkey decoder, {@code
 *       Ed25519.verify} on the raw key bytes).
 *   <li>{@code decodeVerifyCachedNatsjwt}: the same token again through a {@code JwtDecoder} whose
 *       verified-token cache holds it, given as a new equal {@code String} each call (as a token
 *       read again from the network). Its baseline is {@code decodeVerifyJacksonBc}.
 *   <li>{@code encode}: from built claims to a signed token at a fixed clock. {@code Jwt.encode}
 *       (Go-exact bytes) against {@link JacksonBcJwt.Encoder} (Jackson bytes, same claims).
 *   <li>{@code claimsBuild}: {@code toBuilder().build()} of the decoded claims, an equal claims
 *       object. No baseline: its B/op is what the claims object itself costs, which the allocation
 *       target subtracts from {@code decodeVerifyNatsjwt}'s.
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
  private JwtDecoder cachingDecoder;

  @Setup
  public void setUp() throws IOException {
    fixture = JwtFixtures.of(jwt);
    jacksonEncoder = checkAgreement(fixture);
    cachingDecoder = checkedCachingDecoder(fixture);
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
    Fixtures.check(rejects(Jwt::decode, altered), "Jwt.decode rejects an altered signature");
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

  /**
   * A {@code JwtDecoder} with the verified-token cache on (the size {@code TrustVerifier} uses by
   * default), after checking that it reads the token, remembers it, reads it again from the cache,
   * and still rejects the token with an altered signature.
   */
  static JwtDecoder checkedCachingDecoder(JwtFixtures.Fixture f) {
    JwtDecoder decoder =
        JwtDecoder.builder()
            .verifiedTokenCacheSize(TrustVerifier.DEFAULT_VERIFIED_TOKEN_CACHE_SIZE)
            .cacheOnlyIssuers(List.of(f.decoded.issuer()))
            .build();
    Fixtures.check(
        decoder.decode(f.freshToken()).claims().equals(f.decoded), "JwtDecoder reads the claims");
    Fixtures.check(decoder.cachedTokens() == 1, "JwtDecoder remembers the verified token");
    Fixtures.check(
        decoder.decode(f.freshToken()).claims().equals(f.decoded),
        "JwtDecoder reads a remembered token to the same claims");
    Fixtures.check(
        rejects(decoder::decode, alterSignature(f.token)),
        "JwtDecoder rejects a remembered token with an altered signature");
    return decoder;
  }

  private static String alterSignature(String token) {
    int i = token.length() - 5;
    char c = token.charAt(i) == 'A' ? 'B' : 'A';
    return token.substring(0, i) + c + token.substring(i + 1);
  }

  private static boolean rejects(Function<String, ?> decoder, String token) {
    try {
      decoder.apply(token);
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

  /**
   * A token seen before: {@code JwtDecoder.decode} with the verified-token cache holding it, given
   * a new equal {@code String} on every call (its copy from the bytes is part of the cost).
   */
  @Benchmark
  public DecodedJwt<Claims> decodeVerifyCachedNatsjwt() {
    return cachingDecoder.decode(fixture.freshToken());
  }

  /** The claims object alone: an equal copy through the claim type's builder. */
  @Benchmark
  public Claims claimsBuild() {
    return fixture.rebuild();
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
