package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The Go reference vectors, filtered per claim type, and the checks every claim test repeats. */
final class ClaimsVectors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile JsonNode valid;
  private static volatile JsonNode invalid;

  /** The time the generator stamped as {@code iat} and at which it validated. */
  static final Instant FIXED_IAT = Instant.ofEpochSecond(1_700_000_000L);

  private ClaimsVectors() {}

  static Path dir() {
    String configured = System.getProperty("natsjwt.testdata.dir");
    if (configured != null && Files.isRegularFile(Paths.get(configured, "jwt-vectors.json"))) {
      return Paths.get(configured);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("testdata/jwt-vectors.json"))) {
        return p.resolve("testdata");
      }
    }
    return fail("cannot find testdata/jwt-vectors.json; set natsjwt.testdata.dir");
  }

  private static JsonNode read(String name) {
    try {
      return JSON.readTree(dir().resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode validDocument() {
    if (valid == null) {
      valid = read("jwt-vectors.json");
    }
    return valid;
  }

  static JsonNode invalidDocument() {
    if (invalid == null) {
      invalid = read("jwt-invalid.json");
    }
    return invalid;
  }

  /** The valid vectors of one claim type, as (name, vector) arguments. */
  static Stream<Arguments> valid(String claimType) {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode v : validDocument().get("vectors")) {
      if (v.get("claim_type").asText().equals(claimType)) {
        out.add(Arguments.of(v.get("name").asText(), v));
      }
    }
    if (out.isEmpty()) {
      fail("no vectors of type " + claimType);
    }
    return out.stream();
  }

  /** One case of {@code jwt-invalid.json} by name. */
  static JsonNode invalidCase(String name) {
    for (JsonNode v : invalidDocument().get("vectors")) {
      if (v.get("name").asText().equals(name)) {
        return v;
      }
    }
    return fail("no invalid case " + name);
  }

  /** The checks every valid vector gets: JSON, validation, and byte-exact re-encoding. */
  static Claims checkValid(JsonNode v) {
    Claims c = Jwt.decode(v.get("jwt").asText()).claims();
    assertEquals(v.get("go_decoded_claims_json").asText(), c.toJson(), "decoded JSON");
    assertIssues(v.get("go_validation"), c.validate(FIXED_IAT));
    if (v.get("category").asText().equals("library_encoded_v2")) {
      NKey signer = NKey.fromSeed(v.get("issuer_seed").asText());
      Clock clock = Clock.fixed(Instant.ofEpochSecond(v.get("iat").asLong()), ZoneOffset.UTC);
      assertEquals(v.get("jwt").asText(), Jwt.encode(c, signer, clock), "re-encoded token");
    }
    return c;
  }

  /** Compares with a Go validation result; the generator sorted Go's issues by description. */
  static void assertIssues(JsonNode expected, ValidationResult actual) {
    List<String> want = new ArrayList<>();
    for (JsonNode i : expected.get("issues")) {
      want.add(
          describe(
              i.get("description").asText(),
              i.get("blocking").asBoolean(),
              i.get("time_check").asBoolean()));
    }
    List<String> got = new ArrayList<>();
    actual.issues().stream()
        .sorted(Comparator.comparing(ValidationIssue::description))
        .forEach(i -> got.add(describe(i.description(), i.blocking(), i.timeCheck())));
    assertEquals(want, got, "validation issues");
    assertEquals(
        expected.get("is_blocking_excluding_time_checks").asBoolean(), actual.isBlocking(false));
    assertEquals(
        expected.get("is_blocking_including_time_checks").asBoolean(), actual.isBlocking(true));
  }

  private static String describe(String d, boolean blocking, boolean time) {
    return d + (blocking ? " [blocking]" : "") + (time ? " [time]" : "");
  }

  /** The descriptions, in rule order. */
  static List<String> descriptions(ValidationResult r) {
    List<String> out = new ArrayList<>();
    r.issues().forEach(i -> out.add(i.description()));
    return out;
  }
}
