package io.github.natsjwt.cli;

import io.github.natsjwt.cli.creds.CredsCommand;
import io.github.natsjwt.cli.demo.DemoCommand;
import io.github.natsjwt.cli.jwt.JwtCommand;
import io.github.natsjwt.cli.key.KeyCommand;
import io.github.natsjwt.cli.nats.AccountCommand;
import io.github.natsjwt.cli.nats.DeleteCommand;
import io.github.natsjwt.cli.nats.KickCommand;
import io.github.natsjwt.cli.nats.ListCommand;
import io.github.natsjwt.cli.nats.LookupCommand;
import io.github.natsjwt.cli.nats.PushCommand;
import io.github.natsjwt.cli.server.ServerCommand;
import io.github.natsjwt.cli.trust.TemplateCommand;
import io.github.natsjwt.cli.trust.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code natsjwt} command; it only dispatches to its subcommands. */
@Command(
    name = Main.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    scope = ScopeType.INHERIT,
    description = "NATS decentralized security from the shell: NKeys, JWTs and creds files.",
    subcommands = {
      DemoCommand.class,
      KeyCommand.class,
      JwtCommand.class,
      CredsCommand.class,
      VerifyCommand.class,
      TemplateCommand.class,
      PushCommand.class,
      LookupCommand.class,
      ListCommand.class,
      DeleteCommand.class,
      AccountCommand.class,
      KickCommand.class,
      ServerCommand.class,
      HelpCommand.class
    })
public final class NatsJwtCommand implements Runnable {
  @Spec private CommandSpec spec;

  /**
   * The exit codes of the whole tool, shown by {@code natsjwt --help} only: a subcommand shows its
   * own or none, since most of them never exit 1. Wrapped by hand, so that continuation lines stay
   * indented.
   */
  static final String[] FOOTER = {
    "  0  success",
    "  1  verification failed: a bad signature (of data or of a JWT), a sealed",
    "     message that does not open, a user the server would reject, an account",
    "     JWT or a delete a server refused, an account that is not found, a lookup",
    "     that does not show a pushed JWT, a kick that did not close every",
    "     connection",
    "  2  bad input: usage error, malformed or wrong-type key, malformed JWT or",
    "     claims, unreadable file, a server that cannot be reached or does not",
    "     answer"
  };

  /**
   * Adds the tool's exit codes to the top-level help. Set here rather than in the annotation, whose
   * attributes every subcommand would inherit along with the standard help options.
   *
   * @param spec the top-level command
   */
  static void addFooter(CommandSpec spec) {
    spec.usageMessage().footerHeading("%nExit codes:%n").footer(FOOTER);
  }

  /** Creates the command; picocli calls this. */
  public NatsJwtCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
