package io.github.natsjwt.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.config.ConfigAccount;
import io.github.natsjwt.config.ConfigUser;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.ServerProfile;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Config-mode agreement: a {@link ServerConfig} with accounts, NKey and password users, permission
 * blocks, connection types, exports/imports and {@code no_auth_user} is written, read by each
 * nats-server series (2.9.10, 2.10.27, 2.14.5), and every scenario is decided twice: by the live
 * server through a real jnats client (authenticated with {@link NatsAuth#nkey}), and by {@link
 * EffectivePermissions#ofConfigUser} with that server's {@link ServerProfile}. Test names start
 * with the deciding server's version.
 */
@NatsServerTest
@SuppressWarnings("try") // jnats Connection.close() throws InterruptedException
class ConfigModeAgreementTest {
  private static final Duration WAIT = Duration.ofSeconds(2);
  private static final char[] PASSWORD = "s3cret $word #1".toCharArray();

  /** What the client does. */
  enum Kind {
    PUB,
    SUB,
    REPLY
  }

  /**
   * One row: a user with these permissions does this, and the server should decide so.
   *
   * @param subject PUB: the subject; SUB: the pattern subscribed to; REPLY: the request subject
   * @param probe SUB: a literal subject matching the pattern, published to by the observer
   */
  record Scenario(
      String name,
      Permissions perms,
      Kind kind,
      String subject,
      String queue,
      String probe,
      boolean expected,
      NKey key) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Scenario> SCENARIOS = new ArrayList<>();

  private static final NKey OBSERVER = NKey.generate(NKeyType.USER);
  private static final NKey WS_ONLY = NKey.generate(NKeyType.USER);
  private static final NKey STANDARD_ONLY = NKey.generate(NKeyType.USER);
  private static final NKey SOURCE = NKey.generate(NKeyType.USER);

  static {
    // The example block.
    Permissions orders =
        Permissions.of(
            Permission.allowing("orders.>", "users.signup"),
            new Permission(List.of("events.>"), List.of("events.audit.>")));
    pub("allow list: listed pattern", orders, "orders.new", true);
    pub("allow list: second entry", orders, "users.signup", true);
    pub("allow list closes the rest", orders, "users.delete", false);
    sub("subscribe allow", orders, "events.shipped", "", "events.shipped", true);
    sub("subscribe deny wins over allow", orders, "events.audit.x", "", "events.audit.x", false);
    sub("subscribe deny pattern", orders, "events.audit.>", "", "events.audit.y", false);
    sub("subscribe outside allow", orders, "billing.x", "", "billing.x", false);

    Permissions denyOnly =
        Permissions.of(new Permission(List.of(), List.of("orders.secret")), Permission.EMPTY);
    pub("publish deny only: denied", denyOnly, "orders.secret", false);
    pub("publish deny only: rest open", denyOnly, "orders.other", true);
    sub("publish rules leave subscribe open", denyOnly, "orders.secret", "", "orders.secret", true);

    Permissions precedence =
        Permissions.of(
            new Permission(List.of("orders.>"), List.of("orders.secret")), Permission.EMPTY);
    pub("deny precedence over allow", precedence, "orders.secret", false);
    pub("allow beside deny", precedence, "orders.public", true);

    Permissions star = Permissions.of(Permission.allowing("orders.*"), Permission.EMPTY);
    pub("* matches one token", star, "orders.a", true);
    pub("* does not match two tokens", star, "orders.a.b", false);
    pub("* does not match the prefix alone", star, "orders", false);

    Permissions leadingStar = Permissions.of(Permission.allowing("*.b"), Permission.EMPTY);
    pub("leading *", leadingStar, "a.b", true);

    Permissions everything =
        Permissions.of(new Permission(List.of(">"), List.of("a.>")), Permission.EMPTY);
    pub("> allow with a.> deny", everything, "a.b.c", false);
    pub("> allow elsewhere", everything, "b.c", true);

    Permissions queues = Permissions.of(Permission.EMPTY, Permission.allowing("work.* workers"));
    sub("queue entry, that queue", queues, "work.x", "workers", "work.x", true);
    sub("queue entry, no queue", queues, "work.x", "", "work.x", false);
    sub("queue entry, other queue", queues, "work.x", "others", "work.x", false);

    Permissions subDeny =
        Permissions.of(Permission.EMPTY, new Permission(List.of(), List.of("work.x")));
    sub("subscribe deny only: denied", subDeny, "work.x", "", "work.x", false);
    sub("subscribe deny only: rest open", subDeny, "work.y", "", "work.y", true);
    pub("subscribe rules leave publish open", subDeny, "work.x", true);

    Permissions narrow = Permissions.of(Permission.EMPTY, Permission.allowing("a.*"));
    // The server matches the subscribed pattern token by token: a.* matches the literal token ">".
    sub("wider pattern than allowed, matched token-wise", narrow, "a.>", "", "a.b", true);
    Permissions wide = Permissions.of(Permission.EMPTY, Permission.allowing("a.>"));
    sub("narrower pattern than allowed", wide, "a.*", "", "a.b", true);

    Permissions literalDeny =
        Permissions.of(Permission.EMPTY, new Permission(List.of("a.b.c"), List.of("a.*.c")));
    sub("literal allow, pattern deny", literalDeny, "a.b.c", "", "a.b.c", false);

    Permissions responses =
        Permissions.of(
            Permission.EMPTY, Permission.EMPTY, new ResponsePermission(1, Duration.ZERO));
    pub("allow_responses closes publishing", responses, "other", false);
    add("allow_responses: reply to a request", responses, Kind.REPLY, "svc.req", "", "", true);
    Permissions responsesAndAllow =
        Permissions.of(
            Permission.allowing("status"),
            Permission.EMPTY,
            new ResponsePermission(3, Duration.ofSeconds(30)));
    pub("allow_responses with an allow list", responsesAndAllow, "status", true);
    pub("allow_responses with an allow list, elsewhere", responsesAndAllow, "other", false);

    Permissions denyAll = Permissions.of(new Permission(List.of(), List.of(">")), Permission.EMPTY);
    pub("publish deny >", denyAll, "anything", false);
  }

  private static void pub(String name, Permissions p, String subject, boolean expected) {
    add(name, p, Kind.PUB, subject, "", "", expected);
  }

  private static void sub(
      String name, Permissions p, String pattern, String queue, String probe, boolean expected) {
    add(name, p, Kind.SUB, pattern, queue, probe, expected);
  }

  private static void add(
      String name,
      Permissions p,
      Kind kind,
      String subject,
      String queue,
      String probe,
      boolean expected) {
    SCENARIOS.add(
        new Scenario(name, p, kind, subject, queue, probe, expected, NKey.generate(NKeyType.USER)));
  }

  /** The configuration every series reads: one server per series serves every scenario. */
  static ServerConfig config() {
    ConfigAccount.Builder app =
        ConfigAccount.builder("APP")
            .user(ConfigUser.nkey(OBSERVER.publicKey()).build())
            .user(ConfigUser.password("pw", PASSWORD, 4).build())
            .user(
                ConfigUser.withoutPassword("anon")
                    .permissions(Permissions.of(Permission.allowing("public.>"), Permission.EMPTY))
                    .build())
            .user(
                ConfigUser.nkey(WS_ONLY.publicKey())
                    .allowedConnectionTypes(ConnectionType.WEBSOCKET)
                    .build())
            .user(
                ConfigUser.nkey(STANDARD_ONLY.publicKey())
                    .allowedConnectionTypes(ConnectionType.STANDARD)
                    .build())
            .importStream("SRC", "feed.>", "")
            .importService("SRC", "svc.echo", "echo");
    for (Scenario s : SCENARIOS) {
      app.user(ConfigUser.nkey(s.key().publicKey()).permissions(s.perms()).build());
    }
    ConfigAccount src =
        ConfigAccount.builder("SRC")
            .user(ConfigUser.nkey(SOURCE.publicKey()).build())
            .exportStream("feed.>")
            .exportService("svc.echo")
            .build();
    return ServerConfig.builder()
        .port(ServerConfig.RANDOM_PORT)
        .account(app.build())
        .account(src)
        .account(ConfigAccount.builder("SYS").build())
        .systemAccountName("SYS")
        .noAuthUser("anon")
        .build();
  }

  private static final Map<String, NatsServer> SERVERS = new HashMap<>();

  private static NatsServer server(NatsServerVersion version) {
    return SERVERS.computeIfAbsent(version.series(), s -> version.start(config()));
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(NatsServer::close);
    SERVERS.clear();
  }

  static Stream<Arguments> scenarios() {
    return NatsServerVersion.all().stream()
        .flatMap(v -> SCENARIOS.stream().map(s -> Arguments.of(Named.of(v.label(), v), s)));
  }

  static Stream<Arguments> versions() {
    return NatsServerVersion.all().stream().map(v -> Arguments.of(Named.of(v.label(), v)));
  }

  @Test
  void scenarios_atLeastTwentyPermissionCases() {
    assertTrue(SCENARIOS.size() >= 20, "only " + SCENARIOS.size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scenarios")
  void serverAndEffectivePermissions_decideAlike(NatsServerVersion version, Scenario s)
      throws Exception {
    version.assumeInstalled();
    NatsServer server = server(version);
    EffectivePermissions ours = EffectivePermissions.ofConfigUser(s.perms(), version.profile());
    boolean predicted =
        switch (s.kind()) {
          case PUB -> ours.canPublish(s.subject());
          case SUB -> ours.canSubscribe(s.subject(), s.queue());
          case REPLY -> ours.responsePermission().isPresent();
        };
    boolean live = live(server, s);
    String v = version.version().orElse(version.series());
    if (live != predicted) {
      fail(
          String.format(
              "DISAGREEMENT in [%s]: nats-server %s says %s, EffectivePermissions (%s) says %s",
              s, v, live, version.profile(), predicted));
    }
    assertEquals(s.expected(), live, () -> "scenario [" + s + "] on nats-server " + v);
  }

  @ParameterizedTest(name = "{0} password user: right password connects, wrong one is refused")
  @MethodSource("versions")
  void passwordUser_bcryptHashAccepted(NatsServerVersion version) throws Exception {
    version.assumeInstalled();
    NatsServer server = server(version);
    ConfigUser pw = config().accounts().get(0).user("pw").orElseThrow();
    assertTrue(pw.passwordHash().orElseThrow().startsWith("$2a$04$"));
    assertTrue(ConfigUser.checkPassword(pw.passwordHash().orElseThrow(), PASSWORD));
    try (Connection c =
        connect(server, new Options.Builder().userInfo("pw", new String(PASSWORD)))) {
      assertEquals(Connection.Status.CONNECTED, c.getStatus());
    }
    assertTrue(refused(server, new Options.Builder().userInfo("pw", "wrong")));
    assertTrue(!ConfigUser.checkPassword(pw.passwordHash().orElseThrow(), "wrong".toCharArray()));
  }

  @ParameterizedTest(name = "{0} no_auth_user: a client without credentials connects")
  @MethodSource("versions")
  void noAuthUser_anonymousClientConnects(NatsServerVersion version) throws Exception {
    version.assumeInstalled();
    EffectivePermissions anon =
        EffectivePermissions.ofConfigUser(
            config().accounts().get(0).user("anon").orElseThrow().permissions(), version.profile());
    BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    try (Connection c =
            connect(server(version), new Options.Builder().errorListener(listener(errors)));
        Connection observer =
            connect(server(version), new Options.Builder().authHandler(NatsAuth.nkey(OBSERVER)))) {
      assertEquals(Connection.Status.CONNECTED, c.getStatus());
      // The client is the no_auth_user, with its permissions.
      for (String subject : List.of("public.news", "private.news")) {
        Subscription seen = observer.subscribe(subject);
        observer.flush(WAIT);
        c.publish(subject, "x".getBytes(UTF_8));
        c.flush(WAIT);
        assertEquals(anon.canPublish(subject), outcome(seen, errors), subject);
      }
      assertTrue(anon.canPublish("public.news") && !anon.canPublish("private.news"));
    }
  }

  @ParameterizedTest(
      name = "{0} allowed_connection_types: STANDARD connects, WEBSOCKET-only refused")
  @MethodSource("versions")
  void allowedConnectionTypes_decideStandardClients(NatsServerVersion version) throws Exception {
    version.assumeInstalled();
    NatsServer server = server(version);
    try (Connection c =
        connect(server, new Options.Builder().authHandler(NatsAuth.nkey(STANDARD_ONLY)))) {
      assertEquals(Connection.Status.CONNECTED, c.getStatus());
    }
    assertTrue(refused(server, new Options.Builder().authHandler(NatsAuth.nkey(WS_ONLY))));
  }

  @ParameterizedTest(name = "{0} exports and imports: stream delivered, service answered")
  @MethodSource("versions")
  void exportsAndImports_crossAccounts(NatsServerVersion version) throws Exception {
    version.assumeInstalled();
    NatsServer server = server(version);
    try (Connection app =
            connect(server, new Options.Builder().authHandler(NatsAuth.nkey(OBSERVER)));
        Connection src =
            connect(server, new Options.Builder().authHandler(NatsAuth.nkey(SOURCE)))) {
      Subscription feed = app.subscribe("feed.>");
      io.nats.client.Dispatcher d =
          src.createDispatcher(
              m ->
                  src.publish(
                      m.getReplyTo(), ("echo " + new String(m.getData(), UTF_8)).getBytes(UTF_8)));
      d.subscribe("svc.echo");
      app.flush(WAIT);
      src.flush(WAIT);
      src.publish("feed.orders", "hello".getBytes(UTF_8));
      Message m = feed.nextMessage(WAIT);
      assertTrue(m != null && "feed.orders".equals(m.getSubject()), "stream import not delivered");
      Message reply = app.request("echo", "ping".getBytes(UTF_8), WAIT);
      assertTrue(reply != null, "service import not answered");
      assertEquals("echo ping", new String(reply.getData(), UTF_8));
    }
  }

  // ------------------------------------------------------------------ live side

  private static boolean live(NatsServer server, Scenario s) throws Exception {
    BlockingQueue<String> errors = new LinkedBlockingQueue<>();
    Options.Builder ob =
        new Options.Builder().authHandler(NatsAuth.nkey(s.key())).errorListener(listener(errors));
    try (Connection user = connect(server, ob);
        Connection observer =
            connect(server, new Options.Builder().authHandler(NatsAuth.nkey(OBSERVER)))) {
      switch (s.kind()) {
        case PUB -> {
          Subscription seen = observer.subscribe(s.subject());
          observer.flush(WAIT);
          user.publish(s.subject(), "x".getBytes(UTF_8));
          user.flush(WAIT);
          return outcome(seen, errors);
        }
        case SUB -> {
          Subscription got =
              s.queue().isEmpty()
                  ? user.subscribe(s.subject())
                  : user.subscribe(s.subject(), s.queue());
          user.flush(WAIT);
          observer.publish(s.probe(), "x".getBytes(UTF_8));
          observer.flush(WAIT);
          return outcome(got, errors);
        }
        case REPLY -> {
          Subscription requests = user.subscribe(s.subject());
          user.flush(WAIT);
          Subscription replies = observer.subscribe("reply.inbox");
          observer.flush(WAIT);
          observer.publish(s.subject(), "reply.inbox", "q".getBytes(UTF_8));
          Message req = requests.nextMessage(WAIT);
          if (req == null) {
            fail("the request did not reach the user");
          }
          user.publish(req.getReplyTo(), "a".getBytes(UTF_8));
          user.flush(WAIT);
          return outcome(replies, errors);
        }
        default -> throw new AssertionError(s.kind());
      }
    }
  }

  /** Delivered: allowed. A permissions violation: denied. Neither within the wait: a failure. */
  private static boolean outcome(Subscription sub, BlockingQueue<String> errors)
      throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      String e = errors.poll();
      if (e != null) {
        if (e.toLowerCase(java.util.Locale.ROOT).contains("permissions violation")) {
          return false;
        }
        fail("unexpected error from the server: " + e);
      }
      if (sub.nextMessage(Duration.ofMillis(20)) != null) {
        return true;
      }
    }
    // A subscription with a deny pattern is accepted and then filters; delivery never came.
    return false;
  }

  private static ErrorListener listener(BlockingQueue<String> errors) {
    return new ErrorListener() {
      @Override
      public void errorOccurred(Connection conn, String error) {
        errors.add(error);
      }
    };
  }

  private static Connection connect(NatsServer server, Options.Builder ob) throws Exception {
    return Nats.connect(ob.server(server.url()).connectionTimeout(WAIT).noReconnect().build());
  }

  private static boolean refused(NatsServer server, Options.Builder ob) {
    try (Connection c = connect(server, ob)) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }
}
