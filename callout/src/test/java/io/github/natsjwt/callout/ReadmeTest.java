package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Keeps the README's callout example and {@link ReadmeExampleTest} the same. */
class ReadmeTest {
  @Test
  void readme_containsTheCalloutExampleThatRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/callout/ReadmeExampleTest.java"));
    String body =
        source.substring(
            source.indexOf("// README start\n") + "// README start\n".length(),
            source.indexOf("      // README end"));
    String readme = Files.readString(repositoryRoot().resolve("README.md"));
    String unindented = body.replaceAll("(?m)^      ", "");

    assertTrue(
        readme.contains(unindented),
        "README.md lacks the callout example as ReadmeExampleTest runs it");
    assertTrue(unindented.lines().count() <= 15, "the example has at most 15 lines");
  }

  @Test
  void readme_containsTheTestingWithCalloutExampleThatRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/natsjwt/callout/ReadmeExampleTest.java"));
    String start = "  // README testing start\n";
    String body =
        source.substring(
            source.indexOf(start) + start.length(), source.indexOf("  // README testing end"));
    String readme = Files.readString(repositoryRoot().resolve("README.md"));

    assertTrue(
        readme.contains("```java\n" + body + "```\n"),
        "README.md lacks the testing-with-callout example as ReadmeExampleTest runs it");
  }

  private static Path repositoryRoot() {
    String testdata = System.getProperty("natsjwt.testdata.dir");
    if (testdata != null && !testdata.isBlank()) {
      return Paths.get(testdata).getParent();
    }
    return Paths.get("").toAbsolutePath().getParent();
  }
}
