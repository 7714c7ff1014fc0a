package io.github.natsjwt.benchmarks;

import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.JwtDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;

/**
 * 2 threads against 1, paired: each operation of the library runs in short phases on 1 thread and
 * on 2 threads, and so does its Jackson + BouncyCastle baseline, all four in turn (the order
 * reversed every other round). A round gives the library's ratio of 2-thread over 1-thread
 * throughput, the baseline's, and the quotient of the two. All phases of a round see about the same
 * load from other work, which separate JMH runs minutes apart do not; the figures are medians over
 * the rounds. The baseline shares nothing between threads, so its ratio shows what the machine
 * allowed, and the quotient how close the library came to that. {@code results.sh} runs it and puts
 * its Markdown into RESULTS.md:
 *
 * <pre>java -cp natsjwt-benchmarks.jar io.github.natsjwt.benchmarks.ScalingPaired [ROUNDS [MS]]
 * </pre>
 *
 * <p>The operations are those of the scaling table of RESULTS.md, on the same fixtures as the JMH
 * benchmarks, each call given a new {@code String} of the token; the two workers share the decoder
 * and verifier as JMH's {@code Scope.Benchmark} state does.
 */
public final class ScalingPaired {
  /** The library's 2-thread target: 2 threads at least this many times 1 thread. */
  static final double TARGET = 1.9;

  /** Warm-up on each thread count: the JIT needs seconds for the claims readers (JwtBenchmark). */
  private static final int WARMUP_MILLIS = 4_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ScalingPaired() {}

  /** A library operation and its baseline; the argument is the worker's call counter. */
  private record Pair(String label, IntFunction<Object> library, IntFunction<Object> baseline) {}

  /**
   * Runs every pair of operations and prints a Markdown section.
   *
   * @param args the number of rounds (default 20) and the length of a phase in ms (default 500)
   * @throws Exception if a worker fails or is interrupted
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int phaseMillis = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    JwtFixtures.Fixture user = JwtFixtures.user();
    JwtDecoder decoder = JwtBenchmark.checkedCachingDecoder(user);
    JwtBenchmark.checkAgreement(user);
    TrustFixture trust = new TrustFixture();
    TrustFixture.Connect[] one = trust.connects(1);
    TrustFixture.Connect[] thousand = trust.connects(TrustFixture.CONNECTS);
    IntFunction<Object> jacksonBc =
        i -> {
          try {
            return JacksonBcJwt.decodeVerify(user.freshToken());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    List<Pair> pairs =
        List.of(
            new Pair("natsjwt `Jwt.decode`", i -> Jwt.decode(user.freshToken()), jacksonBc),
            new Pair(
                "natsjwt `JwtDecoder`, token seen before",
                i -> decoder.decode(user.freshToken()),
                jacksonBc),
            new Pair(
                "natsjwt `verifyUser`, token cache on, 1 user",
                i -> verifyUser(trust, one, i),
                i -> jacksonBcNonce(one, i)),
            new Pair(
                "natsjwt `verifyUser`, token cache on, 1,000 users",
                i -> verifyUser(trust, thousand, i),
                i -> jacksonBcNonce(thousand, i)));

    StringBuilder out = new StringBuilder();
    out.append("## 2 threads against 1 thread, paired\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "`ScalingPaired`: each natsjwt operation and its Jackson + BouncyCastle baseline"
                    + " (decode+verify for the JWT rows, `jacksonBcNonce` for the `verifyUser`"
                    + " rows), each on 1 and on 2 threads, in phases of %d ms taken in turn; %d"
                    + " rounds of the four phases after %d ms of warm-up on each thread count."
                    + " Medians over the rounds, with their range. The last two columns divide"
                    + " the calls by the CPU time the workers were given (`ThreadMXBean`), which"
                    + " other work does not change: 1 when a call costs as much CPU on 2 threads"
                    + " as on 1 (time spent blocked is not CPU time, so they do not show waiting"
                    + " on a lock). %s, load average (1 min) %s at the start, JDK %s.%n%n",
                phaseMillis,
                rounds,
                WARMUP_MILLIS,
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .format(OffsetDateTime.now(ZoneOffset.UTC)),
                loadAverage(),
                System.getProperty("java.runtime.version")))
        .append(
            "| Operation | 1 thread ops/s | 2 threads ops/s | 2 threads / 1 thread"
                + " | baseline: 2 threads / 1 thread | natsjwt's ratio / the baseline's"
                + " | calls per CPU second, 2 threads / 1 thread | the same, baseline |\n")
        .append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
    double lowest = Double.MAX_VALUE;
    String lowestLabel = "";
    double lowestBaseline = Double.NaN;
    double lowestRelative = Double.MAX_VALUE;
    for (Pair pair : pairs) {
      Runner library = new Runner(pair.library());
      Runner baseline = new Runner(pair.baseline());
      for (Runner r : new Runner[] {library, baseline}) {
        r.phase(1, WARMUP_MILLIS);
        r.phase(2, WARMUP_MILLIS);
      }
      List<Double> ones = new ArrayList<>();
      List<Double> twos = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Double> baseRatios = new ArrayList<>();
      List<Double> relative = new ArrayList<>();
      List<Double> cpuRatios = new ArrayList<>();
      List<Double> baseCpuRatios = new ArrayList<>();
      for (int p = 0; p < rounds; p++) {
        double l1;
        double l2;
        double b1;
        double b2;
        double lc1;
        double lc2;
        double bc1;
        double bc2;
        if (p % 2 == 0) {
          l1 = library.phase(1, phaseMillis);
          lc1 = library.perCpuSecond();
          l2 = library.phase(2, phaseMillis);
          lc2 = library.perCpuSecond();
          b1 = baseline.phase(1, phaseMillis);
          bc1 = baseline.perCpuSecond();
          b2 = baseline.phase(2, phaseMillis);
          bc2 = baseline.perCpuSecond();
        } else {
          b2 = baseline.phase(2, phaseMillis);
          bc2 = baseline.perCpuSecond();
          b1 = baseline.phase(1, phaseMillis);
          bc1 = baseline.perCpuSecond();
          l2 = library.phase(2, phaseMillis);
          lc2 = library.perCpuSecond();
          l1 = library.phase(1, phaseMillis);
          lc1 = library.perCpuSecond();
        }
        if (l1 == 0 || l2 == 0 || b1 == 0 || b2 == 0) {
          continue; // a phase without one whole call (the threads were not scheduled): no ratio
        }
        ones.add(l1);
        twos.add(l2);
        ratios.add(l2 / l1);
        baseRatios.add(b2 / b1);
        relative.add((l2 / l1) / (b2 / b1));
        if (lc1 > 0 && lc2 > 0 && bc1 > 0 && bc2 > 0) {
          cpuRatios.add(lc2 / lc1);
          baseCpuRatios.add(bc2 / bc1);
        }
      }
      library.close();
      baseline.close();
      if (ratios.isEmpty()) {
        throw new IllegalStateException("no round of " + pair.label() + " completed a call");
      }
      double ratio = median(ratios);
      if (ratio < lowest) {
        lowest = ratio;
        lowestLabel = pair.label();
        lowestBaseline = median(baseRatios);
      }
      lowestRelative = Math.min(lowestRelative, median(relative));
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %,.0f | %,.0f | **%s** | %s | %s | %s | %s |%n",
              pair.label(),
              median(ones),
              median(twos),
              range(ratios),
              range(baseRatios),
              range(relative),
              cpuRatios.isEmpty() ? "—" : range(cpuRatios),
              baseCpuRatios.isEmpty() ? "—" : range(baseCpuRatios)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nTarget 2 threads ≥ %.1f × 1 thread, paired: lowest of the natsjwt rows %.2f × (%s;"
                + " its baseline %.2f × in the same rounds): %s. natsjwt's ratio over the"
                + " baseline's: %.2f at the lowest. Load average %s at the end.%n",
            TARGET,
            lowest,
            lowestLabel,
            lowestBaseline,
            verdict(lowest, lowestBaseline),
            lowestRelative,
            loadAverage()));
    System.out.print(out);
  }

  private static Object verifyUser(TrustFixture trust, TrustFixture.Connect[] connects, int i) {
    TrustFixture.Connect c = connects[Math.floorMod(i, connects.length)];
    return trust.cached.verifyUser(c.freshJwt(), c.context);
  }

  private static Object jacksonBcNonce(TrustFixture.Connect[] connects, int i) {
    TrustFixture.Connect c = connects[Math.floorMod(i, connects.length)];
    try {
      return JacksonBcJwt.verifyConnect(c.freshJwt(), c.nonce, c.nonceSignature);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String range(List<Double> values) {
    return String.format(
        Locale.ROOT,
        "%.2f (%.2f–%.2f)",
        median(values),
        Collections.min(values),
        Collections.max(values));
  }

  /**
   * Pass or fail, as results.py words it: a fail is inconclusive when the baseline, measured the
   * same way, did not reach the target either (the machine did not give a second core).
   */
  private static String verdict(double lowest, double baseline) {
    if (lowest >= TARGET) {
      return "**pass**";
    }
    return baseline < TARGET
        ? "**FAIL** as measured; inconclusive: the baseline did not reach it either"
        : "**FAIL**";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Two worker threads; a phase runs the operation on the first one or on both. */
  private static final class Runner {
    private final IntFunction<Object> call;
    private final Thread[] workers = new Thread[2];
    private final long[] counts = new long[2];
    private final long[] cpuNanos = new long[2];
    private double lastPerCpuSecond;
    private final CyclicBarrier start = new CyclicBarrier(3);
    private final CyclicBarrier end = new CyclicBarrier(3);
    private volatile boolean stop;
    private volatile int active;
    private volatile boolean closed;
    private volatile Throwable failure;
    private volatile int sink;

    Runner(IntFunction<Object> call) {
      this.call = call;
      for (int w = 0; w < 2; w++) {
        int id = w;
        workers[w] = new Thread(() -> work(id), "scaling-" + w);
        workers[w].setDaemon(true);
        workers[w].start();
      }
    }

    private void work(int id) {
      int hash = 0;
      int i = 0;
      try {
        while (true) {
          start.await();
          if (closed) {
            return;
          }
          long n = 0;
          long cpu = 0;
          if (id < active) {
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            while (!stop) {
              hash += System.identityHashCode(call.apply(i++));
              n++;
            }
            cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
          }
          counts[id] = n;
          cpuNanos[id] = cpu;
          end.await();
        }
      } catch (Throwable t) {
        failure = t;
        start.reset();
        end.reset();
      } finally {
        sink = hash;
      }
    }

    /** Runs a phase on that many threads; returns the ops/s of all of them together. */
    double phase(int threads, int millis) throws Exception {
      active = threads;
      stop = false;
      start.await();
      long t0 = System.nanoTime();
      Thread.sleep(millis);
      stop = true;
      long t1 = System.nanoTime();
      end.await();
      if (failure != null) {
        throw new IllegalStateException("a worker failed", failure);
      }
      long cpu = cpuNanos[0] + cpuNanos[1];
      lastPerCpuSecond = cpu == 0 ? 0 : (counts[0] + counts[1]) / (cpu / 1e9);
      return (counts[0] + counts[1]) / ((t1 - t0) / 1e9);
    }

    /** The last phase's calls per second of CPU time its workers were given. */
    double perCpuSecond() {
      return lastPerCpuSecond;
    }

    void close() throws Exception {
      closed = true;
      start.await();
    }
  }
}
