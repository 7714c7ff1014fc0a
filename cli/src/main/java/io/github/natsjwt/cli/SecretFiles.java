package io.github.natsjwt.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Writes files that hold secrets: created new, owner-only, never half-written. */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private SecretFiles() {}

  /**
   * Writes a secret to a file that only its owner can read (where the file system has POSIX
   * permissions; elsewhere a warning says the file has the directory's default access).
   *
   * <p>Without {@code replace} the file is created exclusively, so an existing file, or a symbolic
   * link planted in its place, is never written through. With {@code replace} the secret goes to a
   * new owner-only file in the same directory, which then atomically replaces the target.
   *
   * @param file the file to write
   * @param secret the bytes to write; not retained
   * @param replace whether an existing file may be replaced
   * @param streams for the permissions warning
   * @throws InputException when the file exists and {@code replace} is false, or cannot be written
   */
  public static void write(Path file, byte[] secret, boolean replace, StdStreams streams) {
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    if (Files.isDirectory(file)) {
      throw new InputException("cannot write '" + file + "': it is a directory");
    }
    if (replace) {
      replace(file, secret, attributes);
    } else {
      createNew(file, secret, attributes);
    }
    if (!posix) {
      streams.warn(
          "this file system has no POSIX permissions; make sure only you can read '" + file + "'");
    }
  }

  private static void createNew(Path file, byte[] secret, FileAttribute<?>[] attributes) {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes);
    } catch (FileAlreadyExistsException e) {
      throw new InputException(
          "refusing to overwrite '" + file + "': it already exists; use --force to replace it", e);
    } catch (IOException e) {
      throw unwritable(file, e);
    }
    // From here on the file is ours: remove it rather than leave a truncated seed behind.
    try (ch) {
      writeFully(ch, secret);
    } catch (IOException e) {
      deleteQuietly(file);
      throw unwritable(file, e);
    }
  }

  private static void replace(Path file, byte[] secret, FileAttribute<?>[] attributes) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
    } catch (IOException e) {
      throw unwritable(file, e);
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(ch, secret);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw unwritable(file, e);
    }
  }

  private static void writeFully(FileChannel ch, byte[] secret) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(secret);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    // The caller reports success and may delete its only other copy of the key.
    ch.force(true);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Reporting the write failure matters more than a leftover file.
    }
  }

  private static InputException unwritable(Path file, IOException e) {
    String reason =
        e instanceof NoSuchFileException
            ? "its directory does not exist"
            : e instanceof AccessDeniedException
                ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return new InputException("cannot write '" + file + "': " + reason, e);
  }
}
