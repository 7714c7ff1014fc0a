package io.github.natsjwt.internal.keys;

import io.github.natsjwt.nkey.NKey;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What messages, getters and {@code toString()} may show of untrusted key-like text. A field that
 * should hold a public key may hold a seed or a private key instead, whole or mistyped, truncated,
 * lower-cased or padded; such text is secret, and nothing of it beyond its length is repeated. A
 * syntactically valid public key is shown as it is.
 */
public final class Redact {
  private Redact() {}

  /**
   * Shows a key-like field: itself when it is empty, {@code "*"}, a valid public key, or too short
   * a text to hold key material (no run of 12 or more letters and digits, as in {@code bogus}), so
   * that messages about such values stay the reference's; otherwise a redacted form that gives only
   * its length.
   *
   * @param value the field as found
   * @return the value, or for example {@code <not a public key: 58 characters, redacted>}
   */
  public static String key(String value) {
    return isShown(value) ? value : redacted(value);
  }

  /**
   * Shows a token's issuer, on which a signature failed: itself only when it is a valid public key
   * (or empty), otherwise the redacted form, whatever its length.
   *
   * @param issuer the {@code iss} as found
   * @return the issuer, or for example {@code <not a public key: 58 characters, redacted>}
   */
  public static String issuer(String issuer) {
    return issuer.isEmpty() || NKey.isValidPublicKey(issuer) ? issuer : redacted(issuer);
  }

  /**
   * Returns whether {@link #key(String)} shows a value as it is.
   *
   * @param value the field as found
   * @return {@code true} when the value is empty, {@code "*"}, a valid public key, or holds no run
   *     of 12 or more letters and digits
   */
  public static boolean isShown(String value) {
    return value.isEmpty()
        || value.equals("*")
        || NKey.isValidPublicKey(value)
        || longestAlnumRun(value) < 12;
  }

  private static int longestAlnumRun(String s) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = isAlnum(s.charAt(i)) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  /**
   * The redacted form of a value that is not a public key.
   *
   * @param value the value
   * @return {@code <not a public key: N characters, redacted>}
   */
  public static String redacted(String value) {
    int n = value.length();
    return "<not a public key: " + n + (n == 1 ? " character" : " characters") + ", redacted>";
  }

  /**
   * Shows free text (a name, for example) in a {@code toString()}: itself unless a run of 12 or
   * more letters and digits in it could be key material (it contains a digit, or is all capitals,
   * and is not a valid public key). Lower-case or capitalised words, however long, are shown.
   *
   * @param text the text as found
   * @return the text, or {@code <N characters, redacted: may hold a key>}
   */
  public static String text(String text) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isAlnum(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      boolean digit = false;
      int upper = 0;
      while (i < n && isAlnum(text.charAt(i))) {
        char c = text.charAt(i);
        digit |= c >= '0' && c <= '9';
        upper += c >= 'A' && c <= 'Z' ? 1 : 0;
        i++;
      }
      int len = i - start;
      if (len >= 12
          && (digit || upper == len)
          && !NKey.isValidPublicKey(text.substring(start, i))) {
        return "<" + n + " characters, redacted: may hold a key>";
      }
    }
    return text;
  }

  /**
   * Returns whether text looks like a seed or a private key, whole or mistyped: it holds a run of
   * 12 or more letters and digits that starts, ignoring case, as an encoded seed starts ({@code S}
   * and a key type's letter: {@code A}, {@code O}, {@code U}, {@code N}, {@code C}, {@code X}) or
   * as an encoded private key starts ({@code P}). No valid public key does; a mangled public key
   * (truncated, re-cased, with a path or a line break) does not either, so it can still be shown.
   *
   * @param text the text as found
   * @return {@code true} when the text may hold a seed or private key
   */
  public static boolean isSeedShaped(String text) {
    return SEED_SHAPED.matcher(text).find();
  }

  /** A run of 12 letters and digits, from its start, that begins as a seed or private key does. */
  private static final Pattern SEED_SHAPED =
      Pattern.compile("(?<![A-Za-z0-9])(?:[Pp][A-Za-z0-9]{11}|[Ss][AOUNCXaouncx][A-Za-z0-9]{10})");

  /**
   * Quotes text from outside (a caller's argument, a server's or an authorizer's answer) for a
   * message or a log record: in double quotes, quote and backslash escaped, control and non-ASCII
   * characters as backslash-u escapes, and cut after {@code maxChars} characters with the full
   * length noted, so that hostile text can neither flood nor forge a line. It hides nothing:
   * key-like text goes through {@link #key(String)} first.
   *
   * @param text the text as found
   * @param maxChars how many characters to show at most
   * @return the quoted text, for example {@code "zzz"... (100 characters)} for 100 z cut at 3
   */
  public static String quoted(String text, int maxChars) {
    int n = Math.min(text.length(), maxChars);
    StringBuilder sb = new StringBuilder(n + 16).append('"');
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    sb.append('"');
    if (text.length() > n) {
      sb.append("... (").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
