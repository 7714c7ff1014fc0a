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

/** Runs the shell examples of cli/README.md against the real main class. */
public final class ReadmeExamples {
  private ReadmeExamples() {}

  /**
   * Runs the first {@code sh} block after a heading in a directory, with {@code natsjwt} bound to
   * the main class, and checks that it succeeded and printed no seed.
   *
   * @param heading the section heading, without {@code ## }
   * @param dir the working directory of the script
   * @return what the script printed on both streams
   */
  public static String run(String heading, Path dir) throws IOException, InterruptedException {
    return run(heading, dir, "");
  }

  /**
   * Runs the first {@code sh} block after a heading as {@link #run(String, Path)} does, with shell
   * lines before it (functions or variables that stand in for what a reader has installed).
   *
   * @param heading the section heading, without {@code ## }
   * @param dir the working directory of the script
   * @param prelude shell lines run first
   * @return what the script printed on both streams
   */
  public static String run(String heading, Path dir, String prelude)
      throws IOException, InterruptedException {
    assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("## " + Pattern.quote(heading) + "\\n.*?```sh\\n(.*?)```", Pattern.DOTALL)
            .matcher(readme);
    assertTrue(m.find(), "README.md has no example under " + heading);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script =
        "set -euo pipefail\n"
            + "natsjwt() { '"
            + java
            + "' -XX:TieredStopAtLevel=1 -cp \"$NATSJWT_CP\" io.github.natsjwt.cli.Main \"$@\"; }\n"
            + prelude
            + m.group(1);

    ProcessBuilder pb =
        new ProcessBuilder("/bin/bash", "-c", script)
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("NATSJWT_CP", System.getProperty("java.class.path"));
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), heading + " example timed out");

    assertEquals(0, p.exitValue(), output);
    SeedAssertions.assertNoSeed(output);
    return output;
  }
}
