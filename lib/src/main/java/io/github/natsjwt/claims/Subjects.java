package io.github.natsjwt.claims;

/**
 * The reference's subject rules (spec claims.md sections 4.7 and 4.10): validation, wildcard
 * detection and containment. They are deliberately shallow, exactly as in the reference.
 */
final class Subjects {
  private Subjects() {}

  /**
   * Go's Subject.Validate: empty; spaces; then, except under jwt 2.3.0 rules, a leading or trailing
   * dot and consecutive dots.
   */
  static void validate(ValidationResult.Collector c, String s) {
    if (s.isEmpty()) {
      c.error("subject cannot be empty");
      return;
    }
    if (s.contains(" ")) {
      c.error("subject " + GoText.quote(s) + " cannot have spaces");
    }
    if (!c.rules().checksSubjectDots()) {
      return;
    }
    if (s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') {
      c.error("subject " + GoText.quote(s) + " cannot start or end with a `.`");
    }
    if (s.contains("..")) {
      c.error("subject " + GoText.quote(s) + " cannot contain consecutive `.`");
    }
  }

  /** Go's HasWildCards: only whole-token wildcards at the places the reference looks at. */
  static boolean hasWildcards(String s) {
    return s.endsWith(".>")
        || s.contains(".*.")
        || s.endsWith(".*")
        || s.startsWith("*.")
        || s.equals("*")
        || s.equals(">");
  }

  /** Go's IsContainedIn: whether {@code s} is inside {@code other}; see the spec for the quirks. */
  static boolean isContainedIn(String s, String other) {
    String[] o = other.split("\\.", -1);
    String[] m = s.split("\\.", -1);
    if (m.length > o.length && !o[o.length - 1].equals(">")) {
      return false;
    }
    if (m.length < o.length) {
      return false;
    }
    for (int i = 0; i < o.length; i++) {
      if (i == o.length - 1 && o[i].equals(">")) {
        return true;
      }
      if (!o[i].equals(m[i]) && !o[i].equals("*")) {
        return false;
      }
    }
    return true;
  }

  /** Go's countTokenWildcards: the number of {@code *} tokens ({@code "*"} alone counts 1). */
  static int countTokenWildcards(String s) {
    if (s.equals("*")) {
      return 1;
    }
    int n = 0;
    for (String t : s.split("\\.", -1)) {
      if (t.equals("*")) {
        n++;
      }
    }
    return n;
  }
}
