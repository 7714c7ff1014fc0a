package io.github.natsjwt.nkey;

/**
 * A string or byte array that is not a valid NKey of the kind asked for.
 *
 * <p>Immutable and thread-safe. The subtypes say why: {@link NKeyEncodingException} (not canonical
 * base32, or too short), {@link NKeyChecksumException}, {@link KeyTypeMismatchException} (wrong
 * prefix or role) and {@link NKeyLengthException}. The message never repeats the input, which may
 * be a seed.
 */
public abstract class InvalidNKeyException extends NKeyException {
  private static final long serialVersionUID = 1L;

  InvalidNKeyException(NKeyErrorCode code, String message) {
    super(code, message);
  }
}
