package io.github.natsjwt.creds;

/**
 * What is wrong with a creds file, or with a JWT or seed that was to be written as one.
 *
 * <p>Immutable and thread-safe. Every {@link CredsFormatException} carries one; its message says
 * the same thing with the line number and how to fix it.
 */
public enum CredsErrorCode {
  /** The input is larger than any creds file can be ({@link Creds#MAX_BYTES}). */
  TOO_LARGE,
  /** No user JWT was found: no block holds a JWT and no bare line is one. */
  NO_JWT,
  /** No seed was found: no block holds a seed and no bare line is one. */
  NO_SEED,
  /** More than one block (or bare line) holds a JWT, or more than one holds a seed. */
  AMBIGUOUS,
  /** A block holds its token on several lines, as an editor or mail program wraps long lines. */
  WRAPPED_TOKEN,
  /** The JWT does not decode: malformed, a bad signature, or an issuer that may not issue it. */
  INVALID_JWT,
  /** The JWT is valid but holds another claim type than {@code user}. */
  NOT_USER_JWT,
  /** The JWT holds generic claims, which have no kind to name in a decorated block. */
  GENERIC_JWT,
  /** The seed does not decode: bad characters, a bad checksum, a wrong length. */
  INVALID_SEED,
  /**
   * The seed is valid but of another type than required: a user seed in a creds file; an operator,
   * account or user seed in a decorated seed block.
   */
  WRONG_SEED_TYPE,
  /** The seed's public key is not the subject of the JWT: they belong to different users. */
  KEY_MISMATCH
}
