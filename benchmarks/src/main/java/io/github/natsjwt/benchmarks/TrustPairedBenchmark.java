package io.github.natsjwt.benchmarks;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Comparisons of {@link TrustBenchmark}, each side timed call by call in the same loop as in {@link
 * PairedBenchmark} (whose {@code Times} state this shares): {@code nkeyNs} is the median time of
 * the first-named side (the library's {@code verifyUser}, or the decode + verify baseline in {@link
 * #decodeVerifyNonceVsBc}), {@code bcNs} of the second, and {@code ratio} the median per-pair
 * ratio: the first side's speed relative to the second's, above 1 is faster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
// The counters are per thread and JMH sums them over threads, which would break the ratio.
@Threads(1)
public class TrustPairedBenchmark {
  private final TrustBenchmark trust = new TrustBenchmark();
  private final TrustBenchmark.Connections reconnects = new TrustBenchmark.Connections();
  private final TrustBenchmark.Cursor libraryAt = new TrustBenchmark.Cursor();
  private final TrustBenchmark.Cursor baselineAt = new TrustBenchmark.Cursor();
  private final TrustBenchmark.Connections thousand = new TrustBenchmark.Connections();
  private final TrustBenchmark.Cursor thousandLibraryAt = new TrustBenchmark.Cursor();
  private final TrustBenchmark.Cursor thousandBaselineAt = new TrustBenchmark.Cursor();

  @Setup
  public void setUp() {
    trust.setUp();
    reconnects.users = 1;
    reconnects.setUp(trust);
    thousand.users = 1000;
    thousand.setUp(trust);
  }

  /**
   * {@code TrustBenchmark.verifyUser} against its Jackson + BouncyCastle baseline {@code
   * jacksonBcNonce}, for one user reconnecting.
   */
  @Benchmark
  public void cachedVsJacksonBc(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> trust.verifyUser(reconnects, libraryAt),
        () -> trust.jacksonBcNonce(reconnects, baselineAt));
  }

  /** {@code verifyUser} with the account cached, against decode + nonce verify. */
  @Benchmark
  public void cached(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> trust.f.cached.verifyUser(trust.f.userJwt, trust.f.context),
        trust::decodeVerifyNonce);
  }

  /** {@code verifyUser} without the account cache, against decode + nonce verify. */
  @Benchmark
  public void cold(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, trust::verifyUserCold, trust::decodeVerifyNonce);
  }

  /** {@code verifyUser} with the account cached, against the two BouncyCastle verifications. */
  @Benchmark
  public void cachedVsBc(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> trust.f.cached.verifyUser(trust.f.userJwt, trust.f.context),
        trust::bcTwoVerifies);
  }

  /** The baseline itself (decode + nonce verify) against the two BouncyCastle verifications. */
  @Benchmark
  public void decodeVerifyNonceVsBc(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, trust::decodeVerifyNonce, trust::bcTwoVerifies);
  }

  /**
   * {@code TrustBenchmark.verifyUser} against {@code jacksonBcNonce} for 1,000 users connecting
   * round-robin: each nonce signature is verified with a key the verifier has not seen recently.
   */
  @Benchmark
  public void thousandUsersVsJacksonBc(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> trust.verifyUser(thousand, thousandLibraryAt),
        () -> trust.jacksonBcNonce(thousand, thousandBaselineAt));
  }

  /**
   * As {@link #thousandUsersVsJacksonBc} with {@code verifyUserNoTokenCache}: the user JWT's
   * signature (a known issuer's key) and the nonce signature (a new user's key) at every call.
   */
  @Benchmark
  public void thousandUsersNoTokenCacheVsJacksonBc(PairedBenchmark.Times t, Blackhole bh)
      throws Exception {
    t.pair(
        bh,
        () -> trust.verifyUserNoTokenCache(thousand, thousandLibraryAt),
        () -> trust.jacksonBcNonce(thousand, thousandBaselineAt));
  }
}
