package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt account signing-key}: groups adding and removing account signing keys. */
@Command(
    name = "signing-key",
    description = "Add or remove an account's signing keys.",
    subcommands = {SigningKeyAddCommand.class, SigningKeyRmCommand.class, HelpCommand.class})
public final class SigningKeyCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public SigningKeyCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
