package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.Environment;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.internal.json.JsonIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A connection context of the {@code nats} command-line tool: a JSON file {@code
 * <config>/nats/context/<name>.json}, where {@code <config>} is {@code $XDG_CONFIG_HOME} or {@code
 * ~/.config}, the selected one named in {@code <config>/nats/context.txt}.
 *
 * <p>Only {@code url} and {@code creds} are read; the other members (user, password, token, nkey,
 * TLS and JetStream settings) are ignored, since these commands connect as a system-account user
 * with a creds file. The file is read with the library's JSON reader, with Go's rules, as the
 * {@code nats} tool reads it: member names match regardless of case, the last duplicate wins.
 *
 * @param name the context's name
 * @param file the file it was read from
 * @param url the {@code url} member: one URL or several separated by commas; empty when unset
 * @param creds the {@code creds} member: a creds file path, a leading {@code ~/} expanded; empty
 *     when unset
 */
record NatsContext(String name, Path file, String url, String creds) {
  /** Largest context file read; real ones are a few hundred bytes. */
  private static final int MAX_BYTES = 1 << 20;

  /**
   * Returns the directory holding {@code context.txt} and {@code context/}.
   *
   * @param env the environment
   * @return {@code $XDG_CONFIG_HOME/nats}, or {@code ~/.config/nats}
   */
  static Path directory(Environment env) {
    Path config =
        env.variable("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    return config.resolve("nats");
  }

  /**
   * Returns the context selected with {@code nats context select}, if any.
   *
   * @param env the environment
   * @return the name in {@code context.txt}, or empty when the file is missing or blank
   * @throws InputException when the file cannot be read
   */
  static Optional<String> selected(Environment env) {
    Path file = directory(env).resolve("context.txt");
    try {
      String name = Files.readString(file, StandardCharsets.UTF_8).strip();
      return name.isEmpty() ? Optional.empty() : Optional.of(name);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new InputException("cannot read the selected NATS context from " + file + ": " + e, e);
    }
  }

  /**
   * Reads a context by name.
   *
   * @param name the context's name, as {@code nats context} lists it
   * @param via how it was chosen, for messages ({@code --context}, {@code NATS_CONTEXT}, ...)
   * @param env the environment
   * @return the context
   * @throws InputException when the name is not a plain file name, the file is missing, too large
   *     or not a JSON object with string members {@code url} and {@code creds}
   */
  static NatsContext read(String name, String via, Environment env) {
    if (name.isBlank()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0) {
      throw new InputException(
          via + ": '" + name + "' is not a context name (a name as 'nats context ls' lists it)");
    }
    Path file = directory(env).resolve("context").resolve(name + ".json");
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InputException(
            via + ": NATS context file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(
          via + ": there is no NATS context '" + name + "' (no file " + file + ")", e);
    } catch (IOException e) {
      throw new InputException(via + ": cannot read NATS context file " + file + ": " + e, e);
    }
    try {
      JsonIn json = JsonIn.parse(bytes, "context");
      return new NatsContext(
          name, file, json.string("url").strip(), expandHome(json.string("creds").strip(), env));
    } catch (JsonIn.ShapeException e) {
      throw new InputException(
          via + ": NATS context file " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  /** Expands {@code ~} and {@code ~/...} as the nats tool does for its file settings. */
  private static String expandHome(String path, Environment env) {
    if (path.equals("~")) {
      return env.home().toString();
    }
    if (path.startsWith("~/")) {
      return env.home().resolve(path.substring(2)).toString();
    }
    return path;
  }
}
