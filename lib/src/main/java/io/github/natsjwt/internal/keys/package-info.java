/**
 * Helpers built on {@link io.github.natsjwt.nkey.NKey} for the claims, JWT and trust packages: the
 * shared caches of verify-only keys, and the redaction of key-like text in messages. Not exported;
 * not part of the API.
 *
 * <p>Sits above {@code io.github.natsjwt.nkey} (and {@code internal.cache}); {@code nkey} and the
 * low-level internal packages must not depend on it.
 */
@NullMarked
package io.github.natsjwt.internal.keys;

import org.jspecify.annotations.NullMarked;
