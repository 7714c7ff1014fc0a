package io.github.natsjwt.cli.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deterministic keys, a fixed time and small builders for operator, account and user JWTs, written
 * to files the commands read, so that each test states only what it changes.
 */
final class TrustFixtures {
  /** The time the commands decide at ({@code --at}): a Monday, noon UTC. */
  static final String AT = "2026-03-02T12:00:00Z";

  static final Instant NOW = Instant.parse(AT);

  /** JWTs are issued an hour before {@link #NOW}. */
  static final Instant ISSUED = NOW.minusSeconds(3600);

  static final NKey OPERATOR = key(NKeyType.OPERATOR, "operator");
  static final NKey OPERATOR_SK = key(NKeyType.OPERATOR, "operator-signing-key");
  static final NKey OTHER_OPERATOR = key(NKeyType.OPERATOR, "other-operator");
  static final NKey ACCOUNT = key(NKeyType.ACCOUNT, "account");
  static final NKey ACCOUNT_SK = key(NKeyType.ACCOUNT, "account-signing-key");
  static final NKey SCOPED_SK = key(NKeyType.ACCOUNT, "account-scoped-key");
  static final NKey STRANGER_SK = key(NKeyType.ACCOUNT, "stranger-signing-key");
  static final NKey USER = key(NKeyType.USER, "user");
  static final NKey OTHER_USER = key(NKeyType.USER, "other-user");

  private TrustFixtures() {}

  /** A key whose seed is the SHA-256 of a label. */
  static NKey key(NKeyType type, String label) {
    try {
      byte[] raw =
          MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
      return NKey.fromRawSeed(type, raw);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The operator "OP" with one signing key. */
  static String operatorJwt() {
    return sign(
        OperatorClaims.builder(OPERATOR.publicKey())
            .name("OP")
            .addSigningKeys(OPERATOR_SK.publicKey())
            .build(),
        OPERATOR);
  }

  /** A new account "ACCA" (unlimited) with a plain signing key. */
  static AccountClaims.Builder account() {
    return AccountClaims.builder(ACCOUNT.publicKey())
        .name("ACCA")
        .addSigningKeys(ACCOUNT_SK.publicKey());
  }

  /** The account JWT, issued by the operator's signing key. */
  static String accountJwt(AccountClaims.Builder account) {
    return sign(account.build(), OPERATOR_SK);
  }

  /** A scope for {@link #SCOPED_SK} with a role and a template. */
  static UserScope scope(UserPermissionLimits template) {
    return UserScope.builder(SCOPED_SK.publicKey()).role("team").template(template).build();
  }

  /** A new user named alice (subs, data and payload unlimited). */
  static UserClaims.Builder user() {
    return UserClaims.builder(USER.publicKey()).name("alice");
  }

  /** A user for the scoped key: no permissions or limits of its own. */
  static UserClaims.Builder scopedUser() {
    return user().scoped(true).issuerAccount(ACCOUNT.publicKey());
  }

  static String sign(Claims claims, NKey signer) {
    return Jwt.encode(claims, signer, Clock.fixed(ISSUED, ZoneOffset.UTC));
  }

  /** The creds file of a user JWT issued to {@link #USER}. */
  static byte[] creds(String userJwt) {
    try (Creds c = Creds.of(userJwt, USER)) {
      return c.formatBytes();
    }
  }

  static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
