package io.github.natsjwt.cli;

import io.github.natsjwt.cli.account.AccountCommand;
import io.github.natsjwt.cli.creds.CredsCommand;
import io.github.natsjwt.cli.demo.DemoCommand;
import io.github.natsjwt.cli.jwt.JwtCommand;
import io.github.natsjwt.cli.key.KeyCommand;
import io.github.natsjwt.cli.nats.DeleteCommand;
import io.github.natsjwt.cli.nats.ListCommand;
import io.github.natsjwt.cli.nats.LookupCommand;
import io.github.natsjwt.cli.nats.PushCommand;
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
      HelpCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  verification failed: bad signature (of data or a JWT), a sealed message that does"
          + " not open, a user the server would reject, an account JWT or delete a server"
          + " refused, or an account that is not found",
      "  2  bad input: usage error, malformed or wrong-type key, malformed JWT or claims,"
          + " unreadable file"
    })
public final class NatsJwtCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public NatsJwtCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
