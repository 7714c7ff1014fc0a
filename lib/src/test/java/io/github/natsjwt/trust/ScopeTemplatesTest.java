package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScopeTemplatesTest {
  private static final String ACCOUNT = NKey.generate(NKeyType.ACCOUNT).publicKey();
  private static final String SCOPED = NKey.generate(NKeyType.ACCOUNT).publicKey();
  private static final String USER = NKey.generate(NKeyType.USER).publicKey();

  private static final ServerProfile V2_9 = ServerProfile.V2_9;
  private static final ServerProfile V2_10 = ServerProfile.V2_10;
  private static final ServerProfile LATEST = ServerProfile.LATEST;

  /** The scoped user of the 2.9.10 observations: name bob, tags team:red and team:blue. */
  private static final UserClaims BOB =
      UserClaims.builder(USER)
          .name("bob")
          .issuer(SCOPED)
          .issuerAccount(ACCOUNT)
          .addTags("team:red", "team:blue")
          .scoped(true)
          .build();

  private static final AccountClaims ACCA =
      AccountClaims.builder(ACCOUNT).name("ACCA").addTags("region:eu", "region:us").build();

  private static UserClaims user(String name, String... tags) {
    return BOB.toBuilder().name(name).tags(List.of()).addTags(tags).build();
  }

  private static UserPermissionLimits template(
      List<String> pubAllow, List<String> pubDeny, List<String> subAllow, List<String> subDeny) {
    return UserPermissionLimits.builder()
        .pub(new Permission(pubAllow, pubDeny))
        .sub(new Permission(subAllow, subDeny))
        .build();
  }

  private static UserPermissionLimits pubAllow(String... entries) {
    return template(List.of(entries), List.of(), List.of(), List.of());
  }

  private static UserPermissionLimits pubDeny(String... entries) {
    return template(List.of(), List.of(entries), List.of(), List.of());
  }

  private static TemplateExpansion expand(UserPermissionLimits t, ServerProfile p) {
    return ScopeTemplates.expand(t, BOB, ACCA, p);
  }

  private static UserPermissionLimits expanded(
      UserPermissionLimits t, UserClaims u, ServerProfile p) {
    TemplateExpansion r = ScopeTemplates.expand(t, u, ACCA, p);
    assertFalse(r.isRejected(), () -> r.toString());
    return r.limits().orElseThrow();
  }

  private static UserPermissionLimits expanded(UserPermissionLimits t, ServerProfile p) {
    return expanded(t, BOB, p);
  }

  private static List<String> expandedPubAllow(UserPermissionLimits t, ServerProfile p) {
    return expanded(t, p).permissions().pub().allow();
  }

  private static List<String> expandedPubAllow(
      UserPermissionLimits t, UserClaims u, ServerProfile p) {
    return expanded(t, u, p).permissions().pub().allow();
  }

  private static String rejection(UserPermissionLimits t, ServerProfile p) {
    return rejection(t, BOB, p);
  }

  private static String rejection(UserPermissionLimits t, UserClaims u, ServerProfile p) {
    TemplateExpansion r = ScopeTemplates.expand(t, u, ACCA, p);
    assertTrue(r.isRejected(), () -> "expected a rejection, got " + r);
    assertEquals(Optional.empty(), r.limits());
    return r.rejectionReason().orElseThrow();
  }

  private static EffectivePermissions perms(UserPermissionLimits expanded, ServerProfile p) {
    return EffectivePermissions.of(expanded.permissions(), Permissions.EMPTY, p);
  }

  /** The scoped key template of the 2.9.10 observations (section 11 setup). */
  private static final UserPermissionLimits OBSERVED =
      template(
          List.of(
              "foo.{{name()}}",
              "x{{name()}}",
              "t.{{tag(team)}}",
              "{{Name()}}.up",
              "{{account-name()}}.an"),
          List.of(),
          List.of("foo.*", "q.> grp"),
          List.of());

  // ------------------------------------------------------------------ section 11 observations

  @Test
  void expand_observedTemplateOn29_observation9() {
    UserPermissionLimits x = expanded(OBSERVED, V2_9);
    assertEquals(
        List.of("foo.bob", "x{{name()}}", "t.red", "t.blue", "bob.up", "ACCA.an"),
        x.permissions().pub().allow());
    EffectivePermissions p = perms(x, V2_9);
    for (String ok : List.of("foo.bob", "t.red", "t.blue", "bob.up", "ACCA.an", "x{{name()}}")) {
      assertTrue(p.canPublish(ok), ok);
    }
    assertFalse(p.canPublish("foo.alice"));
    assertFalse(p.canPublish("xbob"));
    // The sub list has no template and keeps its queue entry.
    assertEquals(List.of("foo.*", "q.> grp"), x.permissions().sub().allow());
    assertTrue(p.canSubscribe("q.a", "grp"));
    assertTrue(p.canSubscribe("foo.x"));
  }

  @Test
  void expand_observedTemplateOnLatest_embeddedTemplateExpanded() {
    UserPermissionLimits x = expanded(OBSERVED, LATEST);
    assertEquals(
        List.of("foo.bob", "xbob", "t.red", "t.blue", "bob.up", "ACCA.an"),
        x.permissions().pub().allow());
    EffectivePermissions p = perms(x, LATEST);
    assertTrue(p.canPublish("xbob"));
    assertFalse(p.canPublish("x{{name()}}"));
  }

  @Test
  void expand_observedTemplateOn210_wholeTokensOnly() {
    assertEquals(
        List.of("foo.bob", "x{{name()}}", "t.red", "t.blue", "bob.up", "ACCA.an"),
        expandedPubAllow(OBSERVED, V2_10));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_missingTagInDeny_rejected_observation24(ServerProfile profile) {
    String reason = rejection(pubDeny("{{tag(missing)}}"), profile);
    assertTrue(reason.startsWith("pub.deny entry \"{{tag(missing)}}\": generated invalid subject"));
    assertTrue(reason.contains("tag \"missing\" not defined"), reason);
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_missingTagInAllow_everyPublishDenied_observation25(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubAllow("a.{{tag(missing)}}"), profile);
    assertEquals(List.of(), x.permissions().pub().allow());
    assertEquals(List.of(">"), x.permissions().pub().deny());
    EffectivePermissions p = perms(x, profile);
    assertFalse(p.canPublish("a.x"));
    assertFalse(p.canPublish("anything"));
    assertTrue(p.canSubscribe("anything"));
  }

  @Test
  void scopedSignerProblem_ownPubAllow_rejected_observation10() {
    UserScope scope = UserScope.builder(SCOPED).template(OBSERVED).build();
    UserClaims own = BOB.toBuilder().pub(Permission.allowing("x")).build();
    assertEquals(
        Optional.of("scoped users require no permissions or limits set"),
        scope.scopedSignerProblem(own));
    assertEquals(Optional.empty(), scope.scopedSignerProblem(BOB));
  }

  @Test
  void scopedSignerProblem_defaultUnlimitedLimits_rejected_observation11() {
    UserScope scope = UserScope.builder(SCOPED).template(OBSERVED).build();
    UserClaims minusOne =
        UserClaims.builder(USER).name("bob").issuer(SCOPED).issuerAccount(ACCOUNT).build();
    assertEquals(-1, minusOne.permissionLimits().subs());
    assertEquals(
        Optional.of("scoped users require no permissions or limits set"),
        scope.scopedSignerProblem(minusOne));
  }

  // ------------------------------------------------------------------ functions

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_allSixFunctions_values(ServerProfile profile) {
    UserPermissionLimits t =
        pubAllow(
            "n.{{name()}}",
            "s.{{subject()}}",
            "an.{{account-name()}}",
            "as.{{account-subject()}}",
            "t.{{tag(team)}}",
            "at.{{account-tag(region)}}");
    assertEquals(
        List.of(
            "n.bob", "s." + USER, "an.ACCA", "as." + ACCOUNT, "t.red", "t.blue", "at.eu", "at.us"),
        expandedPubAllow(t, profile));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_tagValueWithColon_everythingAfterPrefix(ServerProfile profile) {
    assertEquals(
        List.of("t.a:b"),
        expandedPubAllow(pubAllow("t.{{tag(team)}}"), user("bob", "team:a:b"), profile));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_storedTagsComparedCaseSensitively_upperCaseTagNotFound(ServerProfile profile) {
    // Decoded tags keep their case; the tag name is lower-cased before comparing.
    UserClaims u = decodedUserWithTags("\"Team:Red\",\"team:blue\"");
    assertEquals(List.of("t.blue"), expandedPubAllow(pubAllow("t.{{tag(Team)}}"), u, profile));
  }

  private static UserClaims decodedUserWithTags(String tags) {
    String json =
        "{\"sub\":\""
            + USER
            + "\",\"iss\":\""
            + SCOPED
            + "\",\"name\":\"bob\",\"nats\":{\"tags\":["
            + tags
            + "],\"issuer_account\":\""
            + ACCOUNT
            + "\",\"type\":\"user\",\"version\":2}}";
    return (UserClaims) Claims.fromJson(json);
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_cartesianProduct_lastTemplateFastest(ServerProfile profile) {
    UserClaims u = user("bob", "foo:1", "foo:2", "bar:a", "bar:b", "bar:c");
    assertEquals(
        List.of("1.none.a", "1.none.b", "1.none.c", "2.none.a", "2.none.b", "2.none.c"),
        expandedPubAllow(pubAllow("{{tag(foo)}}.none.{{tag(bar)}}"), u, profile));
  }

  @Test
  void expand_repeatedTagTemplateLatest_firstValueReplacesAllWithDuplicates() {
    UserClaims u = user("bob", "a:1", "a:2");
    assertEquals(
        List.of("1.1", "1.1", "2.2", "2.2"),
        expandedPubAllow(pubAllow("{{tag(a)}}.{{tag(a)}}"), u, LATEST));
  }

  @Test
  void expand_repeatedTagToken29_eachTokenOwnDimension() {
    UserClaims u = user("bob", "a:1", "a:2");
    assertEquals(
        List.of("1.1", "1.2", "2.1", "2.2"),
        expandedPubAllow(pubAllow("{{tag(a)}}.{{tag(a)}}"), u, V2_9));
  }

  @Test
  void expand_repeatedNameLatest_everyOccurrenceReplaced() {
    assertEquals(List.of("bob.bob"), expandedPubAllow(pubAllow("{{name()}}.{{name()}}"), LATEST));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_valuesInsertedVerbatim_dotsAddTokensAndWildcardsStay(ServerProfile profile) {
    assertEquals(
        List.of("foo.a.b"), expandedPubAllow(pubAllow("foo.{{name()}}"), user("a.b"), profile));
    UserPermissionLimits x =
        expanded(
            template(List.of(), List.of(), List.of("foo.{{name()}}"), List.of()),
            user(">"),
            profile);
    assertEquals(List.of("foo.>"), x.permissions().sub().allow());
    assertTrue(perms(x, profile).canSubscribe("foo.a.b"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_invalidSubjectInAllow_droppedAndCompensated(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubAllow("foo.{{name()}}"), user("bob smith"), profile);
    assertEquals(List.of(), x.permissions().pub().allow());
    assertEquals(List.of(">"), x.permissions().pub().deny());
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_invalidSubjectInDeny_rejected(ServerProfile profile) {
    assertEquals(
        "pub.deny entry \"foo.{{name()}}\": generated invalid subject \"foo.bob smith\"",
        rejection(pubDeny("foo.{{name()}}"), user("bob smith"), profile));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_emptyName_invalidSubjectDropped(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubAllow("foo.{{name()}}", "keep"), user(""), profile);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
    assertEquals(List.of(), x.permissions().pub().deny());
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_queueEntryInTemplatedList_droppedFromAllow(ServerProfile profile) {
    UserPermissionLimits x =
        expanded(
            template(List.of(), List.of(), List.of("foo.{{name()}}", "q.> grp"), List.of()),
            profile);
    assertEquals(List.of("foo.bob"), x.permissions().sub().allow());
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_queueEntryInTemplatedDenyList_rejected(ServerProfile profile) {
    String reason =
        rejection(
            template(List.of(), List.of(), List.of(), List.of("x.{{name()}}", "bar qx")), profile);
    assertEquals("sub.deny entry \"bar qx\": generated invalid subject \"bar qx\"", reason);
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_listWithoutTemplate_passedThroughWithQueues(ServerProfile profile) {
    UserPermissionLimits t =
        template(
            List.of("a.{{name()}}"),
            List.of("bad..subject"),
            List.of("q.> grp"),
            List.of("bar qx"));
    UserPermissionLimits x = expanded(t, profile);
    assertEquals(List.of("bad..subject"), x.permissions().pub().deny());
    assertEquals(List.of("q.> grp"), x.permissions().sub().allow());
    assertEquals(List.of("bar qx"), x.permissions().sub().deny());
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_noTemplates_templateUnchanged(ServerProfile profile) {
    UserPermissionLimits t = template(List.of("a"), List.of("b"), List.of("c q"), List.of("d"));
    assertEquals(t, expanded(t, profile));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_allowEmptiedButDenyHasFullWildcard_notRepeated(ServerProfile profile) {
    UserPermissionLimits x =
        expanded(
            template(List.of("a.{{tag(missing)}}"), List.of(">"), List.of(), List.of()), profile);
    assertEquals(List.of(">"), x.permissions().pub().deny());
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_subAllowEmptied_subDenyAll(ServerProfile profile) {
    UserPermissionLimits x =
        expanded(
            template(List.of(), List.of(), List.of("s.{{tag(missing)}}"), List.of("z")), profile);
    assertEquals(List.of(), x.permissions().sub().allow());
    assertEquals(List.of("z", ">"), x.permissions().sub().deny());
    EffectivePermissions p = perms(x, profile);
    assertFalse(p.canSubscribe("s.x"));
    assertFalse(p.canSubscribe("anything"));
    assertTrue(p.canPublish("anything"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_allowEmptiedThatWasEmpty_noCompensation(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubDeny("d.{{name()}}"), profile);
    assertEquals(List.of("d.bob"), x.permissions().pub().deny());
    assertTrue(perms(x, profile).canPublish("other"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_otherTemplateFields_keptFromTemplate(ServerProfile profile) {
    UserPermissionLimits t =
        UserPermissionLimits.builder()
            .pub(Permission.allowing("p.{{name()}}"))
            .resp(new ResponsePermission(2, Duration.ofSeconds(9)))
            .addSrc("192.0.2.0/24")
            .addTimes(new TimeRange("08:00:00", "17:00:00"))
            .timesLocation("Europe/Berlin")
            .subs(10)
            .payload(512)
            .data(7)
            .bearerToken(true)
            .addAllowedConnectionTypes(ConnectionType.of("WEBSOCKET"))
            .build();
    UserPermissionLimits x = expanded(t, profile);
    assertEquals(t.toBuilder().pub(Permission.allowing("p.bob")).build(), x);
  }

  @Test
  void expand_processedEmptyAllow_allowListPresent() {
    UserPermissionLimits x = expanded(pubAllow("a.{{tag(missing)}}"), LATEST);
    assertTrue(x.permissions().pub().allowPresent());
  }

  @Test
  void expand_firstProblemInServerOrder_subDenyBeforePubDeny() {
    UserPermissionLimits t =
        template(List.of(), List.of("{{tag(p)}}"), List.of(), List.of("{{tag(s)}}"));
    assertTrue(rejection(t, LATEST).startsWith("sub.deny entry"));
    assertTrue(rejection(t, V2_9).startsWith("sub.deny entry"));
  }

  // ------------------------------------------------------------------ 2.11 and later

  @Test
  void expand_templateInsideTokenLatest_expanded() {
    UserClaims u = user("bob", "bucket:orders");
    assertEquals(
        List.of("$JS.API.STREAM.INFO.KV_orders"),
        expandedPubAllow(pubAllow("$JS.API.STREAM.INFO.KV_{{tag(bucket)}}"), u, LATEST));
  }

  @Test
  void expand_templateInsideToken29_literal() {
    UserClaims u = user("bob", "bucket:orders");
    assertEquals(
        List.of("$JS.API.STREAM.INFO.KV_{{tag(bucket)}}"),
        expandedPubAllow(pubAllow("$JS.API.STREAM.INFO.KV_{{tag(bucket)}}"), u, V2_9));
  }

  @Test
  void expand_spacesInsideTemplateLatest_trimmed() {
    assertEquals(List.of("a.bob"), expandedPubAllow(pubAllow("a.{{ name() }}"), LATEST));
  }

  @Test
  void expand_spacesInsideTemplate29_unknownAndDropped() {
    UserPermissionLimits x = expanded(pubAllow("a.{{ name() }}", "keep"), V2_9);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
    assertTrue(rejection(pubDeny("a.{{ name() }}"), V2_9).contains("generated invalid subject"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void expand_upperCaseFunctionName_recognised(ServerProfile profile) {
    assertEquals(
        List.of("bob", "ACCA"),
        expandedPubAllow(pubAllow("{{NAME()}}", "{{Account-Name()}}"), profile));
  }

  @Test
  void expand_upperCaseTagFunctionLatest_tagNameNotStripped() {
    // "Tag(team)" is a tag function, but its name is taken as "tag(team", which matches nothing.
    UserClaims u = user("bob", "team:red");
    UserPermissionLimits x = expanded(pubAllow("t.{{Tag(team)}}"), u, LATEST);
    assertEquals(List.of(), x.permissions().pub().allow());
    assertTrue(rejection(pubDeny("t.{{TAG(team)}}"), u, LATEST).contains("not defined"));
    UserClaims odd = user("bob", "tag(team:x");
    assertEquals(List.of("t.x"), expandedPubAllow(pubAllow("t.{{Tag(team)}}"), odd, LATEST));
    assertEquals(
        List.of("keep"),
        expandedPubAllow(pubAllow("r.{{ACCOUNT-TAG(region)}}", "keep"), u, LATEST));
    assertEquals(
        List.of("r.eu", "r.us"), expandedPubAllow(pubAllow("r.{{ACCOUNT-TAG(region)}}"), u, V2_9));
  }

  @Test
  void expand_upperCaseTagFunction29_lowerCasedWhole() {
    UserClaims u = user("bob", "team:red");
    assertEquals(List.of("t.red"), expandedPubAllow(pubAllow("t.{{TAG(Team)}}"), u, V2_9));
    assertEquals(List.of("t.red"), expandedPubAllow(pubAllow("t.{{TAG(Team)}}"), u, V2_10));
  }

  @Test
  void expand_unknownFunctionLatest_rejectedInAllowAndDeny() {
    assertEquals(
        "pub.allow entry \"a.{{foo()}}\": template operation \"foo()\" not defined",
        rejection(pubAllow("a.{{foo()}}"), LATEST));
    assertEquals(
        "pub.deny entry \"a.{{ foo() }}\": template operation \"foo()\" not defined",
        rejection(pubDeny("a.{{ foo() }}"), LATEST));
  }

  @ParameterizedTest
  @EnumSource(
      value = ServerProfile.class,
      names = {"V2_9", "V2_10"})
  void expand_unknownFunctionBefore211_droppedFromAllowRejectedInDeny(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubAllow("a.{{foo()}}", "keep"), profile);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
    assertEquals(
        "pub.deny entry \"a.{{foo()}}\": generated invalid subject \"a. \" (template operation"
            + " \"foo()\" not defined)",
        rejection(pubDeny("a.{{foo()}}"), profile));
  }

  @Test
  void expand_emptyBracesLatest_notATemplate() {
    // Only "{{}}" in the list: no template, the list is passed through unchanged.
    assertEquals(List.of("a.{{}}"), expandedPubAllow(pubAllow("a.{{}}"), LATEST));
  }

  @Test
  void expand_emptyBraces29_unknownTemplateDropped() {
    UserPermissionLimits x = expanded(pubAllow("a.{{}}", "keep"), V2_9);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
  }

  @Test
  void expand_missingTagInAllowLatest_spaceValueDropped() {
    UserPermissionLimits x = expanded(pubAllow("a.{{tag(missing)}}.b", "keep"), LATEST);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
  }

  @Test
  void expand_missingTagInAllowLatest_spaceNotEmptyString() {
    // An empty value would leave the valid subject "x"; the server inserts a space instead.
    UserPermissionLimits x = expanded(pubAllow("{{tag(missing)}}x", "keep"), LATEST);
    assertEquals(List.of("keep"), x.permissions().pub().allow());
  }

  @Test
  void expand_missingTagInDenyLatest_reasonNamesTag() {
    assertEquals(
        "pub.deny entry \"d.{{tag(missing)}}\": generated invalid subject, tag \"missing\" not"
            + " defined",
        rejection(pubDeny("d.{{tag(missing)}}"), LATEST));
  }

  @Test
  void expand_moreThan4096SubjectsLatest_rejected() {
    UserClaims u = user("bob", tags("a", 65));
    UserPermissionLimits t = pubAllow("{{tag(a)}}.{{tag(a)}}");
    // 65 x 65 = 4225 combinations.
    String reason = rejection(t, u, LATEST);
    assertTrue(reason.contains("exceeds the limit of 4096 subjects"), reason);
    assertEquals(4225, expandedPubAllow(t, u, V2_9).size());
    assertEquals(4225, expandedPubAllow(t, u, V2_10).size());
  }

  @Test
  void expand_exactly4096SubjectsLatest_accepted() {
    UserClaims u = user("bob", tags("a", 64));
    assertEquals(4096, expandedPubAllow(pubAllow("{{tag(a)}}.x{{tag(a)}}"), u, LATEST).size());
  }

  @Test
  void expand_runningTotalOver4096Latest_rejected() {
    UserClaims u = user("bob", tags("a", 2048));
    assertEquals(
        4096, expandedPubAllow(pubAllow("x.{{tag(a)}}", "y.{{tag(a)}}"), u, LATEST).size());
    assertTrue(
        rejection(pubAllow("x.{{tag(a)}}", "y.{{tag(a)}}", "z"), u, LATEST)
            .contains("exceeds the limit"));
  }

  private static String[] tags(String name, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = name + ":v" + i;
    }
    return out;
  }

  // ------------------------------------------------------------------ 2.9 and 2.10

  @ParameterizedTest
  @EnumSource(
      value = ServerProfile.class,
      names = {"V2_9", "V2_10"})
  void expand_missingTagTokenBefore211_emptyTokenDroppedAndCompensated(ServerProfile profile) {
    UserPermissionLimits x = expanded(pubAllow("t.{{tag(missing)}}"), profile);
    assertEquals(List.of(), x.permissions().pub().allow());
    assertEquals(List.of(">"), x.permissions().pub().deny());
  }

  @Test
  void expand_emptyTagBeforeTagWithValues29_crashTreatedAsRejection() {
    UserClaims u = user("bob", "team:red");
    assertTrue(rejection(pubAllow("{{tag(missing)}}.{{tag(team)}}"), u, V2_9).contains("crashes"));
    assertTrue(rejection(pubAllow("{{tag(team)}}.{{tag(missing)}}"), u, V2_9).contains("crashes"));
  }

  @Test
  void expand_emptyTagBeforeTagWithValues210_entryDropped() {
    UserClaims u = user("bob", "team:red");
    UserPermissionLimits x = expanded(pubAllow("{{tag(missing)}}.{{tag(team)}}", "k"), u, V2_10);
    assertEquals(List.of("k"), x.permissions().pub().allow());
    assertEquals(
        List.of("k"), expandedPubAllow(pubAllow("{{tag(missing)}}.{{tag(team)}}", "k"), u, LATEST));
  }

  @Test
  void expand_emptyTokenNextToTagWithValues29_crashTreatedAsRejection() {
    UserClaims u = user("", "team:red");
    assertTrue(rejection(pubAllow("{{name()}}.{{tag(team)}}"), u, V2_9).contains("crashes"));
    assertTrue(rejection(pubAllow("a..{{tag(team)}}"), u, V2_9).contains("crashes"));
    assertEquals(List.of("k"), expandedPubAllow(pubAllow("a..{{tag(team)}}", "k"), u, V2_10));
  }

  @Test
  void expand_tagWithValuesAlone29_noCrash() {
    assertEquals(List.of("t.red", "t.blue"), expandedPubAllow(pubAllow("t.{{tag(team)}}"), V2_9));
  }

  // ------------------------------------------------------------------ API

  @Test
  void expand_nullArgument_throws() {
    assertThrows(NullPointerException.class, () -> ScopeTemplates.expand(null, BOB, ACCA, LATEST));
  }

  @Test
  void cartesianProduct_emptyListAnywhere_noCombination() {
    assertEquals(List.of(), ScopeTemplates.cartesianProduct(List.of(List.of("a"), List.of())));
    assertEquals(List.of(List.of()), ScopeTemplates.cartesianProduct(List.of()));
  }

  @Test
  void templateExpansion_toStringAndEquality_describeOutcome() {
    TemplateExpansion a = expand(pubDeny("{{tag(missing)}}"), LATEST);
    TemplateExpansion b = expand(pubDeny("{{tag(missing)}}"), LATEST);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(a.toString().startsWith("TemplateExpansion[rejected: pub.deny entry"));
    TemplateExpansion ok = expand(pubAllow("a"), LATEST);
    assertEquals(Optional.empty(), ok.rejectionReason());
    assertTrue(ok.toString().startsWith("TemplateExpansion[UserPermissionLimits{"));
  }

  @Test
  void expand_largeListOnUnlimitedProfile_boundedByLibrary() {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      values.add("a:v" + i);
    }
    UserClaims u = user("bob", values.toArray(new String[0]));
    assertTrue(
        rejection(pubAllow("{{tag(a)}}.{{tag(a)}}"), u, V2_9).contains("too many to evaluate"));
  }
}
