package io.github.natsjwt.trust;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's own subject rules (spec trust-chain.md sections 3.4, 5.2 and 5.3): its validity
 * check, which is not the JWT library's, and NATS token matching ({@code *} one token, {@code >}
 * one or more trailing tokens).
 *
 * <p>Stateless and thread-safe.
 */
final class SubjectMatcher {
  private SubjectMatcher() {}

  /**
   * The server's subject check: non-empty, tokens separated by {@code .}, no empty token, no space,
   * tab, CR, LF or FF inside a token, and {@code >} only as the last token. {@code *} and {@code >}
   * are wildcards only as whole tokens.
   */
  static boolean isValidSubject(String subject) {
    if (subject.isEmpty()) {
      return false;
    }
    boolean sawFullWildcard = false;
    for (String t : tokens(subject)) {
      if (t.isEmpty() || sawFullWildcard) {
        return false;
      }
      if (t.length() > 1) {
        if (hasServerWhitespace(t)) {
          return false;
        }
        continue;
      }
      char c = t.charAt(0);
      if (c == '>') {
        sawFullWildcard = true;
      } else if (isServerWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a subject is valid and has no wildcard token. */
  static boolean isValidLiteralSubject(String subject) {
    return isValidSubject(subject) && !hasWildcard(subject);
  }

  /** Whether {@code *} or {@code >} appears as a whole token. */
  static boolean hasWildcard(String subject) {
    for (String t : tokens(subject)) {
      if (t.equals("*") || t.equals(">")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a permission entry could be stored as a pattern by the server's subscription list: no
   * empty token and {@code >} only last. Other entries are dropped by the server and match nothing.
   */
  static boolean isStorablePattern(String pattern) {
    if (pattern.isEmpty()) {
      return false;
    }
    List<String> toks = tokens(pattern);
    for (int i = 0; i < toks.size(); i++) {
      String t = toks.get(i);
      if (t.isEmpty() || t.equals(">") && i != toks.size() - 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a stored pattern matches a subject taken literally: a pattern {@code *} matches any one
   * token (including the tokens {@code *} and {@code >} of the subject), a pattern {@code >} one or
   * more tokens, anything else only the same token. This is how the server matches a (possibly
   * wildcard) subscription subject against permission patterns.
   */
  static boolean matches(String pattern, String subject) {
    if (!isStorablePattern(pattern) || subject.isEmpty()) {
      return false;
    }
    List<String> p = tokens(pattern);
    List<String> s = tokens(subject);
    for (int i = 0; i < p.size(); i++) {
      String pt = p.get(i);
      if (pt.equals(">")) {
        return s.size() > i;
      }
      if (i >= s.size()) {
        return false;
      }
      String st = s.get(i);
      if (st.isEmpty()) {
        return false;
      }
      if (!pt.equals("*") && !pt.equals(st)) {
        return false;
      }
    }
    return p.size() == s.size();
  }

  /**
   * Whether every subject that {@code subject} stands for is also matched by {@code test}; both may
   * contain wildcards ({@code foo.*} is a subset of {@code foo.>} and {@code *.*}, not of {@code
   * foo.bar}). Used for wildcard queue names in permissions.
   */
  static boolean isSubsetMatch(String subject, String test) {
    List<String> toks = tokens(subject);
    List<String> tt = tokens(test);
    for (int i = 0; i < tt.size(); i++) {
      if (i >= toks.size()) {
        return false;
      }
      String t2 = tt.get(i);
      if (t2.isEmpty()) {
        return false;
      }
      if (t2.equals(">")) {
        return true;
      }
      String t1 = toks.get(i);
      if (t1.isEmpty() || t1.equals(">")) {
        return false;
      }
      if (t1.equals("*")) {
        if (!t2.equals("*")) {
          return false;
        }
        continue;
      }
      if (!t2.equals("*") && !t1.equals(t2)) {
        return false;
      }
    }
    return toks.size() == tt.size();
  }

  /** Splits on {@code .}, keeping empty tokens. */
  static List<String> tokens(String subject) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < subject.length(); i++) {
      if (subject.charAt(i) == '.') {
        out.add(subject.substring(start, i));
        start = i + 1;
      }
    }
    out.add(subject.substring(start));
    return out;
  }

  private static boolean hasServerWhitespace(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (isServerWhitespace(token.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isServerWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
