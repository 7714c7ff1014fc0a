package io.github.natsjwt.callout;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authorizer threw, or did not decide within the service's deadline. The client was denied.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuthorizerFailedException extends CalloutException {
  private static final long serialVersionUID = 1L;

  /** The deadline that passed; null when the authorizer threw. */
  private final @Nullable Duration deadline;

  private AuthorizerFailedException(String message, @Nullable Duration deadline) {
    super(message);
    this.deadline = deadline;
  }

  private AuthorizerFailedException(String message, Throwable cause) {
    super(message, cause);
    this.deadline = null;
  }

  static AuthorizerFailedException timedOut(Duration deadline) {
    return new AuthorizerFailedException(
        "the authorizer did not decide within the deadline of "
            + deadline.toMillis()
            + " ms; the client was denied. Raise CalloutService.Builder.deadline(...) or make the"
            + " authorizer faster",
        deadline);
  }

  static AuthorizerFailedException threw(Throwable cause) {
    return new AuthorizerFailedException(
        "the authorizer threw " + cause.getClass().getName() + "; the client was denied", cause);
  }

  /**
   * Returns whether the authorizer ran out of time (rather than throwing).
   *
   * @return true for a timeout
   */
  public boolean isTimeout() {
    return deadline != null;
  }

  /**
   * Returns the deadline that passed.
   *
   * @return the deadline; empty when the authorizer threw
   */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }
}
