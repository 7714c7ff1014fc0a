package io.github.natsjwt.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Go-compatible JSON codecs under the JWT layer: {@link GoJsonWriter} (numbers, escaping, map
 * order) and {@link JsonIn#decodeUtf8} (Go's per-byte U+FFFD); base64url is in {@code
 * Base64UrlTest}. Expected values are what Go's {@code encoding/json} produces.
 */
class GoJsonCodecTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0.0, -0",
    "1, 1",
    "2, 2",
    "1.5, 1.5",
    "0.1, 0.1",
    "100, 100",
    "4102444800, 4102444800",
    "1e20, 100000000000000000000",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "0.000001, 0.000001",
    "0.0000001, 1e-7",
    "1.5e-7, 1.5e-7",
    "1e-10, 1e-10",
    "-2.5e-8, -2.5e-8",
    "5e-324, 5e-324",
    "123456789.125, 123456789.125",
    "0.30000000000000004, 0.30000000000000004",
    "1.7976931348623157e308, 1.7976931348623157e+308"
  })
  void formatFloat_matchesGoEncodingJson(double value, String go) {
    assertEquals(go, GoJsonWriter.formatFloat(value));
  }

  @Test
  void formatFloat_tieAtSeventeenthDigit_roundsHalfEvenAsGo() {
    // go1.19.8: json.Marshal(23764941806332.0625) == "23764941806332.062"
    assertEquals("23764941806332.062", GoJsonWriter.formatFloat(23764941806332.0625));
    assertEquals("-23764941806332.062", GoJsonWriter.formatFloat(-23764941806332.0625));
  }

  /**
   * Every line of {@code testdata/go-float64-json.txt}: what Go's {@code json.Marshal} writes for a
   * float64, from {@code testdata/gen/float64_json.go}. It holds all the ties and lopsided
   * power-of-two intervals among 91,194 generated values, plus a random sample (subnormals, powers
   * of ten, the 1e-6 and 1e21 cut-overs, integers around 2^53).
   */
  @Test
  void formatFloat_goVectors_allMatch() throws IOException {
    List<String> lines = Files.readAllLines(TestData.testdataDir().resolve("go-float64-json.txt"));
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.indexOf(' ');
      double v = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, space), 16));
      String go = line.substring(space + 1);
      String ours = GoJsonWriter.formatFloat(v);
      if (!go.equals(ours)) {
        wrong.add(line + " -> " + ours);
      }
      checked++;
    }
    assertEquals(2000, checked);
    assertEquals(List.of(), wrong.subList(0, Math.min(20, wrong.size())), wrong.size() + " differ");
  }

  @Test
  void formatFloat_nanAndInfinity_rejected() {
    assertThrows(IllegalArgumentException.class, () -> GoJsonWriter.formatFloat(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> GoJsonWriter.formatFloat(Double.POSITIVE_INFINITY));
  }

  @Test
  void value_string_escapesAsGo() {
    GoJsonWriter w = new GoJsonWriter();
    w.value("a<b>&c\"\\/\n\r\t\b\f\u0001\u001f\u007f\u2028\u2029\u00e9\ud83d\ude00\ud800x");
    assertEquals(
        "\"a\\u003cb\\u003e\\u0026c\\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001f\u007f\\u2028\\u2029"
            + "\u00e9\ud83d\ude00\ufffdx\"",
        w.toString());
  }

  @Test
  void anyValue_mapKeysSortedByUtf8Bytes() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("\ud83d\ude00", 1L); // U+1F600: F0 9F 98 80
    m.put("\uffff", 2L); // EF BF BF sorts before F0 in UTF-8 but after D83D in UTF-16
    m.put("b", List.of(true, "x"));
    m.put("a", null);
    m.put("B", 1.5);
    GoJsonWriter w = new GoJsonWriter();
    w.anyValue(m);
    assertEquals(
        "{\"B\":1.5,\"a\":null,\"b\":[true,\"x\"],\"\uffff\":2,\"\ud83d\ude00\":1}", w.toString());
  }

  @Test
  void decodeUtf8_replacesEachInvalidByteLikeGo() {
    byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82, 'b'};
    assertEquals("a\ufffd\ufffdb", JsonIn.decodeUtf8(truncated));
    byte[] surrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
    assertEquals("\ufffd\ufffd\ufffd", JsonIn.decodeUtf8(surrogate));
    byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
    assertEquals("\ufffd\ufffd", JsonIn.decodeUtf8(overlong));
    byte[] tooHigh = {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
    assertEquals("\ufffd\ufffd\ufffd\ufffd", JsonIn.decodeUtf8(tooHigh));
    String valid = "x\u00e9\u20ac\ud83d\ude00\u007f";
    assertEquals(valid, JsonIn.decodeUtf8(valid.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void parse_invalidUtf8InString_readsAsReplacementCharacters() {
    byte[] json = {'{', '"', 'n', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'};
    assertEquals("\ufffd\ufffd", JsonIn.parse(json, "payload").string("n"));
  }
}
