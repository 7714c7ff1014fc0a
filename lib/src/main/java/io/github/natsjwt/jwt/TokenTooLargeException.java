package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.TokenSize;
import java.util.List;

/**
 * A token larger than the bound in force: refused by decoding before any of it is read, or by
 * encoding before it is returned, so that nothing encodes a token its own decoder would refuse
 * (spec trust-chain.md section 0: nats-server 2.12.6+ refuses tokens over 1 MiB).
 *
 * <p>Immutable and thread-safe. {@link #part()} is {@code "token"}. When encoding refused it,
 * {@link #largestFields()} names the fields that take the space; decoding reads nothing of an
 * oversized token, so there they are empty.
 */
public final class TokenTooLargeException extends MalformedJwtException {
  private static final long serialVersionUID = 1L;

  /** Message when encoding refuses: claim type, size, bound, largest fields. */
  static final String ENCODE_MESSAGE =
      "the %s JWT would be %d bytes, over the bound of %d bytes that Jwt.decode applies"
          + " (nats-server 2.12.6+ refuses tokens over 1048576 bytes); largest fields: %s."
          + " Remove entries (revocations of expired users, unused scoped keys, ...), or pass a"
          + " larger maxTokenBytes to Jwt.encode and decode with"
          + " JwtDecoder.builder().maxTokenBytes(...).withoutSizeCap() where old servers are the"
          + " readers";

  /** The token's size in bytes. */
  private final long size;

  /** The largest size accepted, in bytes. */
  private final long bound;

  /** The fields taking the most space; not serialized. */
  private final transient List<TokenSize.Part> largestFields;

  TokenTooLargeException(long size, long bound, String message) {
    super("token", -1, message);
    this.size = size;
    this.bound = bound;
    this.largestFields = List.of();
  }

  TokenTooLargeException(
      long size, long bound, List<TokenSize.Part> largestFields, String message) {
    super("token", -1, message);
    this.size = size;
    this.bound = bound;
    this.largestFields = List.copyOf(largestFields);
  }

  /**
   * Returns the token's size.
   *
   * @return the size in UTF-8 bytes
   */
  public long size() {
    return size;
  }

  /**
   * Returns the bound it exceeds.
   *
   * @return the largest size accepted, in bytes
   */
  public long bound() {
    return bound;
  }

  /**
   * Returns the fields that take the most space, largest first, when encoding refused the token.
   *
   * @return an unmodifiable list; empty when decoding refused it
   */
  public List<TokenSize.Part> largestFields() {
    return largestFields == null ? List.of() : largestFields;
  }
}
