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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link HostileInputBenchmark}'s shapes against its benign token, interleaved call by call as in
 * {@link PairedBenchmark}: each invocation runs {@code verifyUser} on the hostile token and on the
 * benign one of the same size, so both see the same load. The library's side is the hostile token
 * and the baseline the benign one, so {@code ratio} is benign time over hostile time: the issue's
 * worst-case ratio (hostile over benign) is its inverse, and must stay at most 3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class HostileInputPairedBenchmark {
  @Param({
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

  private final HostileInputBenchmark benign = new HostileInputBenchmark();
  private final HostileInputBenchmark hostile = new HostileInputBenchmark();

  @Setup
  public void setUp() {
    benign.shape = "benign";
    benign.setUp();
    hostile.shape = shape;
    hostile.setUp();
  }

  @Benchmark
  public void verifyUser(PairedBenchmark.Times t, Blackhole bh) throws Exception {
    t.pair(bh, hostile::verifyUser, benign::verifyUser);
  }
}
