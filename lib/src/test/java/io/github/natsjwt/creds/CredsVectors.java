package io.github.natsjwt.creds;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The creds cases of {@code testdata/creds/index.json} (produced by the Go reference) and the JWT
 * vectors they and the decorated-format tests use.
 */
final class CredsVectors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANY_SEED =
      Pattern.compile("(?<![A-Z2-7])S[OAUNCXP][A-Z2-7]{56}(?![A-Z2-7])");
  private static volatile JsonNode index;
  private static volatile JsonNode jwtVectors;

  private CredsVectors() {}

  static Path dir() {
    return TestData.testdataDir().resolve("creds");
  }

  static Path file(String name) {
    return dir().resolve(name);
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode index() {
    if (index == null) {
      index = read(dir().resolve("index.json"));
    }
    return index;
  }

  static List<JsonNode> cases() {
    List<JsonNode> out = new ArrayList<>();
    index().get("cases").forEach(out::add);
    return out;
  }

  static JsonNode creds(String file) {
    for (JsonNode c : index().get("cases")) {
      if (c.get("file").asText().equals(file)) {
        return c;
      }
    }
    return fail("no creds case " + file);
  }

  /** A vector of {@code jwt-vectors.json} by name. */
  static JsonNode jwt(String name) {
    if (jwtVectors == null) {
      jwtVectors = read(TestData.testdataDir().resolve("jwt-vectors.json"));
    }
    for (JsonNode v : jwtVectors.get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    return fail("no JWT vector " + name);
  }

  static List<JsonNode> jwtVectors() {
    jwt("user_minimal");
    List<JsonNode> out = new ArrayList<>();
    jwtVectors.get("vectors").forEach(out::add);
    return out;
  }

  /** Fails when text contains a seed, or anything shaped like one. */
  static void assertNoSeed(String text) {
    assertFalse(ANY_SEED.matcher(text).find(), () -> "something like a seed in: " + text);
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
