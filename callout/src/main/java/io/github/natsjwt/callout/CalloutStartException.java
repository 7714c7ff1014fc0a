package io.github.natsjwt.callout;

/**
 * The service was registered, but the server did not confirm its subscription in time, so it could
 * not be known to answer. Thrown by {@link CalloutService.Builder#start()}, which stops the service
 * before throwing; the connection stays open and is the caller's.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalloutStartException extends CalloutException {
  private static final long serialVersionUID = 1L;

  CalloutStartException(String message) {
    super(message);
  }

  CalloutStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
