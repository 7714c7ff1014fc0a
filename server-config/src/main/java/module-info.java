/**
 * nats-server configuration files, and the nats-server process that runs with one.
 *
 * <p>{@code io.github.natsjwt.config} writes operator-mode and configuration-mode server
 * configurations ({@link io.github.natsjwt.config.ServerConfig}); {@code io.github.natsjwt.server}
 * finds the nats-server installed on the machine and runs it with such a configuration ({@link
 * io.github.natsjwt.server.NatsServerProcess}). Neither is needed to issue or verify JWTs, so they
 * live here rather than in the core {@code io.github.natsjwt} module.
 */
module io.github.natsjwt.serverconfig {
  requires transitive io.github.natsjwt;
  requires org.bouncycastle.provider;
  requires static transitive org.jspecify;

  exports io.github.natsjwt.config;
  exports io.github.natsjwt.server;
}
