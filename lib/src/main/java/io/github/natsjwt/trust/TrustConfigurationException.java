package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;

/**
 * A {@link TrustVerifier} configuration that nats-server would refuse to start with, or that cannot
 * work: no trusted operator, operators together with bare operator keys, a system account that
 * contradicts the operator's, an invalid pinned account or limit.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustConfigurationException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  TrustConfigurationException(String message) {
    super(message);
  }

  TrustConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
