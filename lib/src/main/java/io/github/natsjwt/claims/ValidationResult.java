package io.github.natsjwt.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The findings of {@link Claims#validate}, in the order the rules ran.
 *
 * <p>Immutable and thread-safe.
 */
public final class ValidationResult {
  private final List<ValidationIssue> issues;

  ValidationResult(List<ValidationIssue> issues) {
    this.issues = List.copyOf(issues);
  }

  /**
   * Returns every finding.
   *
   * @return an unmodifiable list, in rule order
   */
  public List<ValidationIssue> issues() {
    return issues;
  }

  /**
   * Returns whether there are no findings at all.
   *
   * @return {@code true} when the claim passed every rule
   */
  public boolean isEmpty() {
    return issues.isEmpty();
  }

  /**
   * Returns whether the claim must not be used.
   *
   * @param includeTimeChecks whether an expired or not-yet-valid claim counts as blocking
   * @return {@code true} when any finding blocks
   */
  public boolean isBlocking(boolean includeTimeChecks) {
    for (ValidationIssue i : issues) {
      if (i.blocking() || (includeTimeChecks && i.timeCheck())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the blocking findings.
   *
   * @return an unmodifiable list
   */
  public List<ValidationIssue> errors() {
    return issues.stream().filter(ValidationIssue::blocking).toList();
  }

  /**
   * Returns the non-blocking findings, time checks included.
   *
   * @return an unmodifiable list
   */
  public List<ValidationIssue> warnings() {
    return issues.stream().filter(i -> !i.blocking()).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidationResult && ((ValidationResult) o).issues.equals(issues);
  }

  @Override
  public int hashCode() {
    return issues.hashCode();
  }

  @Override
  public String toString() {
    return "ValidationResult" + issues;
  }

  /** Collects findings while the rules of one rule set run. Not thread-safe. */
  static final class Collector {
    private final List<ValidationIssue> issues = new ArrayList<>();
    private final ValidationRules rules;

    /** A collector for the current rules. */
    Collector() {
      this(ValidationRules.CURRENT);
    }

    Collector(ValidationRules rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rule set the checks apply; each check that differs between versions asks it. */
    ValidationRules rules() {
      return rules;
    }

    void error(String description) {
      issues.add(ValidationIssue.error(Objects.requireNonNull(description)));
    }

    void warning(String description) {
      issues.add(ValidationIssue.warning(description));
    }

    void timeCheck(String description) {
      issues.add(ValidationIssue.timeCheck(description));
    }

    boolean isEmpty() {
      return issues.isEmpty();
    }

    int size() {
      return issues.size();
    }

    List<ValidationIssue> issues() {
      return issues;
    }

    ValidationResult result() {
      return new ValidationResult(issues);
    }
  }
}
