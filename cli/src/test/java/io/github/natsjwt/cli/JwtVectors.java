package io.github.natsjwt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The Go-reference JWT vectors in {@code testdata/jwt-vectors.json} and {@code jwt-invalid.json}.
 */
public final class JwtVectors {
  private static final JsonNode VALID = load("jwt-vectors.json");
  private static final JsonNode INVALID = load("jwt-invalid.json");

  private JwtVectors() {}

  /**
   * Returns every valid token vector.
   *
   * @return the vectors
   */
  public static List<JsonNode> valid() {
    return StreamSupport.stream(VALID.get("vectors").spliterator(), false).toList();
  }

  /**
   * Returns one valid vector by name.
   *
   * @param name for example {@code "user_full"}
   * @return the vector
   */
  public static JsonNode valid(String name) {
    return find(VALID, name);
  }

  /**
   * Returns one invalid-token case by name.
   *
   * @param name for example {@code "bad_signature_bitflip"}
   * @return the case
   */
  public static JsonNode invalid(String name) {
    return find(INVALID, name);
  }

  /**
   * Returns every invalid-token case.
   *
   * @return the cases
   */
  public static List<JsonNode> invalid() {
    return StreamSupport.stream(INVALID.get("vectors").spliterator(), false).toList();
  }

  /**
   * Parses JSON text.
   *
   * @param json the text
   * @return the tree
   */
  public static JsonNode parse(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode find(JsonNode root, String name) {
    for (JsonNode v : root.get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no vector named " + name);
  }

  private static JsonNode load(String file) {
    String dir = System.getProperty("natsjwt.testdata.dir", "../testdata");
    Path path = Path.of(dir, file);
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path.toAbsolutePath(), e);
    }
  }
}
