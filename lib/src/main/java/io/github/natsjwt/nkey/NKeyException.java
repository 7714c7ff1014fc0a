package io.github.natsjwt.nkey;

import io.github.natsjwt.NatsJwtException;
import java.util.Objects;

/**
 * Any failure to decode or use an NKey.
 *
 * <p>Immutable and thread-safe. Catch a subtype for one failure, or this type for all of them;
 * {@link #code()} names the failure as the NATS reference does.
 */
public abstract class NKeyException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The code fact of this failure. */
  private final NKeyErrorCode code;

  NKeyException(NKeyErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  NKeyException(NKeyErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns the failure kind as the NATS reference names it.
   *
   * @return the code, never {@code null}
   */
  public NKeyErrorCode code() {
    return code;
  }
}
