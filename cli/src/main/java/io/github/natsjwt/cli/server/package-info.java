/**
 * The server commands: {@code natsjwt server config} writes a nats-server configuration and the
 * creds of a system-account user, so that {@code push} and {@code lookup} can be tried at once.
 */
@NullMarked
package io.github.natsjwt.cli.server;

import org.jspecify.annotations.NullMarked;
