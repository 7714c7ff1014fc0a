package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.trust.AccountResolutionException;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against a real nats-server with a full resolver. */
@NatsServerTest
class NatsAccountResolverLiveTest {
  @TempDir Path dir;

  @Test
  void fetch_pushedAccount_returnsWhatWasPushed(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders");
    String jwt = orders.jwt();

    try (Clients.Client sys =
        Clients.connect(server, op.systemAccount().user("admin").writeCreds(dir))) {
      AccountJwtClient client = AccountJwtClientLiveTest.client(sys);
      client.push(jwt);
      NatsAccountResolver resolver = NatsAccountResolver.of(client);

      assertEquals(Optional.of(jwt), resolver.fetch(orders.publicKey()));
      assertEquals(
          Optional.of(op.systemAccount().jwt().length()),
          resolver.fetch(op.systemAccount().publicKey()).map(String::length));
    }
  }

  @Test
  void fetch_unknownAccount_empty(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    String unknown = op.account("unknown").publicKey();

    try (Clients.Client sys =
        Clients.connect(server, op.systemAccount().user("admin").writeCreds(dir))) {
      NatsAccountResolver resolver =
          NatsAccountResolver.of(AccountJwtClientLiveTest.client(sys, Duration.ofMillis(300)));

      assertEquals(Optional.empty(), resolver.fetch(unknown));
    }
  }

  @Test
  void resolveAccount_pushedAccount_verifiedThroughClusterResolver(NatsServers servers)
      throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    TestAccount orders = op.account("orders");

    try (Clients.Client sys =
        Clients.connect(server, op.systemAccount().user("admin").writeCreds(dir))) {
      AccountJwtClient client = AccountJwtClientLiveTest.client(sys);
      client.push(orders.jwt());
      TrustVerifier verifier =
          TrustVerifier.builder()
              .trustOperator(op.jwt())
              .accountResolver(NatsAccountResolver.of(client))
              .build();

      Verification<VerifiedAccount> v = verifier.resolveAccount(orders.publicKey());
      assertTrue(v.isAccepted(), v::toString);
    }
  }

  @Test
  void fetch_connectionLost_accountResolutionException(NatsServers servers) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    Options options =
        new Options.Builder()
            .server(server.url())
            .authHandler(
                Nats.credentials(op.systemAccount().user("admin").writeCreds(dir).toString()))
            .connectionTimeout(Clients.WAIT)
            .reconnectWait(Duration.ofMinutes(1))
            .build();
    Connection nc = Nats.connect(options);
    try {
      NatsAccountResolver resolver =
          NatsAccountResolver.of(
              AccountJwtClient.builder(nc).timeout(Duration.ofMillis(500)).build());
      server.close();

      AccountResolutionException e =
          assertThrows(
              AccountResolutionException.class,
              () -> resolver.fetch(op.systemAccount().publicKey()));
      assertEquals(op.systemAccount().publicKey(), e.account());
      assertInstanceOf(AccountJwtClientException.class, e.getCause());
    } finally {
      nc.close();
    }
  }
}
