package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An operator JWT: the root of trust, self-signed by the operator's identity key (spec claims.md
 * section 3.1).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * OperatorClaims op = OperatorClaims.builder(operatorKey.publicKey())
 *     .name("acme").addSigningKeys(signingKey.publicKey()).strictSigningKeyUsage(true).build();
 * String token = Jwt.encode(op, operatorKey);
 * }</pre>
 */
public final class OperatorClaims extends Claims {
  private final List<String> signingKeys;
  private final String accountServerUrl;
  private final List<String> operatorServiceUrls;
  private final String systemAccount;
  private final String assertServerVersion;
  private final boolean strictSigningKeyUsage;

  private OperatorClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    this.signingKeys = List.copyOf(b.signingKeys);
    this.accountServerUrl = b.accountServerUrl;
    this.operatorServiceUrls = List.copyOf(b.operatorServiceUrls);
    this.systemAccount = b.systemAccount;
    this.assertServerVersion = b.assertServerVersion;
    this.strictSigningKeyUsage = b.strictSigningKeyUsage;
  }

  /**
   * Starts an operator claim about an operator public key.
   *
   * @param subject the operator's public key ({@code O...})
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
    b.signingKeys.addAll(signingKeys);
    b.accountServerUrl = accountServerUrl;
    b.operatorServiceUrls.addAll(operatorServiceUrls);
    b.systemAccount = systemAccount;
    b.assertServerVersion = assertServerVersion;
    b.strictSigningKeyUsage = strictSigningKeyUsage;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.OPERATOR;
  }

  /**
   * Returns the operator signing keys: keys that may sign accounts on the operator's behalf.
   *
   * @return the {@code O...} keys, in order
   */
  public List<String> signingKeys() {
    return signingKeys;
  }

  /**
   * Returns the base URL of the account server.
   *
   * @return the URL, or {@code ""}
   */
  public String accountServerUrl() {
    return accountServerUrl;
  }

  /**
   * Returns the NATS URLs tools can connect to.
   *
   * @return the URLs ({@code nats}, {@code tls}, {@code ws} or {@code wss})
   */
  public List<String> operatorServiceUrls() {
    return operatorServiceUrls;
  }

  /**
   * Returns the system account's public key.
   *
   * @return the key, or {@code ""}
   */
  public String systemAccount() {
    return systemAccount;
  }

  /**
   * Returns the minimum server version, {@code major.minor.update}.
   *
   * @return the version, or {@code ""}
   */
  public String assertServerVersion() {
    return assertServerVersion;
  }

  /**
   * Returns whether accounts must be signed by a signing key rather than the identity key.
   *
   * @return {@code true} when strict signing-key usage is on
   */
  public boolean strictSigningKeyUsage() {
    return strictSigningKeyUsage;
  }

  /**
   * Returns whether this operator signed a claim: by its identity key (unless strict signing-key
   * usage is on and the claim is not the operator itself) or by one of its signing keys (spec
   * claims.md section 5.5).
   *
   * @param claim a decoded claim
   * @return {@code true} when the claim's issuer is this operator or one of its signing keys
   */
  public boolean didSign(Claims claim) {
    Objects.requireNonNull(claim, "claim");
    if (claim.issuer().equals(subject())) {
      return !strictSigningKeyUsage || claim.subject().equals(subject());
    }
    return signingKeys.contains(claim.issuer());
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new OperatorClaims(data, toBuilder());
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    w.field("signing_keys", signingKeys);
    w.field("account_server_url", accountServerUrl);
    w.field("operator_service_urls", operatorServiceUrls);
    w.field("system_account", systemAccount);
    w.field("assert_server_version", assertServerVersion);
    w.field("strict_signing_key_usage", strictSigningKeyUsage);
    data.writeGeneric(w, ClaimType.OPERATOR);
    w.endObject();
  }

  static OperatorClaims read(ClaimsData data, JsonIn payload, @Nullable JsonIn nats, int version) {
    Builder b = new Builder(data);
    if (nats != null) {
      b.signingKeys.addAll(nats.strings("signing_keys"));
      b.accountServerUrl = nats.string("account_server_url");
      b.operatorServiceUrls.addAll(nats.strings("operator_service_urls"));
      b.systemAccount = nats.string("system_account");
    }
    if (version == 1) {
      // v1 kept tags at the top level and had no server-version or strict-usage fields.
      data.tags = new ArrayList<>(payload.strings("tags"));
    } else if (nats != null) {
      b.assertServerVersion = nats.string("assert_server_version");
      b.strictSigningKeyUsage = nats.bool("strict_signing_key_usage");
      data.tags = new ArrayList<>(nats.strings("tags"));
    }
    data.version = version;
    return b.build();
  }

  @Override
  void checkEncodable() {
    if (!isKey(subject(), NKeyType.OPERATOR)) {
      throw new InvalidClaimsException("expected subject to be an operator public key");
    }
    if (!accountServerUrl.isEmpty()) {
      String problem = GoUrl.accountServerUrlProblem(accountServerUrl);
      if (problem != null) {
        throw new InvalidClaimsException(problem);
      }
    }
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    validateTimes(c, now);
    if (!accountServerUrl.isEmpty()) {
      String problem = GoUrl.accountServerUrlProblem(accountServerUrl);
      if (problem != null) {
        c.error(problem);
      }
    }
    for (String u : operatorServiceUrls) {
      String problem = GoUrl.operatorServiceUrlProblem(u, c.rules().allowsWebSocketServiceUrls());
      if (problem != null) {
        c.error(problem);
      }
    }
    for (String k : signingKeys) {
      if (!isKey(k, NKeyType.OPERATOR)) {
        c.error(Redact.key(k) + " is not an operator public key");
      }
    }
    if (!systemAccount.isEmpty() && !isKey(systemAccount, NKeyType.ACCOUNT)) {
      c.error(Redact.key(systemAccount) + " is not an account public key");
    }
    String versionProblem = serverVersionProblem(assertServerVersion);
    if (versionProblem != null) {
      c.error("assert server version error: " + versionProblem);
    }
  }

  /** Go's ParseServerVersion: "" or three integers (Atoi syntax), none negative. */
  static @Nullable String serverVersionProblem(String version) {
    if (version.isEmpty()) {
      return null;
    }
    String[] parts = version.split("\\.", -1);
    if (parts.length != 3) {
      return "asserted server version must be of the form <major>.<minor>.<update>";
    }
    boolean negative = false;
    for (String part : parts) {
      long value;
      try {
        // Atoi: an optional sign and decimal digits, within 64 bits.
        if (!part.matches("[+-]?[0-9]+")) {
          throw new NumberFormatException(part);
        }
        value = Long.parseLong(part.startsWith("+") ? part.substring(1) : part);
      } catch (NumberFormatException e) {
        return "asserted server version cant parse " + part + " to int";
      }
      negative |= value < 0;
    }
    return negative ? "asserted server version can'b contain negative values: " + version : null;
  }

  /**
   * Builds {@link OperatorClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, OperatorClaims> {
    private final List<String> signingKeys = new ArrayList<>();
    private String accountServerUrl = "";
    private final List<String> operatorServiceUrls = new ArrayList<>();
    private String systemAccount = "";
    private String assertServerVersion = "";
    private boolean strictSigningKeyUsage;

    Builder(ClaimsData data) {
      super(data);
    }

    /**
     * Adds operator signing keys, skipping empty strings and keys already present.
     *
     * @param keys {@code O...} public keys
     * @return this builder
     */
    public Builder addSigningKeys(String... keys) {
      StringLists.add(signingKeys, keys);
      return this;
    }

    /**
     * Removes operator signing keys.
     *
     * @param keys the keys to remove
     * @return this builder
     */
    public Builder removeSigningKeys(String... keys) {
      StringLists.remove(signingKeys, keys);
      return this;
    }

    /**
     * Sets the account server's base URL.
     *
     * @param url for example {@code "https://host:9090/jwt/v1"}; {@code ""} clears it
     * @return this builder
     */
    public Builder accountServerUrl(String url) {
      this.accountServerUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Replaces the operator service URLs.
     *
     * @param urls NATS URLs such as {@code "nats://host:4222"}
     * @return this builder
     */
    public Builder operatorServiceUrls(Collection<String> urls) {
      operatorServiceUrls.clear();
      StringLists.add(operatorServiceUrls, urls.toArray(new String[0]));
      return this;
    }

    /**
     * Sets the system account.
     *
     * @param accountPublicKey the account's {@code A...} key; {@code ""} clears it
     * @return this builder
     */
    public Builder systemAccount(String accountPublicKey) {
      this.systemAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    /**
     * Sets the minimum server version.
     *
     * @param version {@code major.minor.update}; {@code ""} clears it
     * @return this builder
     */
    public Builder assertServerVersion(String version) {
      this.assertServerVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets whether accounts must be signed by signing keys rather than the identity key.
     *
     * @param strict {@code true} to require signing keys
     * @return this builder
     */
    public Builder strictSigningKeyUsage(boolean strict) {
      this.strictSigningKeyUsage = strict;
      return this;
    }

    @Override
    public OperatorClaims build() {
      return new OperatorClaims(data, this);
    }
  }
}
