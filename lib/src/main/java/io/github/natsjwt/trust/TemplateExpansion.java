package io.github.natsjwt.trust;

import io.github.natsjwt.claims.UserPermissionLimits;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of applying a scoped signing key's template to a user (spec trust-chain.md sections
 * 4.3 and 4.4): either the permissions and limits the user gets, or the reason the server rejects
 * the user.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * TemplateExpansion result = ScopeTemplates.expand(scope.template(), user, account, profile);
 * if (result.isRejected()) {
 *   System.out.println("rejected: " + result.rejectionReason().orElseThrow());
 * } else {
 *   UserPermissionLimits limits = result.limits().orElseThrow();
 * }
 * }</pre>
 */
public final class TemplateExpansion {
  private final @Nullable UserPermissionLimits limits;
  private final @Nullable String rejectionReason;

  private TemplateExpansion(@Nullable UserPermissionLimits limits, @Nullable String reason) {
    this.limits = limits;
    this.rejectionReason = reason;
  }

  static TemplateExpansion expanded(UserPermissionLimits limits) {
    return new TemplateExpansion(Objects.requireNonNull(limits, "limits"), null);
  }

  static TemplateExpansion rejected(String reason) {
    return new TemplateExpansion(null, Objects.requireNonNull(reason, "reason"));
  }

  /**
   * Returns whether the server rejects the user because of the template.
   *
   * @return {@code true} when rejected
   */
  public boolean isRejected() {
    return rejectionReason != null;
  }

  /**
   * Returns the user's permissions and limits after expansion: the template with its four
   * permission lists expanded, every other field as the template has it.
   *
   * @return the expanded template, or empty when rejected
   */
  public Optional<UserPermissionLimits> limits() {
    return Optional.ofNullable(limits);
  }

  /**
   * Returns why the server rejects the user, in plain words.
   *
   * @return for example {@code pub.allow entry "a.{{foo()}}": template operation "foo()" not
   *     defined}, or empty when not rejected
   */
  public Optional<String> rejectionReason() {
    return Optional.ofNullable(rejectionReason);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof TemplateExpansion)) {
      return false;
    }
    TemplateExpansion t = (TemplateExpansion) o;
    return Objects.equals(limits, t.limits) && Objects.equals(rejectionReason, t.rejectionReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limits, rejectionReason);
  }

  /**
   * Describes the outcome.
   *
   * @return for example {@code TemplateExpansion[rejected: ...]} or {@code
   *     TemplateExpansion[UserPermissionLimits{...}]}
   */
  @Override
  public String toString() {
    return rejectionReason != null
        ? "TemplateExpansion[rejected: " + rejectionReason + "]"
        : "TemplateExpansion[" + limits + "]";
  }
}
