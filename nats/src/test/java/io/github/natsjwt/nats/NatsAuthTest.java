package io.github.natsjwt.nats;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.AuthHandler;
import org.junit.jupiter.api.Test;

class NatsAuthTest {
  @Test
  void nkey_userKey_sendsKeyAndSignatureNoJwt() {
    try (NKey user = NKey.generate(NKeyType.USER)) {
      AuthHandler h = NatsAuth.nkey(user);
      byte[] nonce = "nonce-123".getBytes(UTF_8);

      assertArrayEquals(user.publicKey().toCharArray(), h.getID());
      assertNull(h.getJWT());
      assertTrue(NKey.fromPublicKey(user.publicKey()).verify(nonce, h.sign(nonce)));
      assertTrue(h.toString().contains(user.publicKey()));
    }
  }

  @Test
  void nkey_accountKey_throwsNamingTheType() {
    try (NKey account = NKey.generate(NKeyType.ACCOUNT)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NatsAuth.nkey(account));
      assertEquals(
          String.format(NatsAuth.NOT_USER, "account", account.publicKey()), e.getMessage());
    }
  }

  @Test
  void creds_sendsJwtAndSignsWithSeed() {
    TestUser alice = TestOperator.create("acme").account("orders").user("alice");
    try (Creds creds = Creds.parse(alice.creds())) {
      AuthHandler h = NatsAuth.creds(creds);
      byte[] nonce = "n".getBytes(UTF_8);

      assertEquals(creds.jwt(), new String(h.getJWT()));
      assertArrayEquals(alice.publicKey().toCharArray(), h.getID());
      assertTrue(NKey.fromPublicKey(alice.publicKey()).verify(nonce, h.sign(nonce)));
    }
  }
}
