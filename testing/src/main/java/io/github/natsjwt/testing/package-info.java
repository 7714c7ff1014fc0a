/**
 * Test support: {@link io.github.natsjwt.testing.TestOperator}, {@link
 * io.github.natsjwt.testing.TestAccount} and {@link io.github.natsjwt.testing.TestUser} forge real,
 * signed JWTs and creds files; {@link io.github.natsjwt.testing.NatsServer} runs the installed
 * nats-server with a {@link io.github.natsjwt.config.ServerConfig}; {@link
 * io.github.natsjwt.testing.NatsServerTest} skips (or, when required, fails) tests where no
 * nats-server is installed; {@link io.github.natsjwt.testing.NatsServerVersion} and {@link
 * io.github.natsjwt.testing.NatsServerMatrix} run a test on each installed series (2.9, 2.10, 2.14)
 * with its {@link io.github.natsjwt.trust.ServerProfile}; {@link
 * io.github.natsjwt.testing.NatsCluster} runs a routed cluster; {@link
 * io.github.natsjwt.testing.TestCallout} sets up an auth callout in operator or configuration mode;
 * {@link io.github.natsjwt.testing.LogCapture} captures {@code System.Logger} records to assert
 * what a service logs and that it logs no secret.
 *
 * <pre>{@code
 * TestOperator op = TestOperator.create("acme");
 * TestUser alice = op.account("orders").user("alice").pubAllow("orders.>").subAllow("_INBOX.>");
 * try (NatsServer server = NatsServer.start(op.serverConfig().build())) {
 *   Path creds = alice.writeCreds(dir);
 *   // connect any NATS client to server.url() with the creds file
 * }
 * }</pre>
 */
@NullMarked
package io.github.natsjwt.testing;

import org.jspecify.annotations.NullMarked;
