package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.trust.AccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example for this module, run as written there. */
@NatsServerTest
class ReadmeExampleTest {
  @Test
  void pushLookUpAndResolve(NatsServers servers, @TempDir Path dir) throws Exception {
    TestOperator op = TestOperator.create("acme");
    NatsServer server = servers.start(op.fullResolverConfig(dir.resolve("jwt")).build());
    Path sysCreds = op.systemAccount().user("admin").writeCreds(dir);
    TestAccount orders = op.account("orders"); // unknown to the running server
    String jwt = orders.jwt();

    Connection nc =
        Nats.connect(
            new Options.Builder()
                .server(server.url())
                .authHandler(Nats.credentials(sysCreds.toString()))
                .build());
    AccountJwtClient accounts = AccountJwtClient.builder(nc).expectedServers(1).build();
    List<PushResult> pushed = accounts.push(jwt); // one result per server
    assertEquals("jwt updated", pushed.get(0).message());
    assertEquals(Optional.of(jwt), accounts.lookup(orders.publicKey()));
    assertTrue(accounts.list().contains(orders.publicKey()));

    AccountResolver resolver = NatsAccountResolver.of(accounts);
    TrustVerifier verifier =
        TrustVerifier.builder().trustOperator(op.jwt()).accountResolver(resolver).build();
    assertTrue(verifier.resolveAccount(orders.publicKey()).isAccepted());
    nc.close();
  }
}
