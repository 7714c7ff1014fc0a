package io.github.natsjwt.nkey;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A well-formed NKey of the wrong kind: a seed where a public key was expected, a user key where an
 * account key was expected, a signing key where a curve key was expected, and so on.
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyTypeMismatchException extends InvalidNKeyException {
  private static final long serialVersionUID = 1L;

  static final String NOT_PUBLIC =
      "%s is not a public key: its prefix byte 0x%02X (letter %s) is not one of O, A, U, N, C, X%s";
  static final String NOT_SEED =
      "%s is not a seed: seeds start with S and a role letter, this one has prefix byte 0x%02X"
          + " (letter %s)%s";
  static final String SEED_ROLE =
      "%s is not a valid seed: the role inside it (prefix byte 0x%02X) is not one of the key"
          + " types O, A, U, N, C, X";
  static final String WRONG_TYPE = "%s is a %s key, but a %s key is required";

  /** The expected fact of this failure. */
  private final @Nullable NKeyType expected;

  /** The found fact of this failure. */
  private final @Nullable NKeyType found;

  KeyTypeMismatchException(
      NKeyErrorCode code, String message, @Nullable NKeyType expected, @Nullable NKeyType found) {
    super(code, message);
    this.expected = expected;
    this.found = found;
  }

  /**
   * Returns the key type that was required, where one type was.
   *
   * @return the required type, or empty when any public key or any seed would have done
   */
  public Optional<NKeyType> expected() {
    return Optional.ofNullable(expected);
  }

  /**
   * Returns the key type that was found, where the input had one.
   *
   * @return the found type, or empty when the prefix names no key type
   */
  public Optional<NKeyType> found() {
    return Optional.ofNullable(found);
  }
}
