package io.github.natsjwt.internal.box;

import static io.github.natsjwt.testing.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyErrorCode;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.SealedMessageException;
import io.github.natsjwt.testing.FixedRandom;
import io.github.natsjwt.testing.TestData;
import io.github.natsjwt.testing.ThirdPartyData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NaCl {@code crypto_box} as used by xkv1 sealing (spec section 4): against the Go vectors, and the
 * X25519 agreement under it against Wycheproof {@code x25519_test.json}.
 */
class CryptoBoxTest {
  private static final int XKV1_HEADER = 4 + CryptoBox.NONCE_BYTES;
  private static final String WYCHEPROOF_X25519 = "wycheproof/x25519_test.json";

  private static JsonNode curve() {
    return TestData.nkeyVectors().get("curve");
  }

  /** Alice and Bob are the sender and recipient of the first sealed vector. */
  private static JsonNode aliceToBob() {
    return curve().get("sealed").get(0);
  }

  private static byte[] rawSeed(String seed) {
    try (NKey key = NKey.fromSeed(seed)) {
      return key.rawSeed();
    }
  }

  private static byte[] rawPublic(String publicKey) {
    return NKey.fromPublicKey(publicKey).publicKeyBytes();
  }

  @Test
  void calculateAgreement_aliceAndBob_matchesVectorSharedSecret() {
    JsonNode v = aliceToBob();
    byte[] shared = new byte[32];

    assertTrue(
        X25519.calculateAgreement(
            rawSeed(v.get("sender_seed").asText()),
            0,
            rawPublic(v.get("recipient_public_key").asText()),
            0,
            shared,
            0));

    assertEquals(curve().get("x25519_shared_secret_alice_bob_hex").asText(), hex(shared));
  }

  @Test
  void hsalsa20_vectorSharedSecret_givesVectorBoxKey() {
    byte[] shared = hex(curve().get("x25519_shared_secret_alice_bob_hex").asText());

    byte[] key = CryptoBox.hsalsa20(shared, new byte[16]);

    assertEquals(curve().get("box_precomputed_key_alice_bob_hex").asText(), hex(key));
  }

  @Test
  void beforeNm_eitherDirection_givesVectorBoxKey() {
    JsonNode v = aliceToBob();
    String expected = curve().get("box_precomputed_key_alice_bob_hex").asText();

    byte[] aliceSide =
        CryptoBox.beforeNm(
            rawSeed(v.get("sender_seed").asText()),
            rawPublic(v.get("recipient_public_key").asText()));
    byte[] bobSide =
        CryptoBox.beforeNm(
            rawSeed(v.get("recipient_seed").asText()),
            rawPublic(v.get("sender_public_key").asText()));

    assertEquals(expected, hex(aliceSide));
    assertEquals(expected, hex(bobSide));
  }

  static Stream<Arguments> sealedVectors() {
    return StreamSupport.stream(curve().get("sealed").spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.get("name").asText(), v)));
  }

  @ParameterizedTest
  @MethodSource("sealedVectors")
  void seal_sealedVector_reproducesTagAndCiphertext(JsonNode v) {
    byte[] sealed = hex(v.get("sealed_hex").asText());
    byte[] nonce = hex(v.get("nonce_hex").asText());
    byte[] plaintext = hex(v.get("plaintext_hex").asText());
    byte[] key =
        CryptoBox.beforeNm(
            rawSeed(v.get("sender_seed").asText()),
            rawPublic(v.get("recipient_public_key").asText()));
    byte[] out = new byte[3 + CryptoBox.TAG_BYTES + plaintext.length];

    CryptoBox.seal(key, nonce, plaintext, out, 3);

    assertArrayEquals(
        Arrays.copyOfRange(sealed, XKV1_HEADER, sealed.length),
        Arrays.copyOfRange(out, 3, out.length));
  }

  @ParameterizedTest
  @MethodSource("sealedVectors")
  void open_sealedVector_givesPlaintext(JsonNode v) {
    byte[] sealed = hex(v.get("sealed_hex").asText());
    byte[] key =
        CryptoBox.beforeNm(
            rawSeed(v.get("recipient_seed").asText()),
            rawPublic(v.get("sender_public_key").asText()));

    byte[] plain =
        CryptoBox.open(
            key,
            Arrays.copyOfRange(sealed, 4, XKV1_HEADER),
            sealed,
            XKV1_HEADER,
            sealed.length - XKV1_HEADER);

    assertEquals(v.get("plaintext_hex").asText(), hex(plain));
  }

  @ParameterizedTest
  @MethodSource("sealedVectors")
  void open_anyFlippedBit_returnsNull(JsonNode v) {
    byte[] sealed = hex(v.get("sealed_hex").asText());
    byte[] key =
        CryptoBox.beforeNm(
            rawSeed(v.get("recipient_seed").asText()),
            rawPublic(v.get("sender_public_key").asText()));
    byte[] nonce = Arrays.copyOfRange(sealed, 4, XKV1_HEADER);

    for (int i = XKV1_HEADER; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertNull(
          CryptoBox.open(key, nonce, tampered, XKV1_HEADER, tampered.length - XKV1_HEADER),
          "byte " + i);
    }
  }

  // ------------------------------------------------------------ Wycheproof x25519_test.json

  /**
   * Every Wycheproof X25519 case. The suite marks each result "valid" or "acceptable" (this version
   * has no "invalid"). How they map here:
   *
   * <ul>
   *   <li>valid: the agreement gives the expected secret and sealing uses it;
   *   <li>acceptable with a non-zero secret (twist points, non-canonical or special public keys):
   *       accepted, same secret as expected;
   *   <li>acceptable with the all-zero secret (low-order public keys): rejected. {@code
   *       X25519.calculateAgreement} returns false, {@link CryptoBox#beforeNm} returns null,
   *       sealing to such a key throws INVALID_RECIPIENT and opening from it COULD_NOT_DECRYPT
   *       (spec section 4: Go and JS fail to decrypt too).
   * </ul>
   */
  static Stream<Arguments> wycheproofX25519() {
    JsonNode doc = TestData.thirdPartyJson(WYCHEPROOF_X25519);
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode group : doc.get("testGroups")) {
      for (JsonNode t : group.get("tests")) {
        String name =
            "tcId "
                + t.get("tcId").asInt()
                + " "
                + t.get("result").asText()
                + " "
                + t.get("flags")
                + " "
                + t.get("comment").asText();
        cases.add(Arguments.of(Named.of(name, t)));
      }
    }
    assertEquals(doc.get("numberOfTests").asInt(), cases.size(), "numberOfTests");
    return cases.stream();
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  @ParameterizedTest
  @MethodSource("wycheproofX25519")
  @ThirdPartyData(WYCHEPROOF_X25519)
  void beforeNm_wycheproofCase_matchesSharedSecretOrRejectsZero(JsonNode t) {
    byte[] priv = hex(t.get("private").asText());
    byte[] pub = hex(t.get("public").asText());
    byte[] expected = hex(t.get("shared").asText());
    String result = t.get("result").asText();
    byte[] shared = new byte[32];

    boolean agreed = X25519.calculateAgreement(priv, 0, pub, 0, shared, 0);
    byte[] key = CryptoBox.beforeNm(priv, pub);

    if (allZero(expected)) {
      assertEquals("acceptable", result, "a zero shared secret is never 'valid' in Wycheproof");
      assertFalse(agreed, "the all-zero shared secret must be refused");
      assertNull(key, "beforeNm must refuse the all-zero shared secret");
    } else {
      assertNotEquals("invalid", result);
      assertTrue(agreed);
      assertEquals(hex(expected), hex(shared));
      assertEquals(hex(CryptoBox.hsalsa20(expected, new byte[16])), hex(key));
    }
  }

  @ParameterizedTest
  @MethodSource("wycheproofX25519")
  @ThirdPartyData(WYCHEPROOF_X25519)
  void nkeySeal_wycheproofCase_sealsWithTheSharedSecretOrRejectsRecipient(JsonNode t) {
    byte[] priv = hex(t.get("private").asText());
    byte[] pub = hex(t.get("public").asText());
    byte[] expected = hex(t.get("shared").asText());
    byte[] nonce = new byte[CryptoBox.NONCE_BYTES];
    Arrays.fill(nonce, (byte) t.get("tcId").asInt());
    byte[] plaintext = ("wycheproof " + t.get("tcId").asInt()).getBytes(StandardCharsets.UTF_8);
    String peer = TestData.encodePublicKey(NKeyType.CURVE.prefixByte(), pub);

    try (NKey self = NKey.fromRawSeed(NKeyType.CURVE, priv)) {
      if (allZero(expected)) {
        InvalidNKeyException e =
            assertThrows(
                InvalidNKeyException.class,
                () -> self.seal(plaintext, peer, new FixedRandom(nonce)));
        assertEquals(NKeyErrorCode.INVALID_RECIPIENT, e.code());

        byte[] claimed = new byte[XKV1_HEADER + CryptoBox.TAG_BYTES + 2];
        System.arraycopy("xkv1".getBytes(StandardCharsets.US_ASCII), 0, claimed, 0, 4);
        SealedMessageException o =
            assertThrows(SealedMessageException.class, () -> self.open(claimed, peer));
        assertEquals(NKeyErrorCode.COULD_NOT_DECRYPT, o.code());
      } else {
        byte[] sealed = self.seal(plaintext, peer, new FixedRandom(nonce));

        byte[] box = new byte[CryptoBox.TAG_BYTES + plaintext.length];
        CryptoBox.seal(CryptoBox.hsalsa20(expected, new byte[16]), nonce, plaintext, box, 0);
        byte[] want = new byte[XKV1_HEADER + box.length];
        System.arraycopy("xkv1".getBytes(StandardCharsets.US_ASCII), 0, want, 0, 4);
        System.arraycopy(nonce, 0, want, 4, nonce.length);
        System.arraycopy(box, 0, want, XKV1_HEADER, box.length);
        assertEquals(hex(want), hex(sealed));
      }
    }
  }
}
