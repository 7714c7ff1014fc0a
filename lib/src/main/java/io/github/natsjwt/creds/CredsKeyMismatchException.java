package io.github.natsjwt.creds;

import java.util.Objects;

/**
 * A creds file (or a JWT and seed to be written as one) whose seed is not the key of the JWT's
 * subject: the two belong to different users, and a server would reject the connection.
 *
 * <p>Immutable and thread-safe. Both public keys are facts of the failure; the seed is not.
 */
public final class CredsKeyMismatchException extends CredsFormatException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE =
      "%s: the seed's public key %s is not the JWT's subject %s, so the seed belongs to another"
          + " user; use the seed that was generated with this user's JWT";

  /** The JWT's subject. */
  private final String jwtSubject;

  /** The public key of the seed. */
  private final String seedPublicKey;

  CredsKeyMismatchException(String where, String jwtSubject, String seedPublicKey) {
    super(
        CredsErrorCode.KEY_MISMATCH,
        "seed",
        0,
        String.format(MESSAGE, where, seedPublicKey, jwtSubject));
    this.jwtSubject = Objects.requireNonNull(jwtSubject, "jwtSubject");
    this.seedPublicKey = Objects.requireNonNull(seedPublicKey, "seedPublicKey");
  }

  /**
   * Returns the subject of the JWT: the user public key the JWT is about.
   *
   * @return the {@code sub} claim
   */
  public String jwtSubject() {
    return jwtSubject;
  }

  /**
   * Returns the public key of the seed that was found.
   *
   * @return a {@code U...} public key
   */
  public String seedPublicKey() {
    return seedPublicKey;
  }
}
