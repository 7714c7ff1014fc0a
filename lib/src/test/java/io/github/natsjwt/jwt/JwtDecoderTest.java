package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.testing.AdversarialTokens;
import io.github.natsjwt.testing.JwtTestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JwtDecoder}: a decoder that remembers verified tokens gives, on the first and on every
 * later call, exactly the outcome of {@link Jwt#decode(String, Class)}, for every Go vector and
 * every invalid case; and a token that differs anywhere is never taken for a remembered one.
 */
class JwtDecoderTest {
  private static final NKey ACCOUNT = seeded(NKeyType.ACCOUNT, 1);
  private static final NKey USER = seeded(NKeyType.USER, 2);

  private static NKey seeded(NKeyType type, int b) {
    byte[] raw = new byte[NKey.KEY_BYTES];
    raw[0] = (byte) b;
    return NKey.fromRawSeed(type, raw);
  }

  /** A decoder that remembers the tokens {@link #ACCOUNT} signs. */
  private static JwtDecoder cachingAccount(int entries) {
    return JwtDecoder.builder()
        .verifiedTokenCacheSize(entries)
        .cacheOnlyIssuers(List.of(ACCOUNT.publicKey()))
        .build();
  }

  private static String userToken() {
    return Jwt.encode(UserClaims.builder(USER.publicKey()).name("alice").build(), ACCOUNT);
  }

  /** The outcome of a decode: the payload read, or the exception type and message. */
  private static String outcome(JwtDecoder decoder, String token) {
    try {
      DecodedJwt<Claims> d = decoder == null ? Jwt.decode(token) : decoder.decode(token);
      return "ok " + d.claims().type() + " " + d.payloadJson() + " " + d.headerJson();
    } catch (NatsJwtException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  @Test
  void decode_everyVectorTwiceWithCache_sameOutcomeAsJwtDecode() {
    JwtDecoder decoder = JwtDecoder.builder().verifiedTokenCacheSize(1000).cacheAnyIssuer().build();
    int tokens = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (JsonNode v : JwtTestData.validVectors()) {
        for (String field : List.of("jwt")) {
          if (v.hasNonNull(field)) {
            String token = v.get(field).asText();
            assertEquals(outcome(null, token), outcome(decoder, token), v.get("name").asText());
            tokens++;
          }
        }
      }
      for (JsonNode c : JwtTestData.invalidCases()) {
        if (c.hasNonNull("jwt")) {
          String token = c.get("jwt").asText();
          assertEquals(outcome(null, token), outcome(decoder, token), c.get("name").asText());
          tokens++;
        }
      }
    }
    assertEquals(true, tokens > 100, "vectors read: " + tokens);
    assertEquals(true, decoder.cachedTokens() > 30, "cached: " + decoder.cachedTokens());
  }

  @Test
  void decode_afterLargerTokensOnTheSameThread_sameOutcomesAsOnAFreshThread() throws Exception {
    // Decoding reuses per-thread buffers; what a longer token left in them must never leak into
    // the next one: every vector and invalid case decodes as on a thread that decoded nothing.
    String large =
        Jwt.encode(
            UserClaims.builder(USER.publicKey()).name("{\"x\":1,".repeat(500)).build(), ACCOUNT);
    List<String> tokens = new java.util.ArrayList<>();
    for (JsonNode v : JwtTestData.validVectors()) {
      tokens.add(v.get("jwt").asText());
    }
    for (JsonNode c : JwtTestData.invalidCases()) {
      if (c.hasNonNull("jwt")) {
        tokens.add(c.get("jwt").asText());
      }
    }
    // Payloads cut short, so that the JSON ends where the previous token's bytes go on.
    String token = userToken();
    int dot1 = token.indexOf('.');
    int dot2 = token.lastIndexOf('.');
    for (int cut = dot1 + 2; cut < dot2; cut += 7) {
      tokens.add(token.substring(0, cut) + token.substring(dot2));
    }
    for (String t : tokens) {
      String[] fresh = new String[1];
      Thread th = new Thread(() -> fresh[0] = outcome(null, t));
      th.start();
      th.join();
      outcome(null, large);
      assertEquals(fresh[0], outcome(null, t), t);
    }
  }

  @Test
  void decode_sameTokenTwice_secondIsTheRememberedResult() {
    JwtDecoder decoder = cachingAccount(10);
    String token = userToken();
    DecodedJwt<UserClaims> first = decoder.decode(token, UserClaims.class);
    // A distinct but equal string, as a token read again from the network would be.
    DecodedJwt<UserClaims> second =
        decoder.decode(new String(token.toCharArray()), UserClaims.class);
    assertSame(first, second);
    assertEquals(1, decoder.cachedTokens());
  }

  @Test
  void decode_withoutCache_decodesAfresh() {
    JwtDecoder decoder = JwtDecoder.builder().build();
    String token = userToken();
    assertNotSame(decoder.decode(token), decoder.decode(token));
    assertEquals(0, decoder.cachedTokens());
  }

  @Test
  void decode_rememberedTokenWithLastCharacterChanged_signatureStillChecked() {
    JwtDecoder decoder = cachingAccount(10);
    String token = userToken();
    decoder.decode(token);
    // The last character carries only the signature's last bits: same prefix, same length.
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'Q' : 'A');
    assertThrows(SignatureMismatchException.class, () -> decoder.decode(altered));
    assertEquals(1, decoder.cachedTokens());
  }

  @Test
  void decode_rememberedTokenAsOtherType_throwsClaimTypeMismatch() {
    JwtDecoder decoder = cachingAccount(10);
    String token = userToken();
    decoder.decode(token, UserClaims.class);
    ClaimTypeMismatchException e =
        assertThrows(
            ClaimTypeMismatchException.class, () -> decoder.decode(token, AccountClaims.class));
    ClaimTypeMismatchException fresh =
        assertThrows(
            ClaimTypeMismatchException.class, () -> Jwt.decode(token, AccountClaims.class));
    assertEquals(fresh.getMessage(), e.getMessage());
  }

  @Test
  void decode_failingToken_notRemembered() {
    JwtDecoder decoder = cachingAccount(10);
    String token = userToken();
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(86);
    for (int i = 0; i < 3; i++) {
      assertThrows(SignatureMismatchException.class, () -> decoder.decode(forged));
    }
    assertEquals(0, decoder.cachedTokens());
  }

  @Test
  void decode_moreTokensThanEntries_keepsAtMostTheSize() {
    JwtDecoder decoder = cachingAccount(3);
    for (int i = 0; i < 10; i++) {
      String token =
          Jwt.encode(UserClaims.builder(USER.publicKey()).name("user " + i).build(), ACCOUNT);
      assertInstanceOf(UserClaims.class, decoder.decode(token).claims());
    }
    assertEquals(3, decoder.cachedTokens());
  }

  @Test
  void decode_tokenChargedMoreThanTheBudget_decodedButNotRemembered() {
    // One entry's budget is 16 KiB; a token of 1,000 characters is charged 4,096 + 24 per
    // character, more than that.
    JwtDecoder decoder = cachingAccount(1);
    String name = "x".repeat(1000);
    String token = Jwt.encode(UserClaims.builder(USER.publicKey()).name(name).build(), ACCOUNT);
    assertEquals(name, decoder.decode(token, UserClaims.class).claims().name());
    assertEquals(0, decoder.cachedTokens());
  }

  @Test
  void decode_tokenOver256KiB_decodedButNotRemembered() {
    JwtDecoder decoder = cachingAccount(1000);
    String name = "x".repeat(256 * 1024);
    String token = Jwt.encode(UserClaims.builder(USER.publicKey()).name(name).build(), ACCOUNT);
    assertEquals(name, decoder.decode(token, UserClaims.class).claims().name());
    assertEquals(0, decoder.cachedTokens());
  }

  @Test
  void decode_issuerNotAmongCachedIssuers_decodedEveryTimeNotRemembered() {
    NKey stranger = seeded(NKeyType.ACCOUNT, 3);
    JwtDecoder decoder = cachingAccount(10);
    String token = Jwt.encode(UserClaims.builder(USER.publicKey()).build(), stranger);
    assertNotSame(decoder.decode(token), decoder.decode(token));
    assertEquals(0, decoder.cachedTokens());
    assertEquals(0, decoder.cachedTokens(stranger.publicKey()));
  }

  @Test
  void decode_cacheAnyIssuer_remembersAStrangersToken() {
    NKey stranger = seeded(NKeyType.ACCOUNT, 3);
    JwtDecoder decoder = JwtDecoder.builder().verifiedTokenCacheSize(10).cacheAnyIssuer().build();
    String token = Jwt.encode(UserClaims.builder(USER.publicKey()).build(), stranger);
    assertSame(decoder.decode(token), decoder.decode(token));
    assertEquals(1, decoder.cachedTokens(stranger.publicKey()));
  }

  @Test
  void decode_genericClaims_neverRemembered() {
    JwtDecoder decoder = JwtDecoder.builder().verifiedTokenCacheSize(10).cacheAnyIssuer().build();
    String token =
        AdversarialTokens.sign(
            "{\"jti\":\"J\",\"iat\":1700000000,\"iss\":\""
                + ACCOUNT.publicKey()
                + "\",\"sub\":\"x\",\"nats\":{\"type\":\"generic\",\"version\":2,"
                + "\"data\":{\"a\":[[[]]]}}}",
            ACCOUNT);
    assertInstanceOf(GenericClaims.class, decoder.decode(token).claims());
    assertNotSame(decoder.decode(token), decoder.decode(token));
    assertEquals(0, decoder.cachedTokens());
  }

  @Test
  void decode_floodFromOneIssuer_anotherIssuersTokensStay() {
    NKey other = seeded(NKeyType.ACCOUNT, 4);
    JwtDecoder decoder =
        JwtDecoder.builder()
            .verifiedTokenCacheSize(10)
            .cacheOnlyIssuers(List.of(ACCOUNT.publicKey(), other.publicKey()))
            .build();
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      kept.add(Jwt.encode(UserClaims.builder(USER.publicKey()).name("o" + i).build(), other));
      decoder.decode(kept.get(i));
    }
    for (int i = 0; i < 200; i++) {
      decoder.decode(
          Jwt.encode(UserClaims.builder(USER.publicKey()).name("f" + i).build(), ACCOUNT));
    }
    // Four entries are less than an equal share (5 of 10): the flood cycles through its own.
    assertEquals(4, decoder.cachedTokens(other.publicKey()));
    assertEquals(6, decoder.cachedTokens(ACCOUNT.publicKey()));
    for (String t : kept) {
      DecodedJwt<Claims> first = decoder.decode(t);
      assertSame(first, decoder.decode(new String(t.toCharArray())));
    }
  }

  @Test
  void build_sizeWithoutIssuerChoice_throwsIllegalState() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> JwtDecoder.builder().verifiedTokenCacheSize(10).build());
    assertEquals(
        "verifiedTokenCacheSize is 10 but no issuers to remember tokens of: call"
            + " cacheOnlyIssuers(...) with the keys you trust, or cacheAnyIssuer() to remember"
            + " every issuer's tokens",
        e.getMessage());
  }

  @Test
  void cacheOnlyIssuers_seedInsteadOfPublicKey_throwsWithoutRepeatingIt() {
    String seed = new String(USER.seed());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JwtDecoder.builder().cacheOnlyIssuers(List.of(ACCOUNT.publicKey(), seed)));
    assertEquals(
        "cacheOnlyIssuers: key #1 is not a valid public key; pass the issuers' public keys (A..."
            + " or O...)",
        e.getMessage());
  }

  @Test
  void cacheMemoryBound_isEntriesTimesBytesPerEntry() {
    assertEquals(10L * 16 * 1024, cachingAccount(10).cacheMemoryBound());
    assertEquals(0, JwtDecoder.builder().build().cacheMemoryBound());
  }

  @Test
  void decode_oversizedTokenWithCap_malformedAndWithoutCap_decoded() {
    String token =
        Jwt.encode(
            UserClaims.builder(USER.publicKey()).name("x".repeat(Jwt.MAX_TOKEN_BYTES)).build(),
            ACCOUNT,
            java.time.Clock.systemUTC(),
            4 << 20);
    JwtDecoder capped = cachingAccount(10);
    assertThrows(MalformedJwtException.class, () -> capped.decode(token));
    // Without the server's cap the decoder's own bound still holds until it is raised.
    JwtDecoder bounded = JwtDecoder.builder().withoutSizeCap().build();
    MalformedJwtException e =
        assertThrows(MalformedJwtException.class, () -> bounded.decode(token));
    assertTrue(e.getMessage().contains("maxTokenBytes"), e.getMessage());
    JwtDecoder uncapped = JwtDecoder.builder().withoutSizeCap().maxTokenBytes(4 << 20).build();
    assertEquals(USER.publicKey(), uncapped.decode(token).claims().subject());
  }

  @Test
  void builder_negativeSize_throws() {
    assertThrows(
        IllegalArgumentException.class, () -> JwtDecoder.builder().verifiedTokenCacheSize(-1));
  }
}
