package io.github.natsjwt.config;

import io.github.natsjwt.claims.ExportType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An account of a configuration-mode server (an entry of the {@code accounts} block): its users and
 * the streams and services it exports to, or imports from, other accounts of the same
 * configuration, named by account name.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * ConfigAccount orders = ConfigAccount.builder("ORDERS")
 *     .user(ConfigUser.nkey(alice.publicKey()).build())
 *     .exportStream("orders.events.>")
 *     .exportService("orders.lookup")
 *     .build();
 * ConfigAccount shop = ConfigAccount.builder("SHOP")
 *     .user(ConfigUser.password("bob", password).build())
 *     .importStream("ORDERS", "orders.events.>", "")
 *     .importService("ORDERS", "orders.lookup", "lookup")
 *     .build();
 * }</pre>
 */
public final class ConfigAccount {
  /**
   * A stream or service the account exports to every other account.
   *
   * @param type stream or service
   * @param subject the subject or pattern exported
   */
  public record Export(ExportType type, String subject) {
    /**
     * Checks the values.
     *
     * @param type stream or service
     * @param subject the subject or pattern exported
     * @throws ServerConfigException when the subject is blank
     */
    public Export {
      Objects.requireNonNull(type, "type");
      notBlank(subject, "export subject");
    }
  }

  /**
   * A stream or service the account imports from another account of the configuration.
   *
   * @param type stream or service
   * @param account the exporting account's name
   * @param subject the exported subject
   * @param local for a stream, the prefix its messages get ({@code prefix}); for a service, the
   *     local subject it is requested on ({@code to}); empty for neither
   */
  public record Import(ExportType type, String account, String subject, String local) {
    /**
     * Checks the values.
     *
     * @param type stream or service
     * @param account the exporting account's name
     * @param subject the exported subject
     * @param local the stream prefix or the service's local subject; empty for neither
     * @throws ServerConfigException when the account or subject is blank
     */
    public Import {
      Objects.requireNonNull(type, "type");
      notBlank(account, "import account");
      notBlank(subject, "import subject");
      Objects.requireNonNull(local, "local");
    }
  }

  static final String BAD_ACCOUNT_NAME =
      "an account name must not be blank or contain white space, got \"%s\"";

  private final String name;
  private final List<ConfigUser> users;
  private final List<Export> exports;
  private final List<Import> imports;

  private ConfigAccount(Builder b) {
    name = b.name;
    users = List.copyOf(b.users);
    exports = List.copyOf(b.exports);
    imports = List.copyOf(b.imports);
  }

  /**
   * Starts an account.
   *
   * @param name the account name, without white space (for example {@code ORDERS} or {@code SYS})
   * @return a builder
   * @throws ServerConfigException when the name is blank or has white space
   */
  public static Builder builder(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new ServerConfigException(String.format(BAD_ACCOUNT_NAME, name));
    }
    return new Builder(name);
  }

  /**
   * Returns a builder holding this account's users, exports and imports, to add more.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.users.addAll(users);
    b.exports.addAll(exports);
    b.imports.addAll(imports);
    return b;
  }

  /**
   * Returns the account name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the account's users.
   *
   * @return the users, in order
   */
  public List<ConfigUser> users() {
    return users;
  }

  /**
   * Returns the account's exports.
   *
   * @return the exports, in order
   */
  public List<Export> exports() {
    return exports;
  }

  /**
   * Returns the account's imports.
   *
   * @return the imports, in order
   */
  public List<Import> imports() {
    return imports;
  }

  /**
   * Finds a user by its {@link ConfigUser#id() id}.
   *
   * @param id a user name or NKey
   * @return the user, or empty
   */
  public Optional<ConfigUser> user(String id) {
    return users.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConfigAccount a
        && name.equals(a.name)
        && users.equals(a.users)
        && exports.equals(a.exports)
        && imports.equals(a.imports);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, users, exports, imports);
  }

  /** Names the account and counts its parts. */
  @Override
  public String toString() {
    return "ConfigAccount["
        + name
        + ", users="
        + users.size()
        + ", exports="
        + exports.size()
        + ", imports="
        + imports.size()
        + "]";
  }

  private static void notBlank(String s, String what) {
    if (Objects.requireNonNull(s, what).isBlank()) {
      throw new ServerConfigException(String.format(ServerConfig.BLANK, what));
    }
  }

  /**
   * Builds a {@link ConfigAccount}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private final String name;
    private final List<ConfigUser> users = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Adds a user.
     *
     * @param user the user
     * @return this builder
     */
    public Builder user(ConfigUser user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /**
     * Exports a stream to every account.
     *
     * @param subject the subject or pattern
     * @return this builder
     * @throws ServerConfigException when the subject is blank
     */
    public Builder exportStream(String subject) {
      exports.add(new Export(ExportType.STREAM, subject));
      return this;
    }

    /**
     * Exports a service to every account.
     *
     * @param subject the subject or pattern
     * @return this builder
     * @throws ServerConfigException when the subject is blank
     */
    public Builder exportService(String subject) {
      exports.add(new Export(ExportType.SERVICE, subject));
      return this;
    }

    /**
     * Imports another account's stream.
     *
     * @param account the exporting account's name
     * @param subject the exported subject
     * @param prefix a prefix for the messages' subjects, or empty for none
     * @return this builder
     * @throws ServerConfigException when the account or subject is blank
     */
    public Builder importStream(String account, String subject, String prefix) {
      imports.add(new Import(ExportType.STREAM, account, subject, prefix));
      return this;
    }

    /**
     * Imports another account's service.
     *
     * @param account the exporting account's name
     * @param subject the exported subject
     * @param to the local subject to request it on, or empty for the exported subject
     * @return this builder
     * @throws ServerConfigException when the account or subject is blank
     */
    public Builder importService(String account, String subject, String to) {
      imports.add(new Import(ExportType.SERVICE, account, subject, to));
      return this;
    }

    /**
     * Builds the account.
     *
     * @return the account
     */
    public ConfigAccount build() {
      return new ConfigAccount(this);
    }
  }
}
