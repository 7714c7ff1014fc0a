package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.Redaction;
import io.github.natsjwt.jwt.Jwt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds the token a command should read: given on the command line, in a file, or on standard
 * input; as a bare token or as a decorated block ({@code -----BEGIN NATS USER JWT-----}), as in the
 * files {@code nsc} writes and in creds files.
 *
 * <p>A creds file also holds a seed. Only the JWT block is ever turned into a string, and the bytes
 * read are wiped.
 */
public final class TokenSources {
  /** Largest file read: the largest token plus room for decorations and other blocks. */
  public static final int MAX_FILE_BYTES = Jwt.MAX_TOKEN_BYTES + 64 * 1024;

  private TokenSources() {}

  /**
   * Reads a token given directly, or in a file, or on standard input ({@code -}).
   *
   * @param value the command-line value
   * @param stdin standard input
   * @return the token text, trimmed; not yet checked
   * @throws InputException when there is no file by that name and the value is no token, or the
   *     file holds no token
   */
  public static String read(String value, InputStream stdin) {
    if (Inputs.STDIN.equals(value)) {
      return fromBytes(readBounded(value, stdin), Inputs.describe("token file", value));
    }
    if (Inputs.isReadable(value)) {
      return fromBytes(readBounded(value, stdin), Inputs.describe("token file", value));
    }
    if (looksLikeToken(value)) {
      return value.strip();
    }
    if (Redaction.looksLikeSecret(value)) {
      throw new InputException(
          "that looks like a seed, not a JWT; never put a seed on the command line, where it"
              + " shows in the process list and shell history");
    }
    throw new InputException(
        "cannot read token file '"
            + value
            + "': no such file, and it is not a JWT either (a JWT has three parts separated by"
            + " '.')");
  }

  /**
   * Returns whether a value that names no file should be decoded as a token: it has the two dots of
   * a JWT, or starts as every JWT header does ({@code eyJ}, the base64url of <code>{"</code>).
   * Anything else, such as {@code user.jwt}, is more likely a file name with a typo.
   */
  private static boolean looksLikeToken(String value) {
    String v = value.strip();
    return v.startsWith("eyJ") || v.chars().filter(c -> c == '.').count() >= 2;
  }

  /**
   * Extracts the token from file contents and wipes them.
   *
   * @param text the contents
   * @param where the file, for messages
   * @return the token
   */
  public static String fromBytes(byte[] text, String where) {
    try {
      return extract(text, where);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  private static String extract(byte[] text, String where) {
    boolean sawBlock = false;
    int start = 0;
    while (start <= text.length) {
      int end = Inputs.lineEnd(text, start);
      String line = asciiLine(text, start, end);
      start = end + 1;
      if (!isDecoration(line) || !line.contains("BEGIN")) {
        continue;
      }
      sawBlock = true;
      if (!line.contains("JWT")) {
        continue;
      }
      // The token is every line up to the END decoration.
      StringBuilder token = new StringBuilder();
      while (start <= text.length) {
        end = Inputs.lineEnd(text, start);
        String inner = asciiLine(text, start, end);
        start = end + 1;
        if (isDecoration(inner)) {
          break;
        }
        token.append(inner);
      }
      if (token.length() == 0) {
        throw new InputException(where + " has an empty JWT block");
      }
      return token.toString();
    }
    if (sawBlock) {
      throw new InputException(
          where + " holds no JWT: none of its -----BEGIN ...----- blocks is a JWT");
    }
    if (indexOf(text, (byte) '.') < 0) {
      throw Inputs.isBlank(text)
          ? new InputException(where + " is empty; it should hold a JWT")
          : new InputException(where + " holds no JWT (a JWT has three parts separated by '.')");
    }
    return new String(text, StandardCharsets.UTF_8).strip();
  }

  private static boolean isDecoration(String line) {
    return line.length() >= 6 && line.startsWith("---") && line.endsWith("---");
  }

  /** Returns a line trimmed, with non-ASCII bytes as U+FFFD (no token has them). */
  private static String asciiLine(byte[] text, int start, int end) {
    int s = start;
    int e = Math.min(end, text.length);
    while (s < e && Inputs.isWhiteSpace(text[s])) {
      s++;
    }
    while (e > s && Inputs.isWhiteSpace(text[e - 1])) {
      e--;
    }
    char[] chars = new char[e - s];
    for (int i = 0; i < chars.length; i++) {
      int b = text[s + i] & 0xFF;
      chars[i] = b < 0x80 ? (char) b : '\uFFFD';
    }
    return new String(chars);
  }

  private static int indexOf(byte[] text, byte b) {
    for (int i = 0; i < text.length; i++) {
      if (text[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads a file or standard input of at most {@link #MAX_FILE_BYTES}.
   *
   * @param source a file name or {@code -}
   * @param stdin standard input
   * @return the bytes; the caller wipes them
   * @throws InputException when the input cannot be read or is too large
   */
  public static byte[] readBounded(String source, InputStream stdin) {
    String where = Inputs.describe("token file", source);
    if (!Inputs.STDIN.equals(source)) {
      // Let the shared reader report missing files and directories the usual way.
      Path path;
      try {
        path = Path.of(source);
      } catch (InvalidPathException e) {
        return Inputs.readAll(source, "token file", stdin);
      }
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        return Inputs.readAll(source, "token file", stdin);
      }
      try (InputStream in = Files.newInputStream(path)) {
        return readBounded(in, where);
      } catch (IOException e) {
        throw new InputException("cannot read " + where + ": " + e.getMessage(), e);
      }
    }
    try {
      return readBounded(stdin, where);
    } catch (IOException e) {
      throw new InputException("cannot read standard input: " + e.getMessage(), e);
    }
  }

  private static byte[] readBounded(InputStream in, String where) throws IOException {
    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) {
      Arrays.fill(bytes, (byte) 0);
      throw new InputException(
          where + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB; a JWT is at most 1 MiB");
    }
    return bytes;
  }
}
