/**
 * Encoding and decoding NATS JWTs: {@link io.github.natsjwt.jwt.Jwt}.
 *
 * <p>Decoding checks the size, the structure, the header, the signature against the {@code iss}
 * key, and that the issuer's key type may issue the claim type. It does not establish trust: that
 * is the trust verifier's job.
 */
@NullMarked
package io.github.natsjwt.jwt;

import org.jspecify.annotations.NullMarked;
