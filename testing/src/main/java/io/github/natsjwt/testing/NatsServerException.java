package io.github.natsjwt.testing;

import io.github.natsjwt.NatsJwtException;

/**
 * A nats-server that could not be started or stopped: not installed, exited during start-up (the
 * message ends with its log), not ready in time, or still running after being told to stop.
 *
 * <p>Immutable and thread-safe.
 */
public final class NatsServerException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  NatsServerException(String message) {
    super(message);
  }

  NatsServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
