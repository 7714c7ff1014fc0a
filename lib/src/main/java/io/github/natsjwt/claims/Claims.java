package io.github.natsjwt.claims;

import io.github.natsjwt.internal.codec.Base32;
import io.github.natsjwt.internal.codec.Utf8;
import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields every NATS JWT has (spec claims.md section 2), and the entry points that read claims
 * from JSON and write them back exactly as the Go reference does.
 *
 * <p>Immutable and thread-safe. The concrete types are {@link OperatorClaims}, {@code
 * AccountClaims}, {@link UserClaims}, {@link ActivationClaims}, {@link AuthorizationRequestClaims},
 * {@link AuthorizationResponseClaims} and {@link GenericClaims}: the class is sealed to them, and
 * so is its {@link Builder}. Times are whole seconds since the epoch, as in the token.
 *
 * <p>A claims object says nothing about who signed it. {@code Jwt.decode} checks the signature and
 * the issuer's key type; only the trust verifier decides whether to trust the issuer.
 */
public abstract sealed class Claims
    permits OperatorClaims,
        AccountClaims,
        UserClaims,
        ActivationClaims,
        AuthorizationRequestClaims,
        AuthorizationResponseClaims,
        GenericClaims {
  /** The format version this library writes. */
  public static final int VERSION = 2;

  final ClaimsData data;
  private volatile @Nullable String json;
  // The length of the payload JSON these claims were read from, 0 when built: the size of the
  // token they came in, which a writer of other escaping or order may have made smaller or larger
  // than the JSON this library writes. Set once, right after reading.
  private volatile long sourcePayloadBytes;

  Claims(ClaimsData data) {
    this.data = data;
  }

  // ------------------------------------------------------------------ common fields

  /**
   * Returns the kind of claim.
   *
   * @return the type
   */
  public abstract ClaimType type();

  /**
   * Returns the audience ({@code aud}).
   *
   * @return the audience, or {@code ""} when not set
   */
  public String audience() {
    return data.audience;
  }

  /**
   * Returns when the claim expires ({@code exp}); a claim is valid during its expiry second.
   *
   * <p>A token may hold any {@code int64}; values outside {@link Instant}'s range are clamped to
   * {@link Instant#MIN} or {@link Instant#MAX}. Decisions use the raw value, {@link
   * #expiresAtSeconds()}, as the Go reference does.
   *
   * @return the expiry, or empty when the claim never expires ({@code exp} is 0)
   */
  public Optional<Instant> expiresAt() {
    return data.expires == 0 ? Optional.empty() : Optional.of(UnixSeconds.toInstant(data.expires));
  }

  /**
   * Returns the token id ({@code jti}): base32 of the SHA-512/256 of the common fields.
   *
   * @return the id, or {@code ""} for claims that have not been encoded
   */
  public String id() {
    return data.id;
  }

  /**
   * Returns when the claim was issued ({@code iat}); set by encoding.
   *
   * <p>Values outside {@link Instant}'s range are clamped to {@link Instant#MIN} or {@link
   * Instant#MAX}; {@link #issuedAtSeconds()} gives the raw value that revocation checks use.
   *
   * @return the issue time, or empty when not set ({@code iat} is 0)
   */
  public Optional<Instant> issuedAt() {
    return data.issuedAt == 0
        ? Optional.empty()
        : Optional.of(UnixSeconds.toInstant(data.issuedAt));
  }

  /**
   * Returns the issuer's public key ({@code iss}); set by encoding to the signer's key.
   *
   * @return the issuer, or {@code ""} when not set
   */
  public String issuer() {
    return data.issuer;
  }

  /**
   * Returns the human-readable name ({@code name}).
   *
   * @return the name, or {@code ""}
   */
  public String name() {
    return data.name;
  }

  /**
   * Returns the time before which the claim is not valid ({@code nbf}).
   *
   * <p>Values outside {@link Instant}'s range are clamped to {@link Instant#MIN} or {@link
   * Instant#MAX}; {@link #notBeforeSeconds()} gives the raw value that decisions use.
   *
   * @return the not-before time, or empty when there is none ({@code nbf} is 0)
   */
  public Optional<Instant> notBefore() {
    return data.notBefore == 0
        ? Optional.empty()
        : Optional.of(UnixSeconds.toInstant(data.notBefore));
  }

  /**
   * Returns the subject ({@code sub}): the public key this claim is about.
   *
   * @return the subject
   */
  public String subject() {
    return data.subject;
  }

  /**
   * Returns the tags ({@code nats.tags}), as stored.
   *
   * @return an unmodifiable list
   */
  public List<String> tags() {
    return data.tags;
  }

  /**
   * Returns the format version: 2 for tokens written by this library or the current Go library, 1
   * for claims migrated from a v1 token, 0 for claims not yet encoded.
   *
   * @return the version
   */
  public int version() {
    return data.version;
  }

  /**
   * Returns whether the issuer is the subject itself.
   *
   * @return {@code true} when {@code iss} equals {@code sub}
   */
  public boolean isSelfSigned() {
    return data.issuer.equals(data.subject);
  }

  /**
   * Returns the raw expiry in seconds, as in the token: any {@code int64}, compared as the Go
   * reference compares it.
   *
   * @return {@code exp}, 0 when not set
   */
  public long expiresAtSeconds() {
    return data.expires;
  }

  /**
   * Returns the raw issue time in seconds, as in the token.
   *
   * @return {@code iat}, 0 when not set
   */
  public long issuedAtSeconds() {
    return data.issuedAt;
  }

  /**
   * Returns the raw not-before time in seconds, as in the token.
   *
   * @return {@code nbf}, 0 when not set
   */
  public long notBeforeSeconds() {
    return data.notBefore;
  }

  // ------------------------------------------------------------------ JSON

  /**
   * Returns the claims as compact JSON, byte for byte as the Go reference writes them: field order,
   * omitted empty fields, sorted map keys and HTML-safe escaping (spec claims.md section 0).
   *
   * @return the payload JSON
   */
  public final String toJson() {
    String j = json;
    if (j == null) {
      j = writeJson();
      json = j;
    }
    return j;
  }

  private String writeJson() {
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    data.writeCommon(w, true);
    writeNats(w);
    w.endObject();
    return w.toString();
  }

  /**
   * The payload's length in UTF-8 bytes, from the cached JSON when there is one; otherwise written
   * afresh and not kept, so that measuring a large claim does not make it retain its JSON.
   */
  /** The payload length these claims were read from, or 0 when they were built. */
  final long sourcePayloadBytes() {
    return sourcePayloadBytes;
  }

  final long jsonLength() {
    String j = json;
    return Utf8.length(j == null ? writeJson() : j);
  }

  /** Writes {@code "nats":{...}} including the generic fields; nothing when there is none. */
  abstract void writeNats(GoJsonWriter w);

  /**
   * Returns a copy stamped as the encoder stamps claims: issuer, issue time, format version 2, and
   * the {@code jti} computed from the common fields.
   *
   * @param issuer the signer's public key
   * @param issuedAt the issue time (whole seconds are kept)
   * @return the stamped copy
   * @throws InvalidClaimsException when the claims cannot be encoded: no subject, a subject of the
   *     wrong key type, or a value the format cannot represent
   */
  public final Claims withIssuance(String issuer, Instant issuedAt) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(issuedAt, "issuedAt");
    if (data.subject.isEmpty()) {
      throw new InvalidClaimsException("subject is not set");
    }
    checkEncodable();
    ClaimsData stamped = data.copy();
    stamped.issuer = issuer;
    stamped.issuedAt = issuedAt.getEpochSecond();
    stamped.id = "";
    stamped.version = VERSION;
    stamped.id = computeId(stamped);
    return copyWithIssuance(stamped);
  }

  /** Returns the stamped copy; generic claims also stamp the version into their free-form map. */
  Claims copyWithIssuance(ClaimsData stamped) {
    return copyWith(stamped);
  }

  /** Throws {@link InvalidClaimsException} when the type's encode-time checks fail. */
  abstract void checkEncodable();

  /** Returns a claim of the same type and content with other common fields. */
  abstract Claims copyWith(ClaimsData data);

  static String computeId(ClaimsData d) {
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    d.writeCommon(w, false);
    w.endObject();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-512/256")
              .digest(w.toString().getBytes(StandardCharsets.UTF_8));
      return new String(Base32.encode(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512/256 is required by every Java 17 runtime", e);
    }
  }

  /**
   * Reads claims from payload JSON, recognising v1 payloads and migrating them as the reference
   * does (spec claims.md sections 1.7 and 1.9). Nothing is verified.
   *
   * @param json the payload JSON
   * @return the claims, of the concrete type named by the payload
   * @throws ClaimsFormatException when the JSON is malformed, a field has the wrong type, or the
   *     kind or version is not supported
   */
  public static Claims fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return fromJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads claims from payload JSON bytes (UTF-8).
   *
   * @param json the payload JSON
   * @return the claims
   * @throws ClaimsFormatException when the JSON is malformed, a field has the wrong type, or the
   *     kind or version is not supported
   */
  public static Claims fromJson(byte[] json) {
    Objects.requireNonNull(json, "json");
    return fromJson(json, json.length);
  }

  /**
   * Reads claims from payload JSON held in the first {@code length} bytes of an array, as {@link
   * #fromJson(byte[])} reads a copy of them; the claims keep no reference to the array, so it may
   * be reused once this returns.
   *
   * @param json holds the payload JSON (UTF-8)
   * @param length the JSON's length in bytes
   * @return the claims
   * @throws IndexOutOfBoundsException when {@code length} is negative or beyond the array
   * @throws ClaimsFormatException when the JSON is malformed, a field has the wrong type, or the
   *     kind or version is not supported
   */
  public static Claims fromJson(byte[] json, int length) {
    Objects.requireNonNull(json, "json");
    Objects.checkFromToIndex(0, length, json.length);
    return read(json, length, null, ValidationRules.CURRENT);
  }

  /**
   * Reads claims from payload JSON as {@link #fromJson(byte[], int)} does when the payload names
   * the {@code expected} claim type (or a type this library does not know); a payload that names
   * another known type is read only as {@link GenericClaims}, whose {@link
   * GenericClaims#declaredType()} names the type it holds. A caller that needs one type learns that
   * it has another without reading, or paying for, the rest of it.
   *
   * @param json holds the payload JSON (UTF-8)
   * @param length the JSON's length in bytes
   * @param expected the claim type wanted
   * @return the claims, or generic claims when the payload holds another type
   * @throws IndexOutOfBoundsException when {@code length} is negative or beyond the array
   * @throws ClaimsFormatException when the JSON is malformed, a field has the wrong type, or the
   *     kind or version is not supported
   */
  public static Claims fromJson(byte[] json, int length, ClaimType expected) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(expected, "expected");
    Objects.checkFromToIndex(0, length, json.length);
    return read(json, length, expected, ValidationRules.CURRENT);
  }

  /**
   * Reads claims from payload JSON as the jwt library of an older server generation reads them:
   * fields that library lacks are ignored, whatever they hold (for {@link ValidationRules#JWT_2_3},
   * nats-server 2.9: an account's {@code authorization}, {@code trace} and {@code cluster_traffic},
   * imports' and exports' {@code allow_trace}, a user's {@code proxy_required}; for {@link
   * ValidationRules#SERVER_2_10}: {@code proxy_required}). Otherwise as {@link #fromJson(byte[],
   * int, ClaimType)}, or as {@link #fromJson(byte[], int)} when {@code expected} is null.
   *
   * @param json holds the payload JSON (UTF-8)
   * @param length the JSON's length in bytes
   * @param expected the claim type wanted, or null for any
   * @param rules the generation whose fields are read
   * @return the claims, or generic claims when the payload holds another type than expected
   * @throws IndexOutOfBoundsException when {@code length} is negative or beyond the array
   * @throws ClaimsFormatException when the JSON is malformed, a field has the wrong type, or the
   *     kind or version is not supported
   */
  public static Claims fromJson(
      byte[] json, int length, @Nullable ClaimType expected, ValidationRules rules) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(rules, "rules");
    Objects.checkFromToIndex(0, length, json.length);
    return read(json, length, expected, rules);
  }

  private static Claims read(
      byte[] json, int length, @Nullable ClaimType expected, ValidationRules rules) {
    try {
      Claims claims = ClaimsReader.read(JsonIn.parse(json, length, ""), expected, rules);
      claims.sourcePayloadBytes = length;
      return claims;
    } catch (JsonIn.ShapeException e) {
      throw new ClaimsFormatException(e.path(), "claims JSON: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ validation

  /**
   * Checks the claim against the rules of the reference (spec claims.md section 4) at the current
   * time of a clock.
   *
   * @param clock the time source
   * @return the findings, possibly empty
   */
  public final ValidationResult validate(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return validate(clock.instant());
  }

  /**
   * Checks the claim against the rules of the current reference at a given time; the same as {@link
   * #validate(Instant, ValidationRules) validate(now, ValidationRules.CURRENT)}.
   *
   * @param now the time to check expiry and not-before against
   * @return the findings, possibly empty
   */
  public final ValidationResult validate(Instant now) {
    return validate(now, ValidationRules.CURRENT);
  }

  /**
   * Checks the claim against one version of the reference's rules at a given time (spec claims.md
   * section 4; trust-chain.md section 9 for how jwt 2.3.0 differs).
   *
   * <pre>{@code
   * // As nats-server 2.9.x (jwt 2.3.0) would judge the account:
   * ValidationResult r = account.validate(now, ValidationRules.JWT_2_3);
   * }</pre>
   *
   * @param now the time to check expiry and not-before against
   * @param rules the rule set: {@link ValidationRules#CURRENT} or {@link ValidationRules#JWT_2_3}
   * @return the findings, possibly empty
   */
  public final ValidationResult validate(Instant now, ValidationRules rules) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(rules, "rules");
    ValidationResult.Collector c = new ValidationResult.Collector(rules);
    validate(c, now.getEpochSecond());
    validateSize(c);
    return c.result();
  }

  /**
   * Reports a token over the 1 MiB cap as an error (a warning under rules without the cap, where
   * only the default {@code max_payload} of a push stands in the way), and one at or above {@value
   * TokenSize#WARNING_PERCENT}% of it as a warning; both name the largest fields. User, activation
   * and authorization claims are left out: they travel in a CONNECT line or a request bounded far
   * below 1 MiB, and are validated on every connection, where writing their JSON again would cost.
   */
  private void validateSize(ValidationResult.Collector c) {
    switch (type()) {
      case USER, ACTIVATION, AUTHORIZATION_REQUEST, AUTHORIZATION_RESPONSE:
        return;
      default:
        break;
    }
    if (data.subject.isEmpty()) {
      return; // not encodable; the type's rules say why
    }
    long limit = TokenSize.MAX_TOKEN_BYTES;
    try {
      long bytes = TokenSize.bytesOf(this);
      if (bytes * 100 < limit * TokenSize.WARNING_PERCENT) {
        return; // the usual case: no field needs measuring
      }
    } catch (InvalidClaimsException e) {
      return; // not encodable; encoding says why
    }
    TokenSize size = TokenSize.of(this);
    if (size.bytes() > limit) {
      String largest = size.describeLargest(3);
      if (c.rules().capsTokenSize()) {
        c.error(String.format(Locale.ROOT, TokenSize.OVER_CAP, size.bytes(), limit, largest));
      } else {
        c.warning(
            String.format(Locale.ROOT, TokenSize.OVER_PUSH_LIMIT, size.bytes(), limit, largest));
      }
    } else if (size.nears(limit)) {
      c.warning(
          String.format(
              Locale.ROOT,
              TokenSize.NEAR_LIMIT,
              size.bytes(),
              TokenSize.percent(size.bytes(), limit),
              limit,
              size.headroom(limit),
              size.describeLargest(3)));
    }
  }

  /** Runs the type's rules in the reference's order. */
  abstract void validate(ValidationResult.Collector c, long now);

  /** The time checks of {@code ClaimsData.Validate}. */
  final void validateTimes(ValidationResult.Collector c, long now) {
    if (data.expires > 0 && now > data.expires) {
      c.timeCheck("claim is expired");
    }
    if (data.notBefore > 0 && data.notBefore > now) {
      c.timeCheck("claim is not yet valid");
    }
  }

  // ------------------------------------------------------------------ object

  /**
   * Claims are equal when they are of the same type and their JSON is identical.
   *
   * @param o the other object
   * @return whether both hold the same claims
   */
  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof Claims
        && ((Claims) o).type() == type()
        && ((Claims) o).toJson().equals(toJson());
  }

  @Override
  public final int hashCode() {
    return toJson().hashCode();
  }

  /**
   * Describes the claim briefly, without embedded tokens.
   *
   * @return for example {@code UserClaims[sub=U..., iss=A..., name=alice]}
   */
  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[sub="
        + Redact.key(data.subject)
        + ", iss="
        + Redact.key(data.issuer)
        + (data.name.isEmpty() ? "" : ", name=" + Redact.text(data.name))
        + "]";
  }

  static boolean isKey(String s, NKeyType type) {
    return type.isValidPublicKey(s);
  }

  static boolean isPublicKey(String s) {
    return NKey.isValidPublicKey(s);
  }

  // ------------------------------------------------------------------ builder

  /**
   * The setters every claims builder shares.
   *
   * <p>Not thread-safe; {@code build()} returns an immutable snapshot.
   *
   * @param <B> the concrete builder type
   * @param <C> the claims type it builds
   */
  public abstract static sealed class Builder<B extends Builder<B, C>, C extends Claims>
      permits OperatorClaims.Builder,
          AccountClaims.Builder,
          UserClaims.Builder,
          ActivationClaims.Builder,
          AuthorizationRequestClaims.Builder,
          AuthorizationResponseClaims.Builder,
          GenericClaims.Builder {
    final ClaimsData data;

    Builder(ClaimsData data) {
      this.data = data;
    }

    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this;
    }

    /**
     * Sets the subject: the public key the claim is about.
     *
     * @param subject the public key
     * @return this builder
     */
    public B subject(String subject) {
      data.subject = Objects.requireNonNull(subject, "subject");
      return self();
    }

    /**
     * Sets the human-readable name.
     *
     * @param name the name; {@code ""} clears it
     * @return this builder
     */
    public B name(String name) {
      data.name = Objects.requireNonNull(name, "name");
      return self();
    }

    /**
     * Sets the audience.
     *
     * @param audience the audience; {@code ""} clears it
     * @return this builder
     */
    public B audience(String audience) {
      data.audience = Objects.requireNonNull(audience, "audience");
      return self();
    }

    /**
     * Sets the expiry; fractions of a second are dropped.
     *
     * @param expiresAt the expiry, or {@code null} for none
     * @return this builder
     */
    public B expiresAt(@Nullable Instant expiresAt) {
      data.expires = expiresAt == null ? 0 : expiresAt.getEpochSecond();
      return self();
    }

    /**
     * Sets the time before which the claim is not valid.
     *
     * @param notBefore the time, or {@code null} for none
     * @return this builder
     */
    public B notBefore(@Nullable Instant notBefore) {
      data.notBefore = notBefore == null ? 0 : notBefore.getEpochSecond();
      return self();
    }

    /**
     * Sets the issuer. Encoding overwrites it with the signer's key.
     *
     * @param issuer the issuer's public key
     * @return this builder
     */
    public B issuer(String issuer) {
      data.issuer = Objects.requireNonNull(issuer, "issuer");
      return self();
    }

    /**
     * Sets the issue time. Encoding overwrites it with the clock's time.
     *
     * @param issuedAt the time, or {@code null} for none
     * @return this builder
     */
    public B issuedAt(@Nullable Instant issuedAt) {
      data.issuedAt = issuedAt == null ? 0 : issuedAt.getEpochSecond();
      return self();
    }

    /**
     * Replaces the tags with these values, stored as given.
     *
     * @param tags the tags
     * @return this builder
     */
    public B tags(Collection<String> tags) {
      data.tags = new ArrayList<>(tags);
      data.tags.forEach(t -> Objects.requireNonNull(t, "tag"));
      return self();
    }

    /**
     * Adds tags as the reference's TagList does: trimmed, lower-cased, without empties or
     * duplicates.
     *
     * @param tags the tags to add
     * @return this builder
     */
    public B addTags(String... tags) {
      for (String t : tags) {
        String n = t.trim().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && !data.tags.contains(n)) {
          data.tags.add(n);
        }
      }
      return self();
    }

    /**
     * Removes tags as the reference's TagList does: each value trimmed and lower-cased, its first
     * occurrence removed.
     *
     * @param tags the tags to remove
     * @return this builder
     */
    public B removeTags(String... tags) {
      for (String t : tags) {
        data.tags.remove(t.trim().toLowerCase(Locale.ROOT));
      }
      return self();
    }

    /**
     * Returns the immutable claims.
     *
     * @return the claims
     */
    public abstract C build();
  }

  /** The common fields, mutable while a builder or reader fills them. */
  static final class ClaimsData {
    String audience = "";
    long expires;
    String id = "";
    long issuedAt;
    String issuer = "";
    String name = "";
    long notBefore;
    String subject = "";
    List<String> tags = new ArrayList<>();
    int version;

    ClaimsData copy() {
      ClaimsData d = new ClaimsData();
      d.audience = audience;
      d.expires = expires;
      d.id = id;
      d.issuedAt = issuedAt;
      d.issuer = issuer;
      d.name = name;
      d.notBefore = notBefore;
      d.subject = subject;
      d.tags = new ArrayList<>(tags);
      d.version = version;
      return d;
    }

    /** A frozen copy for an immutable claims object. */
    ClaimsData freeze() {
      ClaimsData d = copy();
      d.tags = List.copyOf(tags);
      return d;
    }

    void writeCommon(GoJsonWriter w, boolean withId) {
      w.field("aud", audience);
      w.field("exp", expires);
      if (withId) {
        w.field("jti", id);
      }
      w.field("iat", issuedAt);
      w.field("iss", issuer);
      w.field("name", name);
      w.field("nbf", notBefore);
      w.field("sub", subject);
    }

    /** Writes the generic fields that end every typed {@code nats} object. */
    void writeGeneric(GoJsonWriter w, ClaimType type) {
      w.field("tags", tags);
      w.field("type", type.jsonName());
      w.field("version", version);
    }

    static ClaimsData read(JsonIn payload) {
      ClaimsData d = new ClaimsData();
      d.audience = payload.string("aud");
      d.expires = payload.int64("exp");
      d.id = payload.string("jti");
      d.issuedAt = payload.int64("iat");
      d.issuer = payload.string("iss");
      d.name = payload.string("name");
      d.notBefore = payload.int64("nbf");
      d.subject = payload.string("sub");
      return d;
    }
  }
}
