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
 * <p>The constructor checks that every benchmarked path accepts the fixture, and that the library
 * rejects a wrong nonce signature (so the nonce really is verified), before anything is measured.
 */
final class TrustFixture {
  /** The verifier's "now". */
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A nonce as nats-server sends it in INFO: 11 random bytes, 15 base64url characters. */
  static final String NONCE = "PcX8LqAFa2Y9h3w";

  final String operatorJwt;
  final String accountJwt;
  final String userJwt;
  final ConnectionContext context;
  final MemoryAccountResolver resolver;

  /** The normal case: one verifier, its account cache holds the account after the first call. */
  final TrustVerifier cached;

  /** The account cache disabled: every call decodes and verifies the account JWT again. */
  final TrustVerifier uncached;

  // What the baselines work on.
  final String nonceSignature;
  final byte[] nonceBytes;
  final byte[] nonceSignatureBytes;
  final byte[] userSigned; // header.payload of the user JWT, the bytes its signature covers
  final byte[] userJwtSignature;
  final byte[] userSignerRaw; // the account signing key that issued the user
  final byte[] userRaw;

  TrustFixture() {
    Clock issued = Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC);
    NKey operator = key(NKeyType.OPERATOR, 10);
    NKey operatorSk = key(NKeyType.OPERATOR, 20);
    NKey account = key(NKeyType.ACCOUNT, 30);
    NKey accountSk = key(NKeyType.ACCOUNT, 40);
    NKey user = key(NKeyType.USER, 50);

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
    userJwt =
        Jwt.encode(
            UserClaims.builder(user.publicKey())
                .name("order-service")
                .issuerAccount(account.publicKey())
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

    nonceSignature = ConnectionContext.signNonce(NONCE, user);
    context =
        ConnectionContext.builder()
            .nonce(NONCE)
            .signature(nonceSignature)
            .clientHost("192.0.2.10")
            .build();
    resolver = MemoryAccountResolver.of(accountJwt);
    cached = newVerifier(TrustVerifier.DEFAULT_ACCOUNT_CACHE_SIZE);
    uncached = newVerifier(0);

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

  /** A verifier as a server configures one: the operator JWT, the resolver, the fixed clock. */
  TrustVerifier newVerifier(int accountCacheSize) {
    return TrustVerifier.builder()
        .trustOperator(operatorJwt)
        .accountResolver(resolver)
        .clock(CLOCK)
        .localZone(ZoneOffset.UTC)
        .accountCacheSize(accountCacheSize)
        .build();
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
    return Ed25519.verify(
            userJwtSignature, 0, userSignerRaw, 0, userSigned, 0, userSigned.length)
        & Ed25519.verify(
            nonceSignatureBytes, 0, userRaw, 0, nonceBytes, 0, nonceBytes.length);
  }

  private void check(String userKey) {
    for (TrustVerifier v : new TrustVerifier[] {cached, uncached, newVerifier(0)}) {
      Verification<VerifiedUser> result = v.verifyUser(userJwt, context);
      Fixtures.check(
          result.isAccepted(),
          "verifyUser accepts the fixture, but it gave " + result.rejection().orElse(null));
      VerifiedUser u = result.orElseThrow();
      Fixtures.check(u.publicKey().equals(userKey), "the verified user is the fixture's user");
      Fixtures.check(u.isSignedBySigningKey(), "the user is issued by the account signing key");
      Fixtures.check(u.permissions().canPublish("orders.new"), "the user may publish orders.new");
      Fixtures.check(
          !u.permissions().canPublish("orders.admin.reset"), "orders.admin.> is denied");
    }
    ConnectionContext wrongNonce =
        ConnectionContext.builder()
            .nonce("another-nonce-x")
            .signature(nonceSignature)
            .clientHost("192.0.2.10")
            .build();
    Fixtures.check(
        cached
            .verifyUser(userJwt, wrongNonce)
            .rejection()
            .map(r -> r.rule() == Rule.NONCE_SIGNATURE_INVALID)
            .orElse(false),
        "verifyUser rejects a signature over another nonce");
    Fixtures.check(decodeVerifyNonce(), "the baseline accepts the fixture");
    Fixtures.check(bcTwoVerifies(), "BouncyCastle accepts both signatures");
  }
}
