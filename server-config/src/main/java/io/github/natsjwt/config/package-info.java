/**
 * nats-server configuration files for operator mode (spec trust-chain.md section 1): the trusted
 * operator, the system account, and an account resolver with its preloaded or stored account JWTs;
 * and for configuration mode: accounts, users and the auth callout in the file itself.
 *
 * <p>{@link io.github.natsjwt.config.ServerConfig} writes the text; it does not run a server.
 * {@link io.github.natsjwt.server.NatsServerProcess}, in the same artifact, starts a real
 * nats-server with it, and the {@code natsjwt-testing} artifact does so from JUnit 5 tests.
 */
@NullMarked
package io.github.natsjwt.config;

import org.jspecify.annotations.NullMarked;
