package io.github.natsjwt.callout;

/**
 * The callout service's settings do not fit together, for example a signing key in config mode or
 * an xkey that is not a curve seed. Thrown by {@link CalloutService.Builder#start()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CalloutConfigurationException extends CalloutException {
  private static final long serialVersionUID = 1L;

  CalloutConfigurationException(String message) {
    super(message);
  }
}
