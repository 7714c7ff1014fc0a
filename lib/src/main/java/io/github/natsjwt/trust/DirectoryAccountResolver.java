package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Account JWTs in a directory laid out as the server's {@code full} and {@code cache} resolvers lay
 * it out (spec trust-chain.md section 1.3): one file {@code <dir>/<ACCOUNT_PUBLIC_KEY>.jwt} per
 * account, flat, holding the raw JWT with no newline added. It reads such a directory and writes
 * it, so a server pointed at the same directory sees what this class stores.
 *
 * <p>Thread-safe. Writes through one instance are serialized; reads take no lock. Every write goes
 * to a temporary file in the same directory that is then renamed over the account's file, so a
 * reader (this class or a server) sees the old JWT or the new one, never a part. Writers in other
 * processes are not coordinated: two processes storing the same account at once may each keep their
 * own, as two servers may.
 *
 * <pre>{@code
 * DirectoryAccountResolver store = DirectoryAccountResolver.open(Path.of("/var/nats/jwt"));
 * store.storeIfNewer(accountKey, accountJwt);   // as a server stores a looked-up JWT
 * Optional<String> jwt = store.fetch(accountKey);
 * }</pre>
 *
 * <p>What it checks: an account key is validated before it becomes a file name, so no key can name
 * a file outside the directory; a file is read only if it is a regular file of at most {@link
 * Builder#maxTokenBytes(int) maxTokenBytes} (plus a trailing line break, which is dropped) made of
 * the characters a JWT can hold. A file with anything else is an {@link
 * InvalidAccountJwtException}. Decoding, signature, subject, time and trust are the verifier's
 * checks. JWTs given to {@link #store} and {@link #storeIfNewer} are decoded first: they must be
 * account JWTs for the key they are stored under (expired or untrusted ones are stored, as the
 * server stores them).
 *
 * <p>Files are looked up by name, as the server loads them, so no index is kept. The server also
 * indexes {@code *.jwt} files in subdirectories when it starts, but it never loads an account from
 * one; {@link #fetch} and {@link #list} likewise look at the top level only. The server's expiry
 * housekeeping (removing files of expired JWTs) and its {@code limit} on the number of files are
 * not reproduced: an expired account JWT stays on disk and the verifier rejects it.
 *
 * <p>Logs to {@code io.github.natsjwt.trust.DirectoryAccountResolver}: each store and delete at
 * DEBUG (account, {@code jti}, whether the file changed), and each failed read or write at WARNING,
 * at most one WARNING of each every 10 seconds per resolver with the rest at DEBUG. A successful
 * read is not logged; file contents never are.
 */
public final class DirectoryAccountResolver implements AccountResolver {
  /** The suffix of an account's file. */
  public static final String EXTENSION = ".jwt";

  /** The suffix a deleted account's file is renamed to when it is not hard-deleted. */
  public static final String DELETED_EXTENSION = ".jwt.deleted";

  static final String DIRECTORY_MISSING =
      "Account JWT directory %s does not exist; create it, or build the resolver with"
          + " createIfMissing(true).";
  static final String NOT_A_DIRECTORY = "Account JWT directory %s is not a directory.";
  static final String CANNOT_CREATE = "Could not create the account JWT directory %s: %s.";
  static final String NOT_A_FILE =
      "%s for account %s is not a regular file; the directory should hold one file per account.";
  static final String FILE_TOO_LARGE =
      "File %s for account %s is %d bytes, larger than the %d-byte limit for an account JWT;"
          + " replace it with the raw account JWT.";
  static final String READ_FAILED = "Could not read %s for account %s: %s.";
  static final String WRITE_FAILED = "Could not write %s for account %s: %s.";
  static final String DELETE_FAILED = "Could not delete %s for account %s: %s.";
  static final String LIST_FAILED = "Could not list the account JWT directory %s: %s.";
  static final String STORE_TOO_LARGE =
      "JWT to store for account %s is %d bytes, larger than this resolver's %d-byte limit.";

  private static final String TO_STORE = "JWT to store";

  private static final Logger LOG = System.getLogger(DirectoryAccountResolver.class.getName());

  private final Path directory;
  private final boolean createIfMissing;
  private final int maxTokenBytes;
  private final Object writeLock = new Object();
  private final LogThrottle readFailures = new LogThrottle();
  private final LogThrottle writeFailures = new LogThrottle();

  private DirectoryAccountResolver(Path directory, boolean createIfMissing, int maxTokenBytes) {
    this.directory = directory;
    this.createIfMissing = createIfMissing;
    this.maxTokenBytes = maxTokenBytes;
  }

  /**
   * Opens an existing directory with the default limits.
   *
   * @param directory the directory, as in the server's {@code resolver { dir: ... }}
   * @return the resolver
   * @throws AccountResolutionException when the directory does not exist or is not a directory
   */
  public static DirectoryAccountResolver open(Path directory) {
    return builder(directory).build();
  }

  /**
   * Starts a builder.
   *
   * @param directory the directory, as in the server's {@code resolver { dir: ... }}
   * @return a new builder
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Returns the directory, as an absolute, normalized path.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Returns the largest token this resolver reads or stores.
   *
   * @return the limit in bytes
   */
  public int maxTokenBytes() {
    return maxTokenBytes;
  }

  /**
   * Reads an account's JWT from {@code <dir>/<key>.jwt}. A trailing line break in the file is
   * dropped; a {@code .jwt.deleted} file is not read.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the token, or empty when the account has no file
   * @throws AccountResolutionException when the key is not a valid account key, the directory is
   *     gone, or the file cannot be read
   * @throws InvalidAccountJwtException when the file is too large or holds something that cannot be
   *     a JWT
   */
  @Override
  public Optional<String> fetch(String accountPublicKey) {
    String key = ResolverText.requireAccountKey(accountPublicKey, "no file is read for it.");
    try {
      return read(key);
    } catch (AccountResolutionException e) {
      readFailures.log(
          LOG, Level.WARNING, e, () -> "Could not fetch account " + key + ": " + e.getMessage());
      throw e;
    }
  }

  /**
   * Stores an account JWT unconditionally, as the server stores a pushed JWT (a claims update, spec
   * trust-chain.md section 1.4); storing the JWT already there changes nothing.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @param accountJwt its JWT
   * @return {@code true} when the file changed
   * @throws AccountResolutionException when the key is not a valid account key or the file cannot
   *     be written
   * @throws InvalidAccountJwtException when the JWT is not an account JWT for that key, or is
   *     larger than {@link #maxTokenBytes()}
   */
  public boolean store(String accountPublicKey, String accountJwt) {
    return write(accountPublicKey, accountJwt, false);
  }

  /**
   * Stores an account JWT unless the stored one is at least as new, as the server stores a JWT it
   * looked up or received in a sync (spec trust-chain.md section 1.4): the stored file is kept when
   * its {@code jti} equals the new one's or its {@code iat} is greater; a stored file that does not
   * decode is replaced.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @param accountJwt its JWT
   * @return {@code true} when the file changed
   * @throws AccountResolutionException when the key is not a valid account key, or the file cannot
   *     be read or written
   * @throws InvalidAccountJwtException when the JWT is not an account JWT for that key, or is
   *     larger than {@link #maxTokenBytes()}
   */
  public boolean storeIfNewer(String accountPublicKey, String accountJwt) {
    return write(accountPublicKey, accountJwt, true);
  }

  /**
   * Deletes an account as the server does with {@code allow_delete} and no {@code hard_delete}: its
   * file is renamed to {@code <key>.jwt.deleted}, replacing an earlier one.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return {@code true} when there was a file to delete
   * @throws AccountResolutionException when the key is not a valid account key or the file cannot
   *     be renamed
   */
  public boolean delete(String accountPublicKey) {
    String key = ResolverText.requireAccountKey(accountPublicKey, "no file is deleted for it.");
    Path file = fileFor(key);
    boolean deleted;
    synchronized (writeLock) {
      try {
        move(file, directory.resolve(key + DELETED_EXTENSION));
        deleted = true;
      } catch (NoSuchFileException e) {
        deleted = false;
      } catch (IOException e) {
        throw writeFailed(
            new AccountResolutionException(
                key, String.format(DELETE_FAILED, file, key, reason(e)), e));
      }
    }
    logDeleted(key, deleted, "renamed to " + key + DELETED_EXTENSION);
    return deleted;
  }

  /**
   * Deletes an account as the server does with {@code hard_delete} (and always in cache mode): its
   * file is removed.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return {@code true} when there was a file to delete
   * @throws AccountResolutionException when the key is not a valid account key or the file cannot
   *     be removed
   */
  public boolean hardDelete(String accountPublicKey) {
    String key = ResolverText.requireAccountKey(accountPublicKey, "no file is deleted for it.");
    Path file = fileFor(key);
    boolean deleted;
    synchronized (writeLock) {
      try {
        deleted = Files.deleteIfExists(file);
      } catch (IOException e) {
        throw writeFailed(
            new AccountResolutionException(
                key, String.format(DELETE_FAILED, file, key, reason(e)), e));
      }
    }
    logDeleted(key, deleted, "removed");
    return deleted;
  }

  private void logDeleted(String key, boolean deleted, String how) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          deleted
              ? "Deleted account " + key + " from " + directory + ": its file was " + how + "."
              : "Account " + key + " has no file in " + directory + "; nothing was deleted.");
    }
  }

  private AccountResolutionException writeFailed(AccountResolutionException e) {
    writeFailures.log(LOG, Level.WARNING, e, e::getMessage);
    return e;
  }

  /**
   * Lists the accounts that have a file: every regular file {@code <key>.jwt} at the top level
   * whose name is a valid account public key. Other names (deleted accounts, temporary files, junk)
   * are skipped.
   *
   * @return the account keys, sorted
   * @throws AccountResolutionException when the directory is gone or cannot be listed
   */
  public List<String> list() {
    List<String> keys = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        String key = name.substring(0, name.length() - EXTENSION.length());
        if (NKeyType.ACCOUNT.isValidPublicKey(key) && Files.isRegularFile(p)) {
          keys.add(key);
        }
      }
    } catch (NoSuchFileException e) {
      throw new AccountResolutionException("", String.format(DIRECTORY_MISSING, directory), e);
    } catch (IOException e) {
      throw new AccountResolutionException("", String.format(LIST_FAILED, directory, reason(e)), e);
    }
    Collections.sort(keys);
    return List.copyOf(keys);
  }

  /**
   * Returns a short description naming the directory.
   *
   * @return for example {@code DirectoryAccountResolver[/var/nats/jwt]}
   */
  @Override
  public String toString() {
    return "DirectoryAccountResolver[" + directory + "]";
  }

  private Path fileFor(String key) {
    return directory.resolve(key + EXTENSION);
  }

  private Optional<String> read(String key) {
    Path file = fileFor(key);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      if (!Files.isDirectory(directory)) {
        throw new AccountResolutionException(key, String.format(DIRECTORY_MISSING, directory), e);
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new AccountResolutionException(
          key, String.format(READ_FAILED, file, key, reason(e)), e);
    }
    if (!attributes.isRegularFile()) {
      throw new AccountResolutionException(key, String.format(NOT_A_FILE, file, key));
    }
    // A token may be followed by "\r\n"; the exact limit is applied once they are dropped.
    long limit = maxTokenBytes + 2L;
    if (attributes.size() > limit) {
      throw new InvalidAccountJwtException(
          key, String.format(FILE_TOO_LARGE, file, key, attributes.size(), maxTokenBytes));
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      // The file may have grown since its size was read; never read more than the limit.
      content = in.readNBytes((int) limit + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new AccountResolutionException(
          key, String.format(READ_FAILED, file, key, reason(e)), e);
    }
    if (content.length > limit) {
      throw new InvalidAccountJwtException(
          key, String.format(FILE_TOO_LARGE, file, key, content.length, maxTokenBytes));
    }
    return Optional.of(
        ResolverText.token(content, content.length, maxTokenBytes, "File " + file, key));
  }

  private boolean write(String accountPublicKey, String accountJwt, boolean onlyIfNewer) {
    String key = ResolverText.requireAccountKey(accountPublicKey, "no file is written for it.");
    Objects.requireNonNull(accountJwt, "accountJwt");
    if (accountJwt.length() > maxTokenBytes) {
      throw new InvalidAccountJwtException(
          key, String.format(STORE_TOO_LARGE, key, accountJwt.length(), maxTokenBytes));
    }
    DecodedJwt<AccountClaims> incoming = AccountJwts.decodeFor(key, accountJwt, TO_STORE);
    String outcome;
    boolean changed = false;
    synchronized (writeLock) {
      try {
        Optional<String> existing = readExisting(key);
        if (existing.isPresent() && existing.get().equals(accountJwt)) {
          outcome = "unchanged: the file already holds this JWT";
        } else if (existing.isPresent()
            && onlyIfNewer
            && isAtLeastAsNew(existing.get(), incoming.claims())) {
          outcome = "unchanged: the file holds a JWT at least as new";
        } else {
          writeAtomically(key, accountJwt);
          changed = true;
          outcome = existing.isPresent() ? "replaced the file" : "wrote a new file";
        }
      } catch (AccountResolutionException e) {
        throw writeFailed(e);
      }
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Stored account "
              + key
              + " (jti "
              + incoming.claims().id()
              + ") in "
              + directory
              + (onlyIfNewer ? " if newer" : "")
              + ": "
              + outcome
              + ".");
    }
    return changed;
  }

  /** The stored token, or empty when there is none or what is there cannot be a token. */
  private Optional<String> readExisting(String key) {
    if (createIfMissing) {
      createDirectory(directory, key);
    }
    try {
      return read(key);
    } catch (InvalidAccountJwtException e) {
      return Optional.empty();
    }
  }

  private static boolean isAtLeastAsNew(String existingToken, Claims incoming) {
    Claims existing;
    try {
      existing = AccountJwts.READER.decode(existingToken).claims();
    } catch (NatsJwtException e) {
      return false;
    }
    return existing.id().equals(incoming.id())
        || existing.issuedAtSeconds() > incoming.issuedAtSeconds();
  }

  private void writeAtomically(String key, String token) {
    Path file = fileFor(key);
    Path temp = null;
    try {
      // The name must not end in "jwt": the server indexes every file whose name does.
      temp = Files.createTempFile(directory, "." + key + ".", ".tmp", readableByAll());
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(token.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      move(temp, file);
      temp = null;
    } catch (IOException e) {
      throw new AccountResolutionException(
          key, String.format(WRITE_FAILED, file, key, reason(e)), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed and says so; a stray temporary file is harmless.
        }
      }
    }
  }

  private FileAttribute<?>[] readableByAll() {
    // The server writes 0644; the temporary file would otherwise be 0600.
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))
        }
        : new FileAttribute<?>[0];
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void createDirectory(Path directory, String account) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new AccountResolutionException(
          account, String.format(CANNOT_CREATE, directory, reason(e)), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    String message = e.getMessage();
    return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
  }

  /**
   * Configures a {@link DirectoryAccountResolver}.
   *
   * <p>Not thread-safe; build() returns an immutable snapshot.
   */
  public static final class Builder {
    private final Path directory;
    private boolean createIfMissing;
    private int maxTokenBytes = Jwt.MAX_TOKEN_BYTES;

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /**
     * Sets whether a missing directory is created (with its parents), as the server creates its
     * {@code dir}; off by default, so a mistyped path fails at {@link #build()}.
     *
     * @param create {@code true} to create the directory
     * @return this builder
     */
    public Builder createIfMissing(boolean create) {
      this.createIfMissing = create;
      return this;
    }

    /**
     * Sets the largest token read or stored; default {@link Jwt#MAX_TOKEN_BYTES} (1 MiB), the
     * largest token {@link Jwt#decode(String)} accepts.
     *
     * @param bytes the limit, from 1 to {@link Jwt#MAX_TOKEN_BYTES}
     * @return this builder
     * @throws IllegalArgumentException when the limit is out of range
     */
    public Builder maxTokenBytes(int bytes) {
      if (bytes < 1 || bytes > Jwt.MAX_TOKEN_BYTES) {
        throw new IllegalArgumentException(
            "maxTokenBytes must be between 1 and " + Jwt.MAX_TOKEN_BYTES + ", not " + bytes);
      }
      this.maxTokenBytes = bytes;
      return this;
    }

    /**
     * Checks the directory (creating it if asked) and builds the resolver.
     *
     * @return the resolver
     * @throws AccountResolutionException when the directory does not exist (and is not to be
     *     created), cannot be created, or is not a directory
     */
    public DirectoryAccountResolver build() {
      if (createIfMissing) {
        createDirectory(directory, "");
      }
      if (!Files.exists(directory)) {
        throw new AccountResolutionException("", String.format(DIRECTORY_MISSING, directory));
      }
      if (!Files.isDirectory(directory)) {
        throw new AccountResolutionException("", String.format(NOT_A_DIRECTORY, directory));
      }
      return new DirectoryAccountResolver(directory, createIfMissing, maxTokenBytes);
    }
  }
}
