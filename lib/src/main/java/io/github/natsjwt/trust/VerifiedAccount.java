package io.github.natsjwt.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.UserScope;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account JWT that a {@link TrustVerifier} accepted: decoded, signed by a trusted operator key,
 * valid by the server's rules (spec trust-chain.md section 2).
 *
 * <p>Immutable and thread-safe. Only the verifier creates these. Time-dependent state (expiry) is
 * checked again each time the verifier uses the account, so an instance kept past the account's
 * {@code exp} is refused then.
 */
public final class VerifiedAccount {
  private final TrustVerifier verifier;
  private final String token;
  private final AccountClaims claims;
  private final String operatorKey;
  private final boolean strictIssuer;
  private final boolean systemAccount;

  VerifiedAccount(
      TrustVerifier verifier,
      String token,
      AccountClaims claims,
      String operatorKey,
      boolean strictIssuer,
      boolean systemAccount) {
    this.verifier = verifier;
    this.token = token;
    this.claims = claims;
    this.operatorKey = operatorKey;
    this.strictIssuer = strictIssuer;
    this.systemAccount = systemAccount;
  }

  TrustVerifier verifier() {
    return verifier;
  }

  /**
   * Returns the account's public key ({@code sub}).
   *
   * @return an {@code A...} key
   */
  public String publicKey() {
    return claims.subject();
  }

  /**
   * Returns the account's name ({@code name}).
   *
   * @return the name, or {@code ""}
   */
  public String name() {
    return claims.name();
  }

  /**
   * Returns the decoded account claims.
   *
   * @return the claims
   */
  public AccountClaims claims() {
    return claims;
  }

  /**
   * Returns the account JWT as verified.
   *
   * @return the token text
   */
  public String token() {
    return token;
  }

  /**
   * Returns the key that signed the account JWT ({@code iss}): a trusted operator's identity key or
   * one of its signing keys.
   *
   * @return an {@code O...} key
   */
  public String issuer() {
    return claims.issuer();
  }

  /**
   * Returns the identity key of the trusted operator the issuer belongs to. In key-only trust
   * ({@link TrustVerifier.Builder#trustOperatorKey}), the trusted key itself.
   *
   * @return an {@code O...} key
   */
  public String operatorKey() {
    return operatorKey;
  }

  /**
   * Returns whether an operator signing key, rather than the operator's identity key, signed the
   * account JWT.
   *
   * @return {@code true} when {@link #issuer()} differs from {@link #operatorKey()}
   */
  public boolean isIssuedBySigningKey() {
    return !claims.issuer().equals(operatorKey);
  }

  /**
   * Returns whether the account's own identity key may sign users. It may not when a signing key of
   * an operator with {@code strict_signing_key_usage} signed the account (spec trust-chain.md
   * section 2); then only the account's {@code signing_keys} sign users.
   *
   * @return {@code false} for accounts issued under strict signing-key usage
   */
  public boolean identityKeySignsUsers() {
    return !strictIssuer;
  }

  /**
   * Returns whether this is the system account (configured, or named by the only trusted operator).
   *
   * @return {@code true} for the system account
   */
  public boolean isSystemAccount() {
    return systemAccount;
  }

  /**
   * Returns when the account JWT expires; the server treats the account as expired from that second
   * on ({@code exp <= now}).
   *
   * @return the expiry, or empty when it never expires
   */
  public Optional<Instant> expiresAt() {
    return claims.expiresAt();
  }

  /**
   * Returns whether a key may sign users of this account (spec trust-chain.md section 3.3 step 10):
   * the account's identity key (unless {@link #identityKeySignsUsers()} is false) or one of its
   * {@code signing_keys}, plain or scoped.
   *
   * @param key the user JWT's issuer
   * @return whether users signed by the key are accepted as this account's users
   */
  public boolean allowsUserSigner(String key) {
    Objects.requireNonNull(key, "key");
    return (!strictIssuer && key.equals(claims.subject())) || claims.signingKeys().contains(key);
  }

  /**
   * The scope of an allowed signer: empty for the identity key (which is unscoped even if it is
   * also listed as a scoped key) and for plain signing keys.
   */
  Optional<UserScope> scopeOf(String key) {
    if (!strictIssuer && key.equals(claims.subject())) {
      return Optional.empty();
    }
    return claims.signingKeys().scope(key);
  }

  /**
   * Describes the account without its token.
   *
   * @return the key, name and issuer
   */
  @Override
  public String toString() {
    return "VerifiedAccount["
        + claims.subject()
        + (claims.name().isEmpty() ? "" : " \"" + claims.name() + "\"")
        + ", issuer="
        + claims.issuer()
        + "]";
  }
}
