package io.github.natsjwt.testing;

import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An auth callout set up for a test (nats-server 2.10 and later, spec trust-chain.md section 7):
 * the callout account, the user the callout service connects as (an {@code auth_users} entry, which
 * bypasses the callout), the issuer that signs the users the service mints, and optionally the
 * curve key ({@code xkey}) the server encrypts requests for and the accounts users may be placed
 * into. One object serves both server modes.
 *
 * <p>Operator mode, made by {@link TestAccount#authCallout()}: the account's JWT carries the {@code
 * authorization} block, written from this object whenever the JWT is issued; clients arrive with a
 * {@link #sentinel() sentinel} user of the callout account.
 *
 * <pre>{@code
 * TestOperator op = TestOperator.create("acme");
 * TestAccount app = op.account("APP");
 * TestCallout callout = op.account("AUTH").authCallout().encrypted().allowedAccounts(app);
 * ServerConfig config = op.serverConfig().build();      // AUTH's JWT has authorization {...}
 * Path serviceCreds = callout.serviceUser().writeCreds(dir);
 * Path clientCreds = callout.sentinel().writeCreds(dir);
 * }</pre>
 *
 * <p>Configuration mode, made by {@link #configMode(String)}: {@link #serverConfig()} writes the
 * callout account {@code AUTH} with the password user {@code callout}, the account users are placed
 * into, and {@code authorization { auth_callout { ... } }}.
 *
 * <pre>{@code
 * TestCallout callout = TestCallout.configMode("APP").encrypted();
 * ServerConfig config = callout.serverConfig().build();
 * // the service connects with callout.serviceUserName() and callout.servicePassword(),
 * // signs with callout.issuer(), decrypts with callout.xkey(), and places users into APP
 * }</pre>
 *
 * <p>The callout service itself, with an authorizer, is started by {@code TestCalloutService} in
 * the {@code natsjwt-callout} artifact. Not thread-safe: set up on the test's thread. Keys are kept
 * in memory with their seeds; {@link #toString()} names only public keys.
 */
public final class TestCallout {
  /** The callout account of a configuration-mode setup. */
  public static final String CONFIG_MODE_ACCOUNT = "AUTH";

  /** The name of the user the callout service connects as, in both modes. */
  public static final String SERVICE_USER_NAME = "callout";

  /** The name of the sentinel user of an operator-mode setup. */
  public static final String SENTINEL_NAME = "sentinel";

  private final @Nullable TestAccount account;
  private final @Nullable String targetAccount;
  private final NKey issuer;
  private final @Nullable TestUser serviceUser;
  private final @Nullable String servicePassword;
  private final List<String> extraAuthUsers = new ArrayList<>();
  private final List<String> allowedAccounts = new ArrayList<>();
  private @Nullable NKey xkey;
  private @Nullable TestUser sentinel;

  private TestCallout(
      @Nullable TestAccount account,
      @Nullable String targetAccount,
      NKey issuer,
      @Nullable TestUser serviceUser,
      @Nullable String servicePassword) {
    this.account = account;
    this.targetAccount = targetAccount;
    this.issuer = issuer;
    this.serviceUser = serviceUser;
    this.servicePassword = servicePassword;
  }

  /** Marks a forged account as the callout account; see {@link TestAccount#authCallout()}. */
  static TestCallout operatorMode(TestAccount account) {
    TestCallout c =
        new TestCallout(account, null, account.key(), account.user(SERVICE_USER_NAME), null);
    account.customize(b -> b.authorization(c.authorization()));
    return c;
  }

  /**
   * Sets up a configuration-mode callout with a random issuer key: users minted by the service go
   * into the account named here.
   *
   * @param targetAccount the configuration-mode account the service places users into (its {@code
   *     configMode(...)})
   * @return the setup
   * @throws TestCredentialsException when the name is blank
   */
  public static TestCallout configMode(String targetAccount) {
    return configMode(targetAccount, NKey.generate(NKeyType.ACCOUNT));
  }

  /**
   * Sets up a configuration-mode callout with a given issuer key.
   *
   * @param targetAccount the account the service places users into
   * @param issuer an account key with its seed: the {@code auth_callout} issuer
   * @return the setup
   * @throws TestCredentialsException when the name is blank, or the key is not an account key with
   *     a seed
   */
  public static TestCallout configMode(String targetAccount, NKey issuer) {
    TestOperator.checkName(targetAccount);
    if (targetAccount.equals(CONFIG_MODE_ACCOUNT)) {
      throw new TestCredentialsException(
          "users cannot be placed into the callout account "
              + CONFIG_MODE_ACCOUNT
              + " itself; name another account");
    }
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return new TestCallout(
        null,
        targetAccount,
        TestOperator.checkKey(issuer, NKeyType.ACCOUNT, "auth_callout issuer"),
        null,
        "pw-" + HexFormat.of().formatHex(random));
  }

  /**
   * Has the server encrypt requests for a new curve key (the {@code xkey}); the service decrypts
   * with {@link #xkey()}.
   *
   * @return this setup
   */
  public TestCallout encrypted() {
    NKey key =
        account != null
            ? account
                .operator()
                .keys()
                .make(
                    NKeyType.CURVE,
                    "operator",
                    account.operator().name(),
                    "account",
                    account.name(),
                    "callout xkey")
            : NKey.generate(NKeyType.CURVE);
    return xkey(key);
  }

  /**
   * Has the server encrypt requests for a given curve key.
   *
   * @param curveKey a curve key with its seed
   * @return this setup
   * @throws TestCredentialsException when it is not a curve key with a seed
   */
  public TestCallout xkey(NKey curveKey) {
    this.xkey = TestOperator.checkKey(curveKey, NKeyType.CURVE, "callout xkey");
    return this;
  }

  /**
   * Adds accounts the service may place users into (operator mode: {@code allowed_accounts} of the
   * callout account's {@code authorization} block; configuration mode: the {@code auth_callout}
   * block's {@code allowed_accounts}, which nats-server reads from 2.11 on).
   *
   * @param accounts account public keys (or {@code "*"}) in operator mode, account names in
   *     configuration mode
   * @return this setup
   */
  public TestCallout allowedAccounts(String... accounts) {
    for (String a : accounts) {
      allowedAccounts.add(Objects.requireNonNull(a, "account"));
    }
    return this;
  }

  /**
   * Adds forged accounts the service may place users into (operator mode).
   *
   * @param accounts the accounts
   * @return this setup
   * @throws TestCredentialsException in configuration mode, which names accounts with {@link
   *     #allowedAccounts(String...)}
   */
  public TestCallout allowedAccounts(TestAccount... accounts) {
    requireOperatorMode("allowedAccounts(TestAccount...)");
    for (TestAccount a : accounts) {
      allowedAccounts.add(a.publicKey());
    }
    return this;
  }

  /**
   * Adds another user that bypasses the callout (operator mode): a user of the callout account.
   *
   * @param user the user
   * @return this setup
   * @throws TestCredentialsException in configuration mode, or when the user belongs to another
   *     account (the server ignores those)
   */
  public TestCallout authUser(TestUser user) {
    requireOperatorMode("authUser(TestUser)");
    if (user.account() != account) {
      throw new TestCredentialsException(
          String.format(
              "auth user %s belongs to account %s, not to the callout account %s",
              user.name(), user.account().name(), Objects.requireNonNull(account).name()));
    }
    extraAuthUsers.add(user.publicKey());
    return this;
  }

  /**
   * Returns whether this is an operator-mode setup.
   *
   * @return {@code true} when made by {@link TestAccount#authCallout()}
   */
  public boolean isOperatorMode() {
    return account != null;
  }

  /**
   * Returns the callout account of an operator-mode setup.
   *
   * @return the account, or empty in configuration mode (whose account is {@value
   *     #CONFIG_MODE_ACCOUNT})
   */
  public Optional<TestAccount> account() {
    return Optional.ofNullable(account);
  }

  /**
   * Returns the key that signs the users the service mints, and its responses: the callout
   * account's identity key in operator mode, the {@code auth_callout} issuer in configuration mode.
   *
   * @return the key, with its seed
   */
  public NKey issuer() {
    return issuer;
  }

  /**
   * Returns the public key of the account the service answers for: the callout account (operator
   * mode) or the {@code auth_callout} issuer (configuration mode).
   *
   * @return the {@code A...} key
   */
  public String issuerAccount() {
    return issuer.publicKey();
  }

  /**
   * Returns the curve key the server encrypts requests for.
   *
   * @return the key, with its seed, or empty when requests are not encrypted
   */
  public Optional<NKey> xkey() {
    return Optional.ofNullable(xkey);
  }

  /**
   * Returns the account the service places users into in configuration mode.
   *
   * @return the account name, or empty in operator mode
   */
  public Optional<String> targetAccount() {
    return Optional.ofNullable(targetAccount);
  }

  /**
   * Returns the user the callout service connects as in operator mode ({@value #SERVICE_USER_NAME},
   * listed in {@code auth_users}); write its creds with {@link
   * TestUser#writeCreds(java.nio.file.Path)}.
   *
   * @return the user
   * @throws TestCredentialsException in configuration mode, where the service connects with {@link
   *     #serviceUserName()} and {@link #servicePassword()}
   */
  public TestUser serviceUser() {
    requireOperatorMode("serviceUser()");
    return Objects.requireNonNull(serviceUser);
  }

  /**
   * Returns the name the callout service connects with.
   *
   * @return {@value #SERVICE_USER_NAME}
   */
  public String serviceUserName() {
    return SERVICE_USER_NAME;
  }

  /**
   * Returns the password of the service user in configuration mode, random per setup.
   *
   * @return the password
   * @throws TestCredentialsException in operator mode, where the service connects with {@link
   *     #serviceUser()}'s creds
   */
  public String servicePassword() {
    if (servicePassword == null) {
      throw new TestCredentialsException(
          "an operator-mode callout service connects with serviceUser()'s creds, not a password");
    }
    return servicePassword;
  }

  /**
   * Returns the sentinel user of an operator-mode setup, made on the first call: a user of the
   * callout account that is not an auth user, so that the server sends its connects to the callout.
   * Clients connect with its creds and the service decides who they become.
   *
   * @return the user
   * @throws TestCredentialsException in configuration mode
   */
  public TestUser sentinel() {
    requireOperatorMode("sentinel()");
    if (sentinel == null) {
      sentinel = Objects.requireNonNull(account).user(SENTINEL_NAME);
    }
    return sentinel;
  }

  /**
   * Returns the {@code authorization} block the callout account's JWT carries in operator mode.
   *
   * @return the block: the service user and any other auth users, the allowed accounts and the xkey
   */
  public ExternalAuthorization authorization() {
    ExternalAuthorization.Builder b = ExternalAuthorization.builder();
    if (serviceUser != null) {
      b.addAuthUsers(serviceUser.publicKey());
    }
    b.addAuthUsers(extraAuthUsers.toArray(String[]::new));
    b.addAllowedAccounts(allowedAccounts.toArray(String[]::new));
    b.xkey(xkey == null ? "" : xkey.publicKey());
    return b.build();
  }

  /**
   * Returns the {@code auth_callout} block of a configuration-mode setup.
   *
   * @return the settings
   * @throws TestCredentialsException in operator mode
   */
  public ServerConfig.AuthCallout authCallout() {
    if (account != null) {
      throw new TestCredentialsException(
          "an operator-mode callout has no auth_callout block; the account JWT carries"
              + " authorization() instead");
    }
    return new ServerConfig.AuthCallout(
        issuer.publicKey(),
        CONFIG_MODE_ACCOUNT,
        List.of(SERVICE_USER_NAME),
        xkey == null ? "" : xkey.publicKey(),
        allowedAccounts,
        Duration.ZERO);
  }

  /**
   * Starts the server configuration: in operator mode the operator's ({@link
   * TestOperator#serverConfig()}, the callout account's JWT with its {@code authorization} block
   * preloaded); in configuration mode the callout account {@value #CONFIG_MODE_ACCOUNT} with the
   * service user, the target account and any allowed ones, and the {@code auth_callout} block.
   *
   * @return a builder; add accounts or users, then {@code build()}
   */
  public ServerConfig.Builder serverConfig() {
    if (account != null) {
      return account.operator().serverConfig();
    }
    ServerConfig.Builder b =
        ServerConfig.builder()
            .configUser(CONFIG_MODE_ACCOUNT, SERVICE_USER_NAME, servicePassword())
            .configAccount(Objects.requireNonNull(targetAccount));
    allowedAccounts.forEach(b::configAccount);
    return b.authCallout(authCallout());
  }

  /** Names the mode, the issuer and the xkey by public key; no seeds, no password. */
  @Override
  public String toString() {
    return "TestCallout["
        + (account != null
            ? "operator mode, account " + account.name()
            : "config mode, into " + targetAccount)
        + ", issuer "
        + issuer.publicKey()
        + (xkey != null ? ", xkey " + xkey.publicKey() : "")
        + (allowedAccounts.isEmpty() ? "" : ", allowed " + allowedAccounts)
        + "]";
  }

  private void requireOperatorMode(String method) {
    if (account == null) {
      throw new TestCredentialsException(
          method + " belongs to an operator-mode callout (TestAccount.authCallout())");
    }
  }
}
