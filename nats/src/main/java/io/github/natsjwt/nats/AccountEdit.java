package io.github.natsjwt.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.RevocationList;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One change to an account JWT's claims: replace a scoped signing key's template, revoke a user, or
 * add or remove a signing key (spec claims.md, account signing keys, scoped keys and revocations).
 * {@link AccountUpdater} applies a list of them in order, re-signs and pushes.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * AccountEdit narrower = AccountEdit.replaceScope(UserScope.builder(scopedKey)
 *     .role("orders").template(UserPermissionLimits.builder()
 *         .pub(Permission.allowing("orders.>")).build()).build());
 * AccountEdit revoke = AccountEdit.revoke(userKey, Instant.now());
 * }</pre>
 */
public final class AccountEdit {
  /** What an edit changes. */
  public enum Kind {
    /** Replaces the scope (role, template, description) of an existing scoped signing key. */
    REPLACE_SCOPE,
    /** Revokes a user's JWTs issued at or before a time. */
    REVOKE,
    /** Adds a plain signing key (a scoped one becomes plain, as in the reference). */
    ADD_SIGNING_KEY,
    /** Adds a scoped signing key, replacing any entry of its key. */
    ADD_SCOPED_SIGNING_KEY,
    /** Removes a signing key, plain or scoped. */
    REMOVE_SIGNING_KEY
  }

  static final String NOT_ACCOUNT_KEY =
      "%s: %s is not an account public key (56 characters starting with 'A'); signing keys are"
          + " account keys.";
  static final String NOT_USER_KEY =
      "revoke: %s is not a user public key (56 characters starting with 'U') nor \"*\" (every"
          + " user).";
  static final String NO_SUCH_SCOPE =
      "Account %s has no signing key %s, so there is no scope to replace; add it with"
          + " AccountEdit.addScopedSigningKey(...) (natsjwt account signing-key add --role ...).";
  static final String PLAIN_KEY =
      "Account %s has %s as a plain signing key, with no scope to replace; make it scoped with"
          + " AccountEdit.addScopedSigningKey(...) (natsjwt account signing-key add --role ...).";
  static final String NO_SUCH_KEY = "Account %s has no signing key %s to remove (it has %d: %s).";

  private final Kind kind;
  private final String key;
  private final @Nullable UserScope scope;
  private final @Nullable Instant at;

  private AccountEdit(Kind kind, String key, @Nullable UserScope scope, @Nullable Instant at) {
    this.kind = kind;
    this.key = key;
    this.scope = scope;
    this.at = at;
  }

  /**
   * Replaces the scope of a scoped signing key already in the account: its role, template and
   * description become those given. Once the servers have the new account JWT they close the
   * connections of the users the key signed (nats-server 2.9.10 to 2.14.5 do), and those users get
   * the new template when they reconnect.
   *
   * @param scope the new scope; its key names the signing key
   * @return the edit
   * @throws AccountEditException when the scope's key is not an account public key
   */
  public static AccountEdit replaceScope(UserScope scope) {
    Objects.requireNonNull(scope, "scope");
    return new AccountEdit(
        Kind.REPLACE_SCOPE, accountKey("replaceScope", scope.key()), scope, null);
  }

  /**
   * Revokes a user: its JWTs issued at or before the time stop working. An existing later
   * revocation of the same key is kept.
   *
   * @param userKey the user's public key, or {@value RevocationList#ALL} for every user
   * @param at the revocation time (whole seconds are kept)
   * @return the edit
   * @throws AccountEditException when the key is neither a user public key nor {@code "*"}
   */
  public static AccountEdit revoke(String userKey, Instant at) {
    Objects.requireNonNull(userKey, "userKey");
    Objects.requireNonNull(at, "at");
    if (!userKey.equals(RevocationList.ALL) && !NKeyType.USER.isValidPublicKey(userKey)) {
      throw new AccountEditException("", String.format(NOT_USER_KEY, describeKey(userKey)));
    }
    return new AccountEdit(Kind.REVOKE, userKey, null, at);
  }

  /**
   * Adds a plain signing key; when the account has it scoped, it becomes plain.
   *
   * @param key an account public key
   * @return the edit
   * @throws AccountEditException when the key is not an account public key
   */
  public static AccountEdit addSigningKey(String key) {
    return new AccountEdit(Kind.ADD_SIGNING_KEY, accountKey("addSigningKey", key), null, null);
  }

  /**
   * Adds a scoped signing key, replacing any plain or scoped entry of the same key.
   *
   * @param scope the key's scope
   * @return the edit
   * @throws AccountEditException when the scope's key is not an account public key
   */
  public static AccountEdit addScopedSigningKey(UserScope scope) {
    Objects.requireNonNull(scope, "scope");
    return new AccountEdit(
        Kind.ADD_SCOPED_SIGNING_KEY, accountKey("addScopedSigningKey", scope.key()), scope, null);
  }

  /**
   * Removes a signing key, plain or scoped. Users it signed stop being accepted once the servers
   * have the new account JWT.
   *
   * @param key an account public key the account has as a signing key
   * @return the edit
   * @throws AccountEditException when the key is not an account public key
   */
  public static AccountEdit removeSigningKey(String key) {
    return new AccountEdit(
        Kind.REMOVE_SIGNING_KEY, accountKey("removeSigningKey", key), null, null);
  }

  /**
   * Returns what the edit changes.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the key the edit is about: the signing key, or the revoked user's key.
   *
   * @return a public key, or {@code "*"} for a revocation of every user
   */
  public String key() {
    return key;
  }

  /**
   * Returns the scope of a {@link Kind#REPLACE_SCOPE} or {@link Kind#ADD_SCOPED_SIGNING_KEY} edit.
   *
   * @return the scope, or empty for other kinds
   */
  public Optional<UserScope> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * Returns the time of a {@link Kind#REVOKE} edit.
   *
   * @return the revocation time, or empty for other kinds
   */
  public Optional<Instant> at() {
    return Optional.ofNullable(at);
  }

  /** Applies the edit to claims being built from {@code current}, checking what it needs. */
  void applyTo(AccountClaims current, AccountClaims.Builder b) {
    String account = current.subject();
    switch (kind) {
      case REPLACE_SCOPE -> {
        if (!current.signingKeys().contains(key)) {
          throw new SigningKeyNotFoundException(
              account, key, false, String.format(NO_SUCH_SCOPE, account, key));
        }
        if (current.signingKeys().scope(key).isEmpty()) {
          throw new SigningKeyNotFoundException(
              account, key, true, String.format(PLAIN_KEY, account, key));
        }
        b.addScopedSigningKey(Objects.requireNonNull(scope));
      }
      case REVOKE -> b.revokeAt(key, Objects.requireNonNull(at));
      case ADD_SIGNING_KEY -> b.addSigningKeys(key);
      case ADD_SCOPED_SIGNING_KEY -> b.addScopedSigningKey(Objects.requireNonNull(scope));
      case REMOVE_SIGNING_KEY -> {
        if (!current.signingKeys().contains(key)) {
          throw new SigningKeyNotFoundException(
              account,
              key,
              false,
              String.format(
                  NO_SUCH_KEY,
                  account,
                  key,
                  current.signingKeys().size(),
                  current.signingKeys().keys()));
        }
        b.removeSigningKeys(key);
      }
    }
  }

  private static String accountKey(String what, String key) {
    Objects.requireNonNull(key, "key");
    if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
      throw new AccountEditException("", String.format(NOT_ACCOUNT_KEY, what, describeKey(key)));
    }
    return key;
  }

  /**
   * Quotes a bad key for a message when it is a public key of another type or too short to hold key
   * material (a seed has 58 characters, a private key 106); anything else only by its length.
   */
  static String describeKey(String key) {
    return NKey.isValidPublicKey(key) || key.length() < 16
        ? Replies.describe(key)
        : "a value of " + key.length() + " characters (not shown: it may be a seed or private key)";
  }

  /** Names the kind and key; public keys only. */
  @Override
  public String toString() {
    return "AccountEdit["
        + kind
        + " "
        + key
        + (at == null ? "" : " at " + at.getEpochSecond())
        + (scope == null ? "" : " role=" + scope.role())
        + "]";
  }
}
