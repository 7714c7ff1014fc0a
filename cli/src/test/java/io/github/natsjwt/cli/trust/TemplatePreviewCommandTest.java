package io.github.natsjwt.cli.trust;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.CliRunner.runWithStdin;
import static io.github.natsjwt.cli.trust.TrustFixtures.ACCOUNT;
import static io.github.natsjwt.cli.trust.TrustFixtures.ACCOUNT_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.SCOPED_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.STRANGER_SK;
import static io.github.natsjwt.cli.trust.TrustFixtures.USER;
import static io.github.natsjwt.cli.trust.TrustFixtures.account;
import static io.github.natsjwt.cli.trust.TrustFixtures.accountJwt;
import static io.github.natsjwt.cli.trust.TrustFixtures.scope;
import static io.github.natsjwt.cli.trust.TrustFixtures.scopedUser;
import static io.github.natsjwt.cli.trust.TrustFixtures.sign;
import static io.github.natsjwt.cli.trust.TrustFixtures.user;
import static io.github.natsjwt.cli.trust.TrustFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatePreviewCommandTest {
  /** Where a list's second and later values start. */
  private static final String MORE = "                        ";

  @TempDir Path dir;

  // ------------------------------------------------------------------ helpers

  private Path accountWith(UserPermissionLimits template) {
    return write(dir, "account.jwt", accountJwt(account().addScopedSigningKey(scope(template))));
  }

  /** Previews for alice with user tags, on a profile. */
  private Result preview(Path account, String profile, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template",
                "preview",
                "--account",
                account.toString(),
                "--signing-key",
                SCOPED_SK.publicKey(),
                "--profile",
                profile));
    if (more.length == 0) {
      args.addAll(List.of("--user-key", USER.publicKey(), "--name", "alice"));
    }
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  /** A row inside a list's section: label padded to the value column. */
  private static String row(String label, String value) {
    return "\n  " + label + " ".repeat(22 - label.length()) + value + "\n";
  }

  private static void assertExpanded(Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains(row("result", "expanded")), r::toString);
    assertEquals("", r.stderr());
  }

  private static void assertRejected(String rule, Result r) {
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals("natsjwt: the server would reject this user (" + rule + ")\n", r.stderr());
  }

  // ------------------------------------------------------------------ expansion

  @Test
  void preview_nameInsideAToken_expandedOnLatestLiteralOn29() {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("x{{name()}}", "a.{{name()}}"))
                .build());

    Result latest = preview(acc, "latest");
    Result old = preview(acc, "2.9");

    assertExpanded(latest);
    assertTrue(
        latest
            .stdout()
            .contains("pub.allow\n  before                x{{name()}}\n" + MORE + "a.{{name()}}\n"),
        latest::toString);
    assertTrue(
        latest.stdout().contains(row("after", "xalice") + MORE + "a.alice\n"), latest::toString);
    assertFalse(latest.stdout().contains("kept literally"), latest::toString);
    assertExpanded(old);
    assertTrue(
        old.stdout().contains(row("after", "x{{name()}}") + MORE + "a.alice\n"), old::toString);
    assertTrue(
        old.stdout()
            .contains(
                row(
                    "kept literally",
                    "x{{name()}}  (on 2.9 and 2.10 only a whole token between dots is a"
                        + " template)")),
        old::toString);
    assertTrue(
        old.stdout().contains("\n  server profile        2.9 (nats-server 2.9.x)\n"),
        old::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "2.10", "2.9"})
  void preview_tagTemplate_oneSubjectPerTagValue(String profile) {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .sub(Permission.allowing("orders.{{tag(team)}}.>", "_INBOX.>"))
                .build());

    Result r =
        preview(
            acc,
            profile,
            "--user-key",
            USER.publicKey(),
            "--tag",
            "team:red",
            "--tag",
            "Team:Blue");

    assertExpanded(r);
    assertTrue(r.stdout().contains("\n  user tags             team:red\n" + MORE + "team:blue\n"));
    assertTrue(
        r.stdout()
            .contains(
                "sub.allow\n  before                orders.{{tag(team)}}.>\n"
                    + MORE
                    + "_INBOX.>\n  after                 orders.red.>\n"
                    + MORE
                    + "orders.blue.>\n"
                    + MORE
                    + "_INBOX.>\n"),
        r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "2.9"})
  void preview_accountNameAndSubjectTemplates_takeTheAccountsValues(String profile) {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(
                    Permission.allowing("acct.{{account-name()}}.>")
                        .withDenied("{{account-subject()}}.{{subject()}}"))
                .build());

    Result r = preview(acc, profile);

    assertExpanded(r);
    assertTrue(r.stdout().contains(row("after", "acct.ACCA.>")), r::toString);
    assertTrue(
        r.stdout().contains(row("after", ACCOUNT.publicKey() + "." + USER.publicKey())),
        r::toString);
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "2.9"})
  void preview_everyAllowEntryDropped_serverDeniesEverything(String profile) {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("a.{{tag(missing)}}").withDenied("b.>"))
                .build());

    Result r = preview(acc, profile);

    assertExpanded(r);
    String out = r.stdout();
    assertTrue(
        out.contains(
            "pub.allow\n"
                + "  before                a.{{tag(missing)}}\n"
                + "  after                 (none)\n"),
        out);
    assertTrue(
        out.contains(row("dropped", "a.{{tag(missing)}}  (expands to no valid subject)")), out);
    assertTrue(
        out.contains(
            "pub.deny\n  before                b.>\n  after                 b.>\n" + MORE + ">\n"),
        out);
    assertTrue(
        out.contains(
            row(
                "added",
                "\">\": every pub.allow entry was dropped, and rather than allow everything the"
                    + " server denies everything")),
        out);
  }

  @Test
  void preview_someAllowEntriesDropped_listsOnlyThose() {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .sub(Permission.allowing("a.{{tag(missing)}}", "b.{{name()}}"))
                .build());

    Result r = preview(acc, "latest");

    assertExpanded(r);
    assertTrue(r.stdout().contains(row("after", "b.alice")), r::toString);
    assertTrue(
        r.stdout().contains(row("dropped", "a.{{tag(missing)}}  (expands to no valid subject)")),
        r::toString);
    assertFalse(r.stdout().contains("added"), r::toString);
    assertFalse(r.stdout().contains("sub.deny"), r::toString);
  }

  @Test
  void preview_unknownFunctionInAllow_rejectsOnLatestDropsOn29() {
    Path acc =
        accountWith(
            UserPermissionLimits.builder().pub(Permission.allowing("d.{{foo()}}", "ok.>")).build());

    Result latest = preview(acc, "latest");
    Result old = preview(acc, "2.9");

    assertRejected("TEMPLATE_REJECTED", latest);
    assertTrue(
        latest
            .stdout()
            .contains(
                row(
                    "result",
                    "rejected: pub.allow entry \"d.{{foo()}}\": template operation \"foo()\" not"
                        + " defined")),
        latest::toString);
    assertTrue(
        latest.stdout().contains(row("after", "(not expanded: the user is rejected)")),
        latest::toString);
    assertExpanded(old);
    assertTrue(old.stdout().contains(row("after", "ok.>")), old::toString);
    assertTrue(old.stdout().contains(row("dropped", "d.{{foo()}}  (expands to no valid subject)")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"latest", "2.9"})
  void preview_missingTagInDeny_rejectsTheUser(String profile) {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .sub(Permission.allowing(">").withDenied("{{tag(missing)}}.>"))
                .build());

    Result r = preview(acc, profile);

    assertRejected("TEMPLATE_REJECTED", r);
    assertTrue(r.stdout().contains("rejected: sub.deny entry \"{{tag(missing)}}.>\""), r::toString);
    assertTrue(r.stdout().contains("tag \"missing\" not defined"), r::toString);
  }

  @Test
  void preview_otherTemplateFields_shownUnchanged() {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("x.>"))
                .subs(10)
                .payload(2048)
                .bearerToken(true)
                .addSrc("192.0.2.0/24")
                .build());

    Result r = preview(acc, "latest");

    assertExpanded(r);
    assertTrue(r.stdout().contains("other fields of the template (not expanded)\n"), r::toString);
    assertTrue(r.stdout().contains(row("subscriptions", "10")), r::toString);
    assertTrue(r.stdout().contains(row("payload", "2048 bytes")), r::toString);
    assertTrue(r.stdout().contains(row("bearer token", "yes")), r::toString);
    assertTrue(r.stdout().contains(row("source networks", "192.0.2.0/24")), r::toString);
  }

  // ------------------------------------------------------------------ user JWTs

  @Test
  void preview_userJwt_usesItsNameTagsAndIssuerAccount() {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("{{name()}}.{{tag(site)}}", "{{account-subject()}}.x"))
                .build());
    String jwt = sign(scopedUser().name("bob").addTags("site:paris").build(), SCOPED_SK);

    Result fromFile = preview(acc, "latest", "--user", write(dir, "bob.jwt", jwt).toString());
    Result fromStdin =
        runWithStdin(
            jwt,
            "template",
            "preview",
            "--account",
            acc.toString(),
            "--signing-key",
            SCOPED_SK.publicKey(),
            "--user",
            "-");

    assertExpanded(fromFile);
    assertTrue(
        fromFile.stdout().contains(row("after", "bob.paris") + MORE + ACCOUNT.publicKey() + ".x\n"),
        fromFile::toString);
    assertEquals(fromFile.stdout(), fromStdin.stdout());
  }

  @Test
  void preview_userJwtWithOwnPermissions_exits1NamingTheRule() {
    Path acc = accountWith(UserPermissionLimits.builder().pub(Permission.allowing("x.>")).build());
    String jwt =
        sign(
            user().issuerAccount(ACCOUNT.publicKey()).pub(Permission.allowing("y.>")).build(),
            SCOPED_SK);

    Result r = preview(acc, "latest", "--user", write(dir, "own.jwt", jwt).toString());

    assertRejected("SCOPED_USER_HAS_PERMISSIONS", r);
    assertTrue(r.stdout().contains(row("result", "expanded")), r::toString);
    assertTrue(
        r.stdout().contains("note: the user JWT sets permissions or limits of its own"),
        r::toString);
  }

  @Test
  void preview_userJwtSignedByAnotherKey_notesIt() {
    Path acc = accountWith(UserPermissionLimits.builder().pub(Permission.allowing("x.>")).build());
    String jwt = sign(scopedUser().build(), ACCOUNT_SK);

    Result r = preview(acc, "latest", "--user", write(dir, "other.jwt", jwt).toString());

    assertExpanded(r);
    assertTrue(
        r.stdout()
            .contains(
                "note: the user JWT is signed by " + ACCOUNT_SK.publicKey() + ", not by this key"),
        r::toString);
  }

  // ------------------------------------------------------------------ bad input

  static Stream<Arguments> badInput() {
    String scoped = SCOPED_SK.publicKey();
    String userKey = USER.publicKey();
    return Stream.of(
        Arguments.of("no user", List.of("--signing-key", scoped)),
        Arguments.of(
            "user and name",
            List.of("--signing-key", scoped, "--user", "$USER", "--name", "alice")),
        Arguments.of(
            "key not in account",
            List.of("--signing-key", STRANGER_SK.publicKey(), "--user-key", userKey)),
        Arguments.of(
            "plain signing key",
            List.of("--signing-key", ACCOUNT_SK.publicKey(), "--user-key", userKey)),
        Arguments.of(
            "account key as user key",
            List.of("--signing-key", scoped, "--user-key", ACCOUNT.publicKey())),
        Arguments.of("no signing key", List.of("--user-key", userKey)),
        Arguments.of(
            "unknown profile",
            List.of("--signing-key", scoped, "--user-key", userKey, "--profile", "3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void preview_badInput_exits2WithOneLine(String name, List<String> options) {
    Path acc = accountWith(UserPermissionLimits.builder().pub(Permission.allowing("x.>")).build());
    Path user = write(dir, "user.jwt", sign(scopedUser().build(), SCOPED_SK));
    List<String> args =
        new ArrayList<>(List.of("template", "preview", "--account", acc.toString()));
    for (String o : options) {
      args.add(o.replace("$USER", user.toString()));
    }

    Result r = run(args.toArray(new String[0]));

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: "), r::toString);
    assertEquals("", r.stdout(), r::toString);
  }

  @Test
  void preview_userJwtAsAccount_exits2NamingTheOption() {
    Path user = write(dir, "user.jwt", sign(scopedUser().build(), SCOPED_SK));

    Result r =
        run(
            "template",
            "preview",
            "--account",
            user.toString(),
            "--signing-key",
            SCOPED_SK.publicKey(),
            "--user",
            user.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: --account '" + user + "': "), r::toString);
  }

  @Test
  void template_withoutSubcommand_exits2() {
    Result r = run("template");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("choose one of preview, help"), r::toString);
  }

  // ------------------------------------------------------------------ --json

  @Test
  void preview_json_droppedAndLiteralEntriesAsDocumented() throws Exception {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("a.{{tag(missing)}}", "x{{name()}}", "b.{{name()}}"))
                .build());

    Result old = preview(acc, "2.9", "--user-key", USER.publicKey(), "--name", "alice", "--json");

    assertEquals(0, old.exitCode(), old::toString);
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(old.stdout());
    assertEquals(SCOPED_SK.publicKey(), j.get("signing_key").asText());
    assertEquals("team", j.get("role").asText());
    assertEquals(ACCOUNT.publicKey(), j.get("account").asText());
    assertEquals(USER.publicKey(), j.get("user").asText());
    assertEquals("2.9", j.get("profile").asText());
    assertTrue(j.get("expanded").asBoolean());
    assertTrue(j.get("rule").isNull());
    com.fasterxml.jackson.databind.JsonNode pub = j.get("pub");
    assertEquals("[\"x{{name()}}\",\"b.alice\"]", pub.get("allow_after").toString());
    assertEquals("[\"a.{{tag(missing)}}\"]", pub.get("dropped").toString());
    assertEquals("[\"x{{name()}}\"]", pub.get("kept_literally").toString());
    assertFalse(pub.get("deny_all_added").asBoolean());
    assertEquals("[]", j.get("sub").get("allow_before").toString());
  }

  @Test
  void preview_json_rejectedByTemplate_exit1AfterNull() throws Exception {
    Path acc =
        accountWith(
            UserPermissionLimits.builder()
                .sub(Permission.allowing(">").withDenied("{{tag(missing)}}.>"))
                .build());

    Result r = preview(acc, "latest", "--user-key", USER.publicKey(), "--name", "alice", "--json");

    assertRejected("TEMPLATE_REJECTED", r);
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
    assertFalse(j.get("expanded").asBoolean());
    assertEquals("TEMPLATE_REJECTED", j.get("rule").asText());
    assertFalse(j.get("reason").asText().isEmpty());
    assertTrue(j.get("sub").get("deny_after").isNull());
    assertEquals("[\"{{tag(missing)}}.>\"]", j.get("sub").get("deny_before").toString());
  }
}
