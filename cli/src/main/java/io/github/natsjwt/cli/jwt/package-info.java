/** The {@code natsjwt jwt} commands: describe and encode NATS JWTs. */
@NullMarked
package io.github.natsjwt.cli.jwt;

import org.jspecify.annotations.NullMarked;
