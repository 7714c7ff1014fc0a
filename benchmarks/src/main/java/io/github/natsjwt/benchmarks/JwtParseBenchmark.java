package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.JwtInternals;
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
 * Decoding without the signature check, to measure its allocation with {@code -prof gc}: what
 * {@code Jwt.decode} allocates beyond the claims it returns is {@code parseNatsjwt} minus the
 * claims' own size. {@code rebuildClaims} builds equal claims from the values of decoded ones
 * ({@code toBuilder().build()}: the claims' objects and the builder's copies, sharing the strings),
 * a lower bound for any decoder; {@code parseJackson} is the plain-Jackson baseline (JDK base64url
 * of the payload segment, {@code readTree}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// As JwtBenchmark: the claims readers are a lot of code to compile.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtParseBenchmark {
  /** Which token: {@code user} (1.3 KB) or {@code account} (129 KB). */
  @Param({"user", "account"})
  public String jwt;

  private String token;
  private Claims claims;

  @Setup
  public void setUp() throws IOException {
    JwtFixtures.Fixture f = JwtFixtures.of(jwt);
    token = f.token;
    claims = JwtInternals.decodeWithoutSignatureCheck(token).claims();
    Fixtures.check(
        claims.equals(Jwt.decode(token).claims()), "the parse step reads what Jwt.decode reads");
    Fixtures.check(rebuild(claims).equals(claims), "toBuilder().build() gives equal claims");
    Fixtures.check(
        JacksonBcJwt.MAPPER.readTree(claims.toJson()).equals(JacksonBcJwt.parse(token)),
        "the baseline reads the same document");
  }

  private static Claims rebuild(Claims c) {
    if (c instanceof UserClaims) {
      return ((UserClaims) c).toBuilder().build();
    }
    return ((AccountClaims) c).toBuilder().build();
  }

  /** {@code Jwt.decode} up to the signature check: segments, base64url, header, claims. */
  @Benchmark
  public DecodedJwt<Claims> parseNatsjwt() {
    return JwtInternals.decodeWithoutSignatureCheck(token);
  }

  /** Baseline: JDK base64url of the payload segment, then {@code readTree}. */
  @Benchmark
  public JsonNode parseJackson() throws IOException {
    return JacksonBcJwt.parse(token);
  }

  /** Equal claims from the values of decoded ones: {@code toBuilder().build()}. */
  @Benchmark
  public Claims rebuildClaims() {
    return rebuild(claims);
  }
}
