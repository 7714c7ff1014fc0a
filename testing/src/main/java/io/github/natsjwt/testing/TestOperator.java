package io.github.natsjwt.testing;

import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A forged NATS operator for tests: its keys, its accounts (a system account {@code SYS} included),
 * and the nats-server configuration that trusts it. Every JWT is real, signed with {@link
 * Jwt#encode(io.github.natsjwt.claims.Claims, Signer, Clock)} at the moment it is asked for.
 *
 * <pre>{@code
 * TestOperator op = TestOperator.create("acme");
 * TestAccount orders = op.account("orders").limits(l -> l.conn(10)).signingKey();
 * TestUser alice = orders.user("alice").pubAllow("orders.>").subAllow("_INBOX.>");
 * Path creds = alice.writeCreds(dir);
 * ServerConfig config = op.serverConfig().build();   // MEMORY resolver, every account preloaded
 * }</pre>
 *
 * <p>Not thread-safe: a test builds its operator, accounts and users on one thread; each JWT is a
 * snapshot of the settings when it is made. Keys are random ({@link #create(String)}), given
 * ({@link #create(String, NKey)}), or derived from a phrase ({@link #deterministic(String,
 * String)}). Seeds are kept in memory for the life of the object: this is for tests, not for
 * production credentials.
 */
public final class TestOperator {
  /** The name of the system account every forged operator has. */
  public static final String SYSTEM_ACCOUNT_NAME = "SYS";

  private final String name;
  private final KeyMaker keys;
  private final NKey identity;
  private final List<NKey> signingKeys = new ArrayList<>();
  private final List<Consumer<OperatorClaims.Builder>> customizers = new ArrayList<>();
  private final Map<String, TestAccount> accounts = new LinkedHashMap<>();
  private final TestAccount system;
  private Clock clock = Clock.systemUTC();
  private boolean strict;

  private TestOperator(String name, KeyMaker keys, NKey identity) {
    this.name = name;
    this.keys = keys;
    this.identity = identity;
    this.system = account(SYSTEM_ACCOUNT_NAME);
  }

  /**
   * Forges an operator with random keys and the system clock.
   *
   * @param name the operator's name ({@code name} in its JWT)
   * @return a new operator with a system account
   */
  public static TestOperator create(String name) {
    KeyMaker keys = KeyMaker.random();
    return new TestOperator(checkName(name), keys, keys.make(NKeyType.OPERATOR));
  }

  /**
   * Forges an operator with a given identity key; the keys of its accounts and users are random.
   *
   * @param name the operator's name
   * @param identity an operator key with its seed
   * @return a new operator with a system account
   * @throws TestCredentialsException when the key is not an operator key with a seed
   */
  public static TestOperator create(String name, NKey identity) {
    return new TestOperator(
        checkName(name), KeyMaker.random(), checkKey(identity, NKeyType.OPERATOR, "operator"));
  }

  /**
   * Forges an operator whose every key (its own, its signing keys, its accounts' and their users')
   * is derived from a phrase and the entity's names, so that a test gets the same keys on every
   * run. With a fixed {@link #clock(Clock) clock} the JWTs are the same too.
   *
   * @param name the operator's name
   * @param phrase any text; different phrases give unrelated keys
   * @return a new operator with a system account
   */
  public static TestOperator deterministic(String name, String phrase) {
    KeyMaker keys = KeyMaker.deterministic(Objects.requireNonNull(phrase, "phrase"));
    return new TestOperator(checkName(name), keys, keys.make(NKeyType.OPERATOR, "operator", name));
  }

  /**
   * Sets the clock that stamps {@code iat} on every JWT this operator, its accounts and users issue
   * from now on.
   *
   * @param clock the clock
   * @return this operator
   */
  public TestOperator clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Returns the clock that stamps {@code iat}.
   *
   * @return the clock; the system clock (UTC) unless set
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the operator's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the operator's identity key, with its seed.
   *
   * @return the key
   */
  public NKey key() {
    return identity;
  }

  /**
   * Returns the operator's public key.
   *
   * @return the {@code O...} key
   */
  public String publicKey() {
    return identity.publicKey();
  }

  /**
   * Adds a new signing key. From then on the operator's accounts are signed with its first signing
   * key instead of its identity key (unless an account says otherwise with {@link
   * TestAccount#signedBy(Signer)}).
   *
   * @return this operator
   */
  public TestOperator signingKey() {
    String n = Integer.toString(signingKeys.size() + 1);
    return signingKey(keys.make(NKeyType.OPERATOR, "operator", name, "signing key", n));
  }

  /**
   * Adds a given signing key.
   *
   * @param key an operator key with its seed
   * @return this operator
   * @throws TestCredentialsException when the key is not an operator key with a seed
   */
  public TestOperator signingKey(NKey key) {
    signingKeys.add(checkKey(key, NKeyType.OPERATOR, "operator signing"));
    return this;
  }

  /**
   * Returns the signing keys, in the order added.
   *
   * @return the keys, with their seeds
   */
  public List<NKey> signingKeys() {
    return List.copyOf(signingKeys);
  }

  /**
   * Sets {@code strict_signing_key_usage}: accounts must then be signed by a signing key, not the
   * identity key (spec trust-chain.md section 1.1).
   *
   * @param strict whether signing keys are required
   * @return this operator
   */
  public TestOperator strictSigningKeyUsage(boolean strict) {
    this.strict = strict;
    return this;
  }

  /**
   * Adds a change to the operator claims, applied after this object's own settings whenever the JWT
   * is made, for fields without a method here.
   *
   * @param change what to change
   * @return this operator
   */
  public TestOperator customize(Consumer<OperatorClaims.Builder> change) {
    customizers.add(Objects.requireNonNull(change, "change"));
    return this;
  }

  /**
   * Returns the system account, named {@value #SYSTEM_ACCOUNT_NAME}; the operator JWT names it as
   * {@code system_account}.
   *
   * @return the system account
   */
  public TestAccount systemAccount() {
    return system;
  }

  /**
   * Forges a new account of this operator, with the keys this operator makes and unlimited limits.
   *
   * @param name the account's name, unique within this operator
   * @return the new account
   * @throws TestCredentialsException when the operator already has an account of that name
   */
  public TestAccount account(String name) {
    checkNewAccount(name);
    return account(name, keys.make(NKeyType.ACCOUNT, "operator", this.name, "account", name));
  }

  /**
   * Forges a new account of this operator with a given identity key.
   *
   * @param name the account's name, unique within this operator
   * @param key an account key with its seed
   * @return the new account
   * @throws TestCredentialsException when the operator already has an account of that name, or the
   *     key is not an account key with a seed
   */
  public TestAccount account(String name, NKey key) {
    checkNewAccount(name);
    TestAccount a = new TestAccount(this, name, checkKey(key, NKeyType.ACCOUNT, "account"));
    accounts.put(name, a);
    return a;
  }

  /**
   * Returns every account of this operator, the system account first.
   *
   * @return the accounts, in the order made
   */
  public List<TestAccount> accounts() {
    return List.copyOf(accounts.values());
  }

  /**
   * Returns the operator claims as they are now.
   *
   * @return the claims, not yet signed
   */
  public OperatorClaims claims() {
    OperatorClaims.Builder b =
        OperatorClaims.builder(publicKey())
            .name(name)
            .systemAccount(system.publicKey())
            .strictSigningKeyUsage(strict);
    for (NKey k : signingKeys) {
      b.addSigningKeys(k.publicKey());
    }
    customizers.forEach(c -> c.accept(b));
    return b.build();
  }

  /**
   * Issues the operator JWT, self-signed by the identity key.
   *
   * @return the JWT
   */
  public String jwt() {
    return Jwt.encode(claims(), identity, clock);
  }

  /**
   * Starts a server configuration that trusts this operator, names its system account, and uses the
   * in-memory resolver with every account's JWT as it is now preloaded. Accounts made later are
   * unknown to that server.
   *
   * @return a builder; set the port and extras, then {@code build()}
   */
  public ServerConfig.Builder serverConfig() {
    ServerConfig.Builder b =
        ServerConfig.builder().operator(jwt()).systemAccount(system.publicKey()).memoryResolver();
    for (TestAccount a : accounts.values()) {
      b.preload(a.publicKey(), a.jwt());
    }
    return b;
  }

  /**
   * Starts a server configuration that trusts this operator and uses the full resolver in a
   * directory, with every account's JWT as it is now as an account file; {@link
   * ServerConfig#write(Path)} stores them there as {@code <dir>/<ACCOUNT KEY>.jwt}.
   *
   * @param dir the resolver's directory
   * @return a builder; set the port and extras, then {@code build()}
   */
  public ServerConfig.Builder fullResolverConfig(Path dir) {
    ServerConfig.Builder b =
        ServerConfig.builder()
            .operator(jwt())
            .systemAccount(system.publicKey())
            .fullResolver(Objects.requireNonNull(dir, "dir"));
    for (TestAccount a : accounts.values()) {
      b.accountFile(a.jwt());
    }
    return b;
  }

  /** Names the operator by name and public key; no seeds. */
  @Override
  public String toString() {
    return "TestOperator[" + name + ", " + publicKey() + ", accounts=" + accounts.keySet() + "]";
  }

  // ------------------------------------------------------------------ package-private helpers

  KeyMaker keys() {
    return keys;
  }

  /** The key that signs account JWTs by default: the first signing key, else the identity key. */
  Signer accountSigner() {
    return signingKeys.isEmpty() ? identity : signingKeys.get(0);
  }

  private void checkNewAccount(String accountName) {
    checkName(accountName);
    if (accounts.containsKey(accountName)) {
      throw new TestCredentialsException(
          String.format(
              "operator %s already has an account named %s; keep the TestAccount that the first"
                  + " account(...) call returned",
              name, accountName));
    }
  }

  static String checkName(String name) {
    if (Objects.requireNonNull(name, "name").isBlank()) {
      throw new TestCredentialsException("a name must not be blank");
    }
    return name;
  }

  static NKey checkKey(NKey key, NKeyType type, String what) {
    Objects.requireNonNull(key, "key");
    if (key.type() != type || !key.hasSeed()) {
      throw new TestCredentialsException(
          String.format(
              "the %s key must be a %s key with its seed, got the %s key %s%s",
              what, type, key.type(), key.publicKey(), key.hasSeed() ? "" : " without a seed"));
    }
    return key;
  }
}
