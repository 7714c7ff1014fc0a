/**
 * nats-server configuration files for operator mode (spec trust-chain.md section 1): the trusted
 * operator, the system account, and an account resolver with its preloaded or stored account JWTs.
 *
 * <p>{@link io.github.natsjwt.config.ServerConfig} writes the text; it does not run a server. The
 * {@code natsjwt-testing} artifact starts a real nats-server with it.
 */
@NullMarked
package io.github.natsjwt.config;

import org.jspecify.annotations.NullMarked;
