package io.github.natsjwt.cli.trust;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.ReadmeExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the trust example in cli/README.md as a shell script against the real main class. */
class TrustReadmeTest {
  @TempDir Path dir;

  @Test
  void trustExample_runInShell_acceptsAndPreviews() throws IOException, InterruptedException {
    String output = ReadmeExamples.run("Trust", dir);

    String operator = Files.readString(dir.resolve("op.pub")).strip();
    String alice = Files.readString(dir.resolve("alice.pub")).strip();
    assertTrue(output.startsWith("accepted\nchain\n"), output);
    assertTrue(
        output.contains("\n  operator              " + operator + " \"my-operator\""), output);
    assertTrue(output.contains("\n  user                  " + alice + " \"alice\"\n"), output);
    assertTrue(output.contains("\n  publish allow         orders.>\n"), output);
    assertTrue(
        output.contains(
            "\n  nonce signature       verified: the creds file's seed signed the nonce\n"),
        output);
    assertTrue(output.contains("\n  after                 orders.red.>\n"), output);
    assertTrue(output.contains("\n  kept literally        x{{name()}}  ("), output);
  }
}
