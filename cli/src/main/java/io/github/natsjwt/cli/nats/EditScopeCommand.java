package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.nats.AccountEdit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code natsjwt account edit-scope}: replaces a scoped signing key's template permissions. */
@Command(
    name = "edit-scope",
    description = {
      "Change the permissions of a scoped signing key's template, re-sign the account JWT with an"
          + " operator key, and push it (or print it, with --jwt and no --server).",
      "--pub-* options replace the template's publish permissions, --sub-* options its subscribe"
          + " permissions; limits and everything else stay.",
      "nats-server (2.9.10, 2.10.27 and 2.14.5 alike) then closes the connections of the users"
          + " the key signed; a client that reconnects gets the new permissions. Users of other"
          + " keys are left alone.",
      "Exits 0 when the servers serve the new JWT, 1 when a server refused it, the account is not"
          + " found or a lookup shows another JWT, 2 for bad input (a key the account does not"
          + " have scoped, a signer that is not the operator's), no connection or no server"
          + " answering."
    })
public final class EditScopeCommand extends AccountEditCommand {
  @Option(
      names = "--key",
      required = true,
      paramLabel = "<A...>",
      description = "The scoped signing key's public key.")
  private String key;

  @Option(
      names = "--role",
      paramLabel = "<role>",
      description = "A new role name for the scope; the current one stays without it.")
  private @Nullable String role;

  @Mixin private Templates template = new Templates();

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public EditScopeCommand(StdStreams streams) {
    super(streams);
  }

  @Override
  List<AccountEdit> edits(AccountClaims current) {
    if (!template.any() && role == null) {
      throw new InputException(
          "say what changes: give --pub-allow, --pub-deny, --sub-allow, --sub-deny or --role");
    }
    // A key the account lacks, or has plain, gets a fresh scope: the edit then reports it.
    UserScope scope = current.signingKeys().scope(key).orElse(UserScope.builder(key).build());
    UserScope.Builder b = scope.toBuilder().template(template.applyTo(scope.template()));
    if (role != null) {
      b.role(role);
    }
    return List.of(AccountEdit.replaceScope(b.build()));
  }

  @Override
  String describe() {
    return "scope of "
        + key
        + " now "
        + template.describe()
        + (role == null ? "" : (template.any() ? ", " : "") + "role " + role);
  }
}
