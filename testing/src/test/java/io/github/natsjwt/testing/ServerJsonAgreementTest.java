package io.github.natsjwt.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.InvalidAccountJwtException;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.ServerProfile;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import io.github.natsjwt.trust.VerifiedImport;
import io.github.natsjwt.trust.VerifiedUser;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live agreement on how payload JSON is read (spec claims.md section 1.12): every scenario is a
 * token whose payload is written here by hand, with duplicate keys, {@code null} occurrences, case
 * variants of field names (including U+017F, which Go folds to {@code s}, and the dotless U+0131,
 * which it does not fold to {@code i}) and type errors in occurrences that a later one replaces.
 * Each is decided on every installed nats-server ({@link NatsServerVersion#all()}) by the live
 * server, through the protocol, and by {@link TrustVerifier} with that server's {@link
 * ServerProfile}, over the very same operator, account and user JWTs; the two must agree, and both
 * must give the verdict Go's {@code encoding/json} implies. Test names start with the deciding
 * server's version, for example {@code [2.14.5]}.
 *
 * <p>Per series one server serves every scenario, every account JWT (hand-written ones included)
 * preloaded into its memory resolver. Every account JWT here decodes in Go: a preloaded account
 * that does not decode stops the server from starting, so decode failures are exercised on user
 * JWTs only.
 */
@NatsServerTest
class ServerJsonAgreementTest {
  /** Bound on every wait for an answer that should come. */
  private static final Duration WAIT = Duration.ofSeconds(2);

  /** How long to wait for a message that crosses accounts before calling it not delivered. */
  private static final Duration NO_DELIVERY = Duration.ofMillis(800);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(UTF_8));

  /** The issue time of every JWT here, and times an hour either side of it. */
  private static final long IAT = Instant.now().getEpochSecond();

  private static final long PAST = IAT - 3600;
  private static final long FUTURE = IAT + 3600;

  /** User limits as Go's encoder writes them: without them Go reads 0, which limits to nothing. */
  private static final String USER_LIMITS = "\"subs\":-1,\"data\":-1,\"payload\":-1,";

  /** Account limits as Go's encoder writes them. */
  private static final String ACCOUNT_LIMITS =
      "\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,\"wildcards\":true,"
          + "\"conn\":-1,\"leaf\":-1";

  private static final String LIMITS = "\"limits\":{" + ACCOUNT_LIMITS + "},";

  private static final TestOperator OP = TestOperator.create("json");

  /** Account public key to the hand-written account JWT that replaces its generated one. */
  private static final Map<String, String> RAW_ACCOUNTS = new LinkedHashMap<>();

  /** Accounts preloaded only on the servers whose profile passes the test; others everywhere. */
  private static final Map<String, Expect> PRELOADED_ON = new HashMap<>();

  private static final List<Scenario> SCENARIOS = new ArrayList<>();

  /** The categories the issue requires, each covered by several scenarios. */
  private static final Set<String> REQUIRED =
      Set.of(
          "exp",
          "nbf",
          "pub/sub",
          "revocations",
          "signing_keys",
          "limits",
          "imports/exports",
          "issuer_account",
          "bearer_token");

  /** Allowed or accepted on every server. */
  static final Expect YES = p -> true;

  /** Denied or refused on every server. */
  static final Expect NO = p -> false;

  static {
    expires();
    notBefore();
    permissions();
    revocations();
    signingKeys();
    limits();
    importsExports();
    issuerAccount();
    bearer();
    versionFields();
  }

  /** A server and a verifier configured as that server is. */
  private record Stack(NatsServer server, TrustVerifier verifier, Map<String, String> unread) {}

  /** Per series. */
  private static final Map<String, Stack> STACKS = new HashMap<>();

  private static @Nullable Path dir;

  // ================================================================== the matrix

  /** A verdict: allowed/accepted or not, with what the decider said. */
  record Verdict(boolean allowed, String detail) {
    @Override
    public String toString() {
      return (allowed ? "ALLOWED" : "DENIED") + " (" + detail + ")";
    }
  }

  /** Decides a scenario on one side. */
  @FunctionalInterface
  interface Side {
    Verdict decide(Stack stack) throws Exception;
  }

  /** The verdict a scenario expects from a server that decides as a profile says. */
  @FunctionalInterface
  interface Expect {
    boolean test(ServerProfile profile);
  }

  /** One row of the matrix; {@code json} is the hand-written payload under test. */
  record Scenario(
      String category, String name, String json, Expect expected, Side server, Side verifier) {
    @Override
    public String toString() {
      return category + ": " + name;
    }
  }

  /** Every scenario on every series, named by the server version that decides it. */
  static Stream<Arguments> scenarios() {
    return NatsServerVersion.all().stream()
        .flatMap(v -> SCENARIOS.stream().map(s -> Arguments.of(Named.of(v.label(), v), s)));
  }

  @Test
  void matrix_coversEveryRequiredField() {
    assertTrue(SCENARIOS.size() >= 30, "only " + SCENARIOS.size() + " scenarios");
    Map<String, Long> per =
        SCENARIOS.stream()
            .collect(Collectors.groupingBy(Scenario::category, Collectors.counting()));
    assertTrue(per.keySet().containsAll(REQUIRED), "categories: " + per);
    REQUIRED.forEach(
        c -> assertTrue(per.get(c) >= 3, c + " has only " + per.get(c) + " scenarios"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scenarios")
  void serverAndVerifier_decideAlike(NatsServerVersion version, Scenario s) throws Exception {
    version.assumeInstalled();
    Stack stack = STACKS.computeIfAbsent(version.series(), k -> start(version));
    boolean expected = s.expected().test(version.profile());
    Verdict live = s.server().decide(stack);
    Verdict ours = s.verifier().decide(stack);
    String server = version.version().orElse(version.series());
    if (live.allowed() != ours.allowed()) {
      fail(
          String.format(
              "DISAGREEMENT in scenario [%s]: nats-server %s says %s, TrustVerifier (%s) says %s;"
                  + " payload %s",
              s, server, live, version.profile(), ours, s.json()));
    }
    if (live.allowed() != expected) {
      fail(
          String.format(
              "scenario [%s]: expected %s, but nats-server %s and TrustVerifier (%s) both say %s"
                  + " / %s; payload %s",
              s, expected ? "ALLOWED" : "DENIED", server, version.profile(), live, ours, s.json()));
    }
  }

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("natsjwt-json-agreement-");
  }

  /** The server of one series, with every account JWT preloaded, and a verifier like it. */
  private static Stack start(NatsServerVersion version) {
    ServerConfig.Builder b = OP.serverConfig();
    RAW_ACCOUNTS.forEach(b::preload);
    Map<String, String> preloads = new LinkedHashMap<>(b.build().preloads());
    PRELOADED_ON.forEach(
        (key, on) -> {
          if (!on.test(version.profile())) {
            preloads.remove(key);
          }
        });
    b.clearPreloads();
    preloads.forEach(b::preload);
    ServerConfig config = b.build();
    // The resolver reads every preload at once and refuses one it cannot read; the server may
    // read it (an unknown field is never read), so such an account is left out of the resolver
    // alone, and its users' scenarios show the difference.
    Map<String, String> resolvable = new LinkedHashMap<>(config.preloads());
    Map<String, String> unread = new HashMap<>();
    for (String key : PRELOADED_ON.keySet()) {
      String jwt = resolvable.get(key);
      if (jwt != null) {
        try {
          MemoryAccountResolver.of(Map.of(key, jwt));
        } catch (InvalidAccountJwtException e) {
          resolvable.remove(key);
          unread.put(key, e.getMessage());
        }
      }
    }
    TrustVerifier.Builder v =
        TrustVerifier.builder()
            .serverProfile(version.profile())
            .accountResolver(MemoryAccountResolver.of(resolvable));
    config.operators().forEach(v::trustOperator);
    config.systemAccount().ifPresent(v::systemAccount);
    return new Stack(version.start(config), v.build(), unread);
  }

  @AfterAll
  static void stopServers() throws IOException {
    try {
      STACKS.values().forEach(s -> s.server().close());
      STACKS.clear();
    } finally {
      if (dir != null) {
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  private static Path dir() {
    if (dir == null) {
      throw new IllegalStateException("no working directory");
    }
    return dir;
  }

  // ================================================================== hand-written tokens

  /**
   * Signs a payload as it is: header {@code {"typ":"JWT","alg":"ed25519-nkey"}}, both parts
   * base64url without padding, and the issuer's Ed25519 signature over {@code header.payload}.
   */
  static String sign(String payload, NKey issuer) {
    String body = HEADER + "." + B64.encodeToString(payload.getBytes(UTF_8));
    return body + "." + B64.encodeToString(issuer.sign(body.getBytes(UTF_8)));
  }

  private static String jti() {
    byte[] raw = new byte[20];
    RANDOM.nextBytes(raw);
    return B64.encodeToString(raw);
  }

  /**
   * A claims payload: the standard fields, {@code top} (empty, or members each followed by a comma)
   * among them, and {@code nats} members (likewise) before the type and version.
   */
  private static String payload(String iss, String sub, String top, String nats, String type) {
    return "{\"jti\":\""
        + jti()
        + "\",\"iat\":"
        + IAT
        + ",\"iss\":\""
        + iss
        + "\",\"name\":\"n\",\"sub\":\""
        + sub
        + "\","
        + top
        + "\"nats\":{"
        + nats
        + "\"type\":\""
        + type
        + "\",\"version\":2}}";
  }

  /** A user of an account, with a JWT written by hand, signed by {@code signer}. */
  record RawUser(TestAccount account, NKey key, String json, String jwt) {}

  private static RawUser user(TestAccount acc, NKey signer, NKey key, String top, String nats) {
    String json = payload(signer.publicKey(), key.publicKey(), top, nats, "user");
    return new RawUser(acc, key, json, sign(json, signer));
  }

  /** A user signed by the account's identity key, with unlimited limits before {@code nats}. */
  private static RawUser user(TestAccount acc, String top, String nats) {
    return user(acc, acc.key(), NKey.generate(NKeyType.USER), top, USER_LIMITS + nats);
  }

  /** An account whose JWT is written by hand, signed by the operator. */
  private static TestAccount account(String name, String nats) {
    TestAccount acc = OP.account(name);
    String json = payload(OP.publicKey(), acc.publicKey(), "", nats, "account");
    RAW_ACCOUNTS.put(acc.publicKey(), sign(json, OP.key()));
    return acc;
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }

  // ================================================================== scenarios

  private static void expires() {
    String c = "exp";
    TestAccount acc = OP.account("exp");
    connect(
        c,
        "exp past, then null: null leaves the time (issue 10 reproducer)",
        user(acc, "\"exp\":" + PAST + ",\"exp\":null,", ""),
        NO);
    connect(c, "exp null, then past", user(acc, "\"exp\":null,\"exp\":" + PAST + ",", ""), NO);
    connect(
        c,
        "exp past, then future: the last wins",
        user(acc, "\"exp\":" + PAST + ",\"exp\":" + FUTURE + ",", ""),
        YES);
    connect(
        c,
        "exp future, then past",
        user(acc, "\"exp\":" + FUTURE + ",\"exp\":" + PAST + ",", ""),
        NO);
    connect(c, "EXP past: case folds", user(acc, "\"EXP\":" + PAST + ",", ""), NO);
    connect(
        c, "Exp future, then exp null", user(acc, "\"Exp\":" + FUTURE + ",\"exp\":null,", ""), YES);
    connect(
        c,
        "exp past as the escaped key \\u0065xp",
        user(acc, "\"\\u0065xp\":" + PAST + ",", ""),
        NO);
    connect(
        c,
        "exp \"soon\", then future: the type error fails the decode",
        user(acc, "\"exp\":\"soon\",\"exp\":" + FUTURE + ",", ""),
        NO);
    connect(
        c,
        "exp future, then 1.5: a fraction fails an int64",
        user(acc, "\"exp\":" + FUTURE + ",\"exp\":1.5,", ""),
        NO);
  }

  /** Fields only the jwt library of some servers knows: the others skip them unread. */
  private static void versionFields() {
    String c = "fields by version";
    TestAccount acc = OP.account("fields");
    // proxy_required arrived with jwt 2.8 (nats-server 2.12); 2.9.10 (jwt 2.3.0) and 2.10.27
    // (jwt 2.7) skip the field.
    connect(
        c,
        "proxy_required false, then PROXY_REQUIRED true: required where known (2.12+)",
        user(acc, "", "\"proxy_required\":false,\"PROXY_REQUIRED\":true,"),
        p -> !p.proxyRequired());
    connect(
        c,
        "proxy_required true, then null: stays required where known (2.12+)",
        user(acc, "", "\"proxy_required\":true,\"proxy_required\":null,"),
        p -> !p.proxyRequired());
    // A type error in a field the server's jwt library does not have is never read.
    connect(
        c,
        "proxy_required \"x\": a type error only where the field is known (2.12+)",
        user(acc, "", "\"proxy_required\":\"x\","),
        p -> !p.proxyRequired());
    // jwt 2.3.0 (2.9.10) has no cluster_traffic, authorization or allow_trace. An account with a
    // type error in one of them stops a later server from starting when preloaded, so these
    // accounts are preloaded on 2.9 only; elsewhere their users belong to no known account.
    String[] unknownTo23 = {
      "\"cluster_traffic\":5,",
      "\"authorization\":{\"auth_users\":\"x\"},",
      "\"exports\":[{\"name\":\"e\",\"subject\":\"tr.>\",\"type\":\"stream\","
          + "\"allow_trace\":\"x\"}],"
    };
    for (String field : unknownTo23) {
      TestAccount old = account("only29x" + field.length(), LIMITS + field);
      PRELOADED_ON.put(old.publicKey(), ServerProfile::jwtLibrary23);
      connect(
          c,
          "account with "
              + field.substring(0, field.length() - 1)
              + ": unread by jwt 2.3.0 (2.9 only)",
          user(old, "", ""),
          ServerProfile::jwtLibrary23);
    }
  }

  private static void notBefore() {
    String c = "nbf";
    TestAccount acc = OP.account("nbf");
    connect(c, "nbf future, then null", user(acc, "\"nbf\":" + FUTURE + ",\"nbf\":null,", ""), NO);
    connect(
        c,
        "nbf future, then past",
        user(acc, "\"nbf\":" + FUTURE + ",\"nbf\":" + PAST + ",", ""),
        YES);
    connect(c, "NBF future: case folds", user(acc, "\"NBF\":" + FUTURE + ",", ""), NO);
    connect(
        c,
        "nbf past, then Nbf future",
        user(acc, "\"nbf\":" + PAST + ",\"Nbf\":" + FUTURE + ",", ""),
        NO);
    connect(
        c,
        "nbf true, then past: the type error fails the decode",
        user(acc, "\"nbf\":true,\"nbf\":" + PAST + ",", ""),
        NO);
  }

  private static void permissions() {
    String c = "pub/sub";
    TestAccount acc = OP.account("perms");
    RawUser merged =
        user(acc, "", "\"pub\":{\"deny\":[\"secret.>\"]},\"pub\":{\"allow\":[\">\"]},");
    publish(
        c,
        "pub deny, then pub allow: the objects merge (issue 10 reproducer)",
        merged,
        "secret.x",
        NO);
    publish(c, "pub deny, then pub allow: the allow applies", merged, "open.x", YES);
    RawUser upper = user(acc, "", "\"pub\":{\"allow\":[\"a.>\"]},\"PUB\":{\"allow\":[\"b.>\"]},");
    publish(c, "pub allow a.>, then PUB allow b.>: the array is replaced", upper, "a.x", NO);
    publish(c, "pub allow a.>, then PUB allow b.>: b.> applies", upper, "b.x", YES);
    publish(
        c,
        "pub deny x, then pub null: null leaves an object",
        user(acc, "", "\"pub\":{\"deny\":[\"x\"]},\"pub\":null,"),
        "x",
        NO);
    publish(
        c,
        "pub allow a, then allow null: no allow list",
        user(acc, "", "\"pub\":{\"allow\":[\"a\"]},\"pub\":{\"allow\":null},"),
        "b",
        YES);
    publish(
        c,
        "pub allow a, then Allow b inside one object",
        user(acc, "", "\"pub\":{\"allow\":[\"a\"],\"Allow\":[\"b\"]},"),
        "a",
        NO);
    publish(
        c,
        "pub deny x then deny null inside one object",
        user(acc, "", "\"pub\":{\"allow\":[\">\"],\"deny\":[\"x\"],\"deny\":null},"),
        "x",
        YES);
    publish(
        c,
        "pub allow \"a\" (a string), then an array: the type error fails the decode",
        user(acc, "", "\"pub\":{\"allow\":\"a\"},\"pub\":{\"allow\":[\"a\"]},"),
        "a",
        NO);
    publish(
        c,
        "pub deny x, then DENY y: the list is replaced",
        user(acc, "", "\"pub\":{\"deny\":[\"x\"],\"DENY\":[\"y\"]},"),
        "x",
        YES);
    publish(
        c,
        "pub as the escaped key p\\u0075b",
        user(acc, "", "\"p\\u0075b\":{\"deny\":[\"x\"]},"),
        "x",
        NO);
    // The whole nats object twice, and a case variant of it: the objects merge.
    publish(
        c,
        "NATS {pub deny x} before nats: merged",
        user(acc, "\"NATS\":{\"pub\":{\"deny\":[\"x\"]}},", ""),
        "x",
        NO);
    // The claims' subject, replaced through U+017F, is no longer the key that signs the nonce.
    connect(
        c,
        "\u017fub (U+017F) names another user's key: the nonce signer is not the subject",
        user(acc, "\"\u017fub\":" + q(NKey.generate(NKeyType.USER).publicKey()) + ",", ""),
        NO);
    RawUser longS = user(acc, "", "\"sub\":{\"deny\":[\"s.>\"]},\"\u017fub\":{\"allow\":[\">\"]},");
    subscribe(c, "sub deny, then \u017fub (U+017F) allow: merged", longS, "s.x", NO);
    subscribe(c, "sub deny, then \u017fub (U+017F) allow: the allow applies", longS, "t", YES);
    subscribe(c, "Sub allow t refuses u", user(acc, "", "\"Sub\":{\"allow\":[\"t\"]},"), "u", NO);
    subscribe(
        c,
        "sub allow t, then \u0455ub (Cyrillic) allow >: no fold, an unknown field",
        user(acc, "", "\"sub\":{\"allow\":[\"t\"]},\"\u0455ub\":{\"allow\":[\">\"]},"),
        "u",
        NO);
  }

  private static void revocations() {
    String c = "revocations";
    String other = NKey.generate(NKeyType.USER).publicKey();
    String at = String.valueOf(FUTURE);
    revoked(
        c,
        "revocations, then revocat\u0131ons (U+0131) {}: no fold (issue 10 reproducer)",
        u -> "\"revocations\":{" + q(u) + ":" + at + "},\"revocat\u0131ons\":{},",
        NO);
    revoked(
        c,
        "two revocations maps merge",
        u ->
            "\"revocations\":{"
                + q(u)
                + ":"
                + at
                + "},\"revocations\":{"
                + q(other)
                + ":"
                + at
                + "},",
        NO);
    revoked(
        c,
        "revocations, then null: the map is reset",
        u -> "\"revocations\":{" + q(u) + ":" + at + "},\"revocations\":null,",
        YES);
    revoked(
        c,
        "revocations, null, then another key's",
        u ->
            "\"revocations\":{"
                + q(u)
                + ":"
                + at
                + "},\"revocations\":null,\"revocations\":{"
                + q(other)
                + ":"
                + at
                + "},",
        YES);
    revoked(c, "Revocations: case folds", u -> "\"Revocations\":{" + q(u) + ":" + at + "},", NO);
    revoked(
        c,
        "one key twice in one map: the last time wins",
        u -> "\"revocations\":{" + q(u) + ":" + at + "," + q(u) + ":0},",
        YES);
    revoked(
        c,
        "* then the user's key at 0: * stays",
        u -> "\"revocations\":{\"*\":" + at + "},\"revocations\":{" + q(u) + ":0},",
        NO);
  }

  private static int revocationAccounts;

  /** A user of an account of its own whose revocations are written by {@code revocations}. */
  private static void revoked(
      String c, String name, java.util.function.Function<String, String> revocations, Expect e) {
    NKey userKey = NKey.generate(NKeyType.USER);
    TestAccount acc =
        account("rev" + ++revocationAccounts, LIMITS + revocations.apply(userKey.publicKey()));
    connect(c, name, user(acc, acc.key(), userKey, "", USER_LIMITS), e);
  }

  private static int keyAccounts;

  private static void signingKeys() {
    String c = "signing_keys";
    NKey sk1 = NKey.generate(NKeyType.ACCOUNT);
    NKey sk2 = NKey.generate(NKeyType.ACCOUNT);
    TestAccount two =
        account(
            "sk" + ++keyAccounts,
            LIMITS
                + "\"signing_keys\":["
                + q(sk1.publicKey())
                + "],\"signing_keys\":["
                + q(sk2.publicKey())
                + "],");
    connect(
        c,
        "two arrays add keys: the first array's key signs",
        bySigningKey(two, sk1, USER_LIMITS),
        YES);
    connect(
        c,
        "two arrays add keys: the second array's key signs",
        bySigningKey(two, sk2, USER_LIMITS),
        YES);
    TestAccount nulled =
        account(
            "sk" + ++keyAccounts,
            LIMITS + "\"signing_keys\":[" + q(sk1.publicKey()) + "],\"signing_keys\":null,");
    connect(c, "keys, then null: the keys stay", bySigningKey(nulled, sk1, USER_LIMITS), YES);
    TestAccount upper =
        account("sk" + ++keyAccounts, LIMITS + "\"Signing_Keys\":[" + q(sk1.publicKey()) + "],");
    connect(c, "Signing_Keys: case folds", bySigningKey(upper, sk1, USER_LIMITS), YES);
    TestAccount dotless =
        account(
            "sk" + ++keyAccounts, LIMITS + "\"s\u0131gning_keys\":[" + q(sk1.publicKey()) + "],");
    connect(
        c,
        "s\u0131gning_keys (U+0131): no fold, no key",
        bySigningKey(dotless, sk1, USER_LIMITS),
        NO);

    // A scope's template is read through a map: duplicate keys keep the last, distinct spellings
    // all stay and are read again in sorted order (PUB before pub), so they merge.
    NKey sk = NKey.generate(NKeyType.ACCOUNT);
    TestAccount last =
        account(
            "sk" + ++keyAccounts,
            LIMITS
                + "\"signing_keys\":["
                + scope(sk, "\"pub\":{\"deny\":[\"x\"]},\"pub\":{\"allow\":[\">\"]}")
                + "],");
    publish(
        c, "template pub twice: the last replaces the first", bySigningKey(last, sk, ""), "x", YES);
    TestAccount spelled =
        account(
            "sk" + ++keyAccounts,
            LIMITS
                + "\"signing_keys\":["
                + scope(sk, "\"pub\":{\"deny\":[\"x\"]},\"PUB\":{\"allow\":[\">\"]}")
                + "],");
    publish(c, "template pub and PUB: both read, merged", bySigningKey(spelled, sk, ""), "x", NO);
    publish(c, "template pub and PUB: the allow applies", bySigningKey(spelled, sk, ""), "y", YES);
    TestAccount exp =
        account(
            "sk" + ++keyAccounts, LIMITS + "\"signing_keys\":[" + scope(sk, "\"subs\":1e3") + "],");
    subscriptions(c, "template subs 1e3 reads as 1000", bySigningKey(exp, sk, ""), 3, YES);
    TestAccount two2 =
        account(
            "sk" + ++keyAccounts,
            LIMITS + "\"signing_keys\":[" + scope(sk, "\"subs\":5,\"subs\":2.0") + "],");
    subscriptions(
        c,
        "template subs 5, then 2.0: the last wins, read as 2",
        bySigningKey(two2, sk, ""),
        3,
        NO);
    TestAccount unscoped =
        account(
            "sk" + ++keyAccounts,
            LIMITS
                + "\"signing_keys\":["
                + scope(sk, "")
                + "],\"signing_keys\":["
                + q(sk.publicKey())
                + "],");
    connect(
        c,
        "scope, then the plain key: no longer scoped, own permissions allowed",
        bySigningKey(unscoped, sk, USER_LIMITS + "\"pub\":{\"allow\":[\"own\"]},"),
        YES);
    TestAccount scopedAgain =
        account(
            "sk" + ++keyAccounts,
            LIMITS
                + "\"signing_keys\":["
                + q(sk.publicKey())
                + "],\"signing_keys\":["
                + scope(sk, "")
                + "],");
    connect(
        c,
        "plain key, then scope: scoped, own permissions refused",
        bySigningKey(scopedAgain, sk, USER_LIMITS + "\"pub\":{\"allow\":[\"own\"]},"),
        NO);
    // A scoped user must carry no permissions at all; Go compares with reflect.DeepEqual, so an
    // allow list nulled again is nothing, and an empty one is something.
    connect(
        c,
        "scoped user whose pub allow is nulled again",
        bySigningKey(scopedAgain, sk, "\"pub\":{\"allow\":[\"a\"]},\"pub\":{\"allow\":null},"),
        YES);
    connect(
        c,
        "scoped user whose pub allow is emptied to []",
        bySigningKey(scopedAgain, sk, "\"pub\":{\"allow\":[\"a\"]},\"pub\":{\"allow\":[]},"),
        NO);
  }

  private static String scope(NKey key, String template) {
    return "{\"kind\":\"user_scope\",\"key\":"
        + q(key.publicKey())
        + ",\"role\":\"r\",\"template\":{"
        + template
        + "}}";
  }

  /**
   * A user signed by an account signing key, issuer_account set, {@code nats} as given: a scoped
   * user must carry no limits of its own.
   */
  private static RawUser bySigningKey(TestAccount acc, NKey signer, String nats) {
    return user(
        acc,
        signer,
        NKey.generate(NKeyType.USER),
        "",
        nats + "\"issuer_account\":" + q(acc.publicKey()) + ",");
  }

  private static int limitAccounts;

  private static void limits() {
    String c = "limits";
    TestAccount merged = account("lim" + ++limitAccounts, LIMITS + "\"limits\":{\"subs\":2},");
    connect(c, "account limits twice: conn -1 kept", user(merged, "", ""), YES);
    subscriptions(c, "account limits twice: subs 2 admits two", user(merged, "", ""), 2, YES);
    subscriptions(c, "account limits twice: subs 2 refuses a third", user(merged, "", ""), 3, NO);
    TestAccount upper = account("lim" + ++limitAccounts, LIMITS + "\"Limits\":{\"SUBS\":1},");
    subscriptions(c, "account Limits {SUBS 1}: case folds", user(upper, "", ""), 2, NO);
    TestAccount nulled = account("lim" + ++limitAccounts, LIMITS + "\"limits\":null,");
    connect(c, "account limits, then null: null leaves an object", user(nulled, "", ""), YES);
    TestAccount connNull =
        account(
            "lim" + ++limitAccounts,
            "\"limits\":{" + ACCOUNT_LIMITS + ",\"conn\":0,\"conn\":null},");
    connect(c, "account conn 0, then null: 0 stays", user(connNull, "", ""), NO);
    TestAccount acc = OP.account("userlimits");
    subscriptions(c, "user subs 2, then null", user(acc, "", "\"subs\":2,\"subs\":null,"), 3, NO);
    subscriptions(c, "user subs 2, then SUBS -1", user(acc, "", "\"subs\":2,\"SUBS\":-1,"), 3, YES);
    // Outside a template a number is read straight into int64: 1e3 and 2.0 are type errors.
    connect(
        c, "user subs 1e3: the type error fails the decode", user(acc, "", "\"subs\":1e3,"), NO);
    connect(
        c, "user subs 2.0: the type error fails the decode", user(acc, "", "\"subs\":2.0,"), NO);
  }

  private static void importsExports() {
    String c = "imports/exports";
    // Go decodes a second array onto the elements of the first: fields the second leaves out
    // keep the first one's values.
    TestAccount exporter =
        account(
            "expmerge",
            LIMITS
                + "\"exports\":[{\"name\":\"e\",\"subject\":\"xa.>\",\"type\":\"stream\"}],"
                + "\"exports\":[{\"subject\":\"xb.>\"}],");
    TestAccount toB =
        OP.account("impxb").addImport(Import.stream(exporter.publicKey(), "xb.a").build());
    stream(
        c,
        "exports twice: the element keeps its type, takes xb.>",
        exporter,
        toB,
        "xb.a",
        "{exports}",
        YES);
    TestAccount toA =
        OP.account("impxa").addImport(Import.stream(exporter.publicKey(), "xa.a").build());
    stream(c, "exports twice: xa.> is gone", exporter, toA, "xa.a", "{exports}", NO);

    TestAccount plain = OP.account("expplain").exportStream("ys.>");
    String imp =
        "{\"name\":\"i\",\"subject\":\"ys.a\",\"account\":"
            + q(plain.publicKey())
            + ",\"type\":\"stream\"}";
    TestAccount reused =
        account(
            "impreuse", LIMITS + "\"imports\":[" + imp + "],\"imports\":[{\"subject\":\"ys.b\"}],");
    stream(
        c,
        "imports twice: the element keeps account and type, takes ys.b",
        plain,
        reused,
        "ys.b",
        imp,
        YES);
    TestAccount nulled = account("impnull", LIMITS + "\"imports\":[" + imp + "],\"imports\":null,");
    stream(c, "imports, then null: no imports", plain, nulled, "ys.a", imp, NO);
    TestAccount upper =
        account(
            "impupper",
            LIMITS
                + "\"Imports\":[{\"name\":\"i\",\"Subject\":\"ys.c\",\"ACCOUNT\":"
                + q(plain.publicKey())
                + ",\"type\":\"stream\"}],");
    stream(
        c, "Imports with Subject and ACCOUNT: case folds", plain, upper, "ys.c", "{Imports}", YES);
    String second =
        "{\"name\":\"j\",\"subject\":\"ys.e\",\"account\":"
            + q(plain.publicKey())
            + ",\"type\":\"stream\"}";
    TestAccount shorter =
        account(
            "impshort",
            LIMITS
                + "\"imports\":["
                + imp.replace("ys.a", "ys.d")
                + ","
                + second
                + "],\"imports\":[{\"name\":\"k\"}],");
    stream(c, "imports of two, then of one: the second is cut", plain, shorter, "ys.e", second, NO);
    stream(c, "imports of two, then of one: the first stays", plain, shorter, "ys.d", second, YES);
  }

  private static void issuerAccount() {
    String c = "issuer_account";
    NKey sk = NKey.generate(NKeyType.ACCOUNT);
    TestAccount acc = account("issuer", LIMITS + "\"signing_keys\":[" + q(sk.publicKey()) + "],");
    String a = q(acc.publicKey());
    connect(
        c,
        "issuer_account, then null",
        byKey(acc, sk, "\"issuer_account\":" + a + ",\"issuer_account\":null,"),
        YES);
    connect(
        c,
        "issuer_account null, then the account",
        byKey(acc, sk, "\"issuer_account\":null,\"issuer_account\":" + a + ","),
        YES);
    connect(c, "Issuer_Account: case folds", byKey(acc, sk, "\"Issuer_Account\":" + a + ","), YES);
    connect(
        c,
        "\u0131ssuer_account (U+0131): no fold",
        byKey(acc, sk, "\"\u0131ssuer_account\":" + a + ","),
        NO);
    connect(
        c,
        "i\u017f\u017fuer_account (U+017F twice): folds to s",
        byKey(acc, sk, "\"i\u017f\u017fuer_account\":" + a + ","),
        YES);
    connect(
        c,
        "issuer_account, then \"\"",
        byKey(acc, sk, "\"issuer_account\":" + a + ",\"issuer_account\":\"\","),
        NO);
    connect(
        c,
        "issuer_account 5, then the account: the type error fails the decode",
        byKey(acc, sk, "\"issuer_account\":5,\"issuer_account\":" + a + ","),
        NO);
  }

  private static RawUser byKey(TestAccount acc, NKey signer, String nats) {
    return user(acc, signer, NKey.generate(NKeyType.USER), "", USER_LIMITS + nats);
  }

  private static void bearer() {
    String c = "bearer_token";
    TestAccount acc = OP.account("bearer");
    RawNatsClient.Signature none = RawNatsClient.Signature.NONE;
    connect(
        c,
        "true, then null: stays a bearer token",
        user(acc, "", "\"bearer_token\":true,\"bearer_token\":null,"),
        none,
        YES);
    connect(
        c,
        "true, then false",
        user(acc, "", "\"bearer_token\":true,\"bearer_token\":false,"),
        none,
        NO);
    connect(
        c,
        "false, then BEARER_TOKEN true: case folds",
        user(acc, "", "\"bearer_token\":false,\"BEARER_TOKEN\":true,"),
        none,
        YES);
    connect(c, "null alone", user(acc, "", "\"bearer_token\":null,"), none, NO);
    connect(
        c,
        "bearer_to\u212aen (Kelvin sign) true: folds to k",
        user(acc, "", "\"bearer_to\u212aen\":true,"),
        none,
        YES);
    connect(
        c,
        "true, then \"yes\": the type error fails the decode, even signed",
        user(acc, "", "\"bearer_token\":true,\"bearer_token\":\"yes\","),
        RawNatsClient.Signature.GOOD,
        NO);
  }

  // ================================================================== scenario kinds

  private static void connect(String c, String name, RawUser u, Expect e) {
    connect(c, name, u, RawNatsClient.Signature.GOOD, e);
  }

  private static void connect(
      String c, String name, RawUser u, RawNatsClient.Signature sig, Expect e) {
    SCENARIOS.add(
        new Scenario(
            c,
            "CONNECT (" + name + ")",
            u.json(),
            e,
            st -> raw(st, u, sig, ""),
            st -> {
              Verification<VerifiedUser> v = verifyUser(st, u, sig);
              String unread = st.unread().get(u.account().publicKey());
              return new Verdict(
                  v.isAccepted(),
                  unread != null
                      ? "the resolver refused the account: " + unread
                      : v.rejection().map(r -> r.rule() + ": " + r.message()).orElse("accepted"));
            }));
  }

  private static void publish(String c, String name, RawUser u, String subject, Expect e) {
    SCENARIOS.add(
        new Scenario(
            c,
            "PUB " + subject + " (" + name + ")",
            u.json(),
            e,
            st -> raw(st, u, RawNatsClient.Signature.GOOD, "PUB " + subject + " 1\r\nm\r\n"),
            st ->
                withUser(
                    st,
                    u,
                    v ->
                        new Verdict(
                            v.permissions().canPublish(subject)
                                && (v.maxPayload() == -1 || v.maxPayload() >= 1),
                            v.permissions().toString()))));
  }

  private static void subscribe(String c, String name, RawUser u, String subject, Expect e) {
    SCENARIOS.add(
        new Scenario(
            c,
            "SUB " + subject + " (" + name + ")",
            u.json(),
            e,
            st -> raw(st, u, RawNatsClient.Signature.GOOD, "SUB " + subject + " 1\r\n"),
            st ->
                withUser(
                    st,
                    u,
                    v ->
                        new Verdict(
                            v.permissions().canSubscribe(subject, "") && v.maxSubscriptions() != 0,
                            v.permissions().toString()))));
  }

  private static void subscriptions(String c, String name, RawUser u, int n, Expect e) {
    StringBuilder cmds = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      cmds.append("SUB s").append(i).append(' ').append(i).append("\r\n");
    }
    SCENARIOS.add(
        new Scenario(
            c,
            n + " SUBs (" + name + ")",
            u.json(),
            e,
            st -> raw(st, u, RawNatsClient.Signature.GOOD, cmds.toString()),
            st ->
                withUser(
                    st,
                    u,
                    v -> {
                      boolean ok = v.maxSubscriptions() == -1 || v.maxSubscriptions() >= n;
                      for (int i = 1; i <= n; i++) {
                        ok &= v.permissions().canSubscribe("s" + i, "");
                      }
                      return new Verdict(ok, "max subscriptions " + v.maxSubscriptions());
                    })));
  }

  /**
   * A stream import: a user of the exporter publishes {@code subject}, a user of the importer
   * subscribes to it; {@code json} names the hand-written part for the report.
   */
  private static void stream(
      String c,
      String name,
      TestAccount exporter,
      TestAccount importer,
      String subject,
      String json,
      Expect e) {
    TestUser pub = exporter.user("pub" + SCENARIOS.size());
    TestUser sub = importer.user("sub" + SCENARIOS.size());
    SCENARIOS.add(
        new Scenario(
            c,
            "stream " + subject + " (" + name + ")",
            json,
            e,
            st -> serverStream(st, pub, sub, subject),
            st -> verifyImport(st, importer, exporter, subject)));
  }

  // ================================================================== TrustVerifier side

  private static Verification<VerifiedUser> verifyUser(
      Stack st, RawUser u, RawNatsClient.Signature sig) {
    byte[] raw = new byte[11];
    RANDOM.nextBytes(raw);
    String nonce = B64.encodeToString(raw);
    ConnectionContext.Builder ctx =
        ConnectionContext.builder()
            .nonce(nonce)
            .clientHost("127.0.0.1")
            .connectionType(ConnectionType.STANDARD);
    switch (sig) {
      case GOOD -> ctx.signature(ConnectionContext.signNonce(nonce, u.key()));
      case WRONG_NONCE ->
          ctx.signature(ConnectionContext.signNonce(nonce + "-not-the-nonce", u.key()));
      case NONE -> {}
    }
    return st.verifier().verifyUser(u.jwt(), ctx.build());
  }

  private static Verdict withUser(
      Stack st, RawUser u, java.util.function.Function<VerifiedUser, Verdict> f) {
    Verification<VerifiedUser> v = verifyUser(st, u, RawNatsClient.Signature.GOOD);
    if (!v.isAccepted()) {
      return new Verdict(false, "connection refused: " + v.rejection().orElseThrow());
    }
    return f.apply(v.orElseThrow());
  }

  /**
   * The import of {@code subject} from the exporter, as the importer's claims read; none: denied.
   */
  private static Verdict verifyImport(
      Stack st, TestAccount importer, TestAccount exporter, String subject) {
    Verification<VerifiedAccount> acc = st.verifier().resolveAccount(importer.publicKey());
    if (!acc.isAccepted()) {
      return new Verdict(false, "importer refused: " + acc.rejection().orElseThrow());
    }
    VerifiedAccount a = acc.orElseThrow();
    Optional<Import> claim =
        a.claims().imports().stream()
            .filter(i -> i.subject().equals(subject) && i.account().equals(exporter.publicKey()))
            .findFirst();
    if (claim.isEmpty()) {
      return new Verdict(false, "no import of " + subject + " in " + a.claims().imports());
    }
    Verification<VerifiedImport> v = st.verifier().verifyImport(a, claim.get());
    return new Verdict(
        v.isAccepted(), v.rejection().map(r -> r.rule() + ": " + r.message()).orElse("authorized"));
  }

  // ================================================================== nats-server side

  /** CONNECT with the JWT, then the commands and a PING: accepted when PONG comes first. */
  private static Verdict raw(Stack st, RawUser u, RawNatsClient.Signature sig, String commands)
      throws IOException {
    char[] seed = u.key().seed();
    try {
      RawNatsClient.Answer a =
          RawNatsClient.connect(st.server().port(), u.jwt(), seed, sig, WAIT, commands);
      return new Verdict(a.accepted(), a.detail());
    } finally {
      Arrays.fill(seed, '\0');
    }
  }

  private static Connection jnats(Stack st, TestUser user)
      throws IOException, InterruptedException {
    Path creds = user.writeCreds(dir().resolve(user.account().name()));
    Options options =
        new Options.Builder()
            .server(st.server().url())
            .authHandler(Nats.credentials(creds.toString()))
            .connectionTimeout(WAIT)
            .noReconnect()
            .build();
    return Nats.connect(options);
  }

  private static Verdict serverStream(Stack st, TestUser pub, TestUser sub, String subject)
      throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Connection subscriber = jnats(st, sub);
    try {
      Connection publisher = jnats(st, pub);
      try {
        Dispatcher d = subscriber.createDispatcher(m -> events.add("delivered " + m.getSubject()));
        d.subscribe(subject);
        subscriber.flush(WAIT);
        publisher.publish(subject, "m".getBytes(UTF_8));
        publisher.flush(WAIT);
        String event = events.poll(NO_DELIVERY.toMillis(), TimeUnit.MILLISECONDS);
        return event == null
            ? new Verdict(false, "nothing within " + NO_DELIVERY)
            : new Verdict(true, event);
      } finally {
        publisher.close();
      }
    } finally {
      subscriber.close();
    }
  }
}
