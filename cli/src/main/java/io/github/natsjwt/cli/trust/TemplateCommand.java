package io.github.natsjwt.cli.trust;

import io.github.natsjwt.cli.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code natsjwt template}: groups the scoped-signing-key template commands. */
@Command(
    name = "template",
    description = "Work with the templates of scoped signing keys.",
    subcommands = {TemplatePreviewCommand.class, HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  the server would reject the user",
      "  2  bad input: usage error, unreadable file, malformed JWT or key"
    })
public final class TemplateCommand implements Runnable {
  @Spec private CommandSpec spec;

  /** Creates the command; picocli calls this. */
  public TemplateCommand() {}

  @Override
  public void run() {
    throw Main.missingSubcommand(spec);
  }
}
