package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.ClaimsDescriber;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natsjwt lookup}: fetches an account JWT from the servers' account resolvers. */
@Command(
    name = "lookup",
    description = {
      "Look up an account's JWT on a NATS system through the system account and print it.",
      "nats-server 2.9 does not answer for an account it does not have, so a miss takes the whole"
          + " wait (2 seconds).",
      "Exits 0 when found, 1 when no server has it, 2 for bad input, no connection or no server"
          + " answering."
    })
public final class LookupCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Mixin private ServerOptions server;

  @Option(
      names = "--describe",
      description = "Show the JWT as 'natsjwt jwt describe' does instead of printing the token.")
  private boolean describe;

  @Option(
      names = "--json",
      description =
          "Print one JSON object instead (schema in cli/README.md, 'JSON output'); not with"
              + " --describe.")
  private boolean json;

  @Parameters(index = "0", paramLabel = "<account>", description = "The account's public key.")
  private String account;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public LookupCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!NKeyType.ACCOUNT.isValidPublicKey(account)) {
      throw new InputException(
          "'" + account + "' is not an account public key (56 characters starting with 'A')");
    }
    if (json && describe) {
      throw new InputException("--json and --describe cannot be combined: choose one");
    }
    Optional<String> found;
    try (Creds user = server.readCreds(streams.in())) {
      Connection connection = server.connect(user, NatsConnections.quiet());
      try {
        found = AccountJwtClient.of(connection).lookup(account);
      } finally {
        NatsConnections.close(connection);
      }
    }
    PrintStream out = streams.out();
    if (json) {
      out.println(
          JsonOut.object()
              .string("account", account)
              .bool("found", found.isPresent())
              .string("jwt", found.orElse(null)));
      out.flush();
    }
    if (found.isEmpty()) {
      streams.err().println(Main.NAME + ": no server has a JWT for account " + account);
      streams.err().flush();
      return ExitCodes.VERIFICATION_FAILED;
    }
    if (json) {
      return ExitCodes.OK;
    }
    if (describe) {
      DecodedJwt<Claims> jwt = Jwt.decode(found.get());
      out.print(ClaimsDescriber.at(Instant.now().truncatedTo(ChronoUnit.SECONDS)).describe(jwt));
    } else {
      out.println(found.get());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
