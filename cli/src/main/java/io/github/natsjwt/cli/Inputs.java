package io.github.natsjwt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reads command inputs: files, or standard input when the name is {@code -}. */
public final class Inputs {
  /** The file name that stands for standard input. */
  public static final String STDIN = "-";

  /**
   * Largest key, signature or sealed-message file read. A key file holds a seed and little else (a
   * creds file is about 1 KB), so anything bigger is the wrong file.
   */
  public static final int MAX_SMALL_FILE_BYTES = 64 * 1024;

  private Inputs() {}

  /**
   * Refuses a command line where more than one input is standard input.
   *
   * @param spec the command, for the usage error
   * @param sources the file names given, {@code -} for standard input
   * @throws ParameterException when two or more of them are {@code -}
   */
  public static void requireAtMostOneStdin(CommandSpec spec, String... sources) {
    long stdin = Arrays.stream(sources).filter(STDIN::equals).count();
    if (stdin > 1) {
      throw new ParameterException(
          spec.commandLine(), "only one input can be read from standard input ('-')");
    }
  }

  /**
   * Describes where an input comes from, for messages.
   *
   * @param what for example {@code "key file"}
   * @param source a file name or {@code -}
   * @return for example {@code key file 'alice.nk'} or {@code standard input}
   */
  public static String describe(String what, String source) {
    return STDIN.equals(source) ? "standard input" : what + " '" + source + "'";
  }

  /**
   * Returns whether a value names standard input or an existing file.
   *
   * @param source a command-line value
   * @return {@code true} for {@code -} and for paths that exist
   */
  public static boolean isReadable(String source) {
    if (STDIN.equals(source)) {
      return true;
    }
    try {
      return Files.exists(Path.of(source));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Reads a whole data file or standard input.
   *
   * @param source a file name or {@code -}
   * @param what for example {@code "data file"}
   * @param stdin standard input
   * @return the bytes
   * @throws InputException when the file cannot be read
   */
  public static byte[] readAll(String source, String what, InputStream stdin) {
    try {
      return STDIN.equals(source) ? stdin.readAllBytes() : Files.readAllBytes(path(source, what));
    } catch (IOException e) {
      throw unreadable(what, source, e);
    }
  }

  /**
   * Reads a small file that may hold a secret. Buffers that held part of it are wiped; the caller
   * owns the result and must wipe it.
   *
   * @param source a file name or {@code -}
   * @param what for example {@code "key file"}
   * @param stdin standard input
   * @return the bytes, at most {@link #MAX_SMALL_FILE_BYTES}
   * @throws InputException when the file cannot be read or is too big
   */
  public static byte[] readSmall(String source, String what, InputStream stdin) {
    try {
      if (STDIN.equals(source)) {
        return readSmall(stdin, what, source);
      }
      Path path = path(source, what);
      if (Files.isRegularFile(path) && Files.size(path) > MAX_SMALL_FILE_BYTES) {
        throw tooBig(what, source);
      }
      try (InputStream in = Files.newInputStream(path)) {
        return readSmall(in, what, source);
      }
    } catch (IOException e) {
      throw unreadable(what, source, e);
    }
  }

  /**
   * Decodes base64, URL-safe or standard alphabet, with or without padding.
   *
   * @param text the encoded text, without white space
   * @return the bytes, or empty when the text is not base64
   */
  public static Optional<byte[]> decodeBase64(String text) {
    try {
      return Optional.of(Base64.getUrlDecoder().decode(text));
    } catch (IllegalArgumentException notUrlSafe) {
      try {
        return Optional.of(Base64.getDecoder().decode(text));
      } catch (IllegalArgumentException notStandard) {
        return Optional.empty();
      }
    }
  }

  /**
   * Returns text with all white space removed, so that wrapped or newline-terminated base64 files
   * decode.
   *
   * @param bytes ASCII text
   * @return the text without spaces, tabs and line breaks
   */
  public static String withoutWhiteSpace(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      if (!isWhiteSpace(b)) {
        sb.append((char) (b & 0xFF));
      }
    }
    return sb.toString();
  }

  /**
   * Returns whether a byte is ASCII white space: space, tab, line feed, carriage return, form feed
   * or vertical tab.
   *
   * @param b the byte
   * @return {@code true} for white space
   */
  public static boolean isWhiteSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == 0x0B;
  }

  /**
   * Returns whether text is empty or only white space.
   *
   * @param text ASCII text
   * @return {@code true} when no byte is anything but {@link #isWhiteSpace white space}
   */
  public static boolean isBlank(byte[] text) {
    for (byte b : text) {
      if (!isWhiteSpace(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns where the line that starts at {@code start} ends: the index of its {@code '\n'}, or the
   * text's length for the last line.
   *
   * @param text the text
   * @param start where the line starts
   * @return the index just past the line's last character
   */
  public static int lineEnd(byte[] text, int start) {
    int i = start;
    while (i < text.length && text[i] != '\n') {
      i++;
    }
    return i;
  }

  private static byte[] readSmall(InputStream in, String what, String source) throws IOException {
    byte[] buf = new byte[4096];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (buf.length >= MAX_SMALL_FILE_BYTES + 1) {
          Arrays.fill(buf, (byte) 0);
          throw tooBig(what, source);
        }
        byte[] bigger = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_SMALL_FILE_BYTES + 1));
        Arrays.fill(buf, (byte) 0);
        buf = bigger;
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    if (n > MAX_SMALL_FILE_BYTES) {
      Arrays.fill(buf, (byte) 0);
      throw tooBig(what, source);
    }
    byte[] result = Arrays.copyOf(buf, n);
    Arrays.fill(buf, (byte) 0);
    return result;
  }

  private static Path path(String source, String what) {
    try {
      return Path.of(source);
    } catch (InvalidPathException e) {
      throw new InputException(
          "cannot read "
              + describe(what, source)
              + ": not a valid file name ("
              + e.getReason()
              + ")",
          e);
    }
  }

  private static InputException tooBig(String what, String source) {
    return new InputException(
        describe(what, source)
            + " is larger than "
            + MAX_SMALL_FILE_BYTES / 1024
            + " KiB; is it the right file?");
  }

  private static InputException unreadable(String what, String source, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "no such file";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (Files.isDirectory(Path.of(source))) {
      reason = "it is a directory";
    } else {
      reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    return new InputException("cannot read " + describe(what, source) + ": " + reason, e);
  }
}
