package io.github.natsjwt.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.config.ConfigAccount;
import io.github.natsjwt.config.ConfigUser;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerTest;
import io.github.natsjwt.testing.NatsServers;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.trust.AccountResolver;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.ServerProfile;
import io.github.natsjwt.trust.TrustVerifier;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.file.Path;
import java.time.Duration;
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

  @Test
  void configModeNKeyUsers(NatsServers servers) throws Exception {
    NKey alice = NKey.generate(NKeyType.USER); // keep the seed; the server gets the public key
    NKey bob = NKey.generate(NKeyType.USER);
    // permissions: { publish: ["orders.>", "users.signup"],
    //                subscribe: { allow: "events.>", deny: "events.audit.>" } }
    Permissions perms =
        Permissions.of(
            Permission.allowing("orders.>", "users.signup"),
            new Permission(List.of("events.>"), List.of("events.audit.>")));
    ServerConfig conf =
        ServerConfig.builder()
            .account(
                ConfigAccount.builder("APP")
                    .user(ConfigUser.nkey(alice.publicKey()).permissions(perms).build())
                    .user(ConfigUser.nkey(bob.publicKey()).build()) // no block: may do anything
                    .build())
            .account(ConfigAccount.builder("SYS").build())
            .systemAccountName("SYS")
            .build(); // conf.write(path) writes nats.conf
    NatsServer server = servers.start(conf);

    Connection a = Nats.connect(options(server).authHandler(NatsAuth.nkey(alice)).build());
    Connection b = Nats.connect(options(server).authHandler(NatsAuth.nkey(bob)).build());
    Subscription everything = b.subscribe(">");
    b.flush(Duration.ofSeconds(2));
    a.publish("orders.new", "1 coffee".getBytes(UTF_8));
    a.publish("billing.refund", "all of it".getBytes(UTF_8)); // denied: never delivered
    a.flush(Duration.ofSeconds(2));
    assertEquals("orders.new", everything.nextMessage(Duration.ofSeconds(2)).getSubject());
    assertNull(everything.nextMessage(Duration.ofMillis(250)));

    // The same answers without a server; the profile names the server version to follow.
    EffectivePermissions p = EffectivePermissions.ofConfigUser(perms, ServerProfile.LATEST);
    assertTrue(p.canPublish("orders.new"));
    assertFalse(p.canPublish("billing.refund"));
    assertTrue(p.canSubscribe("events.login"));
    assertFalse(p.canSubscribe("events.audit.login"));
    a.close();
    b.close();
  }

  private static Options.Builder options(NatsServer server) {
    return new Options.Builder().server(server.url()).errorListener(new ErrorListener() {});
  }
}
