package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermissionTest {
  private static Permission read(String json) {
    return Permission.read(JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "pub"));
  }

  private static String json(Permission p) {
    GoJsonWriter w = new GoJsonWriter();
    p.write(w);
    return w.toString();
  }

  @Test
  void read_emptyAllowArray_allowPresent() {
    Permission p = read("{\"allow\":[],\"deny\":[\"x\"]}");
    assertTrue(p.allowPresent());
    assertEquals(List.of(), p.allow());
    assertFalse(p.isEmpty());
  }

  @Test
  void read_allowAbsentOrNull_notPresent() {
    assertFalse(read("{\"deny\":[\"x\"]}").allowPresent());
    assertFalse(read("{\"allow\":null,\"deny\":[\"x\"]}").allowPresent());
  }

  @Test
  void constructor_nonEmptyAllow_alwaysPresent() {
    assertTrue(new Permission(List.of("a"), List.of()).allowPresent());
    assertTrue(new Permission(List.of("a"), List.of(), false).allowPresent());
    assertFalse(Permission.EMPTY.allowPresent());
    assertTrue(new Permission(List.of(), List.of(), true).allowPresent());
  }

  @Test
  void equals_presenceMatters_asGoDeepEqual() {
    assertNotEquals(
        new Permission(List.of(), List.of("x"), true), new Permission(List.of(), List.of("x")));
    assertEquals(Permission.allowing("a"), new Permission(List.of("a"), List.of(), false));
  }

  @Test
  void withMethods_returnWireNormalisedValues() {
    Permission p = read("{\"allow\":[],\"deny\":[\"x\"]}");
    assertFalse(p.withDenied("y").allowPresent());
    assertFalse(Permission.allowing("a").withoutAllowed("a").allowPresent());
  }

  @Test
  void write_emptyPresentAllow_omittedAsGoEncoders() {
    Permission p = read("{\"allow\":[],\"deny\":[\"x\"]}");
    assertEquals("{\"deny\":[\"x\"]}", json(p));
    assertFalse(read(json(p)).allowPresent());
  }
}
