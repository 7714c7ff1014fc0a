package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nats.AccountEdit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code natsjwt account signing-key add}: adds a plain or scoped signing key. */
@Command(
    name = "add",
    description = {
      "Add a signing key to the account, plain, or scoped with --role and a template from the"
          + " --pub-*/--sub-* options. A key the account has already is replaced. The account JWT"
          + " is re-signed with an operator key and pushed (or printed, with --jwt and no"
          + " --server).",
      "Exits 0 when the servers serve the new JWT, 1 when a server refused it, the account is not"
          + " found or a lookup shows another JWT, 2 for bad input, no connection or no server"
          + " answering."
    })
public final class SigningKeyAddCommand extends AccountEditCommand {
  @Option(
      names = "--key",
      required = true,
      paramLabel = "<A...|file>",
      description = "The signing key's public key, or a file that holds it.")
  private String key;

  @Option(
      names = "--role",
      paramLabel = "<role>",
      description = "Make the key scoped, with this role; its users get the template below.")
  private @Nullable String role;

  @Mixin private Templates template = new Templates();

  private String publicKey = "";

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public SigningKeyAddCommand(StdStreams streams) {
    super(streams);
  }

  @Override
  List<AccountEdit> edits(AccountClaims current) {
    publicKey = KeySources.readPublicKey(key, "--key", streams.in());
    if (role == null) {
      if (template.any()) {
        throw new InputException(
            "--pub-*/--sub-* set a scoped key's template: give --role to make the key scoped");
      }
      return List.of(AccountEdit.addSigningKey(publicKey));
    }
    UserScope scope =
        UserScope.builder(publicKey)
            .role(role)
            .template(template.applyTo(UserPermissionLimits.builder().build()))
            .build();
    return List.of(AccountEdit.addScopedSigningKey(scope));
  }

  @Override
  String describe() {
    return role == null
        ? "added signing key " + publicKey
        : "added scoped signing key "
            + publicKey
            + " (role "
            + role
            + (template.any() ? ", " + template.describe() : "")
            + ")";
  }
}
