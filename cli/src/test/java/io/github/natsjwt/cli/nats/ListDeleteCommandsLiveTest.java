package io.github.natsjwt.cli.nats;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * list and delete, as text and as --json, against real nats-servers of each series with a full
 * resolver that allows deletes (spec trust-chain.md section 1.4). Jackson reads the JSON.
 */
class ListDeleteCommandsLiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"2.9", "2.10", "2.14"})
  void listDelete_fullResolver_roundTrip(String series) throws Exception {
    NatsServerVersion version = NatsServerVersion.of(series);
    version.assumeInstalled();
    TestOperator op = TestOperator.create("acme").signingKey();
    TestAccount orders = op.account("orders");
    TestAccount billing = op.account("billing");
    String sys = op.systemAccount().publicKey();
    Path store = dir.resolve("jwt");
    try (NatsServer server =
        version.start(op.fullResolverConfig(store).allowDelete(true).build())) {
      String creds = sysCreds(op);
      List<String> all = Stream.of(orders.publicKey(), billing.publicKey(), sys).sorted().toList();

      Result listed = run("list", "--server", server.url(), "--creds", creds);
      assertEquals(0, listed.exitCode(), listed::toString);
      assertEquals("", listed.stderr());
      assertEquals(String.join("\n", all) + "\n", listed.stdout());

      Result listedJson = run("list", "--json", "--server", server.url(), "--creds", creds);
      assertEquals(0, listedJson.exitCode(), listedJson::toString);
      JsonNode accounts = JSON.readTree(listedJson.stdout()).get("accounts");
      assertEquals(all, strings(accounts));
      assertEquals(1, listedJson.stdout().split("\n").length, listedJson.stdout());

      // Signed with the operator's signing key: the identity key also works unless strict.
      Path opKey = Files.writeString(dir.resolve("op.nk"), seed(op.signingKeys().get(0)));
      Result deleted =
          run(
              "delete",
              "--server",
              server.url(),
              "--creds",
              creds,
              "--operator-key",
              opKey.toString(),
              orders.publicKey());
      assertEquals(0, deleted.exitCode(), deleted::toString);
      assertEquals("", deleted.stderr());
      assertTrue(deleted.stdout().startsWith("deleting 1 account: " + orders.publicKey() + "\n"));
      // nats-server's reply to a delete it carried out.
      assertTrue(deleted.stdout().contains(": 200 deleted 1 accounts\n"), deleted.stdout());
      assertTrue(deleted.stdout().endsWith("deleted by 1 server\n"), deleted.stdout());
      assertNoSeed(deleted.all());
      assertTrue(Files.exists(store.resolve(orders.publicKey() + ".jwt.deleted")));

      Result deletedJson =
          run(
              "delete",
              "--json",
              "--server",
              server.url(),
              "--creds",
              creds,
              "--operator-key",
              opKey.toString(),
              billing.publicKey());
      assertEquals(0, deletedJson.exitCode(), deletedJson::toString);
      JsonNode d = JSON.readTree(deletedJson.stdout());
      assertEquals(List.of(billing.publicKey()), strings(d.get("accounts")));
      assertEquals(1, d.get("servers").size());
      JsonNode s = d.get("servers").get(0);
      assertEquals(200, s.get("code").asInt());
      assertEquals("deleted 1 accounts", s.get("message").asText());
      assertTrue(s.get("server_id").asText().startsWith("N"), s.toString());
      assertTrue(s.get("server").isTextual(), s.toString());

      Result after = run("list", "--server", server.url(), "--creds", creds);
      assertEquals(sys + "\n", after.stdout());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.14"})
  void delete_withoutAllowDelete_exit1WithServerReason(String series) throws Exception {
    NatsServerVersion version = NatsServerVersion.of(series);
    version.assumeInstalled();
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    Path store = dir.resolve("jwt");
    try (NatsServer server = version.start(op.fullResolverConfig(store).build())) {
      Path opKey = Files.writeString(dir.resolve("op.nk"), seed(op.key()));

      Result r =
          run(
              "delete",
              "--json",
              "--server",
              server.url(),
              "--creds",
              sysCreds(op),
              "--operator-key",
              opKey.toString(),
              orders.publicKey());

      assertEquals(1, r.exitCode(), r::toString);
      assertEquals("", r.stdout());
      assertTrue(r.stderr().contains("delete must be enabled in server config"), r.stderr());
      assertTrue(Files.exists(store.resolve(orders.publicKey() + ".jwt")));
      assertFalse(Files.exists(store.resolve(orders.publicKey() + ".jwt.deleted")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.14"})
  void delete_accountKeyAsOperatorKey_exit2NothingSent(String series) throws Exception {
    NatsServerVersion version = NatsServerVersion.of(series);
    version.assumeInstalled();
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");
    Path store = dir.resolve("jwt");
    try (NatsServer server =
        version.start(op.fullResolverConfig(store).allowDelete(true).build())) {
      Path accountKey = Files.writeString(dir.resolve("orders.nk"), seed(orders.key()));

      Result r =
          run(
              "delete",
              "--server",
              server.url(),
              "--creds",
              sysCreds(op),
              "--operator-key",
              accountKey.toString(),
              orders.publicKey());

      assertEquals(2, r.exitCode(), r::toString);
      assertEquals("", r.stdout());
      assertTrue(r.stderr().contains("--operator-key holds a seed of type ACCOUNT"), r.stderr());
      assertNoSeed(r.all());
      assertTrue(Files.exists(store.resolve(orders.publicKey() + ".jwt")));
    }
  }

  private static List<String> strings(JsonNode array) {
    assertTrue(array.isArray(), String.valueOf(array));
    return Stream.of(JSON.convertValue(array, String[].class)).toList();
  }

  private static String seed(io.github.natsjwt.nkey.NKey key) {
    return new String(key.seed()) + "\n";
  }

  private String sysCreds(TestOperator op) {
    return op.systemAccount().user("admin-" + System.nanoTime()).writeCreds(dir).toString();
  }
}
