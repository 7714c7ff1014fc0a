package io.github.natsjwt.nkey;

/**
 * Input that is not canonical base32, or that decodes to fewer bytes than a prefix and checksum.
 *
 * <p>Immutable and thread-safe. {@link #position()} is the zero-based index of the first bad
 * character (or the input length when the length itself is the problem).
 */
public final class NKeyEncodingException extends InvalidNKeyException {
  private static final long serialVersionUID = 1L;

  static final String ILLEGAL_CHARACTER =
      "%s is not valid base32: character %s at position %d is not in the alphabet A-Z, 2-7"
          + " (NKeys are upper case, with no padding and no white space)";
  static final String NON_CANONICAL =
      "%s is not canonical base32: the unused bits of the last character (position %d) are not"
          + " zero; no NKey encoder produces this string";
  static final String IMPOSSIBLE_LENGTH =
      "%s is not valid base32: %d characters cannot encode a whole number of bytes";
  static final String TOO_SHORT =
      "%s is too short: %d characters decode to %d bytes, fewer than a prefix and a checksum";
  static final String TOO_LONG = "%s is too long: %d characters, at most %d expected";

  /** The position fact of this failure. */
  private final int position;

  NKeyEncodingException(NKeyErrorCode code, String message, int position) {
    super(code, message);
    this.position = position;
  }

  /**
   * Returns where the input went wrong.
   *
   * @return the zero-based index of the offending character, or the input length
   */
  public int position() {
    return position;
  }
}
