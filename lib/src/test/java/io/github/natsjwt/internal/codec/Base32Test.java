package io.github.natsjwt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict base32 codec (spec section 2.1). */
class Base32Test {

  static IntStream lengths() {
    return IntStream.rangeClosed(0, 70);
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("lengths")
  void decode_encodedRandomBytes_roundTrips(int length) {
    byte[] data = new byte[length];
    new Random(0x5EED + length).nextBytes(data);

    char[] encoded = Base32.encode(data);

    assertEquals(Base32.encodedLength(length), encoded.length);
    assertEquals((length * 8 + 4) / 5, encoded.length);
    assertArrayEquals(data, Base32.decode(new String(encoded), 0, encoded.length));
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("lengths")
  void decode_encodedExtremeBytes_roundTrips(int length) {
    for (byte fill : new byte[] {0, (byte) 0xFF, (byte) 0x80, 0x01}) {
      byte[] data = new byte[length];
      Arrays.fill(data, fill);
      char[] encoded = Base32.encode(data);
      assertArrayEquals(data, Base32.decode(new String(encoded), 0, encoded.length));
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @MethodSource("lengths")
  void decode_encodedAtOffset_readsOnlyTheRange(int length) {
    byte[] data = new byte[length];
    new Random(length).nextBytes(data);
    String encoded = new String(Base32.encode(data));

    String framed = "xx" + encoded + "!!";

    assertArrayEquals(data, Base32.decode(framed, 2, encoded.length()));
  }

  /** RFC 4648 section 10 test vectors, with the padding removed as NKeys do. */
  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void encode_rfc4648Vector_matchesWithoutPadding(String plain, String expected) {
    byte[] data = plain.getBytes(StandardCharsets.US_ASCII);

    assertEquals(expected, new String(Base32.encode(data)));
    assertArrayEquals(data, Base32.decode(expected, 0, expected.length()));
  }

  static Stream<Arguments> illegalCharacters() {
    return Stream.of(
        Arguments.of("MZXw6YTB", 3, 'w'),
        Arguments.of("MZXW6YT=", 7, '='),
        Arguments.of("MZXW6YTBOI======", 10, '='),
        Arguments.of("MZ W6YTB", 2, ' '),
        Arguments.of("MZXW6YT\n", 7, '\n'),
        Arguments.of("0ZXW6YTB", 0, '0'),
        Arguments.of("M1XW6YTB", 1, '1'),
        Arguments.of("MZ8W6YTB", 2, '8'),
        Arguments.of("MZX9", 3, '9'),
        Arguments.of("MZXW6YT\u00c9", 7, '\u00c9'));
  }

  @ParameterizedTest
  @MethodSource("illegalCharacters")
  void decode_characterOutsideAlphabet_reportsPositionAndCharacter(
      String input, int position, char character) {
    Base32.MalformedException e =
        assertThrows(
            Base32.MalformedException.class, () -> Base32.decode(input, 0, input.length()));

    assertEquals(Base32.Problem.ILLEGAL_CHARACTER, e.problem());
    assertEquals(position, e.position());
    assertEquals(character, e.character());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6, 9, 11, 14, 57})
  void decode_lengthNoByteCountEncodesTo_throwsImpossibleLength(int length) {
    String input = "A".repeat(length);

    Base32.MalformedException e =
        assertThrows(Base32.MalformedException.class, () -> Base32.decode(input, 0, length));

    assertEquals(Base32.Problem.IMPOSSIBLE_LENGTH, e.problem());
    assertEquals(length, e.position());
  }

  @ParameterizedTest
  @CsvSource({"MZ, MY", "MZXR, MZXQ", "MZXW7, MZXW6", "MZXW6YR, MZXW6YQ", "MZXW6YTBOJ, MZXW6YTBOI"})
  void decode_nonZeroUnusedBits_throwsNonCanonical(String nonCanonical, String canonical) {
    Base32.MalformedException e =
        assertThrows(
            Base32.MalformedException.class,
            () -> Base32.decode(nonCanonical, 0, nonCanonical.length()));

    assertEquals(Base32.Problem.NON_CANONICAL, e.problem());
    assertEquals(nonCanonical.length() - 1, e.position());
    // The canonical spelling of the same bytes decodes.
    Base32.decode(canonical, 0, canonical.length());
  }
}
