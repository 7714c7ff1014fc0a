package io.github.natsjwt.cli.account;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt account}: groups the account JWT commands. */
@Command(
    name = "account",
    description = "Work on account JWTs.",
    subcommands = {AccountSizeCommand.class, HelpCommand.class})
public final class AccountCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public AccountCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
