package io.github.natsjwt.creds;

import io.github.natsjwt.NatsJwtException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A creds file that cannot be used, or a JWT or seed that cannot be written as one: no JWT or no
 * seed found, a wrapped token, a JWT that is not a valid user JWT, a seed that is not a valid user
 * seed, and so on.
 *
 * <p>Immutable and thread-safe. {@link #code()} says what is wrong, {@link #part()} which part of
 * the file ({@code "file"}, {@code "jwt"} or {@code "seed"}) and {@link #line()} on which line,
 * where the problem came from text. When a JWT or seed does not decode, the exception of the {@code
 * jwt} or {@code nkey} package that said why is the cause. The message never contains the seed or
 * the whole token.
 */
public class CredsFormatException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  static final String TOO_LARGE =
      "%s is %s bytes, more than the %d bytes a creds file can need; is it the right file?";
  static final String NO_JWT =
      "%s: no user JWT found; a creds file starts with a line of dashes (-----BEGIN NATS USER"
          + " JWT-----), the JWT on one line, and a closing line of dashes%s";
  static final String NO_SEED =
      "%s: no seed found; a creds file holds the user's seed after the JWT, in a block such as"
          + " -----BEGIN USER NKEY SEED-----, the seed on one line, ------END USER NKEY"
          + " SEED------%s";
  static final String AMBIGUOUS =
      "%s: %d blocks or lines hold a %s (lines %s); a creds file holds exactly one, so it is"
          + " unclear which to use";
  static final String WRAPPED =
      "%s, lines %d-%d: the block holds its token on %d lines; a token must be on one line (was"
          + " the file wrapped by an editor or mail program? join the lines)";
  static final String SKIPPED_HINT =
      " (lines %d-%d look like a block but were skipped: line %d has a character that cannot be"
          + " part of a token at column %d)";
  static final String INVALID_JWT = "%s: the JWT is not valid: %s";
  static final String JWT_CHARACTERS =
      "%s: the JWT has a character that cannot appear in a creds file at position %d (JWTs are"
          + " base64url segments separated by dots)";
  static final String NOT_USER_JWT = "%s: the JWT holds %s claims; a creds file holds a user JWT";
  static final String GENERIC_JWT =
      "%s: the JWT holds generic claims, which have no kind to name in a decorated block";
  static final String INVALID_SEED = "%s: the seed is not valid: %s";
  static final String NO_SEED_IN_KEY =
      "%s: the key has no seed (it was made from a public key); a creds file needs the seed";
  static final String NOT_USER_SEED =
      "%s: the seed is %s seed (S%s...); a creds file holds the user's seed (SU...)";
  static final String NOT_DECORATABLE_SEED =
      "%s: the seed is %s seed (S%s...); only operator, account and user seeds are decorated";

  /** What is wrong. */
  private final CredsErrorCode code;

  /** Which part of the file: file, jwt or seed. */
  private final String part;

  /** The 1-based line, or 0 when the problem is not on one line. */
  private final int line;

  CredsFormatException(CredsErrorCode code, String part, int line, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.part = Objects.requireNonNull(part, "part");
    this.line = line;
  }

  CredsFormatException(
      CredsErrorCode code, String part, int line, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.part = Objects.requireNonNull(part, "part");
    this.line = line;
  }

  /**
   * Returns what is wrong.
   *
   * @return the code, never {@code null}
   */
  public CredsErrorCode code() {
    return code;
  }

  /**
   * Returns which part of the creds file the problem is in.
   *
   * @return {@code "file"} (the file as a whole), {@code "jwt"} or {@code "seed"}
   */
  public String part() {
    return part;
  }

  /**
   * Returns the line of the input where the problem is, where it came from text and is on one line.
   *
   * @return the 1-based line number, or empty
   */
  public OptionalInt line() {
    return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
  }
}
