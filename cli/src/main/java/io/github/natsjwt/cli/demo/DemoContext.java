package io.github.natsjwt.cli.demo;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What demo steps share: the keys made so far, by name, and the output.
 *
 * <p>Not thread-safe. {@link #close()} wipes every key the demo made.
 */
public final class DemoContext implements AutoCloseable {
  private static final String INDENT = "      ";

  private final PrintStream out;
  private final Map<String, NKey> keys = new LinkedHashMap<>();
  private final List<NKey> owned = new ArrayList<>();
  private final Map<String, String> tokens = new LinkedHashMap<>();
  private String serverVersion = "";

  DemoContext(PrintStream out) {
    this.out = out;
  }

  /**
   * Generates a key, remembers it under a name, and wipes it when the demo ends.
   *
   * @param name for example {@code "user"} or {@code "bob"}
   * @param type the key type
   * @return the new key
   */
  public NKey generate(String name, NKeyType type) {
    NKey key = NKey.generate(type);
    owned.add(key);
    keys.put(name, key);
    return key;
  }

  /**
   * Returns a key an earlier step made.
   *
   * @param name the name it was made under
   * @return the key
   * @throws IllegalStateException when no step made it (steps are in the wrong order)
   */
  public NKey key(String name) {
    NKey key = keys.get(name);
    if (key == null) {
      throw new IllegalStateException("no demo step made a key named " + name);
    }
    return key;
  }

  /**
   * Remembers a token for later steps.
   *
   * @param name for example {@code "user"}
   * @param token the token
   */
  public void putToken(String name, String token) {
    tokens.put(name, token);
  }

  /**
   * Returns a token an earlier step made.
   *
   * @param name the name it was stored under
   * @return the token
   * @throws IllegalStateException when no step made it (steps are in the wrong order)
   */
  public String token(String name) {
    String token = tokens.get(name);
    if (token == null) {
      throw new IllegalStateException("no demo step made a token named " + name);
    }
    return token;
  }

  /**
   * Shows the start of a token and its length, which is enough to recognise it.
   *
   * @param token a token
   * @return for example {@code eyJ0eXAiOiJKV1QiLCJhbGci... (512 characters)}
   */
  public static String abbreviate(String token) {
    return token.length() <= 40
        ? token
        : token.substring(0, 24) + "..." + " (" + token.length() + " characters)";
  }

  /**
   * Prints lines of text, each indented as the step's output.
   *
   * @param text lines separated by line breaks
   */
  public void sayLines(String text) {
    text.lines().forEach(l -> out.println(INDENT + l));
  }

  /**
   * Prints one indented line of the step's output.
   *
   * @param format a {@link String#format} pattern
   * @param args its arguments
   */
  public void say(String format, Object... args) {
    out.println(INDENT + String.format(format, args));
  }

  /**
   * Fails the demo unless a condition holds.
   *
   * @param condition what the step expects
   * @param failure what to report when it does not hold
   * @throws DemoFailedException when {@code condition} is false
   */
  public void check(boolean condition, String failure) {
    if (!condition) {
      throw new DemoFailedException(failure);
    }
  }

  /**
   * Shows a key's seed as its first two letters only, for example {@code SU...}, without taking the
   * seed out of the key.
   *
   * @param key a key with a seed
   * @return the redacted seed
   */
  public static String redactedSeed(NKey key) {
    Objects.requireNonNull(key, "key");
    return "S" + key.type().letter() + "...(secret, not shown)";
  }

  /** Remembers the version of the nats-server the live step ran. */
  void serverVersion(String version) {
    this.serverVersion = Objects.requireNonNull(version, "version");
  }

  /** The version of the nats-server the live step ran, or empty before it ran. */
  String serverVersion() {
    return serverVersion;
  }

  PrintStream out() {
    return out;
  }

  @Override
  public void close() {
    owned.forEach(NKey::close);
  }
}
