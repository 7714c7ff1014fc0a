package io.github.natsjwt.cli.nats;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nats.AccountEdit;
import io.github.natsjwt.nats.AccountJwtClient;
import io.github.natsjwt.nats.AccountNotFoundException;
import io.github.natsjwt.nats.AccountUpdate;
import io.github.natsjwt.nats.AccountUpdater;
import io.github.natsjwt.nats.PushResult;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the account-editing commands share: where the account JWT comes from (a lookup, or {@code
 * --jwt}), the operator key that re-signs it, and where the result goes (pushed and confirmed with
 * {@code --server}, or printed). Each subcommand supplies its edits.
 */
abstract class AccountEditCommand implements Callable<Integer> {
  final StdStreams streams;

  @Spec CommandSpec spec;

  @Option(
      names = "--server",
      paramLabel = "<url>",
      description =
          "The server to connect to, for example nats://127.0.0.1:4222: the edited JWT is pushed"
              + " and a lookup confirms the servers serve it. Without it, the new JWT is printed"
              + " (needs --jwt).")
  @Nullable String server;

  @Option(
      names = "--creds",
      paramLabel = "<file|->",
      description = "Creds file of a user of the system account, or - for standard input.")
  @Nullable String creds;

  @Option(
      names = "--jwt",
      paramLabel = "<jwt|file|->",
      description =
          "The account JWT to edit: the token, a file holding it, or - for standard input. Without"
              + " it, the account is looked up on --server.")
  @Nullable String jwt;

  @Option(
      names = {"--operator-key", "--operator-seed"},
      required = true,
      paramLabel = "<seedfile|->",
      description =
          "File holding the seed of the operator or of one of its signing keys (the first line"
              + " that is a valid key is used), or - for standard input. Never the seed itself.")
  String operatorSeed;

  @Option(
      names = "--operator",
      paramLabel = "<jwt|file>",
      description =
          "The operator's JWT, or a file holding it: the signer must be its identity key or one"
              + " of the signing keys it lists. Without it, the signer must be the key that signed"
              + " the current account JWT.")
  @Nullable String operator;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  boolean json;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<account>",
      description = "The account's public key; optional with --jwt.")
  @Nullable String account;

  AccountEditCommand(StdStreams streams) {
    this.streams = streams;
  }

  /**
   * The edits to make, from the subcommand's options.
   *
   * @param current the account as it is now
   */
  abstract List<AccountEdit> edits(AccountClaims current);

  /** What the edits do, for the text output. */
  abstract String describe();

  @Override
  public Integer call() throws InterruptedException {
    List<String> sources = new ArrayList<>();
    sources.add(operatorSeed);
    if (creds != null) {
      sources.add(creds);
    }
    if (jwt != null) {
      sources.add(jwt);
    }
    if (operator != null) {
      sources.add(operator);
    }
    Inputs.requireAtMostOneStdin(spec, sources.toArray(new String[0]));
    if (account != null && !NKeyType.ACCOUNT.isValidPublicKey(account)) {
      throw new InputException(
          "'" + account + "' is not an account public key (56 characters starting with 'A')");
    }
    if ((server == null) != (creds == null)) {
      throw new InputException(
          "--server and --creds go together: give both to push, or neither to print the new JWT");
    }
    if (server == null && jwt == null) {
      throw new InputException(
          "give --jwt to edit a JWT offline, or --server and --creds to look the account up and"
              + " push the edit");
    }
    if (jwt == null && account == null) {
      throw new InputException("name the account to look up, or give its JWT with --jwt");
    }
    String current = null;
    if (jwt != null) {
      current = TokenSources.read(jwt, streams.in());
      DecodedJwt<AccountClaims> decoded = Jwt.decode(current, AccountClaims.class);
      if (account != null && !account.equals(decoded.claims().subject())) {
        throw new InputException(
            "--jwt is the JWT of account "
                + decoded.claims().subject()
                + ", not of "
                + account
                + "; leave out the account or give its JWT");
      }
    }
    try (NKey signer = KeySources.readSeed(operatorSeed, "--operator-seed", streams.in())) {
      AccountUpdater.Builder b = AccountUpdater.builder(signer);
      if (operator != null) {
        b.operator(operatorClaims(operator));
      }
      AccountUpdater updater = b.build();
      if (server == null) {
        String given = Objects.requireNonNull(current);
        List<AccountEdit> edits = edits(Jwt.decode(given, AccountClaims.class).claims());
        print(given, updater.edit(given, edits), edits, null);
        return 0;
      }
      try (Creds user = NatsConnections.readCreds(Objects.requireNonNull(creds), streams.in())) {
        Connection connection = NatsConnections.connect(server, user, NatsConnections.quiet());
        try {
          AccountJwtClient client = AccountJwtClient.of(connection);
          String key = account;
          String before =
              current != null
                  ? current
                  : client
                      .lookup(Objects.requireNonNull(key))
                      .orElseThrow(
                          () ->
                              new AccountNotFoundException(
                                  key,
                                  "no server has a JWT for account "
                                      + key
                                      + ", so there is nothing to edit; push it first, or give"
                                      + " it with --jwt"));
          List<AccountEdit> edits = edits(Jwt.decode(before, AccountClaims.class).claims());
          AccountUpdate done = updater.updateFrom(client, before, edits);
          print(done.previousJwt(), done.jwt(), edits, done.pushed());
        } finally {
          NatsConnections.close(connection);
        }
      }
    }
    return 0;
  }

  private OperatorClaims operatorClaims(String source) {
    try {
      return Jwt.decode(TokenSources.read(source, streams.in()), OperatorClaims.class).claims();
    } catch (NatsJwtException | InputException e) {
      throw new InputException("--operator: " + e.getMessage(), e);
    }
  }

  private void print(
      String previous, String edited, List<AccountEdit> edits, @Nullable List<PushResult> pushed) {
    PrintStream out = streams.out();
    AccountClaims before = Jwt.decode(previous, AccountClaims.class).claims();
    AccountClaims after = Jwt.decode(edited, AccountClaims.class).claims();
    if (json) {
      List<JsonOut> e = new ArrayList<>();
      for (AccountEdit edit : edits) {
        e.add(
            JsonOut.object()
                .string("kind", edit.kind().name().toLowerCase(Locale.ROOT))
                .string("key", edit.key()));
      }
      List<JsonOut> servers = new ArrayList<>();
      for (PushResult r : pushed == null ? List.<PushResult>of() : pushed) {
        servers.add(
            JsonOut.object()
                .string("server", r.server())
                .string("server_id", r.serverId())
                .string("account", r.account())
                .number("code", r.code())
                .string("message", r.message()));
      }
      out.println(
          JsonOut.object()
              .string("account", after.subject())
              .string("name", after.name())
              .objects("edits", e)
              .string("previous_jti", before.id())
              .string("jti", after.id())
              .string("issuer", after.issuer())
              .string("jwt", edited)
              .bool("pushed", pushed != null)
              .objects("servers", servers)
              .bool("confirmed", pushed != null));
    } else if (pushed == null) {
      out.println(edited);
    } else {
      out.printf(
          "account %s%s: %s%n",
          after.subject(), after.name().isEmpty() ? "" : " \"" + after.name() + "\"", describe());
      for (PushResult r : pushed) {
        out.printf("  server %s: %d %s%n", r.server(), r.code(), r.message());
      }
      out.printf(
          "confirmed: the servers serve the new JWT (jti %s, signed by %s)%n",
          after.id(), after.issuer());
    }
    out.flush();
  }
}
