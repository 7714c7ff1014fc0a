package io.github.natsjwt.trust;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why the verifier refused an account, a user or an import: the {@link Rule} nats-server applies,
 * and a message that says what was found and how to fix it.
 *
 * <p>Immutable and thread-safe. Messages name keys, never seeds or whole tokens. Only the verifier
 * creates rejections.
 */
public final class Rejection {
  private final Rule rule;
  private final String message;
  private final @Nullable Throwable cause;

  Rejection(Rule rule, String message, @Nullable Throwable cause) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.message = Objects.requireNonNull(message, "message");
    this.cause = cause;
  }

  static Rejection of(Rule rule, String message) {
    return new Rejection(rule, message, null);
  }

  static Rejection of(Rule rule, String message, @Nullable Throwable cause) {
    return new Rejection(rule, message, cause);
  }

  /**
   * Returns the rule that failed.
   *
   * @return the rule, the first the server checks among those that fail
   */
  public Rule rule() {
    return rule;
  }

  /**
   * Returns what was wrong and how to fix it.
   *
   * @return a message for a person
   */
  public String message() {
    return message;
  }

  /**
   * Returns the exception that revealed the failure, for example the resolver's error or the
   * decoder's.
   *
   * @return the cause, or empty
   */
  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  /**
   * Describes the rejection.
   *
   * @return the rule and the message
   */
  @Override
  public String toString() {
    return rule + ": " + message;
  }
}
