package io.github.natsjwt.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.AccountResolver;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.DirectoryAccountResolver;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.UrlAccountResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz tests (Jazzer) over every input the library reads from outside: tokens ({@link Jwt#decode}
 * and {@link TrustVerifier#verifyUser}), nkeys, creds files and the account resolvers' inputs.
 *
 * <p>The invariant: only the library's typed exceptions ({@link NatsJwtException} and its subtypes)
 * may escape; anything else ({@code IllegalStateException}, {@code ArithmeticException}, {@code
 * DateTimeException}, {@code StackOverflowError}, {@code OutOfMemoryError}...) is a finding. And no
 * input may cost more than {@link #MAX_CPU_NANOS} of CPU. Payloads come from {@link JsonShapes}, a
 * structure-aware generator, and are signed with real keys so that they reach the claims reader and
 * the trust checks.
 *
 * <p>{@code ./mvnw verify} runs the committed corpus ({@code src/test/resources/.../
 * ParsersFuzzTestInputs/<method>/}) as regression tests; {@code JAZZER_FUZZ=1} with {@code
 * -Dtest=ParsersFuzzTest#method} fuzzes one target for its {@code maxDuration} (as {@code .ci/run}
 * does).
 */
class ParsersFuzzTest {
  /** The CPU time one input may cost: 1 s. */
  static final long MAX_CPU_NANOS = 1_000_000_000L;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final NKey OPERATOR = key(NKeyType.OPERATOR, 1);
  private static final NKey ACCOUNT = key(NKeyType.ACCOUNT, 2);
  private static final NKey USER = key(NKeyType.USER, 3);
  private static final String ACCOUNT_JWT =
      Jwt.encode(AccountClaims.builder(ACCOUNT.publicKey()).build(), OPERATOR, CLOCK);
  private static final String USER_JWT =
      Jwt.encode(UserClaims.builder(USER.publicKey()).name("u").build(), ACCOUNT, CLOCK);
  private static final String NONCE = "Vb2AlrQ6B4jUMdU";
  private static final ConnectionContext CONNECT =
      ConnectionContext.builder()
          .nonce(NONCE)
          .signature(ConnectionContext.signNonce(NONCE, USER))
          .build();
  private static final TrustVerifier VERIFIER = verifier(MemoryAccountResolver.of(ACCOUNT_JWT));
  private static final String HEADER =
      b64("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));

  private static NKey key(NKeyType type, int label) {
    byte[] raw = new byte[32];
    raw[0] = (byte) label;
    return NKey.fromRawSeed(type, raw);
  }

  private static TrustVerifier verifier(AccountResolver resolver) {
    return TrustVerifier.builder()
        .trustOperatorKey(OPERATOR.publicKey())
        .accountResolver(resolver)
        .clock(CLOCK)
        .build();
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Signs a payload as the reference does: Ed25519 over {@code header.payload}. */
  static String sign(String payload, NKey signer) {
    String signing = HEADER + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
    return signing + "." + b64(signer.sign(signing.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Runs one input: typed exceptions are fine, anything else escapes; CPU time is bounded. */
  static void guard(Runnable input) {
    long start = THREADS.getCurrentThreadCpuTime();
    try {
      input.run();
    } catch (NatsJwtException expected) {
      // the library's typed failure: allowed
    }
    long spent = THREADS.getCurrentThreadCpuTime() - start;
    if (spent > MAX_CPU_NANOS) {
      throw new AssertionError("one input cost " + spent / 1_000_000 + " ms of CPU (limit 1000)");
    }
  }

  /** Reads the claims as a caller would: the accessors, re-encoding and validation. */
  private static void use(Claims c) {
    c.toJson();
    c.validate(NOW);
    c.expiresAt();
    c.notBefore();
    c.issuedAt();
    c.toString();
  }

  @FuzzTest(maxDuration = "20s")
  void decode_anyToken_onlyTypedExceptions(FuzzedDataProvider data) {
    String token;
    if (data.consumeBoolean()) {
      token = data.consumeRemainingAsString();
    } else {
      NKey signer = data.pickValue(List.of(OPERATOR, ACCOUNT, USER));
      token = sign(JsonShapes.payload(data, signer.publicKey(), USER.publicKey()), signer);
    }
    guard(
        () -> {
          DecodedJwt<Claims> jwt = Jwt.decode(token);
          use(jwt.claims());
        });
  }

  @FuzzTest(maxDuration = "25s")
  void verifyUser_signedPayload_onlyTypedExceptions(FuzzedDataProvider data) {
    String token = sign(JsonShapes.payload(data, ACCOUNT.publicKey(), USER.publicKey()), ACCOUNT);
    guard(
        () ->
            VERIFIER.verifyUser(token, CONNECT).ifAccepted(u -> u.permissions().canPublish("a.b")));
  }

  @FuzzTest(maxDuration = "15s")
  void nkeys_anyText_onlyTypedExceptions(FuzzedDataProvider data) {
    String valid =
        data.pickValue(
            List.of(
                new String(USER.seed()),
                USER.publicKey(),
                ACCOUNT.publicKey(),
                new String(OPERATOR.seed())));
    String text;
    switch (data.consumeInt(0, 3)) {
      case 0 -> text = data.consumeRemainingAsString();
      case 1 -> {
        char[] c = valid.toCharArray();
        int n = data.consumeInt(1, 4);
        for (int i = 0; i < n && c.length > 0; i++) {
          c[data.consumeInt(0, c.length - 1)] = data.consumeChar();
        }
        text = new String(c);
      }
      case 2 ->
          text = valid.substring(0, data.consumeInt(0, valid.length())) + data.consumeString(8);
      default ->
          text = valid.toLowerCase(java.util.Locale.ROOT) + " ".repeat(data.consumeInt(0, 3));
    }
    guard(() -> NKey.fromSeed(text).close());
    guard(() -> NKey.fromPublicKey(text).verify(new byte[1], new byte[64]));
    guard(() -> NKey.fromSeed(text.getBytes(StandardCharsets.UTF_8)).close());
  }

  @FuzzTest(maxDuration = "15s")
  void creds_anyText_onlyTypedExceptions(FuzzedDataProvider data) {
    String text;
    if (data.consumeBoolean()) {
      text = data.consumeRemainingAsString();
    } else {
      String eol = data.pickValue(List.of("\n", "\r\n", "\r", "\n\n", " \n"));
      String dashes = "-".repeat(data.consumeInt(0, 8));
      String jwt =
          data.consumeBoolean()
              ? USER_JWT
              : sign(JsonShapes.payload(data, ACCOUNT.publicKey(), USER.publicKey()), ACCOUNT);
      String seed = data.consumeBoolean() ? new String(USER.seed()) : data.consumeString(60);
      StringBuilder b = new StringBuilder();
      b.append(dashes).append("BEGIN NATS USER JWT").append(dashes).append(eol);
      int wrap = data.consumeInt(0, 200);
      for (int i = 0; i < jwt.length(); i += wrap == 0 ? jwt.length() : wrap) {
        b.append(jwt, i, Math.min(jwt.length(), i + (wrap == 0 ? jwt.length() : wrap))).append(eol);
      }
      b.append(dashes).append("END NATS USER JWT").append(dashes).append(eol).append(eol);
      b.append(dashes).append("BEGIN USER NKEY SEED").append(dashes).append(eol);
      b.append(seed).append(eol);
      b.append(dashes).append("END USER NKEY SEED").append(dashes).append(eol);
      b.append(data.consumeString(30));
      text = b.toString();
    }
    guard(() -> Creds.parse(text).close());
    guard(() -> Creds.parse(text.getBytes(StandardCharsets.UTF_8)).close());
  }

  @FuzzTest(maxDuration = "25s")
  void resolvers_fuzzedAccountJwt_onlyTypedExceptions(FuzzedDataProvider data) throws Exception {
    String accountJwt =
        data.consumeBoolean()
            ? sign(JsonShapes.payload(data, OPERATOR.publicKey(), ACCOUNT.publicKey()), OPERATOR)
            : data.consumeRemainingAsString();
    resolveAll(accountJwt, ParsersFuzzTest::guard, true);
  }

  /**
   * Runs every resolver path once with a valid account before any input is timed, so that the JVM's
   * one-time work (loading the HTTP client's and the verifier's classes, the HTTP client's
   * start-up, Ed25519's shared tables) is not charged to whichever input happens to come first: on
   * a loaded machine that alone took more than the per-input limit. Jazzer's hooks are not in place
   * yet, so the loopback connection needs no allowance here.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    resolveAll(ACCOUNT_JWT, Runnable::run, false);
  }

  /**
   * Verifies the user through each resolver holding {@code accountJwt}, each call through run; the
   * URL resolver's loopback connection is declared to Jazzer when {@code fuzzing}.
   */
  @SuppressWarnings("try") // the allowance is held for the block; it is not referenced in it
  private static void resolveAll(
      String accountJwt, java.util.function.Consumer<Runnable> run, boolean fuzzing)
      throws Exception {
    run.accept(() -> verifier(MemoryAccountResolver.of(accountJwt)).verifyUser(USER_JWT, CONNECT));
    Path dir = Files.createTempDirectory("natsjwt-fuzz");
    try {
      Files.writeString(
          dir.resolve(ACCOUNT.publicKey() + DirectoryAccountResolver.EXTENSION), accountJwt);
      run.accept(() -> verifier(DirectoryAccountResolver.open(dir)).verifyUser(USER_JWT, CONNECT));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
    BODY.set(accountJwt.getBytes(StandardCharsets.UTF_8));
    String url = server();
    Runnable viaUrl = () -> verifier(UrlAccountResolver.of(url)).verifyUser(USER_JWT, CONNECT);
    if (!fuzzing) {
      run.accept(viaUrl);
      return;
    }
    // The resolver connects to the harness's own loopback server, never to a host the input names;
    // Jazzer's SSRF detector is told so, and still flags any other connection.
    try (SilentCloseable allowed =
        BugDetectors.allowNetworkConnections(
            (host, port) ->
                port == serverPort && ("127.0.0.1".equals(host) || "localhost".equals(host)))) {
      run.accept(viaUrl);
    }
  }

  private static final AtomicReference<byte[]> BODY = new AtomicReference<>(new byte[0]);
  private static volatile String serverUrl;
  private static volatile int serverPort;

  /** A local account server answering every request with {@link #BODY}. */
  private static synchronized String server() {
    if (serverUrl == null) {
      try {
        HttpServer s =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext(
            "/",
            exchange -> {
              byte[] body = BODY.get();
              exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            });
        s.start();
        serverPort = s.getAddress().getPort();
        serverUrl = "http://127.0.0.1:" + serverPort + "/jwt/v1/accounts/";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return serverUrl;
  }
}
