package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The auth-callout configuration of an account ({@code nats.authorization}, spec claims.md section
 * 3.2.4): the users of the authorization service, the accounts it may place users into, and the
 * curve key requests are encrypted to.
 *
 * <p>Immutable and thread-safe. The callout is enabled exactly when {@link #authUsers()} is not
 * empty.
 *
 * <pre>{@code
 * ExternalAuthorization callout = ExternalAuthorization.builder()
 *     .addAuthUsers(authServiceUser.publicKey())
 *     .addAllowedAccounts(ExternalAuthorization.ANY_ACCOUNT)
 *     .xkey(curveKey.publicKey())
 *     .build();
 * }</pre>
 */
public final class ExternalAuthorization {
  /** In {@link #allowedAccounts()}: the service may place users into any account. */
  public static final String ANY_ACCOUNT = "*";

  /** No callout: nothing set. */
  public static final ExternalAuthorization NONE = builder().build();

  private final List<String> authUsers;
  private final List<String> allowedAccounts;
  private final String xkey;

  private ExternalAuthorization(Builder b) {
    authUsers = List.copyOf(b.authUsers);
    allowedAccounts = List.copyOf(b.allowedAccounts);
    xkey = b.xkey;
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.authUsers.addAll(authUsers);
    b.allowedAccounts.addAll(allowedAccounts);
    b.xkey = xkey;
    return b;
  }

  /**
   * Returns the users that bypass the callout: the authorization service's own users ({@code
   * auth_users}).
   *
   * @return user public keys, in order
   */
  public List<String> authUsers() {
    return authUsers;
  }

  /**
   * Returns the accounts the service may place users into ({@code allowed_accounts}); {@link
   * #ANY_ACCOUNT} alone means any.
   *
   * @return account public keys, in order
   */
  public List<String> allowedAccounts() {
    return allowedAccounts;
  }

  /**
   * Returns the curve key the server encrypts requests to ({@code xkey}).
   *
   * @return the {@code X...} key, or {@code ""} for unencrypted requests
   */
  public String xkey() {
    return xkey;
  }

  /**
   * Returns whether the auth callout is enabled, that is whether there are auth users.
   *
   * @return {@code true} when enabled
   */
  public boolean isEnabled() {
    return !authUsers.isEmpty();
  }

  /**
   * Returns whether nothing is set.
   *
   * @return {@code true} when equal to {@link #NONE}
   */
  public boolean isEmpty() {
    return authUsers.isEmpty() && allowedAccounts.isEmpty() && xkey.isEmpty();
  }

  void validate(ValidationResult.Collector c) {
    if (!allowedAccounts.isEmpty() && authUsers.isEmpty()) {
      c.error("External authorization cannot have accounts without users specified");
    }
    for (String u : authUsers) {
      if (!NKeyType.USER.isValidPublicKey(u)) {
        c.error("AuthUser " + GoText.quoteKey(u) + " is not a valid user public key");
      }
    }
    for (String a : allowedAccounts) {
      if (a.equals(ANY_ACCOUNT)) {
        if (allowedAccounts.size() > 1) {
          c.error("AllowedAccounts can only be a list of accounts or \"*\"");
        }
      } else if (!NKeyType.ACCOUNT.isValidPublicKey(a)) {
        c.error("Account " + GoText.quoteKey(a) + " is not a valid account public key");
      }
    }
    if (!xkey.isEmpty() && !NKeyType.CURVE.isValidPublicKey(xkey)) {
      c.error("XKey " + GoText.quoteKey(xkey) + " is not a valid public xkey");
    }
  }

  /** Writes {@code "authorization":{...}}. */
  void write(GoJsonWriter w) {
    w.name("authorization").beginObject();
    w.field("auth_users", authUsers);
    w.field("allowed_accounts", allowedAccounts);
    w.field("xkey", xkey);
    w.endObject();
  }

  static ExternalAuthorization read(JsonIn o) {
    Builder b = new Builder();
    b.authUsers.addAll(o.strings("auth_users"));
    b.allowedAccounts.addAll(o.strings("allowed_accounts"));
    b.xkey = o.string("xkey");
    return b.build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ExternalAuthorization
        && ((ExternalAuthorization) o).authUsers.equals(authUsers)
        && ((ExternalAuthorization) o).allowedAccounts.equals(allowedAccounts)
        && ((ExternalAuthorization) o).xkey.equals(xkey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(authUsers, allowedAccounts, xkey);
  }

  @Override
  public String toString() {
    return "ExternalAuthorization[authUsers="
        + authUsers
        + ", allowedAccounts="
        + allowedAccounts
        + ", xkey="
        + xkey
        + "]";
  }

  /**
   * Builds {@link ExternalAuthorization}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private final List<String> authUsers = new ArrayList<>();
    private final List<String> allowedAccounts = new ArrayList<>();
    private String xkey = "";

    private Builder() {}

    /**
     * Adds users that bypass the callout, skipping empty strings and keys already present. Adding
     * one enables the callout.
     *
     * @param users user public keys
     * @return this builder
     */
    public Builder addAuthUsers(String... users) {
      StringLists.add(authUsers, users);
      return this;
    }

    /**
     * Removes auth users.
     *
     * @param users the keys to remove
     * @return this builder
     */
    public Builder removeAuthUsers(String... users) {
      StringLists.remove(authUsers, users);
      return this;
    }

    /**
     * Adds accounts the service may place users into, skipping empty strings and keys already
     * present.
     *
     * @param accounts account public keys, or {@link #ANY_ACCOUNT} alone
     * @return this builder
     */
    public Builder addAllowedAccounts(String... accounts) {
      StringLists.add(allowedAccounts, accounts);
      return this;
    }

    /**
     * Removes allowed accounts.
     *
     * @param accounts the keys to remove
     * @return this builder
     */
    public Builder removeAllowedAccounts(String... accounts) {
      StringLists.remove(allowedAccounts, accounts);
      return this;
    }

    /**
     * Sets the curve key requests are encrypted to.
     *
     * @param xkey an {@code X...} public key; {@code ""} clears it
     * @return this builder
     */
    public Builder xkey(String xkey) {
      this.xkey = Objects.requireNonNull(xkey, "xkey");
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @return the immutable configuration
     */
    public ExternalAuthorization build() {
      return new ExternalAuthorization(this);
    }
  }
}
