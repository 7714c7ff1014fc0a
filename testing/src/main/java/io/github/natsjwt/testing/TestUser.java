package io.github.natsjwt.testing;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.Signer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A forged user of a {@link TestAccount}: its key, permissions and limits, who issues it, and its
 * creds file. Made by {@link TestAccount#user(String)}.
 *
 * <pre>{@code
 * TestUser alice = orders.user("alice").pubAllow("orders.>").subAllow("_INBOX.>");
 * Path creds = alice.writeCreds(dir);                      // dir/alice.creds
 * TestUser bob = orders.user("bob").scoped("reader");       // issued by the role's scoped key
 * TestUser carol = orders.user("carol").signedBySigningKey().expiresAt(now.plusSeconds(60));
 * }</pre>
 *
 * <p>Not thread-safe; {@link #jwt()} signs a snapshot of the settings as they are then. A new user
 * is issued by the account's identity key, with the reference's defaults for a new user (no
 * subscription, data or payload limit, everything allowed).
 */
public final class TestUser {
  private static final Pattern SAFE_FILE_NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*");

  private final TestAccount account;
  private final String name;
  private final NKey key;
  private Permission pub = Permission.EMPTY;
  private Permission sub = Permission.EMPTY;
  private @Nullable ResponsePermission resp;
  private @Nullable Long subs;
  private @Nullable Long data;
  private @Nullable Long payload;
  private boolean bearer;
  private @Nullable Instant expiresAt;
  private final List<String> tags = new ArrayList<>();
  private final List<Consumer<UserClaims.Builder>> customizers = new ArrayList<>();
  private @Nullable Signer signer;
  private boolean scoped;

  TestUser(TestAccount account, String name, NKey key) {
    this.account = account;
    this.name = name;
    this.key = key;
  }

  /**
   * Returns the account this user belongs to.
   *
   * @return the account
   */
  public TestAccount account() {
    return account;
  }

  /**
   * Returns the user's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the user's key, with its seed.
   *
   * @return the key
   */
  public NKey key() {
    return key;
  }

  /**
   * Returns the user's public key.
   *
   * @return the {@code U...} key
   */
  public String publicKey() {
    return key.publicKey();
  }

  /**
   * Allows publishing to subjects; once any are allowed, every other subject is denied.
   *
   * @param subjects subjects, wildcards allowed
   * @return this user
   */
  public TestUser pubAllow(String... subjects) {
    pub = pub.withAllowed(subjects);
    return this;
  }

  /**
   * Denies publishing to subjects.
   *
   * @param subjects subjects, wildcards allowed
   * @return this user
   */
  public TestUser pubDeny(String... subjects) {
    pub = pub.withDenied(subjects);
    return this;
  }

  /**
   * Allows subscribing to subjects ({@code "subject queue"} names a queue group); once any are
   * allowed, every other subject is denied.
   *
   * @param subjects subjects, wildcards allowed
   * @return this user
   */
  public TestUser subAllow(String... subjects) {
    sub = sub.withAllowed(subjects);
    return this;
  }

  /**
   * Denies subscribing to subjects.
   *
   * @param subjects subjects, wildcards allowed
   * @return this user
   */
  public TestUser subDeny(String... subjects) {
    sub = sub.withDenied(subjects);
    return this;
  }

  /**
   * Lets the user reply to requests it received, whatever the publish permissions ({@code resp}).
   *
   * @param max how many replies per request
   * @param ttl for how long after the request
   * @return this user
   */
  public TestUser allowResponses(long max, Duration ttl) {
    resp = new ResponsePermission(max, ttl);
    return this;
  }

  /**
   * Limits the user's subscriptions ({@code subs}).
   *
   * @param subs the limit; -1 for none, 0 for no subscription at all
   * @return this user
   */
  public TestUser subs(long subs) {
    this.subs = subs;
    return this;
  }

  /**
   * Limits the user's data ({@code data}).
   *
   * @param bytes the limit; -1 for none
   * @return this user
   */
  public TestUser data(long bytes) {
    this.data = bytes;
    return this;
  }

  /**
   * Limits the user's message payload ({@code payload}).
   *
   * @param bytes the limit; -1 for none
   * @return this user
   */
  public TestUser payload(long bytes) {
    this.payload = bytes;
    return this;
  }

  /**
   * Makes the JWT a bearer token: the server then does not ask for the nonce signature.
   *
   * @param bearer whether it is a bearer token
   * @return this user
   */
  public TestUser bearer(boolean bearer) {
    this.bearer = bearer;
    return this;
  }

  /**
   * Sets when the user JWT expires.
   *
   * @param expiresAt the time, or {@code null} for never
   * @return this user
   */
  public TestUser expiresAt(@Nullable Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  /**
   * Adds tags (for scoped templates such as {@code {{tag(team)}}}).
   *
   * @param tags tags such as {@code "team:red"}
   * @return this user
   */
  public TestUser tags(String... tags) {
    this.tags.addAll(Arrays.asList(tags));
    return this;
  }

  /**
   * Issues the user with the account's first plain signing key (and sets {@code issuer_account}).
   *
   * @return this user
   * @throws TestCredentialsException when the account has no plain signing key
   */
  public TestUser signedBySigningKey() {
    this.signer = account.firstSigningKey();
    this.scoped = false;
    return this;
  }

  /**
   * Issues the user with the scoped signing key of a role: the JWT then carries no permissions or
   * limits of its own (those set on this object are still written, which the server refuses), and
   * the role's template applies.
   *
   * @param role the role
   * @return this user
   * @throws TestCredentialsException when the account has no such role
   */
  public TestUser scoped(String role) {
    this.signer = account.scopedKeyOrThrow(role);
    this.scoped = true;
    return this;
  }

  /**
   * Issues the user with any key, for example a stranger's account key to see the server refuse it.
   * When the key is not the account's identity key, {@code issuer_account} names the account.
   *
   * @param signer the signer, or {@code null} for the account's identity key
   * @return this user
   */
  public TestUser signedBy(@Nullable Signer signer) {
    this.signer = signer;
    this.scoped = false;
    return this;
  }

  /**
   * Adds a change to the user claims, applied after this object's own settings whenever the JWT is
   * made (source networks, time windows, connection types, ...).
   *
   * @param change what to change
   * @return this user
   */
  public TestUser customize(Consumer<UserClaims.Builder> change) {
    customizers.add(Objects.requireNonNull(change, "change"));
    return this;
  }

  /**
   * Returns the user claims as they are now.
   *
   * @return the claims, not yet signed
   */
  public UserClaims claims() {
    UserClaims.Builder b = UserClaims.builder(publicKey()).name(name);
    if (scoped) {
      b.scoped(true);
    }
    if (!pub.isEmpty()) {
      b.pub(pub);
    }
    if (!sub.isEmpty()) {
      b.sub(sub);
    }
    if (resp != null) {
      b.resp(resp);
    }
    if (subs != null) {
      b.subs(subs);
    }
    if (data != null) {
      b.data(data);
    }
    if (payload != null) {
      b.payload(payload);
    }
    b.bearerToken(bearer).expiresAt(expiresAt);
    if (!tags.isEmpty()) {
      b.addTags(tags.toArray(String[]::new));
    }
    if (!issuer().publicKey().equals(account.publicKey())) {
      b.issuerAccount(account.publicKey());
    }
    customizers.forEach(c -> c.accept(b));
    return b.build();
  }

  /**
   * Issues the user JWT.
   *
   * @return the JWT
   */
  public String jwt() {
    return Jwt.encode(claims(), issuer(), account.operator().clock());
  }

  /**
   * Issues the user JWT, allowing a token larger than {@link Jwt#MAX_TOKEN_BYTES}, as servers
   * before 2.12.6 accept (within their {@code max_control_line}).
   *
   * @param maxTokenBytes the largest token to write, in bytes
   * @return the JWT
   * @throws io.github.natsjwt.jwt.TokenTooLargeException when it would be larger still
   */
  public String jwt(int maxTokenBytes) {
    return Jwt.encode(claims(), issuer(), account.operator().clock(), maxTokenBytes);
  }

  /**
   * Returns a creds file's text for a freshly issued JWT: the decorated JWT and the decorated seed,
   * as {@link Creds#format()} writes it. It holds the seed: keep it to tests.
   *
   * @return the text
   */
  public String creds() {
    try (Creds creds = Creds.of(jwt(), key)) {
      char[] text = creds.format();
      try {
        return new String(text);
      } finally {
        Arrays.fill(text, '\0');
      }
    }
  }

  /**
   * Writes a creds file for a freshly issued JWT into a directory (created if missing), as {@code
   * <name>.creds}, or {@code <public key>.creds} when the name is not a plain file name. Where the
   * file system allows, only the owner may read it.
   *
   * @param dir the directory
   * @return the file written
   * @throws TestCredentialsException when the directory cannot be created
   * @throws io.github.natsjwt.creds.CredsFileException when the file cannot be written
   */
  public Path writeCreds(Path dir) {
    String fileName = SAFE_FILE_NAME.matcher(name).matches() ? name : publicKey();
    return writeCredsTo(Objects.requireNonNull(dir, "dir").resolve(fileName + ".creds"));
  }

  /**
   * Writes a creds file for a freshly issued JWT, replacing the file if it exists, with {@link
   * Creds#writeTo(Path, boolean)}.
   *
   * @param file the file
   * @return the file
   * @throws TestCredentialsException when its directory cannot be created
   * @throws io.github.natsjwt.creds.CredsFileException when the file cannot be written
   */
  public Path writeCredsTo(Path file) {
    Objects.requireNonNull(file, "file");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new TestCredentialsException(
            String.format(
                "cannot create the folder %s for the creds file of user %s: %s", parent, name, e),
            e);
      }
    }
    try (Creds creds = Creds.of(jwt(), key)) {
      creds.writeTo(file, true);
    }
    return file;
  }

  /** Names the user by name and public key; no seed. */
  @Override
  public String toString() {
    return "TestUser[" + name + ", " + publicKey() + ", account=" + account.name() + "]";
  }

  private Signer issuer() {
    return signer != null ? signer : account.key();
  }
}
