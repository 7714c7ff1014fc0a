package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An auth-callout response: the authorization service's answer to a request, either a user JWT or
 * an error (spec claims.md section 3.7). Signed by the service's account or one of its signing
 * keys.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. The subject is the
 * request's user nkey and the audience the requesting server's id; validation checks both. {@link
 * #toString()} does not show the embedded JWT.
 *
 * <pre>{@code
 * AuthorizationResponseClaims response = AuthorizationResponseClaims.builder(request.userNkey())
 *     .audience(request.serverId().id())
 *     .jwt(userToken)
 *     .build();
 * String token = Jwt.encode(response, accountKey);
 * }</pre>
 */
public final class AuthorizationResponseClaims extends Claims {
  private final String jwt;
  private final String error;
  private final String issuerAccount;

  private AuthorizationResponseClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    this.jwt = b.jwt;
    this.error = b.error;
    this.issuerAccount = b.issuerAccount;
  }

  /**
   * Starts a response.
   *
   * @param subject the user nkey from the request ({@code U...})
   * @return a new builder
   */
  public static Builder builder(String subject) {
    return new Builder(new ClaimsData()).subject(subject);
  }

  /**
   * Returns a builder holding a copy of these claims.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(data.copy());
    b.jwt = jwt;
    b.error = error;
    b.issuerAccount = issuerAccount;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.AUTHORIZATION_RESPONSE;
  }

  /**
   * Returns the user JWT granted; it is not decoded or verified here.
   *
   * @return the token, or {@code ""} when the response is an error
   */
  public String jwt() {
    return jwt;
  }

  /**
   * Returns the reason the client was denied.
   *
   * @return the text, or {@code ""} when the response grants a JWT
   */
  public String error() {
    return error;
  }

  /**
   * Returns the account the issuer represents, set when a signing key issued the response.
   *
   * @return the account's public key, or {@code ""}
   */
  public String issuerAccount() {
    return issuerAccount;
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new AuthorizationResponseClaims(data, toBuilder());
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    w.field("jwt", jwt);
    w.field("error", error);
    w.field("issuer_account", issuerAccount);
    data.writeGeneric(w, ClaimType.AUTHORIZATION_RESPONSE);
    w.endObject();
  }

  /** The reference ignores the version here and reads the v2 layout. */
  static AuthorizationResponseClaims read(ClaimsData data, @Nullable JsonIn nats, int version) {
    Builder b = new Builder(data);
    if (nats != null) {
      b.jwt = nats.string("jwt");
      b.error = nats.string("error");
      b.issuerAccount = nats.string("issuer_account");
      data.tags = new ArrayList<>(nats.strings("tags"));
    }
    data.version = version;
    return b.build();
  }

  @Override
  void checkEncodable() {
    // The reference checks nothing but the subject's presence for responses.
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    if (!isKey(subject(), NKeyType.USER)) {
      c.error("Subject must be a user public key");
    }
    if (!isKey(audience(), NKeyType.SERVER)) {
      c.error("Audience must be a server public key");
    }
    if (error.isEmpty() && jwt.isEmpty()) {
      c.error("Error or Jwt is required");
    }
    if (!error.isEmpty() && !jwt.isEmpty()) {
      c.error("Only Error or Jwt can be set");
    }
    if (!issuerAccount.isEmpty() && !isKey(issuerAccount, NKeyType.ACCOUNT)) {
      c.error("issuer_account is not an account public key");
    }
    validateTimes(c, now);
  }

  /**
   * Builds {@link AuthorizationResponseClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, AuthorizationResponseClaims> {
    private String jwt = "";
    private String error = "";
    private String issuerAccount = "";

    Builder(ClaimsData data) {
      super(data);
    }

    /**
     * Sets the user JWT granted to the client.
     *
     * @param jwt the encoded user JWT; {@code ""} clears it
     * @return this builder
     */
    public Builder jwt(String jwt) {
      this.jwt = Objects.requireNonNull(jwt, "jwt");
      return this;
    }

    /**
     * Sets the reason the client is denied.
     *
     * @param error the text; {@code ""} clears it
     * @return this builder
     */
    public Builder error(String error) {
      this.error = Objects.requireNonNull(error, "error");
      return this;
    }

    /**
     * Sets the account the issuer represents; needed when a signing key issues the response.
     *
     * @param accountPublicKey the account's {@code A...} key; {@code ""} clears it
     * @return this builder
     */
    public Builder issuerAccount(String accountPublicKey) {
      this.issuerAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    @Override
    public AuthorizationResponseClaims build() {
      return new AuthorizationResponseClaims(data, this);
    }
  }
}
