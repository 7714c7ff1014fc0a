package io.github.natsjwt.cli;

import java.util.regex.Pattern;

/**
 * Keeps seeds and private keys out of what the tool prints about errors.
 *
 * <p>The library never puts secrets in its messages, but picocli repeats argument values in its own
 * ("Unmatched argument at index 1: 'SUAK...'"), and a user may pass a seed where a file name
 * belongs. Every error line goes through {@link #redact(String)}.
 */
public final class Redaction {
  // A seed (S + role letter) or private key (P...) is a long run of base32 characters. Public
  // keys start with O, A, U, N, C or X and are left alone.
  private static final Pattern SECRET =
      Pattern.compile("(?<![A-Za-z0-9_-])([SP][A-Z2-7])[A-Z2-7]{30,}(?![A-Za-z0-9_-])");
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");

  private Redaction() {}

  /**
   * Replaces anything that looks like a seed or private key by its first two letters.
   *
   * @param text any text
   * @return the text with {@code SUAK...} (58 characters) shown as {@code SU...(redacted)}, on one
   *     line
   */
  public static String redact(String text) {
    String oneLine = LINE_BREAKS.matcher(text.strip()).replaceAll(" ");
    return SECRET.matcher(oneLine).replaceAll("$1...(redacted)");
  }

  /**
   * Returns whether text looks like a seed or private key (long base32 starting with S or P), so
   * that a secret typed where a file name belongs is refused instead of echoed.
   *
   * @param text a command-line value
   * @return whether it should be treated as a secret
   */
  public static boolean looksLikeSecret(String text) {
    return SECRET.matcher(text.strip()).matches();
  }
}
