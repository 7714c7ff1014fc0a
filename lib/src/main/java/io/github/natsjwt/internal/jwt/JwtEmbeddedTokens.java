package io.github.natsjwt.internal.jwt;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.internal.spi.EmbeddedTokens;
import io.github.natsjwt.jwt.Jwt;

/**
 * Embedded tokens decoded by {@link Jwt}: the service the claims package uses to validate the
 * activation tokens in an account's imports.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwtEmbeddedTokens implements EmbeddedTokens {
  /** Creates the decoder; called by {@link java.util.ServiceLoader}. */
  public JwtEmbeddedTokens() {}

  @Override
  public <T> T decode(String token, Class<T> type, boolean sizeCapped) {
    Class<? extends Claims> claimsType = type.asSubclass(Claims.class);
    Claims claims =
        sizeCapped
            ? Jwt.decode(token, claimsType).claims()
            : Jwt.decodeWithoutSizeCap(token, claimsType).claims();
    return type.cast(claims);
  }
}
