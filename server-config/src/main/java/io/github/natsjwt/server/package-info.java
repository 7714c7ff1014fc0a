/**
 * The nats-server installed on this machine, run as a process: {@link
 * io.github.natsjwt.server.NatsServerProcess} starts it with a {@link
 * io.github.natsjwt.config.ServerConfig} on 127.0.0.1 and a free port and stops it; {@link
 * io.github.natsjwt.server.NatsServerSeries} finds the executable of a release series (2.9, 2.10,
 * 2.14) from system properties, the {@code PATH} and the usual directories.
 *
 * <pre>{@code
 * try (NatsServerProcess server = NatsServerProcess.start(config)) {
 *   // connect any NATS client to server.url()
 * }
 * }</pre>
 *
 * <p>No JUnit here: the {@code natsjwt-testing} artifact builds its test extensions on these.
 */
@NullMarked
package io.github.natsjwt.server;

import org.jspecify.annotations.NullMarked;
