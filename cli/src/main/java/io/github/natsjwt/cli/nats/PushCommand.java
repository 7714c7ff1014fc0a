package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nats.PushResult;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt push}: sends an account JWT to the servers' account resolvers. */
@Command(
    name = "push",
    description = {
      "Push an account JWT to a NATS system through the system account (like 'nsc push'): every"
          + " server with a full resolver validates and stores it and says so.",
      "The JWT is decoded and its signature checked before anything is sent. Prints one line per"
          + " server: its name, the code and the message it replied.",
      "Exits 0 when every server accepted it, 1 when a server refused it (with the server's"
          + " reason), 2 for bad input, no connection or no server answering."
    })
public final class PushCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "<url>",
      description = "The server to connect to, for example nats://127.0.0.1:4222.")
  private String server;

  @Option(
      names = "--creds",
      required = true,
      paramLabel = "<file|->",
      description = "Creds file of a user of the system account, or - for standard input.")
  private String creds;

  @Parameters(
      index = "0",
      paramLabel = "<jwt|file|->",
      description = "The account JWT; or a file holding it; or - for standard input.")
  private String source;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public PushCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() throws InterruptedException {
    Inputs.requireAtMostOneStdin(spec, creds, source);
    String token = TokenSources.read(source, streams.in());
    // Refuse malformed or forged input before connecting, so nothing bad is ever sent.
    DecodedJwt<AccountClaims> account = Jwt.decode(token, AccountClaims.class);
    PrintStream out = streams.out();
    try (Creds user = NatsConnections.readCreds(creds, streams.in())) {
      Connection connection = NatsConnections.connect(server, user, NatsConnections.quiet());
      try {
        out.printf(
            "pushing account %s%s%n",
            account.claims().subject(),
            account.claims().name().isEmpty() ? "" : " \"" + account.claims().name() + "\"");
        List<PushResult> results = AccountJwtClient.of(connection).push(token);
        for (PushResult r : results) {
          out.printf("  server %s: %d %s%n", r.server(), r.code(), r.message());
        }
        out.printf("accepted by %d server%s%n", results.size(), results.size() == 1 ? "" : "s");
      } finally {
        NatsConnections.close(connection);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
