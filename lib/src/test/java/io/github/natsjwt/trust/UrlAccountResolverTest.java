package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.B;
import static io.github.natsjwt.trust.ResolverFixtures.NOW;
import static io.github.natsjwt.trust.ResolverFixtures.accountJwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlAccountResolverTest {
  private static final String JWT_A = accountJwt(ACCOUNT);

  /** For tests that expect a timeout: short enough to keep the suite fast. */
  private static final Duration SHORT = Duration.ofMillis(300);

  /** For tests that expect an answer: a new client's first request can take a second. */
  private static final Duration AMPLE = Duration.ofSeconds(10);

  /** What "returned within the bound" means on a shared machine. */
  private static final long BOUND_MILLIS = 5_000;

  /** A handler the test sets per path. */
  interface Behaviour {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private HttpServer server;
  private ExecutorService serverThreads;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  /** Released at teardown so blocked handlers end. */
  private final CountDownLatch release = new CountDownLatch(1);

  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(path);
          Behaviour b = behaviours.getOrDefault(path, e -> respond(e, 404, ""));
          try {
            b.handle(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // The client went away (cap or timeout): expected in these tests.
          } finally {
            exchange.close();
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/accounts";
  }

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    server.stop(0);
    serverThreads.shutdownNow();
    assertTrue(serverThreads.awaitTermination(10, TimeUnit.SECONDS));
  }

  private static void respond(HttpExchange e, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = e.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void on(String key, int status, String body) {
    behaviours.put("/accounts/" + key, e -> respond(e, status, body));
  }

  private UrlAccountResolver.Builder resolver() {
    return UrlAccountResolver.builder(base).timeout(AMPLE).connectTimeout(AMPLE);
  }

  private UrlAccountResolver.Builder impatient() {
    return UrlAccountResolver.builder(base).timeout(SHORT).connectTimeout(SHORT);
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  // --- answers ---

  @Test
  void fetch_200_returnsBodyAsToken() {
    on(A, 200, JWT_A);
    assertEquals(Optional.of(JWT_A), resolver().build().fetch(A));
    assertEquals(List.of("/accounts/" + A), requests);
  }

  @Test
  void fetch_baseWithTrailingSlash_requestsSamePath() {
    on(A, 200, JWT_A);
    UrlAccountResolver r = UrlAccountResolver.builder(base + "/").build();
    assertEquals(base + "/", r.baseUrl());
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    assertEquals(List.of("/accounts/" + A), requests);
    assertEquals(base + "/", UrlAccountResolver.of(base).baseUrl());
  }

  @Test
  void fetch_200WithTrailingNewline_returnsTokenOnly() {
    on(A, 200, JWT_A + "\r\n");
    assertEquals(Optional.of(JWT_A), resolver().build().fetch(A));
  }

  @Test
  void fetch_404_returnsEmpty() {
    assertEquals(Optional.empty(), resolver().build().fetch(A));
  }

  @ParameterizedTest
  @ValueSource(ints = {201, 204, 400, 401, 403, 500, 503})
  void fetch_otherStatus_throwsNamingStatusAndUrl(int status) {
    on(A, status, status == 204 ? "" : "secret <b>details</b>");
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().fetch(A));
    assertFalse(e instanceof InvalidAccountJwtException);
    assertEquals(
        "Account resolver URL "
            + base
            + "/"
            + A
            + " answered HTTP "
            + status
            + " for account "
            + A
            + "; expected 200 with the account JWT, or 404 when there is no such account. Check"
            + " the URL and the server behind it.",
        e.getMessage());
  }

  @Test
  void fetch_htmlBody_throwsInvalidAccountJwtWithoutEchoingBody() {
    on(A, 200, "<html><body>Welcome secret</body></html>");
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> resolver().build().fetch(A));
    assertTrue(e.getMessage().contains("byte 0x3c ('<') at offset 0"), e.getMessage());
    assertFalse(e.getMessage().contains("secret"));
  }

  @Test
  void fetch_emptyBody_throwsInvalidAccountJwt() {
    on(A, 200, "");
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> resolver().build().fetch(A));
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
  }

  @Test
  void fetch_tokenShapedJunk_isReturnedForTheVerifierToReject() {
    // Shape is all a resolver checks; decoding and trust are the verifier's job.
    on(A, 200, "abc.def.ghi");
    assertEquals(Optional.of("abc.def.ghi"), resolver().build().fetch(A));
  }

  // --- hostile servers ---

  @Test
  void fetch_noResponseHeaders_timesOutWithinBound() {
    behaviours.put("/accounts/" + A, e -> release.await());
    long start = System.nanoTime();
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> impatient().build().fetch(A));
    assertTrue(millisSince(start) < BOUND_MILLIS, "took " + millisSince(start) + " ms");
    assertTrue(
        e.getMessage().contains("did not answer for account " + A + " within 300 ms"),
        e.getMessage());
    assertTrue(e.getMessage().contains("raise UrlAccountResolver.Builder.timeout"));
  }

  @Test
  void fetch_bodyStalls_timesOutWithinBound() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.sendResponseHeaders(200, 0);
          OutputStream out = e.getResponseBody();
          out.write(JWT_A.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
          out.flush();
          release.await();
        });
    long start = System.nanoTime();
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> impatient().build().fetch(A));
    assertTrue(millisSince(start) < BOUND_MILLIS, "took " + millisSince(start) + " ms");
    assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
  }

  @Test
  void fetch_endlessBody_stopsAtCap() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.sendResponseHeaders(200, 0);
          byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);
          OutputStream out = e.getResponseBody();
          // Endless from the client's point of view; bounded here so a bug cannot hang the build.
          for (int i = 0; i < 100_000; i++) {
            out.write(chunk);
          }
        });
    long start = System.nanoTime();
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> resolver().maxTokenBytes(4096).build().fetch(A));
    assertTrue(millisSince(start) < BOUND_MILLIS, "took " + millisSince(start) + " ms");
    assertEquals(
        "Account resolver URL "
            + base
            + "/"
            + A
            + " answered account "
            + A
            + " with a body larger"
            + " than the 4096-byte limit for an account JWT (plus a trailing line break). Check"
            + " the URL.",
        e.getMessage());
  }

  @Test
  void fetch_declaredLengthOverCap_throwsWithoutReadingBody() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.sendResponseHeaders(200, 10L << 20);
          e.getResponseBody().write('e');
          e.getResponseBody().flush();
          release.await();
        });
    long start = System.nanoTime();
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> resolver().build().fetch(A));
    assertTrue(millisSince(start) < BOUND_MILLIS, "took " + millisSince(start) + " ms");
    assertTrue(e.getMessage().contains("with a body larger than the 1048576-byte limit"));
  }

  @Test
  void fetch_bodyOfExactlyTheCap_isAccepted() {
    on(A, 200, JWT_A + "\r\n");
    assertEquals(Optional.of(JWT_A), resolver().maxTokenBytes(JWT_A.length()).build().fetch(A));
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> resolver().maxTokenBytes(JWT_A.length() - 1).build().fetch(A));
    assertTrue(
        e.getMessage().contains("larger than the " + (JWT_A.length() - 1) + "-byte limit"),
        e.getMessage());
  }

  @Test
  void fetch_errorStatusWithEndlessBody_doesNotReadIt() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.sendResponseHeaders(500, 0);
          byte[] chunk = new byte[8192];
          for (int i = 0; i < 100_000; i++) {
            e.getResponseBody().write(chunk);
          }
        });
    long start = System.nanoTime();
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().fetch(A));
    assertTrue(millisSince(start) < BOUND_MILLIS, "took " + millisSince(start) + " ms");
    assertTrue(e.getMessage().contains("answered HTTP 500"), e.getMessage());
  }

  @Test
  void fetch_connectionRefused_throwsCouldNotConnect() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    UrlAccountResolver r =
        UrlAccountResolver.builder("http://127.0.0.1:" + port + "/x").timeout(AMPLE).build();
    AccountResolutionException e = assertThrows(AccountResolutionException.class, () -> r.fetch(A));
    assertTrue(
        e.getMessage().startsWith("Could not connect to account resolver URL http://127.0.0.1:"),
        e.getMessage());
  }

  @Test
  void fetch_serverClosesMidBody_throwsAccountResolution() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.sendResponseHeaders(200, 1000);
          e.getResponseBody().write(JWT_A.substring(0, 10).getBytes(StandardCharsets.US_ASCII));
          e.getResponseBody().flush();
          // exchange.close() with fewer bytes than promised ends the connection
        });
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().fetch(A));
    assertFalse(e instanceof InvalidAccountJwtException);
  }

  @Test
  void fetch_callerInterrupted_throwsPromptlyAndKeepsInterruptFlag() throws Exception {
    behaviours.put("/accounts/" + A, e -> release.await());
    UrlAccountResolver r = resolver().build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              try {
                r.fetch(A);
              } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
              }
            });
    caller.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (caller.getState() != Thread.State.TIMED_WAITING || requests.isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "the request never started");
      Thread.onSpinWait();
    }
    long start = System.nanoTime();
    caller.interrupt();
    caller.join(BOUND_MILLIS);
    assertFalse(caller.isAlive());
    assertTrue(millisSince(start) < BOUND_MILLIS);
    assertInstanceOf(AccountResolutionException.class, thrown.get());
    assertTrue(thrown.get().getMessage().startsWith("Interrupted while waiting for account"));
    assertTrue(flagKept.get());
  }

  @Test
  void fetch_sharedByManyThreads_eachGetsItsOwnAccount() throws Exception {
    String jwtB = accountJwt(ResolverFixtures.OTHER_ACCOUNT);
    on(A, 200, JWT_A);
    on(B, 200, jwtB);
    UrlAccountResolver r = resolver().cacheTtl(Duration.ZERO).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        boolean even = i % 2 == 0;
        results.add(
            pool.submit(
                () ->
                    even
                        ? r.fetch(A).equals(Optional.of(JWT_A))
                        : r.fetch(B).equals(Optional.of(jwtB))));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(40, requests.size());
  }

  // --- redirects ---

  @Test
  void fetch_redirect_isFollowed() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.getResponseHeaders().add("Location", "/moved/" + A);
          respond(e, 302, "");
        });
    behaviours.put("/moved/" + A, e -> respond(e, 200, JWT_A));
    assertEquals(Optional.of(JWT_A), resolver().build().fetch(A));
    assertEquals(List.of("/accounts/" + A, "/moved/" + A), requests);
  }

  @Test
  void fetch_redirectLoop_throwsAccountResolution() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.getResponseHeaders().add("Location", "/accounts/" + A);
          respond(e, 302, "");
        });
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().fetch(A));
    // The JDK's client gives up after its redirect limit and hands back the last answer.
    assertTrue(e.getMessage().contains("answered HTTP 302"), e.getMessage());
  }

  @Test
  void fetch_redirectWithRedirectsOff_throwsWithStatus() {
    behaviours.put(
        "/accounts/" + A,
        e -> {
          e.getResponseHeaders().add("Location", "/moved/" + A);
          respond(e, 301, "");
        });
    behaviours.put("/moved/" + A, e -> respond(e, 200, JWT_A));
    AccountResolutionException e =
        assertThrows(
            AccountResolutionException.class,
            () -> resolver().followRedirects(false).build().fetch(A));
    assertTrue(e.getMessage().contains("answered HTTP 301"), e.getMessage());
    assertEquals(List.of("/accounts/" + A), requests);
  }

  // --- keys and URLs ---

  @ParameterizedTest
  @ValueSource(strings = {"", "../admin", "A?x=1", "a", "%2e%2e", "ABC/../../x"})
  void fetch_invalidKey_throwsWithoutRequest(String key) {
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().fetch(key));
    assertTrue(e.getMessage().contains("no URL is fetched for it"), e.getMessage());
    assertEquals(List.of(), requests);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://127.0.0.1/x",
        "file:///etc",
        "127.0.0.1/accounts",
        "/accounts",
        "http://",
        "http://host/a b",
        "http://host/x?y=1",
        "http://host/x#frag"
      })
  void build_unusableBaseUrl_throwsIllegalArgument(String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UrlAccountResolver.of(url));
    assertTrue(e.getMessage().startsWith("Account resolver URL"), e.getMessage());
  }

  @Test
  void build_credentialsInUrl_throwsWithoutEchoingThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> UrlAccountResolver.of("https://user:hunter2@host/accounts"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("credentials"), e.getMessage());
  }

  @Test
  void builder_nonPositiveTimeouts_throwIllegalArgument() {
    UrlAccountResolver.Builder b = UrlAccountResolver.builder(base);
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofDays(365_000)));
    assertThrows(IllegalArgumentException.class, () -> b.cacheTtl(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.cacheMaxEntries(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxTokenBytes(0));
  }

  // --- cache ---

  @Test
  void fetch_cached_secondFetchMakesNoRequest() {
    on(A, 200, JWT_A);
    UrlAccountResolver r = resolver().build();
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    assertEquals(1, requests.size());
  }

  @Test
  void fetch_afterCacheTtl_fetchesAgain() {
    ResolverFixtures.MutableClock clock = new ResolverFixtures.MutableClock(NOW);
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(1));
    on(A, 200, JWT_A);
    UrlAccountResolver r = resolver().cacheTtl(Duration.ofMinutes(1)).clock(clock).build();
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    on(A, 200, newer);
    clock.advance(Duration.ofSeconds(59));
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(newer), r.fetch(A));
    assertEquals(2, requests.size());
  }

  @Test
  void invalidate_cachedAccount_nextFetchAsksAgain() {
    on(A, 200, JWT_A);
    UrlAccountResolver r = resolver().build();
    r.fetch(A);
    r.invalidate(A);
    r.fetch(A);
    assertEquals(2, requests.size());
  }

  @Test
  void fetch_missesAndFailures_areNotCached() {
    UrlAccountResolver r = resolver().build();
    assertEquals(Optional.empty(), r.fetch(A));
    assertEquals(Optional.empty(), r.fetch(A));
    on(B, 500, "");
    assertThrows(AccountResolutionException.class, () -> r.fetch(B));
    on(B, 200, accountJwt(ResolverFixtures.OTHER_ACCOUNT));
    assertTrue(r.fetch(B).isPresent());
    assertEquals(4, requests.size());
  }

  @Test
  void fetch_cacheOff_everyFetchRequests() {
    on(A, 200, JWT_A);
    UrlAccountResolver r = resolver().cacheTtl(Duration.ZERO).build();
    r.fetch(A);
    r.fetch(A);
    r.invalidate(A);
    assertEquals(2, requests.size());
  }

  // --- ping ---

  @Test
  void ping_baseAnswers200_returns() {
    behaviours.put("/accounts/", e -> respond(e, 200, "ok"));
    resolver().build().ping();
    assertEquals(List.of("/accounts/"), requests);
  }

  @Test
  void ping_baseAnswers404_throws() {
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver().build().ping());
    assertEquals("", e.account());
    assertEquals(
        "Account resolver URL "
            + base
            + "/ answered HTTP 404 to the startup check; a server"
            + " refuses to start unless the base URL answers 200.",
        e.getMessage());
  }

  @Test
  void ping_baseNeverAnswers_timesOut() {
    behaviours.put("/accounts/", e -> release.await());
    long start = System.nanoTime();
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> impatient().build().ping());
    assertTrue(millisSince(start) < BOUND_MILLIS);
    assertTrue(
        e.getMessage().contains("did not answer for the startup check within 300 ms"),
        e.getMessage());
  }

  @Test
  void toString_namesBaseUrl() {
    assertEquals("UrlAccountResolver[" + base + "/]", resolver().build().toString());
  }
}
