package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.B;
import static io.github.natsjwt.trust.ResolverFixtures.CLOCK;
import static io.github.natsjwt.trust.ResolverFixtures.OPERATOR;
import static io.github.natsjwt.trust.ResolverFixtures.OTHER_ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.USER;
import static io.github.natsjwt.trust.ResolverFixtures.accountJwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.natsjwt.LogCapture;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the resolvers and the verifier's account cache log, captured at every level down to TRACE
 * while they are driven through their real paths, failures included (an HTTP source that fails,
 * times out, answers HTML, a seed or a creds file; a directory holding a creds file or a
 * subdirectory; seeds passed where account keys belong): the expected records are there, and none
 * holds a seed, a JWT or the exact secrets used.
 */
class ResolverLoggingTest {
  private static final String URL_LOGGER = UrlAccountResolver.class.getName();
  private static final String DIR_LOGGER = DirectoryAccountResolver.class.getName();
  private static final String CACHING_LOGGER = CachingAccountResolver.class.getName();
  private static final String CACHE_LOGGER = AccountCache.class.getName();

  private static final String JWT_A = accountJwt(ACCOUNT);
  private static final String JWT_B = accountJwt(OTHER_ACCOUNT);

  /** Secrets a misconfigured source or caller could hand a resolver. */
  private final NKey accountWithSeed = NKey.generate(NKeyType.ACCOUNT);

  private final String accountSeed = new String(accountWithSeed.seed());
  private final String operatorSeed = new String(OPERATOR.seed());
  private final String userSeed = new String(USER.seed());
  private final String userJwt = ResolverFixtures.userJwt();
  private final String creds =
      new String(Creds.of(userJwt, USER).formatBytes(), StandardCharsets.UTF_8);

  @TempDir Path dir;

  private HttpServer server;
  private ExecutorService serverThreads;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private String base;

  interface Behaviour {
    void handle(HttpExchange exchange) throws IOException, InterruptedException;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.createContext(
        "/",
        exchange -> {
          Behaviour b =
              behaviours.getOrDefault(exchange.getRequestURI().getPath(), e -> respond(e, 404, ""));
          try {
            b.handle(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // the client went away (timeout): expected here
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

  private String[] secrets() {
    List<String> s =
        new ArrayList<>(List.of(accountSeed, operatorSeed, userSeed, userJwt, creds, JWT_A, JWT_B));
    s.add(new String(accountWithSeed.privateKey()));
    s.add(new String(OPERATOR.privateKey()));
    return s.toArray(String[]::new);
  }

  @Test
  void urlResolver_answersAndFailures_loggedWithoutSecrets() {
    String c = NKey.generate(NKeyType.ACCOUNT).publicKey();
    String d = NKey.generate(NKeyType.ACCOUNT).publicKey();
    String slow = NKey.generate(NKeyType.ACCOUNT).publicKey();
    on(A, 200, JWT_A + "\n");
    on(B, 500, "internal error; the operator seed is " + operatorSeed);
    on(c, 200, "<html><body>" + userJwt + "</body></html>");
    on(d, 200, creds);
    behaviours.put(
        "/accounts/" + slow,
        e -> {
          release.await(10, TimeUnit.SECONDS);
          respond(e, 200, JWT_A);
        });

    try (LogCapture logs = LogCapture.start()) {
      UrlAccountResolver resolver =
          UrlAccountResolver.builder(base).timeout(Duration.ofSeconds(10)).build();
      assertEquals(Optional.of(JWT_A), resolver.fetch(A));
      assertEquals(Optional.of(JWT_A), resolver.fetch(A)); // from its cache: not logged again
      assertThrows(AccountResolutionException.class, () -> resolver.fetch(B));
      assertThrows(InvalidAccountJwtException.class, () -> resolver.fetch(c));
      assertThrows(InvalidAccountJwtException.class, () -> resolver.fetch(d));
      assertEquals(Optional.empty(), resolver.fetch(NKey.generate(NKeyType.ACCOUNT).publicKey()));
      AccountResolutionException seedAsKey =
          assertThrows(AccountResolutionException.class, () -> resolver.fetch(accountSeed));
      assertFalse(seedAsKey.getMessage().contains(accountSeed), seedAsKey.getMessage());
      assertThrows(AccountResolutionException.class, resolver::ping); // the base answers 404

      UrlAccountResolver impatient =
          UrlAccountResolver.builder(base)
              .timeout(Duration.ofMillis(300))
              .connectTimeout(Duration.ofMillis(300))
              .build();
      assertThrows(AccountResolutionException.class, () -> impatient.fetch(slow));

      logs.assertNoSecrets(secrets());
      logs.expect(Level.DEBUG, URL_LOGGER, "GET " + base + "/" + A, "HTTP 200");
      assertEquals(
          1,
          logs.entries(URL_LOGGER).stream()
              .filter(e -> e.message().contains("/" + A + " answered"))
              .count(),
          "the second fetch came from the cache");
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Fetched account " + A, "a JWT of");
      // the first failure of this resolver is a WARNING; the next ones within 10 s are DEBUG
      logs.expect(Level.WARNING, URL_LOGGER, "Could not fetch account " + B, "HTTP 500");
      logs.expect(Level.DEBUG, URL_LOGGER, "Could not fetch account " + c, "is not a JWT");
      logs.expect(Level.DEBUG, URL_LOGGER, "Could not fetch account " + d, "0x20");
      logs.expect(Level.DEBUG, URL_LOGGER, "Startup check failed", "HTTP 404");
      logs.expect(Level.WARNING, URL_LOGGER, "Could not fetch account " + slow, "within 300 ms");
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Fetching account " + B, "failed");
    }
  }

  @Test
  void urlResolver_seedServedAsAccountJwt_verifierRejectsAndNothingLogsIt() {
    String victim = accountWithSeed.publicKey();
    on(victim, 200, accountSeed);
    try (LogCapture logs = LogCapture.start()) {
      TrustVerifier verifier =
          TrustVerifier.builder()
              .trustOperatorKey(OPERATOR.publicKey())
              .accountResolver(UrlAccountResolver.of(base))
              .clock(CLOCK)
              .build();
      Verification<VerifiedAccount> v = verifier.resolveAccount(victim);
      assertFalse(v.isAccepted());
      logs.assertNoSecrets(secrets());
      logs.expect(Level.DEBUG, URL_LOGGER, "/" + victim + " answered HTTP 200", "58 bytes");
    }
  }

  @Test
  void verifierAccountCache_full_evictionLoggedByPublicKey() {
    try (LogCapture logs = LogCapture.start()) {
      TrustVerifier verifier =
          TrustVerifier.builder()
              .trustOperatorKey(OPERATOR.publicKey())
              .accountResolver(MemoryAccountResolver.of(JWT_A, JWT_B))
              .accountCacheSize(1)
              .clock(CLOCK)
              .build();
      assertTrue(verifier.resolveAccount(A).isAccepted());
      assertTrue(verifier.resolveAccount(B).isAccepted());
      assertTrue(verifier.resolveAccount(B).isAccepted()); // a hit: not logged

      logs.assertNoSecrets(secrets());
      String jti = io.github.natsjwt.jwt.Jwt.decode(JWT_A).claims().id();
      logs.expect(Level.TRACE, CACHE_LOGGER, "Verified account " + A, jti, "1 of 1");
      logs.expect(Level.DEBUG, CACHE_LOGGER, "evicted account " + A, jti);
      assertEquals(3, logs.entries(CACHE_LOGGER).size(), () -> logs.entries().toString());
    }
  }

  @Test
  void directoryResolver_storesDeletesAndBadFiles_loggedWithoutSecrets() throws IOException {
    Path jwts = dir.resolve("jwt");
    DirectoryAccountResolver store =
        DirectoryAccountResolver.builder(jwts).createIfMissing(true).build();
    String credsInDir = NKey.generate(NKeyType.ACCOUNT).publicKey();
    String subdir = NKey.generate(NKeyType.ACCOUNT).publicKey();
    Files.writeString(jwts.resolve(credsInDir + ".jwt"), creds);
    Files.createDirectory(jwts.resolve(subdir + ".jwt"));

    try (LogCapture logs = LogCapture.start()) {
      assertTrue(store.store(A, JWT_A));
      assertFalse(store.storeIfNewer(A, JWT_A));
      assertThrows(InvalidAccountJwtException.class, () -> store.store(B, userJwt));
      InvalidAccountJwtException seedAsJwt =
          assertThrows(InvalidAccountJwtException.class, () -> store.store(B, accountSeed));
      assertFalse(seedAsJwt.getMessage().contains(accountSeed), seedAsJwt.getMessage());
      AccountResolutionException seedAsKey =
          assertThrows(AccountResolutionException.class, () -> store.store(accountSeed, JWT_A));
      assertFalse(seedAsKey.getMessage().contains(accountSeed), seedAsKey.getMessage());
      assertThrows(InvalidAccountJwtException.class, () -> store.fetch(credsInDir));
      assertThrows(AccountResolutionException.class, () -> store.fetch(subdir));
      assertTrue(store.delete(A));
      assertFalse(store.hardDelete(A));

      DirectoryAccountResolver gone = DirectoryAccountResolver.open(dir.resolve("jwt"));
      Path moved = Files.move(jwts, dir.resolve("moved"));
      assertThrows(AccountResolutionException.class, () -> gone.store(B, JWT_B));
      Files.move(moved, jwts);

      logs.assertNoSecrets(secrets());
      String jti = io.github.natsjwt.jwt.Jwt.decode(JWT_A).claims().id();
      logs.expect(Level.DEBUG, DIR_LOGGER, "Stored account " + A, jti, "wrote a new file");
      logs.expect(Level.DEBUG, DIR_LOGGER, "Stored account " + A, "if newer", "unchanged");
      logs.expect(Level.WARNING, DIR_LOGGER, "Could not fetch account " + credsInDir, "0x20");
      logs.expect(Level.DEBUG, DIR_LOGGER, "Could not fetch account " + subdir, "regular file");
      logs.expect(Level.DEBUG, DIR_LOGGER, "Deleted account " + A, ".jwt.deleted");
      logs.expect(Level.DEBUG, DIR_LOGGER, "Account " + A + " has no file");
      logs.expect(Level.WARNING, DIR_LOGGER, "does not exist");
    }
  }

  @Test
  void cachingResolver_evictionsFailuresAndInvalidation_loggedByPublicKey() {
    Map<String, String> source = new ConcurrentHashMap<>(Map.of(A, JWT_A, B, JWT_B));
    String broken = NKey.generate(NKeyType.ACCOUNT).publicKey();
    AccountResolver delegate =
        key -> {
          if (key.equals(broken)) {
            throw new AccountResolutionException(key, "the source is down for " + key);
          }
          return Optional.ofNullable(source.get(key));
        };
    try (LogCapture logs = LogCapture.start()) {
      CachingAccountResolver cached =
          CachingAccountResolver.builder(delegate).maxEntries(1).clock(CLOCK).build();
      assertEquals(Optional.of(JWT_A), cached.fetch(A));
      assertEquals(Optional.of(JWT_B), cached.fetch(B));
      assertThrows(AccountResolutionException.class, () -> cached.fetch(broken));
      assertEquals(Optional.empty(), cached.fetch(accountSeed)); // a delegate that does not check
      cached.invalidate(B);
      cached.invalidateAll();

      logs.assertNoSecrets(secrets());
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Fetched account " + B, "evicted [" + A + "]");
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Fetching account " + broken, "source is down");
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Fetched account <not a public key: 58");
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Forgot the cached answer for account " + B);
      logs.expect(Level.DEBUG, CACHING_LOGGER, "Forgot all 0 cached answers");
    }
  }
}
