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
 * The comparisons of {@link TrustBenchmark}, each side timed call by call in the same loop as in
 * {@link PairedBenchmark} (whose {@code Times} state this shares): {@code nkeyNs} is the median
 * time of the first-named side (the library's {@code verifyUser}, or the decode + verify baseline
 * in {@link #decodeVerifyNonceVsBc}), {@code bcNs} of the second, and {@code ratio} the median
 * per-pair ratio: the first side's speed relative to the second's, above 1 is faster.
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
  private TrustFixture f;

  @Setup
  public void setUp() {
    f = new TrustFixture();
  }

  /** The target: {@code verifyUser} with the account cached, against decode + nonce verify. */
  @Benchmark
  public void cached(PairedBenchmark.Times t, Blackhole bh) {
    long t0 = System.nanoTime();
    if (t.nkeyFirst()) {
      bh.consume(f.cached.verifyUser(f.userJwt, f.context));
      long t1 = System.nanoTime();
      bh.consume(f.decodeVerifyNonce());
      t.add(t1 - t0, System.nanoTime() - t1);
    } else {
      bh.consume(f.decodeVerifyNonce());
      long t1 = System.nanoTime();
      bh.consume(f.cached.verifyUser(f.userJwt, f.context));
      t.add(System.nanoTime() - t1, t1 - t0);
    }
  }

  /** {@code verifyUser} without the account cache, against decode + nonce verify. */
  @Benchmark
  public void cold(PairedBenchmark.Times t, Blackhole bh) {
    long t0 = System.nanoTime();
    if (t.nkeyFirst()) {
      bh.consume(f.uncached.verifyUser(f.userJwt, f.context));
      long t1 = System.nanoTime();
      bh.consume(f.decodeVerifyNonce());
      t.add(t1 - t0, System.nanoTime() - t1);
    } else {
      bh.consume(f.decodeVerifyNonce());
      long t1 = System.nanoTime();
      bh.consume(f.uncached.verifyUser(f.userJwt, f.context));
      t.add(System.nanoTime() - t1, t1 - t0);
    }
  }

  /** {@code verifyUser} with the account cached, against the two BouncyCastle verifications. */
  @Benchmark
  public void cachedVsBc(PairedBenchmark.Times t, Blackhole bh) {
    long t0 = System.nanoTime();
    if (t.nkeyFirst()) {
      bh.consume(f.cached.verifyUser(f.userJwt, f.context));
      long t1 = System.nanoTime();
      bh.consume(f.bcTwoVerifies());
      t.add(t1 - t0, System.nanoTime() - t1);
    } else {
      bh.consume(f.bcTwoVerifies());
      long t1 = System.nanoTime();
      bh.consume(f.cached.verifyUser(f.userJwt, f.context));
      t.add(System.nanoTime() - t1, t1 - t0);
    }
  }

  /** The baseline itself (decode + nonce verify) against the two BouncyCastle verifications. */
  @Benchmark
  public void decodeVerifyNonceVsBc(PairedBenchmark.Times t, Blackhole bh) {
    long t0 = System.nanoTime();
    if (t.nkeyFirst()) {
      bh.consume(f.decodeVerifyNonce());
      long t1 = System.nanoTime();
      bh.consume(f.bcTwoVerifies());
      t.add(t1 - t0, System.nanoTime() - t1);
    } else {
      bh.consume(f.bcTwoVerifies());
      long t1 = System.nanoTime();
      bh.consume(f.decodeVerifyNonce());
      t.add(System.nanoTime() - t1, t1 - t0);
    }
  }
}
