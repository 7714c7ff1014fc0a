package io.github.natsjwt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;

/** The Go-reference vectors in {@code testdata/nkeys-vectors.json}. */
public final class Vectors {
  private static final JsonNode ROOT = load();

  private Vectors() {}

  /**
   * Returns the whole vector file.
   *
   * @return its root node
   */
  public static JsonNode root() {
    return ROOT;
  }

  /**
   * Returns the elements of an array node.
   *
   * @param path a JSON pointer such as {@code /ed25519}
   * @return the elements
   */
  public static List<JsonNode> list(String path) {
    JsonNode node = ROOT.at(path);
    if (!node.isArray() || node.isEmpty()) {
      throw new IllegalStateException("no vectors at " + path);
    }
    return StreamSupport.stream(node.spliterator(), false).toList();
  }

  /**
   * Returns the first Ed25519 vector of a key type.
   *
   * @param type for example {@code "user"}
   * @return the vector
   */
  public static JsonNode ed25519(String type) {
    return list("/ed25519").stream()
        .filter(v -> v.get("type").asText().equals(type))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Decodes a hex field.
   *
   * @param node the vector
   * @param field the field name
   * @return the bytes
   */
  public static byte[] hex(JsonNode node, String field) {
    return HexFormat.of().parseHex(node.get(field).asText());
  }

  private static JsonNode load() {
    String dir = System.getProperty("natsjwt.testdata.dir", "../testdata");
    Path file = Path.of(dir, "nkeys-vectors.json");
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
