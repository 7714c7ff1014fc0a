package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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

  private String runBlock(String heading) throws IOException, InterruptedException {
    return ReadmeExamples.run(heading, dir);
  }
}
