package io.github.natsjwt;

/**
 * The root of every exception this library throws.
 *
 * <p>Immutable and thread-safe. Each failure has its own subtype (for example {@code
 * io.github.natsjwt.nkey.InvalidNKeyException}) that carries the facts of the failure as getters.
 * Messages never contain seeds, private keys or whole tokens. The library throws no checked
 * exceptions; JDK and BouncyCastle exceptions are attached as the cause where there is one.
 */
public class NatsJwtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what was wrong, what was expected and found, and how to fix it
   */
  protected NatsJwtException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the underlying cause.
   *
   * @param message what was wrong, what was expected and found, and how to fix it
   * @param cause the exception that revealed the failure
   */
  protected NatsJwtException(String message, Throwable cause) {
    super(message, cause);
  }
}
