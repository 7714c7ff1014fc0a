package io.github.natsjwt.trust;

import java.util.Optional;

/**
 * Where a verifier finds account JWTs, as a server's {@code resolver} does: in memory, in a
 * directory, behind a URL, or on a live cluster.
 *
 * <p>Implementations must be thread-safe. A resolver only fetches: every JWT it returns is decoded
 * and verified by the caller, so a resolver never needs to trust its source.
 *
 * <p>Who checks what. The resolvers in this package check that the key is a valid account public
 * key before it becomes a map key, a file name or part of a URL; that the source answers within a
 * bound; and that the answer is no larger than a token may be and is made of the characters a
 * compact JWT can hold (a trailing line break is dropped). Content failing these checks is an
 * {@link InvalidAccountJwtException}. The verifier decodes what a resolver returns and checks the
 * signature, the claim type, that the subject is the account asked for, the issuer's trust and the
 * times (spec trust-chain.md section 2), whatever the resolver. Resolvers that are given JWTs to
 * hold ({@link MemoryAccountResolver}, {@link DirectoryAccountResolver#store}) also decode them
 * when they are given, as the server decodes preloads and pushed JWTs.
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
