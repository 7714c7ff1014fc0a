package io.github.natsjwt.cli.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.CliRunner;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.cli.Environment;
import io.github.natsjwt.testing.TestOperator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the shared server options come from: flag, nats context, environment. Each case points the
 * candidates at different closed ports (127.0.0.1:1, :2, ...), so the connection error names the
 * URL that was chosen and where it was taken from.
 */
class ServerOptionsTest {
  @TempDir Path home;

  final TestOperator op = TestOperator.create("acme");
  final Map<String, String> vars = new HashMap<>();
  String account;
  Path creds;
  String user;

  @BeforeEach
  void setUp() {
    account = op.account("orders").publicKey();
    creds = op.systemAccount().user("admin").writeCreds(home);
    user = CredsUser.of(creds);
  }

  @Test
  void lookup_serverFlag_beatsContextAndEnvironment() throws IOException {
    context("dev", "nats://127.0.0.1:2", creds.toString());
    vars.put("NATS_URL", "nats://127.0.0.1:3");

    Result r = lookup("--server", "nats://127.0.0.1:1", "--context", "dev");

    assertConnectError(r, "nats://127.0.0.1:1", "");
  }

  @Test
  void lookup_namedContext_beatsNatsUrl() throws IOException {
    Path file = context("dev", "nats://127.0.0.1:2", creds.toString());
    vars.put("NATS_URL", "nats://127.0.0.1:3");

    Result r = lookup("--context", "dev");

    assertConnectError(r, "nats://127.0.0.1:2", " (taken from context 'dev', " + file + ")");
  }

  @Test
  void lookup_natsContextVariable_namesTheContext() throws IOException {
    context("dev", "nats://127.0.0.1:2", creds.toString());
    vars.put("NATS_CONTEXT", "dev");
    vars.put("NATS_URL", "nats://127.0.0.1:3");

    Result r = lookup();

    assertConnectError(r, "nats://127.0.0.1:2", " (taken from context 'dev', ");
  }

  @Test
  void lookup_natsUrlAndCreds_beatSelectedContext() throws IOException {
    context("dev", "nats://127.0.0.1:2", "/no/such.creds");
    select("dev");
    vars.put("NATS_URL", "nats://127.0.0.1:3");
    vars.put("NATS_CREDS", creds.toString());

    Result r = lookup();

    assertConnectError(r, "nats://127.0.0.1:3", " (taken from NATS_URL)");
  }

  @Test
  void lookup_selectedContextOnly_usedWithTildeCreds() throws IOException {
    Files.copy(creds, home.resolve("sys.creds"));
    Path file = context("local", "nats://127.0.0.1:4", "~/sys.creds");
    select("local");

    Result r = lookup();

    assertConnectError(r, "nats://127.0.0.1:4", " (taken from context 'local', " + file + ")");
  }

  @Test
  void lookup_xdgConfigHome_isWhereContextsAre() throws IOException {
    Path xdg = home.resolve("xdg");
    Path dir = Files.createDirectories(xdg.resolve("nats/context"));
    Files.writeString(
        dir.resolve("x.json"), "{\"url\":\"nats://127.0.0.1:5\",\"creds\":\"" + creds + "\"}");
    Files.writeString(xdg.resolve("nats/context.txt"), "x\n");
    // A context of the same name under ~/.config must not be read.
    context("x", "nats://127.0.0.1:6", creds.toString());
    vars.put("XDG_CONFIG_HOME", xdg.toString());

    Result r = lookup();

    assertConnectError(r, "nats://127.0.0.1:5", " (taken from context 'x', ");
  }

  @Test
  void lookup_contextKeysInOtherCase_readAsGoReadsThem() throws IOException {
    // The nats tool is Go: member names match regardless of case, the last duplicate wins.
    Path dir = Files.createDirectories(home.resolve(".config/nats/context"));
    Files.writeString(
        dir.resolve("go.json"),
        "{\"URL\":\"nats://127.0.0.1:8\",\"url\":\"nats://127.0.0.1:7\",\"Creds\":\""
            + creds
            + "\",\"description\":\"d\",\"nkey\":\"\",\"jetstream_domain\":\"\"}");

    Result r = lookup("--context", "go");

    assertConnectError(r, "nats://127.0.0.1:7", " (taken from context 'go', ");
  }

  @Test
  void lookup_nothingGiven_defaultServerAndNoCreds_exit2() {
    Result r = lookup();

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: no creds: give --creds <file>"), r.stderr());
    assertTrue(r.stderr().contains("NATS_CREDS"), r.stderr());
  }

  @Test
  void lookup_credsOnly_connectsToDefaultServerOfTheNatsTool() {
    // Nothing listens on 4222 here, or, if something does, it does not accept this user.
    vars.put("NATS_CREDS", creds.toString());

    Result r = lookup();

    assertEquals(2, r.exitCode(), r::toString);
    // A server of someone else's that lets anyone in would get further; this test is then moot.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        r.stderr().startsWith("natsjwt: cannot connect to "), r::toString);
    assertTrue(
        r.stderr().startsWith("natsjwt: cannot connect to " + ServerOptions.DEFAULT_URL + " as"),
        r.stderr());
    assertTrue(r.stderr().endsWith(" (taken from the default server)\n"), r.stderr());
  }

  @Test
  void lookup_unknownContext_exit2NamesTheFile() {
    Result r = lookup("--context", "nope", "--creds", creds.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals(
        "natsjwt: --context: there is no NATS context 'nope' (no file "
            + home.resolve(".config/nats/context/nope.json")
            + ")\n",
        r.stderr());
  }

  @Test
  void lookup_contextNameWithPath_exit2() {
    Result r = lookup("--context", "../etc/passwd", "--creds", creds.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("'../etc/passwd' is not a context name"), r.stderr());
  }

  @Test
  void lookup_malformedContext_exit2NamesTheFileAndField() throws IOException {
    Path dir = Files.createDirectories(home.resolve(".config/nats/context"));
    Files.writeString(dir.resolve("bad.json"), "{\"url\": 4222}");

    Result r = lookup("--context", "bad", "--creds", creds.toString());

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: --context: NATS context file "), r.stderr());
    assertTrue(r.stderr().contains("bad.json is not valid"), r.stderr());
    assertTrue(r.stderr().contains("url"), r.stderr());
  }

  @Test
  void lookup_contextWithoutCreds_saysSo() throws IOException {
    Path dir = Files.createDirectories(home.resolve(".config/nats/context"));
    Files.writeString(dir.resolve("pw.json"), "{\"url\":\"nats://127.0.0.1:2\",\"user\":\"a\"}");

    Result r = lookup("--context", "pw");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("(context 'pw' has none)"), r.stderr());
  }

  @Test
  void push_credsFromContextOnStdinCheck_countsContextCreds() throws IOException {
    // --creds - from a context still counts as the one standard-input input.
    context("dev", "nats://127.0.0.1:2", "-");

    Result r =
        CliRunner.runIn(new Environment(vars, home), new byte[0], "push", "--context", "dev", "-");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("standard input"), r.stderr());
  }

  // ------------------------------------------------------------------ helpers

  private Result lookup(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "lookup";
    System.arraycopy(options, 0, args, 1, options.length);
    args[args.length - 1] = account;
    return CliRunner.runIn(new Environment(vars, home), new byte[0], args);
  }

  private void assertConnectError(Result r, String url, String origin) {
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(
        r.stderr().startsWith("natsjwt: cannot connect to " + url + " as user " + user + ": "),
        r.stderr());
    assertTrue(r.stderr().strip().endsWith(")") || origin.isEmpty(), r.stderr());
    assertTrue(r.stderr().contains(origin), r.stderr());
    if (origin.isEmpty()) {
      assertTrue(!r.stderr().contains("taken from"), r.stderr());
    }
  }

  private Path context(String name, String url, String credsPath) throws IOException {
    Path dir = Files.createDirectories(home.resolve(".config/nats/context"));
    // As 'nats context save' writes it, with the members this tool ignores.
    return Files.writeString(
        dir.resolve(name + ".json"),
        "{\n  \"description\": \"\",\n  \"url\": \""
            + url
            + "\",\n  \"token\": \"\",\n  \"user\": \"\",\n  \"password\": \"\",\n  \"creds\": \""
            + credsPath
            + "\",\n  \"nkey\": \"\",\n  \"cert\": \"\",\n  \"key\": \"\",\n  \"ca\": \"\",\n"
            + "  \"nsc\": \"\",\n  \"jetstream_domain\": \"\",\n  \"jetstream_api_prefix\": \"\",\n"
            + "  \"jetstream_event_prefix\": \"\",\n  \"inbox_prefix\": \"\",\n"
            + "  \"user_jwt\": \"\"\n}\n");
  }

  private void select(String name) throws IOException {
    Files.createDirectories(home.resolve(".config/nats"));
    Files.writeString(home.resolve(".config/nats/context.txt"), name);
  }

  /** The user public key of a creds file, read by the library. */
  private static final class CredsUser {
    static String of(Path file) {
      try (io.github.natsjwt.creds.Creds c = io.github.natsjwt.creds.Creds.read(file)) {
        return c.publicKey();
      }
    }
  }
}
