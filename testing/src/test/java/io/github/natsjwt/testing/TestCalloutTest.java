package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestCalloutTest {
  private final TestOperator op = TestOperator.create("acme").clock(CLOCK);

  /** The JSON payload of a JWT as sent, read without the library's decoder. */
  private static String payload(String jwt) {
    return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  @Test
  void authCallout_plain_accountJwtListsServiceUserOnly() {
    TestAccount auth = op.account("AUTH");
    TestCallout callout = auth.authCallout();

    String json = payload(auth.jwt());

    // Go's field order and omitempty (nats-io/jwt v2 ExternalAuthorization)
    assertTrue(
        json.contains(
            "\"authorization\":{\"auth_users\":[\"" + callout.serviceUser().publicKey() + "\"]}"),
        json);
    assertEquals(TestCallout.SERVICE_USER_NAME, callout.serviceUser().name());
    assertSame(auth, callout.account().orElseThrow());
    assertTrue(callout.isOperatorMode());
    assertEquals(auth.publicKey(), callout.issuerAccount());
    assertEquals(Optional.empty(), callout.xkey());
    assertEquals(Optional.empty(), callout.targetAccount());
  }

  @Test
  void authCallout_xkeyAllowedAccountsAndMoreAuthUsers_inTheAuthorizationBlock() {
    TestAccount app = op.account("APP");
    TestAccount auth = op.account("AUTH");
    TestUser admin = auth.user("admin");
    TestCallout callout = auth.authCallout().encrypted().allowedAccounts(app).authUser(admin);

    String json = payload(op.serverConfig().build().preloads().get(auth.publicKey()));

    String xkey = callout.xkey().orElseThrow().publicKey();
    assertTrue(xkey.startsWith("X"), xkey);
    assertTrue(
        json.contains(
            "\"authorization\":{\"auth_users\":[\""
                + callout.serviceUser().publicKey()
                + "\",\""
                + admin.publicKey()
                + "\"],\"allowed_accounts\":[\""
                + app.publicKey()
                + "\"],\"xkey\":\""
                + xkey
                + "\"}"),
        json);
    AccountClaims claims = Jwt.decode(auth.jwt(), AccountClaims.class).claims();
    assertTrue(claims.validate(Fixtures.NOW).isEmpty(), claims.validate(Fixtures.NOW).toString());
  }

  @Test
  void sentinel_madeOnce_notAnAuthUser() {
    TestAccount auth = op.account("AUTH");
    TestCallout callout = auth.authCallout();

    TestUser sentinel = callout.sentinel();

    assertSame(sentinel, callout.sentinel());
    assertEquals(auth, sentinel.account());
    assertFalse(callout.authorization().authUsers().contains(sentinel.publicKey()));
  }

  @Test
  void encrypted_deterministicOperator_sameXkeyEveryRun() {
    String first =
        TestOperator.deterministic("acme", "phrase")
            .account("AUTH")
            .authCallout()
            .encrypted()
            .xkey()
            .orElseThrow()
            .publicKey();
    String again =
        TestOperator.deterministic("acme", "phrase")
            .account("AUTH")
            .authCallout()
            .encrypted()
            .xkey()
            .orElseThrow()
            .publicKey();
    String other =
        TestOperator.deterministic("acme", "other phrase")
            .account("AUTH")
            .authCallout()
            .encrypted()
            .xkey()
            .orElseThrow()
            .publicKey();

    assertEquals(first, again);
    assertNotEquals(first, other);
  }

  @Test
  void authCallout_twice_refused() {
    TestAccount auth = op.account("AUTH");
    auth.authCallout();

    TestCredentialsException e = assertThrows(TestCredentialsException.class, auth::authCallout);
    assertTrue(e.getMessage().contains("already is the callout account"), e.getMessage());
  }

  @Test
  void authUser_ofAnotherAccount_refused() {
    TestCallout callout = op.account("AUTH").authCallout();
    TestUser stranger = op.account("APP").user("bob");

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> callout.authUser(stranger));
    assertTrue(e.getMessage().contains("belongs to account APP"), e.getMessage());
  }

  @Test
  void configMode_serverConfig_writesAccountsUserAndAuthCallout() {
    NKey curve = NKey.generate(NKeyType.CURVE);
    TestCallout callout = TestCallout.configMode("APP").xkey(curve);

    ServerConfig config = callout.serverConfig().build();
    String text = config.render();

    assertEquals(
        List.of(TestCallout.CONFIG_MODE_ACCOUNT, "APP"),
        config.accounts().stream().map(a -> a.name()).toList());
    assertTrue(
        text.contains(
            "authorization: {\n  auth_callout: {\n    issuer: \""
                + callout.issuerAccount()
                + "\"\n    account: \"AUTH\"\n    auth_users: [\"callout\"]\n    xkey: \""
                + curve.publicKey()
                + "\"\n"),
        text);
    // the password is written as a bcrypt hash, never as given
    assertFalse(text.contains(callout.servicePassword()), text);
    assertTrue(text.contains("$2a$") || text.contains("$2b$"), text);
    assertFalse(callout.isOperatorMode());
    assertEquals(Optional.of("APP"), callout.targetAccount());
    assertEquals(NKeyType.ACCOUNT, callout.issuer().type());
  }

  @Test
  void configMode_allowedAccounts_declaredAndListed() {
    TestCallout callout = TestCallout.configMode("APP").allowedAccounts("OTHER");

    ServerConfig config = callout.serverConfig().build();

    assertEquals(
        List.of("AUTH", "APP", "OTHER"), config.accounts().stream().map(a -> a.name()).toList());
    assertEquals(List.of("OTHER"), config.authCallout().orElseThrow().allowedAccounts());
  }

  @Test
  void configMode_passwordsDifferPerSetup() {
    assertNotEquals(
        TestCallout.configMode("APP").servicePassword(),
        TestCallout.configMode("APP").servicePassword());
  }

  @Test
  void configMode_operatorOnlyMethods_refusedWithTheRightHint() {
    TestCallout callout = TestCallout.configMode("APP");

    assertTrue(
        assertThrows(TestCredentialsException.class, callout::serviceUser)
            .getMessage()
            .contains("operator-mode callout"));
    assertThrows(TestCredentialsException.class, callout::sentinel);
    assertThrows(TestCredentialsException.class, () -> callout.allowedAccounts(op.account("APP")));
    assertThrows(
        TestCredentialsException.class, () -> op.account("AUTH").authCallout().authCallout());
    assertThrows(
        TestCredentialsException.class, () -> op.account("X").authCallout().servicePassword());
  }

  @Test
  void configMode_badArguments_refused() {
    assertThrows(TestCredentialsException.class, () -> TestCallout.configMode(" "));
    assertThrows(
        TestCredentialsException.class,
        () -> TestCallout.configMode(TestCallout.CONFIG_MODE_ACCOUNT));
    assertThrows(
        TestCredentialsException.class,
        () -> TestCallout.configMode("APP", NKey.generate(NKeyType.USER)));
    assertThrows(
        TestCredentialsException.class,
        () -> TestCallout.configMode("APP").xkey(NKey.generate(NKeyType.ACCOUNT)));
  }

  @Test
  void toString_namesPublicKeysOnly() {
    TestCallout config = TestCallout.configMode("APP").encrypted();
    TestCallout operator = op.account("AUTH").authCallout();

    assertFalse(config.toString().contains(config.servicePassword()), config.toString());
    assertTrue(config.toString().contains(config.issuerAccount()), config.toString());
    assertFalse(config.toString().contains(new String(config.issuer().seed())), config.toString());
    assertFalse(
        config.toString().contains(new String(config.xkey().orElseThrow().seed())),
        config.toString());
    assertTrue(operator.toString().startsWith("TestCallout[operator mode, account AUTH"));
  }
}
