package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.trust.AccountResolutionException;
import io.nats.client.Connection;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client refuses before sending anything: no server needed. */
class AccountJwtClientTest {
  private final TestOperator op = TestOperator.create("acme");
  private final TestAccount orders = op.account("orders");

  /** A client whose connection fails the test if it is used at all. */
  static AccountJwtClient offline() {
    Connection untouchable =
        (Connection)
            Proxy.newProxyInstance(
                AccountJwtClientTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("toString")) {
                    return "untouchable";
                  }
                  return fail("nothing may be sent, but " + method.getName() + " was called");
                });
    return AccountJwtClient.of(untouchable);
  }

  @Test
  void push_notAJwt_malformedJwtBeforeSending() {
    assertThrows(MalformedJwtException.class, () -> offline().push("not a jwt"));
  }

  @Test
  void push_tamperedSignature_signatureMismatchBeforeSending() {
    String jwt = orders.jwt();
    int dot = jwt.lastIndexOf('.');
    char c = jwt.charAt(dot + 1) == 'A' ? 'B' : 'A';
    String tampered = jwt.substring(0, dot + 1) + c + jwt.substring(dot + 2);

    assertThrows(SignatureMismatchException.class, () -> offline().push(tampered));
  }

  @Test
  void push_userJwt_claimTypeMismatchBeforeSending() {
    String userJwt = orders.user("alice").jwt();

    assertThrows(ClaimTypeMismatchException.class, () -> offline().push(userJwt));
  }

  @Test
  void lookup_invalidAccountKey_refusedBeforeSending() {
    AccountJwtClientException e =
        assertThrows(AccountJwtClientException.class, () -> offline().lookup("A\nforged"));

    assertEquals(
        "\"A\\u000aforged\" is not a valid account public key (56 characters starting with 'A');"
            + " nothing was sent.",
        e.getMessage());
    assertEquals("", e.subject());
  }

  @Test
  void lookup_userKey_refusedBeforeSending() {
    String userKey = orders.user("alice").publicKey();

    assertThrows(AccountJwtClientException.class, () -> offline().lookup(userKey));
  }

  @Test
  void delete_accountSigner_refusedBeforeSending() {
    AccountJwtClientException e =
        assertThrows(
            AccountJwtClientException.class,
            () -> offline().delete(orders.key(), orders.publicKey()));

    assertTrue(e.getMessage().contains("but the signer is a ACCOUNT key"), e.getMessage());
  }

  @Test
  void delete_noAccounts_refusedBeforeSending() {
    AccountJwtClientException e =
        assertThrows(AccountJwtClientException.class, () -> offline().delete(op.key(), List.of()));

    assertEquals(AccountJwtClient.NO_ACCOUNTS, e.getMessage());
  }

  @Test
  void delete_invalidAccountKey_refusedBeforeSending() {
    assertThrows(
        AccountJwtClientException.class,
        () -> offline().delete(op.key(), orders.publicKey(), op.publicKey()));
  }

  @Test
  void resolver_invalidKey_accountResolutionException() {
    NatsAccountResolver resolver = NatsAccountResolver.of(offline());

    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> resolver.fetch("nope"));
    assertEquals("nope", e.account());
  }

  @Test
  void builder_outOfRangeSettings_illegalArgument() {
    Connection c =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);
    AccountJwtClient.Builder b = AccountJwtClient.builder(c);

    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> b.settle(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.expectedServers(-1));
    assertThrows(IllegalArgumentException.class, () -> b.maxReplyBytes(10));
    assertEquals(AccountJwtClient.DEFAULT_TIMEOUT, b.build().timeout());
  }
}
