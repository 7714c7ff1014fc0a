/**
 * The library's own Ed25519 verifier (field and scalar arithmetic, Edwards points, precomputed
 * tables), which gives Go's exact verdicts; see docs/ed25519.md. Not exported; not part of the API.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal.ed25519;

import org.jspecify.annotations.NullMarked;
