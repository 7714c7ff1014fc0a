package io.github.natsjwt.config;

import io.github.natsjwt.NatsJwtException;

/**
 * A server configuration that cannot be written as asked: a value of the wrong kind (an account key
 * that is not one, a negative limit), settings that do not fit together (a preload without a
 * resolver, {@code ttl} on a full resolver), or a file that could not be written.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServerConfigException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  ServerConfigException(String message) {
    super(message);
  }

  ServerConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
