package io.github.natsjwt.cli.creds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.ReadmeExamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the creds example in cli/README.md as a shell script against the real main class. */
class CredsReadmeTest {
  @TempDir Path dir;

  @Test
  void credsExample_runInShell_inspectsUsableCreds() throws IOException, InterruptedException {
    String output = ReadmeExamples.run("Creds files", dir);

    String user = Files.readString(dir.resolve("alice.pub")).strip();
    assertTrue(output.contains("user:             " + user + "\n"), output);
    assertTrue(output.contains("pub allow:        orders.>\n"), output);
    assertTrue(output.contains("seed matches JWT: yes\n"), output);
    assertTrue(output.endsWith("usable:           yes\n"), output);
  }
}
