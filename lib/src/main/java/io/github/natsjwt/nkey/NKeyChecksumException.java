package io.github.natsjwt.nkey;

/**
 * A key whose CRC-16 does not match its contents: usually a typing or copying error.
 *
 * <p>Immutable and thread-safe.
 */
public final class NKeyChecksumException extends InvalidNKeyException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE =
      "%s has a bad checksum: its last two bytes say 0x%04X, its contents give 0x%04X;"
          + " the key was probably mistyped or truncated";

  /** The expected fact of this failure. */
  private final int expected;

  /** The found fact of this failure. */
  private final int found;

  static final String SECRET_MESSAGE =
      "%s has a bad checksum; it was probably mistyped or truncated";

  /** For secret input: the checksums are derived from the seed, so neither is reported. */
  NKeyChecksumException(NKeyErrorCode code, String what) {
    super(code, String.format(SECRET_MESSAGE, what));
    this.expected = -1;
    this.found = -1;
  }

  NKeyChecksumException(NKeyErrorCode code, String what, int expected, int found) {
    super(code, String.format(MESSAGE, what, found, expected));
    this.expected = expected;
    this.found = found;
  }

  /**
   * Returns the CRC-16 computed from the key's contents.
   *
   * @return the checksum the key should carry, or -1 when the input was a seed or private key
   */
  public int expected() {
    return expected;
  }

  /**
   * Returns the CRC-16 the key carries.
   *
   * @return the checksum found in the last two bytes, or -1 when the input was a seed or private
   *     key
   */
  public int found() {
    return found;
  }
}
