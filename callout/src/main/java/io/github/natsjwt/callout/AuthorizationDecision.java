package io.github.natsjwt.callout;

import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.nkey.Signer;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link Authorizer} decided: allow with the user to mint, or deny with a reason.
 *
 * <p>Immutable and thread-safe. The user builder is snapshotted ({@code build()}) when the decision
 * is made, so later changes to it have no effect.
 */
public final class AuthorizationDecision {
  private final @Nullable UserClaims user;
  private final @Nullable Signer userSigner;
  private final String reason;

  private AuthorizationDecision(
      @Nullable UserClaims user, @Nullable Signer userSigner, String reason) {
    this.user = user;
    this.userSigner = userSigner;
    this.reason = reason;
  }

  /**
   * Allows the client as a user signed by the service's issuer.
   *
   * @param user the user to mint, usually {@link CalloutRequest#newUser()} with permissions added
   * @return the decision
   */
  public static AuthorizationDecision allow(UserClaims.Builder user) {
    return new AuthorizationDecision(Objects.requireNonNull(user, "user").build(), null, "");
  }

  /**
   * Allows the client as a user signed by another key: in operator mode, the identity key or a
   * signing key of an account the callout may place users into ({@code allowed_accounts}). When it
   * is a signing key, set the user's {@code issuerAccount} to its account.
   *
   * @param user the user to mint
   * @param userSigner the key that signs the user JWT
   * @return the decision
   */
  public static AuthorizationDecision allow(UserClaims.Builder user, Signer userSigner) {
    return new AuthorizationDecision(
        Objects.requireNonNull(user, "user").build(),
        Objects.requireNonNull(userSigner, "userSigner"),
        "");
  }

  /**
   * Denies the client. The reason goes into the response's {@code error} field; the server logs it
   * and tells the client only {@code Authorization Violation}.
   *
   * @param reason why, for the server's log; not blank
   * @return the decision
   * @throws IllegalArgumentException when the reason is blank
   */
  public static AuthorizationDecision deny(String reason) {
    if (Objects.requireNonNull(reason, "reason").isBlank()) {
      throw new IllegalArgumentException(
          "a denial needs a reason: the response's error field must not be empty, or the server"
              + " reads the response as neither a user nor an error");
    }
    return new AuthorizationDecision(null, null, reason);
  }

  /**
   * Returns whether the client is allowed.
   *
   * @return true for allow
   */
  public boolean isAllowed() {
    return user != null;
  }

  /**
   * Returns the user to mint.
   *
   * @return the user claims; empty for a denial
   */
  public Optional<UserClaims> user() {
    return Optional.ofNullable(user);
  }

  /**
   * Returns the key that signs the user JWT when it is not the service's issuer.
   *
   * @return the signer; empty for the service's issuer or a denial
   */
  public Optional<Signer> userSigner() {
    return Optional.ofNullable(userSigner);
  }

  /**
   * Returns the reason for a denial.
   *
   * @return the reason; {@code ""} when allowed
   */
  public String reason() {
    return reason;
  }

  /** Names the decision and the user's key; no tokens. */
  @Override
  public String toString() {
    return user != null
        ? "AuthorizationDecision[allow " + user.subject() + "]"
        : "AuthorizationDecision[deny: " + reason + "]";
  }
}
