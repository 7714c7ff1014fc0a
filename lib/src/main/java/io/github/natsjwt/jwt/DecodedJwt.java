package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.Claims;
import java.util.Objects;

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
  private final String headerJson;
  private final String payloadJson;
  private final T claims;

  DecodedJwt(String token, JwtHeader header, String headerJson, String payloadJson, T claims) {
    this.token = token;
    this.header = header;
    this.headerJson = headerJson;
    this.payloadJson = payloadJson;
    this.claims = claims;
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
    return headerJson;
  }

  /**
   * Returns the payload JSON exactly as it was in the token, for diagnostics.
   *
   * @return the payload JSON
   */
  public String payloadJson() {
    return payloadJson;
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
