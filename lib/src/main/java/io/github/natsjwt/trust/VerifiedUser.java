package io.github.natsjwt.trust;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user that nats-server would let connect, with everything the server derives for the connection:
 * the verified chain (operator, account, signer), the permissions and limits in force, and when the
 * server will disconnect it (spec trust-chain.md sections 3 to 5).
 *
 * <p>Immutable and thread-safe. Only {@link TrustVerifier} creates these; authorization code should
 * accept nothing less. A user verified with {@link ConnectionContext.Builder#assumeNonceSigned()}
 * has not proven that the client holds its seed ({@link #isNonceSignatureVerified()}).
 */
public final class VerifiedUser {
  private final VerifiedAccount account;
  private final String token;
  private final UserClaims claims;
  private final @Nullable UserScope scope;
  private final UserPermissionLimits permissionLimits;
  private final EffectivePermissions permissions;
  private final Set<ConnectionType> allowedConnectionTypes;
  private final long maxSubscriptions;
  private final long maxPayload;
  private final @Nullable Instant disconnectAt;
  private final Instant verifiedAt;
  private final boolean nonceSignatureVerified;

  VerifiedUser(
      VerifiedAccount account,
      String token,
      UserClaims claims,
      @Nullable UserScope scope,
      UserPermissionLimits permissionLimits,
      EffectivePermissions permissions,
      Set<ConnectionType> allowedConnectionTypes,
      long maxSubscriptions,
      long maxPayload,
      @Nullable Instant disconnectAt,
      Instant verifiedAt,
      boolean nonceSignatureVerified) {
    this.account = account;
    this.token = token;
    this.claims = claims;
    this.scope = scope;
    this.permissionLimits = permissionLimits;
    this.permissions = permissions;
    this.allowedConnectionTypes = Set.copyOf(allowedConnectionTypes);
    this.maxSubscriptions = maxSubscriptions;
    this.maxPayload = maxPayload;
    this.disconnectAt = disconnectAt;
    this.verifiedAt = verifiedAt;
    this.nonceSignatureVerified = nonceSignatureVerified;
  }

  /**
   * Returns the user's public key ({@code sub}), the key that signed the nonce.
   *
   * @return normally a {@code U...} key
   */
  public String publicKey() {
    return claims.subject();
  }

  /**
   * Returns the user's name ({@code name}).
   *
   * @return the name, or {@code ""}
   */
  public String name() {
    return claims.name();
  }

  /**
   * Returns the user claims as decoded from the JWT (before any scope template).
   *
   * @return the claims
   */
  public UserClaims claims() {
    return claims;
  }

  /**
   * Returns the user JWT as verified.
   *
   * @return the token text
   */
  public String token() {
    return token;
  }

  /**
   * Returns the user's account.
   *
   * @return the verified account
   */
  public VerifiedAccount account() {
    return account;
  }

  /**
   * Returns the key of the trusted operator at the root of the chain.
   *
   * @return an {@code O...} key
   */
  public String operatorKey() {
    return account.operatorKey();
  }

  /**
   * Returns the key that signed the user JWT ({@code iss}): the account's identity key or one of
   * its signing keys.
   *
   * @return an {@code A...} key
   */
  public String signingKey() {
    return claims.issuer();
  }

  /**
   * Returns whether a signing key, rather than the account's identity key, signed the user.
   *
   * @return {@code true} when {@link #signingKey()} is not the account's key
   */
  public boolean isSignedBySigningKey() {
    return !claims.issuer().equals(account.publicKey());
  }

  /**
   * Returns the scope of the scoped signing key that signed the user; its template replaced the
   * user's permissions and limits.
   *
   * @return the scope, or empty for a user signed by the identity key or a plain signing key
   */
  public Optional<UserScope> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * Returns whether a scoped signing key signed the user.
   *
   * @return {@code true} when {@link #scope()} is present
   */
  public boolean isScoped() {
    return scope != null;
  }

  /**
   * Returns the permissions and limits in force: the user's own, or for a scoped user the scope
   * template after expansion (spec trust-chain.md section 4).
   *
   * @return the effective permission and limit block
   */
  public UserPermissionLimits permissionLimits() {
    return permissionLimits;
  }

  /**
   * Returns what the connection may publish and subscribe to, with the account's default
   * permissions applied when the user has none (spec trust-chain.md section 5).
   *
   * @return the effective permissions
   */
  public EffectivePermissions permissions() {
    return permissions;
  }

  /**
   * Returns whether the server skipped the nonce signature because the user is a bearer token (for
   * a scoped user, as the template says).
   *
   * @return {@code true} for a bearer user
   */
  public boolean isBearer() {
    return permissionLimits.bearerToken();
  }

  /**
   * Returns whether the client proved it holds the user's seed: the nonce signature was checked and
   * verified (spec trust-chain.md section 3.3 step 14).
   *
   * @return {@code true} when the signature verified; {@code false} for a bearer user (the server
   *     asks for no signature) and when the context {@linkplain
   *     ConnectionContext.Builder#assumeNonceSigned() assumed} it
   */
  public boolean isNonceSignatureVerified() {
    return nonceSignatureVerified;
  }

  /**
   * Returns the connection types the server allows this user, as it recorded them: upper-cased,
   * limited to the types the server knows.
   *
   * @return the types; empty means every type
   */
  public Set<ConnectionType> allowedConnectionTypes() {
    return allowedConnectionTypes;
  }

  /**
   * Returns the connection's subscription limit: the user's (or template's) {@code subs}, lowered
   * by the account's {@code limits.subs} and the server's {@code max_subs} (spec trust-chain.md
   * section 3.7). Values are 32-bit on the server, as here.
   *
   * @return -1 for unlimited, otherwise the limit
   */
  public long maxSubscriptions() {
    return maxSubscriptions;
  }

  /**
   * Returns the connection's payload limit in bytes: the user's (or template's) {@code payload},
   * lowered by the account's {@code limits.payload} and the server's {@code max_payload}. 0 allows
   * only empty messages.
   *
   * @return -1 for unlimited, otherwise the limit
   */
  public long maxPayload() {
    return maxPayload;
  }

  /**
   * Returns when the server disconnects the user ("User Authentication Expired"): the earlier of
   * the user JWT's {@code exp} and the end of the connect time window in force (spec trust-chain.md
   * section 3.3 step 19).
   *
   * @return the time, or empty when the connection may stay indefinitely
   */
  public Optional<Instant> disconnectAt() {
    return Optional.ofNullable(disconnectAt);
  }

  /**
   * Returns the time the verification was made for.
   *
   * @return the verifier's clock, or the context's time
   */
  public Instant verifiedAt() {
    return verifiedAt;
  }

  /**
   * Describes the user without its token.
   *
   * @return the key, account and signer
   */
  @Override
  public String toString() {
    return "VerifiedUser["
        + claims.subject()
        + (claims.name().isEmpty() ? "" : " \"" + claims.name() + "\"")
        + ", account="
        + account.publicKey()
        + ", signer="
        + claims.issuer()
        + (scope != null ? " (scoped)" : "")
        + "]";
  }
}
