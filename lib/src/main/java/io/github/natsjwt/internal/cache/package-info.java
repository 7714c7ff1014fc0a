/**
 * Bounded, lock-free-on-lookup caches keyed on whole token or key text: one bounded by entries and
 * characters, one by the memory decoded tokens retain, shared fairly between groups. Not exported;
 * not part of the API.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal.cache;

import org.jspecify.annotations.NullMarked;
