package io.github.natsjwt.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonIn} and the one-pass reader under it ({@link JsonTape}): Go's {@code Unmarshal}
 * leniency (keys equal ignoring case, the last duplicate wins, {@code null} is absent, invalid
 * UTF-8 reads as U+FFFD, exact integers) and strict JSON otherwise, checked against the values Go's
 * {@code encoding/json} documents and, for acceptance and values of arbitrary documents, against
 * Jackson's parser reading the same text.
 */
class JsonInTest {
  private static JsonIn parse(String json) {
    return JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "");
  }

  private static JsonIn parse(byte[] json) {
    return JsonIn.parse(json, "");
  }

  // ------------------------------------------------------------------ strings

  @Test
  void string_escapes_decodeAsJsonDefines() {
    JsonIn o =
        parse(
            "{\"s\":\"q\\\"b\\\\s\\/b\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20ac\\ud83d\\ude00\\u003e\"}");
    assertEquals("q\"b\\s/b\b\f\n\r\tA\u00e9\u20ac\ud83d\ude00>", o.string("s"));
  }

  @Test
  void string_rawUtf8_keptAsIs() {
    assertEquals(
        "\u00e9\u20ac\ud83d\ude00", parse("{\"s\":\"\u00e9\u20ac\ud83d\ude00\"}").string("s"));
  }

  @Test
  void string_invalidUtf8_eachBadByteIsReplacementCharacter() {
    // Go's encoding/json replaces each byte of an invalid sequence with U+FFFD.
    byte[] json = {
      '{',
      '"',
      's',
      '"',
      ':',
      '"',
      'a',
      (byte) 0xE2,
      (byte) 0x82,
      'b',
      (byte) 0xC0,
      (byte) 0xAF,
      (byte) 0xED,
      (byte) 0xA0,
      (byte) 0x80,
      '\\',
      'n',
      (byte) 0xFF,
      '"',
      '}'
    };
    assertEquals("a\ufffd\ufffdb\ufffd\ufffd\ufffd\ufffd\ufffd\n\ufffd", parse(json).string("s"));
  }

  @Test
  void key_invalidUtf8_readsWithReplacementCharacter() {
    byte[] json = {'{', '"', (byte) 0xFF, 'k', '"', ':', '1', '}'};
    assertEquals(1, parse(json).int64("\ufffdk"));
    assertEquals(List.of("\ufffdk"), parse(json).keys());
  }

  @Test
  void strings_nullElement_readsAsEmpty() {
    assertEquals(
        List.of("a", "", "\u003e", "d", "e"),
        parse("{\"l\":[\"a\",null,\"\\u003e\",\"d\",\"e\"]}").strings("l"));
  }

  @Test
  void strings_knownValues_sharedInstances() {
    String known = new String("stream".toCharArray());
    JsonIn o = parse("{\"t\":\"stream\",\"l\":[\"x\",\"stream\"],\"e\":\"str\\u0065am\"}");
    assertTrue(o.string("t", List.of(known)) == known);
    assertTrue(o.strings("l", List.of(known)).get(1) == known);
    // An escaped spelling is the same string, decoded.
    assertEquals("stream", o.string("e", List.of(known)));
  }

  // ------------------------------------------------------------------ keys

  @Test
  void key_differentCase_matches() {
    JsonIn o = parse("{\"NaMe\":\"a\",\"ISSUER_ACCOUNT\":\"b\"}");
    assertEquals("a", o.string("name"));
    assertEquals("b", o.string("issuer_account"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"a\",\"Name\":\"b\"}|b",
        "{\"Name\":\"a\",\"name\":\"b\"}|b",
        "{\"name\":\"a\",\"NAME\":\"b\",\"name\":null}|''",
        "{\"n\\u0061me\":\"a\",\"x\":1}|a",
        "{\"name\":\"a\",\"n\\u0041ME\":\"b\"}|b"
      })
  void key_duplicates_lastWins(String json, String expected) {
    assertEquals(expected, parse(json).string("name"));
  }

  @Test
  void key_unicodeFolding_asGoAndEqualsIgnoreCase() {
    // U+017F (long s) folds to 's' and U+212A (Kelvin sign) to 'k', in Go and in Java.
    JsonIn o = parse("{\"\u017Fub\":\"a\",\"\u212Aind\":\"b\"}");
    assertEquals("a", o.string("sub"));
    assertEquals("b", o.string("kind"));
  }

  @Test
  void key_longerOrShorter_doesNotMatch() {
    JsonIn o = parse("{\"subs\":1,\"su\":2,\"sub\\u0000\":3}");
    assertFalse(o.has("sub"));
  }

  @Test
  void manyKeys_lookupsUseTheLastDuplicateIgnoringCase() {
    // Big objects are indexed; the answers must be those of a scan.
    StringBuilder sb = new StringBuilder("{");
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      sb.append("\"key").append(i).append("\":").append(i).append(',');
    }
    sb.append("\"KEY5\":-5,\"k\\u0065y7\":-7,\"key9\":null,\"\u212Aey11\":-11}");
    JsonIn o = parse(sb.toString());
    assertEquals(0, o.int64("key0"));
    assertEquals(99_999, o.int64("key99999"));
    assertEquals(-5, o.int64("key5"));
    assertEquals(-7, o.int64("KEY7"));
    assertFalse(o.has("key9"));
    assertEquals(-11, o.int64("key11"));
    assertFalse(o.has("key100000"));
    assertEquals(n + 4, o.keys().size());
  }

  @Test
  void mediumObject_duplicatesInIndex_lastWins() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 12; i++) {
      sb.append("\"f").append(i).append("\":").append(i).append(',');
    }
    sb.append("\"F3\":33,\"f3\":333,\"\":7}");
    JsonIn o = parse(sb.toString());
    assertEquals(333, o.int64("f3"));
    assertEquals(11, o.int64("F11"));
    assertEquals(7, o.int64(""));
  }

  // ------------------------------------------------------------------ numbers

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "-0, 0",
    "4102444800, 4102444800",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808"
  })
  void int64_exactIntegers(String text, long expected) {
    assertEquals(expected, parse("{\"n\":" + text + "}").int64("n"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775808",
        "-9223372036854775809",
        "10000000000000000000",
        "99999999999999999999999999999999999999"
      })
  void int64_outOfRange_rejectedWithText(String text) {
    JsonIn.ShapeException e =
        assertThrows(
            JsonIn.ShapeException.class,
            () -> parse("{\"a\":{\"n\":" + text + "}}").object("a").orElseThrow().int64("n"));
    assertEquals(
        "a.n: " + text + " is out of range [-9223372036854775808, 9223372036854775807]",
        e.getMessage());
    assertEquals("a.n", e.path());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.5", "1e3", "1E+3", "1.0", "-0.0", "2e-1", "1000000000000000000000000000000.5"})
  void int64_fractionOrExponent_rejectedAsGoDoes(String text) {
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> parse("{\"n\":" + text + "}").int64("n"));
    assertEquals("n: expected an integer, found " + text, e.getMessage());
  }

  @Test
  void integer_bounds_checked() {
    JsonIn o = parse("{\"w\":256,\"v\":255}");
    assertEquals(255, o.integer("v", 0, 255));
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> o.integer("w", 0, 255));
    assertEquals("w: 256 is out of range [0, 255]", e.getMessage());
  }

  @Test
  void int64_string_rejectedWithWhatWasFound() {
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> parse("{\"n\":\"5\"}").int64("n"));
    assertEquals("n: expected an integer, found the string \"5\"", e.getMessage());
  }

  @Test
  void numbers_anyLength_accepted_asGoAcceptsThem() {
    // Go's scanner sets no limit on a number's length; the document's size bounds it.
    String digits = "1".repeat(100_000);
    assertEquals(
        digits, ((JsonIn.Number) parse("{\"n\":" + digits + "}").get("n").orElseThrow()).text());
    String small = "0." + "0".repeat(50_000) + "12";
    assertEquals(
        small, ((JsonIn.Number) parse("{\"n\":" + small + "}").get("n").orElseThrow()).text());
    assertEquals(0.0, JsonIn.toPlain(parse("{\"n\":" + small + "}").get("n").orElseThrow()));
  }

  // ------------------------------------------------------------------ structure

  @Test
  void nesting_10000Deep_accepted_10001_rejectedTyped() {
    // Go's scanner fails beyond 10,000 levels ("exceeded max depth"), the outer object counting.
    String ok = "{\"a\":".repeat(9_999) + "{}" + "}".repeat(9_999);
    assertTrue(parse(ok).has("a"));
    String deep = "{\"a\":".repeat(10_000) + "{}" + "}".repeat(10_000);
    JsonIn.ShapeException e = assertThrows(JsonIn.ShapeException.class, () -> parse(deep));
    assertTrue(e.getMessage().startsWith("the document is not valid JSON"), e.getMessage());
    String arrays = "{\"a\":" + "[".repeat(9_999) + "]".repeat(9_999) + "}";
    assertTrue(parse(arrays).has("a"));
    String deepArrays = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertThrows(JsonIn.ShapeException.class, () -> parse(deepArrays));
  }

  @Test
  void keysAndStrings_anyLength_accepted() {
    assertEquals(1, parse("{\"" + "k".repeat(200_000) + "\":1}").keys().size());
    assertEquals(
        100_000, parse("{\"s\":\"" + "\\u0041".repeat(100_000) + "\"}").string("s").length());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|the document is not a JSON object",
        "[]|the document is not a JSON object",
        "{} {}|the document has data after the JSON object, at offset 4",
        "{\"a\":01}|the document is not valid JSON at offset 6: Invalid numeric value: Leading"
            + " zeroes not allowed",
        "{\"a\":1,}|the document is not valid JSON at offset 7: Unexpected character ('}' (code"
            + " 125)): was expecting double-quote to start field name",
        "{\"a\":\"\\x\"}|the document is not valid JSON at offset 7: Unrecognized character escape"
            + " 'x' (code 120)",
        "\ufeff{}|the document is not valid JSON at offset 0: Unexpected character ('\ufeff' (code"
            + " 65279 / 0xfeff)): expected a valid value",
        "'{}\f'|the document is not valid JSON at offset 3: Illegal character ((CTRL-CHAR, code"
            + " 12)): only regular white space (\\r, \\n, \\t) is allowed between tokens",
        "{/*x*/}|the document is not valid JSON at offset 1: Unexpected character ('/' (code 47)):"
            + " maybe a (non-standard) comment?"
      })
  void malformed_reportsJacksonsWordsAndOffset(String json, String message) {
    JsonIn.ShapeException e = assertThrows(JsonIn.ShapeException.class, () -> parse(json));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void malformed_offsetCountsCharactersAfterUtf8Repair() {
    // Jackson reads the repaired text, so the offset counts characters, not bytes.
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> parse("{\"\u20ac\u20ac\":tru}"));
    assertTrue(
        e.getMessage().startsWith("the document is not valid JSON at offset 9"), e.getMessage());
  }

  @Test
  void controlCharacterInString_rejected() {
    assertThrows(JsonIn.ShapeException.class, () -> parse("{\"a\":\"x\u0001\"}"));
    assertEquals("\u007f", parse("{\"a\":\"\u007f\"}").string("a"));
  }

  // ------------------------------------------------------------------ paths and shapes

  @Test
  void paths_nameTheKeysAsWrittenAndArrayIndexes() {
    JsonIn o = JsonIn.parse("{\"A\":[[{\"b\":\"x\"}],{\"c\":{\"d\":1}}]}".getBytes(), "payload");
    List<?> outer = (List<?>) o.get("a").orElseThrow();
    JsonIn inner = (JsonIn) ((List<?>) outer.get(0)).get(0);
    assertEquals("payload.A[0][0]", inner.path());
    JsonIn.ShapeException e = assertThrows(JsonIn.ShapeException.class, () -> inner.int64("b"));
    assertEquals("payload.A[0][0].b: expected an integer, found the string \"x\"", e.getMessage());
    JsonIn c = ((JsonIn) outer.get(1)).object("C").orElseThrow();
    assertEquals("payload.A[1].c", c.path());
  }

  @Test
  void objects_nullElementKept_otherElementsRejected() {
    JsonIn o = parse("{\"l\":[{\"a\":1},null],\"m\":[{},2]}");
    List<JsonIn> l = o.objects("l");
    assertEquals(2, l.size());
    assertEquals("l[0]", l.get(0).path());
    assertNull(l.get(1));
    JsonIn.ShapeException e = assertThrows(JsonIn.ShapeException.class, () -> o.objects("m"));
    assertEquals("m[1]: expected an object, found the number 2", e.getMessage());
  }

  @Test
  void int64Map_laterDuplicateReplacesValueKeepsPosition() {
    Map<String, Long> m = parse("{\"r\":{\"b\":1,\"a\":2,\"b\":3,\"c\":null}}").int64Map("r");
    assertEquals(List.of("b", "a", "c"), new ArrayList<>(m.keySet()));
    assertEquals(List.of(3L, 2L, 0L), new ArrayList<>(m.values()));
  }

  @Test
  void isEmptyArray_and_requireStrings() {
    JsonIn o = parse("{\"e\":[],\"f\":[1],\"s\":[\"a\",null],\"n\":null}");
    assertTrue(o.isEmptyArray("e"));
    assertFalse(o.isEmptyArray("f"));
    assertFalse(o.isEmptyArray("missing"));
    o.requireStrings("s");
    o.requireStrings("n");
    o.requireStrings("missing");
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> o.requireStrings("f"));
    assertEquals("f[0]: expected a string, found the number 1", e.getMessage());
  }

  @Test
  void stringsIfSingleArray_onlyForOneArrayOfStrings() {
    assertEquals(List.of("a", ""), parse("{\"s\":[\"a\",null]}").stringsIfSingleArray("s"));
    assertNull(parse("{\"s\":\"a\"}").stringsIfSingleArray("s"));
    assertNull(parse("{\"s\":[\"a\"],\"S\":[\"b\"]}").stringsIfSingleArray("s"));
    assertNull(parse("{\"s\":[1]}").stringsIfSingleArray("s"));
    assertNull(parse("{}").stringsIfSingleArray("s"));
  }

  @Test
  void largeDocument_unpackedTape_readsTheSame() {
    // Documents from 8 MiB on keep plain offsets in the tape (no lengths).
    String pad = "x".repeat(JsonTape.PACKED_LIMIT);
    JsonIn o = parse("{\"pad\":\"" + pad + "\",\"Name\":\"a\\u003e\",\"n\":-12,\"name\":\"b\"}");
    assertEquals("b", o.string("name"));
    assertEquals(-12, o.int64("N"));
    assertEquals(pad.length(), o.string("pad").length());
  }

  // ------------------------------------------------------------------ against Jackson

  private static final JsonFactory JACKSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(10_000)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .build())
          .build();

  /**
   * Random documents and mutations of them, read by JsonIn and by Jackson (after Go's UTF-8
   * repair): both accept the same ones, and read the same values (last duplicate wins).
   */
  @Test
  void randomDocuments_acceptedAndReadAsJacksonReadsThem() throws IOException {
    SplittableRandom random = new SplittableRandom(20261122);
    int accepted = 0;
    for (int round = 0; round < 4000; round++) {
      byte[] generated = randomDocument(random);
      byte[] doc = round % 2 == 1 ? mutate(generated, random) : generated;
      Object expected;
      try {
        expected = jackson(doc);
      } catch (IOException | RuntimeException e) {
        expected = null;
      }
      Object actual;
      try {
        actual = plain(parse(doc));
      } catch (JsonIn.ShapeException e) {
        actual = null;
      }
      assertEquals(expected, actual, () -> new String(doc, StandardCharsets.ISO_8859_1));
      if (actual != null) {
        accepted++;
      }
    }
    assertTrue(accepted > 2000, "accepted " + accepted);
  }

  private static Object jackson(byte[] doc) throws IOException {
    try (JsonParser p = JACKSON.createParser(JsonIn.decodeUtf8(doc))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      Object v = jacksonValue(p);
      if (p.nextToken() != null) {
        throw new IOException("data after");
      }
      return v;
    }
  }

  /** Go's decoder turns an escaped surrogate that is not part of a pair into U+FFFD. */
  private static String goSurrogates(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  private static Object jacksonValue(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT:
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = goSurrogates(p.currentName());
          p.nextToken();
          m.put(k, jacksonValue(p));
        }
        return m;
      case START_ARRAY:
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(jacksonValue(p));
        }
        return l;
      case VALUE_STRING:
        return goSurrogates(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "#" + p.getText();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      default:
        return "null";
    }
  }

  private static Object plain(Object v) {
    if (v instanceof JsonIn) {
      Map<String, Object> m = new LinkedHashMap<>();
      ((JsonIn) v).asMap().forEach((k, x) -> m.put(k, plain(x)));
      return m;
    } else if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object x : (List<?>) v) {
        l.add(plain(x));
      }
      return l;
    } else if (v instanceof JsonIn.Number) {
      return "#" + ((JsonIn.Number) v).text();
    } else if (v == JsonIn.NULL) {
      return "null";
    }
    return v;
  }

  private static final String[] KEYS = {"a", "A", "sub", "SUB", "n\\u0061me", "name", "\u00e9", ""};
  private static final String[] STRINGS = {
    "",
    "x",
    "alice.\\u003e",
    "\\\"\\\\\\/\\b\\f\\n\\r\\t",
    "\\ud83d\\ude00",
    "\\ud800",
    "\u20ac\u00e9",
    "UDP25VIBFPOJGIGG6ASBQ3UT73KXEVYIUGU7EFDYVPKFN7SFKVWQM6S4",
    "\u007f"
  };
  private static final String[] NUMBERS = {
    "0", "-0", "1", "-12", "1.5", "1e3", "1E+3", "-2.5e-8", "9223372036854775808", "4102444800"
  };

  private static byte[] randomDocument(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    object(sb, r, 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
    out.write(utf8, 0, utf8.length);
    return out.toByteArray();
  }

  private static void object(StringBuilder sb, SplittableRandom r, int depth) {
    sb.append('{');
    int n = r.nextInt(depth == 0 ? 12 : 5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(r.nextInt(8) == 0 ? " , " : ",");
      }
      sb.append('"')
          .append(KEYS[r.nextInt(KEYS.length)])
          .append("\"")
          .append(r.nextInt(8) == 0 ? " : " : ":");
      value(sb, r, depth + 1);
    }
    sb.append('}');
  }

  private static void value(StringBuilder sb, SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 4 ? 4 : 6);
    switch (kind) {
      case 0:
        sb.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
        break;
      case 1:
        sb.append(NUMBERS[r.nextInt(NUMBERS.length)]);
        break;
      case 2:
        sb.append(r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null");
        break;
      case 3:
        sb.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
        break;
      case 4:
        object(sb, r, depth);
        break;
      default:
        sb.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(',');
          }
          value(sb, r, depth + 1);
        }
        sb.append(']');
    }
  }

  private static final byte[] NOISE = {
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    ',',
    ':',
    ' ',
    '\n',
    '0',
    '-',
    '.',
    'e',
    't',
    'n',
    'u',
    'x',
    (byte) 0xC3,
    (byte) 0xA9,
    (byte) 0xFF,
    (byte) 0x80,
    0x01,
    '/'
  };

  private static byte[] mutate(byte[] doc, SplittableRandom r) {
    byte[] out = doc.clone();
    if (out.length == 0) {
      return out;
    }
    int changes = 1 + r.nextInt(2);
    for (int c = 0; c < changes; c++) {
      int i = r.nextInt(out.length);
      switch (r.nextInt(3)) {
        case 0:
          out[i] = NOISE[r.nextInt(NOISE.length)];
          break;
        case 1:
          byte[] cut = new byte[out.length - 1];
          System.arraycopy(out, 0, cut, 0, i);
          System.arraycopy(out, i + 1, cut, i, out.length - i - 1);
          out = cut.length == 0 ? out : cut;
          break;
        default:
          byte[] grown = new byte[out.length + 1];
          System.arraycopy(out, 0, grown, 0, i);
          grown[i] = NOISE[r.nextInt(NOISE.length)];
          System.arraycopy(out, i, grown, i + 1, out.length - i);
          out = grown;
      }
    }
    return out;
  }

  /**
   * Jackson's account of a document the reader refuses: how the library worded syntax errors when
   * it asked Jackson's parser (reading the text after Go's UTF-8 repair) to explain them, before it
   * reported them itself. The reader's messages must stay the same.
   */
  private static String jacksonExplains(byte[] doc) {
    String subject = "the document";
    try (JsonParser p = JACKSON_EXPLAIN.createParser(JsonIn.decodeUtf8(doc))) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        return subject + " is not a JSON object";
      }
      int depth = 1;
      while (depth > 0) {
        t = p.nextToken();
        if (t == null) {
          break;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          depth--;
        }
      }
      if (depth == 0 && p.nextToken() != null) {
        return subject
            + " has data after the JSON object, at offset "
            + p.currentLocation().getCharOffset();
      }
      return subject + " is not valid JSON";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation where = e.getLocation();
      return subject
          + " is not valid JSON"
          + (where == null ? "" : " at offset " + where.getCharOffset())
          + ": "
          + e.getOriginalMessage();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final JsonFactory JACKSON_EXPLAIN =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(JsonTape.MAX_DEPTH)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private static String refusal(byte[] doc) {
    return assertThrows(JsonIn.SyntaxException.class, () -> parse(doc)).getMessage();
  }

  private static final byte[] SYNTAX_NOISE = {
    '{',
    '}',
    '[',
    ']',
    '"',
    '\\',
    ',',
    ':',
    ' ',
    '\n',
    '\t',
    '\r',
    '\f',
    '0',
    '1',
    '9',
    '-',
    '+',
    '.',
    'e',
    'E',
    't',
    'r',
    'f',
    'a',
    'l',
    's',
    'n',
    'u',
    'x',
    'N',
    'I',
    '#',
    '\'',
    '/',
    '*',
    (byte) 0xC3,
    (byte) 0xA9,
    (byte) 0xFF,
    (byte) 0x80,
    (byte) 0xEF,
    0x01,
    0x1F,
    0x7F,
    0
  };

  /**
   * Refused documents of every kind (random documents with bytes replaced, inserted, removed and
   * cut off at the end) get the message Jackson's explanation gave: the same words and offset.
   */
  @Test
  void malformed_randomMutations_reportedInJacksonsWordsAtItsOffset() {
    SplittableRandom random = new SplittableRandom(20261207);
    int refused = 0;
    for (int round = 0; round < 30_000; round++) {
      byte[] doc = randomDocument(random);
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        int i = random.nextInt(doc.length + 1);
        switch (random.nextInt(4)) {
          case 0:
            if (i < doc.length) {
              doc[i] = SYNTAX_NOISE[random.nextInt(SYNTAX_NOISE.length)];
            }
            break;
          case 1:
            if (i < doc.length) {
              byte[] cut = new byte[doc.length - 1];
              System.arraycopy(doc, 0, cut, 0, i);
              System.arraycopy(doc, i + 1, cut, i, doc.length - i - 1);
              doc = cut;
            }
            break;
          case 2:
            doc = java.util.Arrays.copyOf(doc, Math.min(doc.length, i));
            break;
          default:
            byte[] grown = new byte[doc.length + 1];
            System.arraycopy(doc, 0, grown, 0, i);
            grown[i] = SYNTAX_NOISE[random.nextInt(SYNTAX_NOISE.length)];
            System.arraycopy(doc, i, grown, i + 1, doc.length - i);
            doc = grown;
        }
      }
      if (JsonTape.parse(doc) != null) {
        continue;
      }
      refused++;
      byte[] d = doc;
      assertEquals(
          jacksonExplains(d), refusal(d), () -> new String(d, StandardCharsets.ISO_8859_1));
    }
    assertTrue(refused > 15_000, "refused " + refused);
  }

  /** Hand-picked refusals, one per way of going wrong, each reported as Jackson explained it. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "x",
        "[",
        "]",
        "}",
        ":",
        ",",
        "\"abc",
        "\"a\\x\"",
        "1",
        "01",
        "-",
        "-x",
        "1.",
        "1.x",
        "1e",
        "1x",
        "1 2",
        "1]",
        "tru",
        "true",
        "truex",
        "true1",
        "true]",
        "nul",
        "n",
        "fals",
        "falsey",
        "\ufeff{}",
        "\u0001{}",
        "/",
        "#",
        "'a'",
        "NaN",
        "+1",
        ".5",
        "Infinity",
        "{",
        "{ ",
        "{x",
        "{]",
        "{,",
        "{\"a\"",
        "{\"a\" ",
        "{\"a\"x",
        "{\"a\"}",
        "{\"a\":",
        "{\"a\": ",
        "{\"a\":x",
        "{\"a\":}",
        "{\"a\":]",
        "{\"a\":,",
        "{\"a\"::",
        "{\"a\":1",
        "{\"a\":1 ",
        "{\"a\":1x",
        "{\"a\":1]",
        "{\"a\":1,",
        "{\"a\":1,}",
        "{\"a\":1,x",
        "{\"a\":1,]",
        "{\"a\":1 \"b\":2}",
        "{\"a\":01}",
        "{\"a\":-01}",
        "{\"a\":00}",
        "{\"a\":0.}",
        "{\"a\":0.e1}",
        "{\"a\":0.x}",
        "{\"a\":1e}",
        "{\"a\":1e+}",
        "{\"a\":1e+x}",
        "{\"a\":1.5e-x}",
        "{\"a\":-}",
        "{\"a\":-x}",
        "{\"a\":- 1}",
        "{\"a\":-.5}",
        "{\"a\":.5}",
        "{\"a\":+1}",
        "{\"a\":tru}",
        "{\"a\":tru",
        "{\"a\":truex}",
        "{\"a\":true1}",
        "{\"a\":t}",
        "{\"a\":nul}",
        "{\"a\":nulll}",
        "{\"a\":n",
        "{\"a\":fals}",
        "{\"a\":falsetrue}",
        "{\"a\":\"x",
        "{\"a\":\"x\\",
        "{\"a\":\"x\\u12\"}",
        "{\"a\":\"x\\u12",
        "{\"a\":\"x\\uzzzz\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\'\"}",
        "{\"a\":\"x\u0001\"}",
        "{\"a\":\"x\u001f\"}",
        "{\"a\":\"x\t\"}",
        "{\"a\":\"x\n\"}",
        "{\"\u0001\":1}",
        "{\"\\x\":1}",
        "{\"a",
        "{\"a\\",
        "{\"a\\u12\":1}",
        "{\"a\":[",
        "{\"a\":[1",
        "{\"a\":[1,",
        "{\"a\":[1,]}",
        "{\"a\":[,]}",
        "{\"a\":[1 2]}",
        "{\"a\":[1}",
        "{\"a\":{]}",
        "{\"a\":[}",
        "{\"a\":1]",
        "{\"a\":1}}",
        "{\"a\":1}]",
        "{} {}",
        "{} x",
        "{} 1",
        "{} \"a\"",
        "{} [",
        "{} ]",
        "{} }",
        "{}\f",
        "{}\u0001",
        "{} tru",
        "{} 01",
        "{} -",
        "{} ,",
        "{} 1x",
        "{} 1 ",
        "{} true",
        "{} truex",
        "{/*x*/}",
        "{//x\n}",
        "{#x\n}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":'x'}",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "{\"a\":-Infinity}",
        "{\"a\":\"x\"\u0001}",
        "{\"a\":\ufffd}",
        "{\"a\":\u00e9}",
        "{\"\u20ac\u20ac\":tru}",
        "{\"a\":1,\"b\"}",
        "{\"a\":1,\"b\":}",
        "{\n\"a\":x}",
        "{\n\n  \"a\":\n  tru}",
        "{\"a\":xyz123_abc}",
        "{\"a\":x\u00e9\u00e9}",
        "{\"a\":\u00e9\u00e9 }",
        "{\"a\":1}x",
        "{\"a\":1,\"b\":[1,2,{\"c\":tru}]}",
        "{\"a\":[1,2}",
        "{\"a\":{\"b\":1]}",
        "{\"a\":[tru]}",
        "{\"a\":[x]}",
        "{\"a\":[-]}",
        "{\"a\":[01]}",
        "{\"a\":[1.]}",
        "{\"a\":[1x]}",
        "{\"a\":[1,x]}",
        "{\"a\":[\"x]}",
        "{\"a\":1 ,}",
        "{\"a\":1.5.5}",
        "{\"a\":1e5e5}",
        "{\"a\":-00}",
        "{\"a\":0x10}",
        "{\"a\":[\u0001]}",
        "{\"a\":12345678901234567890123x}",
        "{\"a\":\u0000}",
        "{\"a\":1\u0000}",
        "{\u00a0}",
        "{\"a\":\"\\u00\"}"
      })
  void malformed_eachWayOfGoingWrong_reportedInJacksonsWordsAtItsOffset(String json) {
    byte[] doc = json.getBytes(StandardCharsets.UTF_8);
    assertEquals(jacksonExplains(doc), refusal(doc), json);
  }

  @Test
  void malformed_tooDeep_reportedInJacksonsWords() {
    byte[] deep =
        ("{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(jacksonExplains(deep), refusal(deep));
    byte[] deepObjects =
        ("{\"a\":".repeat(10_000) + "{}" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
    assertEquals(jacksonExplains(deepObjects), refusal(deepObjects));
  }

  @Test
  void malformed_longWord_cutAsJacksonCutIt() {
    for (String json :
        List.of(
            "{\"a\":x" + "a".repeat(300) + "}",
            "{\"a\":tru" + "e".repeat(300) + "}",
            "{} n" + "u".repeat(255))) {
      byte[] doc = json.getBytes(StandardCharsets.UTF_8);
      assertEquals(jacksonExplains(doc), refusal(doc));
    }
  }

  @Test
  void malformed_invalidUtf8_offsetCountsRepairedCharacters() {
    byte[] doc = {'{', '"', (byte) 0xE2, (byte) 0x82, '"', ':', (byte) 0xC3, (byte) 0xA9, '}'};
    assertEquals(jacksonExplains(doc), refusal(doc));
    byte[] cut = {'{', '"', 'a', '"', ':', '"', (byte) 0xF0, (byte) 0x9F, 0x01, '"', '}'};
    assertEquals(jacksonExplains(cut), refusal(cut));
  }

  @Test
  void get_returnsRawValues() {
    JsonIn o = parse("{\"s\":\"x\",\"b\":true,\"n\":2,\"l\":[1,\"y\",null],\"o\":{},\"z\":null}");
    assertEquals("x", o.get("s").orElseThrow());
    assertEquals(Boolean.TRUE, o.get("b").orElseThrow());
    assertEquals("2", assertInstanceOf(JsonIn.Number.class, o.get("n").orElseThrow()).text());
    List<?> l = assertInstanceOf(List.class, o.get("l").orElseThrow());
    assertEquals(3, l.size());
    assertTrue(l.get(2) == JsonIn.NULL);
    assertInstanceOf(JsonIn.class, o.get("o").orElseThrow());
    assertTrue(o.get("z").isEmpty());
    assertEquals(List.of("x"), o.all("S"));
  }
}
