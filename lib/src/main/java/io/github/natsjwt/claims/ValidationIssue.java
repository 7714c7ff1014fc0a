package io.github.natsjwt.claims;

import java.util.Objects;

/**
 * One finding of {@link Claims#validate}: a blocking error, a time check (expired or not yet
 * valid), or a warning.
 *
 * <p>Immutable and thread-safe. Descriptions are the reference implementation's texts, so that they
 * can be compared with other NATS tools, except the token size findings of {@link TokenSize}, which
 * are this library's own (the reference checks the size only when decoding).
 *
 * @param description what is wrong, in words a person can act on
 * @param blocking whether the claim must not be used
 * @param timeCheck whether this is an expiry or not-before finding (never blocking by itself)
 */
public record ValidationIssue(String description, boolean blocking, boolean timeCheck) {
  /**
   * Checks the fields.
   *
   * @param description what is wrong
   * @param blocking whether the claim must not be used
   * @param timeCheck whether this is a time finding
   */
  public ValidationIssue {
    Objects.requireNonNull(description, "description");
  }

  static ValidationIssue error(String description) {
    return new ValidationIssue(description, true, false);
  }

  static ValidationIssue warning(String description) {
    return new ValidationIssue(description, false, false);
  }

  static ValidationIssue timeCheck(String description) {
    return new ValidationIssue(description, false, true);
  }
}
