package io.github.natsjwt.cli.nats;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account commands offline (--jwt, no --server) and their input errors; no server needed. */
class AccountCommandsTest {
  @TempDir Path dir;

  final TestOperator op = TestOperator.create("acme").signingKey();
  final TestAccount orders =
      op.account("orders")
          .scopedSigningKey(
              "svc",
              UserPermissionLimits.builder().pub(Permission.allowing("orders.>")).subs(10).build());

  Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text + "\n");
  }

  String seed(NKey key) throws Exception {
    return file("k-" + System.nanoTime() + ".nk", new String(key.seed())).toString();
  }

  String scopedKey() {
    return orders.scopedKey("svc").orElseThrow().publicKey();
  }

  @Test
  void editScope_offline_printsJwtWithNewPubAndKeptLimits() throws Exception {
    Path jwt = file("orders.jwt", orders.jwt());
    Result r =
        run(
            "account",
            "edit-scope",
            "--jwt",
            jwt.toString(),
            "--key",
            scopedKey(),
            "--pub-allow",
            "billing.>",
            "--pub-deny",
            "billing.secret",
            "--role",
            "billing",
            "--operator-seed",
            seed(op.signingKeys().get(0)));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    assertNoSeed(r.all());
    DecodedJwt<AccountClaims> out = Jwt.decode(r.stdout().strip(), AccountClaims.class);
    assertEquals(op.signingKeys().get(0).publicKey(), out.issuer());
    UserScope scope = out.claims().signingKeys().scope(scopedKey()).orElseThrow();
    assertEquals("billing", scope.role());
    assertEquals(
        new Permission(List.of("billing.>"), List.of("billing.secret")),
        scope.template().permissions().pub());
    // What the options did not name stays.
    assertEquals(
        orders.claims().signingKeys().scope(scopedKey()).orElseThrow().template().toBuilder()
            .pub(new Permission(List.of("billing.>"), List.of("billing.secret")))
            .build(),
        scope.template());
  }

  @Test
  void revokeAndSigningKeys_offlineJson_parsesWithDocumentedFields() throws Exception {
    String user = NKey.generate(NKeyType.USER).publicKey();
    String plain = NKey.generate(NKeyType.ACCOUNT).publicKey();
    Path jwt = file("orders.jwt", orders.jwt());
    String signer = seed(op.signingKeys().get(0));
    Path operatorJwt = file("acme.jwt", op.jwt());
    ObjectMapper mapper = new ObjectMapper();

    Result revoke =
        run(
            "account",
            "revoke",
            orders.publicKey(),
            "--jwt",
            jwt.toString(),
            "--user",
            user,
            "--at",
            "2030-01-01T00:00:00Z",
            "--operator-seed",
            signer,
            "--operator",
            operatorJwt.toString(),
            "--json");
    assertEquals(0, revoke.exitCode(), revoke::toString);
    JsonNode j = mapper.readTree(revoke.stdout());
    assertEquals(AccountCommandsLiveTest.EDIT_FIELDS, AccountCommandsLiveTest.fields(j));
    assertEquals("revoke", j.get("edits").get(0).get("kind").asText());
    assertEquals(user, j.get("edits").get(0).get("key").asText());
    assertTrue(!j.get("pushed").asBoolean() && !j.get("confirmed").asBoolean());
    assertEquals(0, j.get("servers").size());
    assertEquals(
        Jwt.decode(Files.readString(jwt).strip()).claims().id(), j.get("previous_jti").asText());
    AccountClaims revoked = Jwt.decode(j.get("jwt").asText(), AccountClaims.class).claims();
    assertEquals(
        Map.of(user, Instant.parse("2030-01-01T00:00:00Z").getEpochSecond()),
        revoked.revocations().entries());
    assertEquals(revoked.id(), j.get("jti").asText());
    assertEquals(op.signingKeys().get(0).publicKey(), j.get("issuer").asText());

    Path afterRevoke = file("revoked.jwt", j.get("jwt").asText());
    Result add =
        run(
            "account",
            "signing-key",
            "add",
            "--jwt",
            afterRevoke.toString(),
            "--key",
            plain,
            "--operator-seed",
            signer,
            "--operator",
            operatorJwt.toString());
    assertEquals(0, add.exitCode(), add::toString);
    Result rm =
        run(
            "account",
            "signing-key",
            "rm",
            "--jwt",
            add.stdout().strip(),
            "--key",
            scopedKey(),
            "--operator-seed",
            signer,
            "--operator",
            operatorJwt.toString());
    assertEquals(0, rm.exitCode(), rm::toString);
    AccountClaims last = Jwt.decode(rm.stdout().strip(), AccountClaims.class).claims();
    assertEquals(List.of(plain), last.signingKeys().keys());
    assertEquals(revoked.revocations(), last.revocations());
  }

  @Test
  void signingKeyAdd_scoped_templateFromOptions() throws Exception {
    String key = NKey.generate(NKeyType.ACCOUNT).publicKey();
    Result r =
        run(
            "account",
            "signing-key",
            "add",
            "--jwt",
            orders.jwt(),
            "--key",
            key,
            "--role",
            "ops",
            "--sub-allow",
            "ops.>",
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(0, r.exitCode(), r::toString);
    UserScope scope =
        Jwt.decode(r.stdout().strip(), AccountClaims.class)
            .claims()
            .signingKeys()
            .scope(key)
            .orElseThrow();
    assertEquals("ops", scope.role());
    assertEquals(List.of("ops.>"), scope.template().permissions().sub().allow());
  }

  @Test
  void errors_typedMessagesAndExitCodes() throws Exception {
    String jwt = orders.jwt();
    String absent = NKey.generate(NKeyType.ACCOUNT).publicKey();

    Result noScope =
        run(
            "account",
            "edit-scope",
            "--jwt",
            jwt,
            "--key",
            absent,
            "--pub-allow",
            "x",
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(2, noScope.exitCode(), noScope::toString);
    assertEquals(
        "natsjwt: Account "
            + orders.publicKey()
            + " has no signing key "
            + absent
            + ", so there is no scope to replace; add it with AccountEdit.addScopedSigningKey(...)"
            + " (natsjwt account signing-key add --role ...).\n",
        noScope.stderr());

    NKey stranger = NKey.generate(NKeyType.OPERATOR);
    Result notOurs =
        run("account", "revoke", "--jwt", jwt, "--user", "*", "--operator-seed", seed(stranger));
    assertEquals(2, notOurs.exitCode(), notOurs::toString);
    assertTrue(
        notOurs
            .stderr()
            .startsWith(
                "natsjwt: The signer "
                    + stranger.publicKey()
                    + " did not sign account "
                    + orders.publicKey()
                    + "'s current JWT ("
                    + op.signingKeys().get(0).publicKey()
                    + " did)"),
        notOurs.stderr());
    assertNoSeed(notOurs.all());

    Result accountKey =
        run(
            "account",
            "revoke",
            "--jwt",
            jwt,
            "--user",
            "*",
            "--operator-seed",
            seed(orders.key()));
    assertEquals(2, accountKey.exitCode(), accountKey::toString);
    assertTrue(
        accountKey.stderr().contains("but the signer is a ACCOUNT key"), accountKey.stderr());

    Result nowhere =
        run(
            "account",
            "revoke",
            orders.publicKey(),
            "--user",
            "*",
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(2, nowhere.exitCode(), nowhere::toString);
    assertTrue(nowhere.stderr().contains("give --jwt to edit a JWT offline"), nowhere.stderr());

    Result half =
        run(
            "account",
            "revoke",
            "--jwt",
            jwt,
            "--user",
            "*",
            "--server",
            "nats://127.0.0.1:1",
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(2, half.exitCode(), half::toString);
    assertTrue(half.stderr().contains("--server and --creds go together"), half.stderr());

    Result other =
        run(
            "account",
            "revoke",
            op.systemAccount().publicKey(),
            "--jwt",
            jwt,
            "--user",
            "*",
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(2, other.exitCode(), other::toString);
    assertTrue(
        other.stderr().contains("--jwt is the JWT of account " + orders.publicKey()),
        other.stderr());

    Result nothing =
        run(
            "account",
            "edit-scope",
            "--jwt",
            jwt,
            "--key",
            scopedKey(),
            "--operator-seed",
            seed(op.signingKeys().get(0)));
    assertEquals(2, nothing.exitCode(), nothing::toString);
    assertTrue(nothing.stderr().contains("say what changes"), nothing.stderr());

    Result seedOnCommandLine =
        run(
            "account",
            "revoke",
            "--jwt",
            jwt,
            "--user",
            "*",
            "--operator-seed",
            new String(op.signingKeys().get(0).seed()));
    assertEquals(2, seedOnCommandLine.exitCode(), seedOnCommandLine::toString);
    assertNoSeed(seedOnCommandLine.all());

    Result kickBoth =
        run(
            "kick",
            "--user",
            NKey.generate(NKeyType.USER).publicKey(),
            "--cid",
            "1",
            "--server-id",
            "N",
            "--server",
            "nats://127.0.0.1:1",
            "--creds",
            "x");
    assertEquals(2, kickBoth.exitCode(), kickBoth::toString);
    Result kickNone = run("kick", "--server", "nats://127.0.0.1:1", "--creds", "x");
    assertEquals(2, kickNone.exitCode(), kickNone::toString);
    Result kickCidOnly =
        run("kick", "--cid", "1", "--server", "nats://127.0.0.1:1", "--creds", "x");
    assertEquals(2, kickCidOnly.exitCode(), kickCidOnly::toString);
    Result kickBadUser =
        run("kick", "--user", orders.publicKey(), "--server", "nats://127.0.0.1:1", "--creds", "x");
    assertEquals(2, kickBadUser.exitCode(), kickBadUser::toString);
    assertTrue(
        kickBadUser.stderr().contains("--user takes a user public key"), kickBadUser.stderr());
  }
}
