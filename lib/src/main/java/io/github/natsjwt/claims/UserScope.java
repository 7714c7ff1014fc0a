package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKeyType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scoped signing key of an account (spec claims.md section 3.4): users signed by this key get the
 * permissions and limits of its template, whatever their own JWT says.
 *
 * <p>Immutable and thread-safe. In JSON a scope is an object in the account's {@code signing_keys}
 * array: {@code {"kind":"user_scope","key":...,"role":...,"template":{...}, "description":...}}.
 *
 * <pre>{@code
 * UserScope scope = UserScope.builder(signingKey.publicKey())
 *     .role("service")
 *     .template(UserPermissionLimits.builder().pub(Permission.allowing("svc.>")).build())
 *     .build();
 * AccountClaims account = AccountClaims.builder(accountKey.publicKey())
 *     .addScopedSigningKey(scope).build();
 * }</pre>
 */
public final class UserScope {
  /** The value of {@code kind} for a user scope. */
  public static final String KIND = "user_scope";

  private final String key;
  private final String role;
  private final UserPermissionLimits template;
  private final String description;
  // The reference writes "description" even when empty since v2.5.6; tokens from older versions
  // have no such key, and re-encode without it.
  private final boolean writeDescription;

  private UserScope(Builder b) {
    key = b.key;
    role = b.role;
    template = b.template;
    description = b.description;
    writeDescription = b.writeDescription || !b.description.isEmpty();
  }

  /**
   * Starts a scope for a signing key, with the reference's default template: no permissions and
   * {@code subs}, {@code data} and {@code payload} unlimited.
   *
   * @param key the signing key (an account public key)
   * @return a new builder
   */
  public static Builder builder(String key) {
    return new Builder(key);
  }

  /**
   * Returns a builder holding a copy of this scope.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(key);
    b.role = role;
    b.template = template;
    b.description = description;
    b.writeDescription = writeDescription;
    return b;
  }

  /**
   * Returns the signing key ({@code key}).
   *
   * @return an account public key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the role name ({@code role}).
   *
   * @return the role, or {@code ""}
   */
  public String role() {
    return role;
  }

  /**
   * Returns the permissions and limits given to every user this key signs ({@code template}).
   *
   * @return the template
   */
  public UserPermissionLimits template() {
    return template;
  }

  /**
   * Returns the description ({@code description}).
   *
   * @return the text, or {@code ""}
   */
  public String description() {
    return description;
  }

  /**
   * Checks a user signed with this scoped key as the reference's {@code ValidateScopedSigner} does
   * (spec claims.md section 4.8): the claim must be a user claim issued by this key, and the user
   * must set no permissions or limits of its own, because the scope's template replaces them. "No
   * limits" means 0, not -1: build such users with {@code UserClaims.Builder.scoped(true)} or from
   * {@link UserPermissionLimits#EMPTY}.
   *
   * @param claim the claim to check
   * @return the reference's reason when the check fails, or empty when the user fits the scope
   */
  public Optional<String> scopedSignerProblem(Claims claim) {
    Objects.requireNonNull(claim, "claim");
    if (!(claim instanceof UserClaims)) {
      return Optional.of("not an user claim - scoped signing key requires user claim");
    }
    if (!claim.issuer().equals(key)) {
      return Optional.of("issuer not the scoped signer");
    }
    if (!((UserClaims) claim).permissionLimits().isEmpty()) {
      return Optional.of("scoped users require no permissions or limits set");
    }
    return Optional.empty();
  }

  void validate(ValidationResult.Collector c) {
    if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
      c.error(Redact.key(key) + " is not an account public key");
    }
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.name("kind").value(KIND);
    w.name("key").value(key);
    w.name("role").value(role);
    w.name("template");
    template.write(w);
    if (writeDescription) {
      w.name("description").value(description);
    }
    w.endObject();
  }

  /** Reads a scope object whose {@code kind} was checked by the caller. */
  static UserScope read(JsonIn o) {
    Builder b = new Builder(o.string("key"));
    b.role = o.string("role");
    b.template =
        o.object("template")
            .map(t -> UserPermissionLimits.read(t, UserPermissionLimits.NO_LIMIT))
            .orElse(b.template);
    b.description = o.string("description");
    b.writeDescription = o.has("description");
    return b.build();
  }

  /**
   * Scopes are equal when their JSON is.
   *
   * @param o the other object
   * @return whether both describe the same scope
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UserScope && ((UserScope) o).json().equals(json());
  }

  @Override
  public int hashCode() {
    return json().hashCode();
  }

  /**
   * Describes the scope as its JSON.
   *
   * @return for example {@code UserScope{"kind":"user_scope","key":"A...",...}}
   */
  @Override
  public String toString() {
    return "UserScope" + json();
  }

  private String json() {
    GoJsonWriter w = new GoJsonWriter();
    write(w);
    return w.toString();
  }

  /**
   * Builds a {@link UserScope}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private String key;
    private String role = "";
    private UserPermissionLimits template = UserPermissionLimits.builder().build();
    private String description = "";
    private boolean writeDescription = true;

    private Builder(String key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Sets the signing key.
     *
     * @param key an account public key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets the role name.
     *
     * @param role the role; {@code ""} clears it
     * @return this builder
     */
    public Builder role(String role) {
      this.role = Objects.requireNonNull(role, "role");
      return this;
    }

    /**
     * Sets the permissions and limits given to every user this key signs.
     *
     * @param template the template
     * @return this builder
     */
    public Builder template(UserPermissionLimits template) {
      this.template = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text; {@code ""} clears it
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      this.writeDescription = true;
      return this;
    }

    /**
     * Returns the scope.
     *
     * @return the immutable scope
     */
    public UserScope build() {
      return new UserScope(this);
    }
  }
}
