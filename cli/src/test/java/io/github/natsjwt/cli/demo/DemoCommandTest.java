package io.github.natsjwt.cli.demo;

import static io.github.natsjwt.cli.CliRunner.run;
import static io.github.natsjwt.cli.SeedAssertions.assertNoSeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_run_exits0AndPrintsEverySection() {
    Result r = run("demo");

    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.stderr());
    String out = r.stdout();
    List<DemoStep> steps = DemoCommand.steps();
    for (int i = 0; i < steps.size(); i++) {
      String heading = "[" + (i + 1) + "/" + steps.size() + "] " + steps.get(i).title();
      assertTrue(out.contains(heading + "\n"), () -> "missing " + heading + " in\n" + out);
    }
    assertTrue(out.contains("All " + steps.size() + " steps behaved as expected."), out);
  }

  @Test
  void demo_run_showsOnePublicKeyPerTypeAndNoSeed() {
    Result r = run("demo");

    for (NKeyType type : NKeyType.values()) {
      Pattern line =
          Pattern.compile(
              KeyGenerationStep.name(type)
                  + " +("
                  + type.letter()
                  + "[A-Z2-7]{55})  seed S"
                  + type.letter()
                  + "\\.\\.\\.");
      Matcher m = line.matcher(r.stdout());
      assertTrue(m.find(), () -> "no " + type + " key line in\n" + r.stdout());
      assertTrue(NKey.isValidPublicKey(m.group(1)), m.group(1));
    }
    assertNoSeed(r.all());
  }

  @Test
  void demo_run_showsVerificationTamperingAndSealing() {
    String out = run("demo").stdout();

    assertTrue(out.contains("(public key only, no seed): OK"), out);
    assertTrue(out.contains("rejected:  signature does not verify"), out);
    assertTrue(out.contains("opened:    \"" + SealingStep.MESSAGE + "\""), out);
    assertTrue(out.contains("another curve key cannot open it"), out);
  }

  @Test
  void demo_run_issuesAndDecodesOperatorAccountAndUserJwts() {
    String out = run("demo").stdout();

    assertTrue(out.contains("      operator JWT  eyJ"), out);
    assertTrue(out.contains("      account JWT   eyJ"), out);
    assertTrue(out.contains("      user JWT      eyJ"), out);
    assertTrue(out.contains("      operator JWT \"" + JwtIssueStep.OPERATOR_NAME + "\"\n"), out);
    assertTrue(out.contains("      account JWT \"" + JwtIssueStep.ACCOUNT_NAME + "\"\n"), out);
    assertTrue(out.contains("      user JWT \"" + JwtIssueStep.USER_NAME + "\"\n"), out);
    assertTrue(out.contains("        issuer (iss)          itself (self-signed)"), out);
    assertTrue(out.contains("        publish allow         orders.>"), out);
    assertTrue(out.contains("        subscribe allow       _INBOX.>"), out);
    assertEquals(3, out.split("        validation            no issues\n", -1).length - 1, out);
    assertTrue(out.contains("the operator signed the account JWT: yes"), out);
    assertTrue(out.contains("the account signed the user JWT (with its signing key): yes"), out);
    assertTrue(out.contains("a key the account does not list: not trusted"), out);
  }

  @Test
  void demo_run_userJwtNamesItsAccountAndSigningKey() {
    String out = run("demo").stdout();
    Matcher account = Pattern.compile("\\n      account +(A[A-Z2-7]{55})  seed").matcher(out);
    Matcher signingKey = Pattern.compile("lists the signing key (A[A-Z2-7]{55})").matcher(out);
    assertTrue(account.find() && signingKey.find(), out);

    assertTrue(out.contains("        issuer account        " + account.group(1)), out);
    assertTrue(
        out.contains("        issuer (iss)          " + signingKey.group(1) + " (account key)"),
        out);
  }

  @Test
  void abbreviate_longToken_showsStartAndLength() {
    String token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.payload.signature";

    assertEquals(
        "eyJ0eXAiOiJKV1QiLCJhbGci... (" + token.length() + " characters)",
        DemoContext.abbreviate(token));
  }

  @Test
  void context_missingToken_failsLoudly() {
    try (DemoContext ctx =
        new DemoContext(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThrows(IllegalStateException.class, () -> ctx.token("user"));
    }
  }

  @Test
  void steps_orderedSoKeysExistBeforeUse() {
    assertTrue(DemoCommand.steps().get(0) instanceof KeyGenerationStep);
  }

  @Test
  void steps_live_endWithTheServerAndCalloutSteps() {
    List<DemoStep> steps = DemoCommand.steps(true);

    assertEquals(DemoCommand.steps().size() + 2, steps.size());
    assertTrue(steps.get(steps.size() - 2) instanceof LiveServerStep);
    assertTrue(steps.get(steps.size() - 1) instanceof CalloutStep);
  }

  @Test
  void hasCallout_from210On() {
    assertFalse(DemoServers.hasCallout("2.9.10"));
    assertTrue(DemoServers.hasCallout("2.10.0"));
    assertTrue(DemoServers.hasCallout("2.14.5"));
    assertTrue(DemoServers.hasCallout("3.0.0-beta"));
    assertFalse(DemoServers.hasCallout("1.4.1"));
    assertFalse(DemoServers.hasCallout(""));
  }

  @Test
  void context_close_wipesEveryKey() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    NKey key;
    try (DemoContext ctx = new DemoContext(new PrintStream(sink, true, StandardCharsets.UTF_8))) {
      key = ctx.generate("user", NKeyType.USER);
    }

    assertTrue(key.isWiped());
  }

  @Test
  void context_missingKey_failsLoudly() {
    try (DemoContext ctx =
        new DemoContext(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThrows(IllegalStateException.class, () -> ctx.key("operator"));
    }
  }

  @Test
  void context_checkFails_throwsDemoFailed() {
    try (DemoContext ctx =
        new DemoContext(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      DemoFailedException e =
          assertThrows(DemoFailedException.class, () -> ctx.check(false, "it broke"));
      assertEquals("it broke", e.getMessage());
    }
  }

  @Test
  void redactedSeed_user_showsOnlyPrefix() {
    try (NKey key = NKey.generate(NKeyType.USER)) {
      assertEquals("SU...(secret, not shown)", DemoContext.redactedSeed(key));
    }
  }
}
