package io.github.natsjwt.trust;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.JwtDecoder;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Decides, exactly as nats-server in operator mode decides, whether an account JWT is trusted,
 * whether a user may connect (and with which permissions and limits), and whether an import is
 * authorized; and when it refuses, names the rule and says how to fix it (spec trust-chain.md).
 *
 * <p>Immutable and thread-safe: build one with {@link #builder()} and share it. Account JWTs come
 * from an {@link AccountResolver}; accounts that pass the time-independent checks are cached,
 * bounded, keyed on the whole JWT, and their expiry is checked again on every use with the
 * verifier's clock. User JWTs and activation tokens are remembered once their whole chain is
 * trusted (bounded by memory and shared fairly between accounts, keyed on the whole token, see
 * {@link Builder#verifiedTokenCacheSize(int)}), so a returning token skips only its decoding and
 * signature check: every rule that depends on time, the account, the nonce or the connection runs
 * afresh on every call, as the server runs them at every {@code CONNECT}.
 *
 * <pre>{@code
 * TrustVerifier verifier = TrustVerifier.builder()
 *     .trustOperator(operatorJwt)
 *     .accountResolver(resolver)
 *     .build();
 * ConnectionContext ctx = ConnectionContext.builder()
 *     .nonce(nonce)
 *     .signature(sig)
 *     .clientHost("203.0.113.7")
 *     .build();
 * Verification<VerifiedUser> result = verifier.verifyUser(userJwt, ctx);
 * if (!result.isAccepted()) {
 *   Rejection why = result.rejection().orElseThrow();   // why.rule(), why.message()
 * }
 * }</pre>
 *
 * <p>Outcomes of verification are never exceptions: a bad token, an untrusted signer or a failing
 * resolver all give a {@link Rejection}. Exceptions signal misuse only (null arguments, an import
 * that is not part of the importing account).
 */
public final class TrustVerifier {
  /** The server's default {@code max_payload} (1 MiB), which also replaces a configured 0. */
  public static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;

  /** The default number of verified account JWTs kept. */
  public static final int DEFAULT_ACCOUNT_CACHE_SIZE = 1024;

  /** Verified user and activation tokens remembered unless configured otherwise. */
  public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 4096;

  /**
   * Bytes charged per character of a remembered user JWT or activation token: above the most that
   * any token shape makes its decoded claims and token string retain per character (about 14, for a
   * user JWT full of one-letter connection types), measured with JOL.
   */
  static final int TOKEN_CACHE_BYTES_PER_CHAR = 16;

  private final List<OperatorClaims> operators;
  private final Map<String, String> trustedKeys; // key that may sign accounts -> operator identity
  private final Clock clock;
  private final ServerProfile profile;
  private final String systemAccount;
  // User JWTs and activation tokens whose chain is trusted, grouped by account; only the claims are
  // kept (a hit needs nothing else).
  private final VerifiedTokenCache<Claims> verifiedTokens;
  private final AccountLoader accounts;
  private final ImportAuthorizer imports;
  private final ConnectPipeline connect;
  // Made once: a method reference to an instance allocates wherever it is written.
  private final ConnectPipeline.AccountSource fromResolver;

  private TrustVerifier(Builder b, Map<String, String> trustedKeys, Set<String> strict) {
    this.operators = List.copyOf(b.operators);
    this.trustedKeys = Map.copyOf(trustedKeys);
    this.clock = b.clock;
    this.profile = b.profile;
    this.systemAccount = effectiveSystemAccount(b);
    Set<String> pinned = new LinkedHashSet<>(b.pinnedAccounts);
    if (!pinned.isEmpty() && !systemAccount.isEmpty()) {
      // The server always lets the system account's users in.
      pinned.add(systemAccount);
    }
    // Accounts have their own cache of fully checked accounts. User and activation tokens are
    // remembered here, not by the decoder, because only here is it known when they are trusted.
    JwtDecoder decoder = decoder(profile, b.maxTokenBytes);
    this.verifiedTokens =
        new VerifiedTokenCache<>(
            b.verifiedTokenCacheSize,
            (long) b.verifiedTokenCacheSize * JwtDecoder.CACHE_BYTES_PER_ENTRY,
            TOKEN_CACHE_BYTES_PER_CHAR);
    this.accounts =
        new AccountLoader(
            this,
            operators,
            this.trustedKeys,
            Set.copyOf(strict),
            b.resolver,
            systemAccount,
            profile,
            b.accountCacheSize,
            decoder);
    this.imports = new ImportAuthorizer(decoder, verifiedTokens, profile);
    // build() has checked both limits to lie in 0..2^31-1, the range of the server's fields.
    this.connect =
        new ConnectPipeline(
            profile,
            decoder,
            verifiedTokens,
            Set.copyOf(pinned),
            b.localZone,
            b.maxSubscriptions,
            b.maxPayload == 0 ? DEFAULT_MAX_PAYLOAD : b.maxPayload);
    this.fromResolver = accounts::lookup;
  }

  /**
   * Decodes as the profile's jwt library does: with the 1 MiB cap only where it has one, and within
   * the verifier's own bound in every profile.
   */
  private static JwtDecoder decoder(ServerProfile profile, int maxTokenBytes) {
    JwtDecoder.Builder d =
        JwtDecoder.builder().maxTokenBytes(maxTokenBytes).readAs(profile.validationRules());
    if (!profile.has(ServerBehaviour.TOKEN_SIZE_CAP)) {
      d.withoutSizeCap();
    }
    return d.build();
  }

  private static String effectiveSystemAccount(Builder b) {
    if (!b.systemAccount.isEmpty()) {
      return b.systemAccount;
    }
    return b.operators.size() == 1 ? b.operators.get(0).systemAccount() : "";
  }

  /**
   * Starts a verifier configuration: no trusted operator yet, the system clock, {@link
   * ServerProfile#LATEST}, the system's time zone, the server's default limits.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the server version whose decisions this verifier reproduces.
   *
   * @return the profile
   */
  public ServerProfile profile() {
    return profile;
  }

  /**
   * Returns the trusted operators given as JWTs.
   *
   * @return the decoded operator claims, in configuration order
   */
  public List<OperatorClaims> operators() {
    return operators;
  }

  /**
   * Returns the keys that may sign account JWTs: each operator's identity key (unless it uses
   * strict signing keys) and its signing keys, or the bare trusted keys.
   *
   * @return an unmodifiable set of {@code O...} keys
   */
  public Set<String> trustedAccountSigners() {
    return trustedKeys.keySet();
  }

  /**
   * Returns the system account.
   *
   * @return its key, configured or named by the only trusted operator; {@code ""} when none
   */
  public String systemAccount() {
    return systemAccount;
  }

  // ================================================================== accounts

  /**
   * Verifies an account JWT as the server does when it loads an account (spec trust-chain.md
   * section 2): it must decode, be signed by a trusted operator key and pass validation with time
   * checks; and it must not be expired in the server's stricter sense ({@code exp <= now}).
   *
   * @param accountJwt the account JWT
   * @return the verified account, or why it was refused
   */
  public Verification<VerifiedAccount> verifyAccount(String accountJwt) {
    Objects.requireNonNull(accountJwt, "accountJwt");
    Instant now = clock.instant();
    return AccountLoader.usable(accounts.check(accountJwt, null, now), now);
  }

  /**
   * Fetches an account JWT from the resolver and verifies it as {@link #verifyAccount(String)}
   * does; the JWT must be about the requested account.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the verified account, or why there is none
   */
  public Verification<VerifiedAccount> resolveAccount(String accountPublicKey) {
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    Instant now = clock.instant();
    return AccountLoader.usable(accounts.lookup(accountPublicKey, now, null), now);
  }

  // ================================================================== users

  /**
   * Decides whether a client presenting this user JWT may connect, running the server's checks in
   * the server's order (spec trust-chain.md section 3.3); the account is fetched from the resolver.
   *
   * @param userJwt the user JWT from {@code CONNECT}
   * @param context the nonce, signature, connection type and client address
   * @return the verified user with its permissions and limits, or the first rule that fails
   */
  public Verification<VerifiedUser> verifyUser(String userJwt, ConnectionContext context) {
    Objects.requireNonNull(userJwt, "userJwt");
    Objects.requireNonNull(context, "context");
    return verify(userJwt, context, fromResolver);
  }

  /**
   * Decides whether a client presenting this user JWT may connect, with an account verified before
   * (for example by {@link #verifyAccount(String)}) instead of the resolver. An account verified by
   * another verifier is verified again under this verifier's trust.
   *
   * @param userJwt the user JWT from {@code CONNECT}
   * @param account the user's account
   * @param context the nonce, signature, connection type and client address
   * @return the verified user, or the first rule that fails; {@link Rule#ACCOUNT_SUBJECT_MISMATCH}
   *     when the user belongs to another account
   */
  public Verification<VerifiedUser> verifyUser(
      String userJwt, VerifiedAccount account, ConnectionContext context) {
    Objects.requireNonNull(userJwt, "userJwt");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(context, "context");
    return verify(
        userJwt, context, (key, now, user) -> mustBe(accounts.adopt(account, now), key, user));
  }

  /**
   * Decides whether a client presenting this user JWT may connect, with the account JWT given
   * instead of fetched from the resolver. The account JWT is verified as the server verifies a
   * fetched one, at the point of the server's check order where it looks the account up.
   *
   * <pre>{@code
   * Verification<VerifiedUser> v = verifier.verifyUser(userJwt, accountJwt, context);
   * }</pre>
   *
   * @param userJwt the user JWT from {@code CONNECT}
   * @param accountJwt the JWT of the user's account
   * @param context the nonce, signature, connection type and client address
   * @return the verified user, or the first rule that fails; {@link Rule#ACCOUNT_SUBJECT_MISMATCH}
   *     when the account JWT is about another account than the user's
   */
  public Verification<VerifiedUser> verifyUser(
      String userJwt, String accountJwt, ConnectionContext context) {
    Objects.requireNonNull(userJwt, "userJwt");
    Objects.requireNonNull(accountJwt, "accountJwt");
    Objects.requireNonNull(context, "context");
    return verify(
        userJwt,
        context,
        (key, now, user) -> mustBe(accounts.check(accountJwt, null, now), key, user));
  }

  /** An account supplied by the caller must be the user's account. */
  private static Verification<VerifiedAccount> mustBe(
      Verification<VerifiedAccount> found, String accountKey, UserClaims user) {
    if (found.isAccepted() && !found.orElseThrow().publicKey().equals(accountKey)) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_SUBJECT_MISMATCH,
              String.format(
                  Locale.ROOT,
                  Messages.USER_ACCOUNT_MISMATCH,
                  user.subject(),
                  accountKey,
                  found.orElseThrow().publicKey())));
    }
    return found;
  }

  /** Section 3.3: the stages of {@link ConnectPipeline}, in the server's order. */
  private Verification<VerifiedUser> verify(
      String userJwt, ConnectionContext ctx, ConnectPipeline.AccountSource source) {
    Optional<Instant> given = ctx.time();
    Instant now = given.isPresent() ? given.get() : clock.instant();
    return connect.run(userJwt, ctx, source, now);
  }

  /** Base64url without padding, else standard base64 with padding, as the server tries them. */
  static byte @Nullable [] decodeSignature(String sig) {
    try {
      return Base64Url.decode(sig, 0, sig.length());
    } catch (IllegalArgumentException e) {
      // fall through to standard base64
    }
    String s = sig.replace("\r", "").replace("\n", "");
    if (s.length() % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ================================================================== imports

  /**
   * Decides whether the exporting account authorizes one of the importing account's imports (spec
   * trust-chain.md section 6): the export that covers it, its account-token position, and for
   * exports that require one, the activation token's issuer, expiry and revocation by the exporter.
   *
   * @param importer the account whose JWT holds the import
   * @param importClaim one of {@code importer}'s imports
   * @param exporter the account the import names
   * @return the authorized import, or why it is not
   * @throws IllegalArgumentException when the import is not one of the importer's, or names another
   *     account than {@code exporter}
   */
  public Verification<VerifiedImport> verifyImport(
      VerifiedAccount importer, Import importClaim, VerifiedAccount exporter) {
    Objects.requireNonNull(importer, "importer");
    Objects.requireNonNull(importClaim, "importClaim");
    Objects.requireNonNull(exporter, "exporter");
    ImportAuthorizer.requireOwnImport(importer, importClaim);
    if (!importClaim.account().equals(exporter.publicKey())) {
      throw new IllegalArgumentException(
          "the import names exporting account "
              + importClaim.account()
              + ", but the exporter given is "
              + exporter.publicKey());
    }
    Instant now = clock.instant();
    Verification<VerifiedAccount> imp = AccountLoader.usable(accounts.adopt(importer, now), now);
    if (!imp.isAccepted()) {
      return Verification.rejected(imp.rejection().orElseThrow());
    }
    Verification<VerifiedAccount> exp = AccountLoader.usable(accounts.adopt(exporter, now), now);
    if (!exp.isAccepted()) {
      return Verification.rejected(exp.rejection().orElseThrow());
    }
    return imports.authorize(imp.orElseThrow(), importClaim, exp.orElseThrow(), now);
  }

  /**
   * Decides whether an import is authorized, fetching the exporting account through the resolver.
   *
   * @param importer the account whose JWT holds the import
   * @param importClaim one of {@code importer}'s imports
   * @return the authorized import, or why it is not (including why the exporter cannot be found)
   * @throws IllegalArgumentException when the import is not one of the importer's
   */
  public Verification<VerifiedImport> verifyImport(VerifiedAccount importer, Import importClaim) {
    Objects.requireNonNull(importer, "importer");
    Objects.requireNonNull(importClaim, "importClaim");
    ImportAuthorizer.requireOwnImport(importer, importClaim);
    Instant now = clock.instant();
    Verification<VerifiedAccount> imp = AccountLoader.usable(accounts.adopt(importer, now), now);
    if (!imp.isAccepted()) {
      return Verification.rejected(imp.rejection().orElseThrow());
    }
    Verification<VerifiedAccount> exp =
        AccountLoader.usable(accounts.lookup(importClaim.account(), now, null), now);
    if (!exp.isAccepted()) {
      return Verification.rejected(exp.rejection().orElseThrow());
    }
    return imports.authorize(imp.orElseThrow(), importClaim, exp.orElseThrow(), now);
  }

  /** The remembered user JWTs and activation tokens, for tests. */
  VerifiedTokenCache<Claims> verifiedTokenCache() {
    return verifiedTokens;
  }

  /**
   * Describes the verifier's trust without tokens.
   *
   * @return the trusted keys and the profile
   */
  @Override
  public String toString() {
    return "TrustVerifier[trusted="
        + trustedKeys.keySet().stream().sorted().collect(Collectors.toList())
        + ", profile="
        + profile
        + "]";
  }

  // ================================================================== builder

  /**
   * Configures a {@link TrustVerifier} as a server's operator-mode configuration does.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable verifier.
   */
  public static final class Builder {
    private final List<OperatorClaims> operators = new ArrayList<>();
    private final List<String> operatorKeys = new ArrayList<>();
    private @Nullable AccountResolver resolver;
    private Clock clock = Clock.systemUTC();
    private ServerProfile profile = ServerProfile.LATEST;
    private final List<String> pinnedAccounts = new ArrayList<>();
    private String systemAccount = "";
    private long maxSubscriptions;
    private long maxPayload;
    private ZoneId localZone = ZoneId.systemDefault();
    private int maxTokenBytes = Jwt.MAX_TOKEN_BYTES;
    private int accountCacheSize = DEFAULT_ACCOUNT_CACHE_SIZE;
    private int verifiedTokenCacheSize = DEFAULT_VERIFIED_TOKEN_CACHE_SIZE;

    private Builder() {}

    /**
     * Trusts an operator given as its JWT (the server's {@code operator} setting): its identity key
     * (unless {@code strict_signing_key_usage}) and its signing keys may sign accounts; its {@code
     * system_account} becomes the system account when it is the only operator. As in the server,
     * the operator JWT's own expiry is not enforced.
     *
     * @param operatorJwt the operator JWT
     * @return this builder
     * @throws io.github.natsjwt.jwt.MalformedJwtException when it is not a well-formed JWT
     * @throws SignatureMismatchException when its signature does not verify
     * @throws IssuerNotAllowedException when it is not signed by an operator key
     * @throws ClaimTypeMismatchException when it is not an operator JWT
     */
    public Builder trustOperator(String operatorJwt) {
      Objects.requireNonNull(operatorJwt, "operatorJwt");
      operators.add(Jwt.decode(operatorJwt, OperatorClaims.class).claims());
      return this;
    }

    /**
     * Trusts a bare operator public key (the server's older {@code trusted_keys} setting): accounts
     * signed by it are trusted. Cannot be combined with {@link #trustOperator(String)}.
     *
     * @param operatorPublicKey an {@code O...} key
     * @return this builder
     * @throws io.github.natsjwt.nkey.InvalidNKeyException when it is not a valid public key
     * @throws io.github.natsjwt.nkey.KeyTypeMismatchException when it is not an operator key
     */
    public Builder trustOperatorKey(String operatorPublicKey) {
      Objects.requireNonNull(operatorPublicKey, "operatorPublicKey");
      NKey.fromPublicKey(operatorPublicKey, NKeyType.OPERATOR);
      operatorKeys.add(operatorPublicKey);
      return this;
    }

    /**
     * Sets where account JWTs come from (the server's {@code resolver}). Without one, users can
     * only be verified against accounts passed in.
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder accountResolver(AccountResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets the clock that decides expiry, not-before, revocation-independent time windows and the
     * disconnect time.
     *
     * @param clock the clock; {@link Clock#systemUTC()} by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the server version whose decisions to reproduce. It also selects the claims rules that
     * account, user and activation JWTs are validated with ({@link
     * ServerProfile#validationRules()}) and whether tokens over 1 MiB are refused ({@link
     * ServerProfile#tokenSizeCap()}).
     *
     * @param profile {@link ServerProfile#LATEST} by default
     * @return this builder
     */
    public Builder serverProfile(ServerProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the system account (the server's {@code system_account}); by default the only trusted
     * operator's {@code system_account}. Its users always pass the pinned-account check.
     *
     * @param accountPublicKey an {@code A...} key
     * @return this builder
     */
    public Builder systemAccount(String accountPublicKey) {
      this.systemAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    /**
     * Allows only users of these accounts (and of the system account) to connect (the server's
     * {@code resolver_pinned_accounts}).
     *
     * @param accountPublicKeys {@code A...} keys
     * @return this builder
     */
    public Builder pinnedAccounts(String... accountPublicKeys) {
      return pinnedAccounts(List.of(accountPublicKeys));
    }

    /**
     * Allows only users of these accounts (and of the system account) to connect.
     *
     * @param accountPublicKeys {@code A...} keys
     * @return this builder
     */
    public Builder pinnedAccounts(Collection<String> accountPublicKeys) {
      for (String k : accountPublicKeys) {
        pinnedAccounts.add(Objects.requireNonNull(k, "account key"));
      }
      return this;
    }

    /**
     * Sets the server's {@code max_subs}: the most subscriptions per connection; 0 (the default)
     * means unlimited, as in the server's configuration.
     *
     * @param maxSubscriptions 0 or more
     * @return this builder
     */
    public Builder maxSubscriptions(long maxSubscriptions) {
      this.maxSubscriptions = maxSubscriptions;
      return this;
    }

    /**
     * Sets the server's {@code max_payload} in bytes. 0 (the default) means what it means in the
     * server's configuration: the server's default of 1 MiB (1048576 bytes).
     *
     * @param maxPayload 0 or more
     * @return this builder
     */
    public Builder maxPayload(long maxPayload) {
      this.maxPayload = maxPayload;
      return this;
    }

    /**
     * Sets the server's local time zone, used for connect time windows of users without {@code
     * times_location}.
     *
     * @param zone the zone; {@link ZoneId#systemDefault()} by default
     * @return this builder
     */
    public Builder localZone(ZoneId zone) {
      this.localZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets how many verified account JWTs to keep; 0 disables the cache.
     *
     * @param size 0 or more; {@value TrustVerifier#DEFAULT_ACCOUNT_CACHE_SIZE} by default
     * @return this builder
     */
    public Builder accountCacheSize(int size) {
      this.accountCacheSize = size;
      return this;
    }

    /**
     * Sets the largest token, in UTF-8 bytes, that the verifier reads at all, in every profile:
     * larger user JWTs, activation tokens and account JWTs are refused before any of them is
     * decoded. nats-server 2.12.6 and later refuse tokens over 1 MiB themselves; earlier servers
     * have no cap of their own, but bound a CONNECT line by {@code max_control_line} (4096 bytes by
     * default) and a pushed account JWT by {@code max_payload} (1 MiB by default). The default is
     * {@value Jwt#MAX_TOKEN_BYTES} bytes; an auth service that sees only user JWTs from CONNECT
     * lines may set the server's {@code max_control_line}. Whatever the bound, reading a token
     * takes time and memory linear in its size.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxTokenBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxTokenBytes is " + bytes + "; it must be at least 1");
      }
      this.maxTokenBytes = bytes;
      return this;
    }

    /**
     * Sets how many user JWTs and activation tokens to remember; 0 disables the cache. A token is
     * remembered only once its whole chain is trusted: the account is trusted by the operator and
     * the token's signer belongs to the account (for an activation, to the exporting account).
     * Tokens of untrusted issuers are never kept, so they cannot fill the cache or push trusted
     * ones out. A remembered token skips only its decoding and signature check; every other rule
     * (expiry, revocation, nonce, connection, account limits) runs on every call.
     *
     * <p>The cache retains at most {@code size} × {@value JwtDecoder#CACHE_BYTES_PER_ENTRY} bytes
     * (64 MiB at the default size; about 10 MB for 4,096 typical user JWTs): each entry is charged
     * 1,024 bytes plus 16 bytes per token character, and at least {@value
     * JwtDecoder#CACHE_BYTES_PER_ENTRY}, above the 14.5 bytes per character that the densest user
     * JWT retains, as measured with JOL. Tokens over 256 KiB are not kept. Entries are shared
     * fairly between accounts: when the cache is full, the oldest entry of the account holding the
     * most leaves, so an account holding no more than an equal share never loses entries to another
     * account's users, however many it mints.
     *
     * @param size 0 or more; {@value TrustVerifier#DEFAULT_VERIFIED_TOKEN_CACHE_SIZE} by default
     * @return this builder
     */
    public Builder verifiedTokenCacheSize(int size) {
      this.verifiedTokenCacheSize = size;
      return this;
    }

    /**
     * Checks the configuration as the server checks its own at start-up, and builds the verifier.
     *
     * @return an immutable, thread-safe verifier
     * @throws TrustConfigurationException when no operator is trusted, operator JWTs and bare keys
     *     are mixed, the system account contradicts the operator's, a pinned or system account is
     *     not an account key, or a limit or cache size is negative
     */
    public TrustVerifier build() {
      if (operators.isEmpty() && operatorKeys.isEmpty()) {
        throw new TrustConfigurationException(Messages.NO_OPERATOR);
      }
      if (!operators.isEmpty() && !operatorKeys.isEmpty()) {
        throw new TrustConfigurationException(Messages.OPERATOR_AND_KEYS);
      }
      if (!systemAccount.isEmpty()) {
        if (!NKeyType.ACCOUNT.isValidPublicKey(systemAccount)) {
          throw new TrustConfigurationException(
              String.format(
                  Locale.ROOT, Messages.SYSTEM_ACCOUNT_NOT_ACCOUNT, Redact.key(systemAccount)));
        }
        for (OperatorClaims op : operators) {
          if (!op.systemAccount().isEmpty() && !op.systemAccount().equals(systemAccount)) {
            throw new TrustConfigurationException(
                String.format(
                    Locale.ROOT,
                    Messages.SYSTEM_ACCOUNT_CONFLICT,
                    systemAccount,
                    op.subject(),
                    op.systemAccount()));
          }
        }
      }
      for (String k : pinnedAccounts) {
        if (!NKeyType.ACCOUNT.isValidPublicKey(k)) {
          throw new TrustConfigurationException(
              String.format(Locale.ROOT, Messages.PINNED_NOT_ACCOUNT, Redact.key(k)));
        }
      }
      if (maxSubscriptions < 0 || maxSubscriptions > Integer.MAX_VALUE) {
        throw new TrustConfigurationException(
            String.format(Locale.ROOT, Messages.BAD_LIMIT, "maxSubscriptions", maxSubscriptions));
      }
      if (maxPayload < 0 || maxPayload > Integer.MAX_VALUE) {
        throw new TrustConfigurationException(
            String.format(Locale.ROOT, Messages.BAD_LIMIT, "maxPayload", maxPayload));
      }
      if (accountCacheSize < 0) {
        throw new TrustConfigurationException(
            "accountCacheSize is " + accountCacheSize + "; use 0 to disable the cache");
      }
      if (verifiedTokenCacheSize < 0) {
        throw new TrustConfigurationException(
            "verifiedTokenCacheSize is " + verifiedTokenCacheSize + "; use 0 to disable the cache");
      }
      Map<String, String> trusted = new LinkedHashMap<>();
      Set<String> strict = new LinkedHashSet<>();
      for (OperatorClaims op : operators) {
        if (!op.strictSigningKeyUsage()) {
          trusted.putIfAbsent(op.subject(), op.subject());
        }
        for (String k : op.signingKeys()) {
          trusted.putIfAbsent(k, op.subject());
          if (op.strictSigningKeyUsage()) {
            strict.add(k);
          }
        }
      }
      for (String k : operatorKeys) {
        trusted.putIfAbsent(k, k);
      }
      if (trusted.isEmpty()) {
        throw new TrustConfigurationException(Messages.NO_TRUSTED_KEYS);
      }
      return new TrustVerifier(this, trusted, strict);
    }
  }
}
