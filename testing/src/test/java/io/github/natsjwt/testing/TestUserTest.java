package io.github.natsjwt.testing;

import static io.github.natsjwt.testing.Fixtures.CLOCK;
import static io.github.natsjwt.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestUserTest {
  private final TestOperator op = TestOperator.create("acme").clock(CLOCK);
  private final TestAccount orders = op.account("orders");

  @TempDir Path dir;

  @Test
  void jwt_newUser_issuedByAccountWithDefaults() {
    TestUser alice = orders.user("alice");

    DecodedJwt<UserClaims> jwt = Jwt.decode(alice.jwt(), UserClaims.class);

    assertEquals(orders.publicKey(), jwt.issuer());
    assertEquals(alice.publicKey(), jwt.claims().subject());
    assertEquals("alice", jwt.claims().name());
    assertEquals("", jwt.claims().issuerAccount());
    assertEquals(Optional.of(NOW), jwt.claims().issuedAt());
    // The reference's defaults for a new user: no limits, no permission restrictions.
    assertEquals(UserPermissionLimits.NO_LIMIT, jwt.claims().permissionLimits().subs());
    assertTrue(jwt.claims().permissions().isEmpty());
    assertTrue(orders.claims().didSign(jwt.claims()));
  }

  @Test
  void permissionsAndLimits_set_inClaims() {
    TestUser alice =
        orders
            .user("alice")
            .pubAllow("orders.>")
            .pubDeny("orders.secret")
            .subAllow("_INBOX.>", "work.* q")
            .subDeny("work.private")
            .allowResponses(1, Duration.ofSeconds(5))
            .subs(10)
            .data(1024)
            .payload(128)
            .bearer(true)
            .expiresAt(NOW.plusSeconds(60))
            .tags("team:red");

    UserClaims claims = Jwt.decode(alice.jwt(), UserClaims.class).claims();

    assertEquals(
        new Permission(List.of("orders.>"), List.of("orders.secret")), claims.permissions().pub());
    assertEquals(
        new Permission(List.of("_INBOX.>", "work.* q"), List.of("work.private")),
        claims.permissions().sub());
    assertEquals(
        Optional.of(new ResponsePermission(1, Duration.ofSeconds(5))), claims.permissions().resp());
    assertEquals(10, claims.permissionLimits().subs());
    assertEquals(1024, claims.permissionLimits().data());
    assertEquals(128, claims.permissionLimits().payload());
    assertTrue(claims.isBearerToken());
    assertEquals(Optional.of(NOW.plusSeconds(60)), claims.expiresAt());
    assertEquals(List.of("team:red"), claims.tags());
  }

  @Test
  void signedBySigningKey_issuerAccountSet_accountDidSign() {
    orders.signingKey();
    TestUser carol = orders.user("carol").signedBySigningKey();

    DecodedJwt<UserClaims> jwt = Jwt.decode(carol.jwt(), UserClaims.class);

    assertEquals(orders.signingKeys().get(0).publicKey(), jwt.issuer());
    assertEquals(orders.publicKey(), jwt.claims().issuerAccount());
    assertTrue(orders.claims().didSign(jwt.claims()));
  }

  @Test
  void signedBySigningKey_accountHasNone_throws() {
    TestUser carol = orders.user("carol");

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, carol::signedBySigningKey);

    assertEquals(
        "account orders has no signing key to issue users with; call signingKey() on it first",
        e.getMessage());
  }

  @Test
  void scoped_role_emptyUserAcceptedByScope() {
    orders.scopedSigningKey(
        "reader", UserPermissionLimits.builder().sub(Permission.allowing("orders.>")).build());
    TestUser bob = orders.user("bob").scoped("reader");

    UserClaims claims = Jwt.decode(bob.jwt(), UserClaims.class).claims();
    AccountClaims account = orders.claims();
    String scopedKey = orders.scopedKey("reader").orElseThrow().publicKey();

    assertEquals(scopedKey, claims.issuer());
    assertEquals(orders.publicKey(), claims.issuerAccount());
    assertTrue(account.didSign(claims));
    assertEquals(
        Optional.empty(),
        account.signingKeys().scope(scopedKey).orElseThrow().scopedSignerProblem(claims));
  }

  @Test
  void scoped_userWithOwnPermissions_scopeRejectsIt() {
    orders.scopedSigningKey("reader", UserPermissionLimits.EMPTY);
    TestUser bob = orders.user("bob").scoped("reader").pubAllow("x");

    UserClaims claims = Jwt.decode(bob.jwt(), UserClaims.class).claims();
    String scopedKey = orders.scopedKey("reader").orElseThrow().publicKey();

    assertEquals(
        Optional.of("scoped users require no permissions or limits set"),
        orders.claims().signingKeys().scope(scopedKey).orElseThrow().scopedSignerProblem(claims));
  }

  @Test
  void scoped_unknownRole_throwsListingRoles() {
    orders.scopedSigningKey("reader", UserPermissionLimits.EMPTY);

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> orders.user("bob").scoped("writer"));

    assertEquals(
        "account orders has no scoped signing key for role writer (roles: [reader]); call"
            + " scopedSigningKey(role, template) on it first",
        e.getMessage());
  }

  @Test
  void signedBy_strangerAccount_issuerAccountNamesOwnAccount() {
    NKey stranger = NKey.generate(NKeyType.ACCOUNT);
    TestUser eve = orders.user("eve").signedBy(stranger);

    UserClaims claims = Jwt.decode(eve.jwt(), UserClaims.class).claims();

    assertEquals(stranger.publicKey(), claims.issuer());
    assertEquals(orders.publicKey(), claims.issuerAccount());
    assertFalse(orders.claims().didSign(claims));
  }

  @Test
  void customize_appliedLast() {
    TestUser alice = orders.user("alice").customize(b -> b.addSrc("127.0.0.1/32"));

    assertEquals(List.of("127.0.0.1/32"), alice.claims().permissionLimits().src());
  }

  @Test
  void writeCreds_plainName_ownerOnlyFileWithJwtAndSeed() throws Exception {
    TestUser alice = orders.user("alice").pubAllow("orders.>");

    Path creds = alice.writeCreds(dir.resolve("sub"));

    assertEquals(dir.resolve("sub/alice.creds"), creds);
    Fixtures.Creds parsed = Fixtures.parseCreds(Files.readString(creds));
    assertEquals(alice.publicKey(), NKey.fromSeed(parsed.seed()).publicKey());
    DecodedJwt<UserClaims> jwt = Jwt.decode(parsed.jwt(), UserClaims.class);
    assertEquals(alice.publicKey(), jwt.claims().subject());
    assertEquals(orders.publicKey(), jwt.issuer());
    if (Files.getFileStore(creds).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
    }
  }

  @Test
  void writeCreds_existingFile_replacedOwnerOnly() throws Exception {
    Path file = dir.resolve("alice.creds");
    Files.writeString(file, "old text that is longer than nothing at all ".repeat(100));
    TestUser alice = orders.user("alice");

    alice.writeCredsTo(file);

    assertEquals(
        alice.publicKey(),
        NKey.fromSeed(Fixtures.parseCreds(Files.readString(file)).seed()).publicKey());
    assertFalse(Files.readString(file).contains("old text"));
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void writeCreds_nameNotAFileName_usesPublicKey() {
    TestUser odd = orders.user("../odd name");

    assertEquals(dir.resolve(odd.publicKey() + ".creds"), odd.writeCreds(dir));
  }

  @Test
  void writeCreds_folderIsAFile_throws() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    TestUser alice = orders.user("alice");

    TestCredentialsException e =
        assertThrows(TestCredentialsException.class, () -> alice.writeCreds(blocker.resolve("d")));

    assertTrue(
        e.getMessage().startsWith("cannot create the folder " + blocker.resolve("d")),
        e.getMessage());
  }

  @Test
  void creds_text_sameAsWrittenFile() throws Exception {
    TestUser alice = orders.user("alice");

    // With a fixed clock the JWT, and so the creds text, is the same each time.
    assertEquals(Files.readString(alice.writeCreds(dir)), alice.creds());
  }

  @Test
  void toString_noSeed() {
    TestUser alice = orders.user("alice");

    assertEquals("TestUser[alice, " + alice.publicKey() + ", account=orders]", alice.toString());
    assertEquals(
        "TestAccount[orders, " + orders.publicKey() + ", users=[alice]]", orders.toString());
  }
}
