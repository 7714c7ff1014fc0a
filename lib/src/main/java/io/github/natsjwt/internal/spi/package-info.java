/**
 * Services through which a lower package of the library reaches work done by a higher one, without
 * depending on it: the claims package decodes embedded activation tokens through {@link
 * io.github.natsjwt.internal.spi.EmbeddedTokens}, which the jwt side provides. Not exported; not
 * part of the API.
 *
 * <p>Depends on the JDK only: the interfaces name no library type.
 */
@NullMarked
package io.github.natsjwt.internal.spi;

import org.jspecify.annotations.NullMarked;
