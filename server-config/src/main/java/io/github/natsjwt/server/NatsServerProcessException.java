package io.github.natsjwt.server;

import io.github.natsjwt.NatsJwtException;

/**
 * A nats-server that could not be started or stopped: not installed, exited during start-up (the
 * message ends with its log), not ready in time, or still running after being told to stop.
 *
 * <p>Immutable and thread-safe.
 */
public final class NatsServerProcessException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  NatsServerProcessException(String message) {
    super(message);
  }

  NatsServerProcessException(String message, Throwable cause) {
    super(message, cause);
  }
}
