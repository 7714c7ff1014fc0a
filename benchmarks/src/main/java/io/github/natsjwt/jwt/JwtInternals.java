package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.Claims;

/**
 * Reaches the package-private step of {@link Jwt#decode} that comes before the signature check, so
 * that the benchmarks can measure parsing on its own. Benchmarks only: the library offers no decode
 * without verification.
 */
public final class JwtInternals {
  private JwtInternals() {}

  /**
   * Decodes structure, header and claims, without the signature and issuer checks.
   *
   * @param token the token
   * @return the decoded token, not verified
   */
  public static DecodedJwt<Claims> decodeWithoutSignatureCheck(String token) {
    return Jwt.decodeWithoutSignatureCheck(token);
  }
}
