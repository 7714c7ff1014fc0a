package io.github.natsjwt.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/** Deterministic keys, fixed clocks and account JWTs for the resolver tests. */
final class ResolverFixtures {
  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final NKey OPERATOR = key(NKeyType.OPERATOR, 11);
  static final NKey ACCOUNT = key(NKeyType.ACCOUNT, 12);
  static final NKey OTHER_ACCOUNT = key(NKeyType.ACCOUNT, 13);
  static final NKey USER = key(NKeyType.USER, 14);

  static final String A = ACCOUNT.publicKey();
  static final String B = OTHER_ACCOUNT.publicKey();

  private ResolverFixtures() {}

  static NKey key(NKeyType type, int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return NKey.fromRawSeed(type, seed);
  }

  /** An account JWT for {@code account}, signed by the operator, issued at {@code iat}. */
  static String accountJwt(NKey account, Instant iat) {
    return accountJwt(account, iat, "acct");
  }

  static String accountJwt(NKey account, Instant iat, String name) {
    AccountClaims claims = AccountClaims.builder(account.publicKey()).name(name).build();
    return io.github.natsjwt.jwt.Jwt.encode(claims, OPERATOR, Clock.fixed(iat, ZoneOffset.UTC));
  }

  static String accountJwt(NKey account) {
    return accountJwt(account, NOW);
  }

  static String userJwt() {
    UserClaims claims = UserClaims.builder(USER.publicKey()).name("u").build();
    return io.github.natsjwt.jwt.Jwt.encode(claims, ACCOUNT, CLOCK);
  }

  /**
   * Re-signs a token after replacing text in its payload, keeping its jti: a validly signed JWT
   * that the only-if-newer rule must treat as "the same JWT" despite different content.
   */
  static String resignedWithPayloadEdit(String token, String from, String to) {
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    if (!payload.contains(from)) {
      throw new AssertionError("payload has no " + from + ": " + payload);
    }
    String edited = payload.replace(from, to);
    String signed =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(edited.getBytes(StandardCharsets.UTF_8));
    byte[] sig = OPERATOR.sign(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  /** A clock tests can move; never sleeps. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
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
