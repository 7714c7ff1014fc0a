package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Capturing System.Logger records and finding secrets in them (the finder is installed here). */
class LogCaptureTest {
  private static final String NAME = "io.github.natsjwt.example.Service";
  private static final Logger LOG = System.getLogger(NAME);

  private static final TestUser ALICE = TestOperator.create("logs").account("orders").user("alice");

  @Test
  void start_recordsEveryLevelAndParameters_closeStops() {
    LogCapture logs = LogCapture.start();
    try (logs) {
      assertTrue(LOG.isLoggable(Level.TRACE));
      LOG.log(Level.TRACE, "t");
      LOG.log(Level.INFO, "user {0} connected on {1}", "alice", 7);
      LOG.log(Level.ERROR, "failed", new IllegalStateException("boom"));

      List<LogCapture.Entry> all = logs.entries(NAME);
      assertEquals(3, all.size());
      assertEquals(Level.TRACE, all.get(0).level());
      assertEquals("user alice connected on 7", all.get(1).message());
      assertEquals(List.of("alice", "7"), all.get(1).params());
      assertEquals("boom", all.get(2).thrown().getMessage());
      assertEquals(all.get(1), logs.expect(Level.INFO, NAME, "alice", "7"));
    }
    LOG.log(Level.ERROR, "after");
    assertFalse(LOG.isLoggable(Level.ERROR));
    assertEquals(3, logs.entries().size());
  }

  @Test
  void expect_noMatch_failsListingTheRecords() {
    try (LogCapture logs = LogCapture.start()) {
      LOG.log(Level.WARNING, "slow reply");

      AssertionError e =
          assertThrows(AssertionError.class, () -> logs.expect(Level.ERROR, NAME, "slow"));
      assertTrue(e.getMessage().contains("WARNING " + NAME + ": slow reply"), e.getMessage());
    }
  }

  @Test
  void assertNoSecrets_cleanRecords_passes() {
    try (LogCapture logs = LogCapture.start()) {
      LOG.log(Level.INFO, "user {0} allowed", ALICE.publicKey());
      logs.assertNoSecrets("hunter2");
    }
  }

  @Test
  void assertNoSecrets_nothingLogged_fails() {
    try (LogCapture logs = LogCapture.start()) {
      assertThrows(AssertionError.class, logs::assertNoSecrets);
    }
  }

  @Test
  void assertNoSecrets_seedInMessage_fails() {
    String seed = new String(ALICE.key().seed());
    assertLeak(() -> LOG.log(Level.DEBUG, "key " + seed));
  }

  @Test
  void assertNoSecrets_jwtInParameter_fails() {
    assertLeak(() -> LOG.log(Level.DEBUG, "token {0}", ALICE.jwt()));
  }

  @Test
  void assertNoSecrets_secretInNestedCause_fails() {
    Exception cause = new IllegalArgumentException("bad password hunter2");
    assertLeak(
        () -> LOG.log(Level.WARNING, "refused", new IllegalStateException("refused", cause)),
        "hunter2");
  }

  @Test
  void assertNoSecrets_secretReCased_fails() {
    assertLeak(() -> LOG.log(Level.INFO, "pw " + "Hunter2".toUpperCase(Locale.ROOT)), "hunter2");
  }

  private static void assertLeak(Runnable log, String... secrets) {
    try (LogCapture logs = LogCapture.start()) {
      log.run();
      assertThrows(AssertionError.class, () -> logs.assertNoSecrets(secrets));
    }
  }
}
