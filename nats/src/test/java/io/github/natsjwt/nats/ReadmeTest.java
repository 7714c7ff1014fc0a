package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Keeps the README's example for this module and {@link ReadmeExampleTest} the same. */
class ReadmeTest {
  @Test
  void readme_containsTheExampleThatRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/nats/ReadmeExampleTest.java"));
    String body =
        source.substring(
            source.indexOf("  @Test\n  void pushLookUpAndResolve"),
            source.indexOf("    nc.close();\n") + "    nc.close();\n".length());
    String readme = Files.readString(repositoryRoot().resolve("README.md"));

    assertTrue(readme.contains(body), "README.md lacks the example as ReadmeExampleTest runs it");
  }

  @Test
  void readme_containsTheConfigModeExampleThatRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/nats/ReadmeExampleTest.java"));
    int start = source.indexOf("  @Test\n  void configModeNKeyUsers");
    String body = source.substring(start, source.indexOf("    b.close();\n", start) + 15);
    String readme = Files.readString(repositoryRoot().resolve("README.md"));

    assertTrue(
        readme.contains(body),
        "README.md lacks the config-mode example as ReadmeExampleTest runs it");
  }

  private static Path repositoryRoot() {
    String testdata = System.getProperty("natsjwt.testdata.dir");
    if (testdata != null && !testdata.isBlank()) {
      return Paths.get(testdata).getParent();
    }
    return Paths.get("").toAbsolutePath().getParent();
  }
}
