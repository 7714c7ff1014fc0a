package io.github.natsjwt.nkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.testing.TestData;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key types against the prefix table of the vector file (spec section 1). */
class NKeyTypeTest {

  static Stream<Arguments> prefixes() {
    return StreamSupport.stream(TestData.nkeyVectors().get("prefixes").spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.get("type").asText(), v)));
  }

  /** The vector file names the curve type "curve"; Go's String() says "x25519". */
  private static Optional<NKeyType> typeOf(JsonNode v) {
    return v.get("public").asBoolean()
        ? Optional.of(NKeyType.ofName(v.get("type").asText()).orElseThrow())
        : Optional.empty();
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void prefixByte_vectorTable_matchesValueAndLetter(JsonNode v) {
    int value = v.get("value").asInt();
    char letter = v.get("first_char").asText().charAt(0);
    assertEquals(value, Integer.decode(v.get("hex").asText()));
    Optional<NKeyType> type = typeOf(v);

    assertEquals(type, NKeyType.ofPrefixByte(value));
    assertEquals(type, NKeyType.ofLetter(letter));
    type.ifPresent(
        t -> {
          assertEquals(value, t.prefixByte());
          assertEquals(letter, t.letter());
        });
  }

  @Test
  void values_vectorTable_listsExactlyThePublicTypes() {
    Set<NKeyType> fromVectors =
        prefixes()
            .map(a -> (JsonNode) ((Named<?>) a.get()[0]).getPayload())
            .map(NKeyTypeTest::typeOf)
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(NKeyType.class)));

    assertEquals(EnumSet.allOf(NKeyType.class), fromVectors);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void fromRawSeed_eachType_seedStartsWithSAndTypeLetter(JsonNode v) {
    Optional<NKeyType> type = typeOf(v);
    if (type.isEmpty()) {
      return;
    }
    try (NKey key = NKey.fromRawSeed(type.get(), new byte[32])) {
      String seed = new String(key.seed());
      assertEquals("S" + v.get("first_char").asText(), seed.substring(0, 2));
      assertEquals(v.get("first_char").asText(), key.publicKey().substring(0, 1));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "operator, OPERATOR",
    "account, ACCOUNT",
    "user, USER",
    "server, SERVER",
    "cluster, CLUSTER",
    "curve, CURVE",
    "x25519, CURVE",
    "xkey, CURVE",
    "USER, USER",
    "Account, ACCOUNT",
    "'  server ', SERVER",
    "X25519, CURVE"
  })
  void ofName_knownName_findsType(String name, NKeyType expected) {
    assertEquals(Optional.of(expected), NKeyType.ofName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "seed", "private", "unknown", "users", "ed25519", "u", "X"})
  void ofName_unknownName_isEmpty(String name) {
    assertEquals(Optional.empty(), NKeyType.ofName(name));
  }

  @Test
  void ofName_null_throwsNullPointer() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> NKeyType.ofName(null));
    assertEquals("name", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(chars = {'S', 'P', 'Z', 'B', 'a', 'u', '2'})
  void ofLetter_notATypeLetter_isEmpty(char letter) {
    assertEquals(Optional.empty(), NKeyType.ofLetter(letter));
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x08, 0x90, 0x95, 0x78, 0xA1, 0xC8, 0xFF, -1, 256})
  void ofPrefixByte_notAPublicPrefix_isEmpty(int prefix) {
    assertEquals(Optional.empty(), NKeyType.ofPrefixByte(prefix));
  }

  @Test
  void isSigningType_everyType_trueExceptCurve() {
    for (NKeyType t : NKeyType.values()) {
      assertEquals(t != NKeyType.CURVE, t.isSigningType(), t.name());
    }
  }

  static Stream<Arguments> publicKeys() {
    JsonNode v = TestData.nkeyVectors();
    Map<String, NKeyType> keys = new LinkedHashMap<>();
    for (JsonNode e : v.get("ed25519")) {
      keys.put(e.get("public_key").asText(), NKeyType.ofName(e.get("type").asText()).orElseThrow());
    }
    for (JsonNode e : v.get("curve").get("keys")) {
      keys.put(e.get("public_key").asText(), NKeyType.CURVE);
    }
    return keys.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest
  @MethodSource("publicKeys")
  void isValidPublicKey_vectorKey_trueOnlyForItsType(String publicKey, NKeyType type) {
    for (NKeyType t : NKeyType.values()) {
      assertEquals(t == type, t.isValidPublicKey(publicKey), t.name());
    }
    assertEquals(Optional.of(type), NKey.detectPublicKeyType(publicKey));
    assertTrue(NKey.isValidPublicKey(publicKey));
  }

  @ParameterizedTest
  @MethodSource("publicKeys")
  void isValidPublicKey_vectorKeyAltered_falseForEveryType(String publicKey, NKeyType type) {
    String altered =
        publicKey.substring(0, 20)
            + (publicKey.charAt(20) == 'A' ? 'B' : 'A')
            + publicKey.substring(21);

    for (NKeyType t : NKeyType.values()) {
      assertFalse(t.isValidPublicKey(altered), t.name());
    }
    assertEquals(Optional.empty(), NKey.detectPublicKeyType(altered));
    assertFalse(NKey.isValidPublicKey(altered));
  }
}
