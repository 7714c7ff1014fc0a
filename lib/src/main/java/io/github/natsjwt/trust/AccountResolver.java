package io.github.natsjwt.trust;

import java.util.Optional;

/**
 * Where a verifier finds account JWTs, as a server's {@code resolver} does: in memory, in a
 * directory, behind a URL, or on a live cluster.
 *
 * <p>Implementations must be thread-safe. A resolver only fetches: every JWT it returns is decoded
 * and verified by the caller, so a resolver never needs to trust its source.
 */
public interface AccountResolver {
  /**
   * Fetches the JWT of an account.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the account JWT as stored, or empty when the resolver has none for that account
   * @throws AccountResolutionException when the source cannot be read (I/O error, timeout, a
   *     malformed or oversized answer)
   */
  Optional<String> fetch(String accountPublicKey);
}
