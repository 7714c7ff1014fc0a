package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExportTypeTest {
  private static JsonIn obj(String json) {
    return JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "x");
  }

  @Test
  void read_values_mapToConstants() {
    assertEquals(ExportType.STREAM, ExportType.read(obj("{\"type\":\"stream\"}"), "type"));
    assertEquals(ExportType.SERVICE, ExportType.read(obj("{\"TYPE\":\"service\"}"), "type"));
    assertEquals(ExportType.UNKNOWN, ExportType.read(obj("{}"), "type"));
  }

  @Test
  void read_unknownOrNull_throwsReferenceText() {
    ClaimsFormatException e =
        assertThrows(
            ClaimsFormatException.class, () -> ExportType.read(obj("{\"type\":\"rpc\"}"), "type"));
    assertEquals("unknown export type \"rpc\"", e.getMessage());
    assertEquals("x.type", e.field());
    e =
        assertThrows(
            ClaimsFormatException.class, () -> ExportType.read(obj("{\"type\":null}"), "type"));
    assertEquals("unknown export type \"\"", e.getMessage());
    // An earlier bad occurrence fails even when a later one is valid, as Go stops at the first.
    assertThrows(
        ClaimsFormatException.class,
        () -> ExportType.read(obj("{\"Type\":\"x\",\"type\":\"stream\"}"), "type"));
  }

  @Test
  void read_number_throwsShapeError() {
    JsonIn.ShapeException e =
        assertThrows(
            JsonIn.ShapeException.class, () -> ExportType.read(obj("{\"type\":1}"), "type"));
    assertEquals("x.type", e.path());
  }

  @Test
  void ofValue_caseSensitive() {
    assertEquals(ExportType.STREAM, ExportType.ofValue("stream"));
    assertThrows(IllegalArgumentException.class, () -> ExportType.ofValue("Stream"));
    assertThrows(IllegalArgumentException.class, () -> ExportType.ofValue("unknown"));
  }

  @Test
  void writeField_unknown_isOmitted() {
    GoJsonWriter w = new GoJsonWriter().beginObject();
    ExportType.UNKNOWN.writeField(w, "a");
    ExportType.SERVICE.writeField(w, "b");
    assertEquals("{\"b\":\"service\"}", w.endObject().toString());
    assertEquals("unknown", ExportType.UNKNOWN.toString());
  }
}
