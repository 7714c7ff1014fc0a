/**
 * The operator → account → user trust chain, decided exactly as nats-server decides it: which users
 * may connect, with which effective permissions and limits, and why a rejected one was rejected.
 *
 * <p>Build one {@code TrustVerifier} and share it; account JWTs come from an {@link
 * io.github.natsjwt.trust.AccountResolver}. Behaviour that differs between server versions is
 * chosen with a {@link io.github.natsjwt.trust.ServerProfile}.
 */
@NullMarked
package io.github.natsjwt.trust;

import org.jspecify.annotations.NullMarked;
