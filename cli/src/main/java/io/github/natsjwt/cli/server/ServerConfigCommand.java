package io.github.natsjwt.cli.server;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.SecretFiles;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.cli.nats.JsonOut;
import io.github.natsjwt.config.ConfigAccount;
import io.github.natsjwt.config.ConfigUser;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code natsjwt server config}: writes an operator-mode nats-server configuration (the operator
 * JWT, the system account, a full resolver with the accounts preloaded) and the creds of a user of
 * the system account, so that {@code push}, {@code lookup}, {@code list} and {@code delete} work
 * against the server at once. Without {@code --operator} it creates a new operator and system
 * account first.
 */
@Command(
    name = "config",
    description = {
      "Write a nats-server configuration in operator mode, and the creds of a system-account"
          + " user, into --dir: server.conf (the operator JWT, system_account, a full resolver in"
          + " <dir>/jwt with the accounts preloaded) and sys.creds. Start the server with"
          + " 'nats-server -c <dir>/server.conf'; push, lookup, list and delete then work with"
          + " --creds <dir>/sys.creds.",
      "Without --operator, a new operator and system account are created and their seeds and"
          + " JWTs written to --dir too (operator.nk, operator.jwt, sys.nk, sys.jwt; seeds"
          + " owner-only). With --operator, give --system-account, and --system-account-key to"
          + " get sys.creds.",
      "With --config-mode, a configuration-mode server instead: accounts APP and SYS (the"
          + " system account) in the file itself, each with a new NKey user whose seed goes to"
          + " app-user.nk and sys-user.nk. push and lookup need operator mode.",
      "Existing files are kept unless --force is given."
    })
public final class ServerConfigCommand implements Callable<Integer> {
  /** The configuration file written into the directory. */
  static final String CONFIG_FILE = "server.conf";

  /** The creds file of the system user. */
  static final String CREDS_FILE = "sys.creds";

  /** The full resolver's directory, under the output directory. */
  static final String RESOLVER_DIR = "jwt";

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "<dir>",
      description = "The directory to write into; created if missing.")
  private Path dir;

  @Option(
      names = "--operator",
      paramLabel = "<jwt|file>",
      description =
          "The operator JWT the server trusts, or a file holding it. Without it, a new operator"
              + " is created.")
  private @Nullable String operator;

  @Option(
      names = "--system-account",
      paramLabel = "<jwt|file>",
      description = "The system account's JWT, signed by the operator; needed with --operator.")
  private @Nullable String systemAccount;

  @Option(
      names = "--system-account-key",
      paramLabel = "<seedfile|->",
      description =
          "Seed of the system account or of one of its signing keys (a file, or - for standard"
              + " input): signs the user of sys.creds. Without it, no creds are written.")
  private @Nullable String systemAccountKey;

  @Option(
      names = "--account",
      paramLabel = "<jwt|file>",
      description = "Another account JWT to preload. Repeat for more.")
  private List<String> accounts = new ArrayList<>();

  @Option(
      names = "--name",
      paramLabel = "<name>",
      defaultValue = "natsjwt",
      description = "The name of a new operator. Default: ${DEFAULT-VALUE}.")
  private String name = "natsjwt";

  @Option(
      names = "--host",
      paramLabel = "<host>",
      defaultValue = ServerConfig.DEFAULT_HOST,
      description = "The address the server listens on. Default: ${DEFAULT-VALUE}.")
  private String host = ServerConfig.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "<port>",
      defaultValue = "4222",
      description = "The client port. Default: ${DEFAULT-VALUE}.")
  private int port = ServerConfig.DEFAULT_PORT;

  @Option(
      names = "--allow-delete",
      description = "Let 'natsjwt delete' remove accounts (allow_delete in the resolver block).")
  private boolean allowDelete;

  @Option(
      names = "--config-mode",
      description =
          "Write a configuration-mode server (accounts and NKey users in the file) instead of an"
              + " operator-mode one.")
  private boolean configMode;

  @Option(names = "--force", description = "Replace files that already exist.")
  private boolean force;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /** Where the text report goes: standard output, or nowhere with --json. */
  private PrintStream text = System.out;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public ServerConfigCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    List<String> inputs = new ArrayList<>(accounts);
    for (String s : new String[] {operator, systemAccount, systemAccountKey}) {
      if (s != null) {
        inputs.add(s);
      }
    }
    Inputs.requireAtMostOneStdin(spec, inputs.toArray(new String[0]));
    if (configMode
        && (operator != null
            || systemAccount != null
            || systemAccountKey != null
            || !accounts.isEmpty()
            || allowDelete)) {
      throw usage(
          "--config-mode writes accounts and users of its own; --operator, --system-account,"
              + " --system-account-key, --account and --allow-delete belong to operator mode");
    }
    if (operator == null && (systemAccount != null || systemAccountKey != null)) {
      throw usage(
          "--system-account and --system-account-key go with --operator; without --operator a"
              + " new operator and system account are created");
    }
    if (operator != null && systemAccount == null) {
      throw usage("--operator needs --system-account, the system account's JWT");
    }
    Path out = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new InputException("cannot create --dir " + out + ": " + e.getMessage(), e);
    }
    if (!force) {
      // Check every file first, so that a refusal leaves nothing half-written.
      List<String> names = new ArrayList<>(List.of(CONFIG_FILE, CREDS_FILE));
      if (configMode) {
        names = List.of(CONFIG_FILE, "app-user.nk", "sys-user.nk");
      } else if (operator == null) {
        names.addAll(List.of("operator.nk", "operator.jwt", "sys.nk", "sys.jwt"));
      }
      for (String n : names) {
        if (Files.exists(out.resolve(n), LinkOption.NOFOLLOW_LINKS)) {
          throw new InputException(
              "'"
                  + out.resolve(n)
                  + "' already exists; give --force to replace it, or another"
                  + " --dir");
        }
      }
    }
    text = json ? new PrintStream(OutputStream.nullOutputStream()) : streams.out();
    PrintStream o = text;
    if (configMode) {
      return configMode(out, o);
    }
    Chain chain = operator == null ? newChain(out) : givenChain();
    ServerConfig config = config(out, chain);
    Path file = out.resolve(CONFIG_FILE);
    writePublic(file, config.render());
    o.printf(
        "wrote %s: operator %s%s, system account %s, full resolver in %s, listening on %s:%d%n",
        file,
        chain.operator().subject(),
        chain.operator().name().isEmpty() ? "" : " \"" + chain.operator().name() + "\"",
        chain.system().subject(),
        out.resolve(RESOLVER_DIR),
        host,
        port);
    NKey key = chain.systemKey();
    String user = null;
    Path creds = null;
    if (key != null) {
      try (key) {
        creds = out.resolve(CREDS_FILE);
        user = writeCreds(creds, key, chain.system());
        o.printf("wrote %s: user %s \"sys\" of the system account (owner-only)%n", creds, user);
        o.printf("start the server: nats-server -c %s%n", file);
        o.printf(
            "then:             natsjwt push --server nats://%s:%d --creds %s <account.jwt>%n",
            host.contains(":") ? "[" + host + "]" : host, port, creds);
      }
    } else {
      o.printf("start the server: nats-server -c %s%n", file);
      o.println(
          "no creds written: give --system-account-key to get a system-account user for push");
    }
    o.flush();
    if (json) {
      List<JsonOut> users = new ArrayList<>();
      if (user != null) {
        users.add(
            JsonOut.object()
                .string("account", chain.system().subject())
                .string("public_key", user)
                .string("creds", String.valueOf(creds))
                .string("seed_file", null));
      }
      printJson(
          "operator",
          file,
          chain.operator().subject(),
          chain.system().subject(),
          out.resolve(RESOLVER_DIR).toString(),
          users,
          operator == null
              ? List.of("operator.nk", "operator.jwt", "sys.nk", "sys.jwt").stream()
                  .map(n -> out.resolve(n).toString())
                  .toList()
              : List.of());
    }
    return ExitCodes.OK;
  }

  private void printJson(
      String mode,
      Path file,
      @Nullable String operatorKey,
      String systemAccount,
      @Nullable String resolverDir,
      List<JsonOut> users,
      List<String> created) {
    streams
        .out()
        .println(
            JsonOut.object()
                .string("mode", mode)
                .string("config", file.toString())
                .string(
                    "url", "nats://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
                .string("operator", operatorKey)
                .string("system_account", systemAccount)
                .string("resolver_dir", resolverDir)
                .objects("users", users)
                .strings("created", created));
    streams.out().flush();
  }

  /** Writes a configuration-mode server with an NKey user in each of APP and SYS. */
  private int configMode(Path out, PrintStream o) {
    try (NKey app = NKey.generate(NKeyType.USER);
        NKey sys = NKey.generate(NKeyType.USER)) {
      ServerConfig config =
          ServerConfig.builder()
              .host(host)
              .port(port)
              .account(
                  ConfigAccount.builder("APP")
                      .user(ConfigUser.nkey(app.publicKey()).build())
                      .build())
              .account(
                  ConfigAccount.builder("SYS")
                      .user(ConfigUser.nkey(sys.publicKey()).build())
                      .build())
              .systemAccountName("SYS")
              .build();
      Path file = out.resolve(CONFIG_FILE);
      writePublic(file, config.render());
      writeSeed(out.resolve("app-user.nk"), app);
      writeSeed(out.resolve("sys-user.nk"), sys);
      o.printf(
          "wrote %s: configuration mode, accounts APP and SYS (the system account), listening on"
              + " %s:%d%n",
          file, host, port);
      o.printf(
          "wrote %s: seed of NKey user %s of account APP (owner-only)%n",
          out.resolve("app-user.nk"), app.publicKey());
      o.printf(
          "wrote %s: seed of NKey user %s of account SYS (owner-only)%n",
          out.resolve("sys-user.nk"), sys.publicKey());
      o.printf("start the server: nats-server -c %s%n", file);
      o.printf(
          "then connect as an NKey user with a seed file, for example: nats --server"
              + " nats://%s:%d --nkey %s pub hello world%n",
          host.contains(":") ? "[" + host + "]" : host, port, out.resolve("app-user.nk"));
      o.flush();
      if (json) {
        printJson(
            "config",
            file,
            null,
            "SYS",
            null,
            List.of(
                JsonOut.object()
                    .string("account", "APP")
                    .string("public_key", app.publicKey())
                    .string("creds", null)
                    .string("seed_file", out.resolve("app-user.nk").toString()),
                JsonOut.object()
                    .string("account", "SYS")
                    .string("public_key", sys.publicKey())
                    .string("creds", null)
                    .string("seed_file", out.resolve("sys-user.nk").toString())),
            List.of());
      }
    }
    return ExitCodes.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The operator, the system account and, when known, a key that may sign its users. */
  private record Chain(
      String operatorJwt,
      OperatorClaims operator,
      String systemJwt,
      AccountClaims system,
      @Nullable NKey systemKey) {}

  /** Creates an operator and a system account, and writes their seeds and JWTs. */
  private Chain newChain(Path out) {
    try (NKey op = NKey.generate(NKeyType.OPERATOR)) {
      NKey sys = NKey.generate(NKeyType.ACCOUNT);
      try {
        OperatorClaims opClaims =
            OperatorClaims.builder(op.publicKey())
                .name(name)
                .systemAccount(sys.publicKey())
                .build();
        String opJwt = Jwt.encode(opClaims, op);
        AccountClaims sysClaims = AccountClaims.builder(sys.publicKey()).name("SYS").build();
        String sysJwt = Jwt.encode(sysClaims, op);
        writeSeed(out.resolve("operator.nk"), op);
        writeSeed(out.resolve("sys.nk"), sys);
        writePublic(out.resolve("operator.jwt"), opJwt + "\n");
        writePublic(out.resolve("sys.jwt"), sysJwt + "\n");
        text.printf(
            "created operator %s \"%s\" (operator.nk, operator.jwt) and system account %s"
                + " (sys.nk, sys.jwt) in %s%n",
            op.publicKey(), name, sys.publicKey(), out);
        return new Chain(
            opJwt,
            Jwt.decode(opJwt, OperatorClaims.class).claims(),
            sysJwt,
            Jwt.decode(sysJwt, AccountClaims.class).claims(),
            sys);
      } catch (RuntimeException e) {
        sys.close();
        throw e;
      }
    }
  }

  /** Reads and checks the given operator, system account and system account key. */
  private Chain givenChain() {
    String opJwt = TokenSources.read(operator, streams.in());
    DecodedJwt<OperatorClaims> op;
    try {
      op = Jwt.decode(opJwt, OperatorClaims.class);
    } catch (NatsJwtException e) {
      throw new InputException("--operator: " + e.getMessage(), e);
    }
    String sysJwt = TokenSources.read(systemAccount, streams.in());
    AccountClaims sys;
    try {
      sys = Jwt.decode(sysJwt, AccountClaims.class).claims();
    } catch (NatsJwtException e) {
      throw new InputException("--system-account: " + e.getMessage(), e);
    }
    String named = op.claims().systemAccount();
    if (!named.isEmpty() && !named.equals(sys.subject())) {
      throw new InputException(
          "--system-account is account "
              + sys.subject()
              + ", but the operator JWT names "
              + named
              + " as its system account; give that account's JWT");
    }
    Verification<VerifiedAccount> v =
        TrustVerifier.builder().trustOperator(opJwt).build().verifyAccount(sysJwt);
    if (!v.isAccepted()) {
      throw new InputException(
          "--system-account: the server would not trust it: "
              + v.rejection().orElseThrow().message());
    }
    NKey key = null;
    if (systemAccountKey != null) {
      key = KeySources.readSeed(systemAccountKey, "--system-account-key", streams.in());
      if (key.type() != NKeyType.ACCOUNT
          || !(key.publicKey().equals(sys.subject())
              || sys.signingKeys().contains(key.publicKey()))) {
        String found = key.type() + " key " + key.publicKey();
        key.close();
        throw new InputException(
            "--system-account-key holds the "
                + found
                + ", which is neither the system account "
                + sys.subject()
                + " nor one of its signing keys");
      }
    }
    return new Chain(opJwt, op.claims(), sysJwt, sys, key);
  }

  private ServerConfig config(Path out, Chain chain) {
    ServerConfig.Builder b =
        ServerConfig.builder()
            .host(host)
            .port(port)
            .operator(chain.operatorJwt())
            .systemAccount(chain.system().subject())
            .fullResolver(out.resolve(RESOLVER_DIR))
            .preload(chain.systemJwt());
    if (allowDelete) {
      b.allowDelete(true);
    }
    for (String a : accounts) {
      String token = TokenSources.read(a, streams.in());
      try {
        b.preload(token);
      } catch (NatsJwtException e) {
        throw new InputException("--account: " + e.getMessage(), e);
      }
    }
    try {
      return b.build();
    } catch (NatsJwtException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /** Issues a user of the system account and writes its creds; returns its public key. */
  private String writeCreds(Path file, NKey signer, AccountClaims system) {
    try (NKey user = NKey.generate(NKeyType.USER)) {
      UserClaims.Builder claims = UserClaims.builder(user.publicKey()).name("sys");
      if (!signer.publicKey().equals(system.subject())) {
        claims.issuerAccount(system.subject());
      }
      String jwt = Jwt.encode(claims.build(), signer);
      byte[] bytes;
      try (Creds creds = Creds.of(jwt, user)) {
        bytes = creds.formatBytes();
      }
      try {
        SecretFiles.write(file, bytes, force, streams);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      return user.publicKey();
    }
  }

  private void writeSeed(Path file, NKey key) {
    char[] seed = key.seed();
    byte[] line = new byte[seed.length + 1];
    try {
      for (int i = 0; i < seed.length; i++) {
        line[i] = (byte) seed[i];
      }
      line[seed.length] = '\n';
      SecretFiles.write(file, line, force, streams);
    } finally {
      Arrays.fill(seed, '\0');
      Arrays.fill(line, (byte) 0);
    }
  }

  /** Writes a file that holds no secret; an existing one only with --force. */
  private void writePublic(Path file, String text) {
    if (!force && Files.exists(file)) {
      throw new InputException(
          "'" + file + "' already exists; give --force to replace it, or another --dir");
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot write '" + file + "': " + e.getMessage(), e);
    }
  }
}
