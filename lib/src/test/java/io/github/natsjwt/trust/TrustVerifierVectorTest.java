package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trust cases of the shared test data, produced by the Go reference: tokens the reference
 * decodes and validates but whose chain fails (revoked, not signed by a trusted issuer, scoped
 * signer violation) must be rejected for that reason; the valid chain of the same data is accepted.
 */
class TrustVerifierVectorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The data's fixed issue time; the account is valid from an hour before. */
  private static final Instant FIXED_IAT = Instant.ofEpochSecond(1_700_000_000L);

  /** 11:00 in Berlin on the next day: inside the scoped template's 08:00-17:00 window. */
  private static final Instant BERLIN_MORNING = Instant.parse("2023-11-15T10:00:00Z");

  private static final String NONCE = "Vx2bQe9LrT0kWm4";

  private static JsonNode read(String file) {
    try {
      return JSON.readTree(TestData.testdataDir().resolve(file).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode invalid(String name) {
    for (JsonNode v : read("jwt-invalid.json").get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no vector " + name);
  }

  private static String valid(String name) {
    for (JsonNode v : read("jwt-vectors.json").get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v.get("jwt").asText();
      }
    }
    throw new AssertionError("no vector " + name);
  }

  /** The vector users' keys; the data derives every seed from a label. */
  private static final Map<String, String> USER_LABELS =
      Map.of(
          "UAKKKLW7RZU6IPUHU6PLNVSKHZBGCRD5M3K7LQKW5B4TE3MQFO5LNCSJ", "user-1",
          "UBOK52KVVI2EHMK7E53W5XRKVVMKNBXPUPUHQLOG3US5NG7OKEF2DGXH", "user-3",
          "UB33SJ5Y6OYPHQGDTTOJX7O5CHTG3K32VB4Z3RYEGZGUGVUX27FPXENU", "user-4",
          "UDYPKA7ZEMWVQFQ7MZCSDZLO72VC4ZJXQKV65MLNGVTXDC2IGBAWJAOV", "user-5",
          "UDHVHYGL332SRWNQ76M4ELPKULLMO5R7TN6QE4AZOL5DYA4WQCU3CGXC", "user-6");

  private static NKey userKey(String publicKey) {
    NKey k = Chain.refgenKey(NKeyType.USER, USER_LABELS.get(publicKey));
    assertEquals(publicKey, k.publicKey(), "seed derivation of " + USER_LABELS.get(publicKey));
    return k;
  }

  private static TrustVerifier acme(String accountJwt, ServerProfile profile) {
    return TrustVerifier.builder()
        .trustOperator(valid("operator_with_signing_keys"))
        .accountResolver(Chain.resolver(accountJwt))
        .clock(Clock.fixed(FIXED_IAT, ZoneOffset.UTC))
        .serverProfile(profile)
        .localZone(ZoneOffset.UTC)
        .build();
  }

  private static ConnectionContext.Builder signedBy(String userJwt) {
    String sub = io.github.natsjwt.jwt.Jwt.decode(userJwt).claims().subject();
    return ConnectionContext.builder()
        .nonce(NONCE)
        .signature(ConnectionContext.signNonce(NONCE, userKey(sub)))
        .clientHost("192.168.7.9");
  }

  static Stream<Arguments> untrustedAccounts() {
    return Stream.of(
        Arguments.of("account_signed_by_unlisted_operator_key", "not a trusted operator key"),
        Arguments.of("account_signed_by_strict_operator_identity", "strict_signing_key_usage"));
  }

  @ParameterizedTest
  @MethodSource("untrustedAccounts")
  void verifyAccount_notSignedByTrustedIssuer_rejectedUntrusted(String name, String says) {
    JsonNode v = invalid(name);
    assertEquals("not_signed_by_trusted_issuer", v.get("expect").asText());
    TrustVerifier verifier =
        TrustVerifier.builder()
            .trustOperator(v.get("context").get("operator_jwt").asText())
            .clock(Clock.fixed(FIXED_IAT, ZoneOffset.UTC))
            .build();
    Verification<VerifiedAccount> r = verifier.verifyAccount(v.get("jwt").asText());
    assertEquals(Rule.ACCOUNT_UNTRUSTED_ISSUER, r.rejection().orElseThrow().rule());
    assertTrue(r.rejection().orElseThrow().message().contains(says), r.toString());
  }

  static Stream<Arguments> rejectedUsers() {
    return Stream.of(
        Arguments.of(
            "user_signed_by_unknown_account_key",
            "not_signed_by_trusted_issuer",
            Rule.SIGNER_NOT_IN_ACCOUNT),
        Arguments.of("user_revoked_by_key", "revoked", Rule.REVOKED),
        Arguments.of("user_revoked_by_wildcard", "revoked", Rule.REVOKED),
        Arguments.of(
            "scoped_user_with_permissions",
            "scoped_signer_violation",
            Rule.SCOPED_USER_HAS_PERMISSIONS),
        Arguments.of(
            "scoped_user_with_default_limits",
            "scoped_signer_violation",
            Rule.SCOPED_USER_HAS_PERMISSIONS));
  }

  @ParameterizedTest
  @MethodSource("rejectedUsers")
  void verifyUser_trustVector_rejectedForTheStatedReason(String name, String expect, Rule rule) {
    JsonNode v = invalid(name);
    assertEquals(expect, v.get("expect").asText());
    String user = v.get("jwt").asText();
    String account = v.get("context").get("account_jwt").asText();
    for (ServerProfile p : ServerProfile.values()) {
      Verification<VerifiedUser> r =
          acme(account, p).verifyUser(user, signedBy(user).time(BERLIN_MORNING).build());
      assertFalse(r.isAccepted(), () -> p + ": " + r);
      assertEquals(rule, r.rejection().orElseThrow().rule(), () -> p + ": " + r);
    }
  }

  @Test
  void verifyUser_revokedByKey_messageNamesTheUsersEntry() {
    JsonNode v = invalid("user_revoked_by_key");
    String user = v.get("jwt").asText();
    Verification<VerifiedUser> r =
        acme(v.get("context").get("account_jwt").asText(), ServerProfile.LATEST)
            .verifyUser(user, signedBy(user).build());
    String m = r.rejection().orElseThrow().message();
    assertTrue(m.contains("entry for the user's key") && m.contains("2023-11-14T22:11:40Z"), m);
  }

  @Test
  void verifyUser_userBySigningKeyVector_accepted() {
    String user = valid("user_by_signing_key");
    VerifiedUser u =
        acme(valid("account_full"), ServerProfile.V2_9)
            .verifyUser(user, signedBy(user).build())
            .orElseThrow();
    assertTrue(u.isSignedBySigningKey());
    assertEquals("OAJIGXIHI3GK2653LWG2NKZ7RTAGJNXHUUFNVYJXROLZEEYB32EY4PLO", u.account().issuer());
    assertEquals("OAZS3SNAI4CWZSUO4XMG2CJBJZRQ5DE53MYJTWYVDRMV27NMQTT6K7QR", u.operatorKey());
    assertTrue(u.permissions().canPublish("foo.bar"));
    assertFalse(u.permissions().canPublish("bar"));
    assertEquals(1000, u.maxSubscriptions());
  }

  @Test
  void verifyUser_scopedVector_templateAppliedInBerlinHours() {
    String user = valid("user_scoped");
    VerifiedUser u =
        acme(valid("account_full"), ServerProfile.LATEST)
            .verifyUser(user, signedBy(user).time(BERLIN_MORNING).build())
            .orElseThrow();
    assertTrue(u.isScoped());
    assertEquals("service", u.scope().orElseThrow().role());
    assertTrue(u.permissions().canPublish("svc-worker.job"));
    assertFalse(u.permissions().canPublish("admin.x"));
    assertTrue(u.permissions().canSubscribe("blue.x"));
    assertEquals(10, u.maxSubscriptions());
    assertEquals(1024, u.maxPayload());
    // The window ends at 17:00 in Berlin (UTC+1 in November).
    assertEquals(Instant.parse("2023-11-15T16:00:00Z"), u.disconnectAt().orElseThrow());
  }

  @Test
  void verifyUser_scopedVectorAtNight_rejectedOutsideWindow() {
    String user = valid("user_scoped");
    Verification<VerifiedUser> r =
        acme(valid("account_full"), ServerProfile.LATEST).verifyUser(user, signedBy(user).build());
    assertEquals(Rule.OUTSIDE_TIME_WINDOW, r.rejection().orElseThrow().rule());
  }

  @Test
  void verifyUser_scopedVectorFromOutsideSrc_rejected() {
    String user = valid("user_scoped");
    Verification<VerifiedUser> r =
        acme(valid("account_full"), ServerProfile.LATEST)
            .verifyUser(user, signedBy(user).clientHost("10.1.1.1").time(BERLIN_MORNING).build());
    assertEquals(Rule.SOURCE_NOT_ALLOWED, r.rejection().orElseThrow().rule());
  }

  @Test
  void verifyUser_bearerVector_connectionTypeThenBearerDisallowed() {
    String user = valid("user_bearer");
    TrustVerifier v = acme(valid("account_full"), ServerProfile.LATEST);
    ConnectionContext tcp = ConnectionContext.builder().build();
    assertEquals(
        Rule.CONNECTION_TYPE_NOT_ALLOWED, v.verifyUser(user, tcp).rejection().orElseThrow().rule());
    ConnectionContext ws =
        ConnectionContext.builder().connectionType(ConnectionType.WEBSOCKET).build();
    assertEquals(Rule.BEARER_DISALLOWED, v.verifyUser(user, ws).rejection().orElseThrow().rule());
  }

  @Test
  void verifyUser_minimalVector_accepted() {
    String user = valid("user_minimal");
    assertTrue(
        acme(valid("account_full"), ServerProfile.LATEST)
            .verifyUser(user, signedBy(user).build())
            .isAccepted());
  }
}
