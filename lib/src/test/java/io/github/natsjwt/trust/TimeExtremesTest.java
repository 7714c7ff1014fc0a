package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.EXPORTER;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.OPERATOR;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.USER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.user;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.RevocationList;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code int64} a token can hold in a time field, through every reader of times: decoding,
 * the claims accessors, validation, {@code toString()}, and the trust verifier's decisions and
 * messages (issue 10 section 4). Go keeps Unix seconds as {@code int64} and compares them as such;
 * {@link Instant} covers far less, and nothing may throw for a value it cannot hold.
 *
 * <p>The verdicts are Go's {@code int64} comparisons: jwt/v2 {@code ClaimsData.Validate} (expired
 * iff {@code exp > 0 && now > exp}, not yet valid iff {@code nbf > 0 && nbf > now}), the revocation
 * rule {@code entry >= iat}, and the server's connect-time expiry, observed against live
 * nats-server 2.9.10, 2.10.27 and 2.14.5 (a user whose {@code exp} is negative, or is {@link
 * Long#MAX_VALUE}, or lies 10^10 s ahead, is accepted and disconnected at once with "User
 * Authentication Expired"; one 9*10^9 s ahead stays connected; an account with {@code exp = -1} is
 * refused).
 */
class TimeExtremesTest {
  private static final long NOW_S = NOW.getEpochSecond();
  private static final long INSTANT_MAX = Instant.MAX.getEpochSecond();
  private static final long INSTANT_MIN = Instant.MIN.getEpochSecond();

  /** The largest number of seconds ahead whose nanoseconds still fit an int64. */
  private static final long NO_WRAP = Long.MAX_VALUE / 1_000_000_000L;

  static final long[] EXTREMES = {
    Long.MIN_VALUE,
    INSTANT_MIN - 1,
    INSTANT_MIN,
    INSTANT_MIN + 1,
    -1,
    0,
    1,
    NOW_S - 1,
    NOW_S,
    NOW_S + 1,
    NOW_S + NO_WRAP,
    NOW_S + NO_WRAP + 1,
    INSTANT_MAX - 1,
    INSTANT_MAX,
    INSTANT_MAX + 1,
    Long.MAX_VALUE,
  };

  private static final NKey IMPORTER = Chain.key(NKeyType.ACCOUNT, "importer");
  private static final NKey SERVER = Chain.key(NKeyType.SERVER, "server");

  // ------------------------------------------------------------------ forging

  /**
   * Signs claims with raw time fields: the payload of the stamped claims with {@code iat} replaced
   * and {@code exp}/{@code nbf} inserted, so any int64 can be written.
   */
  static String forgeTimes(Claims claims, NKey signer, String field, long value) {
    String json = claims.withIssuance(signer.publicKey(), Chain.ISSUED).toJson();
    if (field.equals("iat")) {
      json = json.replaceFirst("\"iat\":-?\\d+", "\"iat\":" + value);
    } else {
      json = "{\"" + field + "\":" + value + "," + json.substring(1);
    }
    return signRaw(json, signer);
  }

  static String signRaw(String json, NKey signer) {
    String header =
        Base64Url.encode(
            "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
    String signed = header + "." + Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    return signed + "." + Base64Url.encode(signer.sign(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  /** One claim of every type, and the key that signs it. */
  static List<Map.Entry<Claims, NKey>> everyType() {
    return List.of(
        Map.entry(Chain.operator().build(), OPERATOR),
        Map.entry(account().build(), OPERATOR_SK),
        Map.entry(user().build(), ACCOUNT),
        Map.entry(
            ActivationClaims.builder(IMPORTER.publicKey())
                .importSubject("svc.x")
                .kind(ExportType.SERVICE)
                .build(),
            EXPORTER),
        Map.entry(
            AuthorizationRequestClaims.builder(USER.publicKey()).userNkey(USER.publicKey()).build(),
            SERVER),
        Map.entry(
            AuthorizationResponseClaims.builder(USER.publicKey())
                .audience(SERVER.publicKey())
                .jwt("x")
                .build(),
            ACCOUNT),
        Map.entry(GenericClaims.builder(USER.publicKey()).build(), ACCOUNT));
  }

  static Stream<Arguments> everyTypeFieldAndValue() {
    List<Arguments> out = new ArrayList<>();
    for (Map.Entry<Claims, NKey> e : everyType()) {
      for (String field : List.of("exp", "nbf", "iat")) {
        for (long v : EXTREMES) {
          out.add(Arguments.of(e.getKey().type() + " " + field + "=" + v, e, field, v));
        }
      }
    }
    return out.stream();
  }

  // ------------------------------------------------------------------ claims

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTypeFieldAndValue")
  void claims_extremeTime_readAndValidatedAsGoDoes(
      String name, Map.Entry<Claims, NKey> e, String field, long v) {
    String token = forgeTimes(e.getKey(), e.getValue(), field, v);
    DecodedJwt<Claims> decoded = assertDoesNotThrow(() -> Jwt.decode(token));
    Claims c = decoded.claims();
    String payload =
        new String(
            Base64Url.decode(token, token.indexOf('.') + 1, token.lastIndexOf('.')),
            StandardCharsets.UTF_8);
    assertEquals(c, Claims.fromJson(payload));

    long raw =
        field.equals("exp")
            ? c.expiresAtSeconds()
            : field.equals("nbf") ? c.notBeforeSeconds() : c.issuedAtSeconds();
    assertEquals(v, raw);
    Optional<Instant> at =
        field.equals("exp") ? c.expiresAt() : field.equals("nbf") ? c.notBefore() : c.issuedAt();
    assertEquals(clamped(v), at);
    assertDoesNotThrow(c::toString);
    assertDoesNotThrow(decoded::toString);

    ValidationResult r = assertDoesNotThrow(() -> c.validate(NOW));
    assertDoesNotThrow(r::toString);
    boolean expired = field.equals("exp") && v > 0 && NOW_S > v;
    boolean notYet = field.equals("nbf") && v > 0 && v > NOW_S;
    assertEquals(expired, has(r, "claim is expired"), r::toString);
    assertEquals(notYet, has(r, "claim is not yet valid"), r::toString);
    // The same at the extremes of the clock itself.
    assertDoesNotThrow(() -> c.validate(Instant.MAX));
    assertDoesNotThrow(() -> c.validate(Instant.MIN));
  }

  private static Optional<Instant> clamped(long v) {
    if (v == 0) {
      return Optional.empty();
    }
    if (v > INSTANT_MAX) {
      return Optional.of(Instant.MAX);
    }
    if (v < INSTANT_MIN) {
      return Optional.of(Instant.MIN);
    }
    return Optional.of(Instant.ofEpochSecond(v));
  }

  private static boolean has(ValidationResult r, String description) {
    return r.issues().stream().map(ValidationIssue::description).anyMatch(description::equals);
  }

  @Test
  void revocationList_extremeEntries_comparedAsInt64() {
    for (long t : EXTREMES) {
      RevocationList list = RevocationList.of(Map.of(USER.publicKey(), t, "*", Long.MIN_VALUE));
      Instant want =
          t > INSTANT_MAX ? Instant.MAX : t < INSTANT_MIN ? Instant.MIN : Instant.ofEpochSecond(t);
      assertEquals(Optional.of(want), list.revokedAt(USER.publicKey()));
      assertDoesNotThrow(list::toString);
      for (long iat : EXTREMES) {
        assertEquals(t >= iat, list.isRevoked(USER.publicKey(), iat), t + " vs iat " + iat);
      }
    }
  }

  // ------------------------------------------------------------------ trust: users

  /** The server's verdict on a user with {@code exp = v}, at {@link Chain#NOW}. */
  private static Optional<Rule> userExpVerdict(long v) {
    if (v == 0) {
      return Optional.empty();
    }
    if (v < NOW_S) {
      return Optional.of(Rule.USER_EXPIRED); // ClaimsData.Validate: now > exp
    }
    // Accepted, but the disconnect timer fires at once: exp == now, negative exp, or an exp whose
    // distance in nanoseconds wraps to zero or less (observed for Long.MAX_VALUE and now + 10^10).
    long nanos = (v - NOW_S) * 1_000_000_000L;
    return nanos <= 0 ? Optional.of(Rule.USER_EXPIRED) : Optional.empty();
  }

  @Test
  void userExpVerdict_matchesLiveServerObservations() {
    // The table the live runs gave, independent of the formula above.
    assertEquals(Optional.of(Rule.USER_EXPIRED), userExpVerdict(Long.MAX_VALUE));
    assertEquals(Optional.of(Rule.USER_EXPIRED), userExpVerdict(Long.MIN_VALUE));
    assertEquals(Optional.of(Rule.USER_EXPIRED), userExpVerdict(-1));
    assertEquals(Optional.of(Rule.USER_EXPIRED), userExpVerdict(NOW_S + 10_000_000_000L));
    assertEquals(Optional.empty(), userExpVerdict(NOW_S + 9_000_000_000L));
    assertEquals(Optional.empty(), userExpVerdict(NOW_S + 100));
  }

  @Test
  void verifyUser_extremeExp_decidedAsServer() {
    TrustVerifier v = verifier(resolver(Chain.sign(account().build(), OPERATOR_SK))).build();
    for (long exp : EXTREMES) {
      String token = forgeTimes(user().build(), ACCOUNT, "exp", exp);
      Verification<VerifiedUser> r = assertDoesNotThrow(() -> v.verifyUser(token, signed()));
      assertVerdict(userExpVerdict(exp), r, "exp=" + exp);
      if (exp < INSTANT_MIN || exp > INSTANT_MAX) {
        // A value beyond Instant shows as the raw number.
        r.rejection()
            .ifPresent(j -> assertTrue(j.message().contains(String.valueOf(exp)), j::message));
      }
      if (r.isAccepted() && exp != 0) {
        Instant at = r.orElseThrow().disconnectAt().orElseThrow();
        assertEquals(NOW.plusNanos((exp - NOW_S) * 1_000_000_000L), at, "exp=" + exp);
      }
    }
  }

  @Test
  void verifyUser_extremeNbf_decidedAsServer() {
    TrustVerifier v = verifier(resolver(Chain.sign(account().build(), OPERATOR_SK))).build();
    for (long nbf : EXTREMES) {
      String token = forgeTimes(user().build(), ACCOUNT, "nbf", nbf);
      Verification<VerifiedUser> r = assertDoesNotThrow(() -> v.verifyUser(token, signed()));
      Optional<Rule> want =
          nbf > 0 && nbf > NOW_S ? Optional.of(Rule.USER_NOT_YET_VALID) : Optional.empty();
      assertVerdict(want, r, "nbf=" + nbf);
    }
  }

  @Test
  void verifyUser_selfSignedFarFutureNbf_rejectedWithoutThrowing() {
    // The reproducer: a self-signed user token, no key needed.
    NKey self = Chain.key(NKeyType.ACCOUNT, "self");
    String token =
        forgeTimes(
            io.github.natsjwt.claims.UserClaims.builder(USER.publicKey()).build(),
            self,
            "nbf",
            Long.MAX_VALUE);
    TrustVerifier v = verifier(resolver()).build();
    Verification<VerifiedUser> r = assertDoesNotThrow(() -> v.verifyUser(token, signed()));
    assertFalse(r.isAccepted());
    assertDoesNotThrow(r::toString);
  }

  @Test
  void verifyUser_extremeIatAgainstRevocations_revokedIffEntryAtOrAfterIat() {
    for (long entry : EXTREMES) {
      for (boolean all : new boolean[] {false, true}) {
        String acct =
            Chain.sign(
                account()
                    .revocations(RevocationList.of(Map.of(all ? "*" : USER.publicKey(), entry)))
                    .build(),
                OPERATOR_SK);
        TrustVerifier v = verifier(resolver(acct)).build();
        for (long iat : EXTREMES) {
          String token = forgeTimes(user().build(), ACCOUNT, "iat", iat);
          Verification<VerifiedUser> r = assertDoesNotThrow(() -> v.verifyUser(token, signed()));
          Optional<Rule> want = entry >= iat ? Optional.of(Rule.REVOKED) : Optional.empty();
          assertVerdict(want, r, (all ? "*" : "user") + "=" + entry + " iat=" + iat);
        }
      }
    }
  }

  // ------------------------------------------------------------------ trust: accounts

  @Test
  void verifyAccount_extremeTimes_decidedAsServer() {
    TrustVerifier v = verifier(resolver()).build();
    for (long t : EXTREMES) {
      Verification<VerifiedAccount> exp =
          assertDoesNotThrow(
              () -> v.verifyAccount(forgeTimes(account().build(), OPERATOR_SK, "exp", t)));
      // Validate refuses now > exp; at connect the server marks exp != 0 && exp <= now expired.
      // (An exp so far ahead that the server's expiry timer wraps is marked expired by that timer
      // some time after loading, racing with the connect; this verdict leaves it valid.)
      assertVerdict(
          t != 0 && t <= NOW_S ? Optional.of(Rule.ACCOUNT_EXPIRED) : Optional.empty(),
          exp,
          "exp=" + t);
      Verification<VerifiedAccount> nbf =
          assertDoesNotThrow(
              () -> v.verifyAccount(forgeTimes(account().build(), OPERATOR_SK, "nbf", t)));
      assertVerdict(
          t > 0 && t > NOW_S ? Optional.of(Rule.ACCOUNT_NOT_YET_VALID) : Optional.empty(),
          nbf,
          "nbf=" + t);
      Verification<VerifiedAccount> iat =
          assertDoesNotThrow(
              () -> v.verifyAccount(forgeTimes(account().build(), OPERATOR_SK, "iat", t)));
      assertVerdict(Optional.empty(), iat, "iat=" + t);
      assertDoesNotThrow(() -> iat.orElseThrow().expiresAt());
    }
  }

  // ------------------------------------------------------------------ trust: activations

  @Test
  void verifyImport_extremeActivationTimesAndRevocations_neverThrow() {
    for (long t : EXTREMES) {
      for (String field : List.of("exp", "nbf", "iat", "revocation")) {
        Export.Builder export = Export.service("svc.x").tokenRequired(true);
        if (field.equals("revocation")) {
          export.revocations(RevocationList.of(Map.of(IMPORTER.publicKey(), t)));
        }
        String exporter =
            Chain.sign(
                AccountClaims.builder(EXPORTER.publicKey())
                    .name("EXP")
                    .addExports(export.build())
                    .build(),
                OPERATOR_SK);
        ActivationClaims act =
            ActivationClaims.builder(IMPORTER.publicKey())
                .importSubject("svc.x")
                .kind(ExportType.SERVICE)
                .build();
        String token =
            field.equals("revocation")
                ? Chain.sign(act, EXPORTER)
                : forgeTimes(act, EXPORTER, field, t);
        String importer =
            Chain.sign(
                AccountClaims.builder(IMPORTER.publicKey())
                    .name("IMP")
                    .addImports(Import.service(EXPORTER.publicKey(), "svc.x").token(token).build())
                    .build(),
                OPERATOR_SK);
        TrustVerifier v = verifier(resolver(exporter, importer)).build();
        String label = field + "=" + t;
        Verification<VerifiedAccount> imp =
            assertDoesNotThrow(() -> v.verifyAccount(importer), label);
        Verification<VerifiedAccount> exp = v.verifyAccount(exporter);
        if (!imp.isAccepted()) {
          // exp/nbf refusals of the activation at account level are validation (not time) issues
          // only; any refusal must still be a verdict with a message.
          assertDoesNotThrow(() -> imp.rejection().orElseThrow().message(), label);
          continue;
        }
        VerifiedAccount importerAccount = imp.orElseThrow();
        Import theImport = importerAccount.claims().imports().get(0);
        Verification<VerifiedImport> r =
            assertDoesNotThrow(
                () -> v.verifyImport(importerAccount, theImport, exp.orElseThrow()), label);
        assertDoesNotThrow(r::toString, label);
        long iat = Chain.ISSUED.getEpochSecond();
        switch (field) {
          case "revocation":
            assertEquals(t >= iat, rule(r).equals(Optional.of(Rule.ACTIVATION_REVOKED)), label);
            break;
          case "iat":
            // iat matters only against revocations, and this export has none.
            assertTrue(r.isAccepted(), () -> label + ": " + r);
            break;
          case "nbf":
            assertEquals(
                t > 0 && t > NOW_S,
                rule(r).equals(Optional.of(Rule.ACTIVATION_NOT_YET_VALID)),
                label);
            break;
          default:
            if (t > 0 && t <= NOW_S) {
              assertEquals(Optional.of(Rule.ACTIVATION_EXPIRED), rule(r), label);
            }
            if (t > NOW_S || t == 0) {
              assertTrue(r.isAccepted(), () -> label + ": " + r);
            }
            if (r.isAccepted()) {
              assertDoesNotThrow(() -> r.orElseThrow().expiresAt(), label);
            }
        }
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Optional<Rule> rule(Verification<?> v) {
    return v.rejection().map(Rejection::rule);
  }

  private static void assertVerdict(Optional<Rule> want, Verification<?> got, String label) {
    assertEquals(want, rule(got), () -> label + ": " + got);
    got.rejection().ifPresent(r -> assertDoesNotThrow(r::toString));
  }
}
