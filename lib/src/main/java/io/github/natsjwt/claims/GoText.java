package io.github.natsjwt.claims;

import io.github.natsjwt.internal.GoStrings;

/**
 * Go's string helpers that validation messages and list normalisation depend on: {@code %q}
 * quoting ({@code strconv.Quote}), {@code strings.TrimSpace} and {@code strings.ToLower}.
 */
final class GoText {
  private GoText() {}

  /** Quotes like Go's {@code %q} ({@code strconv.Quote}); see {@link GoStrings#quote}. */
  static String quote(String s) {
    return GoStrings.quote(s);
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int cp) {
    return GoStrings.isSpace(cp);
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    return GoStrings.trimSpace(s);
  }

  /** Go's {@code strings.ToLower}: each code point lower-cased on its own, without context. */
  static String toLower(String s) {
    return GoStrings.toLower(s);
  }
}
