package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.internal.TokenCache;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes and verifies tokens as {@link Jwt#decode(String, Class)} does, optionally remembering the
 * tokens it has verified so that a token seen again is not verified again.
 *
 * <pre>{@code
 * JwtDecoder decoder = JwtDecoder.builder().verifiedTokenCacheSize(10_000).build();
 * DecodedJwt<UserClaims> user = decoder.decode(userJwt, UserClaims.class);
 * }</pre>
 *
 * <p>A token's decoding and signature check depend on nothing but the token, so a remembered
 * result is exactly the result a fresh decode would give: the cache changes the cost, never the
 * outcome. It is keyed on the whole token (a token differing in any character is decoded afresh),
 * holds only tokens that decoded and verified, and is bounded in entries and in characters (on
 * average {@value #CACHED_CHARS_PER_ENTRY} per entry; a longer token uses up more of the budget).
 * Decoding checks no time: {@link Claims#validate} (or the trust verifier) still decides whether a
 * remembered token has expired.
 *
 * <p>Immutable and thread-safe; a lookup takes no lock. The cache is off unless a size is set:
 * {@link Jwt#decode(String, Class)} never caches.
 */
public final class JwtDecoder {
  /** Token characters budgeted per cache entry. */
  public static final int CACHED_CHARS_PER_ENTRY = 4096;

  private final boolean sizeCapped;
  private final int maxTokenBytes;
  private final int cacheSize;
  private final @Nullable TokenCache<DecodedJwt<Claims>> cache;

  private JwtDecoder(Builder b) {
    this.sizeCapped = b.sizeCapped;
    this.maxTokenBytes = b.maxTokenBytes;
    this.cacheSize = b.cacheSize;
    this.cache =
        b.cacheSize == 0
            ? null
            : new TokenCache<>(b.cacheSize, (long) b.cacheSize * CACHED_CHARS_PER_ENTRY);
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
    TokenCache<DecodedJwt<Claims>> c = cache;
    DecodedJwt<Claims> decoded = c == null ? null : c.get(token);
    if (decoded == null) {
      if (sizeCapped) {
        Jwt.checkSize(token);
      }
      checkBound(token);
      decoded = Jwt.decodeAny(token);
      if (c != null) {
        c.put(token, decoded);
      }
    }
    return Jwt.ofType(decoded, type);
  }

  /**
   * Refuses a token larger than this decoder's bound before any of it is decoded. The bound holds
   * in every mode, {@link Builder#withoutSizeCap()} included: it is the decoder's own protection,
   * not a rule of the server's.
   */
  private void checkBound(String token) {
    if (token.length() > maxTokenBytes / 3) {
      long bytes = Jwt.utf8Length(token);
      if (bytes > maxTokenBytes) {
        throw new MalformedJwtException(
            "token",
            -1,
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
    TokenCache<DecodedJwt<Claims>> c = cache;
    return c == null ? 0 : c.size();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "JwtDecoder[verifiedTokenCacheSize=%d, maxTokenBytes=%d%s]",
        cacheSize,
        maxTokenBytes,
        sizeCapped ? "" : ", without size cap");
  }

  /** Settings of a {@link JwtDecoder}. Not thread-safe; build once and share the decoder. */
  public static final class Builder {
    private boolean sizeCapped = true;
    private int maxTokenBytes = Jwt.MAX_TOKEN_BYTES;
    private int cacheSize;

    private Builder() {}

    /**
     * Sets the largest token, in UTF-8 bytes, that the decoder decodes at all, in every mode (with
     * {@link #withoutSizeCap()} too): larger tokens are refused before any of them is decoded.
     * The default, {@value Jwt#MAX_TOKEN_BYTES} bytes, is the cap of nats-server 2.12.6 and later
     * and its default {@code max_payload}; an auth service that only sees user JWTs from CONNECT
     * lines can set the server's {@code max_control_line} (4096 bytes by default). Decoding takes
     * time and memory linear in the token's size whatever its content.
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
     * Sets how many verified tokens to remember; 0, the default, remembers none.
     *
     * @param entries 0 or more
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
     */
    public JwtDecoder build() {
      return new JwtDecoder(this);
    }
  }
}
