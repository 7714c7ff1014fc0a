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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The auth callout's work per request, from the message payload to the reply payload: open the xkey
 * box ({@code mode=xkey}), decode and verify the authorization request JWT, decide, mint and sign
 * the user JWT, build, sign and (xkey) seal the response. {@code natsjwt} runs the callout module's
 * own path ({@code CalloutService}'s handler, reached through {@code CalloutInternals}: the
 * deadline timer, the checks of section 7.3 and the event included); {@code jacksonBc} is {@link
 * JacksonBcCallout}, the same steps written with Jackson and BouncyCastle. {@link
 * CalloutPairedBenchmark} runs both in one loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// As long as the JWT benchmarks: the claims readers and writers need the JIT's time.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CalloutBenchmark {
  /** {@code plain} or {@code xkey} (request and response encrypted). */
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

  /** The library's callout path. */
  @Benchmark
  public byte[] natsjwt() {
    return f.library.answer(f.request, f.header);
  }

  /** The Jackson + BouncyCastle baseline. */
  @Benchmark
  public byte[] jacksonBc() throws Exception {
    return f.baseline.answer(f.request, f.header);
  }
}
