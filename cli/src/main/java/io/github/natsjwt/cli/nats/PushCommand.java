package io.github.natsjwt.cli.nats;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nats.PushResult;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.trust.Rejection;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
      "The JWT is decoded and its signature checked before anything is sent. With --operator, the"
          + " account must also be signed by that operator (or one of its signing keys) and be"
          + " valid now, or nothing is sent: nats-server itself stores an account JWT of any"
          + " operator and refuses only its users later.",
      "Prints one line per server: its name, the code and the message it replied.",
      "Exits 0 when every server accepted it, 1 when a server refused it (with the server's"
          + " reason), 2 for bad input, no connection or no server answering."
    })
public final class PushCommand implements Callable<Integer> {
  /** Printed after a push without --operator: what the servers' "jwt updated" does not mean. */
  static final String UNCHECKED_NOTE =
      "note: the servers stored the JWT; nats-server does not check on push that it trusts the"
          + " account's operator, and would refuse the account's users if it does not. Give"
          + " --operator to check the chain before sending.";

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @Option(
      names = "--operator",
      paramLabel = "<jwt|file|O...>",
      description =
          "The operator the servers trust: its JWT, or a file holding it, or a bare operator public"
              + " key. The account's chain is checked against it before anything is sent. Repeat"
              + " for more.")
  private List<String> operators = new ArrayList<>();

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

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
    List<String> inputs = new ArrayList<>(operators);
    inputs.add(server.credsSource());
    inputs.add(source);
    Inputs.requireAtMostOneStdin(spec, inputs.toArray(new String[0]));
    String token = TokenSources.read(source, streams.in());
    // Refuse malformed or forged input before connecting, so nothing bad is ever sent.
    DecodedJwt<AccountClaims> account = Jwt.decode(token, AccountClaims.class);
    Optional<String> chain = Optional.empty();
    if (!operators.isEmpty()) {
      Verification<VerifiedAccount> v = verifier().verifyAccount(token);
      if (!v.isAccepted()) {
        Rejection why = v.rejection().orElseThrow();
        streams
            .err()
            .println(
                Main.NAME
                    + ": not pushed, nothing was sent: "
                    + why.message()
                    + " ("
                    + why.rule()
                    + "). nats-server would store this JWT, but refuse every user of the"
                    + " account.");
        streams.err().flush();
        return ExitCodes.VERIFICATION_FAILED;
      }
      chain = Optional.of(v.orElseThrow().operatorKey());
    }
    PrintStream out = streams.out();
    try (Creds user = server.readCreds(streams.in())) {
      Connection connection = server.connect(user, NatsConnections.quiet());
      try {
        if (!json) {
          out.printf(
              "pushing account %s%s%n",
              account.claims().subject(),
              account.claims().name().isEmpty() ? "" : " \"" + account.claims().name() + "\"");
        }
        List<PushResult> results = AccountJwtClient.of(connection).push(token);
        if (json) {
          out.println(json(account.claims(), results, chain));
        } else {
          for (PushResult r : results) {
            out.printf("  server %s: %d %s%n", r.server(), r.code(), r.message());
          }
          out.printf("accepted by %d server%s%n", results.size(), results.size() == 1 ? "" : "s");
          if (chain.isPresent()) {
            out.printf("chain checked: signed for trusted operator %s%n", chain.get());
          } else {
            out.println(UNCHECKED_NOTE);
          }
        }
      } finally {
        NatsConnections.close(connection);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static JsonOut json(
      AccountClaims account, List<PushResult> results, Optional<String> chain) {
    List<JsonOut> servers = new ArrayList<>();
    for (PushResult r : results) {
      servers.add(
          JsonOut.object()
              .string("server", r.server())
              .string("server_id", r.serverId())
              .string("account", r.account())
              .number("code", r.code())
              .string("message", r.message()));
    }
    return JsonOut.object()
        .string("account", account.subject())
        .string("name", account.name())
        .objects("servers", servers)
        .bool("chain_checked", chain.isPresent())
        .string("operator", chain.orElse(null));
  }

  private TrustVerifier verifier() {
    TrustVerifier.Builder b = TrustVerifier.builder();
    for (String op : operators) {
      try {
        if (NKey.isValidPublicKey(op)) {
          b.trustOperatorKey(op);
        } else {
          b.trustOperator(TokenSources.read(op, streams.in()));
        }
      } catch (NatsJwtException e) {
        throw new InputException("--operator: " + e.getMessage(), e);
      } catch (InputException e) {
        throw new InputException("--operator: " + e.getMessage(), e);
      }
    }
    try {
      return b.build();
    } catch (NatsJwtException e) {
      throw new InputException("--operator: " + e.getMessage(), e);
    }
  }
}
