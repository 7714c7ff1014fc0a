package io.github.natsjwt.cli.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
  @Test
  void compact_parsedText_keepsOrderDuplicatesEscapesAndNumbers() {
    String json =
        "{ \"b\" : 1.50e+3, \"a\":\"x\\u003e\\n\", \"b\":[true,false,null,{}], \"c\":[] }";

    assertEquals(
        "{\"b\":1.50e+3,\"a\":\"x\\u003e\\n\",\"b\":[true,false,null,{}],\"c\":[]}",
        JsonText.compact(JsonText.parse(json, "test")));
  }

  @Test
  void pretty_nested_indentsTwoSpaces() {
    assertEquals(
        "{\n  \"a\": [\n    1,\n    {\n      \"b\": {}\n    }\n  ],\n  \"c\": []\n}",
        JsonText.pretty(JsonText.parse("{\"a\":[1,{\"b\":{}}],\"c\":[]}", "test")));
  }

  @Test
  void find_caseInsensitive_returnsLastMatch() {
    JsonText.Obj o = (JsonText.Obj) JsonText.parse("{\"nats\":1,\"NATS\":2,\"x\":3}", "test");

    assertEquals("2", ((JsonText.Scalar) o.find("Nats").orElseThrow().value).text);
  }

  @Test
  void put_existingOrNewKey_replacesOrAppends() {
    JsonText.Obj o = (JsonText.Obj) JsonText.parse("{\"Name\":\"a\"}", "test");

    o.put("name", JsonText.Scalar.string("b\"\u0001"));
    o.put("exp", JsonText.Scalar.number(5));

    assertEquals("{\"Name\":\"b\\\"\\u0001\",\"exp\":5}", JsonText.compact(o));
  }

  @Test
  void stringValue_escapes_areDecoded() {
    JsonText.Scalar s = (JsonText.Scalar) JsonText.parse("\"a\\u003eb\\t\\\"\\/\"", "test");

    assertEquals("a>b\t\"/", s.stringValue().orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "-",
        "1e",
        "tru",
        "\"abc",
        "\"\\x\"",
        "\"\\u12\"",
        "{\"a\":1} x",
        "{'a':1}",
        "\"a\nb\""
      })
  void parse_invalidJson_throwsInputExceptionWithPosition(String json) {
    InputException e =
        assertThrows(InputException.class, () -> JsonText.parse(json, "claims file 'c'"));

    assertTrue(e.getMessage().startsWith("claims file 'c' is not valid JSON: "), e.getMessage());
    assertTrue(
        e.getMessage().matches(".*\\((at line \\d+, column \\d+|at the end)\\)$"), e.getMessage());
  }

  @Test
  void parse_deepNesting_isRefused() {
    String json = "[".repeat(1000) + "]".repeat(1000);

    InputException e = assertThrows(InputException.class, () -> JsonText.parse(json, "x"));

    assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
  }
}
