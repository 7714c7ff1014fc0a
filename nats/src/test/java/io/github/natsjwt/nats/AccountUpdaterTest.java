package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offline edits: what changes in the claims, who may sign, and the typed failures. */
class AccountUpdaterTest {
  static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final TestOperator op =
      TestOperator.create("acme")
          .signingKey()
          .clock(Clock.fixed(NOW.minusSeconds(60), ZoneOffset.UTC));
  final NKey scoped = NKey.generate(NKeyType.ACCOUNT);
  final TestAccount orders =
      op.account("orders")
          .signedBy(op.signingKeys().get(0))
          .exportStream("orders.>")
          .scopedSigningKey(
              "svc",
              UserPermissionLimits.builder().pub(Permission.allowing("orders.>")).build(),
              scoped);

  AccountUpdater updater(NKey signer) {
    return AccountUpdater.builder(signer).operator(op.claims()).clock(CLOCK).build();
  }

  static UserScope billingScope(String key) {
    return UserScope.builder(key)
        .role("svc")
        .template(UserPermissionLimits.builder().pub(Permission.allowing("billing.>")).build())
        .build();
  }

  @Test
  void edit_replaceScope_onlyThatScopeChangesAndNewIssuanceIsStamped() {
    String before = orders.jwt();
    String after =
        updater(op.signingKeys().get(0))
            .edit(before, AccountEdit.replaceScope(billingScope(scoped.publicKey())));

    DecodedJwt<AccountClaims> old = Jwt.decode(before, AccountClaims.class);
    DecodedJwt<AccountClaims> now = Jwt.decode(after, AccountClaims.class);
    assertEquals(op.signingKeys().get(0).publicKey(), now.issuer());
    assertEquals(NOW, now.claims().issuedAt().orElseThrow());
    assertEquals(
        List.of("billing.>"),
        now.claims()
            .signingKeys()
            .scope(scoped.publicKey())
            .orElseThrow()
            .template()
            .permissions()
            .pub()
            .allow());
    // Everything else is as it was.
    assertEquals(old.claims().exports(), now.claims().exports());
    assertEquals(old.claims().limits(), now.claims().limits());
    assertEquals(old.claims().name(), now.claims().name());
    assertEquals(old.claims().subject(), now.claims().subject());
    // The payload differs from the old one exactly in iat, jti and the template's pub.allow.
    String oldJson = old.payloadJson().replaceAll("\"(jti|iat)\":[^,]*,", "");
    String newJson = now.payloadJson().replaceAll("\"(jti|iat)\":[^,]*,", "");
    assertEquals(
        oldJson.replace(
            "\"template\":{\"pub\":{\"allow\":[\"orders.\\u003e\"]}",
            "\"template\":{\"pub\":{\"allow\":[\"billing.\\u003e\"]}"),
        newJson);
  }

  @Test
  void edit_revokeAddRemove_appliedInOrder() {
    String user = NKey.generate(NKeyType.USER).publicKey();
    String plain = NKey.generate(NKeyType.ACCOUNT).publicKey();
    String after =
        updater(op.key())
            .edit(
                orders.jwt(),
                List.of(
                    AccountEdit.revoke(user, NOW.plusMillis(1500)),
                    AccountEdit.addSigningKey(plain),
                    AccountEdit.removeSigningKey(scoped.publicKey())));
    AccountClaims c = Jwt.decode(after, AccountClaims.class).claims();
    assertEquals(Map.of(user, NOW.getEpochSecond() + 1), c.revocations().entries());
    assertEquals(List.of(plain), c.signingKeys().keys());
    assertEquals(List.of(), c.signingKeys().scopes());
  }

  @Test
  void edit_currentIssuedLater_keepsItsIssueTime() {
    Instant later = NOW.plusSeconds(3600);
    TestOperator ahead = TestOperator.create("ahead").clock(Clock.fixed(later, ZoneOffset.UTC));
    String after =
        AccountUpdater.builder(ahead.key())
            .clock(CLOCK)
            .build()
            .edit(ahead.account("a").jwt(), AccountEdit.addSigningKey(scoped.publicKey()));
    assertEquals(later, Jwt.decode(after).claims().issuedAt().orElseThrow());
  }

  @Test
  void edit_replaceScopeOfAbsentOrPlainKey_signingKeyNotFound() {
    String absent = NKey.generate(NKeyType.ACCOUNT).publicKey();
    AccountUpdater u = updater(op.key());
    SigningKeyNotFoundException none =
        assertThrows(
            SigningKeyNotFoundException.class,
            () -> u.edit(orders.jwt(), AccountEdit.replaceScope(billingScope(absent))));
    assertEquals(
        String.format(AccountEdit.NO_SUCH_SCOPE, orders.publicKey(), absent), none.getMessage());
    assertFalse(none.isPlain());
    assertEquals(orders.publicKey(), none.account());

    String withPlain = u.edit(orders.jwt(), AccountEdit.addSigningKey(absent));
    SigningKeyNotFoundException plain =
        assertThrows(
            SigningKeyNotFoundException.class,
            () -> u.edit(withPlain, AccountEdit.replaceScope(billingScope(absent))));
    assertTrue(plain.isPlain());
    assertEquals(
        String.format(AccountEdit.PLAIN_KEY, orders.publicKey(), absent), plain.getMessage());

    SigningKeyNotFoundException rm =
        assertThrows(
            SigningKeyNotFoundException.class,
            () -> u.edit(orders.jwt(), AccountEdit.removeSigningKey(absent)));
    assertEquals(
        String.format(
            AccountEdit.NO_SUCH_KEY, orders.publicKey(), absent, 1, List.of(scoped.publicKey())),
        rm.getMessage());
  }

  @Test
  void edit_signerNotTheOperators_nothingSigned() {
    NKey stranger = NKey.generate(NKeyType.OPERATOR);
    SignerNotOperatorException e =
        assertThrows(
            SignerNotOperatorException.class,
            () ->
                updater(stranger)
                    .edit(orders.jwt(), AccountEdit.addSigningKey(scoped.publicKey())));
    List<String> allowed = List.of(op.publicKey(), op.signingKeys().get(0).publicKey());
    assertEquals(allowed, e.allowed());
    assertEquals(stranger.publicKey(), e.signer());
    assertEquals(
        String.format(AccountUpdater.NOT_OPERATORS, stranger.publicKey(), allowed), e.getMessage());

    SignerNotOperatorException account =
        assertThrows(
            SignerNotOperatorException.class,
            () ->
                updater(orders.key())
                    .edit(orders.jwt(), AccountEdit.addSigningKey(scoped.publicKey())));
    assertEquals(
        String.format(AccountUpdater.NOT_OPERATOR_TYPE, NKeyType.ACCOUNT, orders.publicKey()),
        account.getMessage());
  }

  @Test
  void edit_withoutOperator_onlyTheCurrentIssuerMaySign() {
    String jwt = orders.jwt(); // issued by the operator's signing key
    String ok =
        AccountUpdater.builder(op.signingKeys().get(0))
            .clock(CLOCK)
            .build()
            .edit(jwt, AccountEdit.addSigningKey(NKey.generate(NKeyType.ACCOUNT).publicKey()));
    assertEquals(op.signingKeys().get(0).publicKey(), Jwt.decode(ok).issuer());

    SignerNotOperatorException e =
        assertThrows(
            SignerNotOperatorException.class,
            () ->
                AccountUpdater.builder(op.key())
                    .build()
                    .edit(jwt, AccountEdit.addSigningKey(scoped.publicKey())));
    String issuer = op.signingKeys().get(0).publicKey();
    assertEquals(
        String.format(
            AccountUpdater.NOT_ISSUER, op.publicKey(), orders.publicKey(), issuer, issuer),
        e.getMessage());
    assertEquals(List.of(issuer), e.allowed());
  }

  @Test
  void editFactories_badKeys_typedWithoutEchoingSeeds() {
    String seed = new String(NKey.generate(NKeyType.ACCOUNT).seed());
    AccountEditException e =
        assertThrows(AccountEditException.class, () -> AccountEdit.addSigningKey(seed));
    assertFalse(e.getMessage().contains(seed));
    assertEquals(
        String.format(AccountEdit.NOT_ACCOUNT_KEY, "addSigningKey", AccountEdit.describeKey(seed)),
        e.getMessage());
    String privateKey = new String(NKey.generate(NKeyType.ACCOUNT).privateKey());
    AccountEditException p =
        assertThrows(AccountEditException.class, () -> AccountEdit.addSigningKey(privateKey));
    assertFalse(p.getMessage().contains(privateKey.substring(0, 20)), p.getMessage());
    assertTrue(p.getMessage().contains("a value of " + privateKey.length() + " characters"));
    String user = NKey.generate(NKeyType.USER).publicKey();
    AccountEditException u =
        assertThrows(AccountEditException.class, () -> AccountEdit.removeSigningKey(user));
    assertTrue(u.getMessage().contains(user), "a public key of another type is quoted");
    assertThrows(AccountEditException.class, () -> AccountEdit.revoke(orders.publicKey(), NOW));
    assertEquals("*", AccountEdit.revoke("*", NOW).key());
    AccountEditException none =
        assertThrows(
            AccountEditException.class, () -> updater(op.key()).edit(orders.jwt(), List.of()));
    assertEquals(AccountUpdater.NO_EDITS, none.getMessage());
  }

  @Test
  void serverRef_answersKick_from210() {
    assertFalse(new ServerRef("", "", "2.9.10").answersKick());
    assertTrue(new ServerRef("", "", "2.10.0").answersKick());
    assertTrue(new ServerRef("", "", "2.14.5").answersKick());
    assertTrue(new ServerRef("", "", "v3.0.0-beta").answersKick());
    assertFalse(new ServerRef("", "", "").answersKick());
  }
}
