package io.github.natsjwt.claims;

import io.github.natsjwt.internal.go.GoStrings;
import io.github.natsjwt.internal.keys.Redact;

/**
 * Go's string helpers that validation messages and list normalisation depend on: {@code %q} quoting
 * ({@code strconv.Quote}), {@code strings.TrimSpace} and {@code strings.ToLower}.
 */
final class GoText {
  private GoText() {}

  /**
   * Quotes a key-like value as Go's {@code %q} does when it is a public key (or empty, or {@code
   * *}); anything else may be a seed or private key, and only its length is shown.
   */
  static String quoteKey(String s) {
    return Redact.isShown(s) ? quote(s) : Redact.redacted(s);
  }

  /**
   * Quotes free text as Go's {@code %q} does unless it may hold key material ({@link
   * Redact#text(String)}), which is shown only by its length.
   */
  static String quoteText(String s) {
    String shown = Redact.text(s);
    return shown.equals(s) ? quote(s) : shown;
  }

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
