package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A token whose structure, header, signature and issuer key type have been checked, with its
 * claims. Trust in the issuer has not been established.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the claims type
 */
public final class DecodedJwt<T extends Claims> {
  private final String token;
  private final JwtHeader header;

  /** Where the payload segment starts and ends (the first dot plus one, and the second dot). */
  private final int payloadStart;

  private final int payloadEnd;
  private final T claims;
  // Decoded again from the token on first use (a benign race: strings are immutable), as few
  // callers ask for them.
  private @Nullable String headerJson;
  private @Nullable String payloadJson;

  DecodedJwt(String token, JwtHeader header, int dot1, int dot2, T claims) {
    this.token = token;
    this.header = header;
    this.payloadStart = dot1 + 1;
    this.payloadEnd = dot2;
    this.claims = claims;
  }

  int payloadStart() {
    return payloadStart;
  }

  int payloadEnd() {
    return payloadEnd;
  }

  /**
   * Returns the token as decoded.
   *
   * @return the token text
   */
  public String token() {
    return token;
  }

  /**
   * Returns the decoded header.
   *
   * @return the header
   */
  public JwtHeader header() {
    return header;
  }

  /**
   * Returns the header JSON exactly as it was in the token, for diagnostics.
   *
   * @return the header JSON
   */
  public String headerJson() {
    String json = headerJson;
    if (json == null) {
      json = JsonIn.decodeUtf8(Base64Url.decode(token, 0, payloadStart - 1));
      headerJson = json;
    }
    return json;
  }

  /**
   * Returns the payload JSON exactly as it was in the token, for diagnostics.
   *
   * @return the payload JSON
   */
  public String payloadJson() {
    String json = payloadJson;
    if (json == null) {
      json = JsonIn.decodeUtf8(Base64Url.decode(token, payloadStart, payloadEnd));
      payloadJson = json;
    }
    return json;
  }

  /**
   * Returns the claims.
   *
   * @return the claims, of the type named by the payload
   */
  public T claims() {
    return claims;
  }

  /**
   * Returns the key whose signature was verified.
   *
   * @return the {@code iss} public key
   */
  public String issuer() {
    return claims.issuer();
  }

  /**
   * Returns whether the token was signed by a key (its verified issuer).
   *
   * @param publicKey the public key to compare
   * @return {@code true} when {@code publicKey} is the issuer
   */
  public boolean isSignedBy(String publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    return claims.issuer().equals(publicKey);
  }

  /**
   * Returns whether this was a v1 token, migrated to the v2 model on reading.
   *
   * @return {@code true} for v1 tokens
   */
  public boolean isV1() {
    return claims.version() == 1;
  }

  /**
   * Describes the token without repeating it.
   *
   * @return the claims' description
   */
  @Override
  public String toString() {
    return "DecodedJwt[" + claims + "]";
  }
}
