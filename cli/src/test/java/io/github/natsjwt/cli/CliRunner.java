package io.github.natsjwt.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the tool in-process with captured standard streams, and an environment of its own: no
 * variables and a home directory that does not exist, unless a test gives one, so that the
 * machine's NATS_URL or nats contexts never reach a test.
 */
public final class CliRunner {
  /** The environment of {@link #run} and {@link #runWithStdin}. */
  public static final Environment EMPTY_ENVIRONMENT =
      new Environment(Map.of(), Path.of("/nonexistent/natsjwt-test-home"));

  private CliRunner() {}

  /** What one run produced. */
  public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
    /** Standard output as UTF-8 text. */
    public String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** Standard output and error together, for checks that apply to both. */
    public String all() {
      return stdout() + "\n" + stderr;
    }

    /** Standard output lines. */
    public String[] lines() {
      return stdout().split("\n");
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr;
    }
  }

  /**
   * Runs with empty standard input.
   *
   * @param args the arguments after {@code natsjwt}
   * @return the result
   */
  public static Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  /**
   * Runs with text on standard input.
   *
   * @param stdin the input, UTF-8
   * @param args the arguments after {@code natsjwt}
   * @return the result
   */
  public static Result runWithStdin(String stdin, String... args) {
    return runWithStdin(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  /**
   * Runs with bytes on standard input.
   *
   * @param stdin the input
   * @param args the arguments after {@code natsjwt}
   * @return the result
   */
  public static Result runWithStdin(byte[] stdin, String... args) {
    return runIn(EMPTY_ENVIRONMENT, stdin, args);
  }

  /**
   * Runs in an environment with bytes on standard input.
   *
   * @param environment the environment variables and home directory the tool sees
   * @param stdin the input
   * @param args the arguments after {@code natsjwt}
   * @return the result
   */
  public static Result runIn(Environment environment, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      StdStreams streams = new StdStreams(new ByteArrayInputStream(stdin), o, e);
      int code = Main.commandLine(streams, environment).execute(args);
      o.flush();
      e.flush();
      return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
  }
}
