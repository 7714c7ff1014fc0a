package io.github.natsjwt.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.claims.ClusterTraffic;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.MsgTrace;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.claims.WeightedMapping;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.ServerProfile;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import io.github.natsjwt.trust.VerifiedImport;
import io.github.natsjwt.trust.VerifiedUser;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * The agreement matrix: every scenario is decided on every nats-server series ({@link
 * NatsServerVersion#all()}: 2.9.10, 2.10.27 and 2.14.5 on the build machines) twice, by the live
 * server through real clients, and by {@link TrustVerifier} with that server's {@link
 * ServerProfile} over the very same operator, account and user JWTs. Each scenario asserts that the
 * server decides as spec trust-chain.md says for its version, and that the verifier decides the
 * same. Test names start with the deciding server's version, for example {@code [2.14.5]}.
 *
 * <p>Per series, two servers serve every scenario, one per trusted operator (one of them strict
 * about signing keys; 2.9.10 reads one operator only), every account preloaded into its memory
 * resolver. Connect verdicts come from jnats when a signed connection is expected to succeed, and
 * otherwise from {@link RawNatsClient}, which learns of a refusal at once (jnats waits for its
 * connection timeout). Publish and subscribe verdicts come from jnats: a message delivered, or the
 * permissions violation the server reports.
 */
@NatsServerTest
class ServerAgreementTest {
  /** Bound on every wait for an answer that should come. */
  private static final Duration WAIT = Duration.ofSeconds(2);

  /** How long to wait for a message that crosses accounts before calling it not delivered. */
  private static final Duration NO_DELIVERY = Duration.ofMillis(800);

  private static final Instant NOW = Instant.now();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final TestOperator OP = TestOperator.create("agreement");
  private static final TestOperator STRICT =
      TestOperator.create("strict").signingKey().strictSigningKeyUsage(true);
  private static final List<Scenario> SCENARIOS = new ArrayList<>();

  /** Allowed or accepted on every server. */
  static final Expect YES = p -> true;

  /** Denied or refused on every server. */
  static final Expect NO = p -> false;

  static {
    permissions();
    queueGroups();
    responses();
    templates();
    connects();
    strictOperator();
    imports();
    limits();
    unusableSubscribeAllow();
    publishDenyWhitespace();
    publishMatching();
    versionFlags();
    accountRules();
  }

  /**
   * One server per operator (2.9.10 cannot read a list of operators from its configuration file),
   * and a verifier configured as that server is.
   */
  private record Stack(NatsServer server, TrustVerifier verifier) {}

  /** Per series, per operator public key. */
  private static final Map<String, Map<String, Stack>> STACKS = new HashMap<>();

  /** The stacks of the series whose scenario runs now (scenarios run one at a time). */
  private static Map<String, Stack> current = Map.of();

  private static @Nullable Path dir;
  private static final Map<String, Client> OBSERVERS = new HashMap<>();

  /** One unrestricted user per account, connected once per server. */
  private static final Map<String, TestUser> OBSERVER_USERS = new HashMap<>();

  // ================================================================== the matrix

  /** A verdict: allowed/accepted or not, with what the decider said. */
  record Verdict(boolean allowed, String detail) {
    @Override
    public String toString() {
      return (allowed ? "ALLOWED" : "DENIED") + " (" + detail + ")";
    }
  }

  /** Decides a scenario on one side, given the user's creds file and the JWT in it. */
  @FunctionalInterface
  interface Side {
    Verdict decide(Path creds, String userJwt) throws Exception;
  }

  /** The verdict a scenario expects from a server that decides as a profile says. */
  @FunctionalInterface
  interface Expect {
    boolean test(ServerProfile profile);
  }

  private static Scenario added(Scenario s) {
    SCENARIOS.add(s);
    return s;
  }

  /** Marks the scenario just added to run on servers of its own, started and stopped for it. */
  private static Scenario isolated(Scenario s) {
    Scenario i =
        new Scenario(
            s.category(),
            s.name(),
            s.expected(),
            s.user(),
            s.edit(),
            s.server(),
            s.verifier(),
            true);
    SCENARIOS.set(SCENARIOS.indexOf(s), i);
    return i;
  }

  /** One row of the matrix. */
  record Scenario(
      String category,
      String name,
      Expect expected,
      @Nullable TestUser user,
      @Nullable UnaryOperator<String> edit,
      Side server,
      Side verifier,
      boolean isolated) {
    Scenario(
        String category,
        String name,
        Expect expected,
        @Nullable TestUser user,
        @Nullable UnaryOperator<String> edit,
        Side server,
        Side verifier) {
      this(category, name, expected, user, edit, server, verifier, false);
    }

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
  void matrix_isLargeAndCoversEveryCategory() {
    assertTrue(SCENARIOS.size() >= 110, "only " + SCENARIOS.size() + " scenarios");
    List<String> categories = SCENARIOS.stream().map(Scenario::category).distinct().toList();
    assertTrue(categories.size() >= 7, "categories: " + categories);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("scenarios")
  void serverAndVerifier_decideAlike(NatsServerVersion version, Scenario s) throws Exception {
    version.assumeInstalled();
    Map<String, Stack> own = s.isolated() ? startStacks(version, new HashMap<>()) : null;
    current = own != null ? own : startStacks(version);
    try {
      decide(version, s);
    } finally {
      if (own != null) {
        OBSERVERS.values().forEach(Client::close);
        OBSERVERS.clear();
        own.values().forEach(st -> st.server().close());
      }
    }
  }

  private void decide(NatsServerVersion version, Scenario s) throws Exception {
    boolean expected = s.expected().test(version.profile());
    Path creds = dir().resolve("scenario.creds");
    String jwt = "";
    TestUser user = s.user();
    if (user != null) {
      user.writeCredsTo(creds);
      jwt = Fixtures.parseCreds(Files.readString(creds)).jwt();
      UnaryOperator<String> edit = s.edit();
      if (edit != null) {
        jwt = edit.apply(jwt);
        try (Creds edited = Creds.of(jwt, user.key())) {
          edited.writeTo(creds, true);
        }
      }
    }
    Verdict live = s.server().decide(creds, jwt);
    Verdict ours = s.verifier().decide(creds, jwt);
    String server = version.version().orElse(version.series());
    if (live.allowed() != ours.allowed()) {
      fail(
          String.format(
              "DISAGREEMENT in scenario [%s]: nats-server %s says %s, TrustVerifier (%s) says %s",
              s, server, live, version.profile(), ours));
    }
    if (live.allowed() != expected) {
      fail(
          String.format(
              "scenario [%s]: expected %s, but nats-server %s and TrustVerifier (%s) both say %s"
                  + " / %s",
              s, expected ? "ALLOWED" : "DENIED", server, version.profile(), live, ours));
    }
  }

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("natsjwt-agreement-");
  }

  /**
   * The servers of one series, started when its first scenario runs: one per operator (2.9.10
   * cannot read a list of operators), each with a verifier configured as that server is.
   */
  private static Map<String, Stack> startStacks(NatsServerVersion version) {
    Map<String, Stack> stacks = STACKS.get(version.series());
    if (stacks != null) {
      return stacks;
    }
    stacks = new HashMap<>();
    STACKS.put(version.series(), stacks);
    return startStacks(version, stacks);
  }

  private static Map<String, Stack> startStacks(
      NatsServerVersion version, Map<String, Stack> stacks) {
    for (TestOperator op : List.of(OP, STRICT)) {
      // CONNECT lines up to 4 MiB, for the user JWT over 1 MiB; the verifier's own bound on the
      // tokens it reads follows the server's.
      ServerConfig config = op.serverConfig().appendRaw("max_control_line: 4194304").build();
      TrustVerifier.Builder v =
          TrustVerifier.builder()
              .serverProfile(version.profile())
              .maxTokenBytes(4 << 20)
              .accountResolver(MemoryAccountResolver.of(config.preloads()));
      config.operators().forEach(v::trustOperator);
      config.systemAccount().ifPresent(v::systemAccount);
      stacks.put(op.publicKey(), new Stack(version.start(config), v.build()));
    }
    return stacks;
  }

  @AfterAll
  static void stopServers() throws IOException {
    OBSERVERS.values().forEach(Client::close);
    OBSERVERS.clear();
    try {
      STACKS.values().forEach(m -> m.values().forEach(s -> s.server().close()));
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

  private static Stack stack(TestAccount account) {
    Stack s = current.get(account.operator().publicKey());
    if (s == null) {
      throw new IllegalStateException("no server for operator " + account.operator().name());
    }
    return s;
  }

  private static NatsServer server(TestAccount account) {
    return stack(account).server();
  }

  private static TrustVerifier verifier(TestAccount account) {
    return stack(account).verifier();
  }

  private static ServerProfile profile() {
    return current.values().iterator().next().verifier().profile();
  }

  private static Path dir() {
    if (dir == null) {
      throw new IllegalStateException("no working directory");
    }
    return dir;
  }

  // ================================================================== scenarios

  private static void permissions() {
    String c = "publish/subscribe";
    TestAccount acc = OP.account("perms");
    TestUser pub = acc.user("pub").pubAllow("orders.>", "*.public").pubDeny("orders.secret.>");
    publish(c, "allowed by orders.>", pub, "orders.new", YES);
    publish(c, "outside every allow entry", pub, "payments.refund", NO);
    publish(c, "deny orders.secret.> wins over allow orders.>", pub, "orders.secret.key", NO);
    publish(c, "allowed by *.public", pub, "news.public", YES);
    publish(c, "*.public does not cover two tokens", pub, "a.b.public", NO);

    // Go encoders (and this library's) omit an empty list; other tools may write one.
    TestUser emptyAllow = acc.user("emptyallow").pubDeny("x");
    publish(
        c,
        "\"allow\":[] next to a deny denies all (obs 14)",
        emptyAllow,
        resigned(acc, "\"pub\":{\"deny\":[\"x\"]}", "\"pub\":{\"allow\":[],\"deny\":[\"x\"]}"),
        "y",
        NO);

    TestUser denyOnly = acc.user("denyonly").pubDeny("audit.>");
    publish(c, "deny-only list leaves other subjects open", denyOnly, "orders.new", YES);
    publish(c, "deny-only list denies audit.>", denyOnly, "audit.log", NO);

    TestUser sub = acc.user("sub").subAllow("foo.*", "news.>").subDeny("news.private.>");
    subscribe(c, "allow foo.* permits SUB foo.* (obs 7)", sub, "foo.*", "", "foo.x", YES);
    subscribe(c, "allow foo.* permits SUB foo.> (obs 7)", sub, "foo.>", "", "foo.y", YES);
    subscribe(c, "allow foo.* refuses SUB foo.a.b (obs 7)", sub, "foo.a.b", "", "foo.a.b", NO);
    subscribe(c, "allow news.> permits SUB news.today", sub, "news.today", "", "news.today", YES);
    subscribe(c, "deny news.private.> wins", sub, "news.private.x", "", "news.private.x", NO);
    subscribe(c, "outside the allow list", sub, "bar", "", "bar", NO);

    TestAccount defaults =
        OP.account("defaults")
            .customize(
                b ->
                    b.defaultPermissions(
                        Permissions.of(Permission.allowing("def.>"), Permission.EMPTY)));
    TestUser plain = defaults.user("plain");
    publish(c, "account default permissions allow def.>", plain, "def.x", YES);
    publish(c, "account default permissions deny other.x", plain, "other.x", NO);
  }

  private static void queueGroups() {
    String c = "queue groups";
    TestAccount acc = OP.account("queues");
    // Observation 8.
    TestUser q = acc.user("q").subAllow("foo.> q1", "bar").subDeny("bar qx");
    subscribe(c, "queue-only allow refuses a plain SUB", q, "foo.a", "", "foo.a", NO);
    subscribe(c, "queue-only allow permits its queue", q, "foo.a", "q1", "foo.a", YES);
    subscribe(c, "queue-only allow refuses another queue", q, "foo.a", "q2", "foo.a", NO);
    subscribe(c, "queued deny blocks its queue", q, "bar", "qx", "bar", NO);
    subscribe(c, "queued deny leaves other queues", q, "bar", "qy", "bar", YES);
    subscribe(c, "queued deny leaves plain SUB", q, "bar", "", "bar", YES);

    TestUser wild = acc.user("wild").subAllow("jobs.* w.*");
    subscribe(c, "wildcard queue name w.* permits w.1", wild, "jobs.a", "w.1", "jobs.a", YES);
    subscribe(c, "wildcard queue name w.* refuses v.1", wild, "jobs.a", "v.1", "jobs.a", NO);

    TestUser both = acc.user("both").subDeny("baz", "baz qz");
    subscribe(c, "plain deny blocks a plain SUB", both, "baz", "", "baz", NO);
    subscribe(
        c,
        "before 2.14 a non-matching queued deny lifts a plain deny (sec 5.3)",
        both,
        "baz",
        "qy",
        "baz",
        ServerProfile::queuedDenyOverridesPlainDeny);
  }

  private static void responses() {
    String c = "response permissions";
    TestAccount acc = OP.account("replies");
    TestUser responder =
        acc.user("responder").subAllow("svc.>").allowResponses(1, Duration.ofMinutes(1));
    reply(c, "resp lets a service answer a request", responder, "svc.a", "rsp.a", YES);
    publish(c, "resp alone restricts other publishes (obs 15)", responder, "other", NO);
    TestUser noResp = acc.user("noresp").subAllow("svc.>").pubAllow("nothing");
    reply(c, "without resp a reply outside pub allow is denied", noResp, "svc.b", "rsp.b", NO);
  }

  private static void templates() {
    String c = "scoped templates";
    TestAccount acc =
        OP.account("tmpl")
            .customize(b -> b.addTags("region:eu"))
            .scopedSigningKey(
                "t",
                UserPermissionLimits.builder()
                    .pub(
                        Permission.allowing(
                            "n.{{name()}}",
                            "s.{{subject()}}",
                            "t.{{tag(team)}}",
                            "an.{{account-name()}}",
                            "as.{{account-subject()}}",
                            "at.{{account-tag(region)}}",
                            "x{{name()}}"))
                    .build())
            .scopedSigningKey(
                "missallow",
                UserPermissionLimits.builder()
                    .pub(Permission.allowing("a.{{tag(missing)}}"))
                    .build())
            .scopedSigningKey(
                "missdeny",
                UserPermissionLimits.builder()
                    .pub(new Permission(List.of(), List.of("{{tag(missing)}}")))
                    .build())
            .scopedSigningKey(
                "queue",
                UserPermissionLimits.builder()
                    .sub(Permission.allowing("q.> grp", "in.{{name()}}"))
                    .build());
    TestUser bob = acc.user("bob").scoped("t").tags("team:red", "team:blue");
    publish(c, "name() allows n.bob", bob, "n.bob", YES);
    publish(c, "name() does not allow n.alice", bob, "n.alice", NO);
    publish(c, "subject() allows s.<user key>", bob, "s." + bob.publicKey(), YES);
    publish(c, "tag(team) allows t.red", bob, "t.red", YES);
    publish(c, "tag(team) allows t.blue", bob, "t.blue", YES);
    publish(c, "tag(team) does not allow t.green", bob, "t.green", NO);
    publish(c, "account-name() allows an.tmpl", bob, "an.tmpl", YES);
    publish(c, "account-subject() allows as.<account key>", bob, "as." + acc.publicKey(), YES);
    publish(c, "account-tag(region) allows at.eu", bob, "at.eu", YES);
    // Whole-token templates before 2.11 (sec 4.4), templates anywhere after (sec 4.3).
    publish(
        c,
        "x{{name()}} stays literal before 2.11",
        bob,
        "x{{name()}}",
        p -> !p.templatesAnywhere());
    publish(c, "x{{name()}} expands from 2.11", bob, "xbob", ServerProfile::templatesAnywhere);

    TestUser noTag = acc.user("notag").scoped("missallow");
    publish(c, "missing tag in allow: user connects, publish denied (obs 25)", noTag, "a.x", NO);
    TestUser denyTag = acc.user("denytag").scoped("missdeny");
    connect(c, "missing tag in deny refuses the user (obs 24)", denyTag, NO);
    TestUser queued = acc.user("queued").scoped("queue");
    subscribe(c, "template list with a queue entry", queued, "q.a", "grp", "q.a", NO);
    subscribe(c, "template sub allow in.{{name()}}", queued, "in.queued", "", "in.queued", YES);

    TestUser own = acc.user("own").scoped("t").pubAllow("n.own");
    connect(c, "scoped user with permissions of its own is refused (obs 10)", own, NO);
    TestUser limits = acc.user("limits").scoped("t").subs(-1);
    connect(c, "scoped user with a -1 limit is refused (obs 11)", limits, NO);
  }

  private static void connects() {
    String c = "connect";
    TestAccount acc = OP.account("conn").signingKey();
    connect(c, "user signed by the account, signed nonce", acc.user("plain"), YES);
    connect(c, "user signed by a plain signing key", acc.user("bysk").signedBySigningKey(), YES);
    connect(
        c,
        "user signed by a key unknown to the account",
        acc.user("stranger").signedBy(NKey.generate(NKeyType.ACCOUNT)),
        NO);
    connect(
        c,
        "user signed by the account's key with another account's issuer_account",
        acc.user("lying")
            .customize(b -> b.issuerAccount(NKey.generate(NKeyType.ACCOUNT).publicKey())),
        NO);

    TestUser revoked = acc.user("revoked");
    acc.revoke(revoked.publicKey(), NOW.plus(Duration.ofHours(1)));
    connect(c, "user revoked by key", revoked, NO);
    TestAccount all = OP.account("revokedall");
    all.revoke("*", NOW.plus(Duration.ofHours(1)));
    connect(c, "every user revoked by *", all.user("anyone"), NO);
    TestAccount past = OP.account("revokedpast");
    TestUser later = past.user("later");
    past.revoke(later.publicKey(), NOW.minus(Duration.ofHours(1)));
    connect(c, "revocation older than the JWT", later, YES);

    connect(c, "expired user", acc.user("expired").expiresAt(NOW.minus(Duration.ofMinutes(1))), NO);
    connect(
        c,
        "user valid for another hour",
        acc.user("fresh").expiresAt(NOW.plus(Duration.ofHours(1))),
        YES);
    connect(
        c,
        "user not yet valid",
        acc.user("early").customize(b -> b.notBefore(NOW.plus(Duration.ofHours(1)))),
        NO);

    connect(
        c,
        "bearer user without a signature",
        acc.user("bearer").bearer(true),
        RawNatsClient.Signature.NONE,
        YES);
    connect(
        c,
        "non-bearer user without a signature (obs 2)",
        acc.user("nosig"),
        RawNatsClient.Signature.NONE,
        NO);
    connect(
        c,
        "signature over the wrong nonce",
        acc.user("wrongsig"),
        RawNatsClient.Signature.WRONG_NONCE,
        NO);
    TestAccount noBearer = OP.account("nobearer").limits(l -> l.disallowBearer(true));
    connect(
        c,
        "bearer user in a disallow_bearer account",
        noBearer.user("bearer").bearer(true),
        RawNatsClient.Signature.NONE,
        NO);
    connect(c, "signed user in a disallow_bearer account", noBearer.user("signed"), YES);

    connect(
        c,
        "src 127.0.0.0/8 admits 127.0.0.1",
        acc.user("local").customize(b -> b.addSrc("127.0.0.0/8")),
        YES);
    connect(
        c,
        "src 10.0.0.0/8 refuses 127.0.0.1 (obs 17)",
        acc.user("remote").customize(b -> b.addSrc("10.0.0.0/8")),
        NO);

    connect(
        c,
        "connection types STANDARD",
        acc.user("std").customize(b -> b.addAllowedConnectionTypes(ConnectionType.STANDARD)),
        YES);
    connect(
        c,
        "connection types WEBSOCKET only (obs 19)",
        acc.user("ws").customize(b -> b.addAllowedConnectionTypes(ConnectionType.WEBSOCKET)),
        NO);
    connect(
        c,
        "connection types FOO only (obs 20)",
        acc.user("foo").customize(b -> b.addAllowedConnectionTypes(ConnectionType.of("FOO"))),
        NO);
    connect(
        c,
        "connection types standard and FOO (obs 21)",
        acc.user("stdfoo")
            .customize(
                b ->
                    b.addAllowedConnectionTypes(
                        ConnectionType.of("standard"), ConnectionType.of("FOO"))),
        YES);

    // The whole day but its edges, in a zone where it is now around midday: the window's edges
    // are hours away whenever the scenario runs (in UTC it failed in the seconds around midnight).
    connect(
        c,
        "time window 00:00:01-23:59:59 where it is midday",
        acc.user("day")
            .customize(
                b ->
                    b.addTimes(new TimeRange("00:00:01", "23:59:59"))
                        .timesLocation(zoneWhereItIs(12))),
        YES);
    int away = (LocalTime.ofInstant(NOW, ZoneOffset.UTC).getHour() + 2) % 24;
    String h = String.format("%02d", away);
    connect(
        c,
        "time window two hours away",
        acc.user("later")
            .customize(
                b -> b.addTimes(new TimeRange(h + ":00:00", h + ":59:59")).timesLocation("UTC")),
        NO);

    TestAccount expired = OP.account("expired").expiresAt(NOW.minus(Duration.ofMinutes(5)));
    connect(c, "user of an expired account", expired.user("late"), NO);
  }

  private static void strictOperator() {
    String c = "strict operator";
    TestAccount good = STRICT.account("strictok").signingKey();
    connect(
        c,
        "account signed by the operator's signing key, user by the account's signing key",
        good.user("u").signedBySigningKey(),
        YES);
    connect(
        c,
        "account signed by the operator's signing key, user by the account's identity key",
        good.user("byidentity"),
        NO);
    TestAccount bad = STRICT.account("strictbad").signedBy(STRICT.key());
    connect(c, "account signed by the strict operator's identity key", bad.user("u"), NO);
    TestAccount loose = OP.account("loose").signedBy(OP.key());
    connect(c, "non-strict operator: identity-signed account", loose.user("u"), YES);
  }

  private static void imports() {
    String c = "imports/exports";
    // Every import under test lives in an importing account of its own, so that no other import
    // can carry the message.
    TestAccount exp =
        OP.account("exporter")
            .exportStream("ps.>")
            .export(Export.stream("xs.>").tokenRequired(true).build())
            .exportService("psvc.echo")
            .export(Export.service("xsvc.*").tokenRequired(true).build());
    stream(
        c,
        "public stream export",
        exp,
        OP.account("i1").importStream(exp, "ps.>"),
        "ps.>",
        "ps.a",
        YES);
    stream(
        c,
        "private stream export with an activation token",
        exp,
        OP.account("i2").importStream(exp, "xs.>"),
        "xs.>",
        "xs.a",
        YES);
    stream(
        c,
        "private stream export without a token",
        exp,
        OP.account("i3").addImport(Import.stream(exp.publicKey(), "xs.b").build()),
        "xs.b",
        "xs.b",
        NO);
    stream(
        c,
        "import of a subject nobody exports",
        exp,
        OP.account("i4").importStream(exp, "nx.>"),
        "nx.>",
        "nx.a",
        NO);
    service(
        c,
        "public service export",
        exp,
        OP.account("i5").importService(exp, "psvc.echo"),
        "psvc.echo",
        YES);
    service(
        c,
        "private service export with an activation token",
        exp,
        OP.account("i6").importService(exp, "xsvc.a"),
        "xsvc.a",
        YES);
    service(
        c,
        "private service export without a token",
        exp,
        OP.account("i7").addImport(Import.service(exp.publicKey(), "xsvc.b").build()),
        "xsvc.b",
        NO);

    // Revoked activations: tokens issued now, revoked an hour ahead (the rule is inclusive).
    Instant revokedAt = NOW.plus(Duration.ofHours(1));
    TestAccount revStream = OP.account("i8");
    TestAccount revService = OP.account("i9");
    TestAccount kept = OP.account("i10");
    TestAccount rev =
        OP.account("revexporter")
            .export(
                Export.stream("rs.>")
                    .tokenRequired(true)
                    .revokeAt(revStream.publicKey(), revokedAt)
                    .build())
            .export(
                Export.service("rsvc.x")
                    .tokenRequired(true)
                    .revokeAt(revService.publicKey(), revokedAt)
                    .build());
    revStream.importStream(rev, "rs.>");
    revService.importService(rev, "rsvc.x");
    kept.importStream(rev, "rs.>");
    stream(c, "revoked stream activation", rev, revStream, "rs.>", "rs.a", NO);
    service(c, "revoked service activation", rev, revService, "rsvc.x", NO);
    stream(c, "activation revoked for another account only", rev, kept, "rs.>", "rs.a", YES);
  }

  private static final long TWO_POW_32 = 1L << 32;

  private static void limits() {
    String c = "limits";
    TestAccount acc = OP.account("limits");
    TestUser two = acc.user("subs2").subs(2);
    subscriptions(c, "subs 2 admits two", two, 2, YES);
    subscriptions(c, "subs 2 refuses a third", two, 3, NO);
    TestUser small = acc.user("payload2").payload(2);
    payload(c, "payload 2 admits 2 bytes", small, 2, YES);
    payload(c, "payload 2 refuses 3 bytes", small, 3, NO);

    // Out of the 32-bit range: 2.14.5 clamps to 2147483647, 2.9.10 and 2.10.27 keep the low 32
    // bits (2^32 + 1 becomes 1, 2^32 becomes 0, 2^32 - 1 becomes -1, unlimited).
    subscriptions(
        c,
        "user subs 2^32+1: clamped, or truncated to 1",
        acc.user("subsbig").subs(TWO_POW_32 + 1).payload(TWO_POW_32 + 1),
        2,
        ServerProfile::limitsSaturate);
    payload(
        c,
        "user payload 2^32+1: clamped, or truncated to 1",
        acc.user("payloadbig").subs(TWO_POW_32 + 1).payload(TWO_POW_32 + 1),
        2,
        ServerProfile::limitsSaturate);
    subscriptions(
        c,
        "user subs 2^32-1: clamped, or truncated to -1",
        acc.user("subsm1").subs(TWO_POW_32 - 1),
        3,
        YES);
    TestAccount conn = OP.account("connbig").limits(l -> l.conn(TWO_POW_32));
    connect(
        c,
        "account conn 2^32: clamped, or truncated to 0",
        conn.user("u"),
        ServerProfile::limitsSaturate);
    TestAccount accSubs = OP.account("subsbig").limits(l -> l.subs(TWO_POW_32 + 1));
    subscriptions(
        c,
        "account subs 2^32+1: clamped, or truncated to 1",
        accSubs.user("u"),
        2,
        ServerProfile::limitsSaturate);
    TestAccount accPayload = OP.account("payloadbig").limits(l -> l.payload(TWO_POW_32 + 1));
    payload(
        c,
        "account payload 2^32+1: clamped, or truncated to 1",
        accPayload.user("u"),
        2,
        ServerProfile::limitsSaturate);
    TestAccount tmpl =
        OP.account("tmpllimits")
            .scopedSigningKey(
                "big", UserPermissionLimits.builder().subs(TWO_POW_32 + 1).payload(-1).build());
    subscriptions(
        c,
        "template subs 2^32+1: clamped, or truncated to 1",
        tmpl.user("u").scoped("big"),
        2,
        ServerProfile::limitsSaturate);
  }

  /** Subscribe allow lists in which the server can use no entry: it then denies every SUB. */
  private static void unusableSubscribeAllow() {
    String c = "unusable subscribe allow";
    TestAccount acc = OP.account("unusable");
    subscribe(
        c,
        "allow [a<nbsp>q1<nbsp>q2]: three fields, no entry",
        acc.user("nbsp").subAllow("a\u00a0q1\u00a0q2"),
        "a",
        "",
        "a",
        NO);
    subscribe(
        c,
        "allow [a<tab>b<tab>c]: three fields, no entry",
        acc.user("tabs").subAllow("a\tb\tc"),
        "x",
        "",
        "x",
        NO);
    // jwt 2.3.0 (2.9.10) accepts these subjects; later servers refuse the user at CONNECT.
    subscribe(c, "allow [a..b]: empty token", acc.user("dots").subAllow("a..b"), "q", "", "q", NO);
    subscribe(c, "allow [.a]: leading dot", acc.user("lead").subAllow(".a"), "q", "", "q", NO);
    subscribe(
        c,
        "allow [a..b, ok]: the usable entry still allows",
        acc.user("mixed").subAllow("a\tb\tc", "ok"),
        "ok",
        "",
        "ok",
        YES);
  }

  /** 2.14.5 splits publish deny entries at control white space and denies the first field. */
  private static void publishDenyWhitespace() {
    String c = "publish deny white space";
    TestAccount acc = OP.account("pubws");
    TestUser u = acc.user("ws").pubDeny("a\tb", "g\nh", "k\rl", "m\fn", "p\u00a0q", "s\tt\tu");
    publish(c, "deny [a<tab>b]", u, "a", p -> !p.publishDenySplitsWhitespace());
    publish(c, "deny [g<lf>h]", u, "g", p -> !p.publishDenySplitsWhitespace());
    publish(c, "deny [k<cr>l]", u, "k", p -> !p.publishDenySplitsWhitespace());
    publish(c, "deny [m<ff>n]", u, "m", p -> !p.publishDenySplitsWhitespace());
    publish(c, "deny [p<nbsp>q] is not split", u, "p", YES);
    publish(c, "deny [s<tab>t<tab>u]: three fields deny nothing", u, "s", YES);
    TestUser edge = acc.user("wsedge").pubDeny("v\t", "w\u000bx", "y\tz\u00a0w");
    publish(c, "deny [v<tab>]", edge, "v", p -> !p.publishDenySplitsWhitespace());
    publish(c, "deny [w<vt>x]", edge, "w", YES);
    publish(c, "deny [y<tab>z<nbsp>w]: split at nbsp too, three fields", edge, "y", YES);
    publish(c, "deny [a<tab>b] leaves b", u, "b", YES);
    TestUser allow = acc.user("wsallow").pubAllow("a\tb", "ok");
    publish(c, "allow [a<tab>b] is not split", allow, "a", NO);
  }

  /** The publish matcher observed on 2.10.27 (ServerProfile.publishMatchQuirk). */
  private static void publishMatching() {
    String c = "publish matching";
    TestAccount acc = OP.account("pubmatch");
    TestUser allow = acc.user("allowcc").pubAllow("c.c", "*");
    publish(c, "allow [c.c, *]: * missed after literal c", allow, "c", p -> !p.publishMatchQuirk());
    publish(c, "allow [c.c, *] allows d", allow, "d", YES);
    publish(c, "allow [c.c, *] allows c.c", allow, "c.c", YES);
    TestUser deny = acc.user("denycc").pubDeny("c.c", "*");
    publish(
        c, "deny [c.c, *]: * missed after literal c", deny, "c", ServerProfile::publishMatchQuirk);
    publish(c, "deny [c.c, *] denies d", deny, "d", NO);
    TestUser fwc = acc.user("denyfwc").pubDeny("a.>", ">.a");
    publish(
        c,
        "deny [a.>, >.a]: stops at the empty > node",
        fwc,
        "a.b",
        ServerProfile::publishMatchQuirk);
    publish(c, "deny [a.>, >.a] denies nothing at one token", fwc, "a", YES);
    TestUser branch = acc.user("allowbranch").pubAllow("*.>.a", "*.b", "b.>");
    publish(
        c,
        "allow [*.>.a, *.b, b.>]: the empty > below * ends the search",
        branch,
        "b.b.a",
        p -> !p.publishMatchQuirk());
    TestUser star = acc.user("allowstar").pubAllow("*.b", "a.c");
    publish(c, "allow [*.b, a.c] allows a.b", star, "a.b", YES);
    publish(c, "allow [*.b, a.c] allows x.b", star, "x.b", YES);
    TestUser deep = acc.user("allowdeep").pubAllow("a.*", "a.b.c");
    publish(
        c,
        "allow [a.*, a.b.c]: * missed after literal a.b",
        deep,
        "a.b",
        p -> !p.publishMatchQuirk());
    TestUser dots = acc.user("allowdots").pubAllow("a.>", "b.*.>", "*");
    publish(c, "allow [a.>, b.*.>, *] allows b.x.y", dots, "b.x.y", YES);
    TestUser sub = acc.user("subcc").subAllow("c.c", "*");
    subscribe(c, "subscribe allow [c.c, *] is not affected", sub, "c", "", "c", YES);
  }

  /** One scenario or more per ServerProfile flag whose live verdict differs between servers. */
  private static void versionFlags() {
    String c = "version differences";
    TestAccount acc =
        OP.account("flags")
            .scopedSigningKey(
                "ws",
                UserPermissionLimits.builder()
                    .addAllowedConnectionTypes(ConnectionType.WEBSOCKET)
                    .build())
            .scopedSigningKey(
                "many",
                UserPermissionLimits.builder()
                    .pub(Permission.allowing("t.{{tag(a)}}.{{tag(b)}}"))
                    .build())
            .scopedSigningKey(
                "emptytag",
                UserPermissionLimits.builder()
                    .pub(Permission.allowing("e.{{tag(none)}}.{{tag(team)}}", "ok"))
                    .build());
    // Sec 3.3 step 5: 2.9 checks the user's own (empty) list before the template applies.
    connect(
        c,
        "template allowed_connection_types [WEBSOCKET], ignored by 2.9",
        acc.user("wsuser").scoped("ws"),
        p -> !p.templateConnectionTypes());
    // IN_PROCESS is known from 2.11, but a TCP client is STANDARD: refused either way.
    connect(
        c,
        "allowed_connection_types [IN_PROCESS] refuses a TCP client",
        acc.user("inproc")
            .customize(b -> b.addAllowedConnectionTypes(ConnectionType.of("IN_PROCESS"))),
        NO);
    connect(
        c,
        "allowed_connection_types [IN_PROCESS, STANDARD] admits a TCP client",
        acc.user("inprocstd")
            .customize(
                b ->
                    b.addAllowedConnectionTypes(
                        ConnectionType.of("IN_PROCESS"), ConnectionType.STANDARD)),
        YES);
    // Sec 3.5: a window across midnight, now in its early-morning part (or its evening part).
    connect(
        c,
        "window 22:00-06:00 at about 03:00, the midnight bug refuses",
        acc.user("night")
            .customize(
                b ->
                    b.addTimes(new TimeRange("22:00:00", "06:00:00"))
                        .timesLocation(zoneWhereItIs(3))),
        p -> !p.midnightWindowBug());
    connect(
        c,
        "window 20:00-04:00 at about 22:00",
        acc.user("evening")
            .customize(
                b ->
                    b.addTimes(new TimeRange("20:00:00", "04:00:00"))
                        .timesLocation(zoneWhereItIs(22))),
        YES);
    // Sec 7: an account with external authorization sends everyone else to the callout (no
    // service answers here); 2.9 has no callout.
    TestAccount callout =
        OP.account("callout")
            .customize(
                b ->
                    b.authorization(
                        ExternalAuthorization.builder()
                            .addAuthUsers(NKey.generate(NKeyType.USER).publicKey())
                            .addAllowedAccounts(ExternalAuthorization.ANY_ACCOUNT)
                            .build()));
    connect(
        c,
        "user of an auth-callout account, no callout service",
        callout.user("u"),
        p -> !p.authCallout());
    // jwt 2.8.1: tokens over 1 MiB are refused (the servers read CONNECT lines up to 4 MiB here).
    String[] tags = new String[13000];
    for (int i = 0; i < tags.length; i++) {
      tags[i] = "tag" + i + ":" + "v".repeat(60);
    }
    TestUser huge = acc.user("huge").tags(tags);
    // Creds files refuse a JWT over 1 MiB, so this one connects without one.
    SCENARIOS.add(
        new Scenario(
            c,
            "user JWT over 1 MiB",
            p -> !p.tokenSizeCap(),
            null,
            null,
            (creds, jwt) -> {
              char[] seed = huge.key().seed();
              try {
                RawNatsClient.Answer a =
                    RawNatsClient.connect(
                        server(huge.account()).port(),
                        huge.jwt(4 << 20),
                        seed,
                        RawNatsClient.Signature.GOOD,
                        WAIT);
                return new Verdict(a.accepted(), a.detail());
              } finally {
                Arrays.fill(seed, '\0');
              }
            },
            (creds, jwt) -> {
              Verification<VerifiedUser> v =
                  verifyUser(huge, huge.jwt(4 << 20), RawNatsClient.Signature.GOOD);
              return new Verdict(
                  v.isAccepted(),
                  v.rejection().map(r -> r.rule() + ": " + r.message()).orElse("accepted"));
            }));
    // jwt 2.3.0 checks subjects for emptiness and spaces only (sec 3.4).
    publish(
        c,
        "pub allow [a..b, ok]: valid for jwt 2.3.0 only",
        acc.user("dotdot").pubAllow("a..b", "ok"),
        "ok",
        ServerProfile::jwtLibrary23);
    // Sec 4.3: more than 4096 subjects from one list; 65 x 65 = 4225.
    String[] many = new String[130];
    for (int i = 0; i < 65; i++) {
      many[i] = "a:" + i;
      many[65 + i] = "b:" + i;
    }
    connect(
        c,
        "template expanding to 4225 subjects",
        acc.user("manytags").scoped("many").tags(many),
        p -> !p.templateSubjectLimit());
    // Sec 4.4: a tag without values before one with values; 2.9 may crash, so on a server of its
    // own. Later servers drop the entry and keep the other one.
    isolated(
        connect(
            c,
            "template with an empty tag before a tag with values",
            acc.user("emptytag").scoped("emptytag").tags("team:red"),
            p -> !p.templateEmptyTagCrash()));
    // Sec 3.3 step 3 (2.12+): no trusted proxy here.
    connect(
        c,
        "proxy_required without a trusted proxy",
        acc.user("proxy").customize(b -> b.proxyRequired(true)),
        p -> !p.proxyRequired());
  }

  /** Only the current rules compare service imports per exporter (2.10.27 logs the overlap). */
  private static boolean acrossExportersOk(ServerProfile p) {
    return p.validationRules() == ValidationRules.CURRENT;
  }

  /** Account JWT rules of sec 2 that differ by the jwt library the server was built with. */
  private static void accountRules() {
    String c = "account validation";
    TestAccount noAuthUsers =
        OP.account("noauthusers")
            .customize(
                b ->
                    b.authorization(
                        ExternalAuthorization.builder()
                            .addAllowedAccounts(ExternalAuthorization.ANY_ACCOUNT)
                            .build()));
    connect(
        c,
        "authorization.allowed_accounts without auth_users, unknown to 2.9",
        noAuthUsers.user("u"),
        ServerProfile::jwtLibrary23);
    TestAccount e1 = OP.account("ovexp1").exportService("ov.a");
    TestAccount e2 = OP.account("ovexp2").exportService("ov.a");
    TestAccount overlap = OP.account("overlap").importService(e1, "ov.a").importService(e2, "ov.a");
    connect(
        c,
        "service imports of ov.a from two exporters",
        overlap.user("u"),
        ServerAgreementTest::acrossExportersOk);
    TestAccount mapped =
        OP.account("mapped").customize(b -> b.mapping("mp.*", WeightedMapping.of("dst.*")));
    connect(c, "mapping to a wildcard destination", mapped.user("u"), p -> !p.jwtLibrary23());
    TestAccount trace = OP.account("trace").customize(b -> b.trace(MsgTrace.of("tr.*", 100)));
    connect(c, "trace destination with a wildcard", trace.user("u"), ServerProfile::jwtLibrary23);
    TestAccount traffic =
        OP.account("traffic").customize(b -> b.clusterTraffic(ClusterTraffic.of("bogus")));
    connect(c, "cluster_traffic bogus", traffic.user("u"), ServerProfile::jwtLibrary23);
    TestAccount longDescription =
        OP.account("longdesc").customize(b -> b.description("d".repeat(9000)));
    connect(c, "description over 8 KiB", longDescription.user("u"), NO);
    TestAccount e3 = OP.account("ovexp3").exportService("ow.*");
    TestAccount e4 = OP.account("ovexp4").exportService("ow.a");
    TestAccount wider =
        OP.account("overlapwide").importService(e3, "ow.*").importService(e4, "ow.a");
    connect(
        c,
        "service imports of ow.* and ow.a from two exporters",
        wider.user("u"),
        ServerAgreementTest::acrossExportersOk);
    TestAccount same = OP.account("ovexp5").exportService("oz.a").exportService("oz.b");
    TestAccount one =
        OP.account("overlapone").importService(same, "oz.a").importService(same, "oz.b");
    connect(c, "service imports of oz.a and oz.b from one exporter", one.user("u"), YES);
  }

  /**
   * Names a fixed-offset zone ({@code Etc/GMT...}, in the tz database of the servers and the JDK)
   * where the local time at {@link #NOW} is within the hour that starts at {@code hour}.
   */
  static String zoneWhereItIs(int hour) {
    int utcHour = LocalTime.ofInstant(NOW, ZoneOffset.UTC).getHour();
    int offset = Math.floorMod(hour - utcHour + 12, 24) - 12; // -12..11, UTC+offset
    // Etc/GMT signs are inverted: Etc/GMT-5 is UTC+5.
    return offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
  }

  /**
   * Edits a user JWT's payload text and signs it again with the account's identity key, for claims
   * the encoder cannot write.
   */
  private static UnaryOperator<String> resigned(TestAccount account, String from, String to) {
    return jwt -> {
      String[] parts = jwt.split("\\.");
      Base64.Decoder dec = Base64.getUrlDecoder();
      Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
      String payload = new String(dec.decode(parts[1]), StandardCharsets.UTF_8);
      if (!payload.contains(from)) {
        throw new IllegalStateException("the user JWT's claims do not contain " + from);
      }
      String body = parts[0] + "." + enc.encodeToString(payload.replace(from, to).getBytes(UTF_8));
      return body + "." + enc.encodeToString(account.key().sign(body.getBytes(UTF_8)));
    };
  }

  // ================================================================== scenario kinds

  private static Scenario connect(String c, String name, TestUser user, Expect expected) {
    return connect(c, name, user, RawNatsClient.Signature.GOOD, expected);
  }

  private static Scenario connect(
      String c, String name, TestUser user, RawNatsClient.Signature sig, Expect expected) {
    return added(
        new Scenario(
            c,
            name,
            expected,
            user,
            null,
            (creds, jwt) -> serverConnect(user, creds, jwt, sig, expected.test(profile())),
            (creds, jwt) -> {
              Verification<VerifiedUser> v = verifyUser(user, jwt, sig);
              return new Verdict(
                  v.isAccepted(),
                  v.rejection().map(r -> r.rule() + ": " + r.message()).orElse("accepted"));
            }));
  }

  /** A session: connect, send protocol commands, PING; the verifier judges the verified user. */
  private static void session(
      String c,
      String name,
      TestUser user,
      String commands,
      java.util.function.Function<VerifiedUser, Verdict> judge,
      Expect expected) {
    SCENARIOS.add(
        new Scenario(
            c,
            name,
            expected,
            user,
            null,
            (creds, jwt) -> {
              char[] seed = Fixtures.parseCreds(Files.readString(creds)).seed().toCharArray();
              try {
                RawNatsClient.Answer a =
                    RawNatsClient.connect(
                        server(user.account()).port(),
                        jwt,
                        seed,
                        RawNatsClient.Signature.GOOD,
                        WAIT,
                        commands);
                return new Verdict(a.accepted(), a.detail());
              } finally {
                Arrays.fill(seed, '\0');
              }
            },
            (creds, jwt) -> {
              Verification<VerifiedUser> v = verifyUser(user, jwt, RawNatsClient.Signature.GOOD);
              if (!v.isAccepted()) {
                return new Verdict(false, "connection refused: " + v.rejection().orElseThrow());
              }
              return judge.apply(v.orElseThrow());
            }));
  }

  private static void subscriptions(String c, String name, TestUser user, int n, Expect expected) {
    StringBuilder cmds = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      cmds.append("SUB s").append(i).append(' ').append(i).append("\r\n");
    }
    session(
        c,
        n + " SUBs (" + name + ")",
        user,
        cmds.toString(),
        u ->
            new Verdict(
                u.maxSubscriptions() == -1 || u.maxSubscriptions() >= n,
                "max subscriptions " + u.maxSubscriptions()),
        expected);
  }

  private static void payload(String c, String name, TestUser user, int bytes, Expect expected) {
    session(
        c,
        "PUB of " + bytes + " bytes (" + name + ")",
        user,
        "PUB p " + bytes + "\r\n" + "x".repeat(bytes) + "\r\n",
        u ->
            new Verdict(
                (u.maxPayload() == -1 || u.maxPayload() >= bytes)
                    && u.permissions().canPublish("p"),
                "max payload " + u.maxPayload()),
        expected);
  }

  private static void publish(
      String c, String name, TestUser user, String subject, Expect expected) {
    publish(c, name, user, null, subject, expected);
  }

  private static void publish(
      String c,
      String name,
      TestUser user,
      @Nullable UnaryOperator<String> edit,
      String subject,
      Expect expected) {
    SCENARIOS.add(
        new Scenario(
            c,
            "PUB " + subject + " (" + name + ")",
            expected,
            user,
            edit,
            (creds, jwt) -> serverPublish(user, creds, subject),
            (creds, jwt) ->
                withPermissions(user, jwt, p -> new Verdict(p.canPublish(subject), p.toString()))));
  }

  private static void subscribe(
      String c,
      String name,
      TestUser user,
      String subject,
      String queue,
      String probe,
      Expect expected) {
    String what = "SUB " + subject + (queue.isEmpty() ? "" : " " + queue);
    SCENARIOS.add(
        new Scenario(
            c,
            what + " (" + name + ")",
            expected,
            user,
            null,
            (creds, jwt) -> serverSubscribe(user, creds, subject, queue, probe),
            (creds, jwt) ->
                withPermissions(
                    user, jwt, p -> new Verdict(p.canSubscribe(subject, queue), p.toString()))));
  }

  private static void reply(
      String c, String name, TestUser user, String service, String replyTo, Expect expected) {
    SCENARIOS.add(
        new Scenario(
            c,
            "reply to " + replyTo + " (" + name + ")",
            expected,
            user,
            null,
            (creds, jwt) -> serverReply(user, creds, service, replyTo),
            (creds, jwt) ->
                withPermissions(
                    user,
                    jwt,
                    p ->
                        new Verdict(
                            // A reply subject of a request the client received: allowed
                            // statically, or by the response permission (spec section 5.2).
                            p.canPublish(replyTo) || p.responsePermission().isPresent(),
                            p.toString()))));
  }

  private static void stream(
      String c,
      String name,
      TestAccount exporter,
      TestAccount importer,
      String importSubject,
      String subject,
      Expect expected) {
    SCENARIOS.add(
        new Scenario(
            c,
            "stream " + importSubject + " (" + name + ")",
            expected,
            null,
            null,
            (creds, jwt) -> serverStream(exporter, importer, subject),
            (creds, jwt) -> verifyImport(importer, exporter, importSubject)));
  }

  private static void service(
      String c,
      String name,
      TestAccount exporter,
      TestAccount importer,
      String subject,
      Expect expected) {
    SCENARIOS.add(
        new Scenario(
            c,
            "service " + subject + " (" + name + ")",
            expected,
            null,
            null,
            (creds, jwt) -> serverService(exporter, importer, subject),
            (creds, jwt) -> verifyImport(importer, exporter, subject)));
  }

  // ================================================================== TrustVerifier side

  private static Verification<VerifiedUser> verifyUser(
      TestUser user, String jwt, RawNatsClient.Signature sig) {
    byte[] raw = new byte[11];
    RANDOM.nextBytes(raw);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    ConnectionContext.Builder ctx =
        ConnectionContext.builder()
            .nonce(nonce)
            .clientHost("127.0.0.1")
            .connectionType(ConnectionType.STANDARD);
    switch (sig) {
      case GOOD -> ctx.signature(ConnectionContext.signNonce(nonce, user.key()));
      case WRONG_NONCE ->
          ctx.signature(ConnectionContext.signNonce(nonce + "-not-the-nonce", user.key()));
      case NONE -> {}
    }
    return verifier(user.account()).verifyUser(jwt, ctx.build());
  }

  private static Verdict withPermissions(
      TestUser user, String jwt, java.util.function.Function<EffectivePermissions, Verdict> f) {
    Verification<VerifiedUser> v = verifyUser(user, jwt, RawNatsClient.Signature.GOOD);
    if (!v.isAccepted()) {
      return new Verdict(false, "connection refused: " + v.rejection().orElseThrow());
    }
    return f.apply(v.orElseThrow().permissions());
  }

  private static Verdict verifyImport(TestAccount importer, TestAccount exporter, String subject) {
    Verification<VerifiedAccount> acc = verifier(importer).resolveAccount(importer.publicKey());
    if (!acc.isAccepted()) {
      return new Verdict(false, "importer refused: " + acc.rejection().orElseThrow());
    }
    VerifiedAccount a = acc.orElseThrow();
    Optional<Import> claim =
        a.claims().imports().stream()
            .filter(i -> i.subject().equals(subject) && i.account().equals(exporter.publicKey()))
            .findFirst();
    if (claim.isEmpty()) {
      throw new IllegalStateException("the importer has no import of " + subject);
    }
    Verification<VerifiedImport> v = verifier(importer).verifyImport(a, claim.get());
    return new Verdict(
        v.isAccepted(), v.rejection().map(r -> r.rule() + ": " + r.message()).orElse("authorized"));
  }

  // ================================================================== nats-server side

  /** A jnats connection and what the server reported to it, with deliveries in the same queue. */
  record Client(Connection nc, BlockingQueue<String> events) implements AutoCloseable {
    String next(Duration wait) throws InterruptedException {
      String e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      return e == null ? "nothing within " + wait : e;
    }

    @Override
    public void close() {
      try {
        nc.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Client jnats(TestAccount account, Path creds)
      throws IOException, InterruptedException {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Options options =
        new Options.Builder()
            .server(server(account).url())
            .authHandler(Nats.credentials(creds.toString()))
            .connectionTimeout(WAIT)
            .noReconnect()
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    events.add("error: " + error);
                  }
                })
            .build();
    return new Client(Nats.connect(options), events);
  }

  /** An unrestricted user of an account, connected once and kept for the whole run. */
  private static Client observer(TestAccount account) throws IOException, InterruptedException {
    String key = server(account).port() + "/" + account.publicKey();
    Client c = OBSERVERS.get(key);
    if (c == null) {
      TestUser u =
          OBSERVER_USERS.computeIfAbsent(account.publicKey(), k -> account.user("observer"));
      c = jnats(account, u.writeCreds(dir().resolve("observers").resolve(account.publicKey())));
      OBSERVERS.put(key, c);
    }
    c.events().clear();
    return c;
  }

  private static Verdict serverConnect(
      TestUser user, Path creds, String jwt, RawNatsClient.Signature sig, boolean expected)
      throws Exception {
    if (expected && sig == RawNatsClient.Signature.GOOD) {
      try (Client c = jnats(user.account(), creds)) {
        c.nc().flush(WAIT);
        String error = c.events().poll();
        return error == null
            ? new Verdict(c.nc().getStatus() == Connection.Status.CONNECTED, "jnats connected")
            : new Verdict(false, error);
      } catch (AuthenticationException e) {
        return new Verdict(false, "jnats: " + e.getMessage());
      }
    }
    char[] seed = Fixtures.parseCreds(Files.readString(creds)).seed().toCharArray();
    try {
      RawNatsClient.Answer a =
          RawNatsClient.connect(server(user.account()).port(), jwt, seed, sig, WAIT);
      return new Verdict(a.accepted(), a.detail());
    } finally {
      Arrays.fill(seed, '\0');
    }
  }

  private static Verdict refused(AuthenticationException e) {
    return new Verdict(false, "connection refused: " + e.getMessage());
  }

  private static Verdict serverPublish(TestUser user, Path creds, String subject) throws Exception {
    Client obs = observer(user.account());
    try (Client c = jnats(user.account(), creds)) {
      Dispatcher d = obs.nc().createDispatcher(m -> c.events().add("delivered " + m.getSubject()));
      try {
        d.subscribe(subject);
        obs.nc().flush(WAIT);
        c.nc().publish(subject, "m".getBytes(StandardCharsets.UTF_8));
        c.nc().flush(WAIT);
        return eventVerdict(c.next(WAIT));
      } finally {
        obs.nc().closeDispatcher(d);
      }
    } catch (AuthenticationException e) {
      return refused(e);
    }
  }

  private static Verdict serverSubscribe(
      TestUser user, Path creds, String subject, String queue, String probe) throws Exception {
    Client obs = observer(user.account());
    try (Client c = jnats(user.account(), creds)) {
      Dispatcher d = c.nc().createDispatcher(m -> c.events().add("delivered " + m.getSubject()));
      if (queue.isEmpty()) {
        d.subscribe(subject);
      } else {
        d.subscribe(subject, queue);
      }
      c.nc().flush(WAIT);
      obs.nc().publish(probe, "m".getBytes(StandardCharsets.UTF_8));
      obs.nc().flush(WAIT);
      return eventVerdict(c.next(WAIT));
    } catch (AuthenticationException e) {
      return refused(e);
    }
  }

  private static Verdict serverReply(TestUser user, Path creds, String service, String replyTo)
      throws Exception {
    Client obs = observer(user.account());
    try (Client c = jnats(user.account(), creds)) {
      Dispatcher responder =
          c.nc().createDispatcher(m -> c.nc().publish(m.getReplyTo(), m.getData()));
      responder.subscribe(service);
      c.nc().flush(WAIT);
      Dispatcher inbox = obs.nc().createDispatcher(m -> c.events().add(replyEvent(m)));
      try {
        inbox.subscribe(replyTo);
        obs.nc().flush(WAIT);
        obs.nc().publish(service, replyTo, "ping".getBytes(StandardCharsets.UTF_8));
        obs.nc().flush(WAIT);
        return eventVerdict(c.next(WAIT));
      } finally {
        obs.nc().closeDispatcher(inbox);
      }
    } catch (AuthenticationException e) {
      return refused(e);
    }
  }

  private static Verdict serverStream(TestAccount exporter, TestAccount importer, String subject)
      throws Exception {
    Client publisher = observer(exporter);
    Client subscriber = observer(importer);
    Dispatcher d =
        subscriber
            .nc()
            .createDispatcher(m -> subscriber.events().add("delivered " + m.getSubject()));
    try {
      d.subscribe(subject);
      subscriber.nc().flush(WAIT);
      publisher.nc().publish(subject, "m".getBytes(StandardCharsets.UTF_8));
      publisher.nc().flush(WAIT);
      return eventVerdict(subscriber.next(NO_DELIVERY));
    } finally {
      subscriber.nc().closeDispatcher(d);
    }
  }

  private static Verdict serverService(TestAccount exporter, TestAccount importer, String subject)
      throws Exception {
    Client responder = observer(exporter);
    Client requester = observer(importer);
    String inbox = "answers." + subject;
    Dispatcher r =
        responder.nc().createDispatcher(m -> responder.nc().publish(m.getReplyTo(), m.getData()));
    Dispatcher d = requester.nc().createDispatcher(m -> requester.events().add(replyEvent(m)));
    try {
      r.subscribe(subject);
      responder.nc().flush(WAIT);
      d.subscribe(inbox);
      requester.nc().flush(WAIT);
      requester.nc().publish(subject, inbox, "ping".getBytes(StandardCharsets.UTF_8));
      requester.nc().flush(WAIT);
      return eventVerdict(requester.next(NO_DELIVERY));
    } finally {
      responder.nc().closeDispatcher(r);
      requester.nc().closeDispatcher(d);
    }
  }

  /**
   * A reply, or the status message the server sends (with headers on) when no one received the
   * request: 503, no responders.
   */
  private static String replyEvent(Message m) {
    return m.isStatusMessage() ? "status " + m.getStatus() : "delivered reply";
  }

  private static Verdict eventVerdict(String event) {
    return new Verdict(event.startsWith("delivered"), event);
  }
}
