package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Captures every {@link System.Logger} record, at every level down to TRACE, while a capture is
 * open, so that a test can assert what a service logs and that it logs no secret: no seed, no whole
 * JWT, none of the strings the test names (a password, a creds file). While no capture is open,
 * every logger reports itself off, so the rest of a suite runs the disabled-logger paths.
 *
 * <p>Thread-safe: records from any thread go to the open capture. One capture is open at a time
 * (the last {@link #start() started}); tests that capture must not run in parallel.
 *
 * <p>The JDK takes its {@link System.LoggerFinder} from the class path once, at the first logger,
 * so a test suite opts in with a resource {@code META-INF/services/java.lang.System$LoggerFinder}
 * holding the line {@code io.github.natsjwt.testing.LogCapture$Finder}, and runs its tests on the
 * class path. This jar does not install the finder itself: it would turn off the logging of every
 * test suite that uses natsjwt-testing.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ... drive the code ...
 *   logs.assertNoSecrets(seed, jwt);
 *   logs.expect(Level.WARNING, "io.github.natsjwt.trust.UrlAccountResolver", "HTTP 500");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  /** Any seed, of any key type. */
  public static final Pattern SEED = Pattern.compile("S[OAUNCXP][A-Z2-7]{56}");

  /** Any whole compact JWT. */
  public static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /** More than this many records in one capture is a runaway. */
  private static final int MAX_RECORDS = 200_000;

  /** The open capture, if any. */
  private static final AtomicReference<@Nullable LogCapture> ACTIVE = new AtomicReference<>();

  private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

  /**
   * One record as the logger was handed it.
   *
   * @param logger the logger's name
   * @param level the level
   * @param message the message, formatted with its parameters when it had any
   * @param params each parameter's {@code String.valueOf}
   * @param thrown the attached throwable
   */
  public record Entry(
      String logger, Level level, String message, List<String> params, @Nullable Throwable thrown) {
    /**
     * Creates a record, copying the parameters.
     *
     * @param logger the logger's name
     * @param level the level
     * @param message the message, formatted with its parameters when it had any
     * @param params each parameter's {@code String.valueOf}
     * @param thrown the attached throwable
     */
    public Entry {
      params = List.copyOf(params);
    }

    @Override
    public String toString() {
      return level + " " + logger + ": " + message + (thrown == null ? "" : " [" + thrown + "]");
    }
  }

  private LogCapture() {}

  /**
   * Starts capturing; a capture opened before stops receiving records.
   *
   * @return the capture; close it to stop
   * @throws AssertionError when {@link Finder} is not the JVM's logger finder
   */
  public static LogCapture start() {
    System.LoggerFinder finder = System.LoggerFinder.getLoggerFinder();
    assertTrue(
        finder instanceof Finder,
        "the capturing LoggerFinder is not installed (found " + finder.getClass().getName() + ")");
    LogCapture c = new LogCapture();
    ACTIVE.set(c);
    return c;
  }

  /** Stops capturing, if this is the open capture; the records stay readable. */
  @Override
  public void close() {
    ACTIVE.compareAndSet(this, null);
  }

  /**
   * Returns the records so far.
   *
   * @return a snapshot
   */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /**
   * Returns the records of one logger.
   *
   * @param logger the logger's name
   * @return a snapshot
   */
  public List<Entry> entries(String logger) {
    return entries().stream().filter(e -> e.logger().equals(logger)).toList();
  }

  /**
   * Asserts that a record at a level from a logger holds every fragment, and returns the first.
   *
   * @param level the level
   * @param logger the logger's name
   * @param fragments texts the message must contain
   * @return the record
   * @throws AssertionError when there is none; it lists the records
   */
  public Entry expect(Level level, String logger, String... fragments) {
    for (Entry e : entries()) {
      if (e.level() == level
          && e.logger().equals(logger)
          && Arrays.stream(fragments).allMatch(e.message()::contains)) {
        return e;
      }
    }
    return fail(
        "no "
            + level
            + " record from "
            + logger
            + " containing "
            + Arrays.toString(fragments)
            + "; records:\n"
            + entries().stream().map(Entry::toString).collect(Collectors.joining("\n")));
  }

  /**
   * Asserts that no record, parameter or attached throwable (its message, its {@code toString()},
   * its causes and suppressed ones) holds a seed, a whole JWT or any of the given strings.
   *
   * @param secrets exact strings that must appear nowhere (seeds, JWTs, passwords, creds files)
   * @throws AssertionError when one does, or when nothing was logged
   */
  public void assertNoSecrets(String... secrets) {
    List<Entry> all = entries();
    assertFalse(all.isEmpty(), "nothing was logged, so nothing was checked");
    for (Entry e : all) {
      List<String> texts = new ArrayList<>();
      texts.add(e.message());
      texts.addAll(e.params());
      Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      addThrowable(e.thrown(), texts, seen);
      for (String text : texts) {
        Supplier<String> where = () -> "in " + e + "\n  text: " + text;
        assertFalse(SEED.matcher(text).find(), () -> "a seed " + where.get());
        assertFalse(JWT.matcher(text).find(), () -> "a JWT " + where.get());
        for (String secret : secrets) {
          assertFalse(text.contains(secret), () -> "a secret " + where.get());
          assertFalse(
              text.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)),
              () -> "a secret, re-cased, " + where.get());
        }
      }
    }
  }

  private static void addThrowable(@Nullable Throwable t, List<String> texts, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) {
      return;
    }
    texts.add(String.valueOf(t.getMessage()));
    texts.add(String.valueOf(t.getLocalizedMessage()));
    texts.add(t.toString());
    addThrowable(t.getCause(), texts, seen);
    for (Throwable s : t.getSuppressed()) {
      addThrowable(s, texts, seen);
    }
  }

  private void add(Entry e) {
    synchronized (entries) {
      if (entries.size() >= MAX_RECORDS) {
        throw new IllegalStateException("more than " + MAX_RECORDS + " log records captured");
      }
      entries.add(e);
    }
  }

  /**
   * The finder: every logger it makes reports to the open capture, if any. Named in a test suite's
   * {@code META-INF/services/java.lang.System$LoggerFinder}.
   */
  public static final class Finder extends System.LoggerFinder {
    /** Creates the finder; the JDK does, through the service file. */
    public Finder() {}

    @Override
    public System.Logger getLogger(String name, Module module) {
      return new CapturingLogger(name);
    }
  }

  private static final class CapturingLogger implements System.Logger {
    private final String name;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return ACTIVE.get() != null && level != Level.OFF;
    }

    @Override
    public void log(
        Level level,
        @Nullable ResourceBundle bundle,
        @Nullable String msg,
        @Nullable Throwable thrown) {
      LogCapture c = ACTIVE.get();
      if (c != null && level != Level.OFF) {
        c.add(new Entry(name, level, String.valueOf(msg), List.of(), thrown));
      }
    }

    @Override
    public void log(
        Level level,
        @Nullable ResourceBundle bundle,
        @Nullable String format,
        @Nullable Object... params) {
      LogCapture c = ACTIVE.get();
      if (c == null || level == Level.OFF) {
        return;
      }
      String text = String.valueOf(format);
      List<String> shown = new ArrayList<>();
      if (params != null && params.length > 0) {
        for (Object p : params) {
          shown.add(String.valueOf(p));
        }
        try {
          text = MessageFormat.format(text, params);
        } catch (IllegalArgumentException e) {
          // keep the pattern as it is; the parameters are checked one by one anyway
        }
      }
      c.add(new Entry(name, level, text, List.copyOf(shown), null));
    }
  }
}
