package io.github.natsjwt.cli.creds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The Go-reference creds cases in {@code testdata/creds/index.json}. */
final class CredsCases {
  private static final JsonNode INDEX = load();

  private CredsCases() {}

  static Path file(String name) {
    return dir().resolve(name);
  }

  static JsonNode get(String name) {
    for (JsonNode c : INDEX.get("cases")) {
      if (c.get("file").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no creds case " + name);
  }

  /** The cases the library reads as valid: all but the two without a usable user seed. */
  static List<String> usable() {
    List<String> out = new ArrayList<>();
    for (JsonNode c : INDEX.get("cases")) {
      String f = c.get("file").asText();
      if (!f.equals("jwt_only.creds") && !f.equals("account_seed.creds")) {
        out.add(f);
      }
    }
    return out;
  }

  private static Path dir() {
    return Path.of(System.getProperty("natsjwt.testdata.dir", "../testdata"), "creds");
  }

  private static JsonNode load() {
    Path file = dir().resolve("index.json");
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
