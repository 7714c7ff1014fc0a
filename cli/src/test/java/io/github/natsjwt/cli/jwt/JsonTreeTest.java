package io.github.natsjwt.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.InputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreeTest {
  private static JsonTree.Obj parse(String json) {
    return JsonTree.parse(
        json.getBytes(StandardCharsets.UTF_8), "claims file 'c'", "not an object");
  }

  @Test
  void compact_parsedText_keepsOrderDuplicatesEscapesAndNumbers() {
    String json =
        "{ \"b\" : 1.50e+3, \"a\":\"x\\u003e\\n\", \"b\":[true,false,null,{}], \"c\":[] }";

    assertEquals(
        "{\"b\":1.50e+3,\"a\":\"x\\u003e\\n\",\"b\":[true,false,null,{}],\"c\":[]}",
        JsonTree.compact(parse(json)));
  }

  @Test
  void pretty_nested_indentsTwoSpaces() {
    assertEquals(
        "{\n  \"a\": [\n    1,\n    {\n      \"b\": {}\n    }\n  ],\n  \"c\": []\n}",
        JsonTree.pretty(parse("{\"a\":[1,{\"b\":{}}],\"c\":[]}")));
  }

  @Test
  void find_caseInsensitive_returnsLastMatch() {
    JsonTree.Obj o = parse("{\"nats\":1,\"NATS\":2,\"x\":3}");

    assertEquals("2", ((JsonTree.Scalar) o.find("Nats").orElseThrow().value).text);
  }

  @Test
  void put_existingOrNewKey_replacesOrAppends() {
    JsonTree.Obj o = parse("{\"Name\":\"a\"}");

    o.put("name", JsonTree.Scalar.string("b\"\u0001"));
    o.put("exp", JsonTree.Scalar.number(5));

    assertEquals("{\"Name\":\"b\\\"\\u0001\",\"exp\":5}", JsonTree.compact(o));
  }

  @Test
  void stringValue_escapes_areDecoded() {
    JsonTree.Obj o = parse("{\"s\":\"a\\u003eb\\t\\\"\\/\\ud83d\\ude00\",\"n\":1}");

    assertEquals(
        "a>b\t\"/\ud83d\ude00",
        ((JsonTree.Scalar) o.find("s").orElseThrow().value).stringValue().orElseThrow());
    assertTrue(((JsonTree.Scalar) o.find("n").orElseThrow().value).stringValue().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":[1,]}",
        "{\"a\":1,}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":tru}",
        "{\"a\":\"abc",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":1} x",
        "{'a':1}",
        "{\"a\":\"a\nb\"}"
      })
  void parse_invalidJson_throwsInputExceptionWithPosition(String json) {
    InputException e = assertThrows(InputException.class, () -> parse(json));

    assertTrue(e.getMessage().startsWith("claims file 'c' is not valid JSON: "), e.getMessage());
    assertTrue(
        e.getMessage().matches("(?s).*\\((at line \\d+, column \\d+|at the end)\\)$"),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,}|expected a member name in double quotes (at line 1, column 8)",
        "{\"a\" 1}|expected ':' (at line 1, column 6)",
        "{\"a\":1 2}|expected ',' or '}' after an object member (at line 1, column 8)",
        "{\"a\":[1 2]}|expected ',' or ']' after an array element (at line 1, column 9)",
        "{\"a\":01}|expected ',' or '}' after an object member (at line 1, column 7)",
        "{\"a\":1.}|invalid number: digits must follow the decimal point (at line 1, column 8)",
        "{\"a\":1e+}|invalid number: digits must follow the exponent (at line 1, column 9)",
        "{\"a\":-x}|invalid number (at line 1, column 7)",
        "{\"a\":nul}|unexpected character 'n' (at line 1, column 6)",
        "{\"a\":\"b|string not closed (at line 1, column 6)",
        "{\"a\":\"\\x\"}|invalid escape \\x in a string (at line 1, column 8)",
        "{\"a\":\"\\u12x\"}|\\u must be followed by four hexadecimal digits (at line 1, column 8)",
        "{\"a\":\"\u0001\"}|control character U+0001 in a string; escape it (at line 1, column 7)",
        "{} x|unexpected text after the JSON value (at line 1, column 4)",
        "{\"a\":|unexpected end of the text (at the end)"
      })
  void parse_invalidJson_saysWhatAndWhere(String json, String reason) {
    InputException e = assertThrows(InputException.class, () -> parse(json));

    assertEquals("claims file 'c' is not valid JSON: " + reason, e.getMessage());
  }

  @Test
  void parse_invalidJsonOnALaterLine_countsLinesAndColumns() {
    InputException e = assertThrows(InputException.class, () -> parse("{}\n\n  x"));

    assertTrue(e.getMessage().endsWith("(at line 3, column 3)"), e.getMessage());
  }

  @Test
  void parse_notAnObject_givesTheCallersMessage() {
    InputException e = assertThrows(InputException.class, () -> parse("[1,2]"));

    assertEquals("not an object", e.getMessage());
  }

  @Test
  void parse_deepNesting_goesAsFarAsTheLibraryReads() {
    // The library reads 10,000 levels, as Go does; the tree is built and written without recursion.
    String deep = "{\"a\":" + "[".repeat(9_999) + "]".repeat(9_999) + "}";
    assertEquals(deep, JsonTree.compact(parse(deep)));
    assertTrue(JsonTree.pretty(parse(deep)).endsWith("]\n}"));

    String tooDeep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    InputException e = assertThrows(InputException.class, () -> parse(tooDeep));
    assertEquals(
        "claims file 'c' is not valid JSON: nested more than 10000 levels deep (at line 1,"
            + " column 10005)",
        e.getMessage());
  }
}
