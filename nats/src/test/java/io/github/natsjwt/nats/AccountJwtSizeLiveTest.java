package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.TokenSize;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.TokenTooLargeException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestAccount;
import io.github.natsjwt.testing.TestOperator;
import io.github.natsjwt.testing.TestUser;
import io.nats.client.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoped-key projection of {@link TokenSize} against real servers with a full resolver: an
 * account with the projected number of per-user scoped keys is accepted, one with a key more is
 * refused, on every series. What refuses it differs: with the default {@code max_payload} (1 MiB)
 * the push cannot be sent at all (the JWT is the request payload); with a larger {@code
 * max_payload}, nats-server 2.14 refuses the token (its 1 MiB cap) while 2.9 and 2.10, which have
 * no cap, store it.
 */
class AccountJwtSizeLiveTest {
  private static final String CLAIMS_UPDATE = "$SYS.REQ.CLAIMS.UPDATE";
  private static final UserPermissionLimits TEMPLATE =
      UserPermissionLimits.builder()
          .pub(Permission.allowing("tenant.{{name()}}.>", "_INBOX.>"))
          .sub(Permission.allowing("tenant.{{name()}}.>", "_INBOX.>"))
          .build();

  @TempDir Path dir;

  private static UserScope scope(int i) {
    byte[] seed = new byte[32];
    ByteBuffer.wrap(seed).putInt(i).putInt(0x5c09ed);
    return UserScope.builder(NKey.fromRawSeed(NKeyType.ACCOUNT, seed).publicKey())
        .role("tenant")
        .template(TEMPLATE)
        .build();
  }

  private static AccountClaims withScopes(AccountClaims base, long count) {
    AccountClaims.Builder b = base.toBuilder();
    for (int i = 0; i < count; i++) {
      b.addScopedSigningKey(scope(i));
    }
    return b.build();
  }

  @NatsServerMatrix
  void push_scopedKeysAroundTheProjection_bracketedByTheCap(NatsServerVersion version)
      throws Exception {
    TestOperator op = TestOperator.create("size");
    TestAccount tenants = op.account("tenants");
    AccountClaims base = Jwt.decode(tenants.jwt(), AccountClaims.class).claims();
    long entry = TokenSize.scopeEntryBytes(scope(0));
    long projected = TokenSize.of(base).scopedKeysThatFit(entry, TokenSize.MAX_TOKEN_BYTES);

    String largest = Jwt.encode(withScopes(base, projected), op.key(), op.clock());
    AccountClaims oneMore = withScopes(base, projected + 1);
    TokenTooLargeException refused =
        assertThrows(TokenTooLargeException.class, () -> Jwt.encode(oneMore, op.key(), op.clock()));
    String over = Jwt.encode(oneMore, op.key(), op.clock(), 2 * Jwt.MAX_TOKEN_BYTES);
    assertTrue(largest.length() <= Jwt.MAX_TOKEN_BYTES);
    assertTrue(over.length() > Jwt.MAX_TOKEN_BYTES);
    System.out.printf(
        "%s projected %d scoped keys of %d bytes: %d -> %d bytes, %d -> %d bytes (%s)%n",
        version.label(),
        projected,
        entry,
        projected,
        largest.length(),
        projected + 1,
        over.length(),
        refused.largestFields().get(0));

    // The cap itself, to the byte: the largest account padded (by its name) to exactly 1 MiB,
    // and one byte more.
    AccountClaims fits = withScopes(base, projected);
    long pad = 786_331 - TokenSize.of(fits).payloadBytes(); // 786,331 payload bytes: 1 MiB token
    AccountClaims exact = fits.toBuilder().name(fits.name() + "x".repeat((int) pad)).build();
    String mebibyte = Jwt.encode(exact, op.key(), op.clock());
    String mebibytePlusOne =
        Jwt.encode(
            exact.toBuilder().name(exact.name() + "x").build(),
            op.key(),
            op.clock(),
            Jwt.MAX_TOKEN_BYTES + 1);
    assertEquals(Jwt.MAX_TOKEN_BYTES, mebibyte.length());
    assertEquals(Jwt.MAX_TOKEN_BYTES + 1, mebibytePlusOne.length());

    // Default max_payload (1 MiB): the largest is stored, one key more cannot even be sent.
    try (NatsServer server = version.start(fullResolver(op, "default").build());
        Clients.Client sys = system(op, server)) {
      List<PushResult> results = client(sys).push(largest);
      assertEquals("jwt updated", results.get(0).message());
      assertEquals(
          largest,
          client(sys).lookup(tenants.publicKey()).orElseThrow(),
          "the server stored the largest token");
      assertEquals("jwt updated", client(sys).push(mebibyte).get(0).message());
      assertThrows(TokenTooLargeException.class, () -> client(sys).push(over));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              sys.connection()
                  .request(CLAIMS_UPDATE, bytes(mebibytePlusOne), Duration.ofSeconds(5)));
      IllegalArgumentException unsent =
          assertThrows(
              IllegalArgumentException.class,
              () -> sys.connection().request(CLAIMS_UPDATE, bytes(over), Duration.ofSeconds(5)));
      System.out.printf(
          "%s max_payload 1048576: %d bytes -> %s; %d bytes -> not sent: %s%n",
          version.label(),
          largest.length(),
          results.get(0).message(),
          over.length(),
          unsent.getMessage());
    }

    // A larger max_payload: only the token cap (2.14) stands between the push and the store.
    try (NatsServer server = version.start(fullResolver(op, "large").maxPayload(4L << 20).build());
        Clients.Client sys = system(op, server)) {
      Path file = dir.resolve("large").resolve(tenants.publicKey() + ".jwt");
      for (String token : List.of(mebibyte, mebibytePlusOne, over)) {
        Message reply =
            sys.connection().request(CLAIMS_UPDATE, bytes(token), Duration.ofSeconds(10));
        String text = new String(reply.getData(), StandardCharsets.UTF_8);
        int verdict = Math.max(text.indexOf("\"data\""), text.indexOf("\"error\""));
        System.out.printf(
            "%s max_payload 4194304: %d bytes -> %s%n",
            version.label(), token.length(), text.substring(Math.max(0, verdict)));
        boolean stored = Files.readString(file).equals(token);
        if (token.length() <= Jwt.MAX_TOKEN_BYTES || !version.series().equals("2.14")) {
          assertTrue(text.contains("jwt updated"), text);
          assertTrue(stored, "stored");
        } else {
          assertTrue(
              text.contains("token size " + token.length() + " exceeds maximum of 1048576 bytes"),
              text);
          assertTrue(!stored, "2.14 stores nothing over its cap");
        }
      }
    }
  }

  private static byte[] bytes(String token) {
    return token.getBytes(StandardCharsets.US_ASCII);
  }

  private ServerConfig.Builder fullResolver(TestOperator op, String store) {
    return op.fullResolverConfig(dir.resolve(store));
  }

  private Clients.Client system(TestOperator op, NatsServer server) throws Exception {
    TestUser admin = op.systemAccount().user("admin-" + System.nanoTime());
    return Clients.connect(server, admin.writeCreds(dir));
  }

  private static AccountJwtClient client(Clients.Client c) {
    return AccountJwtClient.builder(c.connection())
        .expectedServers(1)
        .timeout(Duration.ofSeconds(10))
        .build();
  }
}
