/**
 * The trust commands: {@code natsjwt verify} decides whether a server would accept a user, and
 * {@code natsjwt template preview} shows what a scoped signing key's template gives a user.
 */
@NullMarked
package io.github.natsjwt.cli.trust;

import org.jspecify.annotations.NullMarked;
