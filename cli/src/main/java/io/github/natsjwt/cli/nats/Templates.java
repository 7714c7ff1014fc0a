package io.github.natsjwt.cli.nats;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The permission options of a scoped signing key's template, shared by edit-scope and add. */
final class Templates {
  @Option(
      names = "--pub-allow",
      paramLabel = "<subject>",
      description = "Subject the key's users may publish to; repeat for more.")
  List<String> pubAllow = new ArrayList<>();

  @Option(
      names = "--pub-deny",
      paramLabel = "<subject>",
      description = "Subject the key's users may not publish to; repeat for more.")
  List<String> pubDeny = new ArrayList<>();

  @Option(
      names = "--sub-allow",
      paramLabel = "<subject>",
      description =
          "Subject the key's users may subscribe to, optionally with a queue group after a space;"
              + " repeat for more.")
  List<String> subAllow = new ArrayList<>();

  @Option(
      names = "--sub-deny",
      paramLabel = "<subject>",
      description = "Subject the key's users may not subscribe to; repeat for more.")
  List<String> subDeny = new ArrayList<>();

  /** Whether any publish or subscribe option was given. */
  boolean any() {
    return !pubAllow.isEmpty() || !pubDeny.isEmpty() || !subAllow.isEmpty() || !subDeny.isEmpty();
  }

  /**
   * Replaces the publish permissions when a publish option was given, and the subscribe ones when a
   * subscribe option was; everything else of the template stays.
   */
  UserPermissionLimits applyTo(UserPermissionLimits template) {
    UserPermissionLimits.Builder b = template.toBuilder();
    if (!pubAllow.isEmpty() || !pubDeny.isEmpty()) {
      b.pub(new Permission(pubAllow, pubDeny));
    }
    if (!subAllow.isEmpty() || !subDeny.isEmpty()) {
      b.sub(new Permission(subAllow, subDeny));
    }
    return b.build();
  }

  /** Describes the permissions for the text output. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!pubAllow.isEmpty()) {
      parts.add("pub allow " + pubAllow);
    }
    if (!pubDeny.isEmpty()) {
      parts.add("pub deny " + pubDeny);
    }
    if (!subAllow.isEmpty()) {
      parts.add("sub allow " + subAllow);
    }
    if (!subDeny.isEmpty()) {
      parts.add("sub deny " + subDeny);
    }
    return String.join(", ", parts);
  }
}
