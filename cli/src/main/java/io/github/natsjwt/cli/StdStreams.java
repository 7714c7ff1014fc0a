package io.github.natsjwt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * The standard input, output and error of one run, so that tests can run commands in-process.
 *
 * <p>{@code out} is a {@link PrintStream} rather than a writer because {@code key open} writes the
 * plaintext bytes as they are.
 *
 * @param in standard input
 * @param out standard output
 * @param err standard error
 */
public record StdStreams(InputStream in, PrintStream out, PrintStream err) {
  /**
   * Checks that no stream is null.
   *
   * @param in standard input
   * @param out standard output
   * @param err standard error
   */
  public StdStreams {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /**
   * Returns the process's own streams.
   *
   * @return {@code System.in}, {@code System.out} and {@code System.err}
   */
  public static StdStreams system() {
    return new StdStreams(System.in, System.out, System.err);
  }

  /**
   * Prints a warning line on standard error.
   *
   * @param message the warning, one line
   */
  public void warn(String message) {
    err.println(Main.NAME + ": warning: " + message);
  }
}
