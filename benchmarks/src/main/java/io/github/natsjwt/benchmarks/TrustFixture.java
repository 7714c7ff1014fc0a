package io.github.natsjwt.benchmarks;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.Rule;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A trust chain as a NATS deployment has it, and one client's {@code CONNECT}: an operator with a
 * signing key; an account signed by the operator, with a signing key, limits and two exports; a
 * user issued by the account's signing key (so with {@code issuer_account}), with publish,
 * subscribe and response permissions, limits and a source network; a fixed nonce signed with the
 * user's key. Keys come from fixed seeds and the clock is fixed, so every run verifies the same
 * bytes.
 *
 * <p>{@link #connects(int)} makes {@value #CONNECTS} such {@code CONNECT}s, each with its own
 * nonce: of the same user, or of as many distinct users issued alike.
 *
 * <p>The constructor checks that every benchmarked path accepts the fixture, and that the library
 * rejects a wrong nonce signature (so the nonce really is verified), before anything is measured.
 */
final class TrustFixture {
  /** The verifier's "now". */
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A nonce as nats-server sends it in INFO: 11 random bytes, 15 base64url characters. */
  static final String NONCE = "PcX8LqAFa2Y9h3w";

  /** How many {@code CONNECT}s {@link #connects(int)} makes. */
  static final int CONNECTS = 1000;

  private static final String CLIENT_HOST = "192.0.2.10";

  final String operatorJwt;
  final String accountJwt;
  final String userJwt;
  final ConnectionContext context;
  final MemoryAccountResolver resolver;

  /**
   * The normal case: a verifier with the default settings. Its account cache holds the account
   * after the first call, and its verified-token cache the user JWTs it has verified.
   */
  final TrustVerifier cached;

  /** The account cache disabled: every call decodes and verifies the account JWT again. */
  final TrustVerifier uncached;

  /** The verified-token cache disabled: every call verifies the user JWT's signature again. */
  final TrustVerifier noTokenCache;

  private final Clock issued = Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC);
  private final NKey user;
  private final NKey accountSk;
  private final String accountKey;

  // What the baselines work on.
  final String nonceSignature;
  final byte[] nonceBytes;
  final byte[] nonceSignatureBytes;
  final byte[] userSigned; // header.payload of the user JWT, the bytes its signature covers
  final byte[] userJwtSignature;
  final byte[] userSignerRaw; // the account signing key that issued the user
  final byte[] userRaw;

  TrustFixture() {
    NKey operator = key(NKeyType.OPERATOR, 10);
    NKey operatorSk = key(NKeyType.OPERATOR, 20);
    NKey account = key(NKeyType.ACCOUNT, 30);
    accountKey = account.publicKey();
    accountSk = key(NKeyType.ACCOUNT, 40);
    user = key(NKeyType.USER, 50);

    operatorJwt =
        Jwt.encode(
            OperatorClaims.builder(operator.publicKey())
                .name("OP")
                .addSigningKeys(operatorSk.publicKey())
                .build(),
            operator,
            issued);
    accountJwt =
        Jwt.encode(
            AccountClaims.builder(account.publicKey())
                .name("ORDERS")
                .addSigningKeys(accountSk.publicKey())
                .limits(OperatorLimits.UNLIMITED.toBuilder().conn(1000).subs(10_000).build())
                .addExports(
                    Export.builder()
                        .type(ExportType.SERVICE)
                        .subject("orders.api.>")
                        .name("orders-api")
                        .build(),
                    Export.builder()
                        .type(ExportType.STREAM)
                        .subject("orders.events.>")
                        .name("orders-events")
                        .build())
                .build(),
            operatorSk,
            issued);
    userJwt = userJwt(user);

    nonceSignature = ConnectionContext.signNonce(NONCE, user);
    context = context(NONCE, nonceSignature);
    resolver = MemoryAccountResolver.of(accountJwt);
    cached = newVerifier(TrustVerifier.DEFAULT_ACCOUNT_CACHE_SIZE);
    uncached = newVerifier(0);
    noTokenCache =
        verifierBuilder(TrustVerifier.DEFAULT_ACCOUNT_CACHE_SIZE).verifiedTokenCacheSize(0).build();

    nonceBytes = NONCE.getBytes(StandardCharsets.UTF_8);
    nonceSignatureBytes = Base64.getUrlDecoder().decode(nonceSignature);
    int lastDot = userJwt.lastIndexOf('.');
    userSigned = userJwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
    userJwtSignature = Base64.getUrlDecoder().decode(userJwt.substring(lastDot + 1));
    userSignerRaw = accountSk.publicKeyBytes();
    userRaw = user.publicKeyBytes();

    check(user.publicKey());
  }

  private static NKey key(NKeyType type, int start) {
    return NKey.fromRawSeed(type, Fixtures.bytes(NKey.KEY_BYTES, start));
  }

  /** The fixture's user JWT for another user key: same claims, issued alike. */
  private String userJwt(NKey userKey) {
    return Jwt.encode(
        UserClaims.builder(userKey.publicKey())
            .name("order-service")
            .issuerAccount(accountKey)
            .expiresAt(NOW.plus(Duration.ofDays(30)))
            .addTags("team:orders", "env:prod")
            .pub(Permission.allowing("orders.>", "_INBOX.>").withDenied("orders.admin.>"))
            .sub(Permission.allowing("orders.*", "orders.events.>", "_INBOX.>"))
            .resp(new ResponsePermission(1, Duration.ofSeconds(5)))
            .addSrc("192.0.2.0/24")
            .subs(100)
            .payload(65_536)
            .build(),
        accountSk,
        issued);
  }

  private static ConnectionContext context(String nonce, String signature) {
    return ConnectionContext.builder()
        .nonce(nonce)
        .signature(signature)
        .clientHost(CLIENT_HOST)
        .build();
  }

  /** A verifier as a server configures one: the operator JWT, the resolver, the fixed clock. */
  TrustVerifier newVerifier(int accountCacheSize) {
    return verifierBuilder(accountCacheSize).build();
  }

  private TrustVerifier.Builder verifierBuilder(int accountCacheSize) {
    return TrustVerifier.builder()
        .trustOperator(operatorJwt)
        .accountResolver(resolver)
        .clock(CLOCK)
        .localZone(ZoneOffset.UTC)
        .accountCacheSize(accountCacheSize);
  }

  /** One client's {@code CONNECT}: its user JWT as the bytes that arrive, nonce and signature. */
  static final class Connect {
    final String user;
    final byte[] jwt;
    final String nonce;
    final String nonceSignature;
    final ConnectionContext context;

    private Connect(String user, String jwt, String nonce, String nonceSignature) {
      this.user = user;
      this.jwt = jwt.getBytes(StandardCharsets.US_ASCII);
      this.nonce = nonce;
      this.nonceSignature = nonceSignature;
      this.context = context(nonce, nonceSignature);
    }

    /**
     * The user JWT as a new {@code String}, as the server reads it from the network at every {@code
     * CONNECT}: a distinct object whose hash code is not computed yet.
     */
    String freshJwt() {
      return new String(jwt, StandardCharsets.US_ASCII);
    }
  }

  /**
   * {@value #CONNECTS} {@code CONNECT}s, each signing a nonce of its own: with {@code users} 1, all
   * of the fixture's user (one client reconnecting); with {@code users} {@value #CONNECTS}, each of
   * another user whose JWT the account signing key issued like the fixture's. Checks that the
   * default verifier and the Jackson + BouncyCastle baseline accept every one, and that the
   * verifier without the token cache accepts the first and the last.
   */
  Connect[] connects(int users) {
    Fixtures.check(users == 1 || users == CONNECTS, "users is 1 or " + CONNECTS);
    Connect[] connects = new Connect[CONNECTS];
    for (int i = 0; i < CONNECTS; i++) {
      NKey u = users == 1 ? user : JwtFixtures.key(NKeyType.USER, 5_000 + i);
      String jwt = users == 1 ? userJwt : userJwt(u);
      byte[] nonceBytes = Fixtures.bytes(11, 3 * i);
      ByteBuffer.wrap(nonceBytes).putInt(i);
      String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
      connects[i] = new Connect(u.publicKey(), jwt, nonce, ConnectionContext.signNonce(nonce, u));
    }
    try {
      for (Connect c : connects) {
        checkAccepted(cached, c.freshJwt(), c.context, c.user);
        Fixtures.check(
            JacksonBcJwt.verifyConnect(c.freshJwt(), c.nonce, c.nonceSignature),
            "the Jackson + BouncyCastle baseline accepts the connection");
      }
      Connect first = connects[0];
      Fixtures.check(
          !JacksonBcJwt.verifyConnect(first.freshJwt(), NONCE, first.nonceSignature),
          "the Jackson + BouncyCastle baseline rejects a signature over another nonce");
    } catch (IOException e) {
      throw new IllegalStateException("the Jackson baseline cannot read the user JWT", e);
    }
    for (Connect c : new Connect[] {connects[0], connects[CONNECTS - 1]}) {
      checkAccepted(noTokenCache, c.freshJwt(), c.context, c.user);
    }
    return connects;
  }

  /**
   * The baseline: what any verification of a {@code CONNECT} must do at least. Decode the user JWT
   * and verify its signature, decode the nonce signature and verify it with the user's key (which
   * comes from the JWT, so the key object is made here).
   */
  boolean decodeVerifyNonce() {
    UserClaims claims = Jwt.decode(userJwt, UserClaims.class).claims();
    byte[] signature = Base64.getUrlDecoder().decode(nonceSignature);
    return NKey.fromPublicKey(claims.subject())
        .verify(NONCE.getBytes(StandardCharsets.UTF_8), signature);
  }

  /** The two Ed25519 verifications alone, in BouncyCastle, on bytes decoded beforehand. */
  boolean bcTwoVerifies() {
    return Ed25519.verify(userJwtSignature, 0, userSignerRaw, 0, userSigned, 0, userSigned.length)
        & Ed25519.verify(nonceSignatureBytes, 0, userRaw, 0, nonceBytes, 0, nonceBytes.length);
  }

  private static void checkAccepted(
      TrustVerifier v, String jwt, ConnectionContext ctx, String userKey) {
    Verification<VerifiedUser> result = v.verifyUser(jwt, ctx);
    Fixtures.check(
        result.isAccepted(),
        "verifyUser accepts the fixture, but it gave " + result.rejection().orElse(null));
    VerifiedUser u = result.orElseThrow();
    Fixtures.check(u.publicKey().equals(userKey), "the verified user is the fixture's user");
    Fixtures.check(u.isSignedBySigningKey(), "the user is issued by the account signing key");
    Fixtures.check(u.permissions().canPublish("orders.new"), "the user may publish orders.new");
    Fixtures.check(!u.permissions().canPublish("orders.admin.reset"), "orders.admin.> is denied");
  }

  private void check(String userKey) {
    for (TrustVerifier v : new TrustVerifier[] {cached, uncached, noTokenCache, newVerifier(0)}) {
      checkAccepted(v, userJwt, context, userKey);
    }
    ConnectionContext wrongNonce = context("another-nonce-x", nonceSignature);
    for (TrustVerifier v : new TrustVerifier[] {cached, noTokenCache}) {
      Fixtures.check(
          v.verifyUser(userJwt, wrongNonce)
              .rejection()
              .map(r -> r.rule() == Rule.NONCE_SIGNATURE_INVALID)
              .orElse(false),
          "verifyUser rejects a signature over another nonce");
    }
    Fixtures.check(decodeVerifyNonce(), "the baseline accepts the fixture");
    Fixtures.check(bcTwoVerifies(), "BouncyCastle accepts both signatures");
  }
}
