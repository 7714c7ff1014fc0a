package io.github.natsjwt.callout;

/**
 * A message on the callout subject was refused before the authorizer saw it. The sender got an
 * error reply (headers {@code Nats-Service-Error} and {@code Nats-Service-Error-Code}, no body),
 * which nats-server treats as a rejection.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidCalloutRequestException extends CalloutException {
  private static final long serialVersionUID = 1L;

  /** What was wrong. */
  private final RequestProblem problem;

  InvalidCalloutRequestException(RequestProblem problem, String message) {
    super(message);
    this.problem = problem;
  }

  InvalidCalloutRequestException(RequestProblem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  /**
   * Returns what was wrong.
   *
   * @return the problem
   */
  public RequestProblem problem() {
    return problem;
  }
}
