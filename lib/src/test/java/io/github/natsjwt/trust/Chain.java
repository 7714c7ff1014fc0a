package io.github.natsjwt.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deterministic keys, a fixed clock and small builders for operator, account and user JWTs, so that
 * each test states only what it changes.
 */
final class Chain {
  /** The verifier's "now": a Monday, noon UTC. */
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** JWTs are issued an hour before "now". */
  static final Instant ISSUED = NOW.minusSeconds(3600);

  static final Clock ISSUE_CLOCK = Clock.fixed(ISSUED, ZoneOffset.UTC);

  static final ZoneId UTC = ZoneOffset.UTC;

  /** A nonce as a server sends it in INFO: 15 base64url characters. */
  static final String NONCE = "PcX8LqAFa2Y9h3w";

  static final NKey OPERATOR = key(NKeyType.OPERATOR, "operator");
  static final NKey OPERATOR_SK = key(NKeyType.OPERATOR, "operator-signing-key");
  static final NKey OTHER_OPERATOR = key(NKeyType.OPERATOR, "other-operator");
  static final NKey ACCOUNT = key(NKeyType.ACCOUNT, "account");
  static final NKey ACCOUNT_SK = key(NKeyType.ACCOUNT, "account-signing-key");
  static final NKey SCOPED_SK = key(NKeyType.ACCOUNT, "account-scoped-key");
  static final NKey EXPORTER = key(NKeyType.ACCOUNT, "exporter");
  static final NKey EXPORTER_SK = key(NKeyType.ACCOUNT, "exporter-signing-key");
  static final NKey SYSTEM = key(NKeyType.ACCOUNT, "system");
  static final NKey STRANGER = key(NKeyType.ACCOUNT, "stranger");
  static final NKey USER = key(NKeyType.USER, "user");
  static final NKey OTHER_USER = key(NKeyType.USER, "other-user");

  private Chain() {}

  /** A key whose seed is the SHA-256 of a label, as the reference vectors derive theirs. */
  static NKey key(NKeyType type, String label) {
    return NKey.fromRawSeed(type, sha256(label));
  }

  /** The keys of the shared test data: SHA-256 of "nats-jwt-refgen|public|" + label. */
  static NKey refgenKey(NKeyType type, String label) {
    return NKey.fromRawSeed(type, sha256("nats-jwt-refgen|public|" + label));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** An operator with one signing key, naming {@link #SYSTEM} as its system account. */
  static OperatorClaims.Builder operator() {
    return OperatorClaims.builder(OPERATOR.publicKey())
        .name("OP")
        .addSigningKeys(OPERATOR_SK.publicKey())
        .systemAccount(SYSTEM.publicKey());
  }

  static String operatorJwt() {
    return sign(operator().build(), OPERATOR);
  }

  /** A new account (unlimited, as the reference's NewAccountClaims) with a plain signing key. */
  static AccountClaims.Builder account() {
    return AccountClaims.builder(ACCOUNT.publicKey())
        .name("ACCA")
        .addSigningKeys(ACCOUNT_SK.publicKey());
  }

  /** A new user named alice (subs, data and payload -1). */
  static UserClaims.Builder user() {
    return UserClaims.builder(USER.publicKey()).name("alice");
  }

  /**
   * Signs with a bound far above the 1 MiB cap: some cases need oversized tokens on purpose, as
   * servers before 2.12.6 accept them; the verifier under test decides.
   */
  static String sign(Claims claims, NKey signer) {
    return Jwt.encode(claims, signer, ISSUE_CLOCK, 16 << 20);
  }

  static String sign(Claims claims, NKey signer, Instant issuedAt) {
    return Jwt.encode(claims, signer, Clock.fixed(issuedAt, ZoneOffset.UTC));
  }

  /**
   * Signs claims with any key, bypassing the encoder's issuer check, to build tokens that only a
   * broken or hostile issuer would produce.
   */
  static String forge(Claims claims, NKey signer) {
    String header =
        Base64Url.encode(
            "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        Base64Url.encode(
            claims
                .withIssuance(signer.publicKey(), ISSUED)
                .toJson()
                .getBytes(StandardCharsets.UTF_8));
    String signed = header + "." + payload;
    return signed + "." + Base64Url.encode(signer.sign(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A client that signed the nonce with a key, from 127.0.0.1 over plain TCP. */
  static ConnectionContext.Builder signedBy(NKey user) {
    return ConnectionContext.builder()
        .nonce(NONCE)
        .signature(ConnectionContext.signNonce(NONCE, user))
        .clientHost("127.0.0.1");
  }

  static ConnectionContext signed() {
    return signedBy(USER).build();
  }

  /** A verifier trusting {@link #operatorJwt()}, with a resolver, at {@link #NOW} in UTC. */
  static TrustVerifier.Builder verifier(MapResolver resolver) {
    return TrustVerifier.builder()
        .trustOperator(operatorJwt())
        .accountResolver(resolver)
        .clock(CLOCK)
        .localZone(UTC);
  }

  /** A resolver holding the given account JWTs under their subjects. */
  static MapResolver resolver(String... accountJwts) {
    MapResolver r = new MapResolver();
    for (String jwt : accountJwts) {
      r.put(jwt);
    }
    return r;
  }

  /** An in-memory resolver for tests; thread-safe. */
  static final class MapResolver implements AccountResolver {
    private final Map<String, String> jwts = new ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    MapResolver put(String accountJwt) {
      jwts.put(Jwt.decode(accountJwt).claims().subject(), accountJwt);
      return this;
    }

    MapResolver putAs(String key, String accountJwt) {
      jwts.put(key, accountJwt);
      return this;
    }

    MapResolver failWith(RuntimeException e) {
      this.failure = e;
      return this;
    }

    @Override
    public Optional<String> fetch(String accountPublicKey) {
      RuntimeException f = failure;
      if (f != null) {
        throw f;
      }
      return Optional.ofNullable(jwts.get(accountPublicKey));
    }
  }

  /** A clock a test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
