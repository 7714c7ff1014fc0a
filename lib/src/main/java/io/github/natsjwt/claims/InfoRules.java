package io.github.natsjwt.claims;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** The rules of the reference's Info (description and info URL) of accounts and exports. */
final class InfoRules {
  /** The longest description or info URL, in UTF-8 bytes. */
  static final int MAX_INFO_LENGTH = 8192;

  private InfoRules() {}

  static void validate(ValidationResult.Collector c, String description, String infoUrl) {
    if (tooLong(description)) {
      c.error("Description is too long");
    }
    if (!infoUrl.isEmpty()) {
      if (tooLong(infoUrl)) {
        c.error("Info URL is too long");
      }
      @Nullable String problem;
      try {
        GoUrl u = GoUrl.parse(infoUrl);
        problem = u.host.isEmpty() || u.scheme.isEmpty() ? "no hostname or scheme" : null;
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        c.error("error parsing info url: " + problem);
      }
    }
  }

  /** Whether the UTF-8 form is longer than the limit (Go measures strings in bytes). */
  private static boolean tooLong(String s) {
    // Up to a third of the limit in chars cannot exceed it in bytes, so skip the encoding.
    return s.length() > MAX_INFO_LENGTH / 3
        && s.getBytes(StandardCharsets.UTF_8).length > MAX_INFO_LENGTH;
  }
}
