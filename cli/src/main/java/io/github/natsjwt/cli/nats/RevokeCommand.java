package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.Times;
import io.github.natsjwt.nats.AccountEdit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natsjwt account revoke}: revokes a user's JWTs in the account JWT. */
@Command(
    name = "revoke",
    description = {
      "Revoke a user: its JWTs issued at or before --at (now by default) stop working. The account"
          + " JWT is re-signed with an operator key and pushed (or printed, with --jwt and no"
          + " --server).",
      "nats-server (2.9.10, 2.10.27 and 2.14.5 alike) closes the user's connections at once"
          + " ('User Authentication Revoked') and refuses its reconnects.",
      "Exits 0 when the servers serve the new JWT, 1 when a server refused it, the account is not"
          + " found or a lookup shows another JWT, 2 for bad input, no connection or no server"
          + " answering."
    })
public final class RevokeCommand extends AccountEditCommand {
  @Option(
      names = "--user",
      required = true,
      paramLabel = "<U...|*>",
      description = "The user's public key, or * for every user of the account.")
  private String user;

  @Option(
      names = "--at",
      paramLabel = "<time>",
      description =
          "Revoke JWTs issued up to this time: 2030-01-01T00:00:00Z, 2030-01-01 (UTC) or Unix"
              + " seconds. Now by default.")
  private @Nullable String at;

  private Instant when = Instant.EPOCH;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public RevokeCommand(StdStreams streams) {
    super(streams);
  }

  @Override
  List<AccountEdit> edits(AccountClaims current) {
    when =
        at == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Times.parseInstant(at, "--at");
    return List.of(AccountEdit.revoke(user, when));
  }

  @Override
  String describe() {
    return "revoked " + user + " up to " + Times.format(when.getEpochSecond());
  }
}
