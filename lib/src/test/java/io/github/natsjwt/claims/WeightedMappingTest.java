package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WeightedMappingTest {
  private static WeightedMapping read(String json) {
    return WeightedMapping.read(JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "m"));
  }

  @Test
  void effectiveWeight_zeroMeansHundred() {
    assertEquals(100, WeightedMapping.of("s").effectiveWeight());
    assertEquals(40, WeightedMapping.of("s", 40).effectiveWeight());
    assertEquals(255, WeightedMapping.of("s", 255, "c").effectiveWeight());
  }

  @Test
  void of_weightOutsideUnsignedByte_throws() {
    assertThrows(IllegalArgumentException.class, () -> WeightedMapping.of("s", 256));
    assertThrows(IllegalArgumentException.class, () -> WeightedMapping.of("s", -1));
  }

  @Test
  void read_weightOutsideUnsignedByte_throwsNamingTheField() {
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> read("{\"subject\":\"s\",\"weight\":256}"));

    assertEquals("m.weight", e.path());
    assertThrows(JsonIn.ShapeException.class, () -> read("{\"weight\":-1}"));
    assertEquals(WeightedMapping.of("s", 255), read("{\"subject\":\"s\",\"weight\":255}"));
  }
}
