package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.ACCOUNT_SK;
import static io.github.natsjwt.trust.Chain.EXPORTER;
import static io.github.natsjwt.trust.Chain.EXPORTER_SK;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.OTHER_USER;
import static io.github.natsjwt.trust.Chain.STRANGER;
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

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.AdversarialTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * The verifier's cache of user JWTs and activation tokens: only tokens whose chain is trusted get
 * in, a remembered token still goes through every other rule, one account cannot push another's
 * tokens out beyond an equal share, and the memory retained stays within the stated bound, as JOL
 * measures it on tokens built to decode into as many objects per character as possible.
 */
class TrustVerifierTokenCacheTest {
  private static final NKey OTHER_ACCOUNT = Chain.key(NKeyType.ACCOUNT, "cache-other-account");

  private static String accountJwt() {
    return sign(account().build(), OPERATOR_SK);
  }

  private static VerifiedTokenCache<Claims> cacheOf(TrustVerifier v) {
    return v.verifiedTokenCache();
  }

  @Test
  void verifyUser_trustedUser_rememberedUnderItsAccount() {
    TrustVerifier v = verifier(resolver(accountJwt())).build();
    String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK);
    assertTrue(v.verifyUser(u, signed()).isAccepted());
    assertTrue(v.verifyUser(new String(u.toCharArray()), signed()).isAccepted());
    assertEquals(1, cacheOf(v).size());
    assertEquals(1, cacheOf(v).size(ACCOUNT.publicKey()));
  }

  @Test
  void verifyUser_selfSignedUsersOfUnknownAccounts_neverRemembered() {
    TrustVerifier v = verifier(resolver(accountJwt())).build();
    for (int i = 0; i < 50; i++) {
      NKey self = NKey.generate(NKeyType.ACCOUNT);
      String u = sign(user().name("x".repeat(1000)).build(), self);
      assertEquals(
          Rule.ACCOUNT_NOT_FOUND, v.verifyUser(u, signed()).rejection().orElseThrow().rule());
    }
    assertEquals(0, cacheOf(v).size());
    assertEquals(0, cacheOf(v).chargedBytes());
  }

  @Test
  void verifyUser_untrustedAccountJwtGiven_userNotRemembered() {
    TrustVerifier v = verifier(resolver()).build();
    String selfSignedAccount = sign(account().build(), ACCOUNT);
    String u = sign(user().build(), ACCOUNT);
    assertEquals(
        Rule.ACCOUNT_UNTRUSTED_ISSUER,
        v.verifyUser(u, selfSignedAccount, signed()).rejection().orElseThrow().rule());
    assertEquals(0, cacheOf(v).size());
  }

  @Test
  void verifyUser_signerNotInTheAccount_notRemembered() {
    TrustVerifier v = verifier(resolver(accountJwt())).build();
    String u = sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          Rule.SIGNER_NOT_IN_ACCOUNT, v.verifyUser(u, signed()).rejection().orElseThrow().rule());
    }
    assertEquals(0, cacheOf(v).size());
  }

  @Test
  void verifyUser_rememberedToken_everyOtherRuleStillDecides() {
    String u =
        sign(
            user().issuerAccount(ACCOUNT.publicKey()).expiresAt(NOW.plusSeconds(60)).build(),
            ACCOUNT_SK);
    TrustVerifier v = verifier(resolver(accountJwt())).build();
    assertTrue(v.verifyUser(u, signed()).isAccepted());
    assertEquals(1, cacheOf(v).size());
    assertEquals(
        Rule.NONCE_SIGNATURE_INVALID,
        v.verifyUser(u, signedBy(OTHER_USER).build()).rejection().orElseThrow().rule());
    assertEquals(
        Rule.USER_EXPIRED,
        v.verifyUser(u, signedBy(USER).time(NOW.plusSeconds(120)).build())
            .rejection()
            .orElseThrow()
            .rule());
    String revoking = sign(account().revokeAt(USER.publicKey(), NOW).build(), OPERATOR_SK);
    assertEquals(
        Rule.REVOKED, v.verifyUser(u, revoking, signed()).rejection().orElseThrow().rule());
    String keyRemoved =
        sign(AccountClaims.builder(ACCOUNT.publicKey()).name("ACCA").build(), OPERATOR_SK);
    assertEquals(
        Rule.SIGNER_NOT_IN_ACCOUNT,
        v.verifyUser(u, keyRemoved, signed()).rejection().orElseThrow().rule());
    assertTrue(v.verifyUser(u, signed()).isAccepted());
    assertEquals(1, cacheOf(v).size());
  }

  @Test
  void verifyUser_floodOfUsersFromOneAccount_anotherAccountKeepsItsEntries() {
    String other = sign(AccountClaims.builder(OTHER_ACCOUNT.publicKey()).build(), OPERATOR_SK);
    TrustVerifier v = verifier(resolver(accountJwt(), other)).verifiedTokenCacheSize(10).build();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      kept.add(sign(user().name("kept " + i).build(), OTHER_ACCOUNT));
      Verification<VerifiedUser> r = v.verifyUser(kept.get(i), signed());
      assertTrue(r.isAccepted(), r::toString);
    }
    for (int i = 0; i < 200; i++) {
      String flood =
          sign(user().name("flood " + i).issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK);
      assertTrue(v.verifyUser(flood, signed()).isAccepted());
    }
    // Four of ten entries are less than an equal share: the flood only cycles through its own.
    assertEquals(4, cacheOf(v).size(OTHER_ACCOUNT.publicKey()));
    assertEquals(6, cacheOf(v).size(ACCOUNT.publicKey()));
    for (String t : kept) {
      assertTrue(v.verifyUser(t, signed()).isAccepted());
    }
    assertEquals(4, cacheOf(v).size(OTHER_ACCOUNT.publicKey()));
  }

  @Test
  void verifyUser_floodAgainstALargerAccount_evictsItDownToAnEqualShareOnly() {
    String other = sign(AccountClaims.builder(OTHER_ACCOUNT.publicKey()).build(), OPERATOR_SK);
    TrustVerifier v = verifier(resolver(accountJwt(), other)).verifiedTokenCacheSize(10).build();
    for (int i = 0; i < 10; i++) {
      v.verifyUser(sign(user().name("kept " + i).build(), OTHER_ACCOUNT), signed());
    }
    assertEquals(10, cacheOf(v).size(OTHER_ACCOUNT.publicKey()));
    for (int i = 0; i < 200; i++) {
      v.verifyUser(
          sign(user().name("flood " + i).issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK),
          signed());
    }
    assertEquals(5, cacheOf(v).size(OTHER_ACCOUNT.publicKey()));
    assertEquals(5, cacheOf(v).size(ACCOUNT.publicKey()));
  }

  // ================================================================== memory, measured with JOL

  static Stream<AdversarialTokens.Shape> shapes() {
    List<AdversarialTokens.Shape> all = new ArrayList<>(AdversarialTokens.userShapes());
    all.addAll(AdversarialTokens.activationShapes());
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void cachedClaims_denseTokens_eachRetainsLessThanItsCharge(AdversarialTokens.Shape shape) {
    VerifiedTokenCache<Claims> cache = cacheOf(verifier(resolver()).build());
    for (int chars : new int[] {600, 4_000, 16_000, 256 * 1024}) {
      String token = shape.token(ACCOUNT, USER.publicKey(), chars, chars);
      Claims claims = Jwt.decode(token).claims();
      // What an entry holds: the token string and the claims (the cache's own nodes are counted
      // in the overhead, and measured with the whole cache below).
      long retained = GraphLayout.parseInstance(token, claims).totalSize();
      System.out.printf(
          Locale.ROOT,
          "footprint %-35s %6d chars: %8d bytes, %5.2f per char, charged %8d%n",
          shape.name,
          token.length(),
          retained,
          retained / (double) token.length(),
          cache.charge(token.length()));
      assertTrue(
          retained <= cache.charge(token.length()),
          shape.name + " at " + token.length() + " chars retains " + retained);
    }
  }

  @Test
  void verifyUser_cacheFullOfDenseTrustedUsers_retainsLessThanTheBound() {
    int entries = 128;
    TrustVerifier v = verifier(resolver(accountJwt())).verifiedTokenCacheSize(entries).build();
    VerifiedTokenCache<Claims> cache = cacheOf(v);
    int accepted = 0;
    List<String> refused = new ArrayList<>();
    int[] lengths = {600, 2_000, 8_000};
    // Shapes interleaved, so that the cache ends up holding all of them.
    for (int i = 0; i < 24; i++) {
      for (AdversarialTokens.Shape shape : AdversarialTokens.userShapes()) {
        String u = shape.token(ACCOUNT, USER.publicKey(), lengths[i % 3], i);
        Verification<VerifiedUser> r = v.verifyUser(u, signed());
        if (r.isAccepted()) {
          accepted++;
        } else if (i == 0) {
          refused.add(shape.name + ": " + r.rejection().orElseThrow().rule());
        }
      }
    }
    long retained = GraphLayout.parseInstance(cache).totalSize();
    System.out.printf(
        Locale.ROOT,
        "footprint verifier cache: %d accepted, %d kept, %d bytes retained, %d charged, bound"
            + " %d; refused shapes: %s%n",
        accepted,
        cache.size(),
        retained,
        cache.chargedBytes(),
        cache.maxBytes(),
        refused);
    // Users refused after their chain is trusted (for example for a connection type) are kept
    // too: the rules that refuse them run again on every call.
    assertTrue(accepted > 50, "accepted " + accepted);
    assertTrue(cache.size() > 20, "kept " + cache.size());
    assertEquals((long) entries * 16 * 1024, cache.maxBytes());
    assertTrue(retained <= cache.maxBytes(), retained + " > " + cache.maxBytes());
  }

  @Test
  void verifyUser_megabyteSelfSignedTokens_leaveNothingBehind() {
    TrustVerifier v = verifier(resolver(accountJwt())).build();
    long empty = GraphLayout.parseInstance(cacheOf(v)).totalSize();
    AdversarialTokens.Shape dense = AdversarialTokens.userShapes().get(0);
    for (int i = 0; i < 5; i++) {
      NKey self = NKey.generate(NKeyType.ACCOUNT);
      String u = dense.token(self, USER.publicKey(), 1_000_000, i);
      assertFalse(v.verifyUser(u, signed()).isAccepted());
    }
    assertEquals(empty, GraphLayout.parseInstance(cacheOf(v)).totalSize());
  }

  // ================================================================== activation tokens

  private static Verification<VerifiedImport> authorizeImport(TrustVerifier v, String token) {
    String exporterJwt =
        sign(
            AccountClaims.builder(EXPORTER.publicKey())
                .addSigningKeys(EXPORTER_SK.publicKey())
                .addExports(Export.service("svc.req").tokenRequired(true).build())
                .build(),
            OPERATOR_SK);
    String importerJwt =
        sign(
            AccountClaims.builder(ACCOUNT.publicKey())
                .addImports(Import.service(EXPORTER.publicKey(), "svc.req").token(token).build())
                .build(),
            OPERATOR_SK);
    VerifiedAccount importer = v.verifyAccount(importerJwt).orElseThrow();
    VerifiedAccount exporter = v.verifyAccount(exporterJwt).orElseThrow();
    return v.verifyImport(importer, importer.claims().imports().get(0), exporter);
  }

  private static String activation(NKey signer) {
    return sign(
        ActivationClaims.builder(ACCOUNT.publicKey())
            .importSubject("svc.req")
            .kind(ExportType.SERVICE)
            .issuerAccount(EXPORTER.publicKey())
            .build(),
        signer);
  }

  @Test
  void verifyImport_activationOfTheExportersSigner_rememberedUnderTheExporter() {
    TrustVerifier v = verifier(resolver()).build();
    String token = activation(EXPORTER_SK);
    assertTrue(authorizeImport(v, token).isAccepted());
    assertTrue(authorizeImport(v, token).isAccepted());
    assertEquals(1, cacheOf(v).size(EXPORTER.publicKey()));
  }

  @Test
  void verifyImport_activationOfAKeyTheExporterDoesNotKnow_notRemembered() {
    TrustVerifier v = verifier(resolver()).build();
    String token = activation(STRANGER);
    for (int i = 0; i < 2; i++) {
      assertEquals(
          Rule.ACTIVATION_UNTRUSTED_ISSUER,
          authorizeImport(v, token).rejection().orElseThrow().rule());
    }
    assertEquals(0, cacheOf(v).size());
  }
}
