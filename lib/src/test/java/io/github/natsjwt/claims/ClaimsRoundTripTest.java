package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property tests: random claims of every type, built through the public builders from a fixed-seed
 * {@link Random}, survive encode, decode and re-encode unchanged (equal claims, identical JSON,
 * identical token). Failures name the type, iteration and seed, so every case can be replayed.
 */
class ClaimsRoundTripTest {
  /** Iterations per claim type. */
  static final int ITERATIONS = 300;

  /** A key pool per type, derived from fixed seeds. */
  static final class Keys {
    private final Random random;
    private final List<List<NKey>> pools = new ArrayList<>();

    Keys(long seed) {
      this.random = new Random(seed);
      Random r = new Random(seed ^ 0x6b657973L);
      for (NKeyType t : NKeyType.values()) {
        List<NKey> pool = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          byte[] raw = new byte[32];
          r.nextBytes(raw);
          pool.add(NKey.fromRawSeed(t, raw));
        }
        pools.add(pool);
      }
    }

    NKey key(NKeyType type) {
      List<NKey> pool = pools.get(type.ordinal());
      return pool.get(random.nextInt(pool.size()));
    }

    String pub(NKeyType type) {
      return key(type).publicKey();
    }
  }

  /** Characters that stress Go's JSON escaping: HTML, controls, separators, non-BMP. */
  private static final String[] ATOMS = {
    "a",
    "Z",
    "0",
    "9",
    " ",
    ".",
    "*",
    ">",
    "<",
    "&",
    "\"",
    "\\",
    "/",
    "\n",
    "\t",
    "\u0001",
    "\u001f",
    "\u007f",
    "\u2028",
    "\u2029",
    "\u00e9",
    "\u20ac",
    "\ud83d\ude00",
    "-",
    "_",
    "$1",
    "{{name()}}",
    "\ufeff"
  };

  static String text(Random r, int maxAtoms) {
    int n = r.nextInt(maxAtoms + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(ATOMS[r.nextInt(ATOMS.length)]);
    }
    return sb.toString();
  }

  static String maybe(Random r, String value) {
    return r.nextInt(3) == 0 ? "" : value;
  }

  static String subject(Random r) {
    String[] tokens = {"foo", "bar", "*", "baz", "q1", "_INBOX", "$SYS", "a-b"};
    int n = 1 + r.nextInt(4);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(tokens[r.nextInt(tokens.length)]);
    }
    if (r.nextInt(4) == 0) {
      sb.append(".>");
    }
    return sb.toString();
  }

  static List<String> texts(Random r, int max, Function<Random, String> gen) {
    int n = r.nextInt(max + 1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.apply(r));
    }
    return out;
  }

  static Instant time(Random r) {
    return Instant.ofEpochSecond(1 + (r.nextLong() & 0x1_FFFF_FFFFL));
  }

  /** Applies the common builder fields at random. */
  static <B extends Claims.Builder<B, C>, C extends Claims> B common(Random r, B b) {
    b.name(maybe(r, text(r, 6)));
    b.audience(maybe(r, text(r, 3)));
    b.expiresAt(r.nextBoolean() ? time(r) : null);
    b.notBefore(r.nextBoolean() ? time(r) : null);
    switch (r.nextInt(3)) {
      case 0:
        b.tags(texts(r, 3, x -> text(x, 3)));
        break;
      case 1:
        b.addTags(texts(r, 3, x -> text(x, 3)).toArray(new String[0]));
        break;
      default:
        break;
    }
    // Encoding overwrites both; they must not leak into the token.
    b.issuer(text(r, 2));
    b.issuedAt(r.nextBoolean() ? time(r) : null);
    return b;
  }

  /**
   * Encodes, decodes and re-encodes; the decoded claims must equal the stamped input, and the JSON
   * and the token must be identical.
   */
  static <C extends Claims> void roundTrip(
      String what, C claims, NKey signer, Class<C> type, Function<C, C> rebuild, Random r) {
    Instant iat = time(r);
    Clock clock = Clock.fixed(iat, ZoneOffset.UTC);
    Claims stamped = claims.withIssuance(signer.publicKey(), iat);
    String token = Jwt.encode(claims, signer, clock);
    DecodedJwt<C> decoded = Jwt.decode(token, type);
    C back = decoded.claims();
    assertEquals(stamped.toJson(), back.toJson(), what + ": JSON");
    assertEquals(stamped, back, what + ": claims");
    assertEquals(2, back.version(), what + ": version");
    assertEquals(decoded.payloadJson(), back.toJson(), what + ": payload bytes");
    assertEquals(token, Jwt.encode(back, signer, clock), what + ": re-encoded token");
    assertEquals(back, rebuild.apply(back), what + ": toBuilder().build()");
    assertEquals(back, Claims.fromJson(back.toJson()), what + ": fromJson");
    assertEquals(back.hashCode(), Claims.fromJson(back.toJson()).hashCode(), what + ": hashCode");
  }

  static String label(String type, long seed, int i) {
    return type + " #" + i + " (seed " + seed + ")";
  }

  // ------------------------------------------------------------------ operator

  @Test
  void operator_randomClaims_roundTrip() {
    long seed = 0x0FE7A70L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      NKey self = keys.key(NKeyType.OPERATOR);
      OperatorClaims.Builder b = common(r, OperatorClaims.builder(self.publicKey()));
      b.addSigningKeys(texts(r, 3, x -> keys.pub(NKeyType.OPERATOR)).toArray(new String[0]));
      if (r.nextBoolean()) {
        b.removeSigningKeys(keys.pub(NKeyType.OPERATOR));
      }
      String[] urls = {"", "https://accounts.example.com:9090/jwt/v1", "nats://h:4222", "x:y"};
      b.accountServerUrl(urls[r.nextInt(urls.length)]);
      b.operatorServiceUrls(
          texts(r, 3, x -> x.nextBoolean() ? "nats://h" + x.nextInt(9) + ":4222" : text(x, 3)));
      b.systemAccount(maybe(r, keys.pub(NKeyType.ACCOUNT)));
      b.assertServerVersion(
          maybe(
              r,
              r.nextBoolean()
                  ? r.nextInt(3) + "." + r.nextInt(12) + "." + r.nextInt(9)
                  : text(r, 3)));
      b.strictSigningKeyUsage(r.nextBoolean());
      NKey signer = r.nextBoolean() ? self : keys.key(NKeyType.OPERATOR);
      roundTrip(
          label("operator", seed, i),
          b.build(),
          signer,
          OperatorClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  // ------------------------------------------------------------------ shared value generators

  static Permission permission(Random r, boolean queues) {
    Permission p = Permission.EMPTY;
    for (String a : texts(r, 3, ClaimsRoundTripTest::subject)) {
      p = p.withAllowed(queues && r.nextInt(4) == 0 ? a + " q" + r.nextInt(3) : a);
    }
    for (String d : texts(r, 2, ClaimsRoundTripTest::subject)) {
      p = p.withDenied(d);
    }
    return p;
  }

  static Permissions permissions(Random r) {
    ResponsePermission resp =
        r.nextInt(3) == 0
            ? new ResponsePermission(r.nextInt(10), Duration.ofMillis(r.nextInt(100_000)))
            : null;
    return Permissions.of(permission(r, false), permission(r, true), resp);
  }

  static long limit(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return -1;
      case 1:
        return 0;
      case 2:
        return r.nextInt(1000);
      default:
        return r.nextLong() >>> 1;
    }
  }

  /**
   * A limit for a scope template: never 0 (see {@link #userLimits(Random, boolean)}), and exact in
   * a float64, since the reference reads scopes through {@code map[string]interface{}} and so
   * rounds larger numbers to 53 bits, as the library does.
   */
  static long nonZeroLimit(Random r) {
    long l = limit(r) & ((1L << 53) - 1);
    return l == 0 ? -1 : l;
  }

  static UserPermissionLimits userLimits(Random r) {
    return userLimits(r, true);
  }

  /**
   * Random permissions and limits. A scope template read back fills absent subs, data and payload
   * with -1 (the reference's NewUserScope), so a 0 there, which is not written, cannot survive;
   * {@code zeroLimits} false avoids it, and keeps limits exact in a float64.
   */
  static UserPermissionLimits userLimits(Random r, boolean zeroLimits) {
    UserPermissionLimits.Builder b =
        r.nextBoolean() ? UserPermissionLimits.builder() : UserPermissionLimits.EMPTY.toBuilder();
    b.permissions(permissions(r));
    String[] cidrs = {"192.168.0.0/16", "10.0.0.0/8", "2001:DB8::/32", " 127.0.0.1/32 ", "bad"};
    switch (r.nextInt(3)) {
      case 0:
        b.addSrc(texts(r, 3, x -> cidrs[x.nextInt(cidrs.length)]).toArray(new String[0]));
        break;
      case 1:
        b.setSrc(String.join(",", texts(r, 3, x -> cidrs[x.nextInt(cidrs.length)])));
        break;
      default:
        break;
    }
    b.times(
        texts(r, 2, x -> x.nextInt(24) + ":" + (10 + x.nextInt(50)) + ":00").stream()
            .map(t -> new TimeRange(t, r.nextBoolean() ? "23:59:59" : ""))
            .toList());
    String[] zones = {"", "UTC", "Europe/Berlin", "America/New_York"};
    b.timesLocation(zones[r.nextInt(zones.length)]);
    if (zeroLimits) {
      b.subs(limit(r)).data(limit(r)).payload(limit(r));
    } else {
      b.subs(nonZeroLimit(r)).data(nonZeroLimit(r)).payload(nonZeroLimit(r));
    }
    b.bearerToken(r.nextBoolean()).proxyRequired(r.nextInt(4) == 0);
    List<ConnectionType> known = ConnectionType.knownValues();
    for (int i = r.nextInt(3); i > 0; i--) {
      b.addAllowedConnectionTypes(
          r.nextInt(5) == 0
              ? ConnectionType.of("CUSTOM_" + r.nextInt(3))
              : known.get(r.nextInt(known.size())));
    }
    return b.build();
  }

  static JetStreamLimits jetStream(Random r) {
    return JetStreamLimits.builder()
        .memoryStorage(limit(r))
        .diskStorage(limit(r))
        .streams(limit(r))
        .consumer(limit(r))
        .maxAckPending(limit(r))
        .memoryMaxStreamBytes(limit(r))
        .diskMaxStreamBytes(limit(r))
        .maxBytesRequired(r.nextBoolean())
        .build();
  }

  static OperatorLimits operatorLimits(Random r) {
    OperatorLimits.Builder b =
        r.nextInt(3) == 0 ? OperatorLimits.builder() : OperatorLimits.UNLIMITED.toBuilder();
    if (r.nextBoolean()) {
      b.subs(limit(r)).data(limit(r)).payload(limit(r)).imports(limit(r)).exports(limit(r));
      b.wildcardExports(r.nextBoolean()).disallowBearer(r.nextBoolean());
      b.conn(limit(r)).leafNodeConn(limit(r));
    }
    // The reference's decoder zeroes the non-tiered JetStream limits when tiers exist, so a
    // claim with both does not survive decoding; build one or the other.
    if (r.nextBoolean()) {
      b.jetStream(jetStream(r));
    } else {
      for (String tier : texts(r, 3, x -> "R" + x.nextInt(5))) {
        b.tier(tier, jetStream(r));
      }
    }
    return b.build();
  }

  static RevocationList revocations(Random r, Keys keys, NKeyType type) {
    RevocationList.Builder b = RevocationList.EMPTY.toBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      b.revoke(r.nextInt(5) == 0 ? RevocationList.ALL : keys.pub(type), time(r));
    }
    return b.build();
  }

  static Export export(Random r, Keys keys) {
    boolean service = r.nextBoolean();
    Export.Builder b = service ? Export.service(subject(r)) : Export.stream(subject(r));
    b.name(maybe(r, text(r, 3)));
    b.tokenRequired(r.nextBoolean());
    b.revocations(revocations(r, keys, NKeyType.ACCOUNT));
    if (service) {
      ResponseType[] types = {ResponseType.SINGLETON, ResponseType.STREAM, ResponseType.CHUNKED};
      b.responseType(r.nextBoolean() ? types[r.nextInt(3)] : null);
      b.responseThreshold(Duration.ofNanos(r.nextInt(3) == 0 ? 0 : r.nextLong() >>> 2));
      if (r.nextBoolean()) {
        b.latency(
            r.nextBoolean()
                ? ServiceLatency.headers(subject(r))
                : ServiceLatency.of(1 + r.nextInt(100), subject(r)));
      }
      b.allowTrace(r.nextBoolean());
    }
    b.accountTokenPosition(r.nextInt(3));
    b.advertise(r.nextBoolean());
    b.description(maybe(r, text(r, 5)));
    b.infoUrl(maybe(r, "https://example.com/" + r.nextInt(100)));
    return b.build();
  }

  static Import imp(Random r, Keys keys) {
    String account = keys.pub(NKeyType.ACCOUNT);
    Import.Builder b =
        r.nextBoolean() ? Import.service(account, subject(r)) : Import.stream(account, subject(r));
    b.name(maybe(r, text(r, 3)));
    b.token(maybe(r, r.nextBoolean() ? "eyJ" + text(r, 2) : text(r, 2)));
    if (r.nextInt(3) == 0) {
      b.to(subject(r));
    } else if (r.nextBoolean()) {
      b.localSubject(subject(r).replace("*", "$1"));
    }
    b.share(r.nextBoolean());
    b.allowTrace(r.nextInt(4) == 0);
    return b.build();
  }

  static UserScope scope(Random r, Keys keys) {
    return UserScope.builder(keys.pub(NKeyType.ACCOUNT))
        .role(maybe(r, text(r, 3)))
        .template(userLimits(r, false))
        .description(maybe(r, text(r, 4)))
        .build();
  }

  // ------------------------------------------------------------------ account

  @Test
  void account_randomClaims_roundTrip() {
    long seed = 0xACC0047L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      NKey self = keys.key(NKeyType.ACCOUNT);
      AccountClaims.Builder b = common(r, AccountClaims.builder(self.publicKey()));
      for (int k = r.nextInt(4); k > 0; k--) {
        b.addImports(imp(r, keys));
      }
      for (int k = r.nextInt(4); k > 0; k--) {
        b.addExports(export(r, keys));
      }
      if (r.nextInt(4) > 0) {
        b.limits(operatorLimits(r));
      }
      b.addSigningKeys(texts(r, 2, x -> keys.pub(NKeyType.ACCOUNT)).toArray(new String[0]));
      for (int k = r.nextInt(3); k > 0; k--) {
        b.addScopedSigningKey(scope(r, keys));
      }
      if (r.nextBoolean()) {
        b.revocations(revocations(r, keys, NKeyType.USER));
      } else if (r.nextBoolean()) {
        b.revokeAt(keys.pub(NKeyType.USER), time(r));
      }
      b.defaultPermissions(permissions(r));
      for (int k = r.nextInt(3); k > 0; k--) {
        List<WeightedMapping> to = new ArrayList<>();
        for (int m = 1 + r.nextInt(3); m > 0; m--) {
          to.add(WeightedMapping.of(subject(r), r.nextInt(256), maybe(r, "c" + r.nextInt(3))));
        }
        b.mapping(subject(r), to);
      }
      if (r.nextBoolean()) {
        ExternalAuthorization.Builder a = ExternalAuthorization.builder();
        a.addAuthUsers(texts(r, 2, x -> keys.pub(NKeyType.USER)).toArray(new String[0]));
        a.addAllowedAccounts(
            texts(
                    r,
                    2,
                    x ->
                        x.nextInt(4) == 0
                            ? ExternalAuthorization.ANY_ACCOUNT
                            : keys.pub(NKeyType.ACCOUNT))
                .toArray(new String[0]));
        a.xkey(maybe(r, keys.pub(NKeyType.CURVE)));
        b.authorization(a.build());
      }
      b.trace(r.nextInt(3) == 0 ? MsgTrace.of(subject(r), r.nextInt(101)) : null);
      ClusterTraffic[] traffic = {null, ClusterTraffic.SYSTEM, ClusterTraffic.OWNER};
      b.clusterTraffic(traffic[r.nextInt(3)]);
      b.description(maybe(r, text(r, 8)));
      b.infoUrl(maybe(r, "https://example.com/" + text(r, 2)));
      NKey signer = r.nextBoolean() ? keys.key(NKeyType.OPERATOR) : self;
      roundTrip(
          label("account", seed, i),
          b.build(),
          signer,
          AccountClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  // ------------------------------------------------------------------ user

  @Test
  void user_randomClaims_roundTrip() {
    long seed = 0x05E4L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      UserClaims.Builder b = common(r, UserClaims.builder(keys.pub(NKeyType.USER)));
      switch (r.nextInt(4)) {
        case 0:
          b.scoped(true);
          break;
        case 1:
          b.permissionLimits(userLimits(r));
          break;
        default:
          b.pub(permission(r, false)).sub(permission(r, true));
          b.subs(limit(r)).data(limit(r)).payload(limit(r));
          b.bearerToken(r.nextBoolean());
          if (r.nextBoolean()) {
            b.addSrc("10.0.0.0/8", "FD00::/8");
          }
          if (r.nextBoolean()) {
            b.addAllowedConnectionTypes(ConnectionType.STANDARD, ConnectionType.MQTT_WS);
          }
          break;
      }
      b.issuerAccount(maybe(r, keys.pub(NKeyType.ACCOUNT)));
      roundTrip(
          label("user", seed, i),
          b.build(),
          keys.key(NKeyType.ACCOUNT),
          UserClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  // ------------------------------------------------------------------ activation

  @Test
  void activation_randomClaims_roundTrip() {
    long seed = 0xAC7L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      ActivationClaims.Builder b = common(r, ActivationClaims.builder(keys.pub(NKeyType.ACCOUNT)));
      b.importSubject(maybe(r, subject(r)));
      b.kind(r.nextBoolean() ? ExportType.STREAM : ExportType.SERVICE);
      b.issuerAccount(maybe(r, keys.pub(NKeyType.ACCOUNT)));
      NKey signer = keys.key(r.nextInt(4) == 0 ? NKeyType.OPERATOR : NKeyType.ACCOUNT);
      roundTrip(
          label("activation", seed, i),
          b.build(),
          signer,
          ActivationClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  // ------------------------------------------------------------------ auth callout

  @Test
  void authorizationRequest_randomClaims_roundTrip() {
    long seed = 0xA5EC0L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      String user = keys.pub(NKeyType.USER);
      AuthorizationRequestClaims.Builder b =
          common(
              r,
              AuthorizationRequestClaims.builder(
                  r.nextBoolean() ? user : keys.pub(NKeyType.SERVER)));
      b.serverId(
          r.nextInt(4) == 0
              ? ServerId.EMPTY
              : new ServerId(
                  text(r, 3),
                  maybe(r, "10.0.0." + r.nextInt(255)),
                  keys.pub(NKeyType.SERVER),
                  maybe(r, "2.10." + r.nextInt(20)),
                  maybe(r, text(r, 2)),
                  texts(r, 2, x -> text(x, 2)),
                  maybe(r, keys.pub(NKeyType.CURVE))));
      b.userNkey(maybe(r, user));
      b.clientInformation(
          r.nextInt(4) == 0
              ? ClientInformation.EMPTY
              : new ClientInformation(
                  maybe(r, "127.0.0." + r.nextInt(255)),
                  r.nextInt(3) == 0 ? -1 - r.nextInt(5) : r.nextInt(1000),
                  maybe(r, text(r, 2)),
                  maybe(r, text(r, 2)),
                  texts(r, 2, x -> text(x, 2)),
                  maybe(r, text(r, 2)),
                  maybe(r, "Client"),
                  maybe(r, "nats"),
                  maybe(r, text(r, 2)),
                  maybe(r, text(r, 2))));
      b.connectOptions(
          new ConnectOptions(
              maybe(r, "eyJ" + text(r, 2)),
              maybe(r, user),
              maybe(r, text(r, 2)),
              maybe(r, text(r, 2)),
              maybe(r, text(r, 2)),
              maybe(r, text(r, 2)),
              maybe(r, text(r, 2)),
              maybe(r, "java"),
              maybe(r, "2.20.0"),
              r.nextInt(3)));
      b.clientTls(
          r.nextBoolean()
              ? null
              : new ClientTls(
                  maybe(r, "1.3"),
                  maybe(r, "TLS_AES_128_GCM_SHA256"),
                  texts(r, 2, x -> "-----BEGIN CERTIFICATE-----\n" + text(x, 3)),
                  chains(r)));
      b.requestNonce(maybe(r, text(r, 3)));
      roundTrip(
          label("authorization_request", seed, i),
          b.build(),
          keys.key(NKeyType.SERVER),
          AuthorizationRequestClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  @Test
  void authorizationResponse_randomClaims_roundTrip() {
    long seed = 0xA5E5L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    for (int i = 0; i < ITERATIONS; i++) {
      AuthorizationResponseClaims.Builder b =
          common(r, AuthorizationResponseClaims.builder(keys.pub(NKeyType.USER)));
      b.audience(maybe(r, keys.pub(NKeyType.SERVER)));
      switch (r.nextInt(3)) {
        case 0:
          b.jwt(
              Jwt.encode(
                  UserClaims.builder(keys.pub(NKeyType.USER)).name(text(r, 2)).build(),
                  keys.key(NKeyType.ACCOUNT),
                  Clock.fixed(time(r), ZoneOffset.UTC)));
          break;
        case 1:
          b.error(text(r, 5));
          break;
        default:
          b.jwt(maybe(r, text(r, 2))).error(maybe(r, text(r, 2)));
          break;
      }
      b.issuerAccount(maybe(r, keys.pub(NKeyType.ACCOUNT)));
      roundTrip(
          label("authorization_response", seed, i),
          b.build(),
          keys.key(NKeyType.ACCOUNT),
          AuthorizationResponseClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }

  static List<List<String>> chains(Random r) {
    List<List<String>> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      out.add(texts(r, 2, y -> text(y, 3)));
    }
    return out;
  }

  // ------------------------------------------------------------------ generic

  static Object genericValue(Random r, int depth) {
    switch (r.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return text(r, 4);
      case 1:
        return r.nextBoolean();
      case 2:
        // Every number is a float64 in Go's interface{}; keep them finite.
        return r.nextBoolean()
            ? (double) r.nextInt(1_000_000)
            : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(60) - 30);
      case 3:
        return (long) r.nextInt(1 << 20);
      case 4:
        return null;
      case 5:
        {
          List<Object> list = new ArrayList<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            list.add(genericValue(r, depth + 1));
          }
          return list;
        }
      default:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = r.nextInt(4); i > 0; i--) {
            map.put(text(r, 3), genericValue(r, depth + 1));
          }
          return map;
        }
    }
  }

  @Test
  void generic_randomClaims_roundTrip() {
    long seed = 0x6E6E61L;
    Random r = new Random(seed);
    Keys keys = new Keys(seed);
    NKeyType[] signers = {
      NKeyType.OPERATOR, NKeyType.ACCOUNT, NKeyType.USER, NKeyType.SERVER, NKeyType.CLUSTER
    };
    for (int i = 0; i < ITERATIONS; i++) {
      GenericClaims.Builder b =
          common(r, GenericClaims.builder(keys.pub(signers[r.nextInt(signers.length)])));
      for (int k = r.nextInt(5); k > 0; k--) {
        String key = text(r, 3);
        // "type" names the claim kind and "version" is stamped by the encoder; "tags" mirrors the
        // builder's tags. Other keys are free.
        if (!key.equals("type") && !key.equals("version") && !key.equals("tags")) {
          b.put(key, genericValue(r, 0));
        }
      }
      if (r.nextInt(3) == 0) {
        b.put("type", r.nextBoolean() ? "my_type" : "generic");
      }
      roundTrip(
          label("generic", seed, i),
          b.build(),
          keys.key(signers[r.nextInt(signers.length)]),
          GenericClaims.class,
          c -> c.toBuilder().build(),
          r);
    }
  }
}
