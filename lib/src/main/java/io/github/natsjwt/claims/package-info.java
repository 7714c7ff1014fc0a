/**
 * The NATS JWT v2 claim types (operator, account, user, activation, authorization request and
 * response, generic) as immutable values with builders, their exact JSON form, and their validation
 * rules.
 *
 * <p>Claims are plain data: reading them from JSON ({@link
 * io.github.natsjwt.claims.Claims#fromJson}) checks nothing about who signed them. {@code
 * io.github.natsjwt.jwt.Jwt} signs and verifies tokens; only the trust verifier establishes trust.
 */
@NullMarked
package io.github.natsjwt.claims;

import org.jspecify.annotations.NullMarked;
