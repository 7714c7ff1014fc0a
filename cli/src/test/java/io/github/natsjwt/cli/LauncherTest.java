package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher script {@code cli/bin/natsjwt} with {@code /bin/sh}. The shaded jar is made
 * after the tests, so each test builds a small runnable jar whose manifest puts the test's class
 * path behind {@code -jar}.
 */
class LauncherTest {
  static final Path SCRIPT = Path.of("bin", "natsjwt").toAbsolutePath();

  @TempDir Path dir;

  Path jar;

  /** What one run of the script produced. */
  record Run(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void runnableJar() throws IOException {
    assumeTrue(new File("/bin/sh").canExecute(), "needs /bin/sh");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.github.natsjwt.cli.Main");
    List<String> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      urls.add(Path.of(entry).toUri().toString());
    }
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    jar = dir.resolve("natsjwt-cli.jar");
    try (OutputStream out = Files.newOutputStream(jar)) {
      // The manifest is the whole jar.
      new JarOutputStream(out, m).finish();
    }
  }

  private Run run(Path script, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("NATSJWT_JAR");
    pb.environment().remove("NATSJWT_JAVA_OPTS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("NATSJWT_CACHE", dir.resolve("cache").toString());
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher timed out");
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void launcher_natsjwtJar_runsTheToolAndMakesTheArchiveOnce() throws Exception {
    Map<String, String> env = Map.of("NATSJWT_JAR", jar.toString());

    Run first = run(SCRIPT, env, "--version");
    Run second = run(SCRIPT, env, "--version");

    String expected = "natsjwt " + VersionProvider.version() + "\n";
    assertEquals(new Run(0, expected, ""), first);
    // The second run uses the archive; nothing the JVM says about it reaches either stream.
    assertEquals(new Run(0, expected, ""), second);
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      List<Path> archives = files.toList();
      assertEquals(1, archives.size(), archives::toString);
      assertTrue(archives.get(0).getFileName().toString().endsWith(".jsa"), archives::toString);
    }
  }

  @Test
  void launcher_exitCodeAndStreams_passedThrough() throws Exception {
    Run r =
        run(
            SCRIPT,
            Map.of("NATSJWT_JAR", jar.toString(), "NATSJWT_CDS", "0"),
            "key",
            "inspect",
            "--json",
            "SUBAD");

    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stdout().startsWith("{\"valid\":false,"), r::toString);
    assertTrue(r.stderr().startsWith("natsjwt: "), r::toString);
    assertEquals(false, Files.exists(dir.resolve("cache")));
  }

  @Test
  void launcher_symlinkedScript_findsTheJarBesideTheRealOne() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("dist/bin"));
    Path lib = Files.createDirectories(dir.resolve("dist/lib"));
    Path script = Files.copy(SCRIPT, bin.resolve("natsjwt"));
    Files.move(jar, lib.resolve("natsjwt-cli.jar"), StandardCopyOption.REPLACE_EXISTING);
    Path link =
        Files.createSymbolicLink(
            Files.createDirectories(dir.resolve("elsewhere")).resolve("natsjwt"), script);

    Run r =
        run(
            link,
            Map.of(),
            "key",
            "inspect",
            "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4");

    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.stdout().contains("type:       user\n"), r::toString);
    assertEquals("", r.stderr());
  }

  @Test
  void launcher_noJar_exit2SaysHowToBuildIt() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("lonely/bin"));
    Path script = Files.copy(SCRIPT, bin.resolve("natsjwt"));

    Run r = run(script, Map.of(), "--version");

    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("", r.stdout());
    assertTrue(
        r.stderr().startsWith("natsjwt: cannot find natsjwt-cli.jar: set NATSJWT_JAR"),
        r::toString);
  }

  /**
   * The library logs through System.Logger, which goes to java.util.logging's console handler on
   * standard error by default; the tool reports outcomes itself and turns those records off unless
   * a logging configuration is given. A resolver directory holding something that is not a JWT
   * makes the directory resolver log a WARNING.
   */
  @Test
  void launcher_libraryLogRecords_offUnlessLoggingIsConfigured() throws Exception {
    NKey operator = NKey.generate(NKeyType.OPERATOR);
    NKey account = NKey.generate(NKeyType.ACCOUNT);
    NKey user = NKey.generate(NKeyType.USER);
    String operatorJwt = Jwt.encode(OperatorClaims.builder(operator.publicKey()).build(), operator);
    Files.writeString(dir.resolve("op.jwt"), operatorJwt);
    Files.writeString(
        dir.resolve("user.jwt"), Jwt.encode(UserClaims.builder(user.publicKey()).build(), account));
    Path jwts = Files.createDirectory(dir.resolve("jwt"));
    Files.writeString(jwts.resolve(account.publicKey() + ".jwt"), "<html>not a JWT</html>");
    Files.writeString(
        dir.resolve("logging.properties"),
        "handlers = java.util.logging.ConsoleHandler\n"
            + "java.util.logging.ConsoleHandler.level = ALL\n");
    String[] args = {"verify", "--operator", "op.jwt", "--resolver-dir", "jwt", "user.jwt"};

    Run quiet = run(SCRIPT, Map.of("NATSJWT_JAR", jar.toString(), "NATSJWT_CDS", "0"), args);
    Run logged =
        run(
            SCRIPT,
            Map.of(
                "NATSJWT_JAR", jar.toString(),
                "NATSJWT_CDS", "0",
                "NATSJWT_JAVA_OPTS", "-Djava.util.logging.config.file=logging.properties"),
            args);

    assertTrue(quiet.stdout().startsWith("rejected: RESOLVER_FAILED"), quiet::toString);
    assertFalse(quiet.stderr().contains("Could not fetch account"), quiet::toString);
    assertTrue(logged.stdout().startsWith("rejected: RESOLVER_FAILED"), logged::toString);
    assertTrue(
        logged.stderr().contains("WARNING: Could not fetch account " + account.publicKey()),
        logged::toString);
  }
}
