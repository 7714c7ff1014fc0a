package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.ACCOUNT_SK;
import static io.github.natsjwt.trust.Chain.CLOCK;
import static io.github.natsjwt.trust.Chain.EXPORTER;
import static io.github.natsjwt.trust.Chain.ISSUED;
import static io.github.natsjwt.trust.Chain.NONCE;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.OPERATOR;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.OTHER_OPERATOR;
import static io.github.natsjwt.trust.Chain.OTHER_USER;
import static io.github.natsjwt.trust.Chain.SCOPED_SK;
import static io.github.natsjwt.trust.Chain.STRANGER;
import static io.github.natsjwt.trust.Chain.SYSTEM;
import static io.github.natsjwt.trust.Chain.USER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.forge;
import static io.github.natsjwt.trust.Chain.operator;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.sign;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.signedBy;
import static io.github.natsjwt.trust.Chain.user;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.nkey.KeyTypeMismatchException;
import io.github.natsjwt.trust.Chain.MapResolver;
import io.github.natsjwt.trust.Chain.MutableClock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TrustVerifierTest {
  // ---------------------------------------------------------------- helpers

  /** The account JWT the operator's signing key issues from an account builder. */
  static String accountJwt(UnaryOperator<AccountClaims.Builder> change) {
    return sign(change.apply(account()).build(), OPERATOR_SK);
  }

  static String accountJwt() {
    return accountJwt(a -> a);
  }

  /** A verifier whose resolver holds the account, with a profile. */
  static TrustVerifier verifierFor(String accountJwt, ServerProfile profile) {
    return verifier(resolver(accountJwt)).serverProfile(profile).build();
  }

  static Verification<VerifiedUser> connect(
      String accountJwt, String userJwt, ConnectionContext ctx, ServerProfile profile) {
    return verifierFor(accountJwt, profile).verifyUser(userJwt, ctx);
  }

  static Verification<VerifiedUser> connect(String accountJwt, String userJwt) {
    return connect(accountJwt, userJwt, signed(), ServerProfile.LATEST);
  }

  static String userJwt(UnaryOperator<io.github.natsjwt.claims.UserClaims.Builder> change) {
    return sign(change.apply(user()).build(), ACCOUNT);
  }

  static void assertRejected(Rule rule, Verification<?> v) {
    assertFalse(v.isAccepted(), () -> "expected " + rule + " but was accepted: " + v);
    assertEquals(rule, v.rejection().orElseThrow().rule(), () -> v.toString());
  }

  static VerifiedUser assertAccepted(Verification<VerifiedUser> v) {
    assertTrue(v.isAccepted(), () -> "expected acceptance: " + v);
    return v.orElseThrow();
  }

  // ================================================================= builder

  @Nested
  class Builder {
    @Test
    void build_noOperator_throwsWithHowToFix() {
      TrustConfigurationException e =
          assertThrows(TrustConfigurationException.class, () -> TrustVerifier.builder().build());
      assertEquals(Messages.NO_OPERATOR, e.getMessage());
    }

    @Test
    void build_operatorJwtAndBareKey_throwsConflict() {
      TrustVerifier.Builder b =
          TrustVerifier.builder()
              .trustOperator(Chain.operatorJwt())
              .trustOperatorKey(OTHER_OPERATOR.publicKey());
      TrustConfigurationException e = assertThrows(TrustConfigurationException.class, b::build);
      assertEquals(Messages.OPERATOR_AND_KEYS, e.getMessage());
    }

    @Test
    void build_systemAccountDiffersFromOperators_throws() {
      TrustVerifier.Builder b =
          TrustVerifier.builder()
              .trustOperator(Chain.operatorJwt())
              .systemAccount(STRANGER.publicKey());
      TrustConfigurationException e = assertThrows(TrustConfigurationException.class, b::build);
      assertTrue(e.getMessage().contains(SYSTEM.publicKey()), e.getMessage());
    }

    @Test
    void build_pinnedAccountNotAnAccountKey_throws() {
      TrustVerifier.Builder b =
          TrustVerifier.builder()
              .trustOperator(Chain.operatorJwt())
              .pinnedAccounts(USER.publicKey());
      assertThrows(TrustConfigurationException.class, b::build);
    }

    @Test
    void build_negativeLimit_throws() {
      assertThrows(
          TrustConfigurationException.class,
          () -> TrustVerifier.builder().trustOperator(Chain.operatorJwt()).maxPayload(-1).build());
      assertThrows(
          TrustConfigurationException.class,
          () ->
              TrustVerifier.builder()
                  .trustOperator(Chain.operatorJwt())
                  .maxSubscriptions(-1)
                  .build());
    }

    @Test
    void build_strictOperatorWithoutSigningKeys_throws() {
      String strict =
          sign(
              io.github.natsjwt.claims.OperatorClaims.builder(OPERATOR.publicKey())
                  .strictSigningKeyUsage(true)
                  .build(),
              OPERATOR);
      TrustVerifier.Builder b = TrustVerifier.builder().trustOperator(strict);
      TrustConfigurationException e = assertThrows(TrustConfigurationException.class, b::build);
      assertEquals(Messages.NO_TRUSTED_KEYS, e.getMessage());
    }

    @Test
    void trustOperator_notAJwt_throwsMalformed() {
      assertThrows(
          MalformedJwtException.class, () -> TrustVerifier.builder().trustOperator("nope"));
    }

    @Test
    void trustOperatorKey_accountKey_throwsKeyTypeMismatch() {
      assertThrows(
          KeyTypeMismatchException.class,
          () -> TrustVerifier.builder().trustOperatorKey(ACCOUNT.publicKey()));
    }

    @Test
    void build_operatorJwt_trustsIdentityAndSigningKeysAndTakesSystemAccount() {
      TrustVerifier v = TrustVerifier.builder().trustOperator(Chain.operatorJwt()).build();
      assertEquals(
          java.util.Set.of(OPERATOR.publicKey(), OPERATOR_SK.publicKey()),
          v.trustedAccountSigners());
      assertEquals(SYSTEM.publicKey(), v.systemAccount());
      assertEquals(ServerProfile.LATEST, v.profile());
      assertFalse(v.toString().contains("eyJ"), v.toString());
    }

    @Test
    void build_strictOperator_trustsOnlySigningKeys() {
      String strict = sign(operator().strictSigningKeyUsage(true).build(), OPERATOR);
      TrustVerifier v = TrustVerifier.builder().trustOperator(strict).build();
      assertEquals(java.util.Set.of(OPERATOR_SK.publicKey()), v.trustedAccountSigners());
    }
  }

  // ================================================================= accounts (section 2)

  @Nested
  class Accounts {
    @Test
    void verifyAccount_signedByOperatorSigningKey_acceptedWithChain() {
      VerifiedAccount a = verifier(resolver()).build().verifyAccount(accountJwt()).orElseThrow();
      assertEquals(ACCOUNT.publicKey(), a.publicKey());
      assertEquals("ACCA", a.name());
      assertEquals(OPERATOR.publicKey(), a.operatorKey());
      assertEquals(OPERATOR_SK.publicKey(), a.issuer());
      assertTrue(a.isIssuedBySigningKey());
      assertTrue(a.identityKeySignsUsers());
      assertFalse(a.isSystemAccount());
      assertFalse(a.toString().contains("eyJ"));
    }

    @Test
    void verifyAccount_signedByOperatorIdentity_accepted() {
      String jwt = sign(account().build(), OPERATOR);
      VerifiedAccount a = verifier(resolver()).build().verifyAccount(jwt).orElseThrow();
      assertFalse(a.isIssuedBySigningKey());
    }

    @Test
    void verifyAccount_untrustedOperator_rejectedNamingTrustedKeys() {
      String jwt = sign(account().build(), OTHER_OPERATOR);
      Verification<VerifiedAccount> v = verifier(resolver()).build().verifyAccount(jwt);
      assertRejected(Rule.ACCOUNT_UNTRUSTED_ISSUER, v);
      String m = v.rejection().orElseThrow().message();
      assertTrue(m.contains(OTHER_OPERATOR.publicKey()) && m.contains(OPERATOR_SK.publicKey()), m);
    }

    @Test
    void verifyAccount_selfSigned_rejectedUntrusted() {
      String jwt = sign(account().build(), ACCOUNT);
      assertRejected(
          Rule.ACCOUNT_UNTRUSTED_ISSUER, verifier(resolver()).build().verifyAccount(jwt));
    }

    @Test
    void verifyAccount_strictOperatorIdentity_rejectedUntrusted() {
      String strict = sign(operator().strictSigningKeyUsage(true).build(), OPERATOR);
      TrustVerifier v = TrustVerifier.builder().trustOperator(strict).clock(CLOCK).build();
      Verification<VerifiedAccount> r = v.verifyAccount(sign(account().build(), OPERATOR));
      assertRejected(Rule.ACCOUNT_UNTRUSTED_ISSUER, r);
      assertTrue(r.rejection().orElseThrow().message().contains("strict_signing_key_usage"));
      VerifiedAccount ok = v.verifyAccount(accountJwt()).orElseThrow();
      assertFalse(ok.identityKeySignsUsers());
    }

    @Test
    void verifyAccount_bareOperatorKey_trustsThatKeyOnly() {
      TrustVerifier v =
          TrustVerifier.builder().trustOperatorKey(OPERATOR.publicKey()).clock(CLOCK).build();
      assertTrue(v.verifyAccount(sign(account().build(), OPERATOR)).isAccepted());
      assertRejected(Rule.ACCOUNT_UNTRUSTED_ISSUER, v.verifyAccount(accountJwt()));
    }

    @Test
    void verifyAccount_garbage_rejectedMalformed() {
      Verification<VerifiedAccount> v = verifier(resolver()).build().verifyAccount("a.b.c");
      assertRejected(Rule.ACCOUNT_JWT_MALFORMED, v);
      assertTrue(v.rejection().orElseThrow().cause().isPresent());
    }

    @Test
    void verifyAccount_userJwt_rejectedMalformed() {
      assertRejected(
          Rule.ACCOUNT_JWT_MALFORMED, verifier(resolver()).build().verifyAccount(userJwt(u -> u)));
    }

    @Test
    void verifyAccount_expiredOneSecondAgo_rejected() {
      String jwt = accountJwt(a -> a.expiresAt(NOW.minusSeconds(1)));
      assertRejected(Rule.ACCOUNT_EXPIRED, verifier(resolver()).build().verifyAccount(jwt));
    }

    @Test
    void verifyAccount_expiresThisSecond_rejectedByTheStricterRule() {
      // Validation passes (now > exp is false) but the server marks it expired (exp <= now).
      String jwt = accountJwt(a -> a.expiresAt(NOW));
      Verification<VerifiedAccount> v = verifier(resolver()).build().verifyAccount(jwt);
      assertRejected(Rule.ACCOUNT_EXPIRED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("not after now"));
      assertTrue(
          verifier(resolver())
              .build()
              .verifyAccount(accountJwt(a -> a.expiresAt(NOW.plusSeconds(1))))
              .isAccepted());
    }

    @Test
    void verifyAccount_notYetValid_rejected() {
      String jwt = accountJwt(a -> a.notBefore(NOW.plusSeconds(60)));
      assertRejected(Rule.ACCOUNT_NOT_YET_VALID, verifier(resolver()).build().verifyAccount(jwt));
    }

    @Test
    void verifyAccount_exportWithoutLimitsBlock_rejectedInvalidWithHint() {
      // Observation 12: a hand-made account with one export and no limits.
      String jwt =
          accountJwt(
              a ->
                  a.limits(OperatorLimits.EMPTY)
                      .addExports(io.github.natsjwt.claims.Export.stream("foo.>").build()));
      Verification<VerifiedAccount> v = verifier(resolver()).build().verifyAccount(jwt);
      assertRejected(Rule.ACCOUNT_INVALID, v);
      assertTrue(v.rejection().orElseThrow().message().contains("limits.exports"));
    }

    @Test
    void resolveAccount_resolverReturnsOtherAccount_rejectedSubjectMismatch() {
      MapResolver r = resolver().putAs(STRANGER.publicKey(), accountJwt());
      assertRejected(
          Rule.ACCOUNT_SUBJECT_MISMATCH, verifier(r).build().resolveAccount(STRANGER.publicKey()));
    }

    @Test
    void resolveAccount_missing_rejectedNotFound() {
      assertRejected(
          Rule.ACCOUNT_NOT_FOUND, verifier(resolver()).build().resolveAccount(ACCOUNT.publicKey()));
    }

    @Test
    void resolveAccount_resolverThrows_rejectedWithCause() {
      AccountResolutionException boom =
          new AccountResolutionException(ACCOUNT.publicKey(), "directory unreadable");
      Verification<VerifiedAccount> v =
          verifier(resolver().failWith(boom)).build().resolveAccount(ACCOUNT.publicKey());
      assertRejected(Rule.RESOLVER_FAILED, v);
      assertSame(boom, v.rejection().orElseThrow().cause().orElseThrow());
    }

    @Test
    void resolveAccount_resolverCrashes_rejectedNotThrown() {
      Verification<VerifiedAccount> v =
          verifier(resolver().failWith(new IllegalStateException("bug")))
              .build()
              .resolveAccount(ACCOUNT.publicKey());
      assertRejected(Rule.RESOLVER_FAILED, v);
    }

    @Test
    void resolveAccount_noResolver_rejectedNotFound() {
      TrustVerifier v = TrustVerifier.builder().trustOperator(Chain.operatorJwt()).build();
      assertRejected(Rule.ACCOUNT_NOT_FOUND, v.resolveAccount(ACCOUNT.publicKey()));
    }

    @Test
    void verifyAccount_systemAccount_flagged() {
      String jwt = sign(AccountClaims.builder(SYSTEM.publicKey()).build(), OPERATOR);
      assertTrue(verifier(resolver()).build().verifyAccount(jwt).orElseThrow().isSystemAccount());
    }

    @Test
    void verifyAccount_cachedThenExpired_rejectedAtTheLaterTime() {
      MutableClock clock = new MutableClock(NOW);
      TrustVerifier v = verifier(resolver()).clock(clock).build();
      String jwt = accountJwt(a -> a.expiresAt(NOW.plusSeconds(10)));
      assertTrue(v.verifyAccount(jwt).isAccepted());
      clock.set(NOW.plusSeconds(10));
      assertRejected(Rule.ACCOUNT_EXPIRED, v.verifyAccount(jwt));
      clock.set(NOW.plusSeconds(11));
      assertRejected(Rule.ACCOUNT_EXPIRED, v.verifyAccount(jwt));
    }

    @Test
    void verifyUser_accountJwtReplacedInResolver_newJwtApplies() {
      MapResolver r = resolver(accountJwt());
      TrustVerifier v = verifier(r).build();
      String u = userJwt(x -> x);
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      r.put(accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED)));
      assertRejected(Rule.REVOKED, v.verifyUser(u, signed()));
    }

    @Test
    void verifyUser_rememberedTokenLaterExpired_rejected() {
      MutableClock clock = new MutableClock(NOW);
      TrustVerifier v = verifier(resolver(accountJwt())).clock(clock).build();
      String u = userJwt(x -> x.expiresAt(NOW.plusSeconds(10)));
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      clock.set(NOW.plusSeconds(10));
      assertRejected(Rule.USER_EXPIRED, v.verifyUser(u, signed()));
    }

    @Test
    void verifyUser_rememberedTokenWrongNonceSignature_rejected() {
      TrustVerifier v = verifier(resolver(accountJwt())).build();
      String u = userJwt(x -> x);
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      assertRejected(Rule.NONCE_SIGNATURE_INVALID, v.verifyUser(u, signedBy(OTHER_USER).build()));
    }

    @Test
    void verifyUser_rememberedTokenThenRevoked_rejected() {
      MapResolver r = resolver(accountJwt());
      TrustVerifier v = verifier(r).build();
      String u = userJwt(x -> x);
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      r.put(accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED)));
      assertRejected(Rule.REVOKED, v.verifyUser(u, signed()));
    }

    @Test
    void verifyUser_signatureAlteredAfterRemembered_rejected() {
      TrustVerifier v = verifier(resolver(accountJwt())).build();
      String u = userJwt(x -> x);
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      char last = u.charAt(u.length() - 1);
      String altered = u.substring(0, u.length() - 1) + (last == 'A' ? 'Q' : 'A');
      assertRejected(Rule.USER_JWT_SIGNATURE_INVALID, v.verifyUser(altered, signed()));
    }

    @Test
    void build_negativeVerifiedTokenCacheSize_throws() {
      TrustVerifier.Builder b = verifier(resolver()).verifiedTokenCacheSize(-1);
      assertThrows(TrustConfigurationException.class, b::build);
    }

    @Test
    void verifyUser_tokenCacheDisabled_sameDecisions() {
      TrustVerifier v = verifier(resolver(accountJwt())).verifiedTokenCacheSize(0).build();
      String u = userJwt(x -> x);
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      assertTrue(v.verifyUser(u, signed()).isAccepted());
      assertRejected(Rule.NONCE_SIGNATURE_INVALID, v.verifyUser(u, signedBy(OTHER_USER).build()));
    }

    @Test
    void verifyUser_cacheDisabled_sameDecisions() {
      TrustVerifier v = verifier(resolver(accountJwt())).accountCacheSize(0).build();
      assertTrue(v.verifyUser(userJwt(x -> x), signed()).isAccepted());
      assertTrue(v.verifyUser(userJwt(x -> x), signed()).isAccepted());
    }
  }

  // ================================================================= users: one test per rule

  @Nested
  class UserRules {
    @Test
    void verifyUser_validChain_acceptedWithChainDetails() {
      VerifiedUser u = assertAccepted(connect(accountJwt(), userJwt(x -> x)));
      assertEquals(USER.publicKey(), u.publicKey());
      assertEquals("alice", u.name());
      assertEquals(ACCOUNT.publicKey(), u.account().publicKey());
      assertEquals(OPERATOR.publicKey(), u.operatorKey());
      assertEquals(ACCOUNT.publicKey(), u.signingKey());
      assertFalse(u.isSignedBySigningKey());
      assertFalse(u.isScoped());
      assertFalse(u.isBearer());
      assertEquals(-1, u.maxSubscriptions());
      assertEquals(TrustVerifier.DEFAULT_MAX_PAYLOAD, u.maxPayload());
      assertEquals(Optional.empty(), u.disconnectAt());
      assertEquals(NOW, u.verifiedAt());
      assertTrue(u.permissions().isUnrestricted());
      assertFalse(u.toString().contains("eyJ"));
    }

    @Test
    void verifyUser_emptyJwt_rejectedMissing() {
      assertRejected(Rule.USER_JWT_MISSING, connect(accountJwt(), ""));
    }

    @Test
    void verifyUser_notAJwt_rejectedMalformed() {
      assertRejected(Rule.USER_JWT_MALFORMED, connect(accountJwt(), "eyJ.nope"));
    }

    @Test
    void verifyUser_tamperedSignature_rejectedSignatureInvalid() {
      String u = userJwt(x -> x);
      char last = u.charAt(u.length() - 2);
      String tampered =
          u.substring(0, u.length() - 2) + (last == 'A' ? 'B' : 'A') + u.charAt(u.length() - 1);
      assertRejected(Rule.USER_JWT_SIGNATURE_INVALID, connect(accountJwt(), tampered));
    }

    @Test
    void verifyUser_accountJwtInstead_rejectedNotAUserJwt() {
      assertRejected(Rule.NOT_A_USER_JWT, connect(accountJwt(), accountJwt()));
    }

    @Test
    void verifyUser_signedByOperatorKey_rejectedIssuerNotAccountKey() {
      assertRejected(
          Rule.USER_ISSUER_NOT_ACCOUNT_KEY, connect(accountJwt(), forge(user().build(), OPERATOR)));
    }

    @Test
    void verifyUser_proxyRequiredWithoutProxy_rejectedOnLatestOnly() {
      String u = userJwt(x -> x.proxyRequired(true));
      assertRejected(Rule.PROXY_REQUIRED, connect(accountJwt(), u));
      assertTrue(
          connect(
                  accountJwt(),
                  u,
                  signedBy(USER).viaTrustedProxy(true).build(),
                  ServerProfile.LATEST)
              .isAccepted());
      assertTrue(connect(accountJwt(), u, signed(), ServerProfile.V2_9).isAccepted());
    }

    @Test
    void verifyUser_expiredOneSecondAgo_rejectedExpired() {
      // Observation 16.
      assertRejected(
          Rule.USER_EXPIRED, connect(accountJwt(), userJwt(x -> x.expiresAt(NOW.minusSeconds(1)))));
    }

    @Test
    void verifyUser_expiresThisSecond_rejectedAsDisconnectedAtOnce() {
      Verification<VerifiedUser> v = connect(accountJwt(), userJwt(x -> x.expiresAt(NOW)));
      assertRejected(Rule.USER_EXPIRED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("disconnects it at once"));
    }

    @Test
    void verifyUser_notYetValid_rejected() {
      assertRejected(
          Rule.USER_NOT_YET_VALID,
          connect(accountJwt(), userJwt(x -> x.notBefore(NOW.plusSeconds(5)))));
    }

    @Test
    void verifyUser_badCidr_rejectedInvalid() {
      Verification<VerifiedUser> v = connect(accountJwt(), userJwt(x -> x.addSrc("10.0.0.0/33")));
      assertRejected(Rule.USER_INVALID, v);
      assertTrue(v.rejection().orElseThrow().message().contains("invalid cidr"));
    }

    @Test
    void verifyUser_unknownTimeZone_rejectedInvalid() {
      assertRejected(
          Rule.USER_INVALID, connect(accountJwt(), userJwt(x -> x.timesLocation("Mars/Base"))));
    }

    @Test
    void verifyUser_websocketOnlyOverTcp_rejectedConnectionType() {
      String u = userJwt(x -> x.addAllowedConnectionTypes(ConnectionType.WEBSOCKET));
      Verification<VerifiedUser> v = connect(accountJwt(), u);
      assertRejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, v);
      assertTrue(
          connect(
                  accountJwt(),
                  u,
                  signedBy(USER).connectionType(ConnectionType.WEBSOCKET).build(),
                  ServerProfile.LATEST)
              .isAccepted());
    }

    @Test
    void verifyUser_accountNotPinned_rejected() {
      TrustVerifier v =
          verifier(resolver(accountJwt())).pinnedAccounts(EXPORTER.publicKey()).build();
      Verification<VerifiedUser> r = v.verifyUser(userJwt(x -> x), signed());
      assertRejected(Rule.ACCOUNT_NOT_PINNED, r);
      TrustVerifier pinned =
          verifier(resolver(accountJwt())).pinnedAccounts(ACCOUNT.publicKey()).build();
      assertTrue(pinned.verifyUser(userJwt(x -> x), signed()).isAccepted());
    }

    @Test
    void verifyUser_systemAccountUser_passesPinningAutomatically() {
      String sys = sign(AccountClaims.builder(SYSTEM.publicKey()).build(), OPERATOR_SK);
      TrustVerifier v = verifier(resolver(sys)).pinnedAccounts(EXPORTER.publicKey()).build();
      assertTrue(v.verifyUser(sign(user().build(), SYSTEM), signed()).isAccepted());
    }

    @Test
    void verifyUser_accountMissing_rejectedNotFound() {
      assertRejected(
          Rule.ACCOUNT_NOT_FOUND,
          verifier(resolver()).build().verifyUser(userJwt(x -> x), signed()));
    }

    @Test
    void verifyUser_accountUntrusted_rejected() {
      assertRejected(
          Rule.ACCOUNT_UNTRUSTED_ISSUER,
          connect(sign(account().build(), OTHER_OPERATOR), userJwt(x -> x)));
    }

    @Test
    void verifyUser_accountExpired_rejected() {
      assertRejected(
          Rule.ACCOUNT_EXPIRED,
          connect(accountJwt(a -> a.expiresAt(NOW.minusSeconds(1))), userJwt(x -> x)));
    }

    @Test
    void verifyUser_accountExpiresThisSecond_rejectedExpired() {
      assertRejected(
          Rule.ACCOUNT_EXPIRED, connect(accountJwt(a -> a.expiresAt(NOW)), userJwt(x -> x)));
    }

    @Test
    void verifyUser_unknownSigningKey_rejectedNamingKeys() {
      // The jwt-invalid vector user_signed_by_unknown_account_key, with this test's keys.
      String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER);
      Verification<VerifiedUser> v = connect(accountJwt(), u);
      assertRejected(Rule.SIGNER_NOT_IN_ACCOUNT, v);
      String m = v.rejection().orElseThrow().message();
      assertEquals(
          String.format(
              Messages.SIGNER_NOT_IN_ACCOUNT,
              USER.publicKey(),
              STRANGER.publicKey(),
              ACCOUNT.publicKey(),
              "they are " + ACCOUNT_SK.publicKey()),
          m);
    }

    @Test
    void verifyUser_identityKeyUnderStrictOperator_rejectedSigner() {
      String strict = sign(operator().strictSigningKeyUsage(true).build(), OPERATOR);
      TrustVerifier v =
          TrustVerifier.builder()
              .trustOperator(strict)
              .accountResolver(resolver(accountJwt()))
              .clock(CLOCK)
              .build();
      Verification<VerifiedUser> r = v.verifyUser(userJwt(x -> x), signed());
      assertRejected(Rule.SIGNER_NOT_IN_ACCOUNT, r);
      assertTrue(r.rejection().orElseThrow().message().contains("strict_signing_key_usage"));
      String bySk = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK);
      assertTrue(v.verifyUser(bySk, signed()).isAccepted());
    }

    @Test
    void verifyUser_scopedUserWithOwnPermissions_rejected() {
      String acc =
          accountJwt(a -> a.addScopedSigningKey(UserScope.builder(SCOPED_SK.publicKey()).build()));
      String u =
          sign(
              user()
                  .scoped(true)
                  .issuerAccount(ACCOUNT.publicKey())
                  .pub(Permission.allowing("x.>"))
                  .build(),
              SCOPED_SK);
      Verification<VerifiedUser> v = connect(acc, u);
      assertRejected(Rule.SCOPED_USER_HAS_PERMISSIONS, v);
      assertTrue(
          v.rejection()
              .orElseThrow()
              .message()
              .contains("scoped users require no permissions or limits set"));
    }

    @Test
    void verifyUser_templateDenyWithMissingTag_rejectedTemplate() {
      // Observation 24.
      UserScope scope =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(
                  UserPermissionLimits.builder()
                      .pub(Permission.EMPTY.withDenied("{{tag(missing)}}"))
                      .build())
              .build();
      String acc = accountJwt(a -> a.addScopedSigningKey(scope));
      String u = sign(user().scoped(true).issuerAccount(ACCOUNT.publicKey()).build(), SCOPED_SK);
      assertRejected(Rule.TEMPLATE_REJECTED, connect(acc, u, signed(), ServerProfile.V2_9));
      assertRejected(Rule.TEMPLATE_REJECTED, connect(acc, u, signed(), ServerProfile.LATEST));
    }

    @Test
    void verifyUser_bearerWithDisallowBearer_rejected() {
      String acc =
          accountJwt(
              a -> a.limits(OperatorLimits.UNLIMITED.toBuilder().disallowBearer(true).build()));
      assertRejected(
          Rule.BEARER_DISALLOWED,
          connect(
              acc,
              userJwt(x -> x.bearerToken(true)),
              ConnectionContext.builder().build(),
              ServerProfile.LATEST));
    }

    @Test
    void verifyUser_noSignature_rejectedMissing() {
      assertRejected(
          Rule.NONCE_SIGNATURE_MISSING,
          connect(
              accountJwt(),
              userJwt(x -> x),
              ConnectionContext.builder().nonce(NONCE).build(),
              ServerProfile.LATEST));
      assertRejected(
          Rule.NONCE_SIGNATURE_MISSING,
          connect(
              accountJwt(),
              userJwt(x -> x),
              ConnectionContext.builder().nonce(NONCE).signature("").build(),
              ServerProfile.LATEST));
    }

    @Test
    void verifyUser_signedNonce_recordsSignatureVerified() {
      VerifiedUser u = assertAccepted(connect(accountJwt(), userJwt(x -> x)));
      assertTrue(u.isNonceSignatureVerified());
    }

    @Test
    void verifyUser_bearer_recordsSignatureNotVerified() {
      VerifiedUser u =
          assertAccepted(
              connect(
                  accountJwt(),
                  userJwt(x -> x.bearerToken(true)),
                  ConnectionContext.builder().build(),
                  ServerProfile.LATEST));
      assertFalse(u.isNonceSignatureVerified());
    }

    @Test
    void verifyUser_nonceAssumedSigned_acceptedWithoutVerifiedSignature() {
      VerifiedUser u =
          assertAccepted(
              connect(
                  accountJwt(),
                  userJwt(x -> x),
                  ConnectionContext.builder().assumeNonceSigned().build(),
                  ServerProfile.LATEST));
      assertFalse(u.isNonceSignatureVerified());
    }

    @Test
    void verifyUser_nonceAssumedSigned_stillChecksLaterRules() {
      // Revocation (step 15) and source networks (step 16) come after the nonce check.
      ConnectionContext assumed =
          ConnectionContext.builder().assumeNonceSigned().clientHost("127.0.0.1").build();
      String revoked = accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED));
      assertRejected(
          Rule.REVOKED, connect(revoked, userJwt(x -> x), assumed, ServerProfile.LATEST));
      assertRejected(
          Rule.SOURCE_NOT_ALLOWED,
          connect(accountJwt(), userJwt(x -> x.addSrc("10.0.0.0/8")), assumed, ServerProfile.V2_9));
    }

    @Test
    void verifyUser_signatureOfOtherNonce_rejectedInvalid() {
      ConnectionContext ctx =
          ConnectionContext.builder()
              .nonce(NONCE)
              .signature(ConnectionContext.signNonce("another-nonce-x", USER))
              .build();
      assertRejected(
          Rule.NONCE_SIGNATURE_INVALID,
          connect(accountJwt(), userJwt(x -> x), ctx, ServerProfile.LATEST));
    }

    @Test
    void verifyUser_signatureByOtherKey_rejectedInvalid() {
      assertRejected(
          Rule.NONCE_SIGNATURE_INVALID,
          connect(
              accountJwt(), userJwt(x -> x), signedBy(OTHER_USER).build(), ServerProfile.LATEST));
    }

    @Test
    void verifyUser_signatureNotBase64_rejectedInvalid() {
      ConnectionContext ctx = ConnectionContext.builder().nonce(NONCE).signature("!!!").build();
      Verification<VerifiedUser> v =
          connect(accountJwt(), userJwt(x -> x), ctx, ServerProfile.LATEST);
      assertRejected(Rule.NONCE_SIGNATURE_INVALID, v);
      assertEquals(Messages.NONCE_SIGNATURE_NOT_BASE64, v.rejection().orElseThrow().message());
    }

    @Test
    void verifyUser_revokedAtIssueTime_rejected() {
      // Observation 5a: revocation time == iat.
      String acc = accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED));
      assertRejected(Rule.REVOKED, connect(acc, userJwt(x -> x)));
    }

    @Test
    void verifyUser_revokedOneSecondBeforeIssue_accepted() {
      // Observation 5b.
      String acc = accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED.minusSeconds(1)));
      assertAccepted(connect(acc, userJwt(x -> x)));
    }

    @Test
    void verifyUser_revokedForAll_rejected() {
      String acc = accountJwt(a -> a.revokeAt("*", ISSUED));
      Verification<VerifiedUser> v = connect(acc, userJwt(x -> x));
      assertRejected(Rule.REVOKED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("\"*\""));
    }

    @Test
    void verifyUser_clientOutsideSrc_rejected() {
      // Observation 17.
      Verification<VerifiedUser> v = connect(accountJwt(), userJwt(x -> x.addSrc("10.0.0.0/8")));
      assertRejected(Rule.SOURCE_NOT_ALLOWED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("127.0.0.1"));
    }

    @Test
    void verifyUser_clientInsideSrc_accepted() {
      assertAccepted(connect(accountJwt(), userJwt(x -> x.addSrc("10.0.0.0/8", "127.0.0.0/8"))));
    }

    @Test
    void verifyUser_templateSrcWithBadEntryFirst_rejectedEvenIfALaterOneMatches() {
      // Template networks are not validated in advance; the server gives up at a bad entry.
      UserScope badFirst =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(UserPermissionLimits.builder().addSrc("not-a-cidr", "127.0.0.0/8").build())
              .build();
      String u = sign(user().scoped(true).issuerAccount(ACCOUNT.publicKey()).build(), SCOPED_SK);
      Verification<VerifiedUser> v = connect(accountJwt(a -> a.addScopedSigningKey(badFirst)), u);
      assertRejected(Rule.SOURCE_NOT_ALLOWED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("not-a-cidr"));
      UserScope goodFirst =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(UserPermissionLimits.builder().addSrc("127.0.0.0/8", "not-a-cidr").build())
              .build();
      assertAccepted(connect(accountJwt(a -> a.addScopedSigningKey(goodFirst)), u));
    }

    @Test
    void verifyUser_clientHostNotAnIp_rejected() {
      assertRejected(
          Rule.SOURCE_NOT_ALLOWED,
          connect(
              accountJwt(),
              userJwt(x -> x.addSrc("0.0.0.0/0")),
              signedBy(USER).clientHost("localhost").build(),
              ServerProfile.LATEST));
    }

    @Test
    void verifyUser_clientAddressInetAddress_used() throws Exception {
      ConnectionContext ctx =
          signedBy(USER).clientAddress(java.net.InetAddress.getByName("::1")).build();
      assertAccepted(
          connect(accountJwt(), userJwt(x -> x.addSrc("::1/128")), ctx, ServerProfile.LATEST));
    }

    @Test
    void verifyUser_outsideTimeWindow_rejected() {
      String u = userJwt(x -> x.addTimes(new TimeRange("13:00:00", "14:00:00")));
      assertRejected(Rule.OUTSIDE_TIME_WINDOW, connect(accountJwt(), u));
    }

    @Test
    void verifyUser_accountAllowsNoConnections_rejected() {
      // Observation 13: an account without a limits block (and without imports or exports).
      Verification<VerifiedUser> v =
          connect(accountJwt(a -> a.limits(OperatorLimits.EMPTY)), userJwt(x -> x));
      assertRejected(Rule.ACCOUNT_CONNECTIONS_EXCEEDED, v);
      assertTrue(v.rejection().orElseThrow().message().contains("limits.conn is 0"));
    }

    @Test
    void verifyUser_accountConnectionLimitReached_rejected() {
      String acc = accountJwt(a -> a.limits(OperatorLimits.UNLIMITED.toBuilder().conn(2).build()));
      assertAccepted(
          connect(
              acc,
              userJwt(x -> x),
              signedBy(USER).accountConnections(1).build(),
              ServerProfile.LATEST));
      assertRejected(
          Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
          connect(
              acc,
              userJwt(x -> x),
              signedBy(USER).accountConnections(2).build(),
              ServerProfile.LATEST));
    }

    @Test
    void verifyUser_leafConnection_usesLeafLimit() {
      String acc =
          accountJwt(a -> a.limits(OperatorLimits.UNLIMITED.toBuilder().leafNodeConn(0).build()));
      assertAccepted(connect(acc, userJwt(x -> x)));
      assertRejected(
          Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
          connect(
              acc,
              userJwt(x -> x),
              signedBy(USER).connectionType(ConnectionType.LEAFNODE).build(),
              ServerProfile.LATEST));
    }

    @Test
    void verifyUser_authCalloutAccount_rejectedUnlessAuthUser() {
      String acc =
          accountJwt(
              a ->
                  a.authorization(
                      ExternalAuthorization.builder()
                          .addAuthUsers(OTHER_USER.publicKey())
                          .build()));
      assertRejected(Rule.AUTH_CALLOUT_REQUIRED, connect(acc, userJwt(x -> x)));
      VerifiedUser authUser =
          assertAccepted(
              connect(
                  acc,
                  sign(
                      io.github.natsjwt.claims.UserClaims.builder(OTHER_USER.publicKey()).build(),
                      ACCOUNT),
                  signedBy(OTHER_USER).build(),
                  ServerProfile.LATEST));
      assertFalse(authUser.permissions().canPublish("$SYS.REQ.USER.AUTH"));
      // 2.9 has no callout: the user is an ordinary user.
      assertAccepted(connect(acc, userJwt(x -> x), signed(), ServerProfile.V2_9));
    }

    @Test
    void verifyUser_noSubsInUserJwt_rejectedSubscriptionsZero() {
      // Observation 6: a user JWT without subs/payload has 0 for both.
      Verification<VerifiedUser> v = connect(accountJwt(), userJwt(x -> x.subs(0).payload(0)));
      assertRejected(Rule.MAX_SUBSCRIPTIONS_ZERO, v);
      assertTrue(v.rejection().orElseThrow().message().contains("maximum subscriptions exceeded"));
    }
  }

  // ================================================================= order

  @Nested
  class Order {
    @Test
    void verifyUser_expiredAndUntrustedAccount_reportsExpiredFirst() {
      assertRejected(
          Rule.USER_EXPIRED,
          connect(
              sign(account().build(), OTHER_OPERATOR),
              userJwt(x -> x.expiresAt(NOW.minusSeconds(1)))));
    }

    @Test
    void verifyUser_wrongConnectionTypeAndMissingAccount_dependsOnProfile() {
      String u = userJwt(x -> x.addAllowedConnectionTypes(ConnectionType.WEBSOCKET));
      TrustVerifier v29 = verifier(resolver()).serverProfile(ServerProfile.V2_9).build();
      TrustVerifier latest = verifier(resolver()).build();
      assertRejected(Rule.CONNECTION_TYPE_NOT_ALLOWED, v29.verifyUser(u, signed()));
      assertRejected(Rule.ACCOUNT_NOT_FOUND, latest.verifyUser(u, signed()));
    }

    @Test
    void verifyUser_notPinnedAndMissing_reportsPinnedFirst() {
      TrustVerifier v = verifier(resolver()).pinnedAccounts(EXPORTER.publicKey()).build();
      assertRejected(Rule.ACCOUNT_NOT_PINNED, v.verifyUser(userJwt(x -> x), signed()));
    }

    @Test
    void verifyUser_unknownSignerAndAccountExpiringNow_reportsSignerFirst() {
      String acc = accountJwt(a -> a.expiresAt(NOW));
      String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER);
      assertRejected(Rule.SIGNER_NOT_IN_ACCOUNT, connect(acc, u));
    }

    @Test
    void verifyUser_accountExpiredAndUnknownSigner_reportsAccountFirst() {
      // Expired (exp < now) fails the account lookup itself, before the signer is looked at.
      String acc = accountJwt(a -> a.expiresAt(NOW.minusSeconds(1)));
      String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER);
      assertRejected(Rule.ACCOUNT_EXPIRED, connect(acc, u));
    }

    @Test
    void verifyUser_accountExpiringNowAndBearerDisallowed_reportsAccountFirst() {
      String acc =
          accountJwt(
              a ->
                  a.expiresAt(NOW)
                      .limits(OperatorLimits.UNLIMITED.toBuilder().disallowBearer(true).build()));
      assertRejected(Rule.ACCOUNT_EXPIRED, connect(acc, userJwt(x -> x.bearerToken(true))));
    }

    @Test
    void verifyUser_bearerDisallowedAndRevoked_reportsBearerFirst() {
      String acc =
          accountJwt(
              a ->
                  a.revokeAt(USER.publicKey(), ISSUED)
                      .limits(OperatorLimits.UNLIMITED.toBuilder().disallowBearer(true).build()));
      assertRejected(Rule.BEARER_DISALLOWED, connect(acc, userJwt(x -> x.bearerToken(true))));
    }

    @Test
    void verifyUser_badSignatureAndRevoked_reportsSignatureFirst() {
      String acc = accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED));
      assertRejected(
          Rule.NONCE_SIGNATURE_INVALID,
          connect(acc, userJwt(x -> x), signedBy(OTHER_USER).build(), ServerProfile.LATEST));
    }

    @Test
    void verifyUser_revokedAndOutsideSrc_reportsRevokedFirst() {
      String acc = accountJwt(a -> a.revokeAt(USER.publicKey(), ISSUED));
      assertRejected(Rule.REVOKED, connect(acc, userJwt(x -> x.addSrc("10.0.0.0/8"))));
    }

    @Test
    void verifyUser_outsideSrcAndOutsideWindow_reportsSrcFirst() {
      String u =
          userJwt(x -> x.addSrc("10.0.0.0/8").addTimes(new TimeRange("01:00:00", "02:00:00")));
      assertRejected(Rule.SOURCE_NOT_ALLOWED, connect(accountJwt(), u));
    }

    @Test
    void verifyUser_outsideWindowAndNoConnections_reportsWindowFirst() {
      String u = userJwt(x -> x.addTimes(new TimeRange("01:00:00", "02:00:00")));
      assertRejected(
          Rule.OUTSIDE_TIME_WINDOW, connect(accountJwt(a -> a.limits(OperatorLimits.EMPTY)), u));
    }

    @Test
    void verifyUser_noConnectionsAndZeroSubs_reportsConnectionsFirst() {
      assertRejected(
          Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
          connect(accountJwt(a -> a.limits(OperatorLimits.EMPTY)), userJwt(x -> x.subs(0))));
    }

    @Test
    void verifyUser_scopedWithPermissionsAndBadTemplate_reportsPermissionsFirst() {
      UserScope scope =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(
                  UserPermissionLimits.builder()
                      .pub(Permission.EMPTY.withDenied("{{nope()}}"))
                      .build())
              .build();
      String acc = accountJwt(a -> a.addScopedSigningKey(scope));
      String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), SCOPED_SK);
      assertRejected(Rule.SCOPED_USER_HAS_PERMISSIONS, connect(acc, u));
    }
  }

  // ================================================================= limits (section 3.7)

  @Nested
  class Limits {
    private VerifiedUser limits(
        long userSubs,
        long userPayload,
        long accSubs,
        long accPayload,
        long srvSubs,
        long srvPayload) {
      return limits(
          ServerProfile.LATEST, userSubs, userPayload, accSubs, accPayload, srvSubs, srvPayload);
    }

    private VerifiedUser limits(
        ServerProfile profile,
        long userSubs,
        long userPayload,
        long accSubs,
        long accPayload,
        long srvSubs,
        long srvPayload) {
      String acc =
          accountJwt(
              a ->
                  a.limits(
                      OperatorLimits.UNLIMITED.toBuilder()
                          .subs(accSubs)
                          .payload(accPayload)
                          .build()));
      TrustVerifier v =
          verifier(resolver(acc))
              .serverProfile(profile)
              .maxSubscriptions(srvSubs)
              .maxPayload(srvPayload)
              .build();
      return v.verifyUser(userJwt(x -> x.subs(userSubs).payload(userPayload)), signed())
          .orElseThrow();
    }

    @Test
    void verifyUser_accountLowerThanUser_accountWins() {
      VerifiedUser u = limits(10, 5000, 5, 1000, 0, 0);
      assertEquals(5, u.maxSubscriptions());
      assertEquals(1000, u.maxPayload());
    }

    @Test
    void verifyUser_userUnlimited_accountOrServerDecides() {
      VerifiedUser u = limits(-1, -1, -1, -1, 100, 2048);
      assertEquals(100, u.maxSubscriptions());
      assertEquals(2048, u.maxPayload());
    }

    @Test
    void verifyUser_serverZero_meansUnlimitedSubsAndDefaultPayload() {
      VerifiedUser u = limits(-1, -1, -1, -1, 0, 0);
      assertEquals(-1, u.maxSubscriptions());
      assertEquals(1024 * 1024, u.maxPayload());
    }

    @Test
    void verifyUser_serverLowerThanUser_serverWins() {
      VerifiedUser u = limits(50, 4096, -1, -1, 20, 1024);
      assertEquals(20, u.maxSubscriptions());
      assertEquals(1024, u.maxPayload());
    }

    @Test
    void verifyUser_zeroPayload_acceptedWithZero() {
      assertEquals(0, limits(-1, 0, -1, -1, 0, 0).maxPayload());
    }

    @Test
    void verifyUser_accountSubsZero_rejectedSubscriptionsZero() {
      String acc = accountJwt(a -> a.limits(OperatorLimits.UNLIMITED.toBuilder().subs(0).build()));
      assertRejected(Rule.MAX_SUBSCRIPTIONS_ZERO, connect(acc, userJwt(x -> x)));
    }

    @Test
    void verifyUser_payloadBeyond32Bits_wrapsOn29And210() {
      // 2.9.10 and 2.10.27 keep these limits in 32-bit integers: 2^32 + 5 becomes 5.
      for (ServerProfile p : List.of(ServerProfile.V2_9, ServerProfile.V2_10)) {
        assertEquals(5, limits(p, -1, (1L << 32) + 5, -1, -1, 0, 0).maxPayload(), p.name());
        assertEquals(1, limits(p, (1L << 32) + 1, -1, -1, -1, 0, 0).maxSubscriptions(), p.name());
        assertEquals(-1, limits(p, (1L << 32) - 1, -1, -1, -1, 0, 0).maxSubscriptions(), p.name());
      }
    }

    @Test
    void verifyUser_limitsBeyond32Bits_clampedOnLatest() {
      // Observed on 2.14.5: a user with subs and payload 2^32 + 1 may hold two subscriptions and
      // publish 2 bytes (ServerAgreementTest, category "limits").
      VerifiedUser u = limits(ServerProfile.LATEST, (1L << 32) + 1, (1L << 32) + 1, -1, -1, 0, 0);
      assertEquals(Integer.MAX_VALUE, u.maxSubscriptions());
      assertEquals(1024 * 1024, u.maxPayload()); // lowered by the server's default max_payload
      assertEquals(
          Integer.MAX_VALUE,
          limits(ServerProfile.LATEST, -1, -1, (1L << 32) + 1, -1, 0, 0).maxSubscriptions());
    }

    @Test
    void verifyUser_accountConnBeyond32Bits_clampedOnLatestTruncatedBefore() {
      // Observed: 2.14.5 accepts a user of an account with limits.conn 2^32; 2.9.10 and 2.10.27
      // read it as 0 and refuse every connection.
      String acc =
          accountJwt(a -> a.limits(OperatorLimits.UNLIMITED.toBuilder().conn(1L << 32).build()));
      assertAccepted(
          verifier(resolver(acc))
              .serverProfile(ServerProfile.LATEST)
              .build()
              .verifyUser(userJwt(x -> x), signed()));
      assertRejected(
          Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
          verifier(resolver(acc))
              .serverProfile(ServerProfile.V2_10)
              .build()
              .verifyUser(userJwt(x -> x), signed()));
    }

    @Test
    void verifyUser_scopedUser_templateLimitsApply() {
      UserScope scope =
          UserScope.builder(SCOPED_SK.publicKey())
              .template(UserPermissionLimits.builder().subs(7).payload(512).build())
              .build();
      String acc = accountJwt(a -> a.addScopedSigningKey(scope));
      String u = sign(user().scoped(true).issuerAccount(ACCOUNT.publicKey()).build(), SCOPED_SK);
      VerifiedUser v = assertAccepted(connect(acc, u));
      assertTrue(v.isScoped());
      assertEquals(7, v.maxSubscriptions());
      assertEquals(512, v.maxPayload());
      assertEquals(scope, v.scope().orElseThrow());
    }

    @Test
    void verifyUser_expiryBeforeWindowEnd_disconnectsAtExpiry() {
      String u =
          userJwt(
              x ->
                  x.expiresAt(NOW.plusSeconds(100))
                      .addTimes(new TimeRange("11:00:00", "13:00:00")));
      assertEquals(
          NOW.plusSeconds(100),
          assertAccepted(connect(accountJwt(), u)).disconnectAt().orElseThrow());
    }

    @Test
    void verifyUser_windowEndBeforeExpiry_disconnectsAtWindowEnd() {
      String u =
          userJwt(
              x ->
                  x.expiresAt(NOW.plusSeconds(7200))
                      .addTimes(new TimeRange("11:00:00", "12:30:00")));
      assertEquals(
          NOW.plusSeconds(1800),
          assertAccepted(connect(accountJwt(), u)).disconnectAt().orElseThrow());
    }

    @Test
    void verifyUser_windowWithoutExpiry_disconnectsAtWindowEnd() {
      String u = userJwt(x -> x.addTimes(new TimeRange("11:00:00", "12:00:01")));
      assertEquals(
          NOW.plusSeconds(1),
          assertAccepted(connect(accountJwt(), u)).disconnectAt().orElseThrow());
    }
  }

  // ================================================================= permissions wiring

  @Nested
  class PermissionWiring {
    @Test
    void verifyUser_userWithoutPermissions_getsAccountDefaults() {
      String acc =
          accountJwt(
              a ->
                  a.defaultPermissions(
                      Permissions.of(Permission.allowing("public.>"), Permission.EMPTY)));
      VerifiedUser u = assertAccepted(connect(acc, userJwt(x -> x)));
      assertEquals(EffectivePermissions.Source.ACCOUNT_DEFAULTS, u.permissions().source());
      assertTrue(u.permissions().canPublish("public.news"));
      assertFalse(u.permissions().canPublish("private.news"));
    }

    @Test
    void verifyUser_scopedTemplate_expandedPerProfile() {
      // Observation 9 (2.9.10): whole-token templates only; x{{name()}} stays literal.
      UserScope scope =
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
      String acc = accountJwt(a -> a.addScopedSigningKey(scope));
      String u =
          sign(
              user()
                  .name("bob")
                  .addTags("team:red", "team:blue")
                  .scoped(true)
                  .issuerAccount(ACCOUNT.publicKey())
                  .build(),
              SCOPED_SK);
      EffectivePermissions p =
          assertAccepted(connect(acc, u, signed(), ServerProfile.V2_9)).permissions();
      for (String ok :
          new String[] {"foo.bob", "t.red", "t.blue", "bob.up", "ACCA.an", "x{{name()}}"}) {
        assertTrue(p.canPublish(ok), ok);
      }
      assertFalse(p.canPublish("foo.alice"));
      assertFalse(p.canPublish("xbob"));
      assertTrue(p.canSubscribe("q.a", "grp"));
      // 2.11+: templates anywhere in an entry.
      EffectivePermissions latest =
          assertAccepted(connect(acc, u, signed(), ServerProfile.LATEST)).permissions();
      assertTrue(latest.canPublish("xbob"));
    }
  }

  // ================================================================= given accounts

  @Nested
  class GivenAccount {
    @Test
    void verifyUser_withVerifiedAccount_noResolverNeeded() {
      TrustVerifier v =
          TrustVerifier.builder().trustOperator(Chain.operatorJwt()).clock(CLOCK).build();
      VerifiedAccount a = v.verifyAccount(accountJwt()).orElseThrow();
      assertAccepted(v.verifyUser(userJwt(x -> x), a, signed()));
    }

    @Test
    void verifyUser_withOtherAccount_rejectedMismatch() {
      TrustVerifier v =
          TrustVerifier.builder().trustOperator(Chain.operatorJwt()).clock(CLOCK).build();
      VerifiedAccount other =
          v.verifyAccount(sign(AccountClaims.builder(EXPORTER.publicKey()).build(), OPERATOR))
              .orElseThrow();
      assertRejected(Rule.ACCOUNT_SUBJECT_MISMATCH, v.verifyUser(userJwt(x -> x), other, signed()));
    }

    @Test
    void verifyUser_accountVerifiedUnderOtherTrust_verifiedAgain() {
      TrustVerifier lax =
          TrustVerifier.builder().trustOperatorKey(OTHER_OPERATOR.publicKey()).clock(CLOCK).build();
      VerifiedAccount foreign =
          lax.verifyAccount(sign(account().build(), OTHER_OPERATOR)).orElseThrow();
      TrustVerifier strict =
          TrustVerifier.builder().trustOperator(Chain.operatorJwt()).clock(CLOCK).build();
      assertRejected(
          Rule.ACCOUNT_UNTRUSTED_ISSUER, strict.verifyUser(userJwt(x -> x), foreign, signed()));
    }

    @Test
    void verifyUser_withAccountJwt_verifiedInServerOrder() {
      TrustVerifier v =
          TrustVerifier.builder().trustOperator(Chain.operatorJwt()).clock(CLOCK).build();
      assertAccepted(v.verifyUser(userJwt(x -> x), accountJwt(), signed()));
      String untrusted = sign(account().build(), OTHER_OPERATOR);
      assertRejected(
          Rule.ACCOUNT_UNTRUSTED_ISSUER, v.verifyUser(userJwt(x -> x), untrusted, signed()));
      // The user's own expiry is checked before the account is.
      assertRejected(
          Rule.USER_EXPIRED,
          v.verifyUser(userJwt(x -> x.expiresAt(NOW.minusSeconds(1))), untrusted, signed()));
      String other = sign(AccountClaims.builder(EXPORTER.publicKey()).build(), OPERATOR);
      Verification<VerifiedUser> r = v.verifyUser(userJwt(x -> x), other, signed());
      assertRejected(Rule.ACCOUNT_SUBJECT_MISMATCH, r);
      assertEquals(
          String.format(
              Messages.USER_ACCOUNT_MISMATCH,
              USER.publicKey(),
              ACCOUNT.publicKey(),
              EXPORTER.publicKey()),
          r.rejection().orElseThrow().message());
    }

    @Test
    void verifyUser_contextTime_overridesClock() {
      String u = userJwt(x -> x.expiresAt(NOW.plusSeconds(60)));
      TrustVerifier v = verifier(resolver(accountJwt())).build();
      assertAccepted(v.verifyUser(u, signed()));
      assertRejected(
          Rule.USER_EXPIRED, v.verifyUser(u, signedBy(USER).time(NOW.plusSeconds(61)).build()));
    }
  }

  // ================================================================= signature encodings (3.1)

  @Test
  void verifyUser_standardPaddedBase64Signature_accepted() {
    // Observation 18.
    byte[] sig = USER.sign(NONCE.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    String std = Base64.getEncoder().encodeToString(sig);
    assertTrue(std.endsWith("="));
    ConnectionContext ctx = ConnectionContext.builder().nonce(NONCE).signature(std).build();
    assertAccepted(connect(accountJwt(), userJwt(x -> x), ctx, ServerProfile.LATEST));
  }

  @Test
  void verifyUser_standardBase64WithoutPadding_rejected() {
    // Find a nonce whose signature needs '+' or '/', so the text is not base64url.
    String nonce = null;
    String std = null;
    for (int i = 0; std == null; i++) {
      String n = String.format(java.util.Locale.ROOT, "nonce-%09d", i);
      String e =
          Base64.getEncoder()
              .withoutPadding()
              .encodeToString(USER.sign(n.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      if ((e.contains("+") || e.contains("/")) && e.length() % 4 != 0) {
        nonce = n;
        std = e;
      }
    }
    ConnectionContext ctx = ConnectionContext.builder().nonce(nonce).signature(std).build();
    assertRejected(
        Rule.NONCE_SIGNATURE_INVALID,
        connect(accountJwt(), userJwt(x -> x), ctx, ServerProfile.LATEST));
    ConnectionContext padded =
        ConnectionContext.builder()
            .nonce(nonce)
            .signature(std + "=".repeat(4 - std.length() % 4))
            .build();
    assertAccepted(connect(accountJwt(), userJwt(x -> x), padded, ServerProfile.LATEST));
  }

  @Test
  void verification_orElseThrow_rejectedThrowsWithRule() {
    Verification<VerifiedUser> v = connect(accountJwt(), "");
    VerificationRejectedException e =
        assertThrows(VerificationRejectedException.class, v::orElseThrow);
    assertEquals(Rule.USER_JWT_MISSING, e.rule());
    assertTrue(e.getMessage().startsWith("USER_JWT_MISSING: "));
  }

  @Test
  void jwtDecode_userJwtUsedHere_decodes() {
    // Guard: the fixture's user JWT is a plain v2 user signed by the account.
    assertEquals(ACCOUNT.publicKey(), Jwt.decode(userJwt(x -> x)).issuer());
    assertEquals(LocalTime.NOON, NOW.atZone(ZoneOffset.UTC).toLocalTime());
  }
}
