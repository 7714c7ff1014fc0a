package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationClaimsTest {
  private static final NKey SERVER = NKey.generate(NKeyType.SERVER);
  private static final NKey ACCOUNT = NKey.generate(NKeyType.ACCOUNT);
  private static final String USER = NKey.generate(NKeyType.USER).publicKey();
  private static final Clock CLOCK = Clock.fixed(ClaimsVectors.FIXED_IAT, ZoneOffset.UTC);

  @Test
  void requestBuilder_userNkeyOnly_writesReferenceMinimalShape() {
    AuthorizationRequestClaims r = AuthorizationRequestClaims.builder(USER).userNkey(USER).build();
    assertTrue(
        r.toJson()
            .endsWith(
                "\"nats\":{\"server_id\":{\"name\":\"\",\"host\":\"\",\"id\":\"\"},\"user_nkey\":\""
                    + USER
                    + "\",\"client_info\":{},\"connect_opts\":{\"protocol\":0},"
                    + "\"type\":\"authorization_request\"}}"),
        r.toJson());
  }

  @Test
  void requestEncode_serverKey_roundTripsAllFields() {
    AuthorizationRequestClaims r =
        AuthorizationRequestClaims.builder(USER)
            .userNkey(USER)
            .serverId(
                new ServerId("n1", "h", SERVER.publicKey(), "2.10.0", "c1", List.of("a"), "X1"))
            .clientInformation(
                new ClientInformation(
                    "192.0.2.1", -1L, "u", "n", List.of("t"), "nt", "Client", "nats", "m", "nonce"))
            .connectOptions(
                new ConnectOptions("j", "k", "s", "tok", "usr", "pw", "nm", "go", "1.0", 1))
            .clientTls(
                new ClientTls("1.3", "c", List.of("p1"), List.of(List.of("a", "b"), List.of())))
            .requestNonce("rn")
            .build();
    String token = Jwt.encode(r, SERVER, CLOCK);
    AuthorizationRequestClaims back = Jwt.decode(token, AuthorizationRequestClaims.class).claims();
    assertEquals(-1L, back.clientInformation().id());
    assertTrue(back.toJson().contains("\"id\":18446744073709551615,"), back.toJson());
    assertTrue(
        back.toJson()
            .contains(
                "\"server_id\":{\"name\":\"n1\",\"host\":\"h\",\"id\":\""
                    + SERVER.publicKey()
                    + "\",\"version\":\"2.10.0\",\"cluster\":\"c1\",\"tags\":[\"a\"],\"xkey\":\"X1\"},"));
    assertTrue(
        back.toJson()
            .contains(
                "\"connect_opts\":{\"jwt\":\"j\",\"nkey\":\"k\",\"sig\":\"s\",\"auth_token\":\"tok\","
                    + "\"user\":\"usr\",\"pass\":\"pw\",\"name\":\"nm\",\"lang\":\"go\",\"version\":\"1.0\","
                    + "\"protocol\":1},\"client_tls\":{\"version\":\"1.3\",\"cipher\":\"c\",\"certs\":"
                    + "[\"p1\"],\"verified_chains\":[[\"a\",\"b\"],[]]},\"request_nonce\":\"rn\","
                    + "\"type\":\"authorization_request\",\"version\":2}"),
        back.toJson());
    assertEquals(r.withIssuance(SERVER.publicKey(), ClaimsVectors.FIXED_IAT), back);
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void requestEncode_accountKey_isRejected() {
    AuthorizationRequestClaims r = AuthorizationRequestClaims.builder(USER).userNkey(USER).build();
    assertThrows(IssuerNotAllowedException.class, () -> Jwt.encode(r, ACCOUNT, CLOCK));
  }

  @Test
  void requestFromJson_idOutOfRange_throwsWithPath() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class,
            () ->
                Claims.fromJson(
                    "{\"sub\":\"x\",\"nats\":{\"client_info\":{\"id\":18446744073709551616},"
                        + "\"type\":\"authorization_request\",\"version\":2}}"));
    assertEquals("nats.client_info.id", e.field());
  }

  @Test
  void requestFromJson_versionMissing_isAcceptedAsReferenceDoes() {
    Claims c =
        Claims.fromJson(
            "{\"sub\":\"x\",\"nats\":{\"user_nkey\":\""
                + USER
                + "\",\"type\":\"authorization_request\"}}");
    assertEquals(0, c.version());
    assertTrue(c.toJson().endsWith("\"type\":\"authorization_request\"}}"));
  }

  @Test
  void requestValidate_userNkey_rules() {
    assertEquals(
        List.of("User nkey is required"),
        ClaimsVectors.descriptions(
            AuthorizationRequestClaims.builder(USER).build().validate(ClaimsVectors.FIXED_IAT)));
    assertEquals(
        List.of(
            "User nkey \"" + ACCOUNT.publicKey() + "\" is not a valid user public key",
            "claim is expired"),
        ClaimsVectors.descriptions(
            AuthorizationRequestClaims.builder(USER)
                .userNkey(ACCOUNT.publicKey())
                .expiresAt(ClaimsVectors.FIXED_IAT.minusSeconds(1))
                .build()
                .validate(ClaimsVectors.FIXED_IAT)));
    assertTrue(
        AuthorizationRequestClaims.builder(USER)
            .userNkey(USER)
            .build()
            .validate(ClaimsVectors.FIXED_IAT)
            .isEmpty());
  }

  @Test
  void connectOptions_toString_hidesSecrets() {
    String s =
        new ConnectOptions(
                "eyJ.token.sig", "UKEY", "signed", "tok", "alice", "hunter2", "app", "java", "1", 1)
            .toString();
    assertFalse(s.contains("hunter2"));
    assertFalse(s.contains("eyJ.token.sig"));
    assertFalse(s.contains("tok,"));
    assertFalse(s.contains("signed"));
    assertTrue(s.contains("alice"));
  }

  @Test
  void responseBuilder_jwt_writesReferenceMinimalShape() {
    AuthorizationResponseClaims r =
        AuthorizationResponseClaims.builder(USER).audience(SERVER.publicKey()).jwt("a.b.c").build();
    assertTrue(r.toJson().startsWith("{\"aud\":\"" + SERVER.publicKey() + "\","));
    assertTrue(
        r.toJson().endsWith("\"nats\":{\"jwt\":\"a.b.c\",\"type\":\"authorization_response\"}}"));
    assertFalse(r.toString().contains("a.b.c"));
  }

  @Test
  void responseEncode_accountKey_roundTrips() {
    AuthorizationResponseClaims r =
        AuthorizationResponseClaims.builder(USER)
            .audience(SERVER.publicKey())
            .error("denied")
            .issuerAccount(ACCOUNT.publicKey())
            .build();
    String token = Jwt.encode(r, ACCOUNT, CLOCK);
    AuthorizationResponseClaims back =
        Jwt.decode(token, AuthorizationResponseClaims.class).claims();
    assertEquals("denied", back.error());
    assertTrue(back.validate(ClaimsVectors.FIXED_IAT).isEmpty());
    assertThrows(
        ClaimTypeMismatchException.class,
        () -> Jwt.decode(token, AuthorizationRequestClaims.class));
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void responseValidate_everyRule_inReferenceOrder() {
    AuthorizationResponseClaims r =
        AuthorizationResponseClaims.builder(ACCOUNT.publicKey())
            .audience(USER)
            .issuerAccount(USER)
            .expiresAt(ClaimsVectors.FIXED_IAT.minusSeconds(1))
            .build();
    assertEquals(
        List.of(
            "Subject must be a user public key",
            "Audience must be a server public key",
            "Error or Jwt is required",
            "issuer_account is not an account public key",
            "claim is expired"),
        ClaimsVectors.descriptions(r.validate(ClaimsVectors.FIXED_IAT)));
    AuthorizationResponseClaims both =
        AuthorizationResponseClaims.builder(USER)
            .audience(SERVER.publicKey())
            .jwt("j")
            .error("e")
            .build();
    assertEquals(
        List.of("Only Error or Jwt can be set"),
        ClaimsVectors.descriptions(both.validate(ClaimsVectors.FIXED_IAT)));
  }
}
