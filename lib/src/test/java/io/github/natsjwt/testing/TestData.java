package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.internal.codec.Base32;
import io.github.natsjwt.internal.codec.Crc16;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and reads the test data: the repository's own {@code testdata/} folder (always present),
 * and the third-party suites (Wycheproof, ed25519-speccheck) that stay outside the repository.
 *
 * <p>Surefire passes {@code natsjwt.testdata.dir}, {@code natsjwt.thirdparty.dir} and {@code
 * natsjwt.thirdparty.required}. When a third-party file is missing, tests that need it are skipped,
 * unless {@code natsjwt.thirdparty.required=true} (as in CI), in which case they fail.
 */
public final class TestData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static volatile JsonNode nkeyVectors;

  private TestData() {}

  /**
   * Returns the repository's {@code testdata/} folder.
   *
   * @return an existing folder
   */
  public static Path testdataDir() {
    String configured = System.getProperty("natsjwt.testdata.dir");
    if (configured != null && !configured.isBlank()) {
      Path dir = Paths.get(configured);
      if (Files.isDirectory(dir)) {
        return dir;
      }
      return fail("natsjwt.testdata.dir points to " + dir + ", which is not a folder");
    }
    // Not run by Maven (an IDE, say): look upwards from the working directory.
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata/nkeys-vectors.json"))) {
        return p.resolve("testdata");
      }
    }
    return fail(
        "cannot find testdata/: set the system property natsjwt.testdata.dir to the repository's"
            + " testdata folder");
  }

  /**
   * Returns the folder holding the third-party suites, whether or not it exists.
   *
   * @return {@code natsjwt.thirdparty.dir}, or {@code <repo>/../shared/testdata}
   */
  public static Path thirdPartyDir() {
    String configured = System.getProperty("natsjwt.thirdparty.dir");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured);
    }
    return testdataDir().toAbsolutePath().getParent().resolveSibling("shared").resolve("testdata");
  }

  /**
   * Returns whether missing third-party suites fail the build instead of skipping tests.
   *
   * @return the value of {@code natsjwt.thirdparty.required}
   */
  public static boolean thirdPartyRequired() {
    return Boolean.parseBoolean(
        System.getProperty("natsjwt.thirdparty.required", "false").trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Returns a file of a third-party suite. When it is missing the calling test is skipped, or fails
   * when {@link #thirdPartyRequired()}.
   *
   * @param relative path under {@link #thirdPartyDir()}, for example {@code
   *     "wycheproof/ed25519_test.json"}
   * @return an existing file
   */
  public static Path thirdPartyFile(String relative) {
    Path file = thirdPartyDir().resolve(relative);
    if (!Files.isRegularFile(file)) {
      String message =
          "third-party test data "
              + file
              + " is missing; set natsjwt.thirdparty.dir to the folder that holds wycheproof/ and"
              + " ed25519-speccheck/";
      if (thirdPartyRequired()) {
        fail(message + " (natsjwt.thirdparty.required=true, so this is an error)");
      }
      Assumptions.assumeTrue(false, message + "; skipping the tests that use it");
    }
    return file;
  }

  /**
   * Reads a third-party JSON file; see {@link #thirdPartyFile(String)} for what happens when it is
   * missing.
   *
   * @param relative path under {@link #thirdPartyDir()}
   * @return the parsed document
   */
  public static JsonNode thirdPartyJson(String relative) {
    return readJson(thirdPartyFile(relative));
  }

  /**
   * Returns the Go reference vectors, {@code testdata/nkeys-vectors.json}.
   *
   * @return the parsed document, read once
   */
  public static JsonNode nkeyVectors() {
    JsonNode v = nkeyVectors;
    if (v == null) {
      v = readJson(testdataDir().resolve("nkeys-vectors.json"));
      nkeyVectors = v;
    }
    return v;
  }

  /**
   * Parses lower- or upper-case hex.
   *
   * @param hex the digits, no separators
   * @return the bytes
   */
  public static byte[] hex(String hex) {
    return HEX.parseHex(hex);
  }

  /**
   * Formats bytes as lower-case hex.
   *
   * @param bytes the bytes
   * @return the digits
   */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * Encodes a prefix byte and a payload the way NKeys are encoded (CRC-16 appended little-endian,
   * base32 without padding), to build keys from raw test-suite bytes and to craft bad inputs.
   *
   * @param prefix the prefix byte(s)
   * @param payload the bytes after the prefix
   * @return the encoded string
   */
  public static String encodeWithChecksum(byte[] prefix, byte[] payload) {
    byte[] buf = new byte[prefix.length + payload.length + 2];
    System.arraycopy(prefix, 0, buf, 0, prefix.length);
    System.arraycopy(payload, 0, buf, prefix.length, payload.length);
    int crc = Crc16.of(buf, 0, buf.length - 2);
    buf[buf.length - 2] = (byte) crc;
    buf[buf.length - 1] = (byte) (crc >>> 8);
    return new String(Base32.encode(buf));
  }

  /**
   * Encodes a raw 32-byte public key under a one-byte prefix.
   *
   * @param prefixByte for example {@code 0xA0} for a user key
   * @param raw the raw key
   * @return the 56-character public key
   */
  public static String encodePublicKey(int prefixByte, byte[] raw) {
    return encodeWithChecksum(new byte[] {(byte) prefixByte}, raw);
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
