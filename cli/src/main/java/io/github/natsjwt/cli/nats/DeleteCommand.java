package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nats.DeleteResult;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt delete}: deletes accounts from the servers' full or cache resolvers. */
@Command(
    name = "delete",
    description = {
      "Delete accounts from the servers' resolvers through the system account"
          + " ($SYS.REQ.CLAIMS.DELETE): the request is signed with the operator's key. The servers"
          + " need 'allow_delete: true' in their resolver block, never delete the system account,"
          + " and take the operator's identity key only when the operator is not strict about"
          + " signing keys. A full resolver keeps the file as <account>.jwt.deleted.",
      "Prints one line per server: its name, the code and the message it replied.",
      "Exits 0 when every server that answered deleted them, 1 when a server refused (with the"
          + " server's reason), 2 for bad input, no connection or no server answering."
    })
public final class DeleteCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Option(
      names = "--operator-key",
      required = true,
      paramLabel = "<seedfile|->",
      description =
          "File holding the seed of the operator or of one of its signing keys (the first line"
              + " that is a valid key is used), or - for standard input. Never the seed itself.")
  private String operatorKey;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "<account>",
      description = "The public keys of the accounts to delete.")
  private List<String> accounts = new ArrayList<>();

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public DeleteCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() throws InterruptedException {
    Inputs.requireAtMostOneStdin(spec, server.credsSource(), operatorKey);
    for (String account : accounts) {
      if (!NKeyType.ACCOUNT.isValidPublicKey(account)) {
        throw new InputException(
            "'" + account + "' is not an account public key (56 characters starting with 'A')");
      }
    }
    List<DeleteResult> results;
    try (NKey signer = KeySources.readSeed(operatorKey, "--operator-key", streams.in())) {
      if (signer.type() != NKeyType.OPERATOR) {
        throw new InputException(
            "--operator-key holds a seed of type "
                + signer.type()
                + " ("
                + signer.publicKey()
                + "); the servers take a delete request only from an operator key");
      }
      try (Creds user = server.readCreds(streams.in())) {
        Connection connection = server.connect(user, NatsConnections.quiet());
        try {
          results = AccountJwtClient.of(connection).delete(signer, accounts);
        } finally {
          NatsConnections.close(connection);
        }
      }
    }
    PrintStream out = streams.out();
    if (json) {
      List<JsonOut> servers = new ArrayList<>();
      for (DeleteResult r : results) {
        servers.add(
            JsonOut.object()
                .string("server", r.server())
                .string("server_id", r.serverId())
                .number("code", r.code())
                .string("message", r.message()));
      }
      out.println(JsonOut.object().strings("accounts", accounts).objects("servers", servers));
    } else {
      out.printf(
          "deleting %d account%s: %s%n",
          accounts.size(), accounts.size() == 1 ? "" : "s", String.join(" ", accounts));
      for (DeleteResult r : results) {
        out.printf("  server %s: %d %s%n", r.server(), r.code(), r.message());
      }
      out.printf("deleted by %d server%s%n", results.size(), results.size() == 1 ? "" : "s");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
