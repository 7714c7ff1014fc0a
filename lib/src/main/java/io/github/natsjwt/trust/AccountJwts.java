package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.JwtDecoder;
import java.util.Objects;

/** Decodes account JWTs that a resolver is asked to hold (preloads and stores). */
final class AccountJwts {
  static final String NOT_AN_ACCOUNT_JWT = "%s for account %s is not a valid account JWT: %s";
  static final String SUBJECT_MISMATCH =
      "%s for account %s is the JWT of account %s (its sub); store each account JWT under its own"
          + " subject.";

  /**
   * Reads account JWTs as the oldest supported server generation (jwt 2.3.0) reads them, signature
   * included: fields added later are ignored, so that a resolver holds a JWT that some servers
   * accept; each verifier then decides on it with its own profile.
   */
  static final JwtDecoder READER = JwtDecoder.builder().readAs(ValidationRules.JWT_2_3).build();

  private AccountJwts() {}

  /**
   * Decodes a token as an account JWT (signature included) and checks that it is for {@code
   * account}. Time and trust are not checked: an expired or untrusted JWT may still be held, as the
   * server holds it (spec trust-chain.md sections 1.2 and 1.4).
   *
   * @param account the account key the token is held under, already validated
   * @param token the token
   * @param what what the token is, for the message ("Preloaded JWT")
   * @return the decoded token
   * @throws InvalidAccountJwtException when it does not decode or is for another account
   */
  static DecodedJwt<AccountClaims> decodeFor(String account, String token, String what) {
    Objects.requireNonNull(token, "token");
    DecodedJwt<AccountClaims> decoded;
    try {
      decoded = READER.decode(token, AccountClaims.class);
    } catch (NatsJwtException e) {
      throw new InvalidAccountJwtException(
          account, String.format(NOT_AN_ACCOUNT_JWT, what, account, e.getMessage()), e);
    }
    String subject = decoded.claims().subject();
    if (!subject.equals(account)) {
      throw new InvalidAccountJwtException(
          account, String.format(SUBJECT_MISMATCH, what, account, ResolverText.describe(subject)));
    }
    return decoded;
  }
}
