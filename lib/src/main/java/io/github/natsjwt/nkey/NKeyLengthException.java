package io.github.natsjwt.nkey;

/**
 * A key whose payload is not the 32 bytes every NKey carries.
 *
 * <p>Immutable and thread-safe. The NATS reference libraries accept such keys and fail later; this
 * library refuses them up front.
 */
public final class NKeyLengthException extends InvalidNKeyException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE = "%s has %d key bytes, but exactly %d are required";

  /** The expected fact of this failure. */
  private final int expected;

  /** The found fact of this failure. */
  private final int found;

  NKeyLengthException(NKeyErrorCode code, String what, int expected, int found) {
    super(code, String.format(MESSAGE, what, found, expected));
    this.expected = expected;
    this.found = found;
  }

  /**
   * Returns the required number of key bytes.
   *
   * @return always 32 for NKeys
   */
  public int expected() {
    return expected;
  }

  /**
   * Returns the number of key bytes found.
   *
   * @return the payload length of the input
   */
  public int found() {
    return found;
  }
}
