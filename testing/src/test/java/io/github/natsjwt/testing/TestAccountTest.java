package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static io.github.natsjwt.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestAccountTest {
  private final TestOperator op = TestOperator.create("acme").clock(CLOCK);

  @Test
  void jwt_newAccount_unlimitedAndValid() {
    TestAccount orders = op.account("orders");

    DecodedJwt<AccountClaims> jwt = Jwt.decode(orders.jwt(), AccountClaims.class);

    assertEquals(orders.publicKey(), jwt.claims().subject());
    assertEquals("orders", jwt.claims().name());
    assertEquals(OperatorLimits.UNLIMITED, jwt.claims().limits());
    assertTrue(jwt.claims().validate(NOW).isEmpty(), jwt.claims().validate(NOW).toString());
  }

  @Test
  void limits_change_appliedToCurrent() {
    TestAccount orders = op.account("orders").limits(l -> l.conn(5)).limits(l -> l.payload(64));

    OperatorLimits limits = orders.claims().limits();

    assertEquals(5, limits.conn());
    assertEquals(64, limits.payload());
    assertEquals(OperatorLimits.NO_LIMIT, limits.subs());
    assertEquals(OperatorLimits.EMPTY, orders.limits(OperatorLimits.EMPTY).claims().limits());
  }

  @Test
  void signingKeys_plainAndScoped_inClaims() {
    UserPermissionLimits template =
        UserPermissionLimits.builder().pub(Permission.allowing("orders.read")).build();
    TestAccount orders = op.account("orders").signingKey().scopedSigningKey("reader", template);

    AccountClaims claims = orders.claims();
    NKey plain = orders.signingKeys().get(0);
    NKey scoped = orders.scopedKey("reader").orElseThrow();

    assertTrue(claims.signingKeys().contains(plain.publicKey()));
    assertEquals(Optional.empty(), claims.signingKeys().scope(plain.publicKey()));
    UserScope scope = claims.signingKeys().scope(scoped.publicKey()).orElseThrow();
    assertEquals("reader", scope.role());
    assertEquals(template, scope.template());
    assertEquals(Optional.empty(), orders.scopedKey("writer"));
  }

  @Test
  void scopedSigningKey_duplicateRole_throws() {
    TestAccount orders = op.account("orders").scopedSigningKey("r", UserPermissionLimits.EMPTY);

    TestCredentialsException e =
        assertThrows(
            TestCredentialsException.class,
            () -> orders.scopedSigningKey("r", UserPermissionLimits.EMPTY));

    assertEquals("account orders already has a scoped signing key for role r", e.getMessage());
  }

  @Test
  void importService_publicExport_noToken() {
    TestAccount orders = op.account("orders").exportService("orders.create");
    TestAccount shop = op.account("shop").importService(orders, "orders.create");

    Import imported = shop.claims().imports().get(0);

    assertEquals(orders.publicKey(), imported.account());
    assertEquals("orders.create", imported.subject());
    assertEquals(ExportType.SERVICE, imported.type());
    assertEquals("", imported.token());
    assertTrue(shop.claims().validate(NOW).isEmpty(), shop.claims().validate(NOW).toString());
  }

  @Test
  void importStream_privateExport_activationTokenFromExporter() {
    TestAccount news =
        op.account("news").export(Export.stream("news.>").tokenRequired(true).build());
    TestAccount reader = op.account("reader").importStream(news, "news.sport.>");

    Import imported = reader.claims().imports().get(0);
    DecodedJwt<ActivationClaims> token = Jwt.decode(imported.token(), ActivationClaims.class);

    assertEquals(news.publicKey(), token.issuer());
    assertEquals(reader.publicKey(), token.claims().subject());
    assertEquals("news.sport.>", token.claims().importSubject());
    assertEquals(ExportType.STREAM, token.claims().kind());
    // The account JWT's own validation checks the embedded token (spec trust-chain.md section 2).
    assertTrue(reader.claims().validate(NOW).isEmpty(), reader.claims().validate(NOW).toString());
  }

  @Test
  void importService_privateExportOfOtherKind_noToken() {
    TestAccount news =
        op.account("news").export(Export.stream("news.>").tokenRequired(true).build());
    TestAccount reader = op.account("reader").importService(news, "news.x");

    assertEquals("", reader.claims().imports().get(0).token());
  }

  @Test
  void addImport_given_keptAsIs() {
    TestAccount other = op.account("other");
    Import given = Import.stream(other.publicKey(), "x").name("mine").build();

    assertEquals(List.of(given), op.account("mine").addImport(given).claims().imports());
  }

  @Test
  void revoke_user_revokedAtClockTime() {
    TestAccount orders = op.account("orders");
    TestUser alice = orders.user("alice");
    orders.revoke(alice);

    UserClaims user = Jwt.decode(alice.jwt(), UserClaims.class).claims();

    // Spec trust-chain.md section 3.3: revoked when the revocation time is at or after iat.
    assertTrue(orders.claims().isClaimRevoked(user));
    assertFalse(
        orders.revoke(alice.publicKey(), NOW.minusSeconds(1)).claims().isClaimRevoked(user));
  }

  @Test
  void expiresAt_set_inJwt() {
    TestAccount orders = op.account("orders").expiresAt(NOW.plusSeconds(60));

    assertEquals(Optional.of(NOW.plusSeconds(60)), orders.claims().expiresAt());
  }

  @Test
  void signedBy_stranger_issuerIsStranger() {
    NKey stranger = NKey.generate(NKeyType.OPERATOR);
    TestAccount orders = op.account("orders").signedBy(stranger);

    assertEquals(stranger.publicKey(), Jwt.decode(orders.jwt()).issuer());
    assertEquals(op.publicKey(), Jwt.decode(orders.signedBy(null).jwt()).issuer());
  }

  @Test
  void customize_appliedLast() {
    TestAccount orders =
        op.account("orders").limits(l -> l.conn(1)).customize(b -> b.description("d"));

    assertEquals("d", orders.claims().description());
    assertEquals(1, orders.claims().limits().conn());
  }

  @Test
  void user_duplicateName_throws() {
    TestAccount orders = op.account("orders");
    orders.user("alice");

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> orders.user("alice"));

    assertEquals(
        "account orders already has a user named alice; keep the TestUser that the first"
            + " user(...) call returned",
        e.getMessage());
    assertEquals(1, orders.users().size());
  }

  @Test
  void activationToken_signedByExporterWithClock() {
    TestAccount news = op.account("news");
    TestAccount reader = op.account("reader");

    DecodedJwt<ActivationClaims> token =
        Jwt.decode(news.activationToken(reader, "svc", ExportType.SERVICE), ActivationClaims.class);

    assertEquals(news.publicKey(), token.issuer());
    assertEquals(Optional.of(NOW), token.claims().issuedAt());
    assertEquals(ExportType.SERVICE, token.claims().kind());
  }
}
