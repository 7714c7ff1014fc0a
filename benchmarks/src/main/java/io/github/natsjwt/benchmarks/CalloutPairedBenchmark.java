package io.github.natsjwt.benchmarks;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link CalloutBenchmark}'s two sides in the same loop, call by call, as in {@link
 * PairedBenchmark}: {@code nkeyNs} is the median time of the library's callout path, {@code bcNs}
 * of the Jackson + BouncyCastle baseline's, and {@code ratio} the median per-pair ratio, the
 * library's speed relative to the baseline's (above 1 is faster).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class CalloutPairedBenchmark {
  /** {@code plain} or {@code xkey}. */
  @Param({"plain", "xkey"})
  public String mode;

  private CalloutFixture f;

  @Setup
  public void setUp() throws Exception {
    f = CalloutFixture.create(mode);
  }

  @TearDown
  public void tearDown() {
    f.close();
  }

  /** One authorization request answered by each side. */
  @Benchmark
  public void answer(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(
        bh,
        () -> f.library.answer(f.request, f.header),
        () -> f.baseline.answer(f.request, f.header));
  }
}
