package io.github.natsjwt.benchmarks;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.JetStreamLimits;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.ResponseType;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * The two JWTs of the JWT benchmarks, built with the library's builders from fixed seeds and a
 * fixed clock, so every run measures the same bytes.
 *
 * <ul>
 *   <li>{@code user}: a typical user JWT, issued by an account signing key with {@code
 *       issuer_account}: pub/sub allow and deny lists, a response permission, source networks, time
 *       ranges, limits, connection types, tags, audience, expiry (the shape of the {@code
 *       user_full} golden vector, plus {@code issuer_account}). 1.3 KB of token, 0.9 KB of JSON.
 *   <li>{@code account}: a large account JWT, issued by an operator: 100 imports, 100 exports,
 *       1,000 revoked users, two signing keys and limits. 129 KB of token, 97 KB of JSON.
 * </ul>
 */
final class JwtFixtures {
  /** The {@code iat} of every token. */
  static final Instant ISSUED_AT = Instant.ofEpochSecond(1_700_000_000L);

  /** The clock every encode uses, so every run produces the same {@code iat} and {@code jti}. */
  static final Clock CLOCK = Clock.fixed(ISSUED_AT, ZoneOffset.UTC);

  /** When the validation run in setup happens; inside every token's validity. */
  static final Instant NOW = ISSUED_AT.plusSeconds(60);

  static final int ACCOUNT_IMPORTS = 100;
  static final int ACCOUNT_EXPORTS = 100;
  static final int ACCOUNT_REVOCATIONS = 1_000;

  private JwtFixtures() {}

  /** One fixture: the claims as built (not yet stamped), the signer and the signed token. */
  static final class Fixture {
    final Claims claims;
    final NKey signer;
    final String token;

    /** The token as the bytes that arrive from the network. */
    final byte[] tokenBytes;

    /** The base64url-decoded payload segment of {@link #token}. */
    final byte[] payload;

    /**
     * The claims as {@code Jwt.decode} returns them (stamped: {@code iss}, {@code iat}, {@code
     * jti}).
     */
    final Claims decoded;

    Fixture(Claims claims, NKey signer) {
      this.claims = claims;
      this.signer = signer;
      this.token = Jwt.encode(claims, signer, CLOCK);
      this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
      int dot1 = token.indexOf('.');
      int dot2 = token.indexOf('.', dot1 + 1);
      this.payload = Base64.getUrlDecoder().decode(token.substring(dot1 + 1, dot2));
      this.decoded = Jwt.decode(token).claims();
      ValidationResult issues = decoded.validate(NOW);
      Fixtures.check(issues.isEmpty(), "the " + claims.type() + " fixture validates: " + issues);
      Fixtures.check(rebuild().equals(decoded), "toBuilder().build() gives equal claims");
    }

    /**
     * A new {@code String} equal to the token, as a server has one for every token it reads from
     * the network: a distinct object whose hash code is not computed yet.
     */
    String freshToken() {
      return new String(tokenBytes, StandardCharsets.US_ASCII);
    }

    /** A new claims object equal to {@link #decoded}, made with the claim type's builder. */
    Claims rebuild() {
      if (decoded instanceof UserClaims) {
        return ((UserClaims) decoded).toBuilder().build();
      }
      return ((AccountClaims) decoded).toBuilder().build();
    }
  }

  /** The fixture of that name: {@code user} or {@code account}. */
  static Fixture of(String name) {
    switch (name) {
      case "user":
        return user();
      case "account":
        return account();
      default:
        throw new IllegalArgumentException("unknown JWT fixture " + name);
    }
  }

  /** A key of a type from a seed derived from a number, so thousands of keys stay distinct. */
  static NKey key(NKeyType type, int n) {
    byte[] seed = Fixtures.bytes(NKey.KEY_BYTES, 7 * n);
    ByteBuffer.wrap(seed).putInt(n);
    return NKey.fromRawSeed(type, seed);
  }

  static Fixture user() {
    NKey account = key(NKeyType.ACCOUNT, 1);
    NKey signingKey = key(NKeyType.ACCOUNT, 2);
    NKey user = key(NKeyType.USER, 3);
    UserClaims claims =
        UserClaims.builder(user.publicKey())
            .name("alice")
            .audience("NATS")
            .expiresAt(Instant.ofEpochSecond(4_102_444_800L))
            .notBefore(ISSUED_AT)
            .issuerAccount(account.publicKey())
            .pub(
                Permission.allowing("alice.>", "_INBOX.>", "orders.*.create")
                    .withDenied("alice.secret"))
            .sub(
                Permission.allowing("alice.>", "_INBOX.>", "work.* workers")
                    .withDenied("alice.private.>"))
            .resp(new ResponsePermission(5, Duration.ofMinutes(1)))
            .addSrc("192.0.2.0/24", "2001:db8::/32")
            .addTimes(new TimeRange("09:00:00", "12:00:00"), new TimeRange("13:00:00", "17:30:00"))
            .timesLocation("America/New_York")
            .subs(100)
            .data(1 << 20)
            .payload(4096)
            .addAllowedConnectionTypes(ConnectionType.STANDARD, ConnectionType.WEBSOCKET)
            .addTags("dept:eng", "team:web")
            .build();
    return new Fixture(claims, signingKey);
  }

  static Fixture account() {
    NKey operator = key(NKeyType.OPERATOR, 10);
    NKey account = key(NKeyType.ACCOUNT, 11);
    AccountClaims.Builder b =
        AccountClaims.builder(account.publicKey())
            .name("large")
            .addTags("env:prod")
            .addSigningKeys(
                key(NKeyType.ACCOUNT, 12).publicKey(), key(NKeyType.ACCOUNT, 13).publicKey())
            .limits(
                OperatorLimits.builder()
                    .subs(10_000)
                    .conn(1_000)
                    .leafNodeConn(10)
                    .imports(ACCOUNT_IMPORTS)
                    .exports(ACCOUNT_EXPORTS)
                    .data(-1)
                    .payload(1 << 20)
                    .wildcardExports(true)
                    .jetStream(
                        JetStreamLimits.builder()
                            .memoryStorage(1L << 30)
                            .diskStorage(10L << 30)
                            .streams(100)
                            .consumer(1_000)
                            .build())
                    .build());
    for (int i = 0; i < ACCOUNT_IMPORTS; i++) {
      // Twenty exporting accounts, five imports from each.
      String exporter = key(NKeyType.ACCOUNT, 100 + i % 20).publicKey();
      Import imp =
          i % 2 == 0
              ? Import.stream(exporter, "feed." + i + ".>")
                  .name("feed " + i)
                  .localSubject("in.feed." + i + ".>")
                  .build()
              : Import.service(exporter, "svc." + i + ".*")
                  .name("service " + i)
                  .localSubject("call.svc." + i + ".$1")
                  .build();
      b.addImports(imp);
    }
    for (int i = 0; i < ACCOUNT_EXPORTS; i++) {
      Export exp =
          i % 2 == 0
              ? Export.stream("events." + i + ".>")
                  .name("events " + i)
                  .description("event feed " + i)
                  .build()
              : Export.service("api." + i + ".*")
                  .name("api " + i)
                  .responseType(ResponseType.SINGLETON)
                  .tokenRequired(i % 4 == 1)
                  .build();
      b.addExports(exp);
    }
    for (int i = 0; i < ACCOUNT_REVOCATIONS; i++) {
      b.revokeAt(key(NKeyType.USER, 1_000 + i).publicKey(), ISSUED_AT.minusSeconds(i));
    }
    return new Fixture(b.build(), operator);
  }

  /** The payload JSON as a string, for messages and size checks. */
  static String payloadJson(Fixture f) {
    return new String(f.payload, StandardCharsets.UTF_8);
  }
}
