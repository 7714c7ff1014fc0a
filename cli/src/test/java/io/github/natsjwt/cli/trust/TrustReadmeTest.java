package io.github.natsjwt.cli.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.cli.SeedAssertions;
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

/** Runs the trust example in cli/README.md as a shell script against the real main class. */
class TrustReadmeTest {
  private static final Pattern EXAMPLE =
      Pattern.compile("## Trust\\n.*?```sh\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void trustExample_runInShell_acceptsAndPreviews() throws IOException, InterruptedException {
    assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Matcher m = EXAMPLE.matcher(readme);
    assertTrue(m.find(), "README.md has no trust example");
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
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "example timed out");

    assertEquals(0, p.exitValue(), output);
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
    SeedAssertions.assertNoSeed(output);
  }
}
