package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Go reference JWT vectors ({@code testdata/jwt-vectors.json} and {@code
 * testdata/jwt-invalid.json}) and offers small independent helpers to check them.
 *
 * <p>Surefire passes the folder as {@code natsjwt.testdata.dir}; outside Maven the folder is found
 * by walking up from the working directory.
 */
public final class JwtTestData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile JsonNode valid;
  private static volatile JsonNode invalid;

  private JwtTestData() {}

  /**
   * Returns the repository's {@code testdata/} folder.
   *
   * @return an existing folder
   */
  public static Path dir() {
    String configured = System.getProperty("natsjwt.testdata.dir");
    if (configured != null && !configured.isBlank()) {
      Path dir = Paths.get(configured);
      if (Files.isDirectory(dir)) {
        return dir;
      }
      return fail("natsjwt.testdata.dir points to " + dir + ", which is not a folder");
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata/jwt-vectors.json"))) {
        return p.resolve("testdata");
      }
    }
    return fail(
        "cannot find testdata/jwt-vectors.json: set the system property natsjwt.testdata.dir to"
            + " the repository's testdata folder");
  }

  /**
   * Returns the whole of {@code jwt-vectors.json}.
   *
   * @return the parsed document, read once
   */
  public static JsonNode validDocument() {
    JsonNode v = valid;
    if (v == null) {
      v = read("jwt-vectors.json");
      valid = v;
    }
    return v;
  }

  /**
   * Returns the whole of {@code jwt-invalid.json}.
   *
   * @return the parsed document, read once
   */
  public static JsonNode invalidDocument() {
    JsonNode v = invalid;
    if (v == null) {
      v = read("jwt-invalid.json");
      invalid = v;
    }
    return v;
  }

  /**
   * Returns the 40 valid vectors.
   *
   * @return the vectors in file order
   */
  public static List<JsonNode> validVectors() {
    return list(validDocument().get("vectors"));
  }

  /**
   * Returns the 123 invalid cases.
   *
   * @return the cases in file order
   */
  public static List<JsonNode> invalidCases() {
    return list(invalidDocument().get("vectors"));
  }

  /**
   * Finds a valid vector by name.
   *
   * @param name the vector's {@code name}
   * @return the vector
   */
  public static JsonNode validVector(String name) {
    for (JsonNode v : validVectors()) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    return fail("no vector named " + name + " in jwt-vectors.json");
  }

  /**
   * Computes a {@code jti} independently of the library: SHA-512/256 of the UTF-8 bytes, in RFC
   * 4648 base32 without padding.
   *
   * @param json the claims-data JSON
   * @return the 52-character id
   */
  public static String jtiOf(String json) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-512/256").digest(json.getBytes(StandardCharsets.UTF_8));
      return base32(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Encodes bytes in RFC 4648 base32 (A-Z, 2-7) without padding; written here so the tests do not
   * rely on the library's own encoder.
   *
   * @param data the bytes
   * @return the text
   */
  public static String base32(byte[] data) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder sb = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  private static JsonNode read(String file) {
    Path path = dir().resolve(file);
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
