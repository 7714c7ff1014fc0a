package io.github.natsjwt.cli.creds;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt creds}: groups the creds-file commands. */
@Command(
    name = "creds",
    description = "Create and inspect creds files: a user JWT together with the user's seed.",
    subcommands = {CredsGenerateCommand.class, CredsInspectCommand.class, HelpCommand.class})
public final class CredsCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public CredsCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
