package io.github.natsjwt.cli.trust;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static io.github.natsjwt.cli.trust.TrustFixtures.ACCOUNT;
import static io.github.natsjwt.cli.trust.TrustFixtures.ACCOUNT_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.AT;
import static io.github.natsjwt.cli.trust.TrustFixtures.ISSUED;
import static io.github.natsjwt.cli.trust.TrustFixtures.NOW;
import static io.github.natsjwt.cli.trust.TrustFixtures.OPERATOR;
import static io.github.natsjwt.cli.trust.TrustFixtures.OPERATOR_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.OTHER_OPERATOR;
import static io.github.natsjwt.cli.trust.TrustFixtures.OTHER_USER;
import static io.github.natsjwt.cli.trust.TrustFixtures.SCOPED_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.STRANGER_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.USER;
import static io.github.natsjwt.cli.trust.TrustFixtures.account;
import static io.github.natsjwt.cli.trust.TrustFixtures.accountJwt;
import static io.github.natsjwt.cli.trust.TrustFixtures.creds;
import static io.github.natsjwt.cli.trust.TrustFixtures.operatorJwt;
import static io.github.natsjwt.cli.trust.TrustFixtures.scope;
import static io.github.natsjwt.cli.trust.TrustFixtures.scopedUser;
import static io.github.natsjwt.cli.trust.TrustFixtures.sign;
import static io.github.natsjwt.cli.trust.TrustFixtures.user;
import static io.github.natsjwt.cli.trust.TrustFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.JwtVectors;
import io.github.natsjwt.trust.ConnectionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyCommandTest {
  /** A nonce as a server sends it in INFO: 15 base64url characters. */
  private static final String NONCE = "PcX8LqAFa2Y9h3w";

  @TempDir Path dir;

  private Path operator;
  private Path account;

  @BeforeEach
  void writeChain() {
    operator = write(dir, "operator.jwt", operatorJwt());
    account = write(dir, "account.jwt", accountJwt(account()));
  }

  // ------------------------------------------------------------------ helpers

  /** A report row at the first indentation level: label padded to the value column. */
  private static String row(String label, String value) {
    return "\n  " + label + " ".repeat(22 - label.length()) + value + "\n";
  }

  private Path userFile(UnaryOperator<UserClaims.Builder> change) {
    return write(dir, "user.jwt", sign(change.apply(user()).build(), ACCOUNT));
  }

  private Path credsFile(UnaryOperator<UserClaims.Builder> change) {
    return write(dir, "user.creds", creds(sign(change.apply(user()).build(), ACCOUNT)));
  }

  private Result verify(Path accountFile, Path userFile, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--operator",
                operator.toString(),
                "--account",
                accountFile.toString(),
                "--at",
                AT));
    args.addAll(List.of(more));
    args.add(userFile.toString());
    return run(args.toArray(new String[0]));
  }

  private static void assertRejected(String rule, Result r) {
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("rejected: " + rule + "\n"), r::toString);
    assertEquals("natsjwt: the server would reject this user (" + rule + ")\n", r.stderr());
  }

  private static void assertBadInput(Result r) {
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: "), r::toString);
    assertFalse(r.stderr().contains("\tat "), r::toString);
    assertEquals("", r.stdout(), r::toString);
  }

  // ------------------------------------------------------------------ accepted

  @Test
  void verify_credsFile_signsFreshNonceAndShowsChainPermissionsLimits() {
    Path creds =
        credsFile(
            u ->
                u.pub(Permission.allowing("orders.>").withDenied("orders.secret"))
                    .sub(Permission.allowing("_INBOX.>"))
                    .resp(new ResponsePermission(1, Duration.ofSeconds(5)))
                    .subs(100)
                    .payload(4096)
                    .expiresAt(NOW.plus(Duration.ofDays(1))));

    Result r = verify(account, creds);

    assertEquals(0, r.exitCode(), r::toString);
    String out = r.stdout();
    assertTrue(out.startsWith("accepted\nchain\n"), r::toString);
    assertTrue(out.contains(row("operator", OPERATOR.publicKey() + " \"OP\" (trusted)")), out);
    assertTrue(
        out.contains(
            row(
                "account",
                ACCOUNT.publicKey()
                    + " \"ACCA\", issued by operator signing key "
                    + OPERATOR_SK.publicKey())),
        out);
    assertTrue(
        out.contains(row("user signer", ACCOUNT.publicKey() + " (the account's own key)")), out);
    assertTrue(out.contains(row("user", USER.publicKey() + " \"alice\"")), out);
    assertTrue(
        out.contains(row("nonce signature", "verified: the creds file's seed signed the nonce")),
        out);
    assertTrue(out.contains(row("from", "the user JWT")), out);
    assertTrue(out.contains(row("publish allow", "orders.>")), out);
    assertTrue(out.contains(row("publish deny", "orders.secret")), out);
    assertTrue(out.contains(row("subscribe allow", "_INBOX.>")), out);
    assertTrue(out.contains(row("subscribe deny", "(none)")), out);
    assertTrue(
        out.contains(
            row("responses", "may reply to requests it receives: up to 1 reply within 5s")),
        out);
    assertTrue(out.contains(row("max subscriptions", "100")), out);
    assertTrue(out.contains(row("max payload", "4096 bytes")), out);
    assertTrue(out.contains(row("bearer token", "no")), out);
    assertTrue(out.contains(row("connection types", "any")), out);
    assertTrue(
        out.contains(
            row("disconnect at", "2026-03-03 12:00:00 UTC, in 24 hours (the user JWT expires)")),
        out);
    assertTrue(
        out.contains(
            row(
                "nonce signature",
                "a fresh nonce, signed by this tool with the creds file's seed")),
        out);
    assertEquals("", r.stderr());
    assertNoSeed(r.all(), new String(USER.seed()));
  }

  @Test
  void verify_bareUserJwt_acceptedSayingTheNonceSignatureWasNotChecked() {
    Result r = verify(account, userFile(u -> u));

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout()
            .startsWith(
                "accepted, if the client holds the user's seed (the nonce signature was NOT"
                    + " checked)\n"),
        r::toString);
    assertTrue(
        r.stdout()
            .contains(row("nonce signature", "NOT CHECKED (assumed): only the user JWT was given")),
        r::toString);
    assertTrue(r.stdout().contains("give the creds file, or --nonce and --sig, to check it"));
    assertTrue(r.stdout().contains(row("disconnect at", "never")), r::toString);
  }

  @Test
  void verify_userJwtWithNonceAndSignature_checksTheSignature() {
    String sig = ConnectionContext.signNonce(NONCE, USER);

    Result r = verify(account, userFile(u -> u), "--nonce", NONCE, "--sig", sig);

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("accepted\n"), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row("nonce signature", "verified: --sig is the nonce signed with the user's seed")),
        r::toString);
    assertTrue(
        r.stdout().contains(row("nonce signature", "--sig over --nonce, as the client sent them")),
        r::toString);
  }

  @Test
  void verify_signatureFileOfAnotherKey_rejectedNonceSignatureInvalid() {
    Path sig = write(dir, "connect.sig", ConnectionContext.signNonce(NONCE, OTHER_USER) + "\n");

    Result r = verify(account, userFile(u -> u), "--nonce", NONCE, "--sig", sig.toString());

    assertRejected("NONCE_SIGNATURE_INVALID", r);
    assertTrue(
        r.stdout().contains("does not verify with user key " + USER.publicKey()), r::toString);
  }

  @Test
  void verify_signatureOfAnotherNonce_rejectedNonceSignatureInvalid() {
    String sig = ConnectionContext.signNonce("another-nonce-x", USER);

    Result r = verify(account, userFile(u -> u), "--nonce", NONCE, "--sig", sig);

    assertRejected("NONCE_SIGNATURE_INVALID", r);
  }

  @Test
  void verify_credsWithGivenNonce_signsThatNonce() {
    Result r = verify(account, credsFile(u -> u), "--nonce", NONCE);

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row("nonce signature", "--nonce, signed by this tool with the creds file's seed")),
        r::toString);
  }

  @Test
  void verify_credsOnStandardInput_signsTheNonce() throws Exception {
    byte[] creds = Files.readAllBytes(credsFile(u -> u));

    Result r =
        runWithStdin(
            creds,
            "verify",
            "--operator",
            operator.toString(),
            "--account",
            account.toString(),
            "--at",
            AT,
            "-");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("accepted\n"), r::toString);
    assertNoSeed(r.all(), new String(USER.seed()));
  }

  @Test
  void verify_userJwtOnStandardInputAndAsArgument_accepted() throws Exception {
    String jwt = Files.readString(userFile(u -> u)).strip();
    String[] base = {
      "verify", "--operator", operator.toString(), "--account", account.toString(), "--at", AT
    };

    Result fromStdin = runWithStdin(jwt + "\n", concat(base, "-"));
    Result fromArgument = run(concat(base, jwt));

    assertEquals(0, fromStdin.exitCode(), fromStdin::toString);
    assertEquals(0, fromArgument.exitCode(), fromArgument::toString);
    assertEquals(fromStdin.stdout(), fromArgument.stdout());
  }

  @Test
  void verify_operatorPublicKey_trustedAsBareKey() {
    Result r =
        run(
            "verify",
            "--operator",
            OPERATOR_SK.publicKey(),
            "--account",
            account.toString(),
            "--at",
            AT,
            userFile(u -> u).toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout().contains(row("operator", OPERATOR_SK.publicKey() + " (trusted key)")),
        r::toString);
  }

  @Test
  void verify_bearerUser_acceptedWithoutAskingForASignature() {
    Result r = verify(account, userFile(u -> u.bearerToken(true)));

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("accepted\n"), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row(
                    "nonce signature",
                    "not asked for: the user is a bearer token, so anyone holding the JWT can"
                        + " connect")),
        r::toString);
    assertTrue(r.stdout().contains(row("bearer token", "yes")), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row("nonce signature", "none given, and none needed: the user is a bearer token")),
        r::toString);
  }

  @Test
  void verify_userWithoutPermissions_getsAccountDefaults() {
    Path acc =
        write(
            dir,
            "defaults.jwt",
            accountJwt(
                account()
                    .defaultPermissions(
                        Permissions.of(Permission.allowing("public.>"), Permission.EMPTY))));

    Result r = verify(acc, userFile(u -> u));

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row("from", "the account's default permissions (the user has none of its own)")),
        r::toString);
    assertTrue(r.stdout().contains(row("publish allow", "public.>")), r::toString);
    assertTrue(r.stdout().contains(row("subscribe allow", "(any)")), r::toString);
  }

  @Test
  void verify_userSignedBySigningKey_namesTheSigner() {
    Path u =
        write(
            dir,
            "sk-user.jwt",
            sign(user().issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK));

    Result r = verify(account, u);

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row("user signer", ACCOUNT_SK.publicKey() + " (a signing key of the account)")),
        r::toString);
  }

  // ------------------------------------------------------------------ scoped keys and profiles

  @Test
  void verify_scopedUser_permissionsFromTheExpandedTemplatePerProfile() {
    UserPermissionLimits template =
        UserPermissionLimits.builder()
            .pub(Permission.allowing("x{{name()}}", "a.{{name()}}"))
            .sub(Permission.allowing("_INBOX.>"))
            .build();
    Path acc = write(dir, "scoped.jwt", accountJwt(account().addScopedSigningKey(scope(template))));
    Path u = write(dir, "scoped-user.jwt", sign(scopedUser().build(), SCOPED_SK));

    Result latest = verify(acc, u);
    Result old = verify(acc, u, "--profile", "2.9");

    assertEquals(0, latest.exitCode(), latest::toString);
    assertTrue(
        latest
            .stdout()
            .contains(
                row(
                    "user signer",
                    SCOPED_SK.publicKey()
                        + " (scoped signing key, role \"team\": its template sets the permissions"
                        + " and limits)")),
        latest::toString);
    assertTrue(
        latest.stdout().contains(row("from", "the scoped signing key's template")),
        latest::toString);
    assertTrue(
        latest
            .stdout()
            .contains(row("publish allow", "xalice") + "                        a.alice\n"),
        latest::toString);
    assertEquals(0, old.exitCode(), old::toString);
    assertTrue(
        old.stdout()
            .contains(row("publish allow", "x{{name()}}") + "                        a.alice\n"),
        old::toString);
    assertTrue(
        old.stdout().contains(row("server profile", "2.9 (nats-server 2.9.x)")), old::toString);
  }

  @Test
  void verify_scopedUserWithOwnPermissions_rejected() {
    Path acc =
        write(
            dir,
            "scoped.jwt",
            accountJwt(
                account().addScopedSigningKey(scope(UserPermissionLimits.builder().build()))));
    Path u =
        write(
            dir,
            "scoped-user.jwt",
            sign(
                user().issuerAccount(ACCOUNT.publicKey()).pub(Permission.allowing("x.>")).build(),
                SCOPED_SK));

    Result r = verify(acc, u);

    assertRejected("SCOPED_USER_HAS_PERMISSIONS", r);
    assertTrue(
        r.stdout().contains("scoped users require no permissions or limits set"), r::toString);
  }

  @Test
  void verify_templateRejectsUser_rejectedTemplateRejected() {
    UserPermissionLimits template =
        UserPermissionLimits.builder()
            .sub(Permission.allowing(">").withDenied("{{tag(missing)}}"))
            .build();
    Path acc = write(dir, "scoped.jwt", accountJwt(account().addScopedSigningKey(scope(template))));
    Path u = write(dir, "scoped-user.jwt", sign(scopedUser().build(), SCOPED_SK));

    Result r = verify(acc, u);

    assertRejected("TEMPLATE_REJECTED", r);
    assertTrue(r.stdout().contains("tag \"missing\" not defined"), r::toString);
  }

  // ------------------------------------------------------------------ rejected

  @Test
  void verify_expiredUser_rejectedUserExpired() {
    Result r = verify(account, credsFile(u -> u.expiresAt(NOW.minusSeconds(60))));

    assertRejected("USER_EXPIRED", r);
    assertTrue(r.stdout().contains("expired at 2026-03-02T11:59:00Z"), r::toString);
    assertTrue(r.stdout().contains("issue a new user JWT"), r::toString);
  }

  @Test
  void verify_expiryJudgedAtTheGivenTime_acceptedBeforeIt() {
    Path creds = credsFile(u -> u.expiresAt(NOW.minusSeconds(60)));

    Result r =
        run(
            "verify",
            "--operator",
            operator.toString(),
            "--account",
            account.toString(),
            "--at",
            "2026-03-02T11:30:00Z",
            creds.toString());

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(row("time", "2026-03-02 11:30:00 UTC")), r::toString);
    assertTrue(
        r.stdout()
            .contains(
                row(
                    "disconnect at",
                    "2026-03-02 11:59:00 UTC, in 29 minutes (the user JWT expires)")),
        r::toString);
  }

  @Test
  void verify_accountOfAnotherOperator_rejectedUntrustedIssuerWithHint() {
    Path acc = write(dir, "foreign.jwt", sign(account().build(), OTHER_OPERATOR));

    Result r = verify(acc, userFile(u -> u));

    assertRejected("ACCOUNT_UNTRUSTED_ISSUER", r);
    assertTrue(
        r.stdout()
            .contains("is signed by " + OTHER_OPERATOR.publicKey() + ", which is not a trusted"),
        r::toString);
    assertTrue(
        r.stdout().contains("\n  hint: trust the account's operator with --operator"), r::toString);
  }

  @Test
  void verify_signerNotInAccount_rejected() {
    Path u =
        write(
            dir,
            "stranger.jwt",
            sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER_SK));

    Result r = verify(account, u);

    assertRejected("SIGNER_NOT_IN_ACCOUNT", r);
    assertTrue(
        r.stdout().contains("issued by signing key " + STRANGER_SK.publicKey()), r::toString);
    assertTrue(r.stdout().contains(row("signed by", STRANGER_SK.publicKey())), r::toString);
  }

  @Test
  void verify_revokedUserJwtWithoutSeed_stillCheckedAfterTheNonce() {
    // Revocation comes after the nonce signature in the server's order: it is checked although
    // the signature is not.
    Path acc = write(dir, "revoking.jwt", accountJwt(account().revokeAt(USER.publicKey(), ISSUED)));

    Result r = verify(acc, userFile(u -> u));

    assertRejected("REVOKED", r);
    assertTrue(r.stdout().contains("revoked user " + USER.publicKey()), r::toString);
    assertTrue(r.stdout().contains("NOT CHECKED: only the user JWT was given"), r::toString);
  }

  @Test
  void verify_revokedCreds_rejected() {
    Path acc = write(dir, "revoking.jwt", accountJwt(account().revokeAt("*", ISSUED)));

    assertRejected("REVOKED", verify(acc, credsFile(u -> u)));
  }

  @Test
  void verify_sourceNetworkWithoutClientIp_rejectedWithHint() {
    Path u = userFile(x -> x.addSrc("192.0.2.0/24"));

    Result without = verify(account, u);
    Result inside = verify(account, u, "--client-ip", "192.0.2.7");
    Result outside = verify(account, u, "--client-ip", "198.51.100.1");

    assertRejected("SOURCE_NOT_ALLOWED", without);
    assertTrue(
        without.stdout().contains("\n  hint: give the client's address with --client-ip"),
        without::toString);
    assertEquals(0, inside.exitCode(), inside::toString);
    assertTrue(inside.stdout().contains(row("source networks", "192.0.2.0/24")), inside::toString);
    assertTrue(inside.stdout().contains(row("client address", "192.0.2.7")), inside::toString);
    assertRejected("SOURCE_NOT_ALLOWED", outside);
    assertFalse(outside.stdout().contains("hint:"), outside::toString);
  }

  @Test
  void verify_websocketOnlyUser_rejectedOverTcpAcceptedOverWebsocket() {
    Path u = userFile(x -> x.addAllowedConnectionTypes(ConnectionType.WEBSOCKET));

    Result tcp = verify(account, u);
    Result ws = verify(account, u, "--connection-type", "websocket");

    assertRejected("CONNECTION_TYPE_NOT_ALLOWED", tcp);
    assertEquals(0, ws.exitCode(), ws::toString);
    assertTrue(ws.stdout().contains(row("connection types", "WEBSOCKET")), ws::toString);
    assertTrue(ws.stdout().contains(row("connection type", "WEBSOCKET")), ws::toString);
  }

  @Test
  void verify_resolverDirectory_findsTheAccountByKey() throws Exception {
    Path store = Files.createDirectory(dir.resolve("jwt"));
    Files.writeString(store.resolve(ACCOUNT.publicKey() + ".jwt"), accountJwt(account()));
    Path u = userFile(x -> x);

    Result found =
        run(
            "verify",
            "--operator",
            operator.toString(),
            "--resolver-dir",
            store.toString(),
            "--at",
            AT,
            u.toString());
    Files.delete(store.resolve(ACCOUNT.publicKey() + ".jwt"));
    Result missing =
        run(
            "verify",
            "--operator",
            operator.toString(),
            "--resolver-dir",
            store.toString(),
            "--at",
            AT,
            u.toString());

    assertEquals(0, found.exitCode(), found::toString);
    assertRejected("ACCOUNT_NOT_FOUND", missing);
    assertTrue(
        missing
            .stdout()
            .contains(
                "hint: give the account's JWT with --account, or store it as <account key>.jwt in"
                    + " --resolver-dir"),
        missing::toString);
  }

  // ------------------------------------------------------------------ reference vectors

  static Stream<Arguments> referenceTrustCases() {
    return Stream.of(
        Arguments.of("user_revoked_by_key", "REVOKED"),
        Arguments.of("user_revoked_by_wildcard", "REVOKED"),
        Arguments.of("user_signed_by_unknown_account_key", "SIGNER_NOT_IN_ACCOUNT"),
        Arguments.of("scoped_user_with_permissions", "SCOPED_USER_HAS_PERMISSIONS"),
        Arguments.of("scoped_user_with_default_limits", "SCOPED_USER_HAS_PERMISSIONS"));
  }

  /** The Go reference's invalid users, under the reference's operator and account. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceTrustCases")
  void verify_referenceInvalidUser_rejectedWithTheServersRule(String name, String rule) {
    JsonNode c = JwtVectors.invalid(name);
    Path op =
        write(
            dir,
            "acme.jwt",
            JwtVectors.invalid("account_signed_by_unlisted_operator_key")
                .get("context")
                .get("operator_jwt")
                .asText());
    Path acc = write(dir, "acme-a.jwt", c.get("context").get("account_jwt").asText());
    Path u = write(dir, "user.jwt", c.get("jwt").asText());

    Result r =
        run(
            "verify",
            "--operator",
            op.toString(),
            "--account",
            acc.toString(),
            "--at",
            "2024-01-01T00:00:00Z",
            u.toString());

    assertRejected(rule, r);
  }

  // ------------------------------------------------------------------ bad input

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("no operator", List.of("--account", "$ACC", "$USER")),
        Arguments.of("no account", List.of("--operator", "$OP", "$USER")),
        Arguments.of("sig without nonce", List.of("$TRUST", "--sig", "abc", "$USER")),
        Arguments.of("nonce without sig", List.of("$TRUST", "--nonce", NONCE, "$USER")),
        Arguments.of("sig with creds", List.of("$TRUST", "--nonce", NONCE, "--sig", "x", "$CREDS")),
        Arguments.of("unknown profile", List.of("$TRUST", "--profile", "2.8", "$USER")),
        Arguments.of(
            "unknown connection type", List.of("$TRUST", "--connection-type", "pigeon", "$USER")),
        Arguments.of("host name as ip", List.of("$TRUST", "--client-ip", "example.com", "$USER")),
        Arguments.of("bad time", List.of("$TRUST", "--at", "yesterday", "$USER")),
        Arguments.of(
            "operator JWT as account", List.of("--operator", "$OP", "--account", "$OP", "$USER")),
        Arguments.of(
            "tampered account JWT",
            List.of("--operator", "$OP", "--account", "$TAMPERED", "$USER")),
        Arguments.of(
            "account JWT as operator", List.of("--operator", "$ACC", "--account", "$ACC", "$USER")),
        Arguments.of(
            "missing operator file",
            List.of("--operator", "nope.jwt", "--account", "$ACC", "$USER")),
        Arguments.of(
            "missing resolver dir",
            List.of("--operator", "$OP", "--resolver-dir", "$DIR/none", "$USER")),
        Arguments.of("creds with another user's seed", List.of("$TRUST", "$MISMATCH")),
        Arguments.of("missing user file", List.of("$TRUST", "$DIR/none.jwt")),
        Arguments.of("two standard inputs", List.of("--operator", "-", "--account", "$ACC", "-")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void verify_badInput_exits2WithOneLine(String name, List<String> template) throws Exception {
    String jwt = sign(user().build(), ACCOUNT);
    Path userJwt = write(dir, "user.jwt", jwt);
    Path creds = write(dir, "user.creds", creds(jwt));
    String credsText = Files.readString(creds);
    Path mismatch =
        write(
            dir,
            "mismatch.creds",
            credsText.replace(new String(USER.seed()), new String(OTHER_USER.seed())));
    String acc = Files.readString(account);
    String tampered = acc.substring(0, acc.length() - 3) + (acc.endsWith("AAA") ? "BBB" : "AAA");
    Path tamperedFile = write(dir, "tampered.jwt", tampered);
    List<String> args = new ArrayList<>(List.of("verify"));
    for (String t : template) {
      if (t.equals("$TRUST")) {
        args.addAll(List.of("--operator", operator.toString(), "--account", account.toString()));
        continue;
      }
      args.add(
          t.replace("$OP", operator.toString())
              .replace("$ACC", account.toString())
              .replace("$USER", userJwt.toString())
              .replace("$CREDS", creds.toString())
              .replace("$MISMATCH", mismatch.toString())
              .replace("$TAMPERED", tamperedFile.toString())
              .replace("$DIR", dir.toString()));
    }

    Result r = runWithStdin("", args.toArray(new String[0]));

    assertBadInput(r);
    assertNoSeed(r.all(), new String(USER.seed()));
    assertNoSeed(r.all(), new String(OTHER_USER.seed()));
    assertFalse(r.stderr().contains(tampered), r::toString);
  }

  @Test
  void verify_seedAsUserArgument_refusedAndRedacted() {
    String seed = new String(USER.seed());

    Result r =
        run("verify", "--operator", operator.toString(), "--account", account.toString(), seed);

    assertBadInput(r);
    assertTrue(r.stderr().contains("looks like a seed"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  @Test
  void verify_userKeyAsOperator_exits2NamingTheOption() {
    Result r =
        run(
            "verify",
            "--operator",
            USER.publicKey(),
            "--account",
            account.toString(),
            userFile(u -> u).toString());

    assertBadInput(r);
    assertTrue(r.stderr().startsWith("natsjwt: --operator " + USER.publicKey()), r::toString);
  }

  private static String[] concat(String[] a, String b) {
    String[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  // ------------------------------------------------------------------ --json

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static List<String> names(JsonNode n) {
    List<String> l = new ArrayList<>();
    n.fieldNames().forEachRemaining(l::add);
    return l;
  }

  @Test
  void verify_json_acceptedCreds_documentedMembersWithTheChainAndLimits() throws Exception {
    Path creds =
        credsFile(
            u ->
                u.pub(Permission.allowing("orders.>").withDenied("orders.secret"))
                    .sub(Permission.allowing("_INBOX.>"))
                    .resp(new ResponsePermission(1, Duration.ofSeconds(5)))
                    .subs(100)
                    .payload(4096)
                    .expiresAt(NOW.plus(Duration.ofDays(1))));

    Result r = verify(account, creds, "--json");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    assertEquals(1, r.lines().length, r::toString);
    assertNoSeed(r.stdout());
    JsonNode j = JSON.readTree(r.stdout());
    assertEquals(
        List.of(
            "accepted",
            "rule",
            "message",
            "hint",
            "operator",
            "account",
            "user",
            "user_name",
            "signer",
            "nonce_signature",
            "permissions",
            "limits",
            "checked_as"),
        names(j));
    assertTrue(j.get("accepted").asBoolean());
    assertTrue(j.get("rule").isNull());
    assertEquals(OPERATOR.publicKey(), j.get("operator").asText());
    JsonNode a = j.get("account");
    assertEquals(ACCOUNT.publicKey(), a.get("public_key").asText());
    assertEquals(OPERATOR_SK.publicKey(), a.get("issuer").asText());
    assertTrue(a.get("issued_by_signing_key").asBoolean());
    assertFalse(a.get("system_account").asBoolean());
    assertEquals(USER.publicKey(), j.get("user").asText());
    assertEquals("alice", j.get("user_name").asText());
    assertEquals(ACCOUNT.publicKey(), j.get("signer").get("public_key").asText());
    assertEquals("account", j.get("signer").get("kind").asText());
    assertEquals("verified", j.get("nonce_signature").asText());
    JsonNode p = j.get("permissions");
    assertEquals("user", p.get("source").asText());
    assertEquals("[\"orders.>\"]", p.get("pub_allow").toString());
    assertEquals("[\"orders.secret\"]", p.get("pub_deny").toString());
    assertEquals("[\"_INBOX.>\"]", p.get("sub_allow").toString());
    assertEquals(1, p.get("resp").get("max").asInt());
    assertEquals(5000, p.get("resp").get("ttl_ms").asLong());
    JsonNode l = j.get("limits");
    assertEquals(100, l.get("max_subscriptions").asLong());
    assertEquals(4096, l.get("max_payload").asLong());
    assertEquals(NOW.plus(Duration.ofDays(1)).getEpochSecond(), l.get("disconnect_at").asLong());
    JsonNode c = j.get("checked_as");
    assertEquals("latest", c.get("profile").asText());
    assertEquals(NOW.getEpochSecond(), c.get("time").asLong());
    assertEquals("STANDARD", c.get("connection_type").asText());
    assertTrue(c.get("client_ip").isNull());
    assertEquals("creds", c.get("nonce").asText());
  }

  @Test
  void verify_json_bareJwtWithoutPermissions_anyIsNullAndNonceAssumed() throws Exception {
    Result r = verify(account, userFile(u -> u), "--json");

    assertEquals(0, r.exitCode(), r::toString);
    JsonNode j = JSON.readTree(r.stdout());
    assertEquals("assumed", j.get("nonce_signature").asText());
    assertEquals("assumed", j.get("checked_as").get("nonce").asText());
    assertTrue(j.get("permissions").get("pub_allow").isNull(), r::toString);
    assertTrue(j.get("permissions").get("sub_allow").isNull(), r::toString);
    assertTrue(j.get("limits").get("disconnect_at").isNull(), r::toString);
  }

  @Test
  void verify_json_rejected_exit1RuleAndNullChain() throws Exception {
    Result r = verify(account, credsFile(u -> u.expiresAt(NOW.minusSeconds(60))), "--json");

    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("natsjwt: the server would reject this user (USER_EXPIRED)\n", r.stderr());
    JsonNode j = JSON.readTree(r.stdout());
    assertFalse(j.get("accepted").asBoolean());
    assertEquals("USER_EXPIRED", j.get("rule").asText());
    assertFalse(j.get("message").asText().isEmpty());
    assertTrue(j.get("operator").isNull());
    assertTrue(j.get("permissions").isNull());
    assertEquals(USER.publicKey(), j.get("user").asText());
    assertTrue(j.get("user_name").isNull());
    assertEquals(
        List.of(
            "accepted",
            "rule",
            "message",
            "hint",
            "operator",
            "account",
            "user",
            "user_name",
            "signer",
            "nonce_signature",
            "permissions",
            "limits",
            "checked_as"),
        names(j));
  }
}
