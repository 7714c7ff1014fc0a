package io.github.natsjwt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerConfigTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final NKey OPERATOR = key(NKeyType.OPERATOR, 1);
  private static final NKey SYS = key(NKeyType.ACCOUNT, 2);
  private static final NKey ORDERS = key(NKeyType.ACCOUNT, 3);
  private static final NKey USER = key(NKeyType.USER, 4);
  private static final String OPERATOR_JWT =
      Jwt.encode(
          OperatorClaims.builder(OPERATOR.publicKey()).systemAccount(SYS.publicKey()).build(),
          OPERATOR,
          CLOCK);
  private static final String SYS_JWT = accountJwt(SYS, "SYS");
  private static final String ORDERS_JWT = accountJwt(ORDERS, "orders");

  @TempDir Path dir;

  @Test
  void render_memoryResolverWithPreloads_exactText() {
    ServerConfig config =
        ServerConfig.builder()
            .port(14222)
            .operator(OPERATOR_JWT)
            .systemAccount(SYS.publicKey())
            .memoryResolver()
            .preload(SYS_JWT)
            .preload(ORDERS_JWT)
            .build();

    assertEquals(
        "# nats-server configuration in operator mode, written by natsjwt\n"
            + "host: \"127.0.0.1\"\n"
            + "port: 14222\n"
            + "\n"
            + "operator: \""
            + OPERATOR_JWT
            + "\"\n"
            + "system_account: \""
            + SYS.publicKey()
            + "\"\n"
            + "resolver: MEMORY\n"
            + "resolver_preload: {\n"
            + "  \""
            + SYS.publicKey()
            + "\": \""
            + SYS_JWT
            + "\"\n"
            + "  \""
            + ORDERS.publicKey()
            + "\": \""
            + ORDERS_JWT
            + "\"\n"
            + "}\n",
        config.render());
  }

  @Test
  void render_fullResolverWithEveryOption_exactText() {
    Path jwtDir = dir.resolve("jwt");
    ServerConfig config =
        ServerConfig.builder()
            .host("localhost")
            .port(ServerConfig.RANDOM_PORT)
            .serverName("n1")
            .monitorPort(18222)
            .maxPayload(2048)
            .maxSubscriptions(0)
            .maxConnections(5)
            .debug(true)
            .trace(true)
            .logFile(dir.resolve("server.log"))
            .pidFile(dir.resolve("server.pid"))
            .operator(OPERATOR_JWT)
            .fullResolver(jwtDir)
            .allowDelete(true)
            .hardDelete(true)
            .resolverInterval(Duration.ofMinutes(2))
            .resolverLimit(100)
            .resolverTimeout(Duration.ofMillis(1900))
            .accountFile(ORDERS_JWT)
            .pinAccounts(ORDERS.publicKey(), SYS.publicKey())
            .appendRaw("ping_interval: \"1m\"")
            .build();

    assertEquals(
        "# nats-server configuration in operator mode, written by natsjwt\n"
            + "server_name: \"n1\"\n"
            + "host: \"localhost\"\n"
            + "port: -1\n"
            + "http_port: 18222\n"
            + "max_payload: 2048\n"
            + "max_subs: 0\n"
            + "max_connections: 5\n"
            + "debug: true\n"
            + "trace: true\n"
            + "log_file: \""
            + dir.resolve("server.log").toAbsolutePath()
            + "\"\n"
            + "pid_file: \""
            + dir.resolve("server.pid").toAbsolutePath()
            + "\"\n"
            + "\n"
            + "operator: \""
            + OPERATOR_JWT
            + "\"\n"
            + "resolver: {\n"
            + "  type: full\n"
            + "  dir: \""
            + jwtDir.toAbsolutePath()
            + "\"\n"
            + "  allow_delete: true\n"
            + "  hard_delete: true\n"
            + "  interval: \"120s\"\n"
            + "  limit: 100\n"
            + "  timeout: \"1900ms\"\n"
            + "}\n"
            + "resolver_pinned_accounts: [\""
            + ORDERS.publicKey()
            + "\", \""
            + SYS.publicKey()
            + "\"]\n"
            + "\n"
            + "ping_interval: \"1m\"\n",
        config.render());
  }

  @Test
  void render_cacheResolver_typeCacheWithTtl() {
    ServerConfig config =
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .cacheResolver(dir)
            .resolverTtl(Duration.ofSeconds(90))
            .resolverLimit(10)
            .build();

    String text = config.render();

    assertTrue(
        text.contains(
            "resolver: {\n  type: cache\n  dir: \""
                + dir.toAbsolutePath()
                + "\"\n"
                + "  limit: 10\n  ttl: \"90s\"\n}\n"),
        text);
  }

  @Test
  void render_severalOperators_list() {
    Path file = dir.resolve("op.jwt");
    ServerConfig config =
        ServerConfig.builder().operator(OPERATOR_JWT).operatorFile(file).memoryResolver().build();

    assertTrue(
        config
            .render()
            .contains(
                "operator: [\n  \""
                    + OPERATOR_JWT
                    + "\"\n  \""
                    + file.toAbsolutePath()
                    + "\"\n]\n"));
    assertEquals(List.of(OPERATOR_JWT, file.toAbsolutePath().toString()), config.operators());
  }

  @Test
  void serverVersion_severalOperatorsOn29_refusedWithReason() {
    Path file = dir.resolve("op.jwt");
    ServerConfig.Builder b =
        ServerConfig.builder().operator(OPERATOR_JWT).operatorFile(file).memoryResolver();

    // Observed: 2.9.10 exits with this parse error on any operator list; 2.10.27 and 2.14.5 start.
    ServerConfigException e =
        assertThrows(ServerConfigException.class, () -> b.serverVersion("2.9.10").build());
    assertEquals(
        "nats-server 2.9.10 accepts one trusted operator, not a list of 2 (it refuses to start:"
            + " \"error parsing operators: unsupported type []interface {}\"); run one server per"
            + " operator, or nats-server 2.10 or later",
        e.getMessage());
    assertEquals(Optional.of("2.10.27"), b.serverVersion("v2.10.27").build().serverVersion());
    assertEquals(2, b.serverVersion("2.14.5").build().operators().size());
    assertEquals(Optional.empty(), b.serverVersion(null).build().serverVersion());
    assertEquals(
        1,
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .serverVersion("2.9.10")
            .build()
            .operators()
            .size());
    ServerConfigException bad =
        assertThrows(ServerConfigException.class, () -> b.serverVersion("2.10"));
    assertEquals(
        "the nats-server version must be major.minor.patch (for example 2.10.27), got 2.10",
        bad.getMessage());
  }

  @Test
  void render_cluster_blockWithRoutesOnTheClientHost() {
    ServerConfig config =
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .cluster("c1", 6222)
            .route(6223)
            .route(6224)
            .build();

    assertTrue(
        config
            .render()
            .contains(
                "cluster: {\n"
                    + "  name: \"c1\"\n"
                    + "  host: \"127.0.0.1\"\n"
                    + "  port: 6222\n"
                    + "  routes: [\n"
                    + "    \"nats-route://127.0.0.1:6223\"\n"
                    + "    \"nats-route://127.0.0.1:6224\"\n"
                    + "  ]\n"
                    + "}\n"),
        config.render());
    assertEquals(Optional.of("c1"), config.clusterName());
    assertEquals(
        List.of("nats-route://127.0.0.1:6223", "nats-route://127.0.0.1:6224"), config.routes());
    ServerConfig alone = config.toBuilder().noCluster().build();
    assertFalse(alone.render().contains("cluster"));
    assertEquals(List.of(), alone.routes());
  }

  @Test
  void cluster_badSettings_throwWithMessage() {
    assertEquals(
        "routes need a cluster: call cluster(name, port) as well",
        assertThrows(
                ServerConfigException.class,
                () -> ServerConfig.builder().operator(OPERATOR_JWT).route(6223).build())
            .getMessage());
    assertEquals(
        "the cluster port must be 1 to 65535, got 0",
        assertThrows(ServerConfigException.class, () -> ServerConfig.builder().cluster("c", 0))
            .getMessage());
    assertEquals(
        "the cluster name must not be blank",
        assertThrows(ServerConfigException.class, () -> ServerConfig.builder().cluster(" ", 1))
            .getMessage());
  }

  static Stream<Arguments> quotedValues() {
    // The server's lexer, inside double quotes, knows only \\ \" \t \n \r and \xHH; $ and # are
    // plain characters there, and UTF-8 passes through.
    return Stream.of(
        Arguments.of("plain", "\"plain\""),
        Arguments.of("a\"b", "\"a\\\"b\""),
        Arguments.of("back\\slash", "\"back\\\\slash\""),
        Arguments.of("tab\tnl\ncr\r", "\"tab\\tnl\\ncr\\r\""),
        Arguments.of("bell\u0007del\u007f", "\"bell\\x07del\\x7f\""),
        Arguments.of("$HOME # not a comment // nor this", "\"$HOME # not a comment // nor this\""),
        Arguments.of("héllo ☃", "\"héllo ☃\""),
        Arguments.of("", "\"\""));
  }

  @ParameterizedTest
  @MethodSource("quotedValues")
  void quote_specialCharacters_serverEscapes(String value, String expected) {
    assertEquals(expected, ServerConfig.quote(value));
  }

  @Test
  void render_serverNameWithSpecialCharacters_quotedOnce() {
    ServerConfig config =
        ServerConfig.builder().serverName("a \"b\"").operator(OPERATOR_JWT).build();

    assertTrue(config.render().contains("server_name: \"a \\\"b\\\"\"\n"), config.render());
  }

  @Test
  void goDuration_eachUnit_largestExactUnit() {
    assertEquals("60s", ServerConfig.goDuration(Duration.ofMinutes(1)));
    assertEquals("1500ms", ServerConfig.goDuration(Duration.ofMillis(1500)));
    assertEquals("7us", ServerConfig.goDuration(Duration.ofNanos(7000)));
    assertEquals("5ns", ServerConfig.goDuration(Duration.ofNanos(5)));
  }

  @Test
  void write_fullResolver_configAndAccountFilesInStoreLayout() throws Exception {
    Path jwtDir = dir.resolve("store");
    Path conf = dir.resolve("etc/server.conf");
    ServerConfig config =
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .systemAccount(SYS.publicKey())
            .fullResolver(jwtDir)
            .accountFile(SYS_JWT)
            .accountFile(ORDERS_JWT)
            .build();

    config.write(conf);

    assertEquals(config.render(), Files.readString(conf, StandardCharsets.UTF_8));
    // Section 1.3: flat, <KEY>.jwt, the raw token without a line break.
    assertEquals(SYS_JWT, Files.readString(jwtDir.resolve(SYS.publicKey() + ".jwt")));
    assertEquals(ORDERS_JWT, Files.readString(jwtDir.resolve(ORDERS.publicKey() + ".jwt")));
    try (Stream<Path> files = Files.list(jwtDir)) {
      assertEquals(2, files.count());
    }
  }

  @Test
  void writeAccountFiles_noFiles_writesNothing() {
    ServerConfig config =
        ServerConfig.builder().operator(OPERATOR_JWT).fullResolver(dir.resolve("x")).build();

    assertEquals(List.of(), config.writeAccountFiles());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void write_unwritablePath_throwsServerConfigException() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    ServerConfig config = ServerConfig.builder().operator(OPERATOR_JWT).build();

    ServerConfigException e =
        assertThrows(
            ServerConfigException.class, () -> config.write(blocker.resolve("server.conf")));

    assertTrue(
        e.getMessage().startsWith("cannot write the server configuration to "), e.getMessage());
  }

  @Test
  void preload_keyTakenFromSubject_andPairAsGiven() {
    ServerConfig config =
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .memoryResolver()
            .preload(ORDERS_JWT)
            .preload(SYS.publicKey(), ORDERS_JWT)
            .build();

    assertEquals(
        Map.of(ORDERS.publicKey(), ORDERS_JWT, SYS.publicKey(), ORDERS_JWT), config.preloads());
  }

  @Test
  void preload_userJwt_throwsNamingTheType() {
    String userJwt = Jwt.encode(UserClaims.builder(USER.publicKey()).build(), ORDERS, CLOCK);

    ServerConfigException e =
        assertThrows(ServerConfigException.class, () -> ServerConfig.builder().preload(userJwt));

    assertEquals(
        "a preloaded JWT must be an account JWT, but it holds user claims about "
            + USER.publicKey(),
        e.getMessage());
  }

  @Test
  void preload_notAJwt_throwsMalformed() {
    assertThrows(MalformedJwtException.class, () -> ServerConfig.builder().preload("eyJ.x"));
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.clearOperators(), ServerConfig.NO_OPERATOR),
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.preload(ORDERS_JWT),
            ServerConfig.PRELOAD_WITHOUT_RESOLVER),
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.memoryResolver().accountFile(ORDERS_JWT),
            ServerConfig.FILES_WITHOUT_DIRECTORY),
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.memoryResolver().allowDelete(true),
            "a memory resolver does not accept allow_delete (nats-server refuses it); allow_delete,"
                + " hard_delete and interval belong to fullResolver(dir)"),
        Arguments.of(
            (Consumer<ServerConfig.Builder>)
                b -> b.fullResolver(Path.of("d")).resolverTtl(Duration.ofMinutes(1)),
            "a full resolver does not accept ttl (nats-server refuses it); ttl belongs to"
                + " cacheResolver(dir)"),
        Arguments.of(
            (Consumer<ServerConfig.Builder>)
                b -> b.cacheResolver(Path.of("d")).resolverInterval(Duration.ofMinutes(1)),
            "a cache resolver does not accept interval (nats-server refuses it); allow_delete,"
                + " hard_delete and interval belong to fullResolver(dir)"),
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.resolverLimit(3),
            "a missing resolver does not accept limit (nats-server refuses it); limit and timeout"
                + " belong to fullResolver(dir) and cacheResolver(dir)"),
        Arguments.of(
            (Consumer<ServerConfig.Builder>) b -> b.fullResolver(Path.of("d")).hardDelete(true),
            ServerConfig.HARD_DELETE_NEEDS_ALLOW));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void build_settingsThatDoNotFit_throwWithMessage(
      Consumer<ServerConfig.Builder> change, String message) {
    ServerConfig.Builder b = ServerConfig.builder().operator(OPERATOR_JWT);
    change.accept(b);

    ServerConfigException e = assertThrows(ServerConfigException.class, b::build);

    assertEquals(message, e.getMessage());
  }

  @Test
  void setters_badValues_throwWithMessage() {
    ServerConfig.Builder b = ServerConfig.builder();

    assertEquals(
        "port must be 1 to 65535 or -1 (any free port), got 0",
        assertThrows(ServerConfigException.class, () -> b.port(0)).getMessage());
    assertEquals(
        "max_payload must be at least 1, got 0",
        assertThrows(ServerConfigException.class, () -> b.maxPayload(0)).getMessage());
    assertEquals(
        "the resolver timeout must be a positive duration, got PT0S",
        assertThrows(ServerConfigException.class, () -> b.resolverTimeout(Duration.ZERO))
            .getMessage());
    assertEquals(
        "the resolver ttl is too long for nats-server: PT2562047788015215H30M7.999999999S (at most"
            + " about 292 years)",
        assertThrows(
                ServerConfigException.class,
                () -> b.resolverTtl(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)))
            .getMessage());
    assertEquals(
        "host must not be blank",
        assertThrows(ServerConfigException.class, () -> b.host(" ")).getMessage());
    assertEquals(
        ServerConfig.NOT_INLINE_JWT,
        assertThrows(ServerConfigException.class, () -> b.operator("/etc/op.jwt")).getMessage());
  }

  @Test
  void systemAccount_userKey_throwsShowingThePublicKey() {
    ServerConfigException e =
        assertThrows(
            ServerConfigException.class,
            () -> ServerConfig.builder().systemAccount(USER.publicKey()));

    assertEquals(
        "the system account must be an account public key (56 characters starting with \"A\"),"
            + " got the USER public key "
            + USER.publicKey(),
        e.getMessage());
  }

  @Test
  void systemAccount_seed_throwsWithoutShowingIt() {
    String seed = new String(SYS.seed());

    ServerConfigException e =
        assertThrows(ServerConfigException.class, () -> ServerConfig.builder().systemAccount(seed));

    assertFalse(e.getMessage().contains(seed.substring(2, 10)), e.getMessage());
    assertTrue(e.getMessage().endsWith("got a value of 58 characters that is no public key"));
  }

  @Test
  void toString_noTokens() {
    ServerConfig config =
        ServerConfig.builder().operator(OPERATOR_JWT).memoryResolver().preload(ORDERS_JWT).build();

    assertEquals(
        "ServerConfig[host=127.0.0.1, port=4222, operators=1, systemAccount=(from operator),"
            + " resolver=MEMORY, preloads=1, accountFiles=0]",
        config.toString());
  }

  @Test
  void toBuilder_roundTrip_equalAndIndependent() {
    ServerConfig config =
        ServerConfig.builder()
            .serverName("x")
            .operator(OPERATOR_JWT)
            .systemAccount(SYS.publicKey())
            .fullResolver(dir)
            .allowDelete(true)
            .accountFile(ORDERS_JWT)
            .build();

    ServerConfig copy = config.toBuilder().build();
    ServerConfig changed = config.toBuilder().clearAccountFiles().build();

    assertEquals(config, copy);
    assertEquals(config.hashCode(), copy.hashCode());
    assertNotEquals(config, changed);
    assertEquals(1, config.accountFiles().size());
    assertEquals(dir, config.resolverDirectory().orElseThrow());
    assertEquals(ServerConfig.ResolverType.FULL, config.resolverType().orElseThrow());
  }

  private static NKey key(NKeyType type, int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return NKey.fromRawSeed(type, seed);
  }

  private static String accountJwt(NKey account, String name) {
    return Jwt.encode(
        AccountClaims.builder(account.publicKey()).name(name).build(), OPERATOR, CLOCK);
  }

  // ------------------------------------------------------------------ config mode, auth callout

  @Test
  void render_configModeWithCallout_writesAccountsAndAuthorization() {
    NKey issuer = NKey.generate(NKeyType.ACCOUNT);
    NKey xkey = NKey.generate(NKeyType.CURVE);
    ServerConfig config =
        ServerConfig.builder()
            .port(14222)
            .configUser("AUTH", "callout", "p\"w")
            .configAccount("APP")
            .authCallout(
                ServerConfig.AuthCallout.of(issuer.publicKey(), "AUTH", "callout")
                    .withXkey(xkey.publicKey())
                    .withAllowedAccounts("APP"))
            .build();

    assertTrue(config.isConfigMode());
    String text = config.render();
    assertTrue(text.contains("\"AUTH\"") && text.contains("\"APP\""), text);
    // The password is written as a bcrypt hash that the server checks "p\"w" against.
    java.util.regex.Matcher hash =
        java.util.regex.Pattern.compile("password: \"(\\$2a\\$[^\"]+)\"").matcher(text);
    assertTrue(hash.find(), text);
    assertTrue(ConfigUser.checkPassword(hash.group(1), "p\"w".toCharArray()));
    assertTrue(
        text.endsWith(
            "authorization: {\n"
                + "  auth_callout: {\n"
                + "    issuer: \""
                + issuer.publicKey()
                + "\"\n"
                + "    account: \"AUTH\"\n"
                + "    auth_users: [\"callout\"]\n"
                + "    xkey: \""
                + xkey.publicKey()
                + "\"\n"
                + "    allowed_accounts: [\"APP\"]\n"
                + "  }\n"
                + "}\n"),
        text);
    assertEquals(config, config.toBuilder().build());
  }

  static Stream<Arguments> badCallouts() {
    String issuer = NKey.generate(NKeyType.ACCOUNT).publicKey();
    return Stream.of(
        Arguments.of(
            ServerConfig.AuthCallout.of(issuer, "NOPE", "callout"),
            "auth_callout account \"NOPE\" is not an account of this configuration; add it with"
                + " account(ConfigAccount) or configUser(...)"),
        Arguments.of(
            ServerConfig.AuthCallout.of(issuer, "AUTH"), ServerConfig.CALLOUT_NO_AUTH_USERS),
        Arguments.of(
            ServerConfig.AuthCallout.of(issuer, "AUTH", "ghost"),
            "auth_callout auth_users names \"ghost\", who is no user of any account of this"
                + " configuration"),
        Arguments.of(
            ServerConfig.AuthCallout.of(issuer, "AUTH", "callout").withXkey(issuer),
            "auth_callout xkey must be a curve public key (56 characters starting with \"X\"), got"
                + " the ACCOUNT public key "
                + issuer));
  }

  @Test
  void render_calloutWithTimeout_writesAuthorizationTimeoutInSeconds() {
    NKey issuer = NKey.generate(NKeyType.ACCOUNT);
    ServerConfig.AuthCallout callout =
        ServerConfig.AuthCallout.of(issuer.publicKey(), "AUTH", "callout")
            .withTimeout(java.time.Duration.ofMillis(7500));
    String text =
        ServerConfig.builder()
            .configUser("AUTH", "callout", "pw")
            .authCallout(callout)
            .build()
            .render();

    assertTrue(text.contains("authorization: {\n  timeout: 7.5\n  auth_callout: {\n"), text);
    assertThrows(
        IllegalArgumentException.class, () -> callout.withTimeout(java.time.Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> callout.withTimeout(java.time.Duration.ofHours(1)));
  }

  @ParameterizedTest
  @MethodSource("badCallouts")
  void build_badCallout_throwsNamingTheSetting(ServerConfig.AuthCallout callout, String message) {
    ServerConfig.Builder b =
        ServerConfig.builder().configUser("AUTH", "callout", "pw").authCallout(callout);
    assertEquals(message, assertThrows(ServerConfigException.class, b::build).getMessage());
  }

  @Test
  void build_calloutWithOperator_throws() {
    ServerConfig.Builder b =
        ServerConfig.builder()
            .operator(OPERATOR_JWT)
            .configUser("AUTH", "callout", "pw")
            .authCallout(
                ServerConfig.AuthCallout.of(
                    NKey.generate(NKeyType.ACCOUNT).publicKey(), "AUTH", "callout"));
    assertEquals(
        ServerConfig.CALLOUT_WITH_OPERATOR,
        assertThrows(ServerConfigException.class, b::build).getMessage());
  }

  @Test
  void build_allowedAccountsOn2_10_throws() {
    ServerConfig.Builder b =
        ServerConfig.builder()
            .serverVersion("2.10.27")
            .configUser("AUTH", "callout", "pw")
            .authCallout(
                ServerConfig.AuthCallout.of(
                        NKey.generate(NKeyType.ACCOUNT).publicKey(), "AUTH", "callout")
                    .withAllowedAccounts("APP"));
    assertEquals(
        "nats-server 2.10.27 has no auth_callout allowed_accounts in config mode (2.11 and later)",
        assertThrows(ServerConfigException.class, b::build).getMessage());
  }
}
