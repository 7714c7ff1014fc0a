package io.github.natsjwt.config;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.nkey.NKeyType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.jspecify.annotations.Nullable;

/**
 * A user of an account in a configuration-mode server (the {@code users} list of an {@code
 * accounts} block): authenticated by an NKey, or by a user name and a bcrypt-hashed password, with
 * optional {@code permissions} and {@code allowed_connection_types}.
 *
 * <p>Immutable and thread-safe. Passwords are never stored: {@link #password(String, char[])}
 * hashes them with bcrypt ({@code $2a$}, the form nats-server's {@code mkpasswd} writes and every
 * supported server reads), and {@link #toString()} shows neither hash nor password.
 *
 * <pre>{@code
 * ConfigUser alice = ConfigUser.nkey(aliceKey.publicKey())
 *     .permissions(Permissions.of(Permission.allowing("orders.>"), Permission.EMPTY))
 *     .build();
 * ConfigUser bob = ConfigUser.password("bob", passwordChars).build();
 * }</pre>
 */
public final class ConfigUser {
  /** The bcrypt cost {@link #password(String, char[])} uses, as nats-server's mkpasswd does. */
  public static final int DEFAULT_BCRYPT_COST = 11;

  // nats-server treats a password as bcrypt when it starts with "$2a$", "$2b$", "$2x$" or "$2y$"
  // and a two-digit cost; the hash itself is 53 characters of bcrypt's base64.
  private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  static final String NOT_USER_KEY =
      "an NKey user needs a user public key (56 characters starting with \"U\"), got %s";
  static final String NOT_BCRYPT =
      "user %s: the password hash is not a bcrypt hash ($2a$, $2b$, $2x$ or $2y$, a two-digit"
          + " cost and 53 characters); hash the password with password(name, chars)";
  static final String BAD_NAME = "user name must not be blank or contain white space, got \"%s\"";
  static final String BAD_COST = "the bcrypt cost must be 4 to 31, got %d";
  static final String EMPTY_PASSWORD = "user %s: the password must not be empty";

  private final @Nullable String nkey;
  private final @Nullable String name;
  private final @Nullable String passwordHash;
  private final Permissions permissions;
  private final List<ConnectionType> connectionTypes;

  private ConfigUser(Builder b) {
    nkey = b.nkey;
    name = b.name;
    passwordHash = b.passwordHash;
    permissions = b.permissions;
    connectionTypes = List.copyOf(b.connectionTypes);
  }

  /**
   * Starts a user that authenticates with an NKey: the server sends a nonce, the client signs it
   * with the user's seed.
   *
   * @param userPublicKey the user's {@code U...} public key
   * @return a builder
   * @throws ServerConfigException when the key is not a user public key
   */
  public static Builder nkey(String userPublicKey) {
    Objects.requireNonNull(userPublicKey, "userPublicKey");
    if (!NKeyType.USER.isValidPublicKey(userPublicKey)) {
      throw new ServerConfigException(String.format(NOT_USER_KEY, describe(userPublicKey)));
    }
    Builder b = new Builder();
    b.nkey = userPublicKey;
    return b;
  }

  /**
   * Starts a user that authenticates with a name and password, hashing the password with bcrypt at
   * {@value #DEFAULT_BCRYPT_COST}. The caller may wipe {@code password} afterwards.
   *
   * @param name the user name, without white space
   * @param password the password
   * @return a builder
   * @throws ServerConfigException when the name is blank or has white space, or the password is
   *     empty
   */
  public static Builder password(String name, char[] password) {
    return password(name, password, DEFAULT_BCRYPT_COST);
  }

  /**
   * Starts a user that authenticates with a name and password, hashing the password with bcrypt at
   * a given cost.
   *
   * @param name the user name, without white space
   * @param password the password
   * @param cost the bcrypt cost, 4 to 31
   * @return a builder
   * @throws ServerConfigException when the name is blank or has white space, the password is empty
   *     or the cost out of range
   */
  public static Builder password(String name, char[] password, int cost) {
    checkName(name);
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new ServerConfigException(String.format(EMPTY_PASSWORD, name));
    }
    if (cost < 4 || cost > 31) {
      throw new ServerConfigException(String.format(BAD_COST, cost));
    }
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    char[] copy = password.clone();
    try {
      return bcrypt(name, OpenBSDBCrypt.generate("2a", copy, salt, cost));
    } finally {
      Arrays.fill(copy, '\0');
    }
  }

  /**
   * Starts a user that authenticates with a name and a password whose bcrypt hash is given, for
   * example one written by {@code nats server passwd}.
   *
   * @param name the user name, without white space
   * @param hash the bcrypt hash, such as {@code $2a$11$...}
   * @return a builder
   * @throws ServerConfigException when the name is blank or has white space, or the hash is not a
   *     bcrypt hash the server recognises (it would compare a plain text password instead)
   */
  public static Builder bcrypt(String name, String hash) {
    checkName(name);
    Objects.requireNonNull(hash, "hash");
    if (!BCRYPT.matcher(hash).matches()) {
      throw new ServerConfigException(String.format(NOT_BCRYPT, name));
    }
    Builder b = new Builder();
    b.name = name;
    b.passwordHash = hash;
    return b;
  }

  /**
   * Starts a named user without a password, the form {@code no_auth_user} needs: nats-server gives
   * a client that sends no credentials this user's identity. (A bcrypt user named in {@code
   * no_auth_user} refuses every such client on 2.9.10, 2.10.27 and 2.14.5: the server compares the
   * stored hash with itself.) Anyone may connect as this user, so give it narrow permissions.
   *
   * @param name the user name, without white space
   * @return a builder
   * @throws ServerConfigException when the name is blank or has white space
   */
  public static Builder withoutPassword(String name) {
    checkName(name);
    Builder b = new Builder();
    b.name = name;
    return b;
  }

  /**
   * Returns whether a password matches a bcrypt hash, as the server checks it.
   *
   * @param hash a bcrypt hash
   * @param password the password to check
   * @return whether they match
   * @throws ServerConfigException when the hash is not a bcrypt hash
   */
  public static boolean checkPassword(String hash, char[] password) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(password, "password");
    if (!BCRYPT.matcher(hash).matches()) {
      throw new ServerConfigException(String.format(NOT_BCRYPT, "(given)"));
    }
    return OpenBSDBCrypt.checkPassword(hash, password);
  }

  /**
   * Returns the user's NKey.
   *
   * @return the {@code U...} public key, or empty for a password user
   */
  public Optional<String> nkey() {
    return Optional.ofNullable(nkey);
  }

  /**
   * Returns the user's name.
   *
   * @return the name, or empty for an NKey user
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns what identifies the user in {@code no_auth_user} and in the server's logs: the name, or
   * the NKey.
   *
   * @return the name or the public key
   */
  public String id() {
    return name != null ? name : Objects.requireNonNull(nkey);
  }

  /**
   * Returns the bcrypt hash of the password.
   *
   * @return the hash, or empty for an NKey user or a user without a password
   */
  public Optional<String> passwordHash() {
    return Optional.ofNullable(passwordHash);
  }

  /**
   * Returns the user's permissions.
   *
   * @return the permissions; {@link Permissions#EMPTY} when the user is not restricted
   */
  public Permissions permissions() {
    return permissions;
  }

  /**
   * Returns the connection types the user may connect with.
   *
   * @return the types; empty when any is allowed
   */
  public List<ConnectionType> allowedConnectionTypes() {
    return connectionTypes;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConfigUser u
        && Objects.equals(nkey, u.nkey)
        && Objects.equals(name, u.name)
        && Objects.equals(passwordHash, u.passwordHash)
        && permissions.equals(u.permissions)
        && connectionTypes.equals(u.connectionTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nkey, name, passwordHash, permissions, connectionTypes);
  }

  /** Names the user; the password hash is left out. */
  @Override
  public String toString() {
    return "ConfigUser["
        + (nkey != null
            ? "nkey=" + nkey
            : "user=" + name + (passwordHash != null ? ", password=(bcrypt)" : ", no password"))
        + (permissions.isEmpty() ? "" : ", permissions=" + permissions)
        + (connectionTypes.isEmpty() ? "" : ", allowedConnectionTypes=" + connectionTypes)
        + "]";
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()
        || !name.strip().equals(name)
        || name.chars().anyMatch(Character::isWhitespace)) {
      throw new ServerConfigException(String.format(BAD_NAME, name));
    }
  }

  private static String describe(String s) {
    return s.length() == 56 && s.charAt(0) != 'S'
        ? s
        : "a value of " + s.length() + " characters that is no user public key";
  }

  /**
   * Builds a {@link ConfigUser}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private @Nullable String nkey;
    private @Nullable String name;
    private @Nullable String passwordHash;
    private Permissions permissions = Permissions.EMPTY;
    private final Set<ConnectionType> connectionTypes = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Sets the user's permissions: publish and subscribe allow/deny lists, and {@code
     * allow_responses} from {@link Permissions#resp()}. In the configuration an empty allow list is
     * the same as none.
     *
     * @param permissions the permissions
     * @return this builder
     */
    public Builder permissions(Permissions permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /**
     * Restricts the connection types the user may connect with ({@code allowed_connection_types}).
     *
     * @param types the types, for example {@link ConnectionType#STANDARD}
     * @return this builder
     */
    public Builder allowedConnectionTypes(ConnectionType... types) {
      for (ConnectionType t : types) {
        connectionTypes.add(Objects.requireNonNull(t, "type"));
      }
      return this;
    }

    /**
     * Builds the user.
     *
     * @return the user
     */
    public ConfigUser build() {
      return new ConfigUser(this);
    }
  }

  /** The connection types, in order, for writing. */
  List<String> connectionTypeValues() {
    List<String> out = new ArrayList<>();
    for (ConnectionType t : connectionTypes) {
      out.add(t.value());
    }
    return out;
  }
}
