package io.github.natsjwt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * NKey against its BouncyCastle baseline, interleaved call by call: every invocation runs both
 * (alternating which goes first) and times each with {@code System.nanoTime()}. On a shared machine
 * the other benchmark classes measure the two sides seconds apart, under different load; here both
 * sides see the same load, so their ratio stays steady even when the absolute numbers do not.
 *
 * <p>Read the secondary metrics, not the primary score (pairs per second): {@code nkeyNs} and
 * {@code bcNs} are the median nanoseconds per call of each side, and {@code ratio} is the median
 * over pairs of the BouncyCastle time divided by the NKey time: NKey's speed relative to
 * BouncyCastle, above 1 is faster. The timer costs tens of nanoseconds per call, against tens of
 * microseconds of cryptography. JMH's summary line for these metrics is their sum over the
 * iterations; each benchmark prints the median over iterations itself, and {@code ratios.py} reads
 * the per-iteration values from the JSON.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
// The counters are per thread and JMH sums them over threads, which would break the ratio.
@Threads(1)
public class PairedBenchmark {
  private final SignBenchmark signing = new SignBenchmark();
  private final VerifyBenchmark verifying = new VerifyBenchmark();
  private final VerifyFromStringBenchmark verifyingFromString = new VerifyFromStringBenchmark();
  private final FromSeedBenchmark loading = new FromSeedBenchmark();
  private final SealBenchmark sealing = new SealBenchmark();

  /**
   * Per-call times of each side during one iteration: {@code nkey} is the library's side and {@code
   * bc} the baseline's (the names predate {@link JwtPairedBenchmark}, which shares this state).
   * Reported as medians: when the scheduler takes the CPU away in the middle of a call, that one
   * call looks milliseconds long, and such outliers would dominate a mean.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Times {
    private long[] nkey = new long[1 << 14];
    private long[] bc = new long[1 << 14];
    private int pairs;
    private boolean nkeyFirst;
    private boolean measuring;
    private String benchmark = "";
    private final List<double[]> measured = new ArrayList<>();

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
      if (params.getThreads() != 1) {
        throw new IllegalStateException(
            params.getBenchmark() + " times calls per thread and runs on one thread only");
      }
      StringBuilder name = new StringBuilder(params.getBenchmark());
      for (String key : params.getParamsKeys()) {
        name.append(' ').append(key).append('=').append(params.getParam(key));
      }
      benchmark = name.toString();
    }

    @Setup(Level.Iteration)
    public void reset(IterationParams params) {
      pairs = 0;
      measuring = params.getType() == IterationType.MEASUREMENT;
    }

    @TearDown(Level.Iteration)
    public void record() {
      if (measuring) {
        measured.add(new double[] {ratio(), nkeyNs(), bcNs()});
      }
    }

    /**
     * Prints the median over measurement iterations. JMH's own summary line for these counters is
     * their sum over iterations, which means nothing for a median or a ratio.
     */
    @TearDown(Level.Trial)
    public void summarize() {
      if (measured.isEmpty()) {
        return;
      }
      double[] ratios = column(0);
      System.out.printf(
          Locale.ROOT,
          "%n%s: natsjwt speed / baseline speed = %.3f (iterations %.3f to %.3f);"
              + " median call natsjwt %.1f us, baseline %.1f us%n",
          benchmark,
          ratios[ratios.length / 2],
          ratios[0],
          ratios[ratios.length - 1],
          column(1)[ratios.length / 2] / 1000,
          column(2)[ratios.length / 2] / 1000);
    }

    private double[] column(int index) {
      return measured.stream().mapToDouble(m -> m[index]).sorted().toArray();
    }

    /** Alternates the order, so neither side always runs on caches the other just warmed. */
    private boolean nkeyFirst() {
      nkeyFirst = !nkeyFirst;
      return nkeyFirst;
    }

    private void add(long nkeyNanos, long bcNanos) {
      if (pairs == nkey.length) {
        // Rare (the arrays double), and the cost lands on neither side's timings.
        nkey = Arrays.copyOf(nkey, 2 * pairs);
        bc = Arrays.copyOf(bc, 2 * pairs);
      }
      nkey[pairs] = nkeyNanos;
      bc[pairs] = bcNanos;
      pairs++;
    }

    /** One side of a pair: a call whose result goes to the blackhole. */
    @FunctionalInterface
    interface Call {
      Object run() throws Exception;
    }

    /**
     * Runs both sides once, the order alternating from one invocation to the next, times each call
     * and records the pair. Every paired benchmark is one call of this.
     */
    void pair(Blackhole bh, Call library, Call baseline) throws Exception {
      long t0 = System.nanoTime();
      if (nkeyFirst()) {
        bh.consume(library.run());
        long t1 = System.nanoTime();
        bh.consume(baseline.run());
        add(t1 - t0, System.nanoTime() - t1);
      } else {
        bh.consume(baseline.run());
        long t1 = System.nanoTime();
        bh.consume(library.run());
        add(System.nanoTime() - t1, t1 - t0);
      }
    }

    /** Median nanoseconds per NKey call. */
    public double nkeyNs() {
      return median(Arrays.copyOf(nkey, pairs));
    }

    /** Median nanoseconds per BouncyCastle call. */
    public double bcNs() {
      return median(Arrays.copyOf(bc, pairs));
    }

    /** Median over pairs of bc / nkey: NKey's speed relative to BouncyCastle. */
    public double ratio() {
      double[] r = new double[pairs];
      for (int i = 0; i < pairs; i++) {
        r[i] = nkey[i] == 0 ? Double.NaN : (double) bc[i] / nkey[i];
      }
      Arrays.sort(r);
      return pairs == 0 ? Double.NaN : r[pairs / 2];
    }

    private static double median(long[] values) {
      if (values.length == 0) {
        return Double.NaN;
      }
      Arrays.sort(values);
      return values[values.length / 2];
    }
  }

  /** Sets up the benchmarks whose methods the pairs call, with their agreement checks. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    signing.messageBytes = Fixtures.MESSAGE_BYTES;
    signing.setUp();
    verifying.messageBytes = Fixtures.MESSAGE_BYTES;
    verifying.setUp();
    verifyingFromString.setUp();
    loading.setUp();
    sealing.setUp();
  }

  /** {@code NKey.sign} against {@code Ed25519.sign}, 32 bytes. */
  @Benchmark
  public void sign(Times t, Blackhole bh) throws Exception {
    t.pair(bh, signing::nkey, signing::bcDirect);
  }

  /** {@code NKey.verify} (reused key) against {@code Ed25519.verify} on raw key bytes, 32 bytes. */
  @Benchmark
  public void verify(Times t, Blackhole bh) throws Exception {
    t.pair(bh, verifying::nkey, verifying::bcRaw);
  }

  /** {@code NKey.verify} (reused key) against {@code Ed25519.verify} with a cached point. */
  @Benchmark
  public void verifyCachedPoint(Times t, Blackhole bh) throws Exception {
    t.pair(bh, verifying::nkey, verifying::bcCachedPoint);
  }

  /** {@code NKey.fromPublicKey(string).verify} against {@code Ed25519.verify} on raw bytes. */
  @Benchmark
  public void verifyFromString(Times t, Blackhole bh) throws Exception {
    t.pair(bh, verifyingFromString::nkey, verifyingFromString::bcRaw);
  }

  /** {@code NKey.fromSeed(char[])} against {@code Ed25519.generatePublicKey}. */
  @Benchmark
  public void fromSeed(Times t, Blackhole bh) throws Exception {
    t.pair(bh, loading::nkey, loading::bcGeneratePublicKey);
  }

  /** {@code NKey.seal} against {@link BcCryptoBox#seal}, 128 bytes. */
  @Benchmark
  public void seal(Times t, Blackhole bh) throws Exception {
    t.pair(bh, sealing::nkeySeal, sealing::bcSeal);
  }

  /** {@code NKey.open} against {@link BcCryptoBox#open}, 128 bytes. */
  @Benchmark
  public void open(Times t, Blackhole bh) throws Exception {
    t.pair(bh, sealing::nkeyOpen, sealing::bcOpen);
  }
}
