/**
 * The jwt side's implementations of the services in {@code internal.spi}. Not exported; not part of
 * the API.
 *
 * <p>Sits above {@code io.github.natsjwt.jwt}; nothing below it may depend on this package.
 */
@NullMarked
package io.github.natsjwt.internal.jwt;

import org.jspecify.annotations.NullMarked;
