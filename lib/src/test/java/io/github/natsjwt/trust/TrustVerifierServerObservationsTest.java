package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.ACCOUNT_SK;
import static io.github.natsjwt.trust.Chain.ISSUED;
import static io.github.natsjwt.trust.Chain.NONCE;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.SCOPED_SK;
import static io.github.natsjwt.trust.Chain.USER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.sign;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.signedBy;
import static io.github.natsjwt.trust.Chain.user;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The observations made against a real nats-server 2.9.10 (spec trust-chain.md section 11),
 * reproduced with {@link ServerProfile#V2_9}; and the places where later servers decide differently
 * (section 9), with {@link ServerProfile#LATEST}.
 */
class TrustVerifierServerObservationsTest {
  private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** The observed setup: account ACCA with plain signing key S and scoped key K. */
  private static final UserScope SCOPE_K =
      UserScope.builder(SCOPED_SK.publicKey())
          .template(
              UserPermissionLimits.builder()
                  .pub(
                      Permission.allowing(
                          "foo.{{name()}}",
                          "x{{name()}}",
                          "t.{{tag(team)}}",
                          "{{Name()}}.up",
                          "{{account-name()}}.an"))
                  .sub(Permission.allowing("foo.*", "q.> grp"))
                  .build())
          .build();

  private static String accountJwt(
      UnaryOperator<io.github.natsjwt.claims.AccountClaims.Builder> c) {
    return sign(c.apply(account().addScopedSigningKey(SCOPE_K)).build(), Chain.OPERATOR);
  }

  private static final String ACCA = accountJwt(a -> a);

  private static Verification<VerifiedUser> v29(
      String accountJwt, String userJwt, ConnectionContext ctx) {
    return verifier(resolver(accountJwt))
        .serverProfile(ServerProfile.V2_9)
        .build()
        .verifyUser(userJwt, ctx);
  }

  private static Verification<VerifiedUser> v29(String userJwt, ConnectionContext ctx) {
    return v29(ACCA, userJwt, ctx);
  }

  private static Verification<VerifiedUser> latest(String userJwt, ConnectionContext ctx) {
    return verifier(resolver(ACCA)).build().verifyUser(userJwt, ctx);
  }

  private static String userJwt(UnaryOperator<UserClaims.Builder> c) {
    return sign(c.apply(user()).build(), ACCOUNT);
  }

  private static String scopedUser(UnaryOperator<UserClaims.Builder> c) {
    return sign(c.apply(user().scoped(true).issuerAccount(ACCOUNT.publicKey())).build(), SCOPED_SK);
  }

  private static void rejected(Rule rule, Verification<?> v) {
    assertFalse(v.isAccepted(), () -> "expected " + rule + ", was accepted");
    assertEquals(rule, v.rejection().orElseThrow().rule(), v::toString);
  }

  private static void accepted(Verification<?> v) {
    assertTrue(v.isAccepted(), v::toString);
  }

  private static String at(Instant t) {
    return HMS.format(t.atZone(ZoneOffset.UTC));
  }

  @Nested
  class V2_9 {
    @Test
    void observation1_signedByAccountWithSignedNonce_accepted() {
      accepted(v29(userJwt(u -> u), signed()));
    }

    @Test
    void observation2_noSig_rejected() {
      rejected(
          Rule.NONCE_SIGNATURE_MISSING,
          v29(userJwt(u -> u), ConnectionContext.builder().nonce(NONCE).build()));
    }

    @Test
    void observation3_bearerWithoutSig_accepted() {
      accepted(
          v29(userJwt(u -> u.bearerToken(true)), ConnectionContext.builder().nonce(NONCE).build()));
    }

    @Test
    void observation4a_plainSigningKeyWithIssuerAccount_accepted() {
      VerifiedUser u =
          v29(sign(user().issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK), signed())
              .orElseThrow();
      assertTrue(u.isSignedBySigningKey());
      assertEquals(ACCOUNT_SK.publicKey(), u.signingKey());
    }

    @Test
    void observation4b_plainSigningKeyWithoutIssuerAccount_rejectedLookupBySigningKey() {
      Verification<VerifiedUser> v = v29(sign(user().build(), ACCOUNT_SK), signed());
      rejected(Rule.ACCOUNT_NOT_FOUND, v);
      assertTrue(v.rejection().orElseThrow().message().contains("issuer_account"));
    }

    @Test
    void observation5a_revokedAtIat_rejected() {
      rejected(
          Rule.REVOKED,
          v29(accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED)), userJwt(u -> u), signed()));
    }

    @Test
    void observation5b_revokedAtIatMinusOne_accepted() {
      accepted(
          v29(
              accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED.minusSeconds(1))),
              userJwt(u -> u),
              signed()));
    }

    @Test
    void observation6_noSubsNoPayload_closedForSubscriptions() {
      rejected(
          Rule.MAX_SUBSCRIPTIONS_ZERO, v29(userJwt(u -> u.subs(0).data(0).payload(0)), signed()));
    }

    @Test
    void observation10_scopedUserWithOwnPubAllow_rejected() {
      rejected(
          Rule.SCOPED_USER_HAS_PERMISSIONS,
          v29(scopedUser(u -> u.pub(Permission.allowing("foo.>"))), signed()));
    }

    @Test
    void observation11_scopedUserWithDefaultMinusOneLimits_rejected() {
      String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), SCOPED_SK);
      rejected(Rule.SCOPED_USER_HAS_PERMISSIONS, v29(u, signed()));
    }

    @Test
    void observation9_scopedUser_templateApplied() {
      VerifiedUser u =
          v29(scopedUser(x -> x.name("bob").addTags("team:red", "team:blue")), signed())
              .orElseThrow();
      assertTrue(u.isScoped());
      assertTrue(u.permissions().canPublish("foo.bob"));
      assertTrue(u.permissions().canPublish("x{{name()}}"));
      assertFalse(u.permissions().canPublish("xbob"));
      assertTrue(u.permissions().canSubscribe("q.x", "grp"));
    }

    @Test
    void observation12_exportWithoutLimits_everyUserRejected() {
      String acc =
          accountJwt(
              a -> a.limits(OperatorLimits.EMPTY).addExports(Export.stream("foo.>").build()));
      rejected(Rule.ACCOUNT_INVALID, v29(acc, userJwt(u -> u), signed()));
    }

    @Test
    void observation13_accountWithoutLimits_noConnections() {
      Verification<VerifiedUser> v =
          v29(accountJwt(a -> a.limits(OperatorLimits.EMPTY)), userJwt(u -> u), signed());
      rejected(Rule.ACCOUNT_CONNECTIONS_EXCEEDED, v);
    }

    @Test
    void observation16_expiredOneSecondAgo_rejected() {
      rejected(Rule.USER_EXPIRED, v29(userJwt(u -> u.expiresAt(NOW.minusSeconds(1))), signed()));
    }

    @Test
    void observation17_srcTenSlashEightFromLoopback_rejected() {
      rejected(Rule.SOURCE_NOT_ALLOWED, v29(userJwt(u -> u.addSrc("10.0.0.0/8")), signed()));
    }

    @Test
    void observation18_sigInStandardPaddedBase64_accepted() {
      String std =
          Base64.getEncoder().encodeToString(USER.sign(NONCE.getBytes(StandardCharsets.US_ASCII)));
      accepted(
          v29(userJwt(u -> u), ConnectionContext.builder().nonce(NONCE).signature(std).build()));
    }

    @Test
    void observation19_websocketOnlyOverTcp_rejected() {
      rejected(
          Rule.CONNECTION_TYPE_NOT_ALLOWED,
          v29(userJwt(u -> u.addAllowedConnectionTypes(ConnectionType.WEBSOCKET)), signed()));
    }

    @Test
    void observation20_onlyUnknownType_rejected() {
      Verification<VerifiedUser> v =
          v29(userJwt(u -> u.addAllowedConnectionTypes(ConnectionType.of("FOO"))), signed());
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("none of which"));
    }

    @Test
    void observation21_lowerCaseStandardAndUnknown_accepted() {
      VerifiedUser u =
          v29(
                  userJwt(
                      x ->
                          x.addAllowedConnectionTypes(
                              ConnectionType.of("standard"), ConnectionType.of("FOO"))),
                  signed())
              .orElseThrow();
      assertEquals(java.util.Set.of(ConnectionType.STANDARD), u.allowedConnectionTypes());
    }

    @Test
    void observation22_windowCrossingMidnightContainingNow_rejected() {
      String u =
          userJwt(
              x -> x.addTimes(new TimeRange(at(NOW.plusSeconds(3600)), at(NOW.plusSeconds(1800)))));
      rejected(Rule.OUTSIDE_TIME_WINDOW, v29(u, signed()));
    }

    @Test
    void observation23_windowAroundNow_accepted() {
      String u =
          userJwt(
              x -> x.addTimes(new TimeRange(at(NOW.minusSeconds(600)), at(NOW.plusSeconds(600)))));
      VerifiedUser v = v29(u, signed()).orElseThrow();
      assertEquals(NOW.plusSeconds(600), v.disconnectAt().orElseThrow());
    }

    @Test
    void observation24_templateDenyMissingTag_rejected() {
      UserScope scope =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(
                  UserPermissionLimits.builder()
                      .pub(Permission.EMPTY.withDenied("{{tag(missing)}}"))
                      .build())
              .build();
      String acc = sign(account().addScopedSigningKey(scope).build(), Chain.OPERATOR);
      rejected(Rule.TEMPLATE_REJECTED, v29(acc, scopedUser(u -> u), signed()));
    }
  }

  @Nested
  class LatestDifferences {
    private final UserScope websocketOnly =
        UserScope.builder(SCOPED_SK.publicKey())
            .template(
                UserPermissionLimits.builder()
                    .addAllowedConnectionTypes(ConnectionType.WEBSOCKET)
                    .build())
            .build();
    private final String acc =
        sign(account().addScopedSigningKey(websocketOnly).build(), Chain.OPERATOR);

    private Verification<VerifiedUser> run(ServerProfile p, String userJwt, ConnectionContext ctx) {
      return verifier(resolver(acc)).serverProfile(p).build().verifyUser(userJwt, ctx);
    }

    @Test
    void verifyUser_templateConnectionTypes_ignoredIn29HonouredLater() {
      String u = scopedUser(x -> x);
      VerifiedUser old = run(ServerProfile.V2_9, u, signed()).orElseThrow();
      assertTrue(old.allowedConnectionTypes().isEmpty());
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, run(ServerProfile.V2_10, u, signed()));
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, run(ServerProfile.LATEST, u, signed()));
      VerifiedUser ws =
          run(
                  ServerProfile.LATEST,
                  u,
                  signedBy(USER).connectionType(ConnectionType.WEBSOCKET).build())
              .orElseThrow();
      assertEquals(java.util.Set.of(ConnectionType.WEBSOCKET), ws.allowedConnectionTypes());
    }

    @Test
    void verifyUser_windowCrossingMidnightContainingNow_acceptedOnLatest() {
      String u =
          userJwt(
              x -> x.addTimes(new TimeRange(at(NOW.plusSeconds(3600)), at(NOW.plusSeconds(1800)))));
      VerifiedUser v = latest(u, signed()).orElseThrow();
      assertEquals(NOW.plusSeconds(1800), v.disconnectAt().orElseThrow());
    }

    @Test
    void verifyUser_nightShiftAtFiveInTheMorning_onlyLatestAccepts() {
      String u = userJwt(x -> x.addTimes(new TimeRange("22:00:00", "06:00:00")));
      Instant five = Instant.parse("2026-03-02T05:00:00Z");
      ConnectionContext ctx = signedBy(USER).time(five).build();
      Verification<VerifiedUser> old = v29(u, ctx);
      rejected(Rule.OUTSIDE_TIME_WINDOW, old);
      assertTrue(old.rejection().orElseThrow().message().contains("2.11.17"));
      assertEquals(
          Instant.parse("2026-03-02T06:00:00Z"),
          latest(u, ctx).orElseThrow().disconnectAt().orElseThrow());
      // At 23:00 both accept, until 06:00 the next day.
      ConnectionContext late = signedBy(USER).time(Instant.parse("2026-03-02T23:00:00Z")).build();
      assertEquals(
          Instant.parse("2026-03-03T06:00:00Z"),
          v29(u, late).orElseThrow().disconnectAt().orElseThrow());
    }

    @Test
    void verifyUser_inProcessOnly_unknownBefore211() {
      String u = userJwt(x -> x.addAllowedConnectionTypes(ConnectionType.IN_PROCESS));
      ConnectionContext inProcess =
          signedBy(USER).connectionType(ConnectionType.IN_PROCESS).build();
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, v29(u, inProcess));
      accepted(latest(u, inProcess));
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, latest(u, signed()));
    }

    @Test
    void verifyUser_inProcessClientOfStandardUser_standardBefore211() {
      String u = userJwt(x -> x.addAllowedConnectionTypes(ConnectionType.STANDARD));
      ConnectionContext inProcess =
          signedBy(USER).connectionType(ConnectionType.IN_PROCESS).build();
      accepted(v29(u, inProcess));
      rejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, latest(u, inProcess));
    }

    @Test
    void verifyUser_templateAnywhere_expandedOnLatestOnly() {
      String u = scopedUser(x -> x.name("bob"));
      assertTrue(latest(u, signed()).orElseThrow().permissions().canPublish("xbob"));
      assertFalse(v29(u, signed()).orElseThrow().permissions().canPublish("xbob"));
    }

    @Test
    void jwtDecode_fixtureAccount_hasScopedKey() {
      assertTrue(
          Jwt.decode(ACCA, io.github.natsjwt.claims.AccountClaims.class)
              .claims()
              .signingKeys()
              .scope(SCOPED_SK.publicKey())
              .isPresent());
    }
  }
}
