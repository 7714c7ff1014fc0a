/**
 * Types shared by every part of the library, chiefly the root exception {@link
 * io.github.natsjwt.NatsJwtException}.
 */
@NullMarked
package io.github.natsjwt;

import org.jspecify.annotations.NullMarked;
