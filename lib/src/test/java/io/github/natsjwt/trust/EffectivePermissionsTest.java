package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EffectivePermissionsTest {
  private static final String USER = NKey.generate(NKeyType.USER).publicKey();

  /** Decodes the user permissions from the JSON of a user JWT's {@code nats} fields. */
  private static Permissions decoded(String natsFields) {
    String json =
        "{\"sub\":\"" + USER + "\",\"nats\":{" + natsFields + ",\"type\":\"user\",\"version\":2}}";
    return ((UserClaims) Claims.fromJson(json)).permissions();
  }

  private static EffectivePermissions of(Permissions user, ServerProfile profile) {
    return EffectivePermissions.of(user, Permissions.EMPTY, profile);
  }

  private static EffectivePermissions of(Permissions user) {
    return of(user, ServerProfile.LATEST);
  }

  private static Permissions sub(List<String> allow, List<String> deny) {
    return Permissions.of(Permission.EMPTY, new Permission(allow, deny));
  }

  // ------------------------------------------------------------------ §5.1 building

  @Test
  void of_noPermissionsAnywhere_unrestricted() {
    EffectivePermissions p = of(Permissions.EMPTY);
    assertTrue(p.isUnrestricted());
    assertEquals(EffectivePermissions.Source.NONE, p.source());
    assertTrue(p.canPublish("anything.at.all"));
    assertTrue(p.canSubscribe(">"));
    assertTrue(p.canSubscribe("foo.*", "q"));
    assertEquals(Optional.empty(), p.publishAllow());
    assertEquals(Optional.empty(), p.subscribeAllow());
    assertEquals(Optional.empty(), p.responsePermission());
  }

  @Test
  void of_userWithoutPermissions_usesAccountDefaults() {
    Permissions defaults = Permissions.of(Permission.allowing("def.>"), Permission.EMPTY);
    EffectivePermissions p =
        EffectivePermissions.of(Permissions.EMPTY, defaults, ServerProfile.LATEST);
    assertEquals(EffectivePermissions.Source.ACCOUNT_DEFAULTS, p.source());
    assertTrue(p.canPublish("def.a"));
    assertFalse(p.canPublish("other"));
    assertTrue(p.canSubscribe("other"));
  }

  @Test
  void of_userWithOnlySubRules_defaultsNotMergedAndPublishUnrestricted() {
    Permissions defaults = Permissions.of(Permission.allowing("def.>"), Permission.EMPTY);
    Permissions user = sub(List.of("in.>"), List.of());
    EffectivePermissions p = EffectivePermissions.of(user, defaults, ServerProfile.LATEST);
    assertEquals(EffectivePermissions.Source.USER, p.source());
    assertTrue(p.canPublish("other"));
    assertTrue(p.canSubscribe("in.x"));
    assertFalse(p.canSubscribe("other"));
  }

  @Test
  void of_userWithOnlyResp_defaultsNotUsed() {
    Permissions defaults = Permissions.of(Permission.allowing("def.>"), Permission.EMPTY);
    Permissions user = Permissions.EMPTY.withResp(new ResponsePermission(1, Duration.ZERO));
    EffectivePermissions p = EffectivePermissions.of(user, defaults, ServerProfile.LATEST);
    assertEquals(EffectivePermissions.Source.USER, p.source());
    assertFalse(p.canPublish("def.a"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void canPublish_emptyAllowPresentWithDeny_deniesEverything(ServerProfile profile) {
    // Observation 14 (2.9.10): "pub":{"allow":[],"deny":["x"]}; PUB y ⇒ Permissions Violation.
    EffectivePermissions p = of(decoded("\"pub\":{\"allow\":[],\"deny\":[\"x\"]}"), profile);
    assertFalse(p.canPublish("y"));
    assertFalse(p.canPublish("x"));
    assertEquals(Optional.of(List.of()), p.publishAllow());
    assertFalse(p.isUnrestricted());
  }

  @Test
  void canPublish_denyOnlyWithoutAllowKey_allowsOthers() {
    EffectivePermissions p = of(decoded("\"pub\":{\"deny\":[\"x\"]}"));
    assertTrue(p.canPublish("y"));
    assertFalse(p.canPublish("x"));
    assertEquals(Optional.empty(), p.publishAllow());
  }

  @Test
  void of_onlyEmptyAllowArray_noOwnPermissions() {
    // Both publish lists have no entries, so the user has no permissions of its own.
    Permissions defaults = Permissions.of(Permission.EMPTY.withDenied("d"), Permission.EMPTY);
    EffectivePermissions p =
        EffectivePermissions.of(decoded("\"pub\":{\"allow\":[]}"), defaults, ServerProfile.V2_9);
    assertEquals(EffectivePermissions.Source.ACCOUNT_DEFAULTS, p.source());
    assertTrue(p.canPublish("y"));
    assertFalse(p.canPublish("d"));
  }

  @Test
  void of_emptyAllowPresentInAccountDefaults_deniesEverything() {
    Permissions defaults = decoded("\"pub\":{\"allow\":[],\"deny\":[\"x\"]}");
    EffectivePermissions p =
        EffectivePermissions.of(Permissions.EMPTY, defaults, ServerProfile.V2_9);
    assertFalse(p.canPublish("y"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void canPublish_onlyResp_deniesEverythingButReplies(ServerProfile profile) {
    // Observation 15 (2.9.10): only resp set; PUB y ⇒ Permissions Violation.
    EffectivePermissions p = of(decoded("\"resp\":{\"max\":0,\"ttl\":0}"), profile);
    assertFalse(p.canPublish("y"));
    assertTrue(p.canSubscribe("y"));
    assertEquals(Optional.of(List.of()), p.publishAllow());
  }

  @Test
  void canPublish_respWithAllowList_allowListKept() {
    EffectivePermissions p =
        of(decoded("\"pub\":{\"allow\":[\"req.>\"]},\"resp\":{\"max\":3,\"ttl\":1000}"));
    assertTrue(p.canPublish("req.a"));
    assertFalse(p.canPublish("y"));
  }

  @Test
  void canPublish_respWithDenyOnly_restrictedToNothing() {
    EffectivePermissions p = of(decoded("\"pub\":{\"deny\":[\"x\"]},\"resp\":{}"));
    assertFalse(p.canPublish("y"));
  }

  @Test
  void responsePermission_zeroMaxAndTtl_serverDefaults() {
    EffectivePermissions p = of(decoded("\"resp\":{\"max\":0,\"ttl\":0}"));
    assertEquals(
        Optional.of(new ResponsePermission(1, Duration.ofMinutes(2))), p.responsePermission());
  }

  @Test
  void responsePermission_givenValues_kept() {
    EffectivePermissions p = of(decoded("\"resp\":{\"max\":5,\"ttl\":3000000000}"));
    assertEquals(
        Optional.of(new ResponsePermission(5, Duration.ofSeconds(3))), p.responsePermission());
  }

  @Test
  void responsePermission_negativeValues_keptAsUnlimited() {
    EffectivePermissions p = of(decoded("\"resp\":{\"max\":-1,\"ttl\":-1}"));
    assertEquals(
        Optional.of(new ResponsePermission(-1, Duration.ofNanos(-1))), p.responsePermission());
  }

  @Test
  void canSubscribe_emptySubAllowWithDeny_noAllowRestriction() {
    EffectivePermissions p = of(decoded("\"sub\":{\"allow\":[],\"deny\":[\"x\"]}"));
    assertTrue(p.canSubscribe("y"));
    assertFalse(p.canSubscribe("x"));
    assertEquals(Optional.empty(), p.subscribeAllow());
  }

  // ------------------------------------------------------------------ §5.2 publish

  @Test
  void canPublish_allowAndDeny_denyWins() {
    EffectivePermissions p =
        of(Permissions.of(Permission.allowing("a.>").withDenied("a.secret"), Permission.EMPTY));
    assertTrue(p.canPublish("a.b"));
    assertTrue(p.canPublish("a.b.c"));
    assertFalse(p.canPublish("a.secret"));
    assertFalse(p.canPublish("a"));
    assertFalse(p.canPublish("b"));
  }

  @Test
  void canPublish_wildcardPatterns_natsMatching() {
    EffectivePermissions p = of(Permissions.of(Permission.allowing("a.*.c"), Permission.EMPTY));
    assertTrue(p.canPublish("a.b.c"));
    assertFalse(p.canPublish("a.b.c.d"));
    assertFalse(p.canPublish("a.c"));
  }

  @Test
  void canPublish_invalidOrWildcardSubject_false() {
    EffectivePermissions p = of(Permissions.EMPTY);
    assertFalse(p.canPublish(""));
    assertFalse(p.canPublish("foo..bar"));
    assertFalse(p.canPublish("foo bar"));
    assertFalse(p.canPublish("foo.*"));
    assertFalse(p.canPublish(">"));
  }

  @Test
  void canPublish_invalidEntryInAllowList_matchesNothing() {
    EffectivePermissions p = of(Permissions.of(Permission.allowing(">.x"), Permission.EMPTY));
    assertFalse(p.canPublish("a.x"));
  }

  // ------------------------------------------------------------------ §5.3 subscribe

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void canSubscribe_allowStar_literalMatchPermitsFullWildcard(ServerProfile profile) {
    // Observation 7 (2.9.10): sub.allow foo.*; SUB foo.>, foo.* allowed, foo.a.b denied.
    EffectivePermissions p = of(sub(List.of("foo.*"), List.of()), profile);
    assertTrue(p.canSubscribe("foo.>"));
    assertTrue(p.canSubscribe("foo.*"));
    assertFalse(p.canSubscribe("foo.a.b"));
    assertTrue(p.canSubscribe("foo.a"));
  }

  @Test
  void canSubscribe_allowFullWildcard_permitsNarrowerSubscriptions() {
    EffectivePermissions p = of(sub(List.of("foo.>"), List.of()));
    assertTrue(p.canSubscribe("foo.*"));
    assertTrue(p.canSubscribe("foo.>"));
    assertTrue(p.canSubscribe("foo.a.b"));
    assertFalse(p.canSubscribe("foo"));
    assertFalse(p.canSubscribe(">"));
  }

  @Test
  void canSubscribe_allowLiteral_doesNotPermitWildcard() {
    EffectivePermissions p = of(sub(List.of("foo.bar"), List.of()));
    assertTrue(p.canSubscribe("foo.bar"));
    assertFalse(p.canSubscribe("foo.*"));
    assertFalse(p.canSubscribe("foo.>"));
  }

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void canSubscribe_queueAllowAndQueueDeny_observation8(ServerProfile profile) {
    // Observation 8 (2.9.10): allow "foo.> q1", "bar"; deny "bar qx".
    EffectivePermissions p = of(sub(List.of("foo.> q1", "bar"), List.of("bar qx")), profile);
    assertFalse(p.canSubscribe("foo.a"));
    assertTrue(p.canSubscribe("foo.a", "q1"));
    assertFalse(p.canSubscribe("foo.a", "q2"));
    assertFalse(p.canSubscribe("bar", "qx"));
    assertTrue(p.canSubscribe("bar", "qy"));
    assertTrue(p.canSubscribe("bar"));
  }

  @Test
  void canSubscribe_plainAndQueuedAllow_queuedEntryOverridesPlainForQueues() {
    EffectivePermissions p = of(sub(List.of("foo", "foo v1"), List.of()));
    assertTrue(p.canSubscribe("foo"));
    assertTrue(p.canSubscribe("foo", "v1"));
    assertFalse(p.canSubscribe("foo", "v2"));
  }

  @Test
  void canSubscribe_plainAllowOnly_anyQueue() {
    EffectivePermissions p = of(sub(List.of("foo"), List.of()));
    assertTrue(p.canSubscribe("foo", "anything"));
  }

  @Test
  void canSubscribe_wildcardQueueNames_matchedAsPatterns() {
    EffectivePermissions p =
        of(sub(List.of("foo", "foo v1", "foo v1.>", "foo *.dev"), List.of("> *.prod")));
    assertTrue(p.canSubscribe("foo", "v1.a.b"));
    assertTrue(p.canSubscribe("foo", "team.dev"));
    assertFalse(p.canSubscribe("foo", "team.prod"));
    assertFalse(p.canSubscribe("foo", "v2"));
    // A queue group name equal to a wildcard pattern matches literally.
    assertTrue(p.canSubscribe("foo", "*.dev"));
  }

  @Test
  void canSubscribe_queuedDenyNamingAnotherGroup_quirkLiftsPlainDenyBefore214() {
    List<String> deny = List.of("bar", "bar qx");
    EffectivePermissions old = of(sub(List.of(), deny), ServerProfile.V2_9);
    EffectivePermissions v210 = of(sub(List.of(), deny), ServerProfile.V2_10);
    EffectivePermissions latest = of(sub(List.of(), deny), ServerProfile.LATEST);
    assertTrue(old.canSubscribe("bar", "qy"));
    assertTrue(v210.canSubscribe("bar", "qy"));
    assertFalse(latest.canSubscribe("bar", "qy"));
    for (EffectivePermissions p : List.of(old, v210, latest)) {
      assertFalse(p.canSubscribe("bar"));
      assertFalse(p.canSubscribe("bar", "qx"));
    }
  }

  @Test
  void canSubscribe_plainDeny_blocksQueuedAndPlain() {
    EffectivePermissions p = of(sub(List.of(), List.of("bar")), ServerProfile.V2_9);
    assertFalse(p.canSubscribe("bar"));
    assertFalse(p.canSubscribe("bar", "q"));
    assertTrue(p.canSubscribe("baz"));
  }

  @Test
  void canSubscribe_denyNarrowerThanSubscription_doesNotBlock() {
    EffectivePermissions p = of(sub(List.of(), List.of("foo.bar")));
    assertTrue(p.canSubscribe("foo.*"));
    assertTrue(p.canSubscribe("foo.>"));
    assertFalse(p.canSubscribe("foo.bar"));
  }

  @Test
  void canSubscribe_denyWildcard_blocksSubscriptionMatchingLiterally() {
    EffectivePermissions p = of(sub(List.of(), List.of("foo.*")));
    assertFalse(p.canSubscribe("foo.>"));
    assertFalse(p.canSubscribe("foo.*"));
    assertTrue(p.canSubscribe("foo.a.b"));
  }

  @Test
  void canSubscribe_invalidSubjectOrQueue_false() {
    EffectivePermissions p = of(Permissions.EMPTY);
    assertFalse(p.canSubscribe("foo..bar"));
    assertFalse(p.canSubscribe("foo.>.bar"));
    assertFalse(p.canSubscribe(""));
    assertFalse(p.canSubscribe("foo", "a b"));
    assertFalse(p.canSubscribe("foo", " q"));
  }

  @Test
  void canSubscribe_systemQueueGroup_alwaysRefused() {
    assertFalse(of(Permissions.EMPTY).canSubscribe("foo", "_sys_"));
    assertTrue(of(Permissions.EMPTY).canSubscribe("foo", "_sys"));
  }

  @Test
  void canSubscribe_entriesSplitOnWhitespace_asServer() {
    // The server splits entries on any white space; three fields make an entry unusable.
    EffectivePermissions p = of(sub(List.of("foo\tq1", "bar x y"), List.of()));
    assertTrue(p.canSubscribe("foo", "q1"));
    assertFalse(p.canSubscribe("foo"));
    assertFalse(p.canSubscribe("bar"));
  }

  @Test
  void canSubscribe_emptyQueue_sameAsNoQueue() {
    EffectivePermissions p = of(sub(List.of("foo q1"), List.of()));
    assertFalse(p.canSubscribe("foo", ""));
    assertFalse(p.canSubscribe("foo"));
  }

  // ------------------------------------------------------------------ API

  @Test
  void withPublishDeny_unrestricted_addsDenyOnly() {
    EffectivePermissions p = of(Permissions.EMPTY).withPublishDeny("$SYS.REQ.USER.AUTH");
    assertFalse(p.canPublish("$SYS.REQ.USER.AUTH"));
    assertTrue(p.canPublish("other"));
    assertEquals(List.of("$SYS.REQ.USER.AUTH"), p.publishDeny());
    assertFalse(p.isUnrestricted());
    assertEquals(EffectivePermissions.Source.NONE, p.source());
  }

  @Test
  void withPublishDeny_alreadyDenied_notRepeated() {
    EffectivePermissions p =
        of(Permissions.of(Permission.EMPTY.withDenied("x"), Permission.EMPTY))
            .withPublishDeny("x", "y");
    assertEquals(List.of("x", "y"), p.publishDeny());
  }

  @Test
  void accessors_effectiveLists_asGiven() {
    Permissions user =
        Permissions.of(
                Permission.allowing("a", "b").withDenied("c"),
                new Permission(List.of("s q"), List.of("t")))
            .withResp(new ResponsePermission(0, Duration.ZERO));
    EffectivePermissions p = of(user);
    assertEquals(Optional.of(List.of("a", "b")), p.publishAllow());
    assertEquals(List.of("c"), p.publishDeny());
    assertEquals(Optional.of(List.of("s q")), p.subscribeAllow());
    assertEquals(List.of("t"), p.subscribeDeny());
    assertEquals(ServerProfile.LATEST, p.profile());
    assertThrows(UnsupportedOperationException.class, () -> p.publishDeny().add("x"));
  }

  @Test
  void toString_restricted_namesListsAndReplies() {
    EffectivePermissions p =
        of(decoded("\"pub\":{\"allow\":[\"req.>\"]},\"resp\":{\"max\":0,\"ttl\":0}"));
    assertEquals(
        "EffectivePermissions[from USER: publish allow [req.>] deny [], subscribe allow any"
            + " deny [], replies max 1 within PT2M]",
        p.toString());
    assertEquals("EffectivePermissions[from NONE: unrestricted]", of(Permissions.EMPTY).toString());
  }

  @Test
  void equals_sameInputs_equalAndProfileMatters() {
    Permissions user = sub(List.of("a"), List.of());
    assertEquals(of(user), of(user));
    assertEquals(of(user).hashCode(), of(user).hashCode());
    assertNotEquals(of(user), of(user, ServerProfile.V2_9));
  }

  @Test
  void of_nullArguments_throw() {
    assertThrows(
        NullPointerException.class,
        () -> EffectivePermissions.of(null, Permissions.EMPTY, ServerProfile.LATEST));
    assertThrows(NullPointerException.class, () -> of(Permissions.EMPTY).canPublish(null));
  }

  // ------------------------------------------------------------------ live observations

  @ParameterizedTest
  @EnumSource(ServerProfile.class)
  void canSubscribe_allowListWithNoUsableEntry_deniesEverySubscription(ServerProfile profile) {
    // Observed on 2.9.10, 2.10.27 and 2.14.5: the server keeps an allow list even when it could
    // store none of its entries, and then refuses every SUB.
    for (String entry : List.of("a\u00a0q1\u00a0q2", "a\tb\tc", "a..b", ".a")) {
      EffectivePermissions p = of(sub(List.of(entry), List.of()), profile);
      assertFalse(p.canSubscribe("a"), entry);
      assertFalse(p.canSubscribe("x"), entry);
      assertFalse(p.canSubscribe(">"), entry);
    }
    assertTrue(of(sub(List.of("a\tb\tc", "ok"), List.of()), profile).canSubscribe("ok"));
  }

  @Test
  void canPublish_denyWithControlWhiteSpace_latestDeniesFirstField() {
    // Observed on 2.14.5; 2.9.10 and 2.10.27 keep the entry whole, which matches nothing.
    Permissions deny =
        Permissions.of(
            new Permission(
                List.of(), List.of("a\tb", "g\nh", "k\rl", "m\fn", "v\t", "s\tt\tu", "p\u00a0q")),
            Permission.EMPTY);
    EffectivePermissions latest = of(deny, ServerProfile.LATEST);
    for (String denied : List.of("a", "g", "k", "m", "v")) {
      assertFalse(latest.canPublish(denied), denied);
    }
    for (String allowed : List.of("b", "s", "p", "q")) {
      assertTrue(latest.canPublish(allowed), allowed);
    }
    for (ServerProfile older : List.of(ServerProfile.V2_9, ServerProfile.V2_10)) {
      EffectivePermissions p = of(deny, older);
      for (String s : List.of("a", "g", "k", "m", "v", "s", "p")) {
        assertTrue(p.canPublish(s), older + " " + s);
      }
    }
    Permissions allow = Permissions.of(Permission.allowing("a\tb"), Permission.EMPTY);
    assertFalse(of(allow, ServerProfile.LATEST).canPublish("a"));
  }

  @Test
  void canPublish_v210Quirk_asObservedOn21027() {
    // Each verdict observed on nats-server 2.10.27 (ServerAgreementTest, "publish matching");
    // 2.9.10 and 2.14.5 match normally.
    Permissions allowCc = Permissions.of(Permission.allowing("c.c", "*"), Permission.EMPTY);
    Permissions denyCc =
        Permissions.of(new Permission(List.of(), List.of("c.c", "*")), Permission.EMPTY);
    Permissions denyFwc =
        Permissions.of(new Permission(List.of(), List.of("a.>", ">.a")), Permission.EMPTY);
    Permissions allowDeep = Permissions.of(Permission.allowing("a.*", "a.b.c"), Permission.EMPTY);
    Permissions allowStar = Permissions.of(Permission.allowing("*.b", "a.c"), Permission.EMPTY);

    EffectivePermissions q = of(allowCc, ServerProfile.V2_10);
    assertFalse(q.canPublish("c"));
    assertTrue(q.canPublish("d"));
    assertTrue(q.canPublish("c.c"));
    assertTrue(of(denyCc, ServerProfile.V2_10).canPublish("c"));
    assertFalse(of(denyCc, ServerProfile.V2_10).canPublish("d"));
    assertTrue(of(denyFwc, ServerProfile.V2_10).canPublish("a.b"));
    assertFalse(of(allowDeep, ServerProfile.V2_10).canPublish("a.b"));
    assertTrue(of(allowStar, ServerProfile.V2_10).canPublish("a.b"));
    assertTrue(of(allowStar, ServerProfile.V2_10).canPublish("x.b"));
    // Found by ServerRandomAgreementTest (seed 7494975646828509303): the empty > node below the
    // * ends the whole search.
    Permissions branch =
        Permissions.of(Permission.allowing("*.>.a", "*.b", "b.>"), Permission.EMPTY);
    assertFalse(of(branch, ServerProfile.V2_10).canPublish("b.b.a"));
    assertTrue(of(branch, ServerProfile.LATEST).canPublish("b.b.a"));
    // Subscribe is not affected.
    assertTrue(
        of(Permissions.of(Permission.EMPTY, Permission.allowing("c.c", "*")), ServerProfile.V2_10)
            .canSubscribe("c"));

    for (ServerProfile p : List.of(ServerProfile.V2_9, ServerProfile.LATEST)) {
      assertTrue(of(allowCc, p).canPublish("c"), p.name());
      assertFalse(of(denyCc, p).canPublish("c"), p.name());
      assertFalse(of(denyFwc, p).canPublish("a.b"), p.name());
      assertTrue(of(allowDeep, p).canPublish("a.b"), p.name());
    }
  }
}
