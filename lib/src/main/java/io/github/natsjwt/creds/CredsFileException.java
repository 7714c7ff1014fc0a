package io.github.natsjwt.creds;

import io.github.natsjwt.NatsJwtException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A creds file that cannot be read or written: missing, a directory, no permission, already
 * existing where a new file was to be created, or an I/O error.
 *
 * <p>Immutable and thread-safe. The {@link IOException} is the cause.
 */
public final class CredsFileException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  static final String CANNOT_READ = "cannot read creds file '%s': %s";
  static final String CANNOT_WRITE = "cannot write creds file '%s': %s";
  static final String EXISTS =
      "cannot write creds file '%s': it already exists; writeTo(file) never replaces a file, use"
          + " writeTo(file, true) to replace it";

  /** The file, as given. */
  private final String file;

  private CredsFileException(Path file, String message, IOException cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file").toString();
  }

  static CredsFileException reading(Path file, IOException cause) {
    return new CredsFileException(
        file, String.format(CANNOT_READ, file, reason(file, cause, "no such file")), cause);
  }

  static CredsFileException writing(Path file, IOException cause) {
    String message =
        cause instanceof FileAlreadyExistsException
            ? String.format(EXISTS, file)
            : String.format(
                CANNOT_WRITE, file, reason(file, cause, "its directory does not exist"));
    return new CredsFileException(file, message, cause);
  }

  /**
   * Returns the file that could not be read or written.
   *
   * @return the path as given
   */
  public Path file() {
    return Path.of(file);
  }

  private static String reason(Path file, IOException e, String noSuchFile) {
    if (e instanceof NoSuchFileException) {
      return noSuchFile;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
