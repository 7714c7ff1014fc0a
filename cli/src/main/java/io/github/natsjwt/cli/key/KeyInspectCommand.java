package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.Redaction;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.nats.JsonOut;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import java.io.PrintStream;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt key inspect}: says what a key is, or why it is not one. */
@Command(
    name = "inspect",
    description = {
      "Show a key's type and public key, and whether it is a seed; or why it is not a valid key.",
      "Seeds are never printed. Pass seeds with --file or on standard input (-), not as an"
          + " argument: arguments show in the process list."
    })
public final class KeyInspectCommand implements Callable<Integer> {
  static final String SEED_ARGUMENT_WARNING =
      "a seed on the command line shows in the process list and shell history;"
          + " use --file <file> or - (standard input) instead";

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<key>",
      description = "A public key or seed, or - to read it from standard input.")
  private @Nullable String key;

  @Option(
      names = "--file",
      paramLabel = "<file>",
      description = "Read the key from the first line of this file that is a valid key.")
  private @Nullable String file;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KeyInspectCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    if ((key == null) == (file == null)) {
      throw new ParameterException(
          spec.commandLine(), "give one of: a key, --file <file>, or - for standard input");
    }
    char[] text = key != null && !Inputs.STDIN.equals(key) ? fromArgument(key) : fromFile();
    try {
      return inspect(text);
    } finally {
      KeySources.wipe(text);
    }
  }

  private char[] fromArgument(String value) {
    if (Redaction.looksLikeSecret(value)) {
      streams.warn(SEED_ARGUMENT_WARNING);
    }
    return value.strip().toCharArray();
  }

  private char[] fromFile() {
    String source = file != null ? file : Inputs.STDIN;
    byte[] bytes = Inputs.readSmall(source, "key file", streams.in());
    try {
      char[] line = KeySources.firstKeyLine(bytes);
      if (line == null) {
        line = KeySources.firstNonBlankLine(bytes, '\0');
      }
      if (line == null) {
        throw new InputException(
            Inputs.describe("key file", source) + " is empty; it should hold a key");
      }
      return line;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private int inspect(char[] text) {
    PrintStream out = streams.out();
    boolean seed = text.length > 0 && text[0] == 'S';
    NKey nkey;
    try {
      nkey = seed ? NKey.fromSeed(text) : NKey.fromPublicKey(CharBuffer.wrap(text));
    } catch (InvalidNKeyException e) {
      // The report says "no"; the reason goes to standard error with exit code 2, like every
      // other failure. The library's message never repeats the input.
      if (json) {
        out.println(
            JsonOut.object()
                .bool("valid", false)
                .string("type", null)
                .string("public_key", null)
                .bool("seed", seed)
                .string("error", Redaction.redact(String.valueOf(e.getMessage()))));
      } else {
        out.println("valid:      no");
      }
      out.flush();
      throw e;
    }
    try (nkey) {
      if (json) {
        out.println(
            JsonOut.object()
                .bool("valid", true)
                .string("type", KeyTypes.name(nkey.type()))
                .string("public_key", nkey.publicKey())
                .bool("seed", nkey.hasSeed())
                .string("error", null));
        out.flush();
        return ExitCodes.OK;
      }
      out.println("type:       " + KeyTypes.name(nkey.type()));
      out.println("public key: " + nkey.publicKey());
      out.println("seed:       " + (nkey.hasSeed() ? "yes (not shown)" : "no"));
      out.println("valid:      yes");
      out.flush();
    }
    return ExitCodes.OK;
  }
}
