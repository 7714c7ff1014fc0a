package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nats.AccountEdit;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code natsjwt account signing-key rm}: removes a signing key. */
@Command(
    name = "rm",
    description = {
      "Remove a signing key, plain or scoped, from the account. The account JWT is re-signed with"
          + " an operator key and pushed (or printed, with --jwt and no --server).",
      "nats-server (2.9.10, 2.10.27 and 2.14.5 alike) closes the connections of the users the key"
          + " signed and refuses their reconnects.",
      "Exits 0 when the servers serve the new JWT, 1 when a server refused it, the account is not"
          + " found or a lookup shows another JWT, 2 for bad input (a key the account does not"
          + " have), no connection or no server answering."
    })
public final class SigningKeyRmCommand extends AccountEditCommand {
  @Option(
      names = "--key",
      required = true,
      paramLabel = "<A...|file>",
      description = "The signing key's public key, or a file that holds it.")
  private String key;

  private String publicKey = "";

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public SigningKeyRmCommand(StdStreams streams) {
    super(streams);
  }

  @Override
  List<AccountEdit> edits(AccountClaims current) {
    publicKey = KeySources.readPublicKey(key, "--key", streams.in());
    return List.of(AccountEdit.removeSigningKey(publicKey));
  }

  @Override
  String describe() {
    return "removed signing key " + publicKey;
  }
}
