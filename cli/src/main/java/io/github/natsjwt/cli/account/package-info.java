/** The {@code natsjwt account} commands: work on account JWTs. */
@NullMarked
package io.github.natsjwt.cli.account;

import org.jspecify.annotations.NullMarked;
