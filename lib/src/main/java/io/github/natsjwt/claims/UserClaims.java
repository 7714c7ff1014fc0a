package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A user JWT: a client identity issued by an account or one of its signing keys, with the user's
 * permissions and limits (spec claims.md section 3.3).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. A new user starts with
 * {@code subs}, {@code data} and {@code payload} unlimited (-1), as in the reference. A user signed
 * by a <em>scoped</em> signing key takes its permissions from the key's template and must set none
 * itself: call {@link Builder#scoped(boolean) scoped(true)}.
 *
 * <pre>{@code
 * UserClaims user = UserClaims.builder(userKey.publicKey())
 *     .name("alice")
 *     .pub(Permission.allowing("orders.>"))
 *     .sub(Permission.allowing("_INBOX.>"))
 *     .issuerAccount(accountKey.publicKey())   // when signed by a signing key
 *     .build();
 * String token = Jwt.encode(user, signingKey);
 * }</pre>
 */
public final class UserClaims extends Claims {
  private final UserPermissionLimits permissionLimits;
  private final String issuerAccount;

  private UserClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    this.permissionLimits = b.limits.build();
    this.issuerAccount = b.issuerAccount;
  }

  /** For the reader: {@code data} is already frozen and owned by the new claims. */
  private UserClaims(ClaimsData data, UserPermissionLimits permissionLimits, String issuerAccount) {
    super(data);
    this.permissionLimits = permissionLimits;
    this.issuerAccount = issuerAccount;
  }

  /**
   * Starts a user claim about a user public key, with the reference's defaults for a new user.
   *
   * @param subject the user's public key ({@code U...})
   * @return a new builder
   */
  public static Builder builder(String subject) {
    return new Builder(new ClaimsData(), UserPermissionLimits.builder()).subject(subject);
  }

  /**
   * Returns a builder holding a copy of these claims.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(data.copy(), permissionLimits.toBuilder());
    b.issuerAccount = issuerAccount;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.USER;
  }

  /**
   * Returns the user's permissions, limits, bearer mode and allowed connection types.
   *
   * @return the value
   */
  public UserPermissionLimits permissionLimits() {
    return permissionLimits;
  }

  /**
   * Returns the user's publish, subscribe and response permissions.
   *
   * @return the permissions
   */
  public Permissions permissions() {
    return permissionLimits.permissions();
  }

  /**
   * Returns the account the issuer represents, set when a signing key issued the claim.
   *
   * @return the account's public key ({@code A...}), or {@code ""}
   */
  public String issuerAccount() {
    return issuerAccount;
  }

  /**
   * Returns whether the server skips the nonce signature check for this user.
   *
   * @return {@code true} for a bearer token
   */
  public boolean isBearerToken() {
    return permissionLimits.bearerToken();
  }

  /**
   * Returns whether the user sets no permissions or limits at all, as a user signed by a scoped key
   * must (the reference's {@code HasEmptyPermissions}). The -1 defaults of a new user count as set.
   *
   * @return {@code true} when every permission and limit field has its zero value
   */
  public boolean hasEmptyPermissions() {
    return permissionLimits.isEmpty();
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new UserClaims(data, toBuilder());
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    permissionLimits.writeFields(w);
    w.field("issuer_account", issuerAccount);
    data.writeGeneric(w, ClaimType.USER);
    w.endObject();
  }

  static UserClaims read(ClaimsData data, JsonIn payload, @Nullable JsonIn nats, int version) {
    data.version = version;
    if (version == 1) {
      // v1 kept issuer_account, tags and type at the top level, wrote src as a comma-separated
      // string, and had no proxy or connection-type fields; its missing limits mean unlimited.
      UserPermissionLimits v1 = UserPermissionLimits.read(nats, UserPermissionLimits.NO_LIMIT);
      Builder b = new Builder(data, v1.toBuilder());
      b.limits.proxyRequired(false);
      b.limits.clearAllowedConnectionTypes();
      b.issuerAccount = payload.string("issuer_account");
      data.tags = new ArrayList<>(payload.strings("tags"));
      return b.build();
    }
    UserPermissionLimits limits = UserPermissionLimits.read(nats, 0);
    String issuerAccount = "";
    // The claims take data as it is: it was made by the reader, and every list in it is immutable.
    data.tags = List.of();
    if (nats != null) {
      issuerAccount = nats.string("issuer_account");
      data.tags = nats.strings("tags");
    }
    return new UserClaims(data, limits, issuerAccount);
  }

  @Override
  void checkEncodable() {
    if (!isKey(subject(), NKeyType.USER)) {
      throw new InvalidClaimsException("expected subject to be user public key");
    }
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    validateTimes(c, now);
    permissionLimits.validate(c);
    if (!issuerAccount.isEmpty() && !isKey(issuerAccount, NKeyType.ACCOUNT)) {
      c.error("account_id is not an account public key");
    }
  }

  /**
   * Builds {@link UserClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, UserClaims> {
    private final UserPermissionLimits.Builder limits;
    private String issuerAccount = "";

    Builder(ClaimsData data, UserPermissionLimits.Builder limits) {
      super(data);
      this.limits = limits;
    }

    /**
     * Replaces all permissions and limits.
     *
     * @param permissionLimits the new value
     * @return this builder
     */
    public Builder permissionLimits(UserPermissionLimits permissionLimits) {
      limits.set(Objects.requireNonNull(permissionLimits, "permissionLimits"));
      return this;
    }

    /**
     * Makes the user fit for a scoped signing key, or undoes that, as the reference's {@code
     * SetScoped}: {@code true} clears every permission and limit to its zero value; {@code false}
     * resets only the limits (networks, times, zone, subs, data, payload) to a new user's defaults
     * and keeps the permissions.
     *
     * @param scoped whether the user is issued by a scoped signing key
     * @return this builder
     */
    public Builder scoped(boolean scoped) {
      if (scoped) {
        limits.set(UserPermissionLimits.EMPTY);
      } else {
        limits.resetLimits(UserPermissionLimits.NO_LIMIT);
      }
      return this;
    }

    /**
     * Replaces the publish, subscribe and response permissions.
     *
     * @param permissions the permissions
     * @return this builder
     */
    public Builder permissions(Permissions permissions) {
      limits.permissions(permissions);
      return this;
    }

    /**
     * Sets the publish permission.
     *
     * @param pub the permission
     * @return this builder
     */
    public Builder pub(Permission pub) {
      limits.pub(pub);
      return this;
    }

    /**
     * Sets the subscribe permission; entries may name a queue group: {@code "subject queue"}.
     *
     * @param sub the permission
     * @return this builder
     */
    public Builder sub(Permission sub) {
      limits.sub(sub);
      return this;
    }

    /**
     * Sets or removes the response permission.
     *
     * @param resp the permission, or {@code null} for none
     * @return this builder
     */
    public Builder resp(@Nullable ResponsePermission resp) {
      limits.resp(resp);
      return this;
    }

    /**
     * Adds networks the user may connect from, trimmed and lower-cased, without repeats.
     *
     * @param cidrs for example {@code "192.0.2.0/24"}
     * @return this builder
     */
    public Builder addSrc(String... cidrs) {
      limits.addSrc(cidrs);
      return this;
    }

    /**
     * Removes networks.
     *
     * @param cidrs the networks
     * @return this builder
     */
    public Builder removeSrc(String... cidrs) {
      limits.removeSrc(cidrs);
      return this;
    }

    /**
     * Replaces the networks with a comma-separated list.
     *
     * @param commaSeparated for example {@code "192.0.2.0/24,10.0.0.0/8"}
     * @return this builder
     */
    public Builder setSrc(String commaSeparated) {
      limits.setSrc(commaSeparated);
      return this;
    }

    /**
     * Replaces the daily connect windows.
     *
     * @param times the windows
     * @return this builder
     */
    public Builder times(Collection<TimeRange> times) {
      limits.times(times);
      return this;
    }

    /**
     * Adds daily connect windows.
     *
     * @param times the windows
     * @return this builder
     */
    public Builder addTimes(TimeRange... times) {
      limits.addTimes(times);
      return this;
    }

    /**
     * Sets the IANA time zone of the windows.
     *
     * @param zone for example {@code "Europe/Berlin"}; {@code ""} clears it
     * @return this builder
     */
    public Builder timesLocation(String zone) {
      limits.timesLocation(zone);
      return this;
    }

    /**
     * Sets the maximum number of subscriptions.
     *
     * @param subs the limit; -1 for unlimited
     * @return this builder
     */
    public Builder subs(long subs) {
      limits.subs(subs);
      return this;
    }

    /**
     * Sets the maximum number of bytes.
     *
     * @param data the limit; -1 for unlimited
     * @return this builder
     */
    public Builder data(long data) {
      limits.data(data);
      return this;
    }

    /**
     * Sets the maximum message payload.
     *
     * @param payload the limit in bytes; -1 for unlimited
     * @return this builder
     */
    public Builder payload(long payload) {
      limits.payload(payload);
      return this;
    }

    /**
     * Sets whether the server skips the nonce signature check (a bearer token).
     *
     * @param bearerToken {@code true} for a bearer token
     * @return this builder
     */
    public Builder bearerToken(boolean bearerToken) {
      limits.bearerToken(bearerToken);
      return this;
    }

    /**
     * Sets whether the user must connect through a proxy.
     *
     * @param proxyRequired {@code true} to require a proxy
     * @return this builder
     */
    public Builder proxyRequired(boolean proxyRequired) {
      limits.proxyRequired(proxyRequired);
      return this;
    }

    /**
     * Adds allowed connection types, skipping repeats.
     *
     * @param types the types
     * @return this builder
     */
    public Builder addAllowedConnectionTypes(ConnectionType... types) {
      limits.addAllowedConnectionTypes(types);
      return this;
    }

    /**
     * Removes allowed connection types.
     *
     * @param types the types
     * @return this builder
     */
    public Builder removeAllowedConnectionTypes(ConnectionType... types) {
      limits.removeAllowedConnectionTypes(types);
      return this;
    }

    /**
     * Sets the account the issuer represents; needed when a signing key issues the claim.
     *
     * @param accountPublicKey the account's {@code A...} key; {@code ""} clears it
     * @return this builder
     */
    public Builder issuerAccount(String accountPublicKey) {
      this.issuerAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    @Override
    public UserClaims build() {
      return new UserClaims(data, this);
    }
  }
}
