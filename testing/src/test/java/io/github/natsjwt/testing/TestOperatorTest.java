package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static io.github.natsjwt.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestOperatorTest {

  @Test
  void jwt_newOperator_selfSignedWithSystemAccount() {
    TestOperator op = TestOperator.create("acme").clock(CLOCK);

    DecodedJwt<OperatorClaims> jwt = Jwt.decode(op.jwt(), OperatorClaims.class);

    assertEquals(op.publicKey(), jwt.issuer());
    assertEquals(op.publicKey(), jwt.claims().subject());
    assertEquals("acme", jwt.claims().name());
    assertEquals(op.systemAccount().publicKey(), jwt.claims().systemAccount());
    assertEquals(Optional.of(NOW), jwt.claims().issuedAt());
    assertTrue(jwt.claims().validate(NOW).isEmpty(), jwt.claims().validate(NOW).toString());
    assertEquals(NKeyType.OPERATOR, op.key().type());
  }

  @Test
  void accounts_systemAccountFirst_inOrder() {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");

    assertEquals(List.of(op.systemAccount(), orders), op.accounts());
    assertEquals(TestOperator.SYSTEM_ACCOUNT_NAME, op.systemAccount().name());
    assertEquals(op, orders.operator());
  }

  @Test
  void accountJwt_noSigningKey_signedByIdentity_trustedByOperator() {
    TestOperator op = TestOperator.create("acme");
    String accountJwt = op.account("orders").jwt();

    DecodedJwt<AccountClaims> jwt = Jwt.decode(accountJwt, AccountClaims.class);

    assertEquals(op.publicKey(), jwt.issuer());
    assertTrue(op.claims().didSign(jwt.claims()));
  }

  @Test
  void accountJwt_withSigningKey_signedByFirstSigningKey() {
    TestOperator op = TestOperator.create("acme").signingKey().signingKey();
    DecodedJwt<AccountClaims> jwt = Jwt.decode(op.account("orders").jwt(), AccountClaims.class);
    OperatorClaims operator = Jwt.decode(op.jwt(), OperatorClaims.class).claims();

    assertEquals(op.signingKeys().get(0).publicKey(), jwt.issuer());
    assertEquals(
        List.of(op.signingKeys().get(0).publicKey(), op.signingKeys().get(1).publicKey()),
        operator.signingKeys());
    assertTrue(operator.didSign(jwt.claims()));
  }

  @Test
  void strictSigningKeyUsage_set_identitySignedAccountNotTrusted() {
    TestOperator op = TestOperator.create("acme").strictSigningKeyUsage(true);
    AccountClaims account = Jwt.decode(op.account("orders").jwt(), AccountClaims.class).claims();

    OperatorClaims operator = Jwt.decode(op.jwt(), OperatorClaims.class).claims();

    assertTrue(operator.strictSigningKeyUsage());
    // Spec claims.md section 5.5: a strict operator's identity key signs only itself.
    assertFalse(operator.didSign(account));
  }

  @Test
  void deterministic_samePhrase_sameKeysAndJwts() {
    TestOperator a = TestOperator.deterministic("acme", "phrase").clock(CLOCK).signingKey();
    TestOperator b = TestOperator.deterministic("acme", "phrase").clock(CLOCK).signingKey();
    // Made in another order: keys depend on names, not on the order of calls.
    b.account("billing");
    TestUser bobB = b.account("orders").user("bob");
    TestUser bobA = a.account("orders").user("bob");

    assertEquals(a.publicKey(), b.publicKey());
    assertEquals(a.signingKeys(), b.signingKeys());
    assertEquals(a.systemAccount().publicKey(), b.systemAccount().publicKey());
    assertEquals(bobA.publicKey(), bobB.publicKey());
    assertEquals(bobA.jwt(), bobB.jwt());
    assertEquals(a.account("billing").publicKey(), b.accounts().get(1).publicKey());
  }

  @Test
  void deterministic_otherPhraseOrName_otherKeys() {
    TestOperator a = TestOperator.deterministic("acme", "phrase");

    assertNotEquals(a.publicKey(), TestOperator.deterministic("acme", "other").publicKey());
    assertNotEquals(a.publicKey(), TestOperator.deterministic("acme2", "phrase").publicKey());
    assertNotEquals(a.account("x").publicKey(), a.account("y").publicKey());
  }

  @Test
  void create_randomKeys_differ() {
    assertNotEquals(TestOperator.create("a").publicKey(), TestOperator.create("a").publicKey());
  }

  @Test
  void create_givenKey_used() {
    NKey key = NKey.generate(NKeyType.OPERATOR);

    assertEquals(key.publicKey(), TestOperator.create("acme", key).publicKey());
  }

  @Test
  void create_wrongKeyType_throws() {
    NKey account = NKey.generate(NKeyType.ACCOUNT);

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> TestOperator.create("acme", account));

    assertEquals(
        "the operator key must be a OPERATOR key with its seed, got the ACCOUNT key "
            + account.publicKey(),
        e.getMessage());
  }

  @Test
  void create_publicOnlyKey_throws() {
    NKey key = NKey.fromPublicKey(NKey.generate(NKeyType.OPERATOR).publicKey());

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> TestOperator.create("acme", key));

    assertTrue(e.getMessage().endsWith(" without a seed"), e.getMessage());
  }

  @Test
  void account_duplicateName_throws() {
    TestOperator op = TestOperator.create("acme");
    op.account("orders");

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> op.account("orders"));

    assertEquals(
        "operator acme already has an account named orders; keep the TestAccount that the first"
            + " account(...) call returned",
        e.getMessage());
    assertThrows(TestCredentialsException.class, () -> op.account("SYS"));
    assertThrows(TestCredentialsException.class, () -> op.account(" "));
  }

  @Test
  void customize_appliedLast() {
    TestOperator op =
        TestOperator.create("acme").customize(b -> b.accountServerUrl("http://127.0.0.1:9/"));

    assertEquals("http://127.0.0.1:9/", op.claims().accountServerUrl());
  }

  @Test
  void serverConfig_memoryResolver_everyAccountPreloaded() {
    TestOperator op = TestOperator.create("acme");
    TestAccount orders = op.account("orders");

    ServerConfig config = op.serverConfig().build();

    assertEquals(op.publicKey(), Jwt.decode(config.operators().get(0)).issuer());
    assertEquals(Optional.of(op.systemAccount().publicKey()), config.systemAccount());
    assertEquals(Optional.of(ServerConfig.ResolverType.MEMORY), config.resolverType());
    assertEquals(
        List.of(op.systemAccount().publicKey(), orders.publicKey()),
        List.copyOf(config.preloads().keySet()));
    for (Map.Entry<String, String> e : config.preloads().entrySet()) {
      assertEquals(e.getKey(), Jwt.decode(e.getValue(), AccountClaims.class).claims().subject());
    }
  }

  @Test
  void fullResolverConfig_accountFiles() {
    TestOperator op = TestOperator.create("acme");
    op.account("orders");

    ServerConfig config = op.fullResolverConfig(Path.of("jwt")).build();

    assertEquals(Optional.of(ServerConfig.ResolverType.FULL), config.resolverType());
    assertEquals(2, config.accountFiles().size());
    assertTrue(config.preloads().isEmpty());
  }

  @Test
  void toString_noSeed() {
    TestOperator op = TestOperator.create("acme");

    assertFalse(op.toString().contains(new String(op.key().seed())));
    assertTrue(op.toString().contains(op.publicKey()));
  }
}
