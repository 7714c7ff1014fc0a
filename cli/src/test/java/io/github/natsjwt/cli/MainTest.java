package io.github.natsjwt.cli;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.CliRunner.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class MainTest {
  static Stream<String> commands() {
    return Stream.of(
        "",
        "demo",
        "key",
        "key generate",
        "key inspect",
        "key sign",
        "key verify",
        "key seal",
        "key open",
        "jwt",
        "jwt describe",
        "jwt encode",
        "verify",
        "template",
        "template preview");
  }

  /** Every command of the real tree, as typed after {@code natsjwt}; "" for the tool itself. */
  static Stream<String> allCommands() {
    List<String> names = new ArrayList<>();
    collect(Main.commandLine(StdStreams.system(), CliRunner.EMPTY_ENVIRONMENT), "", names);
    return names.stream();
  }

  private static void collect(CommandLine cmd, String prefix, List<String> names) {
    names.add(prefix);
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                collect(sub, prefix.isEmpty() ? name : prefix + " " + name, names);
              }
            });
  }

  /** The commands whose help ends with exit codes of their own. */
  static final Set<String> OWN_EXIT_CODES =
      Set.of("verify", "template", "template preview", "creds inspect");

  @ParameterizedTest
  @MethodSource("allCommands")
  void help_everyCommand_printsUsageAndOnlyExitCodesThatApply(String command) {
    // picocli reports a description it cannot format (a lone '%') on System.err itself.
    java.io.PrintStream systemErr = System.err;
    java.io.ByteArrayOutputStream picocliWarnings = new java.io.ByteArrayOutputStream();
    Result r;
    try {
      System.setErr(new java.io.PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
      r = run(append(command, "--help"));
    } finally {
      System.setErr(systemErr);
    }

    assertEquals("", picocliWarnings.toString(StandardCharsets.UTF_8));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("Usage: natsjwt"), r::toString);
    assertEquals("", r.stderr());
    // The tool's own list of exit codes is for 'natsjwt --help'; picocli would otherwise copy it
    // into every subcommand, where most codes do not apply (key generate never exits 1).
    boolean toolFooter = r.stdout().contains(NatsJwtCommand.FOOTER[1]);
    assertEquals(command.isEmpty(), toolFooter, r::toString);
    assertEquals(
        command.isEmpty() || OWN_EXIT_CODES.contains(command),
        r.stdout().contains("Exit codes:"),
        r::toString);
  }

  @Test
  void help_tool_footerLinesFitAndContinuationsIndented() {
    Result r = run("--help");

    String footer = r.stdout().substring(r.stdout().indexOf("Exit codes:"));
    for (String line : footer.split("\n")) {
      assertTrue(line.length() < 80, line);
      assertTrue(line.equals("Exit codes:") || line.startsWith("  "), line);
    }
  }

  @ParameterizedTest
  @MethodSource("allCommands")
  void version_everyCommand_printsVersion(String command) {
    Result r = run(append(command, "--version"));

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("natsjwt " + VersionProvider.version() + "\n", r.stdout());
  }

  @Test
  void version_fromFilteredResource_isProjectVersion() {
    assertFalse(VersionProvider.version().equals("unknown"));
    assertFalse(VersionProvider.version().contains("$"));
  }

  @Test
  void helpCommand_forSubcommand_printsItsUsage() {
    Result r = run("help", "key");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("Usage: natsjwt key"), r::toString);
  }

  @Test
  void run_noCommand_exits2ListingCommands() {
    Result r = run();

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(
        "natsjwt: missing command: choose one of demo, key, jwt, creds, verify, template, push,"
            + " lookup, list, delete, account, kick, server, help (see 'natsjwt --help')\n",
        r.stderr());
    Result account = run("account");
    assertEquals(2, account.exitCode(), account::toString);
    assertTrue(
        account.stderr().contains("choose one of edit-scope, revoke, signing-key, size, help"),
        account::toString);
    Result signingKey = run("account", "signing-key");
    assertEquals(2, signingKey.exitCode(), signingKey::toString);
    assertTrue(signingKey.stderr().contains("choose one of add, rm, help"), signingKey::toString);
  }

  @Test
  void run_keyWithoutSubcommand_exits2() {
    Result r = run("key");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("choose one of generate, inspect, sign"), r::toString);
  }

  @Test
  void run_jwtWithoutSubcommand_exits2() {
    Result r = run("jwt");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("choose one of describe, encode, help"), r::toString);
  }

  @Test
  void run_unknownCommand_exits2OneLine() {
    Result r = run("keys");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: "), r::toString);
  }

  @Test
  void run_unknownOption_exits2WithoutStackTrace() {
    Result r = run("key", "generate", "--type", "user", "--bogus");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(1, r.stderr().lines().count(), r::toString);
    assertTrue(r.stderr().contains("--bogus"), r::toString);
    assertFalse(r.stderr().contains("\tat "), r::toString);
  }

  @Test
  void run_seedInUnknownOptionValue_isRedacted() {
    String seed = Vectors.ed25519("user").get("seed").asText();

    Result r = run("key", "generate", "--type", seed);

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("SU...(redacted)"), r::toString);
    assertNoSeed(r.all(), seed);
  }

  private static String[] append(String command, String option) {
    return (command.isEmpty() ? option : command + " " + option).split(" ");
  }
}
