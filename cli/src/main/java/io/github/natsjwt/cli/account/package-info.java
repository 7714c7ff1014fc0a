/** {@code natsjwt account size}: the size budget of an account JWT, without a server. */
@NullMarked
package io.github.natsjwt.cli.account;

import org.jspecify.annotations.NullMarked;
