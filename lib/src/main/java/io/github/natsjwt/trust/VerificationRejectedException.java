package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import java.util.Objects;

/**
 * Thrown by {@link Verification#orElseThrow()} when the verifier rejected what it was given.
 *
 * <p>Immutable and thread-safe. The message is the rejection's message, prefixed with its rule.
 */
public final class VerificationRejectedException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  /** The rejection; not serialized with the exception's state beyond the message. */
  private final transient Rejection rejection;

  VerificationRejectedException(Rejection rejection) {
    super(
        Objects.requireNonNull(rejection, "rejection").rule() + ": " + rejection.message(),
        rejection.cause().orElse(null));
    this.rejection = rejection;
  }

  /**
   * Returns the rejection.
   *
   * @return the rule that failed and its message
   */
  public Rejection rejection() {
    return rejection;
  }

  /**
   * Returns the rule that failed.
   *
   * @return the rule
   */
  public Rule rule() {
    return rejection.rule();
  }
}
