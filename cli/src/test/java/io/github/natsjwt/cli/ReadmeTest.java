package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the walkthroughs in cli/README.md as shell scripts against the real main class. */
class ReadmeTest {
  @TempDir Path dir;

  @Test
  void walkthrough_runInShell_verifiesAndOpens() throws IOException, InterruptedException {
    String output = runBlock("Walkthrough");

    assertTrue(output.contains("Verified OK\n"), output);
    assertTrue(output.contains("seed:       yes (not shown)\n"), output);
    assertTrue(output.endsWith("Hello World!\n"), output);
  }

  @Test
  void jwtWalkthrough_runInShell_encodesAndDescribes() throws IOException, InterruptedException {
    String output = runBlock("JWT walkthrough");

    assertTrue(output.startsWith("user JWT \"alice\"\n"), output);
    assertTrue(output.contains("  publish allow         orders.>\n"), output);
    assertTrue(output.contains("  subscribe allow       _INBOX.>\n"), output);
    assertTrue(output.contains(", in 30 days\n"), output);
    assertTrue(output.contains("  result                no issues\n"), output);
    assertTrue(output.contains("\n  \"name\": \"my-account\",\n"), output);
    assertTrue(output.endsWith("}\n"), output);
  }

  /** Runs the first sh block after a heading; returns what it printed on both streams. */
  private String runBlock(String heading) throws IOException, InterruptedException {
    assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("## " + Pattern.quote(heading) + "\\s+```sh\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertTrue(m.find(), "README.md has no block under " + heading);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        "set -euo pipefail\n"
            + "natsjwt() { '"
            + java
            + "' -XX:TieredStopAtLevel=1 -cp \"$NATSJWT_CP\" io.github.natsjwt.cli.Main \"$@\"; }\n"
            + m.group(1);

    ProcessBuilder pb =
        new ProcessBuilder("/bin/bash", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("NATSJWT_CP", System.getProperty("java.class.path"));
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), heading + " timed out");

    assertEquals(0, p.exitValue(), output);
    SeedAssertions.assertNoSeed(output);
    return output;
  }
}
