package io.github.natsjwt.cli.server;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt server}: groups the commands that prepare a nats-server. */
@Command(
    name = "server",
    description = "Prepare a nats-server: write its configuration.",
    subcommands = {ServerConfigCommand.class, HelpCommand.class})
public final class ServerCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public ServerCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
