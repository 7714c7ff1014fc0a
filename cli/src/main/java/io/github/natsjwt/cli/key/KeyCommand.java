package io.github.natsjwt.cli.key;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt key}: groups the NKey commands. */
@Command(
    name = "key",
    description = "Generate, inspect, sign, verify, seal and open with NKeys.",
    subcommands = {
      KeyGenerateCommand.class,
      KeyInspectCommand.class,
      KeySignCommand.class,
      KeyVerifyCommand.class,
      KeySealCommand.class,
      KeyOpenCommand.class,
      HelpCommand.class
    })
public final class KeyCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public KeyCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
