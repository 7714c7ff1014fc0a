package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.account.AccountSizeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt account}: groups the commands that edit an account JWT. */
@Command(
    name = "account",
    description =
        "Edit an account JWT, re-sign it with an operator key, and push it to a live system (or"
            + " print it); or show its size budget.",
    subcommands = {
      EditScopeCommand.class,
      RevokeCommand.class,
      SigningKeyCommand.class,
      AccountSizeCommand.class,
      HelpCommand.class
    })
public final class AccountCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public AccountCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
