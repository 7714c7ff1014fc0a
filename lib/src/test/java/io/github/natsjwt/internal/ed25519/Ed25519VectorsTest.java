package io.github.natsjwt.internal.ed25519;

import static io.github.natsjwt.testing.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.testing.TestData;
import io.github.natsjwt.testing.ThirdPartyData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast verifier, both paths, against independent vectors: RFC 8032 section 7.1, Wycheproof's
 * ed25519 suite, ed25519-speccheck with Go's recorded verdicts, and the Go reference's nkeys
 * vectors.
 */
class Ed25519VectorsTest {
  private static final String WYCHEPROOF = "wycheproof/ed25519_test.json";
  private static final String SPECCHECK = "ed25519-speccheck/cases.json";

  /** Go's crypto/ed25519 verdicts on the twelve speccheck cases, as recorded by its authors. */
  static final Set<Integer> GO_ACCEPTS = Set.of(0, 1, 2, 3, 11);

  /** The internal paths, which must give the same verdicts. */
  enum Path {
    GENERAL {
      @Override
      boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.verify(message, signature);
      }
    },
    /** The general path's fallback for the rare k without a short split, forced. */
    GENERAL_UNSPLIT {
      @Override
      boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.verifyUnsplit(message, signature);
      }
    },
    PRECOMPUTED {
      @Override
      boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.precompute().verify(message, signature);
      }
    },
    /**
     * The general path hashing the message where it lies in a text (as a JWT's signed part is),
     * between other chars. Each char stands for one byte, so a message of any bytes is its
     * ISO-8859-1 text here.
     */
    GENERAL_TEXT {
      @Override
      boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.verifyText(embed(message), 2, 2 + message.length, signature);
      }
    },
    PRECOMPUTED_TEXT {
      @Override
      boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.precompute().verifyText(embed(message), 2, 2 + message.length, signature);
      }
    };

    /** The message as ISO-8859-1 text, with two chars before it and two after. */
    static String embed(byte[] message) {
      return "a." + new String(message, java.nio.charset.StandardCharsets.ISO_8859_1) + ".b";
    }

    abstract boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature);

    /** The verdict, false when the key does not decode. */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
      @Nullable Ed25519PublicKey key = Ed25519PublicKey.decode(publicKey);
      return key != null && verify(key, message, signature);
    }
  }

  /** Name, public key, message, signature (hex, as printed in RFC 8032 section 7.1). */
  static Stream<Arguments> rfc8032() {
    return Stream.of(
        Arguments.of(
            "TEST 1",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        Arguments.of(
            "TEST 2",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        Arguments.of(
            "TEST 3",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
                + "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        Arguments.of(
            "TEST SHA(abc)",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));
  }

  static Stream<Arguments> rfc8032OnBothPaths() {
    return rfc8032()
        .flatMap(
            a ->
                Stream.of(Path.values())
                    .map(p -> Arguments.of(p, a.get()[0], a.get()[1], a.get()[2], a.get()[3])));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("rfc8032OnBothPaths")
  void verify_rfc8032Vector_acceptsAndRejectsEveryFlippedBit(
      Path path, String name, String publicKey, String message, String signature) {
    Ed25519PublicKey key = Ed25519PublicKey.decode(hex(publicKey));
    assertNotNull(key);
    byte[] sig = hex(signature);
    byte[] msg = hex(message);

    assertTrue(path.verify(key, msg, sig));
    for (int bit = 0; bit < 512; bit++) {
      sig[bit >>> 3] ^= (byte) (1 << (bit & 7));
      assertFalse(path.verify(key, msg, sig), "signature bit " + bit);
      sig[bit >>> 3] ^= (byte) (1 << (bit & 7));
    }
    byte[] longer = new byte[msg.length + 1];
    System.arraycopy(msg, 0, longer, 0, msg.length);
    assertFalse(path.verify(key, longer, sig), "message with one more byte");
  }

  @ParameterizedTest
  @EnumSource(Path.class)
  void verify_signatureOf63Or65Bytes_rejects(Path path) {
    Ed25519PublicKey key =
        Ed25519PublicKey.decode(
            hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    assertNotNull(key);
    assertFalse(path.verify(key, new byte[0], new byte[63]));
    assertFalse(path.verify(key, new byte[0], new byte[65]));
    assertFalse(path.verify(key, new byte[0], new byte[0]));
  }

  @Test
  void decode_31Or33Bytes_throws() {
    assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.decode(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.decode(new byte[33]));
  }

  /** y = 2: (y^2 - 1)/(d y^2 + 1) is not a square modulo p, so no point has this encoding. */
  @Test
  void decode_yWithoutPoint_givesNull() {
    byte[] y2 = new byte[32];
    y2[0] = 2;
    assertNull(Ed25519PublicKey.decode(y2));
  }

  // ---------------------------------------------------------------- Wycheproof

  static Stream<Arguments> wycheproof() {
    JsonNode doc = TestData.thirdPartyJson(WYCHEPROOF);
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode group : doc.get("testGroups")) {
      String pk = group.get("publicKey").get("pk").asText();
      for (JsonNode t : group.get("tests")) {
        String name =
            "tcId "
                + t.get("tcId").asInt()
                + " "
                + t.get("result").asText()
                + " "
                + t.get("comment").asText();
        for (Path path : Path.values()) {
          cases.add(Arguments.of(path, Named.of(name, t), pk));
        }
      }
    }
    assertEquals(
        Path.values().length * doc.get("numberOfTests").asInt(), cases.size(), "numberOfTests");
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wycheproof")
  @ThirdPartyData(WYCHEPROOF)
  void verify_wycheproofCase_matchesResult(Path path, JsonNode t, String publicKeyHex) {
    boolean verified =
        path.verify(hex(publicKeyHex), hex(t.get("msg").asText()), hex(t.get("sig").asText()));
    switch (t.get("result").asText()) {
      case "valid":
        assertTrue(verified);
        break;
      case "invalid":
        assertFalse(verified);
        break;
      default:
        fail("unexpected result " + t.get("result").asText());
    }
  }

  // ---------------------------------------------------------------- speccheck

  static Stream<Arguments> specCheck() {
    JsonNode cases = TestData.thirdPartyJson(SPECCHECK);
    assertEquals(12, cases.size());
    return IntStream.range(0, cases.size())
        .boxed()
        .flatMap(i -> Stream.of(Path.values()).map(p -> Arguments.of(p, i, cases.get(i))));
  }

  /** All twelve cases, 11 (a non-canonical key, y = p - 1 with a sign bit on x = 0) included. */
  @ParameterizedTest(name = "{0} case {1}")
  @MethodSource("specCheck")
  @ThirdPartyData(SPECCHECK)
  void verify_specCheckCase_sameVerdictAsGo(Path path, int index, JsonNode c) {
    boolean verified =
        path.verify(
            hex(c.get("pub_key").asText()),
            hex(c.get("message").asText()),
            hex(c.get("signature").asText()));
    assertEquals(GO_ACCEPTS.contains(index), verified);
  }

  // ---------------------------------------------------------------- Go nkeys vectors

  static Stream<Arguments> goVectors() {
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode v : TestData.nkeyVectors().get("ed25519")) {
      for (Path path : Path.values()) {
        cases.add(Arguments.of(path, Named.of(v.get("public_key").asText(), v)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goVectors")
  void verify_goVector_acceptsAndRejectsTamperedMessage(Path path, JsonNode v) {
    byte[] pub = hex(v.get("public_key_raw_hex").asText());
    byte[] msg = hex(v.get("message_hex").asText());
    byte[] sig = hex(v.get("signature_hex").asText());

    assertTrue(path.verify(pub, msg, sig));
    byte[] other = new byte[msg.length + 1];
    System.arraycopy(msg, 0, other, 0, msg.length);
    assertFalse(path.verify(pub, other, sig));
  }
}
