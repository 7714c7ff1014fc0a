package io.github.natsjwt.callout;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/** The README's callout example, run as written there. */
@SuppressWarnings("try") // jnats Connection.close() may throw InterruptedException
class ReadmeExampleTest {
  @NatsServerMatrix({"2.14"})
  void calloutService(NatsServerVersion version) throws Exception {
    NKey issuerKey = NKey.generate(NKeyType.ACCOUNT);
    ServerConfig config =
        ServerConfig.builder()
            .configUser("AUTH", "callout", "callout-pw")
            .configAccount("APP")
            .authCallout(ServerConfig.AuthCallout.of(issuerKey.publicKey(), "AUTH", "callout"))
            .build();
    try (NatsServer server = version.start(config)) {
      String url = server.url();
      // README start
      Connection nc =
          Nats.connect(new Options.Builder().server(url).userInfo("callout", "callout-pw").build());
      CalloutService service =
          CalloutService.builder(nc)
              .issuer(issuerKey) // the auth_callout issuer: signs users and responses
              .configMode("APP") // users go into account APP
              .authorizer(
                  request ->
                      "secret".equals(request.connectOptions().pass())
                          ? AuthorizationDecision.allow(
                              request.newUser().pub(Permission.allowing("orders.>")))
                          : AuthorizationDecision.deny("bad password"))
              .start();
      // README end
      try (Connection alice = Live.connect(server, "alice", "secret")) {
        Live.assertRoundTrip(alice, "orders.readme");
      }
      Live.refused(server, "alice", "guess");
      service.close();
      nc.close();
    }
  }
}
