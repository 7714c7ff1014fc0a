package io.github.natsjwt.creds;

import static io.github.natsjwt.creds.CredsVectors.assertNoSeed;
import static io.github.natsjwt.creds.CredsVectors.bytes;
import static io.github.natsjwt.creds.CredsVectors.creds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredsFormatTest {
  // The format of spec claims.md section 5.1, written out by hand.
  private static final String SEED_TEMPLATE =
      "************************* IMPORTANT *************************\n"
          + "NKEY Seed printed below can be used to sign and prove identity.\n"
          + "NKEYs are sensitive and should be treated as secrets.\n"
          + "\n"
          + "-----BEGIN %1$s NKEY SEED-----\n"
          + "%2$s\n"
          + "------END %1$s NKEY SEED------\n"
          + "\n"
          + "*************************************************************\n";

  private static final String JWT_TEMPLATE =
      "-----BEGIN NATS %1$s JWT-----\n%2$s\n------END NATS %1$s JWT------\n\n";

  static Stream<Arguments> decoratableJwts() {
    return CredsVectors.jwtVectors().stream()
        .filter(v -> !v.get("claim_type").asText().equals("generic"))
        .filter(v -> !v.get("name").asText().startsWith("crafted_"))
        .map(v -> Arguments.of(v.get("name").asText(), v));
  }

  private static String text(String file) {
    return new String(bytes(file), StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decoratableJwts")
  void decorateJwt_vector_namesItsClaimTypeUpperCased(String name, JsonNode v) {
    String jwt = v.get("jwt").asText();
    String kind = v.get("claim_type").asText().toUpperCase(java.util.Locale.ROOT);

    assertEquals(String.format(JWT_TEMPLATE, kind, jwt), CredsFormat.decorateJwt(jwt));
  }

  @Test
  void decorateJwt_userJwt_equalsTheStartOfTheReferenceCredsFile() {
    String jwt = creds("standard.creds").get("expected_jwt").asText();

    String decorated = CredsFormat.decorateJwt(jwt);

    assertTrue(text("standard.creds").startsWith(decorated));
    assertEquals(text("standard.creds").indexOf("*****"), decorated.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"generic_custom_type", "v1_generic"})
  void decorateJwt_genericClaims_throwsGenericJwt(String name) {
    String jwt = CredsVectors.jwt(name).get("jwt").asText();

    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> CredsFormat.decorateJwt(jwt));

    assertEquals(CredsErrorCode.GENERIC_JWT, e.code());
    assertEquals(String.format(CredsFormatException.GENERIC_JWT, "decorated JWT"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a jwt", "a.b.c"})
  void decorateJwt_notAJwt_throwsInvalidJwt(String jwt) {
    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> CredsFormat.decorateJwt(jwt));

    assertEquals(CredsErrorCode.INVALID_JWT, e.code());
  }

  @Test
  void decorateJwt_malformed_hasTheJwtExceptionAsCause() {
    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> CredsFormat.decorateJwt("a.b.c"));

    assertInstanceOf(MalformedJwtException.class, e.getCause());
  }

  @ParameterizedTest
  @CsvSource({
    "operator_self_signed_minimal, issuer_seed, OPERATOR",
    "account_minimal, subject_seed, ACCOUNT",
    "user_minimal, subject_seed, USER"
  })
  void decorateSeed_operatorAccountUser_matchesTheSpecFormat(
      String vector, String field, String kind) {
    String seed = CredsVectors.jwt(vector).get(field).asText();

    char[] out = CredsFormat.decorateSeed(seed.toCharArray());

    assertEquals(String.format(SEED_TEMPLATE, kind, seed), new String(out));
    try (NKey key = NKey.fromSeed(seed)) {
      assertEquals(
          String.format(SEED_TEMPLATE, kind, seed), new String(CredsFormat.decorateSeed(key)));
    }
  }

  @Test
  void decorateSeed_userSeed_equalsTheEndOfTheReferenceCredsFile() {
    String seed = creds("standard.creds").get("expected_seed").asText();

    char[] out = CredsFormat.decorateSeed((" \t" + seed + "\r\n").toCharArray());

    assertTrue(text("standard.creds").endsWith(new String(out)));
  }

  @Test
  void decorateSeed_callerArray_isNotChanged() {
    char[] seed = creds("standard.creds").get("expected_seed").asText().toCharArray();
    char[] copy = seed.clone();

    CredsFormat.decorateSeed(seed);

    assertTrue(Arrays.equals(copy, seed));
  }

  @Test
  void decorateSeed_serverSeed_throwsWrongSeedType() {
    // Go: "seed is not an operator, account or user seed".
    try (NKey server = NKey.generate(NKeyType.SERVER)) {
      char[] seed = server.seed();

      CredsFormatException e =
          assertThrows(CredsFormatException.class, () -> CredsFormat.decorateSeed(seed));

      assertEquals(CredsErrorCode.WRONG_SEED_TYPE, e.code());
      assertEquals(
          String.format(
              CredsFormatException.NOT_DECORATABLE_SEED, "decorated seed", "a server", "N"),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "S", "SU", "  SUAB  "})
  void decorateSeed_tooShortOrInvalid_throwsInvalidSeed(String seed) {
    // Go: "seed is too short" for fewer than 2 characters; it does not check the rest.
    CredsFormatException e =
        assertThrows(
            CredsFormatException.class, () -> CredsFormat.decorateSeed(seed.toCharArray()));

    assertEquals(CredsErrorCode.INVALID_SEED, e.code());
    assertInstanceOf(InvalidNKeyException.class, e.getCause());
  }

  @Test
  void decorateSeed_publicKey_throwsInvalidSeed() {
    NKey pub = NKey.fromPublicKey(creds("standard.creds").get("expected_user_public_key").asText());

    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> CredsFormat.decorateSeed(pub));

    assertEquals(CredsErrorCode.INVALID_SEED, e.code());
  }

  @Test
  void parseJwt_jwtOnlyFile_givesTheJwt() {
    JsonNode c = creds("jwt_only.creds");

    assertEquals(c.get("expected_jwt").asText(), CredsFormat.parseJwt(bytes("jwt_only.creds")));
  }

  @Test
  void parseJwt_decoratedAccountJwt_givesItBack() {
    String jwt = CredsVectors.jwt("account_full").get("jwt").asText();

    assertEquals(jwt, CredsFormat.parseJwt(CredsFormat.decorateJwt(jwt).toCharArray()));
  }

  @Test
  void parseSeed_accountSeedCreds_givesTheAccountKey() {
    try (NKey key = CredsFormat.parseSeed(bytes("account_seed.creds"))) {
      assertEquals(NKeyType.ACCOUNT, key.type());
    }
  }

  @ParameterizedTest
  @CsvSource({
    "operator_self_signed_minimal, issuer_seed",
    "account_minimal, subject_seed",
    "user_minimal, subject_seed"
  })
  void parseSeed_decoratedSeed_roundTrips(String vector, String field) {
    String seed = CredsVectors.jwt(vector).get(field).asText();

    try (NKey key = CredsFormat.parseSeed(CredsFormat.decorateSeed(seed.toCharArray()))) {
      assertEquals(seed, new String(key.seed()));
    }
  }

  @Test
  void parseSeed_bareServerSeed_throwsWrongSeedType() {
    // Go: "doesn't contain a seed nkey" (its line scan only looks for SO, SA and SU).
    try (NKey server = NKey.generate(NKeyType.SERVER)) {
      char[] seed = server.seed();

      CredsFormatException e =
          assertThrows(CredsFormatException.class, () -> CredsFormat.parseSeed(seed));

      assertEquals(CredsErrorCode.WRONG_SEED_TYPE, e.code());
      assertEquals(java.util.OptionalInt.of(1), e.line());
      assertNoSeed(e.getMessage());
    }
  }

  @Test
  void parseSeed_noSeed_throwsNoSeed() {
    CredsFormatException e =
        assertThrows(
            CredsFormatException.class, () -> CredsFormat.parseSeed(bytes("jwt_only.creds")));

    assertEquals(CredsErrorCode.NO_SEED, e.code());
  }
}
