package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nats.AccountJwtClient;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code natsjwt list}: lists the accounts the servers' full or cache resolvers hold. */
@Command(
    name = "list",
    description = {
      "List the account public keys that the servers' resolvers hold, through the system account"
          + " ($SYS.REQ.CLAIMS.LIST): one per line, sorted, each once however many servers hold"
          + " it.",
      "Exits 0 on success, 1 when a server answered with an error, 2 for bad input, no connection"
          + " or no server answering."
    })
public final class ListCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Mixin private ServerOptions server;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public ListCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> accounts;
    try (Creds user = server.readCreds(streams.in())) {
      Connection connection = server.connect(user, NatsConnections.quiet());
      try {
        accounts = AccountJwtClient.of(connection).list();
      } finally {
        NatsConnections.close(connection);
      }
    }
    PrintStream out = streams.out();
    if (json) {
      out.println(JsonOut.object().strings("accounts", accounts));
    } else {
      accounts.forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
