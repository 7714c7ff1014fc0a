package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt jwt}: groups the JWT commands. */
@Command(
    name = "jwt",
    description = "Describe and encode NATS JWTs.",
    subcommands = {JwtDescribeCommand.class, JwtEncodeCommand.class, HelpCommand.class})
public final class JwtCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public JwtCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
