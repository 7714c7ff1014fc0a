package io.github.natsjwt.internal.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.jwt.JwtEmbeddedTokens;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The decoder of embedded tokens is found both ways the library can be loaded: as a module (through
 * {@code provides} in module-info.java) and on the class path (through {@code META-INF/services}),
 * and both name the same class. The decoding itself is covered by the claims tests of imports with
 * activation tokens.
 */
class EmbeddedTokensTest {

  @Test
  void get_findsTheJwtSideDecoder() {
    assertInstanceOf(JwtEmbeddedTokens.class, EmbeddedTokens.get());
    assertEquals(EmbeddedTokens.get(), EmbeddedTokens.get(), "looked up once");
  }

  @Test
  void servicesFile_andModuleDescriptor_nameTheSameProvider() throws IOException {
    String resource = "META-INF/services/" + EmbeddedTokens.class.getName();
    List<String> listed;
    try (InputStream in = EmbeddedTokens.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      listed =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .toList();
    }
    assertEquals(List.of(JwtEmbeddedTokens.class.getName()), listed);

    ModuleDescriptor module = EmbeddedTokens.class.getModule().getDescriptor();
    if (module != null) { // null on the class path, where only the services file counts
      Set<String> provided =
          module.provides().stream()
              .filter(p -> p.service().equals(EmbeddedTokens.class.getName()))
              .flatMap(p -> p.providers().stream())
              .collect(Collectors.toSet());
      assertEquals(Set.of(JwtEmbeddedTokens.class.getName()), provided);
      assertTrue(module.uses().contains(EmbeddedTokens.class.getName()), module.uses().toString());
    }
  }
}
