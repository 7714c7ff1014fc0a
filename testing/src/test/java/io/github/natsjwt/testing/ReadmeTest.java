package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Keeps the README's example and {@link ReadmeExampleTest}, which runs it, the same. */
class ReadmeTest {
  @Test
  void readme_containsTheExampleThatRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/testing/ReadmeExampleTest.java"));
    String body =
        source.substring(
            source.indexOf("  @Test\n  void alicePublishesOrders"),
            source.indexOf("    nc.close();\n") + "    nc.close();\n".length());
    String readme = Files.readString(repositoryRoot().resolve("README.md"));

    assertTrue(readme.contains(body), "README.md lacks the example as ReadmeExampleTest runs it");
    String matrix =
        source.substring(
            source.indexOf("  @NatsServerMatrix"), source.lastIndexOf("  }\n}") + "  }\n".length());
    assertTrue(readme.contains(matrix), "README.md lacks the @NatsServerMatrix example as it runs");
    assertTrue(
        readme.contains(
            "@NatsServerTest // skipped, with a hint, where nats-server is not installed"));
  }

  private static Path repositoryRoot() {
    String testdata = System.getProperty("natsjwt.testdata.dir");
    if (testdata != null && !testdata.isBlank()) {
      return Paths.get(testdata).getParent();
    }
    return Paths.get("").toAbsolutePath().getParent();
  }
}
