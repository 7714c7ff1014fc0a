package io.github.natsjwt.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.testing.JwtTestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonTokens}: the tokens of a document as written, walked without recursion, checked
 * against the payloads the Go reference wrote and against Jackson's reading of them.
 */
class JsonTokensTest {
  private static JsonTokens parse(String json) {
    return JsonTokens.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the tokens back without white space, walking them with an explicit stack. */
  private static String compact(JsonTokens t) {
    StringBuilder sb = new StringBuilder("{");
    Deque<int[]> open = new ArrayDeque<>();
    Deque<Boolean> objects = new ArrayDeque<>();
    open.push(new int[] {t.first(t.root()), t.end(t.root()), 0});
    objects.push(true);
    while (!open.isEmpty()) {
      int[] at = open.peek();
      boolean object = objects.peek();
      if (at[0] == at[1]) {
        open.pop();
        objects.pop();
        sb.append(object ? '}' : ']');
        continue;
      }
      if (at[2]++ > 0) {
        sb.append(',');
      }
      int v = at[0];
      if (object) {
        sb.append(t.text(v)).append(':');
        v++;
      }
      at[0] = t.next(v);
      if (t.isObject(v) || t.isArray(v)) {
        sb.append(t.isObject(v) ? '{' : '[');
        open.push(new int[] {t.first(v), t.end(v), 0});
        objects.push(t.isObject(v));
      } else {
        sb.append(t.text(v));
      }
    }
    return sb.toString();
  }

  /** The payload of a vector's token, as the Go reference wrote it (without white space). */
  private static String payload(JsonNode vector) {
    String jwt = vector.get("jwt").asText();
    String[] parts = jwt.split("\\.");
    return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
  }

  @Test
  void text_goWrittenPayloads_writeBackExactly() {
    int n = 0;
    for (JsonNode v : JwtTestData.validVectors()) {
      String payload = payload(v);
      if (payload.contains("\n")) {
        continue; // crafted with white space between tokens, which the walk does not keep
      }
      assertEquals(payload, compact(parse(payload)), v.get("name").asText());
      n++;
    }
    assertTrue(n >= 30, "payloads " + n);
  }

  @Test
  void string_goWrittenPayloads_keysAndStringsAsJacksonReadsThem() throws Exception {
    for (JsonNode v : JwtTestData.validVectors()) {
      String payload = payload(v);
      JsonTokens t = parse(payload);
      List<String> read = new ArrayList<>();
      for (int k = t.first(t.root()); k < t.end(t.root()); k = t.next(k + 1)) {
        read.add(t.string(k));
        if (!t.isObject(k + 1) && !t.isArray(k + 1) && t.text(k + 1).startsWith("\"")) {
          read.add("=" + t.string(k + 1));
        }
      }
      // Jackson's streaming parser: every member, duplicates included.
      List<String> expected = new ArrayList<>();
      try (JsonParser p = new JsonFactory().createParser(payload)) {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          expected.add(p.currentName());
          JsonToken value = p.nextToken();
          if (value == JsonToken.VALUE_STRING) {
            expected.add("=" + p.getText());
          }
          p.skipChildren();
        }
      }
      assertEquals(expected, read, payload);
    }
  }

  @Test
  void text_keepsEscapesDigitsAndDuplicates() {
    JsonTokens t = parse("{ \"a\\u0062\" : \"x\\u003e\\n\" , \"n\":1.50e+3,\"n\":[true,null,-0] }");
    int k = t.first(t.root());
    assertEquals("\"a\\u0062\"", t.text(k));
    assertEquals("ab", t.string(k));
    assertEquals("\"x\\u003e\\n\"", t.text(k + 1));
    assertEquals("x>\n", t.string(k + 1));
    k = t.next(k + 1);
    assertEquals("1.50e+3", t.text(k + 1));
    k = t.next(k + 1);
    assertEquals("\"n\"", t.text(k));
    assertTrue(t.isArray(k + 1));
    List<String> items = new ArrayList<>();
    for (int e = t.first(k + 1); e < t.end(k + 1); e = t.next(e)) {
      items.add(t.text(e));
    }
    assertEquals(List.of("true", "null", "-0"), items);
    assertEquals(t.end(t.root()), t.next(k + 1));
    assertThrows(IllegalArgumentException.class, () -> t.text(t.root()));
    assertThrows(IllegalArgumentException.class, () -> t.string(t.first(t.root()) + 3));
  }

  @Test
  void text_invalidUtf8_readsAsReplacementCharacterPerByte() {
    byte[] doc = {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, 'x', '"', '}'};
    JsonTokens t = JsonTokens.parse(doc);
    assertEquals("\"\uFFFD\uFFFDx\"", t.text(t.first(t.root()) + 1));
  }

  @Test
  void parse_refused_saysWhatAndAtWhichCharacter() {
    JsonIn.SyntaxException e =
        assertThrows(JsonIn.SyntaxException.class, () -> parse("{\"\u20ac\u20ac\":tru}"));
    assertEquals(JsonIn.SyntaxException.Problem.BAD_LITERAL, e.problem());
    assertEquals(9, e.offset());
    assertEquals(6, e.tokenOffset());
    assertFalse(e.atEnd());
    assertTrue(
        e.getMessage().startsWith("the document is not valid JSON at offset 9"), e.getMessage());

    e = assertThrows(JsonIn.SyntaxException.class, () -> parse("{\"a\":\"b"));
    assertEquals(JsonIn.SyntaxException.Problem.BAD_STRING, e.problem());
    assertTrue(e.atEnd());
    assertEquals(7, e.offset());
    assertEquals(5, e.tokenOffset());

    e = assertThrows(JsonIn.SyntaxException.class, () -> parse("[1]"));
    assertEquals(JsonIn.SyntaxException.Problem.NOT_AN_OBJECT, e.problem());
    assertEquals("the document is not a JSON object", e.getMessage());
  }
}
