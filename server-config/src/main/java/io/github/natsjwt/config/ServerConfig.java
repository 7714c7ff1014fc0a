package io.github.natsjwt.config;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.DirectoryAccountResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A nats-server configuration in operator mode (spec trust-chain.md section 1): where the server
 * listens, the trusted operator JWT, the system account, and an account resolver, either {@code
 * MEMORY} with {@code resolver_preload} or a {@code full}/{@code cache} resolver with its directory
 * of account JWTs (layout of section 1.3: {@code <dir>/<ACCOUNT KEY>.jwt}, the raw token).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}. {@link #render()} gives the text
 * in the server's configuration syntax, with every string quoted and escaped so that the server
 * reads back exactly the value given (a {@code $} or {@code #} in a value is not a variable or a
 * comment). {@link #write(Path)} writes it, and the account files of a directory resolver.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *     .port(4222)                                  // host defaults to 127.0.0.1
 *     .operator(operatorJwt)                       // inline, as the server accepts it
 *     .systemAccount(systemAccountKey)
 *     .memoryResolver()
 *     .preload(systemAccountJwt)                   // key taken from the JWT's subject
 *     .preload(ordersAccountJwt)
 *     .build();
 * config.write(dir.resolve("server.conf"));        // then: nats-server -c server.conf
 *
 * ServerConfig full = config.toBuilder()
 *     .fullResolver(dir.resolve("jwt"))            // resolver { type: full, dir: ... }
 *     .clearPreloads()
 *     .accountFile(systemAccountJwt)               // written as jwt/<KEY>.jwt by write(...)
 *     .accountFile(ordersAccountJwt)
 *     .allowDelete(true)
 *     .build();
 * }</pre>
 *
 * <p>Without an operator, the same builder writes a <em>configuration-mode</em> server: accounts
 * with NKey or password users, their permissions and connection types, exports and imports, {@code
 * no_auth_user} and the system account, all in the file itself:
 *
 * <pre>{@code
 * ServerConfig conf = ServerConfig.builder()
 *     .account(ConfigAccount.builder("ORDERS")
 *         .user(ConfigUser.nkey(aliceKey.publicKey())
 *             .permissions(Permissions.of(Permission.allowing("orders.>"), Permission.EMPTY))
 *             .build())
 *         .build())
 *     .account(ConfigAccount.builder("SYS").build())
 *     .systemAccountName("SYS")
 *     .build();
 * }</pre>
 *
 * <p>A configuration-mode server may also run the auth callout ({@link
 * Builder#authCallout(AuthCallout)}, spec trust-chain.md section 7.1); {@link
 * Builder#configUser(String, String, String)} adds a password user in one call.
 *
 * <p>{@link Builder#build()} checks that the settings fit together as written (a preload needs a
 * resolver, {@code ttl} belongs to a cache resolver, ...). Whether the server accepts the result,
 * for example a full resolver without a system account or an expired preloaded JWT, is left to the
 * server, so that tests can also write configurations it refuses.
 */
public final class ServerConfig {
  /** The host the server listens on unless {@link Builder#host(String)} says otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The client port unless {@link Builder#port(int)} says otherwise (the server's default). */
  public static final int DEFAULT_PORT = 4222;

  /** A port value that lets the server pick any free port ({@code port: -1}). */
  public static final int RANDOM_PORT = -1;

  /** The kinds of account resolver (spec trust-chain.md section 1.2). */
  public enum ResolverType {
    /** {@code resolver: MEMORY}: an in-memory map, filled only by {@code resolver_preload}. */
    MEMORY,
    /** {@code resolver { type: full }}: every account JWT stored in a directory. */
    FULL,
    /** {@code resolver { type: cache }}: a directory holding the JWTs looked up, evicted by LRU. */
    CACHE
  }

  private final String host;
  private final int port;
  private final @Nullable String serverName;
  private final @Nullable Integer monitorPort;
  private final @Nullable Long maxPayload;
  private final @Nullable Long maxSubscriptions;
  private final @Nullable Long maxConnections;
  private final boolean debug;
  private final boolean trace;
  private final @Nullable Path logFile;
  private final @Nullable Path pidFile;
  private final List<String> operators;
  private final @Nullable String systemAccount;
  private final @Nullable ResolverType resolverType;
  private final @Nullable Path resolverDirectory;
  private final @Nullable Boolean allowDelete;
  private final @Nullable Boolean hardDelete;
  private final @Nullable Duration interval;
  private final @Nullable Duration timeout;
  private final @Nullable Duration ttl;
  private final @Nullable Long limit;
  private final Map<String, String> preloads;
  private final Map<String, String> accountFiles;
  private final List<String> pinnedAccounts;
  private final List<String> rawText;
  private final @Nullable String serverVersion;
  private final @Nullable String clusterName;
  private final @Nullable Integer clusterPort;
  private final List<String> routes;
  private final List<ConfigAccount> accounts;
  private final @Nullable String noAuthUser;
  private final @Nullable String systemAccountName;
  private final @Nullable AuthCallout authCallout;

  private ServerConfig(Builder b) {
    host = b.host;
    port = b.port;
    serverName = b.serverName;
    monitorPort = b.monitorPort;
    maxPayload = b.maxPayload;
    maxSubscriptions = b.maxSubscriptions;
    maxConnections = b.maxConnections;
    debug = b.debug;
    trace = b.trace;
    logFile = b.logFile;
    pidFile = b.pidFile;
    operators = List.copyOf(b.operators);
    systemAccount = b.systemAccount;
    resolverType = b.resolverType;
    resolverDirectory = b.resolverDirectory;
    allowDelete = b.allowDelete;
    hardDelete = b.hardDelete;
    interval = b.interval;
    timeout = b.timeout;
    ttl = b.ttl;
    limit = b.limit;
    preloads = Collections.unmodifiableMap(new LinkedHashMap<>(b.preloads));
    accountFiles = Collections.unmodifiableMap(new LinkedHashMap<>(b.accountFiles));
    pinnedAccounts = List.copyOf(b.pinnedAccounts);
    rawText = List.copyOf(b.rawText);
    serverVersion = b.serverVersion;
    clusterName = b.clusterName;
    clusterPort = b.clusterPort;
    routes = List.copyOf(b.routes);
    accounts = List.copyOf(b.accounts.values());
    noAuthUser = b.noAuthUser;
    systemAccountName = b.systemAccountName;
    authCallout = b.authCallout;
  }

  /**
   * Starts an empty configuration listening on {@value #DEFAULT_HOST}:{@value #DEFAULT_PORT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding a copy of this configuration.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.port = port;
    b.serverName = serverName;
    b.monitorPort = monitorPort;
    b.maxPayload = maxPayload;
    b.maxSubscriptions = maxSubscriptions;
    b.maxConnections = maxConnections;
    b.debug = debug;
    b.trace = trace;
    b.logFile = logFile;
    b.pidFile = pidFile;
    b.operators.addAll(operators);
    b.systemAccount = systemAccount;
    b.resolverType = resolverType;
    b.resolverDirectory = resolverDirectory;
    b.allowDelete = allowDelete;
    b.hardDelete = hardDelete;
    b.interval = interval;
    b.timeout = timeout;
    b.ttl = ttl;
    b.limit = limit;
    b.preloads.putAll(preloads);
    b.accountFiles.putAll(accountFiles);
    b.pinnedAccounts.addAll(pinnedAccounts);
    b.rawText.addAll(rawText);
    b.serverVersion = serverVersion;
    b.clusterName = clusterName;
    b.clusterPort = clusterPort;
    b.routes.addAll(routes);
    accounts.forEach(a -> b.accounts.put(a.name(), a));
    b.noAuthUser = noAuthUser;
    b.systemAccountName = systemAccountName;
    b.authCallout = authCallout;
    return b;
  }

  /**
   * Returns the accounts of a configuration-mode server ({@link Builder#account(ConfigAccount)}).
   *
   * @return the accounts, in order; empty in operator mode
   */
  public List<ConfigAccount> accounts() {
    return accounts;
  }

  /**
   * Returns the user that clients connecting without credentials become ({@code no_auth_user}).
   *
   * @return the user's name or NKey, or empty
   */
  public Optional<String> noAuthUser() {
    return Optional.ofNullable(noAuthUser);
  }

  /**
   * Returns the name of the system account of a configuration-mode server.
   *
   * @return the account name, or empty
   */
  public Optional<String> systemAccountName() {
    return Optional.ofNullable(systemAccountName);
  }

  /**
   * Returns the nats-server version the configuration was checked for ({@link
   * Builder#serverVersion(String)}).
   *
   * @return for example {@code "2.9.10"}, or empty when written for 2.10 and later
   */
  public Optional<String> serverVersion() {
    return Optional.ofNullable(serverVersion);
  }

  /**
   * Returns the cluster's name ({@code cluster.name}).
   *
   * @return the name, or empty when the server is not part of a cluster
   */
  public Optional<String> clusterName() {
    return Optional.ofNullable(clusterName);
  }

  /**
   * Returns the port the server listens on for routes from other cluster members ({@code
   * cluster.port}).
   *
   * @return the port, or empty when the server is not part of a cluster
   */
  public OptionalInt clusterPort() {
    return clusterPort == null ? OptionalInt.empty() : OptionalInt.of(clusterPort);
  }

  /**
   * Returns the routes to other cluster members ({@code cluster.routes}).
   *
   * @return URLs such as {@code nats-route://127.0.0.1:6223}, in the order added
   */
  public List<String> routes() {
    return routes;
  }

  /**
   * Returns the host the server listens on for clients ({@code host}).
   *
   * @return a host name or IP address
   */
  public String host() {
    return host;
  }

  /**
   * Returns the client port ({@code port}).
   *
   * @return a port, or {@link #RANDOM_PORT}
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server name ({@code server_name}).
   *
   * @return the name, or empty when the server picks one
   */
  public Optional<String> serverName() {
    return Optional.ofNullable(serverName);
  }

  /**
   * Returns the HTTP monitoring port ({@code http_port}); the monitor listens on {@link #host()}.
   *
   * @return the port, or empty when monitoring is off
   */
  public OptionalInt monitorPort() {
    return monitorPort == null ? OptionalInt.empty() : OptionalInt.of(monitorPort);
  }

  /**
   * Returns the trusted operators ({@code operator}): inline JWTs and file paths, in order.
   *
   * @return the values as the server reads them; never empty
   */
  public List<String> operators() {
    return operators;
  }

  /**
   * Returns the system account ({@code system_account}).
   *
   * @return the account public key, or empty when the operator JWT's {@code system_account} is used
   */
  public Optional<String> systemAccount() {
    return Optional.ofNullable(systemAccount);
  }

  /**
   * Returns the kind of account resolver.
   *
   * @return the kind, or empty when no resolver is configured
   */
  public Optional<ResolverType> resolverType() {
    return Optional.ofNullable(resolverType);
  }

  /**
   * Returns the directory of a full or cache resolver ({@code dir}).
   *
   * @return the directory, or empty for a memory resolver or none
   */
  public Optional<Path> resolverDirectory() {
    return Optional.ofNullable(resolverDirectory);
  }

  /**
   * Returns the preloaded account JWTs ({@code resolver_preload}).
   *
   * @return account public key to JWT, in the order added
   */
  public Map<String, String> preloads() {
    return preloads;
  }

  /**
   * Returns the account JWTs that {@link #write(Path)} stores in the resolver directory.
   *
   * @return account public key to JWT, in the order added
   */
  public Map<String, String> accountFiles() {
    return accountFiles;
  }

  /**
   * Returns the file the server logs to ({@code log_file}).
   *
   * @return the file, or empty when the server logs to standard error
   */
  public Optional<Path> logFile() {
    return Optional.ofNullable(logFile);
  }

  /**
   * Returns the file the server writes its process id to ({@code pid_file}).
   *
   * @return the file, or empty for none
   */
  public Optional<Path> pidFile() {
    return Optional.ofNullable(pidFile);
  }

  // ------------------------------------------------------------------ rendering

  /**
   * Returns the configuration-mode auth callout ({@code authorization { auth_callout { ... } }}).
   *
   * @return the callout settings, or empty when there is none
   */
  public Optional<AuthCallout> authCallout() {
    return Optional.ofNullable(authCallout);
  }

  /**
   * Returns whether the server runs in configuration mode: accounts and users in the configuration,
   * no trusted operator.
   *
   * @return true in configuration mode
   */
  public boolean isConfigMode() {
    return operators.isEmpty();
  }

  /**
   * Returns the configuration in the nats-server syntax. Paths are written absolute, so the
   * server's working directory does not matter.
   *
   * @return the text, ending with a line break
   */
  public String render() {
    StringBuilder out = new StringBuilder(256);
    out.append("# nats-server configuration in ")
        .append(operators.isEmpty() ? "configuration" : "operator")
        .append(" mode, written by natsjwt\n");
    serverName().ifPresent(n -> line(out, "server_name", quote(n)));
    line(out, "host", quote(host));
    line(out, "port", Integer.toString(port));
    if (monitorPort != null) {
      line(out, "http_port", Integer.toString(monitorPort));
    }
    if (maxPayload != null) {
      line(out, "max_payload", Long.toString(maxPayload));
    }
    if (maxSubscriptions != null) {
      line(out, "max_subs", Long.toString(maxSubscriptions));
    }
    if (maxConnections != null) {
      line(out, "max_connections", Long.toString(maxConnections));
    }
    if (debug) {
      line(out, "debug", "true");
    }
    if (trace) {
      line(out, "trace", "true");
    }
    if (logFile != null) {
      line(out, "log_file", quote(logFile));
    }
    if (pidFile != null) {
      line(out, "pid_file", quote(pidFile));
    }
    if (clusterName != null && clusterPort != null) {
      out.append("cluster: {\n");
      line(out, "  name", quote(clusterName));
      line(out, "  host", quote(host));
      line(out, "  port", Integer.toString(clusterPort));
      if (!routes.isEmpty()) {
        out.append("  routes: [\n");
        for (String r : routes) {
          out.append("    ").append(quote(r)).append('\n');
        }
        out.append("  ]\n");
      }
      out.append("}\n");
    }

    out.append('\n');
    if (operators.isEmpty()) {
      ConfigModeText.append(out, accounts, noAuthUser, systemAccountName);
      if (authCallout != null) {
        renderCallout(out, authCallout);
      }
    } else if (operators.size() == 1) {
      line(out, "operator", quote(operators.get(0)));
    } else {
      out.append("operator: [\n");
      for (String o : operators) {
        out.append("  ").append(quote(o)).append('\n');
      }
      out.append("]\n");
    }
    if (systemAccount != null) {
      line(out, "system_account", quote(systemAccount));
    }
    if (resolverType == ResolverType.MEMORY) {
      line(out, "resolver", "MEMORY");
    } else if (resolverType != null) {
      out.append("resolver: {\n");
      line(out, "  type", resolverType.name().toLowerCase(Locale.ROOT));
      line(out, "  dir", quote(Objects.requireNonNull(resolverDirectory)));
      if (allowDelete != null) {
        line(out, "  allow_delete", allowDelete.toString());
      }
      if (hardDelete != null) {
        line(out, "  hard_delete", hardDelete.toString());
      }
      if (interval != null) {
        line(out, "  interval", quote(goDuration(interval)));
      }
      if (limit != null) {
        line(out, "  limit", Long.toString(limit));
      }
      if (ttl != null) {
        line(out, "  ttl", quote(goDuration(ttl)));
      }
      if (timeout != null) {
        line(out, "  timeout", quote(goDuration(timeout)));
      }
      out.append("}\n");
    }
    if (!preloads.isEmpty()) {
      out.append("resolver_preload: {\n");
      preloads.forEach(
          (k, v) -> out.append("  ").append(quote(k)).append(": ").append(quote(v)).append('\n'));
      out.append("}\n");
    }
    if (!pinnedAccounts.isEmpty()) {
      out.append("resolver_pinned_accounts: [");
      for (int i = 0; i < pinnedAccounts.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(quote(pinnedAccounts.get(i)));
      }
      out.append("]\n");
    }
    for (String raw : rawText) {
      out.append('\n').append(raw);
      if (!raw.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /**
   * Writes the configuration to a file (creating its parent directories), then the account files of
   * a directory resolver as {@link #writeAccountFiles()} does.
   *
   * @param file the configuration file to create or replace
   * @throws ServerConfigException when a file or directory cannot be written
   */
  public void write(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ServerConfigException(String.format(WRITE_FAILED, file, e), e);
    }
    writeAccountFiles();
  }

  /**
   * Stores the {@linkplain #accountFiles() account files} in the resolver directory (creating it),
   * one {@code <ACCOUNT KEY>.jwt} file per account holding the raw token, through {@link
   * DirectoryAccountResolver#store(String, String)}, which lays them out as the server's store does
   * (spec trust-chain.md section 1.3). Existing files of those accounts are replaced; other files
   * are left alone.
   *
   * @return the files written, in order; empty when there are no account files
   * @throws io.github.natsjwt.trust.AccountResolutionException when the directory or a file cannot
   *     be written
   */
  public List<Path> writeAccountFiles() {
    if (accountFiles.isEmpty()) {
      return List.of();
    }
    DirectoryAccountResolver store =
        DirectoryAccountResolver.builder(Objects.requireNonNull(resolverDirectory))
            .createIfMissing(true)
            .build();
    List<Path> written = new ArrayList<>(accountFiles.size());
    for (Map.Entry<String, String> e : accountFiles.entrySet()) {
      store.store(e.getKey(), e.getValue());
      written.add(store.directory().resolve(e.getKey() + DirectoryAccountResolver.EXTENSION));
    }
    return List.copyOf(written);
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append(": ").append(value).append('\n');
  }

  private static String quote(Path path) {
    return quote(path.toAbsolutePath().normalize().toString());
  }

  /**
   * Quotes a string for the server's configuration syntax: inside double quotes the server's lexer
   * knows only the escapes {@code \\ \" \t \n \r} and {@code \xHH} (one byte), and it never expands
   * {@code $VARIABLES} or starts comments there.
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Formats a duration as Go's {@code time.ParseDuration} reads it, in the largest exact unit. */
  static String goDuration(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }

  // ------------------------------------------------------------------ value semantics

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ServerConfig other
        && render().equals(other.render())
        && accountFiles.equals(other.accountFiles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(render(), accountFiles);
  }

  /** Describes the configuration by counts and keys; tokens are left out. */
  @Override
  public String toString() {
    return "ServerConfig[host="
        + host
        + ", port="
        + port
        + ", operators="
        + operators.size()
        + ", systemAccount="
        + (systemAccount == null ? "(from operator)" : systemAccount)
        + ", resolver="
        + (resolverType == null ? "none" : resolverType)
        + ", preloads="
        + preloads.size()
        + ", accountFiles="
        + accountFiles.size()
        + "]";
  }

  private static void renderCallout(StringBuilder out, AuthCallout c) {
    out.append("authorization: {\n");
    if (!c.timeout().isZero()) {
      line(
          out,
          "  timeout",
          java.math.BigDecimal.valueOf(c.timeout().toMillis(), 3)
              .stripTrailingZeros()
              .toPlainString());
    }
    out.append("  auth_callout: {\n");
    line(out, "    issuer", quote(c.issuer()));
    line(out, "    account", quote(c.account()));
    out.append("    auth_users: [");
    for (int i = 0; i < c.authUsers().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(quote(c.authUsers().get(i)));
    }
    out.append("]\n");
    if (!c.xkey().isEmpty()) {
      line(out, "    xkey", quote(c.xkey()));
    }
    if (!c.allowedAccounts().isEmpty()) {
      out.append("    allowed_accounts: [");
      for (int i = 0; i < c.allowedAccounts().size(); i++) {
        out.append(i == 0 ? "" : ", ").append(quote(c.allowedAccounts().get(i)));
      }
      out.append("]\n");
    }
    out.append("  }\n}\n");
  }

  // ------------------------------------------------------------------ messages

  static final String WRITE_FAILED = "cannot write the server configuration to %s: %s";
  static final String NO_OPERATOR =
      "no trusted operator: operator mode needs one; call operator(jwt) or operatorFile(path), or"
          + " account(ConfigAccount) or configUser(account, user, password) for configuration mode";
  static final String CALLOUT_WITH_OPERATOR =
      "auth_callout in the configuration belongs to configuration mode (nats-server refuses it"
          + " with a trusted operator); in operator mode use the account JWT's authorization block";
  static final String CALLOUT_ACCOUNT_UNKNOWN =
      "auth_callout account %s is not an account of this configuration; add it with"
          + " account(ConfigAccount) or configUser(...)";
  static final String CALLOUT_NO_AUTH_USERS =
      "auth_callout needs at least one auth_users entry: the users that bypass the callout, such"
          + " as the callout service's own";
  static final String CALLOUT_AUTH_USER_UNKNOWN =
      "auth_callout auth_users names %s, who is no user of any account of this configuration";
  static final String CALLOUT_NOT_XKEY =
      "auth_callout xkey must be a curve public key (56 characters starting with \"X\"), got %s";
  static final String CALLOUT_ALLOWED_ACCOUNTS_VERSION =
      "nats-server %s has no auth_callout allowed_accounts in config mode (2.11 and later)";
  static final String NOT_INLINE_JWT =
      "the operator JWT must start with \"eyJ\", or nats-server reads it as a file path; to name a"
          + " file, call operatorFile(path)";
  static final String NOT_ACCOUNT_KEY =
      "%s must be an account public key (56 characters starting with \"A\"), got %s";
  static final String NOT_ACCOUNT_JWT =
      "%s must be an account JWT, but it holds %s claims about %s";
  static final String PRELOAD_WITHOUT_RESOLVER =
      "resolver_preload needs a resolver: call memoryResolver(), fullResolver(dir) or"
          + " cacheResolver(dir)";
  static final String FILES_WITHOUT_DIRECTORY =
      "account files need a directory resolver: call fullResolver(dir) or cacheResolver(dir), or"
          + " use preload(...) with memoryResolver()";
  static final String OPTION_NOT_ACCEPTED =
      "a %s resolver does not accept %s (nats-server refuses it); %s";
  static final String HARD_DELETE_NEEDS_ALLOW =
      "hard_delete needs allow_delete: call allowDelete(true) as well";
  static final String OUT_OF_RANGE = "%s must be %s, got %d";
  static final String NOT_POSITIVE_DURATION = "%s must be a positive duration, got %s";
  static final String DURATION_TOO_LONG =
      "%s is too long for nats-server: %s (at most about 292 years)";
  static final String BLANK = "%s must not be blank";
  static final String ROUTES_WITHOUT_CLUSTER =
      "routes need a cluster: call cluster(name, port) as well";
  static final String MIXED_MODES =
      "a configuration-mode server (accounts, no_auth_user, system account name) takes no"
          + " operator, operator-mode system account, resolver, preloads, account files or pinned"
          + " accounts; nats-server refuses accounts next to an operator. Build one or the other";
  static final String NO_ACCOUNTS =
      "no_auth_user and systemAccountName need accounts: call account(ConfigAccount) as well";
  static final String DUPLICATE_USER =
      "user %s appears twice; nats-server refuses duplicate users (names and NKeys are unique"
          + " across accounts)";
  static final String UNKNOWN_ACCOUNT = "%s %s, which is not an account of this configuration (%s)";
  static final String NO_AUTH_USER_NKEY =
      "no_auth_user %s is an NKey user; nats-server refuses to start (\"users are not defined\"):"
          + " name a user made with ConfigUser.withoutPassword(name)";
  static final String NO_AUTH_USER_BCRYPT =
      "no_auth_user %s has a bcrypt password, and nats-server then refuses every client without"
          + " credentials (it compares the hash with itself); name a user made with"
          + " ConfigUser.withoutPassword(name)";
  static final String UNKNOWN_NO_AUTH_USER =
      "no_auth_user %s is not a user of any account; give a user's name or NKey";
  static final String BAD_VERSION =
      "the nats-server version must be major.minor.patch (for example 2.10.27), got %s";
  static final String OPERATOR_LIST_REFUSED =
      "nats-server %s accepts one trusted operator, not a list of %d (it refuses to start:"
          + " \"error parsing operators: unsupported type []interface {}\"); run one server per"
          + " operator, or nats-server 2.10 or later";

  /**
   * Builds a {@link ServerConfig}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private @Nullable String serverName;
    private @Nullable Integer monitorPort;
    private @Nullable Long maxPayload;
    private @Nullable Long maxSubscriptions;
    private @Nullable Long maxConnections;
    private boolean debug;
    private boolean trace;
    private @Nullable Path logFile;
    private @Nullable Path pidFile;
    private final List<String> operators = new ArrayList<>();
    private @Nullable String systemAccount;
    private @Nullable ResolverType resolverType;
    private @Nullable Path resolverDirectory;
    private @Nullable Boolean allowDelete;
    private @Nullable Boolean hardDelete;
    private @Nullable Duration interval;
    private @Nullable Duration timeout;
    private @Nullable Duration ttl;
    private @Nullable Long limit;
    private final Map<String, String> preloads = new LinkedHashMap<>();
    private final Map<String, String> accountFiles = new LinkedHashMap<>();
    private final Set<String> pinnedAccounts = new LinkedHashSet<>();
    private final List<String> rawText = new ArrayList<>();
    private @Nullable String serverVersion;
    private @Nullable String clusterName;
    private @Nullable Integer clusterPort;
    private final List<String> routes = new ArrayList<>();
    private final Map<String, ConfigAccount> accounts = new LinkedHashMap<>();
    private @Nullable String noAuthUser;
    private @Nullable String systemAccountName;
    private @Nullable AuthCallout authCallout;

    /**
     * Declares a configuration-mode account without users yet (an account of that name is kept as
     * it is).
     *
     * @param name the account name
     * @return this builder
     * @throws ServerConfigException when the name is blank
     */
    public Builder configAccount(String name) {
      accounts.computeIfAbsent(
          notBlank(name, "the account name"), n -> ConfigAccount.builder(n).build());
      return this;
    }

    /**
     * Adds a user with a password to a configuration-mode account, declaring the account if needed.
     * The password is written as a bcrypt hash ({@link ConfigUser#password(String, char[])}).
     *
     * @param account the account name
     * @param user the user name
     * @param password the password
     * @return this builder
     * @throws ServerConfigException when a value is blank
     */
    public Builder configUser(String account, String user, String password) {
      configAccount(account);
      ConfigAccount a = accounts.get(account);
      accounts.put(
          account,
          a.toBuilder()
              .user(
                  ConfigUser.password(
                          notBlank(user, "the user name"),
                          notBlank(password, "the password").toCharArray())
                      .build())
              .build());
      return this;
    }

    /**
     * Enables the auth callout in configuration mode ({@code authorization { auth_callout { ... }
     * }}, spec trust-chain.md section 7.1).
     *
     * @param callout the settings, or {@code null} to remove them
     * @return this builder
     */
    public Builder authCallout(@Nullable AuthCallout callout) {
      this.authCallout = callout;
      return this;
    }

    /**
     * Adds an account of a configuration-mode server (no operator): its users, permissions, exports
     * and imports are written in the {@code accounts} block. An account of the same name is
     * replaced.
     *
     * @param account the account
     * @return this builder
     */
    public Builder account(ConfigAccount account) {
      Objects.requireNonNull(account, "account");
      accounts.put(account.name(), account);
      return this;
    }

    /**
     * Makes clients that connect without credentials the given user of a configuration-mode server
     * ({@code no_auth_user}).
     *
     * @param user a user's name or NKey, or {@code null} to leave it out
     * @return this builder
     */
    public Builder noAuthUser(@Nullable String user) {
      this.noAuthUser = user;
      return this;
    }

    /**
     * Names the system account of a configuration-mode server ({@code system_account}); it must be
     * one of the {@linkplain #account(ConfigAccount) accounts}.
     *
     * @param accountName the account's name, or {@code null} to leave it out
     * @return this builder
     */
    public Builder systemAccountName(@Nullable String accountName) {
      this.systemAccountName = accountName;
      return this;
    }

    private Builder() {}

    /**
     * Makes the server a member of a cluster ({@code cluster { name, host, port }}): it listens for
     * routes on the client host and this port. Accounts pushed to a full resolver spread through
     * the cluster (spec trust-chain.md section 1.4).
     *
     * @param name the cluster's name, the same on every member
     * @param port the route port, 1 to 65535
     * @return this builder
     * @throws ServerConfigException when the name is blank or the port out of range
     */
    public Builder cluster(String name, int port) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new ServerConfigException(String.format(BLANK, "the cluster name"));
      }
      if (port < 1 || port > 65535) {
        throw new ServerConfigException(
            String.format(OUT_OF_RANGE, "the cluster port", "1 to 65535", (long) port));
      }
      clusterName = name;
      clusterPort = port;
      return this;
    }

    /**
     * Adds a route to another cluster member on 127.0.0.1 ({@code nats-route://127.0.0.1:<port>}).
     *
     * @param port the other member's route port, 1 to 65535
     * @return this builder
     * @throws ServerConfigException when the port is out of range
     */
    public Builder route(int port) {
      if (port < 1 || port > 65535) {
        throw new ServerConfigException(
            String.format(OUT_OF_RANGE, "a route port", "1 to 65535", (long) port));
      }
      routes.add("nats-route://127.0.0.1:" + port);
      return this;
    }

    /**
     * Leaves the cluster: removes the cluster block and its routes.
     *
     * @return this builder
     */
    public Builder noCluster() {
      clusterName = null;
      clusterPort = null;
      routes.clear();
      return this;
    }

    /**
     * Names the nats-server version the configuration is for, so that {@link #build()} refuses what
     * that version would refuse to start with, with a message saying why, instead of a server that
     * exits. Without it the configuration is checked for 2.10 and later (see the README's table of
     * what each version accepts).
     *
     * <p>The checks, observed on the real servers: 2.9.10 refuses a list of trusted operators
     * ("error parsing operators: unsupported type []interface {}"), even a list of one; 2.10.27 and
     * 2.14.5 accept it.
     *
     * @param version a version {@code major.minor.patch}, optionally with a leading {@code v}, or
     *     {@code null} for 2.10 and later
     * @return this builder
     * @throws ServerConfigException when the version is not {@code major.minor.patch}
     */
    public Builder serverVersion(@Nullable String version) {
      if (version == null) {
        serverVersion = null;
        return this;
      }
      String v = version.startsWith("v") ? version.substring(1) : version;
      if (!v.matches("\\d+\\.\\d+\\.\\d+([-+.].*)?")) {
        throw new ServerConfigException(String.format(BAD_VERSION, version));
      }
      serverVersion = v;
      return this;
    }

    /**
     * Sets the host the server listens on for clients ({@code host}).
     *
     * @param host a host name or IP address; default {@value ServerConfig#DEFAULT_HOST}
     * @return this builder
     * @throws ServerConfigException when it is blank
     */
    public Builder host(String host) {
      this.host = notBlank(host, "host");
      return this;
    }

    /**
     * Sets the client port ({@code port}).
     *
     * @param port 1 to 65535, or {@link ServerConfig#RANDOM_PORT}; default {@value
     *     ServerConfig#DEFAULT_PORT}
     * @return this builder
     * @throws ServerConfigException when it is out of range
     */
    public Builder port(int port) {
      this.port = port(port, "port");
      return this;
    }

    /**
     * Sets the server name ({@code server_name}), shown in {@code INFO} and the log.
     *
     * @param name the name
     * @return this builder
     * @throws ServerConfigException when it is blank
     */
    public Builder serverName(String name) {
      this.serverName = notBlank(name, "the server name");
      return this;
    }

    /**
     * Turns on HTTP monitoring ({@code http_port}) on the client {@linkplain #host(String) host}.
     *
     * @param port 1 to 65535, or {@link ServerConfig#RANDOM_PORT}
     * @return this builder
     * @throws ServerConfigException when it is out of range
     */
    public Builder monitorPort(int port) {
      this.monitorPort = port(port, "the monitor port");
      return this;
    }

    /**
     * Sets the largest message payload the server accepts ({@code max_payload}).
     *
     * @param bytes a positive number of bytes
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder maxPayload(long bytes) {
      this.maxPayload = atLeast(bytes, 1, "max_payload");
      return this;
    }

    /**
     * Sets the most subscriptions per connection ({@code max_subs}).
     *
     * @param subscriptions the limit; 0 means unlimited
     * @return this builder
     * @throws ServerConfigException when it is negative
     */
    public Builder maxSubscriptions(long subscriptions) {
      this.maxSubscriptions = atLeast(subscriptions, 0, "max_subs");
      return this;
    }

    /**
     * Sets the most client connections ({@code max_connections}).
     *
     * @param connections a positive limit
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder maxConnections(long connections) {
      this.maxConnections = atLeast(connections, 1, "max_connections");
      return this;
    }

    /**
     * Turns debug logging on or off ({@code debug}).
     *
     * @param debug whether to log debug messages
     * @return this builder
     */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Turns protocol tracing on or off ({@code trace}); the log then shows every protocol line.
     *
     * @param trace whether to trace
     * @return this builder
     */
    public Builder trace(boolean trace) {
      this.trace = trace;
      return this;
    }

    /**
     * Makes the server log to a file ({@code log_file}) instead of standard error.
     *
     * @param file the log file, or {@code null} for standard error
     * @return this builder
     */
    public Builder logFile(@Nullable Path file) {
      this.logFile = file;
      return this;
    }

    /**
     * Makes the server write its process id to a file ({@code pid_file}).
     *
     * @param file the file, or {@code null} for none
     * @return this builder
     */
    public Builder pidFile(@Nullable Path file) {
      this.pidFile = file;
      return this;
    }

    /**
     * Adds a trusted operator given as its JWT, written inline ({@code operator}). Call it again to
     * trust several operators.
     *
     * @param jwt the operator JWT, as issued
     * @return this builder
     * @throws ServerConfigException when it does not start with {@code eyJ}, which the server needs
     *     to tell an inline JWT from a file path
     */
    public Builder operator(String jwt) {
      Objects.requireNonNull(jwt, "jwt");
      if (!jwt.startsWith("eyJ")) {
        throw new ServerConfigException(NOT_INLINE_JWT);
      }
      operators.add(jwt);
      return this;
    }

    /**
     * Adds a trusted operator given as the path of its JWT file (plain or decorated, as nsc writes
     * it).
     *
     * @param file the operator JWT file; written as an absolute path
     * @return this builder
     */
    public Builder operatorFile(Path file) {
      operators.add(Objects.requireNonNull(file, "file").toAbsolutePath().normalize().toString());
      return this;
    }

    /**
     * Forgets the trusted operators added so far.
     *
     * @return this builder
     */
    public Builder clearOperators() {
      operators.clear();
      return this;
    }

    /**
     * Sets the system account ({@code system_account}). Without it the server uses the operator
     * JWT's {@code system_account}.
     *
     * @param accountPublicKey the account public key, or {@code null} to leave it out
     * @return this builder
     * @throws ServerConfigException when it is not an account public key
     */
    public Builder systemAccount(@Nullable String accountPublicKey) {
      this.systemAccount =
          accountPublicKey == null ? null : accountKey(accountPublicKey, "the system account");
      return this;
    }

    /**
     * Uses the in-memory resolver ({@code resolver: MEMORY}), filled by {@link #preload(String)}.
     *
     * @return this builder
     */
    public Builder memoryResolver() {
      this.resolverType = ResolverType.MEMORY;
      this.resolverDirectory = null;
      return this;
    }

    /**
     * Uses the full nats-based resolver ({@code resolver { type: full, dir: ... }}), which keeps
     * every account JWT in a directory; the server creates it if missing.
     *
     * @param dir the directory; written as an absolute path
     * @return this builder
     */
    public Builder fullResolver(Path dir) {
      this.resolverType = ResolverType.FULL;
      this.resolverDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Uses the caching nats-based resolver ({@code resolver { type: cache, dir: ... }}).
     *
     * @param dir the directory; written as an absolute path
     * @return this builder
     */
    public Builder cacheResolver(Path dir) {
      this.resolverType = ResolverType.CACHE;
      this.resolverDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * Lets the full resolver delete accounts on request ({@code allow_delete}).
     *
     * @param allow whether deletes are allowed
     * @return this builder
     */
    public Builder allowDelete(boolean allow) {
      this.allowDelete = allow;
      return this;
    }

    /**
     * Makes the full resolver remove deleted files instead of renaming them ({@code hard_delete};
     * nats-server 2.9.16 and later).
     *
     * @param hard whether to remove files
     * @return this builder
     */
    public Builder hardDelete(boolean hard) {
      this.hardDelete = hard;
      return this;
    }

    /**
     * Sets how often the full resolver synchronises with other servers ({@code interval}).
     *
     * @param interval a positive duration; the server's default is one minute
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder resolverInterval(Duration interval) {
      this.interval = positive(interval, "the resolver interval");
      return this;
    }

    /**
     * Sets how long a directory resolver waits for an account it does not hold ({@code timeout}).
     *
     * @param timeout a positive duration; the server's default is 1.9 seconds
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder resolverTimeout(Duration timeout) {
      this.timeout = positive(timeout, "the resolver timeout");
      return this;
    }

    /**
     * Sets how long the cache resolver keeps an unused JWT ({@code ttl}).
     *
     * @param ttl a positive duration
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder resolverTtl(Duration ttl) {
      this.ttl = positive(ttl, "the resolver ttl");
      return this;
    }

    /**
     * Sets the most JWTs a directory resolver stores ({@code limit}).
     *
     * @param limit a positive number of accounts
     * @return this builder
     * @throws ServerConfigException when it is not positive
     */
    public Builder resolverLimit(long limit) {
      this.limit = atLeast(limit, 1, "the resolver limit");
      return this;
    }

    /**
     * Preloads an account JWT into the resolver ({@code resolver_preload}), keyed by the JWT's
     * subject. Its signature is checked, its validity is not: the server decides that.
     *
     * @param accountJwt the account JWT
     * @return this builder
     * @throws io.github.natsjwt.jwt.MalformedJwtException when it is not a well-formed JWT
     * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
     * @throws ServerConfigException when it holds claims of another type
     */
    public Builder preload(String accountJwt) {
      return preload(accountSubject(accountJwt, "a preloaded JWT"), accountJwt);
    }

    /**
     * Preloads a JWT into the resolver under an account key, as given ({@code resolver_preload}),
     * for tests that want a key and a JWT that do not match.
     *
     * @param accountPublicKey the account public key
     * @param jwt the JWT
     * @return this builder
     * @throws ServerConfigException when the key is not an account public key or the JWT is blank
     */
    public Builder preload(String accountPublicKey, String jwt) {
      preloads.put(accountKey(accountPublicKey, "a preload key"), notBlank(jwt, "a preloaded JWT"));
      return this;
    }

    /**
     * Forgets the preloads added so far.
     *
     * @return this builder
     */
    public Builder clearPreloads() {
      preloads.clear();
      return this;
    }

    /**
     * Adds an account JWT that {@link ServerConfig#write(Path)} stores in the directory of a full
     * or cache resolver as {@code <dir>/<subject>.jwt}.
     *
     * @param accountJwt the account JWT
     * @return this builder
     * @throws io.github.natsjwt.jwt.MalformedJwtException when it is not a well-formed JWT
     * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
     * @throws ServerConfigException when it holds claims of another type
     */
    public Builder accountFile(String accountJwt) {
      accountFiles.put(accountSubject(accountJwt, "an account file"), accountJwt);
      return this;
    }

    /**
     * Forgets the account files added so far.
     *
     * @return this builder
     */
    public Builder clearAccountFiles() {
      accountFiles.clear();
      return this;
    }

    /**
     * Lets only users of these accounts connect ({@code resolver_pinned_accounts}); the system
     * account is always allowed.
     *
     * @param accountPublicKeys account public keys
     * @return this builder
     * @throws ServerConfigException when one is not an account public key
     */
    public Builder pinAccounts(String... accountPublicKeys) {
      for (String k : accountPublicKeys) {
        pinnedAccounts.add(accountKey(k, "a pinned account"));
      }
      return this;
    }

    /**
     * Appends text to the end of the configuration exactly as given, for settings this builder does
     * not cover. Nothing is quoted or checked.
     *
     * @param text configuration lines in the server's syntax
     * @return this builder
     */
    public Builder appendRaw(String text) {
      rawText.add(Objects.requireNonNull(text, "text"));
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return an immutable configuration
     * @throws ServerConfigException when there is no operator, or settings do not fit together: a
     *     preload without a resolver, account files without a directory resolver, or a resolver
     *     option its kind does not accept
     */
    public ServerConfig build() {
      if (authCallout != null && !operators.isEmpty()) {
        throw new ServerConfigException(CALLOUT_WITH_OPERATOR);
      }
      if (!accounts.isEmpty() || noAuthUser != null || systemAccountName != null) {
        checkConfigMode();
        if (authCallout != null) {
          checkCallout(authCallout);
        }
        return new ServerConfig(this);
      }
      if (operators.isEmpty()) {
        throw new ServerConfigException(NO_OPERATOR);
      }
      if (!preloads.isEmpty() && resolverType == null) {
        throw new ServerConfigException(PRELOAD_WITHOUT_RESOLVER);
      }
      if (!accountFiles.isEmpty() && resolverDirectory == null) {
        throw new ServerConfigException(FILES_WITHOUT_DIRECTORY);
      }
      String kind = resolverType == null ? "missing" : resolverType.name().toLowerCase(Locale.ROOT);
      String onlyFull = "allow_delete, hard_delete and interval belong to fullResolver(dir)";
      String onlyDir = "limit and timeout belong to fullResolver(dir) and cacheResolver(dir)";
      String onlyCache = "ttl belongs to cacheResolver(dir)";
      rejectUnless(allowDelete, resolverType == ResolverType.FULL, kind, "allow_delete", onlyFull);
      rejectUnless(hardDelete, resolverType == ResolverType.FULL, kind, "hard_delete", onlyFull);
      rejectUnless(interval, resolverType == ResolverType.FULL, kind, "interval", onlyFull);
      rejectUnless(limit, resolverDirectory != null, kind, "limit", onlyDir);
      rejectUnless(timeout, resolverDirectory != null, kind, "timeout", onlyDir);
      rejectUnless(ttl, resolverType == ResolverType.CACHE, kind, "ttl", onlyCache);
      if (Boolean.TRUE.equals(hardDelete) && !Boolean.TRUE.equals(allowDelete)) {
        throw new ServerConfigException(HARD_DELETE_NEEDS_ALLOW);
      }
      if (!routes.isEmpty() && clusterName == null) {
        throw new ServerConfigException(ROUTES_WITHOUT_CLUSTER);
      }
      if (serverVersion != null && operators.size() > 1 && before(serverVersion, 2, 10)) {
        throw new ServerConfigException(
            String.format(OPERATOR_LIST_REFUSED, serverVersion, operators.size()));
      }
      return new ServerConfig(this);
    }

    private void checkCallout(AuthCallout c) {
      accountKey(c.issuer(), "the auth_callout issuer");
      if (!accounts.containsKey(c.account())) {
        throw new ServerConfigException(String.format(CALLOUT_ACCOUNT_UNKNOWN, quote(c.account())));
      }
      if (c.authUsers().isEmpty()) {
        throw new ServerConfigException(CALLOUT_NO_AUTH_USERS);
      }
      for (String u : c.authUsers()) {
        if (accounts.values().stream().noneMatch(acc -> acc.user(u).isPresent())) {
          throw new ServerConfigException(String.format(CALLOUT_AUTH_USER_UNKNOWN, quote(u)));
        }
      }
      if (!c.xkey().isEmpty() && !NKeyType.CURVE.isValidPublicKey(c.xkey())) {
        throw new ServerConfigException(String.format(CALLOUT_NOT_XKEY, describe(c.xkey())));
      }
      if (!c.allowedAccounts().isEmpty() && serverVersion != null && before(serverVersion, 2, 11)) {
        throw new ServerConfigException(
            String.format(CALLOUT_ALLOWED_ACCOUNTS_VERSION, serverVersion));
      }
    }

    /** Checks a configuration-mode server: names resolve, nothing of operator mode is set. */
    private void checkConfigMode() {
      if (!operators.isEmpty()
          || systemAccount != null
          || resolverType != null
          || !preloads.isEmpty()
          || !accountFiles.isEmpty()
          || !pinnedAccounts.isEmpty()) {
        throw new ServerConfigException(MIXED_MODES);
      }
      if (accounts.isEmpty()) {
        throw new ServerConfigException(NO_ACCOUNTS);
      }
      Set<String> ids = new LinkedHashSet<>();
      for (ConfigAccount a : accounts.values()) {
        for (ConfigUser u : a.users()) {
          if (!ids.add(u.id())) {
            throw new ServerConfigException(String.format(DUPLICATE_USER, u.id()));
          }
        }
        for (ConfigAccount.Import i : a.imports()) {
          if (!accounts.containsKey(i.account())) {
            throw new ServerConfigException(
                String.format(
                    UNKNOWN_ACCOUNT,
                    "account " + a.name() + " imports from",
                    i.account(),
                    accounts.keySet()));
          }
        }
      }
      if (systemAccountName != null && !accounts.containsKey(systemAccountName)) {
        throw new ServerConfigException(
            String.format(UNKNOWN_ACCOUNT, "system_account", systemAccountName, accounts.keySet()));
      }
      if (noAuthUser != null) {
        ConfigUser target =
            accounts.values().stream()
                .flatMap(a -> a.user(noAuthUser).stream())
                .findFirst()
                .orElseThrow(
                    () ->
                        new ServerConfigException(String.format(UNKNOWN_NO_AUTH_USER, noAuthUser)));
        if (target.nkey().isPresent()) {
          throw new ServerConfigException(String.format(NO_AUTH_USER_NKEY, noAuthUser));
        }
        if (target.passwordHash().isPresent()) {
          throw new ServerConfigException(String.format(NO_AUTH_USER_BCRYPT, noAuthUser));
        }
      }
    }

    /** Whether a {@code major.minor.patch} version comes before {@code major.minor}. */
    private static boolean before(String version, int major, int minor) {
      String[] parts = version.split("[.\\-+]");
      int ma = Integer.parseInt(parts[0]);
      int mi = Integer.parseInt(parts[1]);
      return ma < major || (ma == major && mi < minor);
    }

    private static void rejectUnless(
        @Nullable Object value, boolean accepted, String kind, String key, String hint) {
      if (value != null && !accepted) {
        throw new ServerConfigException(String.format(OPTION_NOT_ACCEPTED, kind, key, hint));
      }
    }

    private static String accountSubject(String jwt, String what) {
      DecodedJwt<?> decoded = Jwt.decode(Objects.requireNonNull(jwt, "jwt"));
      if (!(decoded.claims() instanceof AccountClaims)) {
        throw new ServerConfigException(
            String.format(
                NOT_ACCOUNT_JWT,
                what,
                decoded.claims().type().jsonName(),
                decoded.claims().subject()));
      }
      return decoded.claims().subject();
    }

    private static String accountKey(String key, String what) {
      Objects.requireNonNull(key, "accountPublicKey");
      if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
        throw new ServerConfigException(String.format(NOT_ACCOUNT_KEY, what, describe(key)));
      }
      return key;
    }

    private static String notBlank(String value, String what) {
      if (Objects.requireNonNull(value, what).isBlank()) {
        throw new ServerConfigException(String.format(BLANK, what));
      }
      return value;
    }

    private static int port(int port, String what) {
      if (port != RANDOM_PORT && (port < 1 || port > 65535)) {
        throw new ServerConfigException(
            String.format(OUT_OF_RANGE, what, "1 to 65535 or -1 (any free port)", port));
      }
      return port;
    }

    private static long atLeast(long value, long min, String what) {
      if (value < min) {
        throw new ServerConfigException(
            String.format(OUT_OF_RANGE, what, "at least " + min, value));
      }
      return value;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new ServerConfigException(String.format(NOT_POSITIVE_DURATION, what, d));
      }
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new ServerConfigException(String.format(DURATION_TOO_LONG, what, d), e);
      }
      return d;
    }

    /** Names a wrong key: public keys are shown, anything else (a seed, say) only by length. */
    private static String describe(String s) {
      return NKey.detectPublicKeyType(s)
          .map(t -> "the " + t + " public key " + s)
          .orElse("a value of " + s.length() + " characters that is no public key");
    }
  }

  /**
   * The config-mode auth callout (spec trust-chain.md section 7.1): who signs the users, which
   * account the callout service lives in, which users bypass it, and optionally the xkey for
   * encryption and the accounts users may be placed into.
   *
   * <p>Immutable and thread-safe.
   *
   * <pre>{@code
   * ServerConfig.AuthCallout callout =
   *     ServerConfig.AuthCallout.of(issuerKey.publicKey(), "AUTH", "callout")
   *         .withXkey(curveKey.publicKey());
   * }</pre>
   *
   * @param issuer the account public key that signs returned users ({@code A...})
   * @param account the config-mode account the callout service connects to
   * @param authUsers the user names that bypass the callout
   * @param xkey the service's curve public key ({@code X...}), or {@code ""} for no encryption
   * @param allowedAccounts the account names users may be placed into (nats-server 2.11+)
   * @param timeout the server's authorization timeout ({@code authorization { timeout }}), how long
   *     a client has to be authorized, callout included; {@link Duration#ZERO} for the server's
   *     default of 2 s
   */
  public record AuthCallout(
      String issuer,
      String account,
      List<String> authUsers,
      String xkey,
      List<String> allowedAccounts,
      Duration timeout) {
    /**
     * Copies the lists and checks for nulls.
     *
     * @param issuer the issuer
     * @param account the account
     * @param authUsers the bypassing users
     * @param xkey the xkey or {@code ""}
     * @param allowedAccounts the allowed accounts
     * @param timeout the authorization timeout, or zero for the server's default
     * @throws IllegalArgumentException when the timeout is negative or over 10 minutes
     */
    public AuthCallout {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(account, "account");
      authUsers = List.copyOf(authUsers);
      Objects.requireNonNull(xkey, "xkey");
      allowedAccounts = List.copyOf(allowedAccounts);
      if (timeout.isNegative() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "the authorization timeout must be between 0 (the server's default) and 10 minutes,"
                + " got "
                + timeout);
      }
    }

    /**
     * Creates callout settings without encryption.
     *
     * @param issuer the account public key that signs returned users
     * @param account the account the callout service connects to
     * @param authUsers the user names that bypass the callout
     * @return the settings
     */
    public static AuthCallout of(String issuer, String account, String... authUsers) {
      return new AuthCallout(issuer, account, List.of(authUsers), "", List.of(), Duration.ZERO);
    }

    /**
     * Returns these settings with an xkey: the server then encrypts requests to it.
     *
     * @param xkey the service's curve public key
     * @return new settings
     */
    public AuthCallout withXkey(String xkey) {
      return new AuthCallout(issuer, account, authUsers, xkey, allowedAccounts, timeout);
    }

    /**
     * Returns these settings with accounts users may be placed into (nats-server 2.11+).
     *
     * @param accounts account names
     * @return new settings
     */
    public AuthCallout withAllowedAccounts(String... accounts) {
      return new AuthCallout(issuer, account, authUsers, xkey, List.of(accounts), timeout);
    }

    /**
     * Returns these settings with a longer (or shorter) authorization timeout: how long nats-server
     * gives a connecting client, callout included, before it closes the connection with {@code
     * Authentication Timeout}. A callout that meets bursts of connects (a reconnect storm) needs
     * more than the default 2 s, since a burst waits in line for the service.
     *
     * @param timeout more than zero, at most 10 minutes; written in milliseconds' precision
     * @return new settings
     * @throws IllegalArgumentException when out of range
     */
    public AuthCallout withTimeout(Duration timeout) {
      if (timeout.isZero()) {
        throw new IllegalArgumentException("the authorization timeout must be more than zero");
      }
      return new AuthCallout(issuer, account, authUsers, xkey, allowedAccounts, timeout);
    }
  }
}
