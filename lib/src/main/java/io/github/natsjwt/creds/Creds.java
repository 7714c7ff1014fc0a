package io.github.natsjwt.creds;

import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A user's credentials: the user JWT and the user's key with its seed, as held in a NATS creds file
 * (spec claims.md section 5, nkeys.md section 6.1).
 *
 * <p>Immutable and thread-safe until {@link #close()}, which wipes the seed; after that, anything
 * that needs the seed throws {@link io.github.natsjwt.nkey.NKeyOperationException}. Every {@code
 * Creds} has been checked: the JWT decodes, its signature verifies with its issuer, it holds user
 * claims, the seed is a user seed, and the seed's public key is the JWT's subject. That is not
 * trust: whether a server accepts the user also depends on the account and operator. {@link
 * #toString()} never shows the seed. Two instances are equal only if they are the same object.
 *
 * <pre>{@code
 * try (Creds creds = Creds.read(Path.of("alice.creds"))) {
 *   String jwt = creds.jwt();                      // CONNECT "jwt"
 *   String sig = creds.signNonce(info.nonce());    // CONNECT "sig"
 * }
 * }</pre>
 *
 * <h2>Reading</h2>
 *
 * <p>A creds file holds blocks: a line of at least three dashes with any text between them, one
 * line with a token, and another line of dashes. Reading accepts what the Go reference accepts and
 * gives the same values for it: any marker text and number of dashes, CRLF line ends, text before,
 * between and after the blocks, no line break at the end. It also reads, correctly, files where the
 * reference reads a wrong value or fails: CR-only line ends, lines are trimmed (indented files,
 * trailing spaces), blank lines inside a block are skipped, blocks are told apart by their content
 * (a JWT has dots, a seed starts with {@code S}) so the seed may come first, and a file of a bare
 * JWT line and a bare seed line works. Where the right reading is not certain it refuses with a
 * {@link CredsFormatException} instead of guessing: a token wrapped over several lines, two JWTs or
 * two seeds. Input larger than {@link #MAX_BYTES} is refused before it is read.
 *
 * <h2>Writing</h2>
 *
 * <p>{@link #format()} gives the exact bytes of the reference's {@code FormatUserConfig}; {@link
 * #writeTo(Path)} writes them to a new file that only its owner can read.
 */
public final class Creds implements AutoCloseable {
  /**
   * The largest input read, in bytes: a JWT of the largest size {@link Jwt} decodes, plus 64 KiB
   * for the markers, the seed and any comments.
   */
  public static final int MAX_BYTES = Jwt.MAX_TOKEN_BYTES + 64 * 1024;

  /** How messages name input that is not a file. */
  static final String TEXT = "creds";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final DecodedJwt<UserClaims> jwt;
  private final NKey key;

  private Creds(DecodedJwt<UserClaims> jwt, NKey key) {
    this.jwt = jwt;
    this.key = key;
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a creds file. Every buffer that held its contents is wiped.
   *
   * @param file the file
   * @return the checked credentials; the caller closes them
   * @throws CredsFileException when the file cannot be read
   * @throws CredsFormatException when the file is larger than {@link #MAX_BYTES} (checked before
   *     reading it), holds no JWT or no seed, holds them ambiguously, or the JWT is not a valid
   *     user JWT or the seed not a valid user seed
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static Creds read(Path file) {
    Objects.requireNonNull(file, "file");
    String source = "creds file '" + file + "'";
    byte[] bytes = readBounded(file, source);
    char[] chars;
    try {
      chars = CredsFormat.chars(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    return parseOwned(chars, source);
  }

  /**
   * Reads credentials from the text of a creds file. Prefer {@link #parse(char[])} or {@link
   * #parse(byte[])}, whose argument the caller can wipe.
   *
   * @param text the file's contents
   * @return the checked credentials; the caller closes them
   * @throws CredsFormatException as {@link #read(Path)} does
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static Creds parse(String text) {
    Objects.requireNonNull(text, "text");
    CredsFormat.checkSize(text.length(), TEXT);
    return parseOwned(text.toCharArray(), TEXT);
  }

  /**
   * Reads credentials from the characters of a creds file.
   *
   * @param text the file's contents; not changed, the caller wipes it
   * @return the checked credentials; the caller closes them
   * @throws CredsFormatException as {@link #read(Path)} does
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static Creds parse(char[] text) {
    Objects.requireNonNull(text, "text");
    CredsFormat.checkSize(text.length, TEXT);
    return parseChars(text, TEXT);
  }

  /**
   * Reads credentials from the bytes of a creds file (ASCII; other bytes may appear only outside
   * the blocks).
   *
   * @param text the file's contents; not changed, the caller wipes it
   * @return the checked credentials; the caller closes them
   * @throws CredsFormatException as {@link #read(Path)} does
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static Creds parse(byte[] text) {
    Objects.requireNonNull(text, "text");
    CredsFormat.checkSize(text.length, TEXT);
    return parseOwned(CredsFormat.chars(text), TEXT);
  }

  /**
   * Makes credentials from a user JWT and the user's seed, with the checks of the reference's
   * {@code FormatUserConfig} (and those of {@link #read(Path)}).
   *
   * @param jwt the user JWT
   * @param seed the user's seed ({@code SU...}); white space around it is ignored; not changed, the
   *     caller wipes it
   * @return the checked credentials; the caller closes them
   * @throws CredsFormatException when the JWT is not a valid user JWT ({@link
   *     CredsErrorCode#INVALID_JWT}, {@link CredsErrorCode#NOT_USER_JWT}) or the seed not a valid
   *     user seed ({@link CredsErrorCode#INVALID_SEED}, {@link CredsErrorCode#WRONG_SEED_TYPE})
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static Creds of(String jwt, char[] seed) {
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(seed, "seed");
    CredsFormat.checkJwtCharacters(jwt, TEXT);
    DecodedJwt<UserClaims> decoded = CredsFormat.decodeUserJwt(jwt, TEXT, 0);
    NKey key = CredsFormat.decodeSeed(seed, 0, seed.length, TEXT, 0);
    return checked(decoded, key, TEXT, 0);
  }

  /**
   * Makes credentials from a user JWT and the user's key; see {@link #of(String, char[])}. The
   * credentials hold their own copy of the key, so closing them does not wipe {@code userKey}.
   *
   * @param jwt the user JWT
   * @param userKey the user's key, with its seed
   * @return the checked credentials; the caller closes them
   * @throws CredsFormatException when the JWT is not a valid user JWT, or the key has no seed or is
   *     not a user key
   * @throws CredsKeyMismatchException when the key is not the JWT's subject
   * @throws io.github.natsjwt.nkey.NKeyOperationException when the key was wiped
   */
  public static Creds of(String jwt, NKey userKey) {
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(userKey, "userKey");
    CredsFormat.requireSeed(userKey, TEXT);
    char[] seed = userKey.seed();
    try {
      return of(jwt, seed);
    } finally {
      Arrays.fill(seed, '\0');
    }
  }

  /** Parses text this class owns, and wipes it whatever happens. */
  static Creds parseOwned(char[] text, String source) {
    try {
      return parseChars(text, source);
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  private static Creds parseChars(char[] text, String source) {
    CredsText t = CredsText.scan(text, source);
    CredsText.Token jwtToken = t.jwt();
    DecodedJwt<UserClaims> decoded =
        CredsFormat.decodeUserJwt(t.string(jwtToken), t.where(jwtToken.line()), jwtToken.line());
    CredsText.Token seedToken = t.seed();
    NKey key =
        CredsFormat.decodeSeed(
            text, seedToken.start(), seedToken.end(), t.where(seedToken.line()), seedToken.line());
    return checked(decoded, key, t.where(seedToken.line()), seedToken.line());
  }

  private static Creds checked(DecodedJwt<UserClaims> jwt, NKey key, String where, int line) {
    if (key.type() != NKeyType.USER) {
      NKeyType type = key.type();
      key.close();
      throw CredsFormat.wrongSeedType(CredsFormatException.NOT_USER_SEED, type, where, line);
    }
    String subject = jwt.claims().subject();
    if (!key.publicKey().equals(subject)) {
      String seedPublicKey = key.publicKey();
      key.close();
      throw new CredsKeyMismatchException(where, subject, seedPublicKey);
    }
    return new Creds(jwt, key);
  }

  private static byte[] readBounded(Path file, String source) {
    try {
      if (Files.isRegularFile(file)) {
        CredsFormat.checkSize(Files.size(file), source);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[4096];
        int n = 0;
        while (true) {
          if (n == buf.length) {
            if (n > MAX_BYTES) {
              Arrays.fill(buf, (byte) 0);
              throw CredsFormat.tooLarge(source, "at least " + n);
            }
            byte[] bigger = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_BYTES + 1));
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
          }
          int r = in.read(buf, n, buf.length - n);
          if (r < 0) {
            break;
          }
          n += r;
        }
        byte[] result = Arrays.copyOf(buf, n);
        Arrays.fill(buf, (byte) 0);
        return result;
      }
    } catch (IOException e) {
      throw CredsFileException.reading(file, e);
    }
  }

  // ---------------------------------------------------------------- accessors

  /**
   * Returns the user JWT, as the client sends it in the {@code jwt} field of CONNECT.
   *
   * @return the token
   */
  public String jwt() {
    return jwt.token();
  }

  /**
   * Returns the decoded user JWT, with its header.
   *
   * @return the decoded token
   */
  public DecodedJwt<UserClaims> decodedJwt() {
    return jwt;
  }

  /**
   * Returns the user's claims.
   *
   * @return the claims of the JWT
   */
  public UserClaims claims() {
    return jwt.claims();
  }

  /**
   * Returns the user's public key: the JWT's subject, and the public key of the seed.
   *
   * @return a {@code U...} public key
   */
  public String publicKey() {
    return jwt.claims().subject();
  }

  /**
   * Returns the user's key with its seed. It belongs to these credentials: {@link #close()} wipes
   * it, so do not close it yourself while others use the credentials.
   *
   * @return the key
   */
  public NKey userKey() {
    return key;
  }

  /**
   * Signs the nonce of a server's INFO for the {@code sig} field of CONNECT (spec trust-chain.md
   * section 3.1): an Ed25519 signature of the nonce's bytes, encoded base64url without padding.
   *
   * @param nonce the nonce's bytes, exactly as the server sent them (not base64-decoded)
   * @return the encoded signature
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public String signNonce(byte[] nonce) {
    Objects.requireNonNull(nonce, "nonce");
    return Base64Url.encode(key.sign(nonce));
  }

  /**
   * Signs the nonce of a server's INFO; see {@link #signNonce(byte[])}.
   *
   * @param nonce the {@code nonce} string of INFO, as sent (not base64-decoded)
   * @return the encoded signature
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public String signNonce(String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    return signNonce(nonce.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- writing

  /**
   * Returns the creds file, exactly as the reference's {@code FormatUserConfig} writes it.
   *
   * @return the file's characters (ASCII); the caller owns them and should wipe them
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public char[] format() {
    char[] seed = key.seed();
    char[] seedBlock = null;
    try {
      seedBlock = CredsFormat.seedBlock(NKeyType.USER, seed);
      return CredsFormat.concat(
          CredsFormat.jwtBlock(jwt.claims().type(), jwt.token()), seedBlock, "");
    } finally {
      Arrays.fill(seed, '\0');
      if (seedBlock != null) {
        Arrays.fill(seedBlock, '\0');
      }
    }
  }

  /**
   * Returns the creds file as bytes; see {@link #format()}.
   *
   * @return the file's bytes (ASCII); the caller owns them and should wipe them
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public byte[] formatBytes() {
    char[] chars = format();
    try {
      return CredsFormat.ascii(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Writes the creds file to a new file that only its owner can read and write, where the file
   * system has POSIX permissions (elsewhere it gets the directory's default access). An existing
   * file, or a symbolic link in its place, is never written through.
   *
   * @param file the file to create
   * @throws CredsFileException when the file exists or cannot be written
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public void writeTo(Path file) {
    writeTo(file, false);
  }

  /**
   * Writes the creds file to a file that only its owner can read and write; see {@link
   * #writeTo(Path)}. With {@code replace}, the contents go to a new owner-only file in the same
   * folder, which then replaces {@code file} (atomically where the file system can), so the file is
   * never seen half-written.
   *
   * @param file the file to write
   * @param replace whether an existing file may be replaced
   * @throws CredsFileException when the file exists and {@code replace} is false, or it cannot be
   *     written
   * @throws io.github.natsjwt.nkey.NKeyOperationException after {@link #close()}
   */
  public void writeTo(Path file, boolean replace) {
    Objects.requireNonNull(file, "file");
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    byte[] bytes = formatBytes();
    try {
      if (replace) {
        replace(file, bytes, attributes);
      } else {
        createNew(file, bytes, attributes);
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static void createNew(Path file, byte[] bytes, FileAttribute<?>[] attributes) {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes);
    } catch (IOException e) {
      throw CredsFileException.writing(file, e);
    }
    try (ch) {
      writeFully(ch, bytes);
    } catch (IOException e) {
      deleteQuietly(file);
      throw CredsFileException.writing(file, e);
    }
  }

  private static void replace(Path file, byte[] bytes, FileAttribute<?>[] attributes) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attributes);
    } catch (IOException e) {
      throw CredsFileException.writing(file, e);
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        writeFully(ch, bytes);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw CredsFileException.writing(file, e);
    }
  }

  private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
    ch.force(true);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The write failure is what the caller needs to hear about.
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Wipes the seed; later calls that need it throw. Calling it again does nothing. */
  @Override
  public void close() {
    key.close();
  }

  /**
   * Returns whether {@link #close()} has been called.
   *
   * @return {@code true} once the seed is wiped
   */
  public boolean isClosed() {
    return key.isWiped();
  }

  /**
   * Describes the credentials by the user's public key, name and issuer; never the seed or token.
   *
   * @return the description
   */
  @Override
  public String toString() {
    UserClaims c = jwt.claims();
    return "Creds[user="
        + c.subject()
        + (c.name().isEmpty() ? "" : ", name=" + c.name())
        + ", issuer="
        + c.issuer()
        + (c.issuerAccount().isEmpty() ? "" : ", issuerAccount=" + c.issuerAccount())
        + (isClosed() ? ", closed" : "")
        + "]";
  }
}
