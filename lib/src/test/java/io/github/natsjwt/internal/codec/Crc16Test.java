package io.github.natsjwt.internal.codec;

import static io.github.natsjwt.testing.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CRC-16/XMODEM against the check values of the vector file (spec section 2.2). */
class Crc16Test {

  static Stream<Arguments> crcVectors() {
    JsonNode list = TestData.nkeyVectors().get("crc16_xmodem");
    return StreamSupport.stream(list.spliterator(), false)
        .map(v -> Arguments.of(Named.of(v.get("description").asText(), v)));
  }

  @ParameterizedTest
  @MethodSource("crcVectors")
  void of_vector_matchesCheckValue(JsonNode v) {
    byte[] input = hex(v.get("input_hex").asText());
    int expected = Integer.parseInt(v.get("crc16").asText().substring(2), 16);

    int crc = Crc16.of(input, 0, input.length);

    assertEquals(expected, crc, () -> String.format("crc 0x%04X", crc));
    // NKeys append the CRC low byte first.
    byte[] appended = {(byte) crc, (byte) (crc >>> 8)};
    assertEquals(v.get("appended_bytes_hex").asText(), hex(appended));
  }

  @ParameterizedTest
  @MethodSource("crcVectors")
  void of_vectorInsideLargerArray_usesOnlyTheRange(JsonNode v) {
    byte[] input = hex(v.get("input_hex").asText());
    byte[] padded = new byte[input.length + 7];
    java.util.Arrays.fill(padded, (byte) 0x5A);
    System.arraycopy(input, 0, padded, 3, input.length);

    assertEquals(
        Integer.parseInt(v.get("crc16").asText().substring(2), 16),
        Crc16.of(padded, 3, input.length));
  }

  @Test
  void of_singleBytes_matchTableEntriesFromSpec() {
    // Spec section 2.2: table[1] = 0x1021 and table[255] = 0x1EF0, and the CRC of one byte from
    // the initial value 0 is exactly that byte's table entry.
    assertEquals(0x1021, Crc16.of(new byte[] {1}, 0, 1));
    assertEquals(0x1EF0, Crc16.of(new byte[] {(byte) 0xFF}, 0, 1));
  }

  @Test
  void of_catalogueCheckString_is31C3() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x31C3, Crc16.of(check, 0, check.length));
  }
}
