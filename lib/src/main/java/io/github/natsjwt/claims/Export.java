package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stream or service an account offers to other accounts (an element of {@code nats.exports}, spec
 * claims.md section 3.2.5).
 *
 * <p>Immutable and thread-safe. Build one with {@link #stream(String)} or {@link #service(String)}:
 *
 * <pre>{@code
 * Export orders = Export.service("orders.*.create")
 *     .name("orders")
 *     .tokenRequired(true)
 *     .responseType(ResponseType.SINGLETON)
 *     .latency(ServiceLatency.of(10, "latency.orders"))
 *     .accountTokenPosition(2)
 *     .build();
 * }</pre>
 *
 * <p>Activation tokens of an export that requires them can be revoked per importing account ({@link
 * #revocations()}).
 */
public final class Export {
  private final String name;
  private final String subject;
  private final ExportType type;
  private final boolean tokenRequired;
  private final RevocationList revocations;
  private final String responseType;
  private final Duration responseThreshold;
  private final @Nullable ServiceLatency latency;
  private final long accountTokenPosition;
  private final boolean advertise;
  private final boolean allowTrace;
  private final String description;
  private final String infoUrl;

  private Export(Builder b) {
    name = b.name;
    subject = b.subject;
    type = b.type;
    tokenRequired = b.tokenRequired;
    revocations = b.revocations.build();
    responseType = b.responseType;
    responseThreshold = b.responseThreshold;
    latency = b.latency;
    accountTokenPosition = b.accountTokenPosition;
    advertise = b.advertise;
    allowTrace = b.allowTrace;
    description = b.description;
    infoUrl = b.infoUrl;
  }

  /**
   * Starts an export with no type and no subject.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a stream export.
   *
   * @param subject the exported subject, wildcards allowed
   * @return a new builder
   */
  public static Builder stream(String subject) {
    return new Builder().type(ExportType.STREAM).subject(subject);
  }

  /**
   * Starts a service export.
   *
   * @param subject the subject requests are sent to, wildcards allowed
   * @return a new builder
   */
  public static Builder service(String subject) {
    return new Builder().type(ExportType.SERVICE).subject(subject);
  }

  /**
   * Returns a builder holding a copy of this export.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.subject = subject;
    b.type = type;
    b.tokenRequired = tokenRequired;
    b.revocations = revocations.toBuilder();
    b.responseType = responseType;
    b.responseThreshold = responseThreshold;
    b.latency = latency;
    b.accountTokenPosition = accountTokenPosition;
    b.advertise = advertise;
    b.allowTrace = allowTrace;
    b.description = description;
    b.infoUrl = infoUrl;
    return b;
  }

  /**
   * Returns the friendly name ({@code name}).
   *
   * @return the name, or {@code ""}
   */
  public String name() {
    return name;
  }

  /**
   * Returns the exported subject ({@code subject}); it may contain wildcards.
   *
   * @return the subject, or {@code ""}
   */
  public String subject() {
    return subject;
  }

  /**
   * Returns whether this is a stream or a service ({@code type}).
   *
   * @return the type; {@link ExportType#UNKNOWN} when not set
   */
  public ExportType type() {
    return type;
  }

  /**
   * Returns whether importers need an activation token ({@code token_req}).
   *
   * @return {@code true} for a private export
   */
  public boolean tokenRequired() {
    return tokenRequired;
  }

  /**
   * Returns the revoked activations ({@code revocations}): importing account (or {@value
   * RevocationList#ALL}) to the time up to which its activations are revoked.
   *
   * @return the revocations
   */
  public RevocationList revocations() {
    return revocations;
  }

  /**
   * Returns how the service responds ({@code response_type}).
   *
   * @return the response type, or empty when not set (a single response)
   */
  public Optional<ResponseType> responseType() {
    return responseType.isEmpty() ? Optional.empty() : Optional.of(ResponseType.of(responseType));
  }

  /**
   * Returns how long the service may take to respond ({@code response_threshold}).
   *
   * @return the threshold; {@link Duration#ZERO} when not set
   */
  public Duration responseThreshold() {
    return responseThreshold;
  }

  /**
   * Returns the latency tracking of the service ({@code service_latency}).
   *
   * @return the configuration, or empty when latency is not tracked
   */
  public Optional<ServiceLatency> latency() {
    return Optional.ofNullable(latency);
  }

  /**
   * Returns the 1-based position of the token in the subject that carries the importing account's
   * public key ({@code account_token_position}); that token must be {@code *}.
   *
   * @return the position, or 0 when not used
   */
  public long accountTokenPosition() {
    return accountTokenPosition;
  }

  /**
   * Returns whether the export is advertised ({@code advertise}).
   *
   * @return {@code true} when advertised
   */
  public boolean advertise() {
    return advertise;
  }

  /**
   * Returns whether message traces may cross this service export ({@code allow_trace}).
   *
   * @return {@code true} when traces are allowed
   */
  public boolean allowTrace() {
    return allowTrace;
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
   * Returns the URL of more information ({@code info_url}).
   *
   * @return the URL, or {@code ""}
   */
  public String infoUrl() {
    return infoUrl;
  }

  /**
   * Returns whether this is a service export.
   *
   * @return {@code true} for a service
   */
  public boolean isService() {
    return type == ExportType.SERVICE;
  }

  /**
   * Returns whether this is a stream export.
   *
   * @return {@code true} for a stream
   */
  public boolean isStream() {
    return type == ExportType.STREAM;
  }

  /**
   * Returns whether this is a service with a single response: the response type is not set or
   * {@code Singleton}.
   *
   * @return {@code true} for a single-response service
   */
  public boolean isSingleResponse() {
    return isService() && (responseType.isEmpty() || responseType.equals("Singleton"));
  }

  /**
   * Returns whether this is a service that responds in chunks.
   *
   * @return {@code true} for a {@code Chunked} service
   */
  public boolean isChunkedResponse() {
    return isService() && responseType.equals("Chunked");
  }

  /**
   * Returns whether this is a service that responds with a stream of messages.
   *
   * @return {@code true} for a {@code Stream} service
   */
  public boolean isStreamResponse() {
    return isService() && responseType.equals("Stream");
  }

  /**
   * Returns whether this export revoked an activation (spec claims.md section 4.11): whether the
   * activation's subject (the importing account) has a revocation at or after the activation's
   * issue time. An activation without issue time or subject counts as revoked.
   *
   * @param activation a decoded activation for this export
   * @return {@code true} when revoked
   */
  public boolean isClaimRevoked(ActivationClaims activation) {
    return revocations.isClaimRevoked(Objects.requireNonNull(activation, "activation"));
  }

  /** The encode-time checks: values the wire format cannot carry. */
  void checkEncodable(String path) {
    if (latency != null && !latency.isEncodable()) {
      throw new InvalidClaimsException(
          path
              + ".service_latency.sampling is "
              + latency.sampling()
              + ", which cannot be encoded: use ServiceLatency.HEADERS (0) or a percentage"
              + " 1..100");
    }
  }

  /** The reference's Export.Validate (spec claims.md section 4.6), in its order. */
  void validate(ValidationResult.Collector c) {
    if (!isService() && !isStream()) {
      c.error("invalid export type: " + GoText.quote(type.value()));
    }
    if (isService() && !isSingleResponse() && !isChunkedResponse() && !isStreamResponse()) {
      c.error("invalid response type for service: " + GoText.quote(responseType));
    }
    if (isStream() && !responseType.isEmpty()) {
      c.error("invalid response type for stream: " + GoText.quote(responseType));
    }
    // allow_trace came after jwt 2.3.0, which ignores it.
    if (isStream() && allowTrace && c.rules().validatesLaterFields()) {
      c.error("AllowTrace only valid for service export");
    }
    if (latency != null) {
      if (!isService()) {
        c.error("latency tracking only permitted for services");
      }
      if (latency.sampling() != ServiceLatency.HEADERS
          && (latency.sampling() < 1 || latency.sampling() > 100)) {
        c.error("sampling percentage needs to be between 1-100");
      }
      Subjects.validate(c, latency.results());
      if (Subjects.hasWildcards(latency.results())) {
        c.error("results subject can not contain wildcards");
      }
    }
    if (responseThreshold.isNegative()) {
      c.error("negative response threshold is invalid");
    }
    if (!responseThreshold.isNegative() && !responseThreshold.isZero() && !isService()) {
      c.error("response threshold only valid for services");
    }
    Subjects.validate(c, subject);
    if (accountTokenPosition > 0) {
      if (!Subjects.hasWildcards(subject)) {
        c.error("Account Token Position can only be used with wildcard subjects: " + subject);
      } else {
        String[] tokens = subject.split("\\.", -1);
        if (accountTokenPosition > tokens.length) {
          c.error(
              "Account Token Position "
                  + accountTokenPosition
                  + " exceeds length of subject '"
                  + subject
                  + "'");
        } else {
          String token = tokens[(int) accountTokenPosition - 1];
          if (!token.equals("*")) {
            c.error(
                "Account Token Position "
                    + accountTokenPosition
                    + " matches '"
                    + token
                    + "' but must match a * in: "
                    + subject);
          }
        }
      }
    }
    InfoRules.validate(c, description, infoUrl);
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("name", name);
    w.field("subject", subject);
    type.writeField(w, "type");
    w.field("token_req", tokenRequired);
    revocations.writeField(w, "revocations");
    w.field("response_type", responseType);
    w.field("response_threshold", responseThreshold.toNanos());
    if (latency != null) {
      latency.write(w);
    }
    w.field("account_token_position", accountTokenPosition);
    w.field("advertise", advertise);
    w.field("allow_trace", allowTrace);
    w.field("description", description);
    w.field("info_url", infoUrl);
    w.endObject();
  }

  static Export read(JsonIn o) {
    Builder b = new Builder();
    b.name = o.string("name");
    b.subject = o.string("subject");
    b.type = ExportType.read(o, "type");
    b.tokenRequired = o.bool("token_req");
    b.revocations = RevocationList.read(o, "revocations").toBuilder();
    b.responseType = o.string("response_type");
    b.responseThreshold = Duration.ofNanos(o.int64("response_threshold"));
    b.latency = o.object("service_latency").map(ServiceLatency::read).orElse(null);
    b.accountTokenPosition = o.integer("account_token_position", 0, Long.MAX_VALUE);
    b.advertise = o.bool("advertise");
    b.allowTrace = o.bool("allow_trace");
    b.description = o.string("description");
    b.infoUrl = o.string("info_url");
    return b.build();
  }

  /**
   * Exports are equal when all their fields are.
   *
   * @param o the other object
   * @return whether both describe the same export
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Export && ((Export) o).json().equals(json());
  }

  @Override
  public int hashCode() {
    return json().hashCode();
  }

  /**
   * Describes the export as its JSON.
   *
   * @return for example {@code Export{"subject":"orders.>","type":"stream"}}
   */
  @Override
  public String toString() {
    return "Export" + json();
  }

  private String json() {
    GoJsonWriter w = new GoJsonWriter();
    write(w);
    return w.toString();
  }

  /**
   * Builds an {@link Export}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private String name = "";
    private String subject = "";
    private ExportType type = ExportType.UNKNOWN;
    private boolean tokenRequired;
    private RevocationList.Builder revocations = RevocationList.EMPTY.toBuilder();
    private String responseType = "";
    private Duration responseThreshold = Duration.ZERO;
    private @Nullable ServiceLatency latency;
    private long accountTokenPosition;
    private boolean advertise;
    private boolean allowTrace;
    private String description = "";
    private String infoUrl = "";

    private Builder() {}

    /**
     * Sets the friendly name.
     *
     * @param name the name; {@code ""} clears it
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the exported subject.
     *
     * @param subject the subject, wildcards allowed
     * @return this builder
     */
    public Builder subject(String subject) {
      this.subject = Objects.requireNonNull(subject, "subject");
      return this;
    }

    /**
     * Sets whether this is a stream or a service.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(ExportType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets whether importers need an activation token.
     *
     * @param required {@code true} for a private export
     * @return this builder
     */
    public Builder tokenRequired(boolean required) {
      this.tokenRequired = required;
      return this;
    }

    /**
     * Replaces the revoked activations.
     *
     * @param revocations the revocations
     * @return this builder
     */
    public Builder revocations(RevocationList revocations) {
      this.revocations = Objects.requireNonNull(revocations, "revocations").toBuilder();
      return this;
    }

    /**
     * Revokes the activations of an importing account issued up to now. A later existing revocation
     * is kept.
     *
     * @param account the importing account's public key, or {@value RevocationList#ALL}
     * @param clock the time source
     * @return this builder
     */
    public Builder revoke(String account, Clock clock) {
      return revokeAt(account, clock.instant());
    }

    /**
     * Revokes the activations of an importing account issued at or before a time. A later existing
     * revocation is kept.
     *
     * @param account the importing account's public key, or {@value RevocationList#ALL}
     * @param at the revocation time (whole seconds)
     * @return this builder
     */
    public Builder revokeAt(String account, Instant at) {
      revocations.revoke(account, Objects.requireNonNull(at, "at"));
      return this;
    }

    /**
     * Removes the revocation of an importing account, if any.
     *
     * @param account the account's public key
     * @return this builder
     */
    public Builder clearRevocation(String account) {
      revocations.clear(account);
      return this;
    }

    /**
     * Sets how the service responds.
     *
     * @param responseType the response type, or {@code null} to unset it (a single response)
     * @return this builder
     */
    public Builder responseType(@Nullable ResponseType responseType) {
      this.responseType = responseType == null ? "" : responseType.value();
      return this;
    }

    /**
     * Sets how long the service may take to respond.
     *
     * @param threshold the threshold; {@link Duration#ZERO} unsets it
     * @return this builder
     * @throws IllegalArgumentException when the duration does not fit in 64-bit nanoseconds
     */
    public Builder responseThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      try {
        threshold.toNanos();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "response threshold " + threshold + " does not fit in 64-bit nanoseconds", e);
      }
      this.responseThreshold = threshold;
      return this;
    }

    /**
     * Sets latency tracking of the service.
     *
     * @param latency the configuration, or {@code null} for none
     * @return this builder
     */
    public Builder latency(@Nullable ServiceLatency latency) {
      this.latency = latency;
      return this;
    }

    /**
     * Sets the 1-based position of the subject token that carries the importing account.
     *
     * @param position the position, or 0 to unset it
     * @return this builder
     * @throws IllegalArgumentException when the position is negative
     */
    public Builder accountTokenPosition(long position) {
      if (position < 0) {
        throw new IllegalArgumentException(
            "account token position is 1-based (0 to unset), found " + position);
      }
      this.accountTokenPosition = position;
      return this;
    }

    /**
     * Sets whether the export is advertised.
     *
     * @param advertise {@code true} to advertise it
     * @return this builder
     */
    public Builder advertise(boolean advertise) {
      this.advertise = advertise;
      return this;
    }

    /**
     * Sets whether message traces may cross this service export.
     *
     * @param allow {@code true} to allow them
     * @return this builder
     */
    public Builder allowTrace(boolean allow) {
      this.allowTrace = allow;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the text, at most 8192 UTF-8 bytes; {@code ""} clears it
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Sets the URL of more information.
     *
     * @param infoUrl an absolute URL; {@code ""} clears it
     * @return this builder
     */
    public Builder infoUrl(String infoUrl) {
      this.infoUrl = Objects.requireNonNull(infoUrl, "infoUrl");
      return this;
    }

    /**
     * Returns the export.
     *
     * @return the immutable export
     */
    public Export build() {
      return new Export(this);
    }
  }
}
