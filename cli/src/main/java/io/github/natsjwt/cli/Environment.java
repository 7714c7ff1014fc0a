package io.github.natsjwt.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables and home directory of one run, so that tests can run commands
 * in-process with an environment of their own.
 *
 * <p>Immutable and thread-safe.
 *
 * @param variables the environment variables
 * @param home the user's home directory
 */
public record Environment(Map<String, String> variables, Path home) {
  /**
   * Copies the variables and checks for nulls.
   *
   * @param variables the environment variables
   * @param home the user's home directory
   */
  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(home, "home");
  }

  /**
   * Returns the process's own environment.
   *
   * @return {@code System.getenv()} and the {@code user.home} directory
   */
  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home", ".")));
  }

  /**
   * Returns a variable that is set and not empty.
   *
   * @param name the variable's name
   * @return its value, or empty when it is unset or empty
   */
  public Optional<String> variable(String name) {
    String v = variables.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
