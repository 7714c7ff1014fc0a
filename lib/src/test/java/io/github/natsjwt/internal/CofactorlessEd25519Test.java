package io.github.natsjwt.internal;

import static io.github.natsjwt.testing.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.testing.TestData;
import io.github.natsjwt.testing.ThirdPartyData;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The exact (cofactorless) Ed25519 path used for keys outside the prime-order subgroup. */
class CofactorlessEd25519Test {
  private static final String SPECCHECK = "ed25519-speccheck/cases.json";

  /** Little-endian encodings; p = 2^255 - 19. */
  @ParameterizedTest
  @CsvSource({
    "0100000000000000000000000000000000000000000000000000000000000000, true, y = 1",
    "0100000000000000000000000000000000000000000000000000000000000080, false, y = 1 with sign",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, true, y = p - 1",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, false, y = p - 1 with sign",
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, false, y = p",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, false, y = p + 1",
    "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, false, y = 2^255 - 1",
    "ebffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff, true, y = p - 2 with sign",
    "0000000000000000000000000000000000000000000000000000000000000080, true, y = 0 with sign",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, true, RFC 8032 TEST 1 key"
  })
  void isCanonical_encoding_matchesRfc8032Decoding(
      String encoding, boolean canonical, String what) {
    byte[] framed = new byte[40];
    System.arraycopy(hex(encoding), 0, framed, 5, 32);

    assertEquals(canonical, CofactorlessEd25519.isCanonical(hex(encoding), 0), what);
    assertEquals(canonical, CofactorlessEd25519.isCanonical(framed, 5), what + " at offset 5");
  }

  static Stream<Arguments> goEd25519Vectors() {
    return StreamSupport.stream(TestData.nkeyVectors().get("ed25519").spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.get("public_key").asText(), v)));
  }

  @ParameterizedTest
  @MethodSource("goEd25519Vectors")
  void verify_goVector_acceptsAndRejectsTampering(JsonNode v) {
    byte[] publicKey = hex(v.get("public_key_raw_hex").asText());
    byte[] message = hex(v.get("message_hex").asText());
    byte[] signature = hex(v.get("signature_hex").asText());

    assertTrue(CofactorlessEd25519.verify(publicKey, message, signature));
    signature[3] ^= 0x04;
    assertFalse(CofactorlessEd25519.verify(publicKey, message, signature));
  }

  static Stream<Arguments> specCheck() {
    JsonNode cases = TestData.thirdPartyJson(SPECCHECK);
    return IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(i, cases.get(i)));
  }

  /** Go's verdicts: accepts 0-3 and 11. Case 11's key is not canonical; NKey refuses it first. */
  @ParameterizedTest(name = "case {0}")
  @MethodSource("specCheck")
  @ThirdPartyData(SPECCHECK)
  void verify_specCheckCanonicalKeyCase_sameVerdictAsGo(int index, JsonNode c) {
    byte[] publicKey = hex(c.get("pub_key").asText());
    boolean canonical = CofactorlessEd25519.isCanonical(publicKey, 0);
    assertEquals(index < 10, canonical, "only cases 10 and 11 have non-canonical keys");

    boolean verified =
        canonical
            && CofactorlessEd25519.verify(
                publicKey, hex(c.get("message").asText()), hex(c.get("signature").asText()));

    assertEquals(Set.of(0, 1, 2, 3).contains(index), verified);
  }
}
