package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.internal.codec.Utf8;
import io.github.natsjwt.nkey.NKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and verifies tokens as {@link Jwt#decode(String, Class)} does, optionally remembering the
 * tokens it has verified so that a token seen again is not verified again.
 *
 * <pre>{@code
 * JwtDecoder decoder = JwtDecoder.builder()
 *     .verifiedTokenCacheSize(10_000)
 *     .cacheOnlyIssuers(accountSigningKeys)   // the keys whose tokens you go on to trust
 *     .build();
 * DecodedJwt<UserClaims> user = decoder.decode(userJwt, UserClaims.class);
 * }</pre>
 *
 * <p>A token's decoding and signature check depend on nothing but the token, so a remembered result
 * is exactly the result a fresh decode would give: the cache changes the cost, never the outcome.
 * It is keyed on the whole token (a token differing in any character is decoded afresh) and holds
 * only tokens that decoded and verified. Decoding checks no time: {@link Claims#validate} (or the
 * trust verifier) still decides whether a remembered token has expired.
 *
 * <p><b>Whose tokens are remembered.</b> A decoder does not know whom you trust, and anyone can
 * sign a token with a key of their own. So the cache admits only tokens whose {@code iss} is one of
 * the keys given to {@link Builder#cacheOnlyIssuers(Collection)}; a cache that admits every issuer
 * must be asked for with {@link Builder#cacheAnyIssuer()}, and then tokens from untrusted clients
 * occupy it (within its memory bound) and can push out the tokens of legitimate issuers. Generic
 * claims (arbitrary JSON) are never remembered. {@link io.github.natsjwt.trust.TrustVerifier} has
 * its own cache, which admits a token only once its whole chain is trusted.
 *
 * <p><b>Memory.</b> A cache of {@code n} entries retains at most {@code n} × {@value
 * #CACHE_BYTES_PER_ENTRY} bytes (64 MiB for 4,096 entries): the token strings, the decoded claims
 * with every object they hold, the header and payload text once read, and the cache's own nodes.
 * Each entry is charged 1,024 bytes plus 24 bytes per token character, and at least {@value
 * #CACHE_BYTES_PER_ENTRY}. A typical user JWT of 600 characters retains about 2 KB and is charged
 * the minimum; a token crafted to decode into as many objects as possible (empty exports, tiny
 * strings) retains up to about 20 bytes per character, measured with JOL; a token of 256 KiB, the
 * longest kept, is charged 6 MiB. Longer tokens are decoded afresh every time.
 *
 * <p><b>Fairness.</b> Entries are grouped by issuer. When the budget is full, the oldest entry of
 * the issuer holding the most leaves, so an issuer holding no more than an equal share of the
 * budget never loses entries to another issuer's tokens, however many that one sends.
 *
 * <p>Immutable and thread-safe; a lookup takes no lock. The cache is off unless a size is set:
 * {@link Jwt#decode(String, Class)} never caches.
 */
public final class JwtDecoder {
  /**
   * Bytes of heap budgeted per cache entry: what a cache of {@code n} entries may retain is {@code
   * n} times this.
   */
  public static final int CACHE_BYTES_PER_ENTRY = 16 * 1024;

  /**
   * Bytes charged per token character: above the most that any token shape makes a {@link
   * DecodedJwt} retain per character of its token (about 20, for account JWTs full of empty
   * exports), measured with JOL.
   */
  static final int CACHE_BYTES_PER_TOKEN_CHAR = 24;

  private final boolean sizeCapped;
  private final int maxTokenBytes;
  private final ValidationRules rules;
  private final int cacheSize;
  private final @Nullable Set<String> cachedIssuers; // null: any issuer
  private final @Nullable VerifiedTokenCache<DecodedJwt<Claims>> cache;

  private JwtDecoder(Builder b) {
    this.sizeCapped = b.sizeCapped;
    this.maxTokenBytes = b.maxTokenBytes;
    this.rules = b.rules;
    this.cacheSize = b.cacheSize;
    this.cachedIssuers = b.anyIssuer ? null : Set.copyOf(b.issuers);
    this.cache =
        b.cacheSize == 0
            ? null
            : new VerifiedTokenCache<>(
                b.cacheSize,
                (long) b.cacheSize * CACHE_BYTES_PER_ENTRY,
                CACHE_BYTES_PER_TOKEN_CHAR);
  }

  /**
   * Returns a builder; without settings it builds a decoder equal to {@link Jwt#decode(String,
   * Class)}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes a token of any claim type and verifies its signature.
   *
   * @param token the token
   * @return the decoded token; {@code claims()} has the type the payload names
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   * @throws SignatureMismatchException when the signature does not verify with {@code iss}
   * @throws IssuerNotAllowedException when the issuer's key type may not issue the claim type
   */
  public DecodedJwt<Claims> decode(String token) {
    return decode(token, Claims.class);
  }

  /**
   * Decodes a token that must hold claims of one type, and verifies its signature, or returns the
   * result of an earlier decode of the same token.
   *
   * @param token the token
   * @param type the expected claims class, for example {@code UserClaims.class}
   * @param <T> the claims type
   * @return the decoded token
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   * @throws SignatureMismatchException when the signature does not verify with {@code iss}
   * @throws IssuerNotAllowedException when the issuer's key type may not issue the claim type
   * @throws ClaimTypeMismatchException when the token holds claims of another type
   */
  public <T extends Claims> DecodedJwt<T> decode(String token, Class<T> type) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(type, "type");
    VerifiedTokenCache<DecodedJwt<Claims>> c = cache;
    DecodedJwt<Claims> decoded = c == null ? null : c.get(token);
    if (decoded == null) {
      if (sizeCapped) {
        Jwt.checkSize(token);
      }
      checkBound(token);
      decoded = Jwt.decodeAny(token, type, rules);
      if (c != null && admits(decoded)) {
        c.put(token, decoded.issuer(), decoded);
      }
    }
    return Jwt.ofType(decoded, type);
  }

  private boolean admits(DecodedJwt<Claims> decoded) {
    Set<String> issuers = cachedIssuers;
    return decoded.claims().type() != ClaimType.GENERIC
        && (issuers == null || issuers.contains(decoded.issuer()));
  }

  /**
   * Refuses a token larger than this decoder's bound before any of it is decoded. The bound holds
   * in every mode, {@link Builder#withoutSizeCap()} included: it is the decoder's own protection,
   * not a rule of the server's.
   */
  private void checkBound(String token) {
    if (token.length() > maxTokenBytes / 3) {
      long bytes = Utf8.length(token);
      if (bytes > maxTokenBytes) {
        throw new TokenTooLargeException(
            bytes,
            maxTokenBytes,
            "token size "
                + bytes
                + " exceeds this decoder's bound of "
                + maxTokenBytes
                + " bytes (maxTokenBytes; a CONNECT line is limited by the server's"
                + " max_control_line, 4096 bytes by default)");
      }
    }
  }

  /**
   * Returns the largest token, in UTF-8 bytes, that this decoder decodes at all.
   *
   * @return the bound
   */
  public int maxTokenBytes() {
    return maxTokenBytes;
  }

  /**
   * Returns how many verified tokens are remembered now.
   *
   * @return 0 when the cache is off
   */
  public int cachedTokens() {
    VerifiedTokenCache<DecodedJwt<Claims>> c = cache;
    return c == null ? 0 : c.size();
  }

  /**
   * Returns how many verified tokens of one issuer are remembered now.
   *
   * @param issuer the issuer's public key
   * @return 0 when the cache is off or holds none of its tokens
   */
  public int cachedTokens(String issuer) {
    Objects.requireNonNull(issuer, "issuer");
    VerifiedTokenCache<DecodedJwt<Claims>> c = cache;
    return c == null ? 0 : c.size(issuer);
  }

  /**
   * Returns the most heap the cache may retain: its entries times {@value #CACHE_BYTES_PER_ENTRY}.
   *
   * @return bytes; 0 when the cache is off
   */
  public long cacheMemoryBound() {
    VerifiedTokenCache<DecodedJwt<Claims>> c = cache;
    return c == null ? 0 : c.maxBytes();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "JwtDecoder[verifiedTokenCacheSize=%d, maxTokenBytes=%d%s%s]",
        cacheSize,
        maxTokenBytes,
        cacheSize == 0
            ? ""
            : cachedIssuers == null
                ? ", any issuer"
                : ", " + cachedIssuers.size() + " cached issuers",
        sizeCapped ? "" : ", without size cap");
  }

  /** Settings of a {@link JwtDecoder}. Not thread-safe; build once and share the decoder. */
  public static final class Builder {
    private boolean sizeCapped = true;
    private int maxTokenBytes = Jwt.MAX_TOKEN_BYTES;
    private ValidationRules rules = ValidationRules.CURRENT;
    private int cacheSize;
    private final Set<String> issuers = new LinkedHashSet<>();
    private boolean issuersSet;
    private boolean anyIssuer;

    private Builder() {}

    /**
     * Reads payloads with the fields of the jwt library of a server generation: fields added to the
     * library later are ignored, whatever they hold, as servers of that generation ignore them (for
     * {@link ValidationRules#JWT_2_3}, nats-server 2.9: an account's {@code authorization}, {@code
     * trace} and {@code cluster_traffic}, imports' and exports' {@code allow_trace}, a user's
     * {@code proxy_required}). {@link ValidationRules#CURRENT} by default.
     *
     * @param rules the generation
     * @return this builder
     */
    public Builder readAs(ValidationRules rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /**
     * Sets the largest token, in UTF-8 bytes, that the decoder decodes at all, in every mode (with
     * {@link #withoutSizeCap()} too): larger tokens are refused before any of them is decoded. The
     * default, {@value Jwt#MAX_TOKEN_BYTES} bytes, is the cap of nats-server 2.12.6 and later and
     * its default {@code max_payload}; an auth service that only sees user JWTs from CONNECT lines
     * can set the server's {@code max_control_line} (4096 bytes by default). Decoding takes time
     * and memory linear in the token's size whatever its content.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxTokenBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxTokenBytes is " + bytes + "; it must be at least 1");
      }
      this.maxTokenBytes = bytes;
      return this;
    }

    /**
     * Sets how many verified tokens to remember; 0, the default, remembers none. A size above 0
     * also needs {@link #cacheOnlyIssuers(Collection)} or {@link #cacheAnyIssuer()}.
     *
     * @param entries 0 or more; the cache then retains at most {@code entries} × {@value
     *     JwtDecoder#CACHE_BYTES_PER_ENTRY} bytes
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder verifiedTokenCacheSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException(
            "verifiedTokenCacheSize is " + entries + "; use 0 to disable the cache");
      }
      this.cacheSize = entries;
      return this;
    }

    /**
     * Remembers only tokens whose {@code iss} is one of these keys, for example the signing keys of
     * the accounts you trust. Tokens of other issuers are decoded afresh every time.
     *
     * @param issuerPublicKeys public keys; adds to those given before
     * @return this builder
     * @throws IllegalArgumentException when a key is not a valid public key
     */
    public Builder cacheOnlyIssuers(Collection<String> issuerPublicKeys) {
      Objects.requireNonNull(issuerPublicKeys, "issuerPublicKeys");
      int i = 0;
      for (String k : issuerPublicKeys) {
        Objects.requireNonNull(k, "issuer key");
        if (!NKey.isValidPublicKey(k)) {
          // The text is not repeated: it could be a seed given by mistake.
          throw new IllegalArgumentException(
              "cacheOnlyIssuers: key #"
                  + i
                  + " is not a valid public key; pass the issuers' public keys (A... or O...)");
        }
        i++;
      }
      issuers.addAll(issuerPublicKeys);
      issuersSet = true;
      return this;
    }

    /**
     * Remembers tokens of every issuer. Anyone can sign a token with a key of their own, so tokens
     * of untrusted clients then take up the cache (never more than its memory bound) and can push
     * out the tokens of legitimate issuers; prefer {@link #cacheOnlyIssuers(Collection)}.
     *
     * @return this builder
     */
    public Builder cacheAnyIssuer() {
      this.anyIssuer = true;
      return this;
    }

    /**
     * Drops the 1 MiB cap that nats-server 2.12.6 and later apply, to reproduce a server from
     * before it. Tokens stay bounded by {@link #maxTokenBytes(int)}, which is then the only limit.
     *
     * @return this builder
     */
    public Builder withoutSizeCap() {
      this.sizeCapped = false;
      return this;
    }

    /**
     * Builds the decoder.
     *
     * @return an immutable, thread-safe decoder with its own cache
     * @throws IllegalStateException when a cache size is set but neither {@link
     *     #cacheOnlyIssuers(Collection)} nor {@link #cacheAnyIssuer()} is
     */
    public JwtDecoder build() {
      if (cacheSize > 0 && !issuersSet && !anyIssuer) {
        throw new IllegalStateException(
            "verifiedTokenCacheSize is "
                + cacheSize
                + " but no issuers to remember tokens of: call cacheOnlyIssuers(...) with the keys"
                + " you trust, or cacheAnyIssuer() to remember every issuer's tokens");
      }
      return new JwtDecoder(this);
    }
  }
}
