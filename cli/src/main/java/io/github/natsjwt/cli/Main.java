package io.github.natsjwt.cli;

import io.github.natsjwt.NatsJwtException;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code natsjwt} tool.
 *
 * <p>Every failure ends as one line on standard error, prefixed with {@code natsjwt:}, with no
 * stack trace and with seeds redacted, and an exit code from {@link ExitCodes}.
 */
public final class Main {
  /** The command's name, as users type it. */
  public static final String NAME = "natsjwt";

  /** Held so that the level set on it stays: java.util.logging keeps loggers weakly. */
  private static final java.util.logging.Logger LIBRARY_LOGS =
      java.util.logging.Logger.getLogger("io.github.natsjwt");

  private Main() {}

  /**
   * Turns the library's log records off when they would go to {@code java.util.logging}'s default
   * console handler: the tool reports every outcome itself, and the records would repeat it on
   * standard error in another format. A configuration given with {@code
   * -Djava.util.logging.config.file} (or {@code .class}) is left as it is.
   */
  static void quietLibraryLogs() {
    if (System.getProperty("java.util.logging.config.file") == null
        && System.getProperty("java.util.logging.config.class") == null) {
      LIBRARY_LOGS.setLevel(java.util.logging.Level.OFF);
    }
  }

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    quietLibraryLogs();
    int exitCode = commandLine(StdStreams.system()).execute(args);
    System.out.flush();
    System.exit(exitCode);
  }

  /**
   * Builds the command tree wired to the given streams, with the tool's error handling.
   *
   * @param streams where commands read and write
   * @return a command line ready to {@link CommandLine#execute(String...) execute}
   */
  public static CommandLine commandLine(StdStreams streams) {
    return commandLine(streams, Environment.system());
  }

  /**
   * Builds the command tree wired to the given streams and environment, with the tool's error
   * handling.
   *
   * @param streams where commands read and write
   * @param environment the environment variables and home directory the commands see
   * @return a command line ready to {@link CommandLine#execute(String...) execute}
   */
  public static CommandLine commandLine(StdStreams streams, Environment environment) {
    CommandLine cmd = new CommandLine(NatsJwtCommand.class, new Factory(streams, environment));
    NatsJwtCommand.addFooter(cmd.getCommandSpec());
    cmd.setOut(new PrintWriter(streams.out(), true, StandardCharsets.UTF_8));
    cmd.setErr(new PrintWriter(streams.err(), true, StandardCharsets.UTF_8));
    cmd.setParameterExceptionHandler(
        (ex, args) -> {
          String name = ex.getCommandLine().getCommandSpec().qualifiedName();
          error(streams, usageMessage(ex) + " (see '" + name + " --help')");
          return ExitCodes.BAD_INPUT;
        });
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          error(streams, failureMessage(ex));
          return ExitCodes.of(ex);
        });
    return cmd;
  }

  /**
   * Returns the usage error for a command that needs a subcommand and got none.
   *
   * @param spec the command
   * @return the exception to throw from its {@code run()}
   */
  public static ParameterException missingSubcommand(CommandSpec spec) {
    return new ParameterException(
        spec.commandLine(),
        "missing command: choose one of " + String.join(", ", spec.subcommands().keySet()));
  }

  private static void error(StdStreams streams, String message) {
    streams.out().flush();
    streams.err().println(NAME + ": " + Redaction.redact(message));
    streams.err().flush();
  }

  private static String usageMessage(ParameterException ex) {
    String message = ex.getMessage() != null ? ex.getMessage() : "invalid command line";
    if (ex instanceof UnmatchedArgumentException) {
      List<String> suggestions = ((UnmatchedArgumentException) ex).getSuggestions();
      if (!suggestions.isEmpty()) {
        message += "; did you mean " + String.join(" or ", suggestions) + "?";
      }
    }
    return message;
  }

  private static String failureMessage(Exception ex) {
    if (ex instanceof InputException || ex instanceof NatsJwtException) {
      return String.valueOf(ex.getMessage());
    }
    // A bug, not bad input: say what it was without a stack trace.
    return "unexpected error: "
        + ex.getClass().getName()
        + (ex.getMessage() != null ? ": " + ex.getMessage() : "");
  }

  /** Creates commands and mixins, handing the streams and environment to those that take them. */
  private static final class Factory implements IFactory {
    private final StdStreams streams;
    private final Environment environment;

    Factory(StdStreams streams, Environment environment) {
      this.streams = streams;
      this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getConstructors()) {
        Class<?>[] types = c.getParameterTypes();
        Object[] args = new Object[types.length];
        boolean fits = true;
        for (int i = 0; i < types.length && fits; i++) {
          if (types[i] == StdStreams.class) {
            args[i] = streams;
          } else if (types[i] == Environment.class) {
            args[i] = environment;
          } else {
            fits = false;
          }
        }
        if (fits && types.length > 0) {
          return cls.cast(c.newInstance(args));
        }
      }
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
