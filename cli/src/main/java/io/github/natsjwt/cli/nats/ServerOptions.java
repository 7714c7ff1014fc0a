package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.Environment;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.creds.Creds;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that say which NATS system to talk to and as whom, shared by the commands that
 * connect through the system account ({@code push}, {@code lookup}, {@code list}, {@code delete},
 * ...): {@code --server}, {@code --creds} and {@code --context}. Add it to a command with
 * {@code @Mixin ServerOptions server;} and connect with {@link #readCreds} and {@link #connect}.
 *
 * <p>Each setting is taken from the first of these that has it:
 *
 * <ol>
 *   <li>the option ({@code --server}, {@code --creds});
 *   <li>the {@code nats} tool's context named by {@code --context}, or else by {@code
 *       NATS_CONTEXT};
 *   <li>the environment variable ({@code NATS_URL}, {@code NATS_CREDS});
 *   <li>the context selected with {@code nats context select} ({@code context.txt});
 *   <li>for the server only, {@value #DEFAULT_URL}, as the {@code nats} tool does.
 * </ol>
 *
 * <p>A context named on purpose beats the environment; the selected default context does not, so
 * that {@code NATS_URL=... natsjwt push ...} goes where it says even when a context is selected.
 *
 * <p>Not thread-safe: picocli fills in the options of one run.
 */
public final class ServerOptions {
  /** The server used when nothing names one (the nats tool's default). */
  public static final String DEFAULT_URL = "nats://127.0.0.1:4222";

  /** The environment variable naming the servers, as in the nats tool. */
  public static final String NATS_URL = "NATS_URL";

  /** The environment variable naming the creds file, as in the nats tool. */
  public static final String NATS_CREDS = "NATS_CREDS";

  /** The environment variable naming the context, as in the nats tool. */
  public static final String NATS_CONTEXT = "NATS_CONTEXT";

  private final Environment env;

  @Option(
      names = "--server",
      paramLabel = "<url>",
      description =
          "The server to connect to (several separated by commas). Default: the context's url,"
              + " else $NATS_URL, else "
              + DEFAULT_URL
              + ".")
  private @Nullable String server;

  @Option(
      names = "--creds",
      paramLabel = "<file|->",
      description =
          "Creds file of a user of the system account, or - for standard input. Default: the"
              + " context's creds, else $NATS_CREDS.")
  private @Nullable String creds;

  @Option(
      names = "--context",
      paramLabel = "<name>",
      description =
          "A context of the nats tool, whose url and creds to use (its file is"
              + " <name>.json in ~/.config/nats/context). Default: $NATS_CONTEXT; the context"
              + " selected with 'nats context select' comes after $NATS_URL and $NATS_CREDS.")
  private @Nullable String context;

  private @Nullable Resolved resolved;

  /**
   * Creates the options reading the process's environment, for a command built without the tool's
   * factory.
   */
  public ServerOptions() {
    this(Environment.system());
  }

  /**
   * Creates the options; picocli calls this through the tool's factory.
   *
   * @param env the environment variables and home directory to read
   */
  public ServerOptions(Environment env) {
    this.env = env;
  }

  /** One setting and where it came from. */
  private record Setting(String value, String origin) {}

  /** The settings of one run. */
  private record Resolved(Setting url, Setting creds) {}

  /**
   * Returns the server URL to connect to.
   *
   * @return one URL, or several separated by commas
   * @throws InputException when a context cannot be read
   */
  public String url() {
    return resolve().url().value();
  }

  /**
   * Returns where the server URL came from, for messages.
   *
   * @return for example {@code --server}, {@code NATS_URL} or {@code context 'local'}
   * @throws InputException when a context cannot be read
   */
  public String urlOrigin() {
    return resolve().url().origin();
  }

  /**
   * Returns the creds file to read, for the check that at most one input is standard input.
   *
   * @return a file name, or {@code -} for standard input
   * @throws InputException when no creds file is given anywhere, or a context cannot be read
   */
  public String credsSource() {
    return resolve().creds().value();
  }

  /**
   * Reads the creds file.
   *
   * @param stdin standard input, read when the creds source is {@code -}
   * @return the credentials; the caller closes them
   * @throws InputException when no creds file is given or it cannot be read
   * @throws io.github.natsjwt.creds.CredsFormatException when it is not a usable creds file
   */
  public Creds readCreds(InputStream stdin) {
    Setting c = resolve().creds();
    try {
      return NatsConnections.readCreds(c.value(), stdin);
    } catch (InputException e) {
      throw fromOrigin(e, c);
    }
  }

  /**
   * Connects to the server as the user of the credentials.
   *
   * @param user the credentials from {@link #readCreds}; they must stay open while the connection
   *     is
   * @param errors receives the server's asynchronous errors
   * @return the open connection
   * @throws InputException when the server cannot be reached or refuses the user
   * @throws InterruptedException when the thread is interrupted while connecting
   */
  public Connection connect(Creds user, ErrorListener errors) throws InterruptedException {
    Setting u = resolve().url();
    try {
      return NatsConnections.connect(u.value(), user, errors);
    } catch (InputException e) {
      throw fromOrigin(e, u);
    }
  }

  /** Says where a setting came from when it was not the option itself. */
  private static InputException fromOrigin(InputException e, Setting s) {
    if (s.origin().startsWith("--")) {
      return e;
    }
    return new InputException(e.getMessage() + " (taken from " + s.origin() + ")", e);
  }

  private Resolved resolve() {
    Resolved r = resolved;
    if (r == null) {
      r = compute();
      resolved = r;
    }
    return r;
  }

  private Resolved compute() {
    Optional<NatsContext> named = Optional.empty();
    if (context != null) {
      named = Optional.of(NatsContext.read(context, "--context", env));
    } else if (env.variable(NATS_CONTEXT).isPresent()) {
      named = Optional.of(NatsContext.read(env.variable(NATS_CONTEXT).get(), NATS_CONTEXT, env));
    }
    // The selected context is read only when something is still missing.
    Optional<NatsContext> selected = Optional.empty();
    boolean urlMissing =
        server == null
            && named.map(c -> c.url().isEmpty()).orElse(true)
            && env.variable(NATS_URL).isEmpty();
    boolean credsMissing =
        creds == null
            && named.map(c -> c.creds().isEmpty()).orElse(true)
            && env.variable(NATS_CREDS).isEmpty();
    if (urlMissing || credsMissing) {
      selected =
          NatsContext.selected(env)
              .map(n -> NatsContext.read(n, "the selected context (context.txt)", env));
    }

    Setting url;
    if (server != null) {
      url = new Setting(server, "--server");
    } else if (named.isPresent() && !named.get().url().isEmpty()) {
      url = new Setting(named.get().url(), origin(named.get()));
    } else if (env.variable(NATS_URL).isPresent()) {
      url = new Setting(env.variable(NATS_URL).get(), NATS_URL);
    } else if (selected.isPresent() && !selected.get().url().isEmpty()) {
      url = new Setting(selected.get().url(), origin(selected.get()));
    } else {
      url = new Setting(DEFAULT_URL, "the default server");
    }

    Setting credsFile;
    if (creds != null) {
      credsFile = new Setting(creds, "--creds");
    } else if (named.isPresent() && !named.get().creds().isEmpty()) {
      credsFile = new Setting(named.get().creds(), origin(named.get()));
    } else if (env.variable(NATS_CREDS).isPresent()) {
      credsFile = new Setting(env.variable(NATS_CREDS).get(), NATS_CREDS);
    } else if (selected.isPresent() && !selected.get().creds().isEmpty()) {
      credsFile = new Setting(selected.get().creds(), origin(selected.get()));
    } else {
      throw new InputException(
          "no creds: give --creds <file> (a user of the system account), a --context whose"
              + " creds are set"
              + named.map(c -> " (context '" + c.name() + "' has none)").orElse("")
              + ", or "
              + NATS_CREDS);
    }
    return new Resolved(url, credsFile);
  }

  private static String origin(NatsContext c) {
    return "context '" + c.name() + "', " + c.file();
  }
}
