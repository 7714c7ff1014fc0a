package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClaimsFormatException;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.InvalidClaimsException;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.TokenSize;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.JwtTestData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token layer of spec claims.md sections 1.1 to 1.8: size cap, segments, base64url, header,
 * signature modes, issuer key types, typed decoding, and what messages and {@code toString()}
 * reveal. Tokens are crafted here with the JDK's base64 and the keys' raw signatures, so the tests
 * do not depend on the encoder under test.
 */
class JwtTest {
  private static final Instant IAT = Instant.ofEpochSecond(1_700_000_000L);
  private static final Clock CLOCK = Clock.fixed(IAT, ZoneOffset.UTC);
  private static final String V2_HEADER = "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}";
  private static final String V1_HEADER = "{\"typ\":\"jwt\",\"alg\":\"ed25519\"}";

  private static final NKey OPERATOR = key(NKeyType.OPERATOR, "operator");
  private static final NKey OPERATOR_SIGNER = key(NKeyType.OPERATOR, "operator signing key");
  private static final NKey ACCOUNT = key(NKeyType.ACCOUNT, "account");
  private static final NKey CURVE = key(NKeyType.CURVE, "curve");

  static NKey key(NKeyType type, String label) {
    try {
      byte[] raw =
          MessageDigest.getInstance("SHA-256")
              .digest(("natsjwt JwtTest " + label).getBytes(StandardCharsets.UTF_8));
      return NKey.fromRawSeed(type, raw);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Signs header and payload as given: v2 over {@code header.payload}, v1 over the payload. */
  static String craft(String header, String payload, NKey signer, boolean v1) {
    String h = b64(header);
    String p = b64(payload);
    String input = v1 ? p : h + "." + p;
    return h + "." + p + "." + b64(signer.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String operatorPayload(NKey issuer, String name) {
    return "{\"jti\":\"X\",\"iat\":1700000000,\"iss\":\""
        + issuer.publicKey()
        + "\",\"name\":\""
        + name
        + "\",\"sub\":\""
        + OPERATOR.publicKey()
        + "\",\"nats\":{\"type\":\"operator\",\"version\":2}}";
  }

  static String operatorToken() {
    return Jwt.encode(
        OperatorClaims.builder(OPERATOR.publicKey()).name("op").build(), OPERATOR, CLOCK);
  }

  static MalformedJwtException malformed(String token) {
    return assertThrows(MalformedJwtException.class, () -> Jwt.decode(token));
  }

  @Test
  void decode_payloadOverJsonLimits_malformedPayload() {
    // Go's scanner fails beyond 10,000 levels; the error carries no position.
    String deep =
        operatorPayload(OPERATOR, "d")
            .replace(
                "\"name\":\"d\"",
                "\"name\":\"d\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000));
    for (String payload : List.of(deep)) {
      MalformedJwtException e = malformed(craft(V2_HEADER, payload, OPERATOR, false));
      assertEquals("payload", e.part());
      assertTrue(e.getMessage().contains("is not valid JSON: "), e.getMessage());
    }
  }

  @Test
  void decode_headerAndPayloadJson_asInTheToken() {
    // Another key order and spacing than the canonical header: parsed, and returned as written.
    String header = "{ \"alg\":\"ed25519-nkey\", \"typ\":\"JWT\" }";
    String payload = operatorPayload(OPERATOR, "caf\u00e9 \\u003e");
    DecodedJwt<Claims> jwt = Jwt.decode(craft(header, payload, OPERATOR, false));
    assertEquals(header, jwt.headerJson());
    assertEquals(payload, jwt.payloadJson());
    assertEquals(new JwtHeader("JWT", "ed25519-nkey"), jwt.header());
    assertEquals("caf\u00e9 >", jwt.claims().name());
  }

  // ------------------------------------------------------------------ size (spec 1.7 step 1)

  /** Builds an operator token of exactly {@code bytes} bytes by sizing the name. */
  static String tokenOfSize(int bytes) {
    int fixed = b64(V2_HEADER).length() + 2 + 86;
    int payloadChars = bytes - fixed;
    // A payload of n bytes is ceil(4n/3) base64 characters; find n with exactly payloadChars.
    int n = payloadChars * 3 / 4;
    assertEquals(payloadChars, (4 * n + 2) / 3, "no payload length gives a token of " + bytes);
    OperatorClaims base = OperatorClaims.builder(OPERATOR.publicKey()).build();
    int baseLen =
        base.toBuilder().name("x").build().withIssuance(OPERATOR.publicKey(), IAT).toJson().length()
            - 1;
    OperatorClaims big =
        OperatorClaims.builder(OPERATOR.publicKey()).name("n".repeat(n - baseLen)).build();
    // Past the cap only with the explicit larger bound: the default refuses to write it.
    String token = Jwt.encode(big, OPERATOR, CLOCK, Math.max(bytes, Jwt.MAX_TOKEN_BYTES));
    assertEquals(bytes, token.length());
    return token;
  }

  @Test
  void decode_exactlyOneMebibyte_accepted() {
    String token = tokenOfSize(Jwt.MAX_TOKEN_BYTES);
    DecodedJwt<OperatorClaims> jwt = Jwt.decode(token, OperatorClaims.class);
    assertEquals(OPERATOR.publicKey(), jwt.issuer());
  }

  @Test
  void decode_oneByteOverOneMebibyte_rejectedBeforeParsing() {
    String token = tokenOfSize(Jwt.MAX_TOKEN_BYTES + 1);
    MalformedJwtException e = malformed(token);
    assertAll(
        () -> assertEquals("token", e.part()),
        () -> assertTrue(e.getMessage().contains("1048577"), e.getMessage()),
        () -> assertTrue(e.getMessage().contains("1048576"), e.getMessage()));
    // Garbage of the same size fails on the size, not on its structure.
    assertEquals("token", malformed("a".repeat(Jwt.MAX_TOKEN_BYTES + 1)).part());
    assertTrue(malformed("a".repeat(Jwt.MAX_TOKEN_BYTES + 1)).getMessage().contains("size"));
  }

  /**
   * Encoding and decoding share one bound: the largest token that encodes decodes, and the same
   * claims with one more byte are refused by both, with the size, the bound and the fields.
   */
  @Test
  void encode_boundary_largestEncodesAndDecodes_oneByteMoreRefusedByBoth() {
    String largest = tokenOfSize(Jwt.MAX_TOKEN_BYTES);
    OperatorClaims claims = Jwt.decode(largest, OperatorClaims.class).claims();
    assertEquals(largest, Jwt.encode(claims, OPERATOR, CLOCK));
    assertEquals(largest, JwtDecoder.builder().build().decode(largest).token());

    OperatorClaims oneMore = claims.toBuilder().name(claims.name() + "n").build();
    TokenTooLargeException encoding =
        assertThrows(TokenTooLargeException.class, () -> Jwt.encode(oneMore, OPERATOR, CLOCK));
    String explicit = Jwt.encode(oneMore, OPERATOR, CLOCK, Jwt.MAX_TOKEN_BYTES + 1);
    TokenTooLargeException decoding =
        assertThrows(TokenTooLargeException.class, () -> Jwt.decode(explicit));
    TokenTooLargeException decoder =
        assertThrows(
            TokenTooLargeException.class, () -> JwtDecoder.builder().build().decode(explicit));
    assertAll(
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES + 1, explicit.length()),
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES + 1L, encoding.size()),
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES, encoding.bound()),
        () -> assertEquals("token", encoding.part()),
        () ->
            assertEquals(
                List.of(new TokenSize.Part(TokenSize.Field.OTHER, Jwt.MAX_TOKEN_BYTES + 1L)),
                encoding.largestFields()),
        () ->
            assertEquals(
                String.format(
                    TokenTooLargeException.ENCODE_MESSAGE,
                    "operator",
                    Jwt.MAX_TOKEN_BYTES + 1,
                    Jwt.MAX_TOKEN_BYTES,
                    "other 1,048,577 bytes (100.0%)"),
                encoding.getMessage()),
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES + 1L, decoding.size()),
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES, decoding.bound()),
        () -> assertEquals(List.of(), decoding.largestFields()),
        () -> assertEquals(Jwt.MAX_TOKEN_BYTES + 1L, decoder.size()),
        // The opt-in is mirrored: a decoder with the larger bound and no cap reads it.
        () ->
            assertEquals(
                oneMore.name(),
                JwtDecoder.builder()
                    .maxTokenBytes(Jwt.MAX_TOKEN_BYTES + 1)
                    .withoutSizeCap()
                    .build()
                    .decode(explicit, OperatorClaims.class)
                    .claims()
                    .name()));
  }

  @Test
  void encode_smallerExplicitBound_refusedNamingIt() {
    UserClaims user = UserClaims.builder(key(NKeyType.USER, "u").publicKey()).name("alice").build();
    int size = Jwt.encode(user, ACCOUNT, CLOCK).length();
    assertEquals(size, Jwt.encode(user, ACCOUNT, CLOCK, size).length());
    TokenTooLargeException e =
        assertThrows(
            TokenTooLargeException.class, () -> Jwt.encode(user, ACCOUNT, CLOCK, size - 1));
    assertEquals(size - 1, e.bound());
    assertThrows(IllegalArgumentException.class, () -> Jwt.encode(user, ACCOUNT, CLOCK, 0));
  }

  @Test
  void decodeWithoutSizeCap_oneByteOverOneMebibyte_decodesAndVerifies() {
    String token = tokenOfSize(Jwt.MAX_TOKEN_BYTES + 1);
    DecodedJwt<OperatorClaims> jwt = Jwt.decodeWithoutSizeCap(token, OperatorClaims.class);
    assertAll(
        () -> assertEquals(OPERATOR.publicKey(), jwt.issuer()),
        () -> assertEquals(token, jwt.token()),
        () -> assertTrue(jwt.claims().name().length() > 700_000));
  }

  @Test
  void decodeWithoutSizeCap_oversizedButTampered_stillChecksTheSignature() {
    String token = tokenOfSize(Jwt.MAX_TOKEN_BYTES + 1);
    // In the middle of the name every aligned group of 4 is "bm5u" ("nnn"); make one "opp".
    int start = token.indexOf('.') + 1;
    int at = start + (token.length() / 2 - start) / 4 * 4;
    assertEquals("bm5u", token.substring(at, at + 4));
    String tampered = token.substring(0, at) + "b3Bw" + token.substring(at + 4);
    assertThrows(
        SignatureMismatchException.class,
        () -> Jwt.decodeWithoutSizeCap(tampered, OperatorClaims.class));
    assertThrows(
        MalformedJwtException.class,
        () -> Jwt.decodeWithoutSizeCap("a".repeat(Jwt.MAX_TOKEN_BYTES + 1), Claims.class));
    assertThrows(
        ClaimTypeMismatchException.class, () -> Jwt.decodeWithoutSizeCap(token, UserClaims.class));
  }

  @Test
  void decode_sizeIsCountedInUtf8Bytes_notChars() {
    // 349,526 three-byte characters are 1,048,578 bytes: too large, though far fewer chars.
    MalformedJwtException tooBig = malformed("\u20ac".repeat(349_526));
    assertTrue(tooBig.getMessage().contains("1048578"), tooBig.getMessage());
    // 349,525 of them are 1,048,575 bytes: within the cap, so the structure check speaks.
    MalformedJwtException structure = malformed("\u20ac".repeat(349_525));
    assertTrue(structure.getMessage().contains("3 segments"), structure.getMessage());
  }

  // ------------------------------------------------------------------ segments (spec 1.1)

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", ".", "...", "a.b.c."})
  void decode_notThreeSegments_namesTheCount(String token) {
    MalformedJwtException e = malformed(token);
    long dots = token.chars().filter(c -> c == '.').count();
    assertAll(
        () -> assertEquals("token", e.part()),
        () -> assertEquals(-1, e.position()),
        () -> assertTrue(e.getMessage().contains("3 segments"), e.getMessage()),
        () ->
            assertTrue(
                e.getMessage().endsWith("has " + (token.isEmpty() ? 0 : dots + 1)),
                e.getMessage()));
  }

  @Test
  void decode_realTokenWithExtraSegment_rejected() {
    assertEquals("token", malformed(operatorToken() + ".e30").part());
  }

  // ------------------------------------------------------------------ base64url (spec 1.1)

  @Test
  void decode_paddingInAnySegment_rejectedWithPartAndPosition() {
    String[] s = operatorToken().split("\\.");
    String[] parts = {"header", "payload", "signature"};
    for (int i = 0; i < 3; i++) {
      String[] copy = s.clone();
      copy[i] = copy[i] + "==";
      MalformedJwtException e = malformed(String.join(".", copy));
      int at = s[i].length();
      String part = parts[i];
      assertAll(
          () -> assertEquals(part, e.part()),
          () -> assertEquals(at, e.position()),
          () -> assertTrue(e.getMessage().contains("'='"), e.getMessage()),
          () -> assertTrue(e.getMessage().contains("position " + at), e.getMessage()),
          () -> assertTrue(e.getMessage().contains(part), e.getMessage()));
    }
  }

  @Test
  void decode_standardAlphabetOrNonAscii_rejectedAtTheCharacter() {
    String[] s = operatorToken().split("\\.");
    MalformedJwtException slash =
        malformed(s[0] + "." + s[1] + "." + s[2].substring(0, 5) + "/" + s[2].substring(6));
    assertAll(
        () -> assertEquals("signature", slash.part()),
        () -> assertEquals(5, slash.position()),
        () -> assertTrue(slash.getMessage().contains("'/'"), slash.getMessage()));
    MalformedJwtException accent = malformed(s[0] + "." + "\u00e9" + s[1] + "." + s[2]);
    assertAll(
        () -> assertEquals("payload", accent.part()),
        () -> assertEquals(0, accent.position()),
        () -> assertTrue(accent.getMessage().contains("U+00E9"), accent.getMessage()));
  }

  @Test
  void decode_danglingCharacter_reportsItsPosition() {
    String[] s = operatorToken().split("\\.");
    // 86 signature characters plus one: 87 = 4 * 21 + 3 is a whole number of bytes; plus two is
    // not.
    String sig = s[2] + "AA" + "A";
    assertEquals(1, (sig.length()) % 4);
    MalformedJwtException e = malformed(s[0] + "." + s[1] + "." + sig);
    assertAll(
        () -> assertEquals("signature", e.part()),
        () -> assertEquals(sig.length() - 1, e.position()),
        () ->
            assertTrue(e.getMessage().contains("position " + (sig.length() - 1)), e.getMessage()));
  }

  @Test
  void decode_crlfInSignatureAndTrailingNewline_accepted() {
    String token = operatorToken();
    String[] s = token.split("\\.");
    String crlf = s[0] + "." + s[1] + "." + s[2].substring(0, 40) + "\r\n" + s[2].substring(40);
    assertEquals(OPERATOR.publicKey(), Jwt.decode(crlf).issuer());
    assertEquals(OPERATOR.publicKey(), Jwt.decode(token + "\n").issuer());
    assertEquals(OPERATOR.publicKey(), Jwt.decode(token + "\r\n").issuer());
    assertEquals(token + "\n", Jwt.decode(token + "\n").token());
  }

  @Test
  void decode_newlineInsideSignedSegments_decodesButFailsTheSignature() {
    // Go's decoder skips CR/LF, but the signature covers the segment text as written.
    String[] s = operatorToken().split("\\.");
    String token = s[0].substring(0, 10) + "\n" + s[0].substring(10) + "." + s[1] + "." + s[2];
    assertThrows(SignatureMismatchException.class, () -> Jwt.decode(token));
    String token2 = s[0] + "." + s[1].substring(0, 10) + "\r\n" + s[1].substring(10) + "." + s[2];
    assertThrows(SignatureMismatchException.class, () -> Jwt.decode(token2));
  }

  @Test
  void decode_nonZeroUnusedBitsInLastCharacter_acceptedAsGoDoes() {
    String[] s = operatorToken().split("\\.");
    // 86 characters carry 516 bits for 512: the last character's low 4 bits are unused.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(s[2].charAt(85));
    char other = alphabet.charAt(last ^ 0x0F);
    String token = s[0] + "." + s[1] + "." + s[2].substring(0, 85) + other;
    assertEquals(OPERATOR.publicKey(), Jwt.decode(token).issuer());
  }

  // ------------------------------------------------------------------ header (spec 1.2)

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}",
        "{\"typ\":\"jwt\",\"alg\":\"ed25519-nkey\"}",
        "{\"typ\":\"Jwt\",\"alg\":\"ED25519-NKEY\"}",
        "{\"typ\":\"JWT\",\"alg\":\"ed25519\"}",
        "{\"alg\":\"ed25519-nkey\",\"kid\":\"x\",\"typ\":\"JWT\"}",
        "{\"TYP\":\"JWT\",\"Alg\":\"ed25519-nkey\"}",
        "{\"typ\":\"x\",\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}",
        " {\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"} "
      })
  void decode_acceptedHeader_decodesAndKeepsItAsWritten(String header) {
    String token = craft(header, operatorPayload(OPERATOR, "h"), OPERATOR, false);
    DecodedJwt<Claims> jwt = Jwt.decode(token);
    assertEquals(header, jwt.headerJson());
    assertTrue(jwt.header().type().equalsIgnoreCase("jwt"));
    assertFalse(jwt.isV1(), "the payload, not the alg, decides the signature mode");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alg\":\"ed25519-nkey\"}|typ \"\"",
        "{\"typ\":\"JWS\",\"alg\":\"ed25519-nkey\"}|typ \"JWS\"",
        "{\"typ\":\"JWT \",\"alg\":\"ed25519-nkey\"}|typ \"JWT \"",
        "{\"typ\":\"JWT\"}|alg \"\"",
        "{\"typ\":\"JWT\",\"alg\":\"none\"}|alg \"none\"",
        "{\"typ\":\"JWT\",\"alg\":\"EdDSA\"}|alg \"EdDSA\"",
        "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey-v3\"}|alg \"ed25519-nkey-v3\"",
        "{\"typ\":\"JWT\",\"alg\":\"ed25519 \"}|alg \"ed25519 \"",
        "{\"typ\":1,\"alg\":\"ed25519-nkey\"}|typ",
        "{\"typ\":\"JWT\",\"alg\":null}|alg \"\"",
        "[\"JWT\"]|not a JSON object",
        "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"|not valid JSON",
        "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}x|not valid JSON at offset 35",
        "|not a JSON object"
      })
  void decode_rejectedHeader_namesHeaderAndValue(String spec) {
    String header = spec.substring(0, spec.indexOf('|'));
    String expected = spec.substring(spec.indexOf('|') + 1);
    MalformedJwtException e =
        malformed(craft(header, operatorPayload(OPERATOR, "h"), OPERATOR, false));
    assertAll(
        () -> assertEquals("header", e.part()),
        () -> assertTrue(e.getMessage().contains(expected), e.getMessage()),
        () -> assertTrue(e.getMessage().contains("header"), e.getMessage()));
  }

  // ------------------------------------------------------------------ signature (spec 1.3)

  @Test
  void decode_v1Payload_isVerifiedOverThePayloadOnly() {
    String v1 =
        "{\"jti\":\"X\",\"iat\":1700000000,\"iss\":\""
            + OPERATOR.publicKey()
            + "\",\"sub\":\""
            + OPERATOR.publicKey()
            + "\",\"type\":\"operator\",\"nats\":{}}";
    DecodedJwt<Claims> jwt = Jwt.decode(craft(V1_HEADER, v1, OPERATOR, true));
    assertTrue(jwt.isV1());
    assertEquals(1, jwt.claims().version());
    // The v1 header does not matter: the top-level type makes it v1.
    assertTrue(Jwt.decode(craft(V2_HEADER, v1, OPERATOR, true)).isV1());
    SignatureMismatchException e =
        assertThrows(
            SignatureMismatchException.class,
            () -> Jwt.decode(craft(V1_HEADER, v1, OPERATOR, false)));
    assertTrue(e.getMessage().contains("v1"), e.getMessage());
    assertEquals(OPERATOR.publicKey(), e.issuer());
  }

  @Test
  void decode_v2PayloadSignedV1Style_rejected() {
    String payload = operatorPayload(OPERATOR, "p");
    for (String header : List.of(V2_HEADER, V1_HEADER)) {
      SignatureMismatchException e =
          assertThrows(
              SignatureMismatchException.class,
              () -> Jwt.decode(craft(header, payload, OPERATOR, true)));
      assertFalse(e.getMessage().contains("v1"), e.getMessage());
      assertTrue(e.getMessage().contains(OPERATOR.publicKey()), e.getMessage());
    }
  }

  @Test
  void decode_signedByAnotherKeyThanIss_rejectedNamingTheIssuer() {
    String token = craft(V2_HEADER, operatorPayload(OPERATOR, "p"), OPERATOR_SIGNER, false);
    SignatureMismatchException e =
        assertThrows(SignatureMismatchException.class, () -> Jwt.decode(token));
    assertEquals(OPERATOR.publicKey(), e.issuer());
    assertTrue(e.getMessage().contains(OPERATOR.publicKey()), e.getMessage());
  }

  @Test
  void decode_signatureOfWrongLength_saysHowLong() {
    String[] s = operatorToken().split("\\.");
    SignatureMismatchException shorter =
        assertThrows(
            SignatureMismatchException.class,
            () -> Jwt.decode(s[0] + "." + s[1] + "." + s[2].substring(0, 84)));
    assertTrue(shorter.getMessage().contains("63 bytes"), shorter.getMessage());
    SignatureMismatchException empty =
        assertThrows(SignatureMismatchException.class, () -> Jwt.decode(s[0] + "." + s[1] + "."));
    assertTrue(empty.getMessage().contains("0 bytes"), empty.getMessage());
  }

  @Test
  void decode_issuerThatIsASeed_neverRepeatsTheSeed() {
    String seed = new String(ACCOUNT.seed());
    String payload =
        operatorPayload(OPERATOR, "p")
            .replace(OPERATOR.publicKey() + "\",\"name", seed + "\",\"name");
    assertTrue(payload.contains(seed));
    String token = craft(V2_HEADER, payload, ACCOUNT, false);
    SignatureMismatchException e =
        assertThrows(SignatureMismatchException.class, () -> Jwt.decode(token));
    assertAll(
        () -> assertFalse(e.getMessage().contains(seed)),
        () -> assertFalse(e.toString().contains(seed)),
        () -> assertEquals(SignatureMismatchException.REDACTED_SEED, e.issuer()),
        () -> assertTrue(e.getMessage().contains("seed"), e.getMessage()));
  }

  @Test
  void decode_issuerIsACurveKey_rejected() {
    String payload =
        operatorPayload(OPERATOR, "p")
            .replace(OPERATOR.publicKey() + "\",\"name", CURVE.publicKey() + "\",\"name");
    SignatureMismatchException e =
        assertThrows(
            SignatureMismatchException.class,
            () -> Jwt.decode(craft(V2_HEADER, payload, OPERATOR, false)));
    assertTrue(e.getMessage().contains("curve"), e.getMessage());
  }

  // ------------------------------------------------------------------ issuers and types (1.7, 4.1)

  @Test
  void decode_operatorIssuedByAccount_rejectedWithTypes() {
    String token = craft(V2_HEADER, operatorPayload(ACCOUNT, "p"), ACCOUNT, false);
    IssuerNotAllowedException e =
        assertThrows(IssuerNotAllowedException.class, () -> Jwt.decode(token));
    assertAll(
        () -> assertEquals(ClaimType.OPERATOR, e.claimType()),
        () -> assertEquals(NKeyType.ACCOUNT, e.issuerType()),
        () -> assertTrue(e.getMessage().contains(ACCOUNT.publicKey()), e.getMessage()),
        () ->
            assertTrue(
                e.getMessage().contains("operator claims cannot be issued by an account key"),
                e.getMessage()));
  }

  @Test
  void encode_signerTypeNotAllowed_rejectedBeforeSigning() {
    OperatorClaims claims = OperatorClaims.builder(OPERATOR.publicKey()).build();
    IssuerNotAllowedException e =
        assertThrows(IssuerNotAllowedException.class, () -> Jwt.encode(claims, ACCOUNT, CLOCK));
    assertEquals(NKeyType.ACCOUNT, e.issuerType());
  }

  @Test
  void encode_subjectMissingOrOfWrongType_rejected() {
    assertThrows(
        InvalidClaimsException.class,
        () -> Jwt.encode(OperatorClaims.builder("").build(), OPERATOR, CLOCK));
    InvalidClaimsException e =
        assertThrows(
            InvalidClaimsException.class,
            () -> Jwt.encode(OperatorClaims.builder(ACCOUNT.publicKey()).build(), OPERATOR, CLOCK));
    assertTrue(e.getMessage().contains("operator public key"), e.getMessage());
  }

  @Test
  void encode_stampsIssuerIssueTimeVersionAndJti_leavingTheInputAlone() {
    OperatorClaims claims =
        OperatorClaims.builder(OPERATOR.publicKey())
            .name("stamped")
            .issuer("ignored")
            .issuedAt(Instant.ofEpochSecond(5))
            .build();
    // Signed by a signing key: iss is the signer, not the subject.
    String token = Jwt.encode(claims, OPERATOR_SIGNER, CLOCK);
    Claims decoded = Jwt.decode(token).claims();
    String jtiInput =
        "{\"iat\":1700000000,\"iss\":\""
            + OPERATOR_SIGNER.publicKey()
            + "\",\"name\":\"stamped\",\"sub\":\""
            + OPERATOR.publicKey()
            + "\"}";
    assertAll(
        () -> assertEquals(OPERATOR_SIGNER.publicKey(), decoded.issuer()),
        () -> assertEquals(IAT, decoded.issuedAt().orElseThrow()),
        () -> assertEquals(2, decoded.version()),
        () -> assertEquals(JwtTestData.jtiOf(jtiInput), decoded.id()),
        () -> assertTrue(token.startsWith("eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.")),
        () -> assertEquals("ignored", claims.issuer()),
        () -> assertEquals(5, claims.issuedAtSeconds()),
        () -> assertEquals("", claims.id()));
  }

  @Test
  void decode_typed_returnsTheClassOrThrowsTypeMismatch() {
    String token = operatorToken();
    DecodedJwt<OperatorClaims> op = Jwt.decode(token, OperatorClaims.class);
    assertEquals("op", op.claims().name());
    DecodedJwt<Claims> any = Jwt.decode(token, Claims.class);
    assertInstanceOf(OperatorClaims.class, any.claims());
  }

  @Test
  void decode_typedAsAnotherClaimType_throwsTypeMismatchNamingBoth() {
    String token = operatorToken();
    Map<Class<? extends Claims>, String> asked =
        Map.of(
            AccountClaims.class, "account",
            UserClaims.class, "user",
            ActivationClaims.class, "activation",
            AuthorizationRequestClaims.class, "authorization_request",
            AuthorizationResponseClaims.class, "authorization_response",
            GenericClaims.class, "generic");
    for (Map.Entry<Class<? extends Claims>, String> a : asked.entrySet()) {
      ClaimTypeMismatchException e =
          assertThrows(ClaimTypeMismatchException.class, () -> Jwt.decode(token, a.getKey()));
      assertAll(
          () -> assertEquals(a.getValue(), e.expected()),
          () -> assertEquals(ClaimType.OPERATOR, e.found()),
          () ->
              assertEquals(
                  "expected a token with " + a.getValue() + " claims, but it holds operator claims",
                  e.getMessage()));
    }
  }

  @Test
  void decode_payloadFieldOfWrongType_namesTheField() {
    String payload =
        operatorPayload(OPERATOR, "p").replace("\"iat\":1700000000", "\"iat\":\"1700000000\"");
    MalformedJwtException e = malformed(craft(V2_HEADER, payload, OPERATOR, false));
    assertAll(
        () -> assertEquals("payload.iat", e.part()),
        () -> assertInstanceOf(ClaimsFormatException.class, e.getCause()),
        () -> assertEquals("iat", ((ClaimsFormatException) e.getCause()).field()),
        () -> assertTrue(e.getMessage().contains("iat"), e.getMessage()));
    MalformedJwtException nested =
        malformed(
            craft(
                V2_HEADER,
                operatorPayload(OPERATOR, "p").replace("\"version\":2", "\"version\":\"2\""),
                OPERATOR,
                false));
    assertEquals("payload.nats.version", nested.part());
    assertTrue(nested.getMessage().contains("nats.version"), nested.getMessage());
  }

  @Test
  void decode_versionNewerOrMissing_rejectedNamingTheVersion() {
    MalformedJwtException newer =
        malformed(
            craft(
                V2_HEADER,
                operatorPayload(OPERATOR, "p").replace("\"version\":2", "\"version\":3"),
                OPERATOR,
                false));
    assertEquals("payload.nats.version", newer.part());
    assertTrue(newer.getMessage().contains("newer version"), newer.getMessage());
    MalformedJwtException missing =
        malformed(
            craft(
                V2_HEADER,
                operatorPayload(OPERATOR, "p").replace(",\"version\":2", ""),
                OPERATOR,
                false));
    assertEquals("payload.nats.version", missing.part());
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
  }

  // ------------------------------------------------------------------ isSignedBy and toString

  @Test
  void isSignedBy_comparesWithTheVerifiedIssuer() {
    OperatorClaims claims =
        OperatorClaims.builder(OPERATOR.publicKey())
            .addSigningKeys(OPERATOR_SIGNER.publicKey())
            .build();
    DecodedJwt<Claims> self = Jwt.decode(Jwt.encode(claims, OPERATOR, CLOCK));
    DecodedJwt<Claims> bySigner = Jwt.decode(Jwt.encode(claims, OPERATOR_SIGNER, CLOCK));
    assertAll(
        () -> assertTrue(self.isSignedBy(OPERATOR.publicKey())),
        () -> assertFalse(self.isSignedBy(OPERATOR_SIGNER.publicKey())),
        () -> assertTrue(bySigner.isSignedBy(OPERATOR_SIGNER.publicKey())),
        () -> assertFalse(bySigner.isSignedBy(OPERATOR.publicKey())),
        () -> assertFalse(bySigner.isSignedBy("")),
        () ->
            assertFalse(
                bySigner.isSignedBy(
                    OPERATOR_SIGNER.publicKey().toLowerCase(java.util.Locale.ROOT))),
        () -> assertThrows(NullPointerException.class, () -> self.isSignedBy(null)));
  }

  @Test
  void toString_ofDecodedJwtAndClaims_neverContainsTheToken() {
    String token = operatorToken();
    DecodedJwt<Claims> jwt = Jwt.decode(token);
    String[] s = token.split("\\.");
    for (String text : List.of(jwt.toString(), jwt.claims().toString(), jwt.header().toString())) {
      assertFalse(text.contains(token));
      assertFalse(text.contains(s[1]));
      assertFalse(text.contains(s[2]));
    }
    assertTrue(jwt.toString().contains(OPERATOR.publicKey()));
  }

  @Test
  void toString_ofClaimsCarryingTokensOrSecrets_repeatsNoneOfThem() {
    NKey user = key(NKeyType.USER, "user");
    NKey server = key(NKeyType.SERVER, "server");
    String userToken = Jwt.encode(UserClaims.builder(user.publicKey()).build(), ACCOUNT, CLOCK);
    String pass = "s3cr3t-pass";
    String authToken = "s3cr3t-token";
    String sig = "s3cr3t-sig";
    AuthorizationRequestClaims request =
        AuthorizationRequestClaims.builder(user.publicKey())
            .userNkey(user.publicKey())
            .connectOptions(
                new ConnectOptions(
                    userToken, user.publicKey(), sig, authToken, "u", pass, "n", "java", "1", 1))
            .build();
    AuthorizationResponseClaims response =
        AuthorizationResponseClaims.builder(user.publicKey())
            .audience(server.publicKey())
            .jwt(userToken)
            .build();
    AccountClaims account =
        AccountClaims.builder(ACCOUNT.publicKey())
            .addImports(
                Import.stream(key(NKeyType.ACCOUNT, "exporter").publicKey(), "a.>")
                    .token(userToken)
                    .build())
            .build();
    List<String> tokens =
        List.of(
            Jwt.encode(request, server, CLOCK),
            Jwt.encode(response, ACCOUNT, CLOCK),
            Jwt.encode(account, OPERATOR, CLOCK));
    for (String token : tokens) {
      DecodedJwt<Claims> jwt = Jwt.decode(token);
      String[] s = token.split("\\.");
      for (String text : List.of(jwt.toString(), jwt.claims().toString())) {
        for (String secret : List.of(token, s[1], s[2], userToken, pass, authToken, sig)) {
          assertFalse(text.contains(secret), text);
        }
      }
    }
    for (String secret : List.of(userToken, pass, authToken, sig)) {
      assertFalse(request.toString().contains(secret));
      assertFalse(request.connectOptions().toString().contains(secret));
      assertFalse(account.imports().get(0).toString().contains(secret));
    }
  }

  @Test
  void decode_errorMessages_neverContainTheToken() {
    String token = operatorToken();
    String[] s = token.split("\\.");
    List<String> bad =
        List.of(
            token + ".x",
            s[0] + "=." + s[1] + "." + s[2],
            s[0] + "." + s[1] + "." + s[2].substring(1),
            craft(V2_HEADER, operatorPayload(ACCOUNT, "p"), ACCOUNT, false));
    for (String b : bad) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> Jwt.decode(b));
      assertFalse(e.getMessage().contains(s[1]), e.getMessage());
      assertFalse(e.getMessage().contains(s[2].substring(1)), e.getMessage());
    }
  }

  @Test
  void decode_nullArguments_rejected() {
    assertThrows(NullPointerException.class, () -> Jwt.decode(null));
    assertThrows(NullPointerException.class, () -> Jwt.decode(operatorToken(), null));
  }
}
