package io.github.natsjwt.claims;

import io.github.natsjwt.internal.codec.Base32;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An activation JWT: an exporting account's permission for one importing account to import a stream
 * or service that requires a token (spec claims.md section 3.5).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. The claim's {@code sub} is
 * the <em>importing</em> account; {@code iss} is the exporting account or one of its signing keys
 * (then {@link #issuerAccount()} names the exporter). The JSON key of the kind is {@code kind}; v1
 * tokens kept it in {@code nats.type} and are migrated on reading.
 *
 * <pre>{@code
 * ActivationClaims activation = ActivationClaims.builder(importerAccountKey)
 *     .importSubject("orders.>").kind(ExportType.STREAM).build();
 * String token = Jwt.encode(activation, exporterAccountKey);
 * }</pre>
 */
public final class ActivationClaims extends Claims {
  private final String importSubject;
  private final ExportType kind;
  private final String issuerAccount;

  private ActivationClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    this.importSubject = b.importSubject;
    this.kind = b.kind;
    this.issuerAccount = b.issuerAccount;
  }

  /**
   * Starts an activation for an importing account.
   *
   * @param subject the importing account's public key ({@code A...})
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
    b.importSubject = importSubject;
    b.kind = kind;
    b.issuerAccount = issuerAccount;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.ACTIVATION;
  }

  /**
   * Returns the subject the activation grants ({@code nats.subject}); it may contain wildcards.
   *
   * @return the subject, or {@code ""}
   */
  public String importSubject() {
    return importSubject;
  }

  /**
   * Returns whether the activation is for a stream or a service ({@code nats.kind}).
   *
   * @return the kind; {@link ExportType#UNKNOWN} when not set
   */
  public ExportType kind() {
    return kind;
  }

  /**
   * Returns the exporting account, set when one of its signing keys issued the activation.
   *
   * @return the account's public key, or {@code ""}
   */
  public String issuerAccount() {
    return issuerAccount;
  }

  /**
   * Returns whether the activation is for a service.
   *
   * @return {@code true} for {@link ExportType#SERVICE}
   */
  public boolean isService() {
    return kind == ExportType.SERVICE;
  }

  /**
   * Returns whether the activation is for a stream.
   *
   * @return {@code true} for {@link ExportType#STREAM}
   */
  public boolean isStream() {
    return kind == ExportType.STREAM;
  }

  /**
   * Returns the reference's identifier of this activation (spec claims.md section 5.6): the SHA-256
   * of {@code <iss>.<sub>.<subject up to its first wildcard>}, in padded base32.
   *
   * @return 56 characters ending in {@code ====}
   * @throws IllegalStateException when {@code iss}, {@code sub} or the import subject is empty
   */
  public String hashId() {
    if (issuer().isEmpty() || subject().isEmpty() || importSubject.isEmpty()) {
      // The reference's message, typo included.
      throw new IllegalStateException("not enough data in the activaion claims to create a hash");
    }
    String base = issuer() + "." + subject() + "." + cleanSubject(importSubject);
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(base.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(new String(Base32.encode(sha)));
      while (sb.length() % 8 != 0) {
        sb.append('=');
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** The subject up to its first wildcard token; {@code _} when it starts with one. */
  static String cleanSubject(String subject) {
    String[] tokens = subject.split("\\.", -1);
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i].equals("*") || tokens[i].equals(">")) {
        if (i == 0) {
          return "_";
        }
        String cleaned = String.join(".", java.util.Arrays.asList(tokens).subList(0, i));
        // The reference falls back to the whole subject when the prefix is empty.
        return cleaned.isEmpty() ? subject : cleaned;
      }
    }
    return subject;
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new ActivationClaims(data, toBuilder());
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    w.field("subject", importSubject);
    kind.writeField(w, "kind");
    w.field("issuer_account", issuerAccount);
    data.writeGeneric(w, ClaimType.ACTIVATION);
    w.endObject();
  }

  static ActivationClaims read(
      ClaimsData data, JsonIn payload, @Nullable JsonIn nats, int version) {
    Builder b = new Builder(data);
    if (version == 1) {
      // v1 named the kind nats.type and kept issuer_account and tags at the top level; its
      // limits (max, payload, src, times) have no v2 counterpart and are dropped.
      if (nats != null) {
        b.importSubject = nats.string("subject");
        b.kind = ExportType.read(nats, "type");
      }
      b.issuerAccount = payload.string("issuer_account");
      data.tags = new ArrayList<>(payload.strings("tags"));
    } else if (nats != null) {
      b.importSubject = nats.string("subject");
      b.kind = ExportType.read(nats, "kind");
      b.issuerAccount = nats.string("issuer_account");
      data.tags = new ArrayList<>(nats.strings("tags"));
    }
    data.version = version;
    return b.build();
  }

  @Override
  void checkEncodable() {
    if (!isKey(subject(), NKeyType.ACCOUNT)) {
      throw new InvalidClaimsException("expected subject to be an account");
    }
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    validateTimes(c, now);
    validateContent(c);
  }

  /** The checks after the time checks; import validation runs only these. */
  void validateContent(ValidationResult.Collector c) {
    if (kind == ExportType.UNKNOWN) {
      c.error("invalid import type: " + GoText.quote(kind.value()));
    }
    Subjects.validate(c, importSubject);
    if (!issuerAccount.isEmpty() && !isKey(issuerAccount, NKeyType.ACCOUNT)) {
      c.error("account_id is not an account public key");
    }
  }

  /**
   * Builds {@link ActivationClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, ActivationClaims> {
    private String importSubject = "";
    private ExportType kind = ExportType.UNKNOWN;
    private String issuerAccount = "";

    Builder(ClaimsData data) {
      super(data);
    }

    /**
     * Sets the subject the activation grants.
     *
     * @param subject the subject, wildcards allowed
     * @return this builder
     */
    public Builder importSubject(String subject) {
      this.importSubject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * Sets whether the activation is for a stream or a service.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder kind(ExportType kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Sets the exporting account; needed when one of its signing keys issues the activation.
     *
     * @param accountPublicKey the account's {@code A...} key; {@code ""} clears it
     * @return this builder
     */
    public Builder issuerAccount(String accountPublicKey) {
      this.issuerAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    @Override
    public ActivationClaims build() {
      return new ActivationClaims(data, this);
    }
  }
}
