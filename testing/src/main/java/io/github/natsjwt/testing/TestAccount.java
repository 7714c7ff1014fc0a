package io.github.natsjwt.testing;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExportType;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A forged account of a {@link TestOperator}: its keys, limits, signing keys (plain and scoped),
 * exports, imports and revocations, and its users. Made by {@link TestOperator#account(String)}.
 *
 * <pre>{@code
 * TestAccount orders = op.account("orders")
 *     .limits(l -> l.conn(10).payload(1024))
 *     .signingKey()
 *     .scopedSigningKey("reader", UserPermissionLimits.builder()
 *         .sub(Permission.allowing("orders.>")).build())
 *     .exportService("orders.create");
 * TestAccount shop = op.account("shop").importService(orders, "orders.create");
 * }</pre>
 *
 * <p>Not thread-safe; {@link #jwt()} signs a snapshot of the settings as they are then. New
 * accounts have {@link OperatorLimits#UNLIMITED} limits, so their users can connect; they are
 * signed by the operator's first signing key, or its identity key when it has none.
 */
public final class TestAccount {
  private final TestOperator operator;
  private final String name;
  private final NKey identity;
  private final List<NKey> signingKeys = new ArrayList<>();
  private final Map<String, UserScope> scopes = new LinkedHashMap<>();
  private final Map<String, NKey> scopedKeys = new LinkedHashMap<>();
  private final List<Export> exports = new ArrayList<>();
  private final List<PendingImport> imports = new ArrayList<>();
  private final Map<String, Instant> revocations = new LinkedHashMap<>();
  private final List<Consumer<AccountClaims.Builder>> customizers = new ArrayList<>();
  private final Map<String, TestUser> users = new LinkedHashMap<>();
  private OperatorLimits limits = OperatorLimits.UNLIMITED;
  private @Nullable Instant expiresAt;
  private @Nullable Signer signer;
  private @Nullable TestCallout callout;

  /** An import from another forged account, or one given whole. */
  private record PendingImport(
      @Nullable TestAccount from, String subject, ExportType type, @Nullable Import given) {}

  TestAccount(TestOperator operator, String name, NKey identity) {
    this.operator = operator;
    this.name = name;
    this.identity = identity;
  }

  /**
   * Returns the operator this account belongs to.
   *
   * @return the operator
   */
  public TestOperator operator() {
    return operator;
  }

  /**
   * Returns the account's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the account's identity key, with its seed.
   *
   * @return the key
   */
  public NKey key() {
    return identity;
  }

  /**
   * Returns the account's public key.
   *
   * @return the {@code A...} key
   */
  public String publicKey() {
    return identity.publicKey();
  }

  /**
   * Replaces the limits.
   *
   * @param limits the new limits; {@link OperatorLimits#UNLIMITED} by default
   * @return this account
   */
  public TestAccount limits(OperatorLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Changes the limits, starting from the current ones.
   *
   * @param change for example {@code l -> l.conn(10).payload(1024)}
   * @return this account
   */
  public TestAccount limits(UnaryOperator<OperatorLimits.Builder> change) {
    this.limits = Objects.requireNonNull(change, "change").apply(limits.toBuilder()).build();
    return this;
  }

  /**
   * Adds a new plain signing key; {@link TestUser#signedBySigningKey()} issues users with the first
   * one.
   *
   * @return this account
   */
  public TestAccount signingKey() {
    String n = Integer.toString(signingKeys.size() + 1);
    return signingKey(make(NKeyType.ACCOUNT, "signing key", n));
  }

  /**
   * Adds a given plain signing key.
   *
   * @param key an account key with its seed
   * @return this account
   * @throws TestCredentialsException when it is not an account key with a seed
   */
  public TestAccount signingKey(NKey key) {
    signingKeys.add(TestOperator.checkKey(key, NKeyType.ACCOUNT, "account signing"));
    return this;
  }

  /**
   * Returns the plain signing keys, in the order added.
   *
   * @return the keys, with their seeds
   */
  public List<NKey> signingKeys() {
    return List.copyOf(signingKeys);
  }

  /**
   * Adds a new scoped signing key for a role: users it issues get the template's permissions and
   * limits instead of their own (spec trust-chain.md section 4). Issue such a user with {@link
   * TestUser#scoped(String)}.
   *
   * @param role the role, unique within this account
   * @param template the permissions and limits of the role's users
   * @return this account
   * @throws TestCredentialsException when the role exists already
   */
  public TestAccount scopedSigningKey(String role, UserPermissionLimits template) {
    return scopedSigningKey(role, template, make(NKeyType.ACCOUNT, "scoped signing key", role));
  }

  /**
   * Adds a given scoped signing key for a role.
   *
   * @param role the role, unique within this account
   * @param template the permissions and limits of the role's users
   * @param key an account key with its seed
   * @return this account
   * @throws TestCredentialsException when the role exists already, or the key is not an account key
   *     with a seed
   */
  public TestAccount scopedSigningKey(String role, UserPermissionLimits template, NKey key) {
    TestOperator.checkName(role);
    Objects.requireNonNull(template, "template");
    if (scopes.containsKey(role)) {
      throw new TestCredentialsException(
          String.format("account %s already has a scoped signing key for role %s", name, role));
    }
    TestOperator.checkKey(key, NKeyType.ACCOUNT, "scoped signing");
    scopes.put(role, UserScope.builder(key.publicKey()).role(role).template(template).build());
    scopedKeys.put(role, key);
    return this;
  }

  /**
   * Returns the scoped signing key of a role.
   *
   * @param role the role
   * @return the key, with its seed, or empty when the account has no such role
   */
  public Optional<NKey> scopedKey(String role) {
    return Optional.ofNullable(scopedKeys.get(role));
  }

  /**
   * Adds a public stream export.
   *
   * @param subject the subject, wildcards allowed
   * @return this account
   */
  public TestAccount exportStream(String subject) {
    return export(Export.stream(subject).build());
  }

  /**
   * Adds a public service export.
   *
   * @param subject the subject, wildcards allowed
   * @return this account
   */
  public TestAccount exportService(String subject) {
    return export(Export.service(subject).build());
  }

  /**
   * Adds an export as given, for example a private one: {@code
   * Export.service("orders.*").tokenRequired(true).build()}.
   *
   * @param export the export
   * @return this account
   */
  public TestAccount export(Export export) {
    exports.add(Objects.requireNonNull(export, "export"));
    return this;
  }

  /**
   * Imports a stream another forged account exports. When that export requires a token, an
   * activation token signed by the exporter is made and embedded with each JWT.
   *
   * @param from the exporting account
   * @param subject the subject to import
   * @return this account
   */
  public TestAccount importStream(TestAccount from, String subject) {
    return addPendingImport(from, subject, ExportType.STREAM);
  }

  /**
   * Imports a service another forged account exports, with an activation token when the export
   * requires one.
   *
   * @param from the exporting account
   * @param subject the subject to import
   * @return this account
   */
  public TestAccount importService(TestAccount from, String subject) {
    return addPendingImport(from, subject, ExportType.SERVICE);
  }

  /**
   * Adds an import as given, token included.
   *
   * @param anImport the import
   * @return this account
   */
  public TestAccount addImport(Import anImport) {
    Objects.requireNonNull(anImport, "anImport");
    imports.add(new PendingImport(null, anImport.subject(), anImport.type(), anImport));
    return this;
  }

  /**
   * Issues an activation token that lets another account import a subject of this account's (spec
   * trust-chain.md section 6), signed by this account's identity key.
   *
   * @param importer the importing account
   * @param subject the subject granted
   * @param kind stream or service
   * @return the activation JWT
   */
  public String activationToken(TestAccount importer, String subject, ExportType kind) {
    ActivationClaims activation =
        ActivationClaims.builder(Objects.requireNonNull(importer, "importer").publicKey())
            .name(subject)
            .importSubject(subject)
            .kind(kind)
            .build();
    return Jwt.encode(activation, identity, operator.clock());
  }

  /**
   * Revokes a user's JWTs issued up to now (by this operator's clock).
   *
   * @param user the user
   * @return this account
   */
  public TestAccount revoke(TestUser user) {
    return revoke(user.publicKey(), operator.clock().instant());
  }

  /**
   * Revokes the JWTs of a user key (or {@code "*"} for every user) issued at or before a time.
   *
   * @param userKey a user public key, or {@code "*"}
   * @param at the time
   * @return this account
   */
  public TestAccount revoke(String userKey, Instant at) {
    revocations.put(Objects.requireNonNull(userKey, "userKey"), Objects.requireNonNull(at, "at"));
    return this;
  }

  /**
   * Sets when the account JWT expires.
   *
   * @param expiresAt the time, or {@code null} for never
   * @return this account
   */
  public TestAccount expiresAt(@Nullable Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  /**
   * Signs this account's JWT with a given key instead of the operator's, for example a stranger's
   * operator key to see the server refuse it.
   *
   * @param signer the signer, or {@code null} for the operator's default
   * @return this account
   */
  public TestAccount signedBy(@Nullable Signer signer) {
    this.signer = signer;
    return this;
  }

  /**
   * Adds a change to the account claims, applied after this object's own settings whenever the JWT
   * is made (mappings, default permissions, descriptions, ...).
   *
   * @param change what to change
   * @return this account
   */
  public TestAccount customize(Consumer<AccountClaims.Builder> change) {
    customizers.add(Objects.requireNonNull(change, "change"));
    return this;
  }

  /**
   * Makes this account the auth callout account (operator mode, nats-server 2.10 and later): a user
   * named {@value TestCallout#SERVICE_USER_NAME} is forged for the callout service and listed in
   * {@code auth_users}, and from then on this account's JWT carries the {@code authorization} block
   * the returned setup describes (xkey and allowed accounts as set on it).
   *
   * <pre>{@code
   * TestCallout callout = op.account("AUTH").authCallout().encrypted();
   * NatsServer server = version.start(op.serverConfig().build());
   * }</pre>
   *
   * @return the setup, to add an xkey, allowed accounts or more auth users
   * @throws TestCredentialsException when the account already is the callout account, or has a user
   *     of that name
   */
  public TestCallout authCallout() {
    if (callout != null) {
      throw new TestCredentialsException(
          String.format(
              "account %s already is the callout account; keep the TestCallout that the first"
                  + " authCallout() call returned",
              name));
    }
    callout = TestCallout.operatorMode(this);
    return callout;
  }

  /**
   * Forges a new user of this account, issued by the account's identity key, with no limits and no
   * permission restrictions until set.
   *
   * @param name the user's name, unique within this account
   * @return the new user
   * @throws TestCredentialsException when the account already has a user of that name
   */
  public TestUser user(String name) {
    checkNewUser(name);
    return user(name, make(NKeyType.USER, "user", name));
  }

  /**
   * Forges a new user of this account with a given key.
   *
   * @param name the user's name, unique within this account
   * @param key a user key with its seed
   * @return the new user
   * @throws TestCredentialsException when the account already has a user of that name, or the key
   *     is not a user key with a seed
   */
  public TestUser user(String name, NKey key) {
    checkNewUser(name);
    TestUser u = new TestUser(this, name, TestOperator.checkKey(key, NKeyType.USER, "user"));
    users.put(name, u);
    return u;
  }

  /**
   * Returns the users of this account.
   *
   * @return the users, in the order made
   */
  public List<TestUser> users() {
    return List.copyOf(users.values());
  }

  /**
   * Returns the account claims as they are now, activation tokens included.
   *
   * @return the claims, not yet signed
   */
  public AccountClaims claims() {
    AccountClaims.Builder b =
        AccountClaims.builder(publicKey()).name(name).limits(limits).expiresAt(expiresAt);
    signingKeys.forEach(k -> b.addSigningKeys(k.publicKey()));
    scopes.values().forEach(b::addScopedSigningKey);
    exports.forEach(b::addExports);
    for (PendingImport p : imports) {
      b.addImports(p.given() != null ? p.given() : importFrom(Objects.requireNonNull(p.from()), p));
    }
    revocations.forEach(b::revokeAt);
    customizers.forEach(c -> c.accept(b));
    return b.build();
  }

  /**
   * Issues the account JWT, signed by the operator's default key or the one set with {@link
   * #signedBy(Signer)}.
   *
   * @return the JWT
   */
  public String jwt() {
    return Jwt.encode(
        claims(), signer != null ? signer : operator.accountSigner(), operator.clock());
  }

  /** Names the account by name and public key; no seeds. */
  @Override
  public String toString() {
    return "TestAccount[" + name + ", " + publicKey() + ", users=" + users.keySet() + "]";
  }

  // ------------------------------------------------------------------ package-private helpers

  /** The signer of a user issued by the first plain signing key. */
  NKey firstSigningKey() {
    if (signingKeys.isEmpty()) {
      throw new TestCredentialsException(
          String.format(
              "account %s has no signing key to issue users with; call signingKey() on it first",
              name));
    }
    return signingKeys.get(0);
  }

  NKey scopedKeyOrThrow(String role) {
    NKey key = scopedKeys.get(role);
    if (key == null) {
      throw new TestCredentialsException(
          String.format(
              "account %s has no scoped signing key for role %s (roles: %s); call"
                  + " scopedSigningKey(role, template) on it first",
              name, role, scopedKeys.keySet()));
    }
    return key;
  }

  private TestAccount addPendingImport(TestAccount from, String subject, ExportType type) {
    Objects.requireNonNull(from, "from");
    imports.add(new PendingImport(from, Objects.requireNonNull(subject, "subject"), type, null));
    return this;
  }

  private Import importFrom(TestAccount from, PendingImport p) {
    Import.Builder i =
        p.type() == ExportType.STREAM
            ? Import.stream(from.publicKey(), p.subject())
            : Import.service(from.publicKey(), p.subject());
    i.name(p.subject());
    if (from.requiresToken(p.subject(), p.type())) {
      i.token(from.activationToken(this, p.subject(), p.type()));
    }
    return i.build();
  }

  /** Whether an export of this account that needs a token covers the subject. */
  private boolean requiresToken(String subject, ExportType type) {
    List<Export> privateExports =
        exports.stream().filter(e -> e.type() == type && e.tokenRequired()).toList();
    return !privateExports.isEmpty()
        && AccountClaims.builder(publicKey())
            .exports(privateExports)
            .build()
            .hasExportContainingSubject(subject);
  }

  private void checkNewUser(String userName) {
    TestOperator.checkName(userName);
    if (users.containsKey(userName)) {
      throw new TestCredentialsException(
          String.format(
              "account %s already has a user named %s; keep the TestUser that the first"
                  + " user(...) call returned",
              name, userName));
    }
  }

  private NKey make(NKeyType type, String... path) {
    String[] full = new String[path.length + 4];
    full[0] = "operator";
    full[1] = operator.name();
    full[2] = "account";
    full[3] = name;
    System.arraycopy(path, 0, full, 4, path.length);
    return operator.keys().make(type, full);
  }
}
