package io.github.natsjwt.jwt;

import java.util.Objects;

/**
 * A JWT header: {@code {"typ":"JWT","alg":"ed25519-nkey"}} for v2 tokens, {@code
 * {"typ":"jwt","alg":"ed25519"}} for v1 tokens.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the {@code typ} value as written
 * @param algorithm the {@code alg} value as written
 */
public record JwtHeader(String type, String algorithm) {
  /** The header every token this library writes carries. */
  public static final JwtHeader V2 = new JwtHeader("JWT", "ed25519-nkey");

  /**
   * Checks the fields.
   *
   * @param type the {@code typ} value
   * @param algorithm the {@code alg} value
   */
  public JwtHeader {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(algorithm, "algorithm");
  }
}
