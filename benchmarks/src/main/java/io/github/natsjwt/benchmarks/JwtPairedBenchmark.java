package io.github.natsjwt.benchmarks;

import io.github.natsjwt.claims.Claims;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The operations of {@link JwtBenchmark}, each run with its baseline in the same loop call by call
 * as in {@link PairedBenchmark}: {@code nkeyNs} is the median time of the library's call, {@code
 * bcNs} of the Jackson (and BouncyCastle) baseline's, and {@code ratio} the median per-pair ratio,
 * the library's speed relative to the baseline's (above 1 is faster).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Longer than the NKey benchmarks: the claims readers and writers are a lot of code, and on the
// shared 2 cores the JIT needs about 10 s before the library's side stops getting faster.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class JwtPairedBenchmark {
  /** Which token: {@code user} or {@code account}. */
  @Param({"user", "account"})
  public String jwt;

  private JwtFixtures.Fixture fixture;
  private JacksonBcJwt.Encoder jacksonEncoder;

  @Setup
  public void setUp() throws IOException {
    fixture = JwtFixtures.of(jwt);
    jacksonEncoder = JwtBenchmark.checkAgreement(fixture);
  }

  /** {@code Claims.fromJson} against {@code ObjectMapper.readTree}, on the payload bytes. */
  @Benchmark
  public void decode(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, () -> Claims.fromJson(fixture.payload), () -> JacksonBcJwt.decode(fixture.payload));
  }

  /**
   * Parsing from the token without the signature check: the step of {@code Jwt.decode} before it
   * (segments, base64url, header, claims) against a JDK base64url decode of the payload segment and
   * {@code readTree}.
   */
  @Benchmark
  public void parse(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> JwtInternals.decodeWithoutSignatureCheck(fixture.token),
        () -> JacksonBcJwt.parse(fixture.token));
  }

  /** {@code Jwt.decode} against Jackson + BouncyCastle, from the token string. */
  @Benchmark
  public void decodeVerify(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, () -> Jwt.decode(fixture.token), () -> JacksonBcJwt.decodeVerify(fixture.token));
  }

  /** {@code Jwt.encode} against Jackson + BouncyCastle, at a fixed clock. */
  @Benchmark
  public void encode(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    long issuedAt = JwtFixtures.CLOCK.instant().getEpochSecond();
    t.pair(
        bh,
        () -> Jwt.encode(fixture.claims, fixture.signer, JwtFixtures.CLOCK),
        () -> jacksonEncoder.encode(issuedAt));
  }
}
