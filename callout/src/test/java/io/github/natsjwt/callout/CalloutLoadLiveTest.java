package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Load through the callout on real nats-server 2.14: {@value #CLIENTS} clients connect in bursts of
 * {@value #BURST}, all started at once, each through the callout service with a user name and
 * password; plain and with xkey encryption. Every connect must succeed and every request be
 * allowed: no error, no timeout (neither the client's connect timeout nor the service's deadline).
 *
 * <p>Printed per run: connects per second (clients over the time the bursts took to connect), the
 * p50 and p99 of the authorization latency the service reports per request ({@link
 * CalloutEvent#latency()}: from the message's arrival to the reply sent), and the p50 and p99 of
 * each client's connect wall time ({@code Nats.connect} from call to return, which includes the
 * server's work and the callout's round trip).
 *
 * <p>Each burst's clients are closed before the next burst starts (outside the timed part), so at
 * most {@value #BURST} clients (plus the service's connection) are open at once: a jnats connection
 * holds a socket and several threads, and 2,000 of them at once would measure the test machine's
 * thread scheduler rather than the callout. The server's {@code max_connections} is left at its
 * default (64K), far above that; the process may open 20,000 files here. All clients share one
 * jnats thread pool. Before the bursts, {@value #WARM_UP} connects ({@value #WARM_UP_PARALLEL} at a
 * time, not counted, all required to succeed) let the JIT compile both sides. Every wait is
 * bounded; the whole test stops by itself.
 *
 * <p>A burst queues: its last client connects about {@value #BURST} divided by the connects per
 * second after its first, and nats-server gives each client its authorization timeout (2 s by
 * default) from accept to the callout's answer. On 2 shared cores under other load, a burst's last
 * clients missed 2 s; the server here gives 10 s ({@code authorization { timeout: 10 }}), as a
 * callout facing reconnect storms should, and the client connect times printed show how much of it
 * was used.
 */
@SuppressWarnings("try") // services and servers are held open by try-with-resources
class CalloutLoadLiveTest {
  static final int CLIENTS = 2_000;
  static final int BURST = 200;
  static final int WARM_UP = 400;
  static final int WARM_UP_PARALLEL = 20;

  /** The server's authorization timeout: how long each client may wait for the callout. */
  static final Duration AUTHORIZATION_TIMEOUT = Duration.ofSeconds(10);

  /** The longest a whole burst may take to connect; far above what it needs. */
  static final Duration BURST_WAIT = Duration.ofSeconds(60);

  final NKey issuer = NKey.generate(NKeyType.ACCOUNT);
  final NKey xkey = NKey.generate(NKeyType.CURVE);

  ServerConfig config(boolean encrypted) {
    // A burst waits in line for the service; the default 2 s to be authorized is what a loaded
    // machine missed. A callout that meets reconnect storms should give clients longer.
    ServerConfig.AuthCallout callout =
        ServerConfig.AuthCallout.of(issuer.publicKey(), "AUTH", "callout")
            .withTimeout(AUTHORIZATION_TIMEOUT);
    return ServerConfig.builder()
        .configUser("AUTH", "callout", "callout-pw")
        .configAccount("APP")
        .authCallout(encrypted ? callout.withXkey(xkey.publicKey()) : callout)
        .build();
  }

  @NatsServerMatrix({"2.14"})
  void load_plain_2000ClientsInBurstsOf200_allAllowedNoErrorNoTimeout(NatsServerVersion version)
      throws Exception {
    run(version, false);
  }

  @NatsServerMatrix({"2.14"})
  void load_xkey_2000ClientsInBurstsOf200_allAllowedNoErrorNoTimeout(NatsServerVersion version)
      throws Exception {
    run(version, true);
  }

  private void run(NatsServerVersion version, boolean encrypted) throws Exception {
    Live.Events events = new Live.Events();
    long[] connectNanos = new long[CLIENTS];
    long connectingNanos = 0;
    int errors = 0;
    int timeouts = 0;
    List<String> failures = new ArrayList<>();
    // what jnats reports while connecting: the server's -ERR lines and the client's exceptions
    List<String> clientErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long started = System.nanoTime();
    // One thread pool for all the clients' jnats work, reused from burst to burst, instead of
    // the pool and timer each connection otherwise makes for itself.
    ExecutorService jnatsThreads = Executors.newCachedThreadPool();
    java.util.concurrent.ScheduledExecutorService jnatsTimers = Executors.newScheduledThreadPool(2);
    try (NatsServer server = version.start(config(encrypted));
        Connection svc = Live.connect(server, "callout", "callout-pw")) {
      CalloutService.Builder b =
          CalloutService.builder(svc)
              .issuer(issuer)
              .configMode("APP")
              .authorizer(CalloutConfigModeLiveTest.PASSWORD_AUTHORIZER)
              .listener(events);
      if (encrypted) {
        b.xkey(xkey);
      }
      Options options =
          Live.options(server)
              .userInfo("alice", "wonderland")
              .executor(jnatsThreads)
              .scheduledExecutor(jnatsTimers)
              .errorListener(
                  new io.nats.client.ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                      clientErrors.add("error: " + error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                      clientErrors.add("exception: " + exp);
                    }
                  })
              .build();
      ExecutorService clients = Executors.newFixedThreadPool(BURST);
      try (CalloutService service = b.start()) {
        warmUp(clients, options, events);
        for (int first = 0; first < CLIENTS; first += BURST) {
          List<Future<Connection>> burst = new ArrayList<>(BURST);
          long burstStart = System.nanoTime();
          for (int i = first; i < first + BURST; i++) {
            int client = i;
            burst.add(
                clients.submit(
                    () -> {
                      long t0 = System.nanoTime();
                      Connection c = Nats.connect(options);
                      connectNanos[client] = System.nanoTime() - t0;
                      return c;
                    }));
          }
          long end = burstStart + BURST_WAIT.toNanos();
          List<Connection> open = new ArrayList<>(BURST);
          for (Future<Connection> f : burst) {
            try {
              open.add(f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
              timeouts++;
              f.cancel(true);
            } catch (ExecutionException e) {
              // jnats gives up with "Unable to connect" after its connection timeout; the
              // server's own timeout arrives as -ERR 'Authentication Timeout'
              String why = describe(e.getCause());
              if (why.contains("Unable to connect")
                  || why.toLowerCase().contains("timeout")
                  || why.contains("timed out")) {
                timeouts++;
              } else {
                errors++;
              }
              failures.add(why);
            }
          }
          connectingNanos += System.nanoTime() - burstStart;
          long slowest = 0;
          for (int i = first; i < first + BURST; i++) {
            slowest = Math.max(slowest, connectNanos[i]);
          }
          System.out.printf(
              "%s burst %d: %.0f ms, slowest connect %.0f ms, %d events so far%n",
              version.label(),
              first / BURST + 1,
              (System.nanoTime() - burstStart) / 1e6,
              slowest / 1e6,
              events.events.size());
          // every client is in: now close them, outside the timed part
          for (Connection c : open) {
            c.close();
          }
        }
        // an event follows its reply; wait (bounded) for the last ones
        long end = System.nanoTime() + Live.WAIT.toNanos();
        while (events.events.size() < CLIENTS && System.nanoTime() < end) {
          Thread.sleep(10);
        }
      } finally {
        clients.shutdownNow();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS), "client threads stopped");
      }
    } finally {
      jnatsThreads.shutdownNow();
      jnatsTimers.shutdownNow();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<CalloutOutcome, Long> seen =
        events.events.stream()
            .collect(
                Collectors.groupingBy(CalloutEvent::outcome, TreeMap::new, Collectors.counting()));
    int failedErrors = errors;
    int failedTimeouts = timeouts;
    assertEquals(
        List.of(),
        failures.stream().limit(3).toList(),
        () ->
            failures.size()
                + " connects failed ("
                + failedErrors
                + " errors, "
                + failedTimeouts
                + " timeouts); the service's outcomes: "
                + seen
                + "; what jnats reported: "
                + clientErrors.stream()
                    .collect(
                        Collectors.groupingBy(
                            x -> x.replaceAll("[0-9]+", "#"),
                            TreeMap::new,
                            Collectors.counting())));
    assertEquals(0, errors, "errors");
    assertEquals(0, timeouts, "timeouts");
    Map<CalloutOutcome, Long> outcomes =
        events.events.stream()
            .collect(
                Collectors.groupingBy(CalloutEvent::outcome, TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(CalloutOutcome.ALLOWED, (long) CLIENTS), outcomes, "outcomes");
    assertTrue(
        events.events.stream().allMatch(e -> e.request().orElseThrow().isEncrypted() == encrypted),
        "every request " + (encrypted ? "encrypted" : "plain"));

    long[] authorization =
        events.events.stream().mapToLong(e -> e.latency().toNanos()).sorted().toArray();
    long[] connect = connectNanos.clone();
    Arrays.sort(connect);
    Function<long[], String> p50p99 =
        a -> String.format("p50 %.2f ms, p99 %.2f ms", percentile(a, 50), percentile(a, 99));
    System.out.printf(
        "%s callout load, %s: %d clients in bursts of %d (closed between bursts):"
            + " %.0f connects/s; authorization %s; connect wall time %s;"
            + " 0 errors, 0 timeouts; %.1f s in all%n",
        version.label(),
        encrypted ? "xkey" : "plain",
        CLIENTS,
        BURST,
        CLIENTS / (connectingNanos / 1e9),
        p50p99.apply(authorization),
        p50p99.apply(connect),
        seconds);
  }

  /**
   * {@value #WARM_UP} connects, {@value #WARM_UP_PARALLEL} at a time, not counted: the first
   * requests run the service's and the client's code before the JIT has compiled it, several times
   * slower, and a cold burst measures the compiler rather than the callout. They must succeed all
   * the same.
   */
  private static void warmUp(ExecutorService pool, Options options, Live.Events events)
      throws Exception {
    java.util.concurrent.Semaphore parallel = new java.util.concurrent.Semaphore(WARM_UP_PARALLEL);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < WARM_UP; i++) {
      parallel.acquire();
      all.add(
          pool.submit(
              () -> {
                try {
                  Nats.connect(options).close();
                } finally {
                  parallel.release();
                }
                return null;
              }));
    }
    for (Future<?> f : all) {
      f.get(BURST_WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    events.await(WARM_UP);
    assertTrue(
        events.events.stream().allMatch(e -> e.outcome() == CalloutOutcome.ALLOWED),
        () -> "warm-up: " + events.events);
    events.events.clear();
  }

  /** The exception and its causes, for a failure message. */
  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null && sb.length() < 400; c = c.getCause()) {
      sb.append(sb.length() == 0 ? "" : " <- ").append(c);
      for (Throwable s : c.getSuppressed()) {
        sb.append(" [suppressed ").append(s).append(']');
      }
    }
    return sb.toString();
  }

  /** The nearest-rank percentile, in milliseconds. */
  private static double percentile(long[] sortedNanos, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }
}
