package io.github.natsjwt.cli.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --json writer, read back by Jackson as an independent RFC 8259 parser. */
class JsonOutTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void toString_escapedStrings_jacksonReadsSameValues() throws Exception {
    String awkward = "a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i é 😀";
    JsonOut inner = JsonOut.object().string("message", awkward).number("code", -500);
    String text =
        JsonOut.object()
            .string("name", awkward)
            .string("none", null)
            .bool("yes", true)
            .strings("list", List.of("x", awkward))
            .objects("objects", List.of(inner))
            .strings("empty", List.of())
            .toString();

    JsonNode n = JSON.readTree(text);

    assertEquals(awkward, n.get("name").asText());
    assertTrue(n.get("none").isNull());
    assertTrue(n.get("yes").asBoolean());
    assertEquals(awkward, n.get("list").get(1).asText());
    assertEquals(awkward, n.get("objects").get(0).get("message").asText());
    assertEquals(-500, n.get("objects").get(0).get("code").asInt());
    assertEquals(0, n.get("empty").size());
    assertTrue(!text.contains("\n") && !text.contains("\u2028"), text);
  }

  @Test
  void toString_noMembers_emptyObject() {
    assertEquals("{}", JsonOut.object().toString());
  }
}
