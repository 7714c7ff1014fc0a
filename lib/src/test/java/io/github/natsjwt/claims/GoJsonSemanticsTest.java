package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads with duplicate keys, {@code null}, case variants of keys, type errors in replaced
 * occurrences and unusual numbers, read as the Go reference reads them: {@code
 * testdata/go-json/expected.tsv} holds what {@code jwt.Decode} (jwt v2.3.0, Go 1.19, the
 * encoding/json of nats-server 2.9) gives for each, made by {@code testdata/go-json/main.go}. A
 * payload Go decodes must decode to the same claims, written back to the same bytes; one Go refuses
 * must be refused.
 */
class GoJsonSemanticsTest {
  static Stream<Arguments> cases() throws IOException {
    Path file =
        Path.of(System.getProperty("natsjwt.testdata", "../testdata"), "go-json", "expected.tsv");
    if (!Files.exists(file)) {
      file = Path.of("testdata", "go-json", "expected.tsv");
    }
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int tab = line.lastIndexOf('\t');
      out.add(Arguments.of(line.substring(0, tab), line.substring(tab + 1)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void payload_readAsGoReadsIt(String payload, String go) {
    if (go.startsWith("ERR ")) {
      assertThrows(ClaimsFormatException.class, () -> Claims.fromJson(payload), go);
    } else {
      assertEquals(go.substring(3), Claims.fromJson(payload).toJson());
    }
  }
}
