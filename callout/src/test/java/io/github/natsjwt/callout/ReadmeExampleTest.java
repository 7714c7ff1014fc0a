package io.github.natsjwt.callout;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestCallout;
import io.github.natsjwt.testing.TestOperator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The README's callout examples, run as written there. */
@SuppressWarnings("try") // jnats Connection.close() may throw InterruptedException
class ReadmeExampleTest {
  @TempDir Path dir;

  // spotless:off (the README shows this as written)
  // README testing start
  @NatsServerMatrix({"2.10", "2.14"}) // callout needs nats-server 2.10 or later
  void calloutInATest(NatsServerVersion version) throws Exception {
    TestOperator op = TestOperator.create("acme");
    TestCallout callout = op.account("AUTH").authCallout().encrypted(); // auth_users, xkey
    try (NatsServer server = version.start(op.serverConfig().build())) {
      TestCalloutService.start( // connects as callout.serviceUser(); closed with the server
          server,
          callout,
          request -> AuthorizationDecision.allow(request.newUser().pub(Permission.allowing("a.>"))));
      Path creds = callout.sentinel().writeCreds(dir); // clients arrive as the sentinel
      try (Connection nc =
          Nats.connect(
              new Options.Builder()
                  .server(server.url())
                  .authHandler(Nats.credentials(creds.toString()))
                  .build())) {
        nc.publish("a.b", new byte[0]); // as the user the authorizer minted
        nc.flush(Duration.ofSeconds(2));
      }
    }
    // config mode: account AUTH, user "callout" with a random password, auth_callout { ... }
    TestCallout config = TestCallout.configMode("APP").encrypted(); // users go into APP
    try (NatsServer server = version.start(config.serverConfig().build())) {
      TestCalloutService.start(server, config, request -> AuthorizationDecision.deny("no"));
    }
  }
  // README testing end
  // spotless:on

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
      // spotless:off (the README shows this as written)
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
      // spotless:on
      try (Connection alice = Live.connect(server, "alice", "secret")) {
        Live.assertRoundTrip(alice, "orders.readme");
      }
      Live.refused(server, "alice", "guess");
      service.close();
      nc.close();
    }
  }
}
