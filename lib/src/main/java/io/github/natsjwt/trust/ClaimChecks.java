package io.github.natsjwt.trust;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.internal.keys.Redact;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks every kind of JWT shares: the account loader (section 2), the CONNECT stages (section 3.3)
 * and the import authorizer (section 6).
 */
final class ClaimChecks {
  private ClaimChecks() {}

  /**
   * The standard time checks: expired iff {@code now > exp}, not yet valid iff {@code nbf > now}.
   */
  static @Nullable Rejection timeProblem(
      Claims claims, Instant now, Rule expired, Rule notYet, String what) {
    long sec = now.getEpochSecond();
    long exp = claims.expiresAtSeconds();
    if (exp > 0 && sec > exp) {
      return Rejection.of(
          expired,
          String.format(
              Locale.ROOT,
              Messages.EXPIRED,
              what,
              Redact.key(claims.subject()),
              UnixSeconds.describe(exp),
              now,
              renewHint(what)));
    }
    long nbf = claims.notBeforeSeconds();
    if (nbf > 0 && nbf > sec) {
      return Rejection.of(
          notYet,
          String.format(
              Locale.ROOT,
              Messages.NOT_YET_VALID,
              what,
              Redact.key(claims.subject()),
              UnixSeconds.describe(nbf),
              now));
    }
    return null;
  }

  static String renewHint(String what) {
    switch (what) {
      case "account":
        return "the operator must issue a new account JWT and push it to the resolver";
      case "activation":
        return "the exporting account must issue a new activation token";
      default:
        return "issue a new user JWT";
    }
  }

  /** The validation issues, for a message. */
  static String describe(List<ValidationIssue> issues) {
    return issues.stream().map(ValidationIssue::description).collect(Collectors.joining("; "));
  }
}
