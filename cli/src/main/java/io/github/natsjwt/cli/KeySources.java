package io.github.natsjwt.cli;

import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Loads keys the way {@code nk} does: from a file (or standard input) whose first line that is a
 * valid key is used, after trimming white space and CR. This also finds the seed in a creds file.
 *
 * <p>Seeds are only ever read from files or standard input, never from a command-line value, and
 * every buffer that held one is wiped.
 */
public final class KeySources {
  private KeySources() {}

  /**
   * Loads a seed from a key file or standard input.
   *
   * @param source the file name, or {@code -}
   * @param option the option that named it, for messages, for example {@code "--key"}
   * @param stdin standard input
   * @return a key with its seed; the caller closes it
   * @throws InputException when the file cannot be read, holds no valid key, or holds a public key
   */
  public static NKey readSeed(String source, String option, InputStream stdin) {
    if (!Inputs.isReadable(source) && Redaction.looksLikeSecret(source)) {
      throw new InputException(
          option
              + " takes a file that holds the seed, or - for standard input, not the seed itself:"
              + " a seed on the command line shows in the process list and shell history");
    }
    String where = Inputs.describe("key file", source);
    byte[] text = Inputs.readSmall(source, "key file", stdin);
    char[] line = null;
    try {
      line = firstKeyLine(text);
      if (line == null) {
        throw noKey(text, where, true);
      }
      if (line[0] != 'S') {
        throw new InputException(
            where
                + " holds a public key ("
                + CharBuffer.wrap(line)
                + "), not a seed; "
                + option
                + " needs the seed");
      }
      return NKey.fromSeed(line);
    } finally {
      Arrays.fill(text, (byte) 0);
      wipe(line);
    }
  }

  /**
   * Resolves a public key given directly, or in a file (or standard input).
   *
   * @param value a public key, a file name, or {@code -}
   * @param option the option that named it, for messages, for example {@code "--pubkey"}
   * @param stdin standard input
   * @return the encoded public key; its type is not checked here
   * @throws InputException when the value is neither a valid public key nor a readable file that
   *     holds one
   * @throws InvalidNKeyException when the value looks like a key but does not decode
   */
  public static String readPublicKey(String value, String option, InputStream stdin) {
    if (NKey.isValidPublicKey(value)) {
      return value;
    }
    if (Inputs.isReadable(value)) {
      String where = Inputs.describe("public key file", value);
      byte[] text = Inputs.readSmall(value, "public key file", stdin);
      char[] line = null;
      try {
        line = firstKeyLine(text);
        if (line == null) {
          throw noKey(text, where, false);
        }
        if (line[0] == 'S') {
          throw new InputException(
              where
                  + " holds a seed, not a public key; keep it secret, and get its public key"
                  + " with 'natsjwt key inspect --file <file>'");
        }
        return new String(line);
      } finally {
        Arrays.fill(text, (byte) 0);
        wipe(line);
      }
    }
    if (Redaction.looksLikeSecret(value)) {
      throw new InputException(
          option
              + " needs a public key, not a seed or private key; never put a seed on the"
              + " command line, where it shows in the process list and shell history");
    }
    if (value.chars().allMatch(KeySources::isBase32)) {
      // Looks like a key: let the library say exactly what is wrong with it.
      return NKey.fromPublicKey(value).publicKey();
    }
    throw new InputException(
        "cannot read public key file '"
            + value
            + "': no such file, and "
            + option
            + " is not a public key either");
  }

  /**
   * Returns the first line that is a valid seed or public key, trimmed, or {@code null}.
   *
   * @param text file contents; not changed
   * @return the line's characters, which the caller must wipe
   */
  public static char @Nullable [] firstKeyLine(byte[] text) {
    for (int start = 0; start <= text.length; ) {
      int end = Inputs.lineEnd(text, start);
      char[] line = trimmed(text, start, end);
      if (line.length > 0 && isValidKey(line)) {
        return line;
      }
      wipe(line);
      start = end + 1;
    }
    return null;
  }

  /**
   * Returns the first line that is not blank, trimmed, or {@code null}: the line to report on when
   * no line is a valid key.
   *
   * @param text file contents; not changed
   * @param prefix when not {@code 0}, skip lines that do not start with this character
   * @return the line's characters, which the caller must wipe
   */
  public static char @Nullable [] firstNonBlankLine(byte[] text, char prefix) {
    for (int start = 0; start <= text.length; ) {
      int end = Inputs.lineEnd(text, start);
      char[] line = trimmed(text, start, end);
      if (line.length > 0 && (prefix == 0 || line[0] == prefix)) {
        return line;
      }
      wipe(line);
      start = end + 1;
    }
    return null;
  }

  /**
   * Wipes characters that may have held a seed.
   *
   * @param chars the array, or {@code null}
   */
  public static void wipe(char @Nullable [] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  private static boolean isValidKey(char[] line) {
    return line[0] == 'S' ? NKey.isValidSeed(line) : NKey.isValidPublicKey(CharBuffer.wrap(line));
  }

  /** Explains why no line of a file is a key, using the most likely candidate line. */
  private static InputException noKey(byte[] text, String where, boolean wantSeed) {
    char[] candidate = firstNonBlankLine(text, wantSeed ? 'S' : '\0');
    if (candidate == null) {
      return Inputs.isBlank(text)
          ? new InputException(where + " is empty; it should hold a key")
          : new InputException(where + " holds no seed: no line starts with S");
    }
    try {
      if (wantSeed) {
        NKey.fromSeed(candidate).close();
      } else if (candidate[0] == 'S' || candidate[0] == 'P') {
        // Do not decode what may be a damaged secret as if it were public: the library would
        // quote its characters.
        return new InputException(
            where + " holds what looks like a seed or private key, not a public key");
      } else {
        NKey.fromPublicKey(CharBuffer.wrap(candidate));
      }
      // Not reached: a line that decodes would have been found by firstKeyLine.
      return new InputException(where + " holds no valid key");
    } catch (InvalidNKeyException e) {
      return new InputException(where + " holds no valid key: " + e.getMessage(), e);
    } finally {
      wipe(candidate);
    }
  }

  private static char[] trimmed(byte[] text, int start, int end) {
    int s = start;
    int e = end;
    while (s < e && Inputs.isWhiteSpace(text[s])) {
      s++;
    }
    while (e > s && Inputs.isWhiteSpace(text[e - 1])) {
      e--;
    }
    char[] line = new char[e - s];
    for (int i = 0; i < line.length; i++) {
      int b = text[s + i] & 0xFF;
      // Non-ASCII bytes become a character outside the base32 alphabet, so the line is rejected.
      line[i] = b < 0x80 ? (char) b : '\uFFFD';
    }
    return line;
  }

  private static boolean isBase32(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7');
  }
}
