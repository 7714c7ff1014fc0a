package io.github.natsjwt.internal.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Reaches {@code NKey}'s verification of a signature over ASCII text, which is not part of its API,
 * from the library's JWT decoding: the token's signed part (header and payload, base64url and a
 * dot) is hashed where it lies in the token {@code String}, so a decode copies no signed bytes.
 *
 * <p>Thread-safe. {@code NKey} registers its verifier when its class is initialised, so it is in
 * place before any key exists; registering a second one fails. Keys are passed as {@code Object} so
 * that this package names no type of the library and the nkey package can depend on it without a
 * cycle; the verifier accepts only the {@code NKey}s the jwt package hands it.
 */
public final class NKeyText {
  /** A verification of a signature over ASCII text. */
  @FunctionalInterface
  public interface Verifier {
    /**
     * Returns whether a signature over the bytes of ASCII text verifies with a key.
     *
     * @param key the key, an {@code NKey}
     * @param text holds the signed text, ASCII characters only (each char is taken as one byte)
     * @param from where the signed text starts
     * @param to where it ends (exclusive)
     * @param signature the signature; any length other than 64 does not verify
     * @return the verdict {@code NKey.verify(byte[], byte[])} gives on the text's bytes
     */
    boolean verify(Object key, String text, int from, int to, byte[] signature);
  }

  private static final AtomicReference<@Nullable Verifier> VERIFIER = new AtomicReference<>();

  private NKeyText() {}

  /**
   * Registers {@code NKey}'s verifier; called once, from {@code NKey}'s class initialiser.
   *
   * @param v the verifier
   * @throws IllegalStateException when a verifier is registered already
   */
  public static void register(Verifier v) {
    Objects.requireNonNull(v, "v");
    if (!VERIFIER.compareAndSet(null, v)) {
      throw new IllegalStateException("NKey's text verifier is registered already");
    }
  }

  /**
   * Returns whether a signature over the bytes of ASCII text verifies with a key, as {@code
   * NKey.verify(byte[], byte[])} does on a copy of those bytes.
   *
   * @param key the key, an {@code NKey}
   * @param text holds the signed text, ASCII characters only (each char is taken as one byte)
   * @param from where the signed text starts
   * @param to where it ends (exclusive)
   * @param signature the signature; any length other than 64 does not verify
   * @return {@code true} when the signature is valid
   * @throws IndexOutOfBoundsException when the range is not within {@code text}
   * @throws ClassCastException when {@code key} is not an {@code NKey}
   * @throws RuntimeException an {@code NKeyOperationException} when the key is a curve key, or was
   *     wiped
   */
  public static boolean verify(Object key, String text, int from, int to, byte[] signature) {
    Verifier v = VERIFIER.get();
    if (v == null) {
      // Unreachable: a key exists, so NKey's class initialiser has run and registered it.
      throw new IllegalStateException("NKey's text verifier is not registered");
    }
    return v.verify(key, text, from, to, signature);
  }
}
