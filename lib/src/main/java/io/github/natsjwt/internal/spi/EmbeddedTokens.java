package io.github.natsjwt.internal.spi;

import java.util.ServiceLoader;

/**
 * Decodes the tokens that claims carry inside them, for the claims package: an account's imports
 * hold activation tokens, and validating the account decodes and verifies each one as the reference
 * does. Token decoding belongs to the jwt package, which is built on the claims package, so the
 * claims package names only this interface and the jwt side provides it ({@code provides} in
 * module-info.java, and {@code META-INF/services} for the class path).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface EmbeddedTokens {
  /**
   * Decodes a token and verifies its signature, as {@code Jwt.decode(token, type)} does, or as
   * {@code Jwt.decodeWithoutSizeCap(token, type)} does when {@code sizeCapped} is false.
   *
   * @param token the token
   * @param type the claims class the token must hold, for example {@code ActivationClaims.class}
   * @param sizeCapped whether a token over the 1 MiB cap is refused
   * @param <T> the claims type
   * @return the decoded claims
   * @throws RuntimeException a {@code NatsJwtException} when the token does not decode or verify,
   *     as the {@code Jwt} method throws it
   */
  <T> T decode(String token, Class<T> type, boolean sizeCapped);

  /**
   * Returns the library's own implementation.
   *
   * @return the decoder the jwt side provides
   * @throws IllegalStateException when the library's service declaration was lost (a repackaged jar
   *     without its {@code META-INF/services} entry)
   */
  static EmbeddedTokens get() {
    return Provided.INSTANCE;
  }

  /** Looked up once, on first use. */
  final class Provided {
    static final EmbeddedTokens INSTANCE =
        ServiceLoader.load(EmbeddedTokens.class, EmbeddedTokens.class.getClassLoader())
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "natsjwt is incomplete: no "
                            + EmbeddedTokens.class.getName()
                            + " is provided, so embedded activation tokens cannot be decoded."
                            + " Keep the jar's META-INF/services entries when repackaging it."));

    private Provided() {}
  }
}
