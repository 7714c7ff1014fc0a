package io.github.natsjwt.benchmarks;

import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code TrustVerifier.verifyUser} on one client's {@code CONNECT} ({@link TrustFixture}), against
 * the least any verification must do: decode the user JWT with its signature and verify the nonce
 * signature (the baseline), and those two Ed25519 verifications alone in BouncyCastle.
 *
 * <p>See {@link TrustPairedBenchmark} for the same comparisons timed call by call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// As long as the JWT benchmarks': the claims reader and the verifier are a lot of code to compile.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrustBenchmark {
  private TrustFixture f;

  @Setup
  public void setUp() {
    f = new TrustFixture();
  }

  /** The normal case: the verifier has verified and cached the account JWT before. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserCached() {
    return f.cached.verifyUser(f.userJwt, f.context);
  }

  /** Account cache disabled: the account JWT is decoded, verified and validated on every call. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserCold() {
    return f.uncached.verifyUser(f.userJwt, f.context);
  }

  /** A verifier built for the call (operator JWT decoded too), as a one-off check would do. */
  @Benchmark
  public Verification<VerifiedUser> verifyUserNewVerifier() {
    return f.newVerifier(0).verifyUser(f.userJwt, f.context);
  }

  /** Baseline: {@code Jwt.decode} of the user JWT, then {@code NKey.verify} of the nonce. */
  @Benchmark
  public boolean decodeVerifyNonce() {
    return f.decodeVerifyNonce();
  }

  /** The two Ed25519 verifications in BouncyCastle on pre-decoded bytes (lower bound). */
  @Benchmark
  public boolean bcTwoVerifies() {
    return f.bcTwoVerifies();
  }
}
