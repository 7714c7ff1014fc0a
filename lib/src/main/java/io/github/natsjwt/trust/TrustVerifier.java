package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.internal.Base64Url;
import io.github.natsjwt.internal.GoNet;
import io.github.natsjwt.internal.Redact;
import io.github.natsjwt.internal.UnixSeconds;
import io.github.natsjwt.internal.VerifiedTokenCache;
import io.github.natsjwt.internal.VerifyKeys;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.JwtDecoder;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
   * any token shape makes its decoded claims and token string retain per character (about 14, for
   * a user JWT full of one-letter connection types), measured with JOL.
   */
  static final int TOKEN_CACHE_BYTES_PER_CHAR = 16;

  private static final int NO_LIMIT = -1;

  private final List<OperatorClaims> operators;
  private final Map<String, String> trustedKeys; // key that may sign accounts -> operator identity
  private final Set<String> strictSigningKeys;
  private final @Nullable AccountResolver resolver;
  private final Clock clock;
  private final ServerProfile profile;
  private final Set<String> pinnedAccounts;
  private final String systemAccount;
  private final int maxSubscriptions;
  private final int maxPayload;
  private final ZoneId localZone;
  private final AccountCache cache;
  private final JwtDecoder decoder;
  // User JWTs and activation tokens whose chain is trusted, grouped by account; only the claims are
  // kept (a hit needs nothing else).
  private final VerifiedTokenCache<Claims> verifiedTokens;

  private TrustVerifier(Builder b, Map<String, String> trustedKeys, Set<String> strict) {
    this.operators = List.copyOf(b.operators);
    this.trustedKeys = Map.copyOf(trustedKeys);
    this.strictSigningKeys = Set.copyOf(strict);
    this.resolver = b.resolver;
    this.clock = b.clock;
    this.profile = b.profile;
    this.systemAccount = effectiveSystemAccount(b);
    Set<String> pinned = new LinkedHashSet<>(b.pinnedAccounts);
    if (!pinned.isEmpty() && !systemAccount.isEmpty()) {
      // The server always lets the system account's users in.
      pinned.add(systemAccount);
    }
    this.pinnedAccounts = Set.copyOf(pinned);
    this.maxSubscriptions = (int) b.maxSubscriptions;
    this.maxPayload = (int) (b.maxPayload == 0 ? DEFAULT_MAX_PAYLOAD : b.maxPayload);
    this.localZone = b.localZone;
    this.cache = new AccountCache(b.accountCacheSize);
    // Accounts have their own cache of fully checked accounts. User and activation tokens are
    // remembered here, not by the decoder, because only here is it known when they are trusted.
    this.decoder = decoder(profile, b.maxTokenBytes);
    this.verifiedTokens =
        new VerifiedTokenCache<>(
            b.verifiedTokenCacheSize,
            (long) b.verifiedTokenCacheSize * JwtDecoder.CACHE_BYTES_PER_ENTRY,
            TOKEN_CACHE_BYTES_PER_CHAR);
  }

  /**
   * Decodes as the profile's jwt library does: with the 1 MiB cap only where it has one, and
   * within the verifier's own bound in every profile.
   */
  private static JwtDecoder decoder(ServerProfile profile, int maxTokenBytes) {
    JwtDecoder.Builder d =
        JwtDecoder.builder().maxTokenBytes(maxTokenBytes).readAs(profile.validationRules());
    if (!profile.tokenSizeCap()) {
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
    return usable(checkAccount(accountJwt, null, now), now);
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
    return usable(lookupAccount(accountPublicKey, now, null), now);
  }

  private Verification<VerifiedAccount> usable(Verification<VerifiedAccount> v, Instant now) {
    if (!v.isAccepted()) {
      return v;
    }
    Rejection expired = expiredAtConnect(v.orElseThrow(), now);
    return expired == null ? v : Verification.rejected(expired);
  }

  /**
   * Section 2 step 5: an account whose {@code exp} is set and is now or earlier is marked expired.
   * The server tests {@code exp != 0}, not {@code exp > 0}, so a negative {@code exp} (which passes
   * validation) marks the account expired too.
   */
  private static @Nullable Rejection expiredAtConnect(VerifiedAccount account, Instant now) {
    long exp = account.claims().expiresAtSeconds();
    if (exp != 0 && exp <= now.getEpochSecond()) {
      return Rejection.of(
          Rule.ACCOUNT_EXPIRED,
          String.format(
              Locale.ROOT,
              Messages.ACCOUNT_EXPIRED,
              account.publicKey(),
              UnixSeconds.describe(exp),
              now));
    }
    return null;
  }

  /** Section 3.3 step 8: find the account through the resolver and load it. */
  private Verification<VerifiedAccount> lookupAccount(
      String accountKey, Instant now, @Nullable UserClaims forUser) {
    AccountResolver r = resolver;
    String hint = "";
    if (forUser != null && forUser.issuerAccount().isEmpty()) {
      hint = String.format(Locale.ROOT, Messages.NO_ISSUER_ACCOUNT_HINT, forUser.issuer());
    }
    if (r == null) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_NOT_FOUND,
              String.format(Locale.ROOT, Messages.NO_RESOLVER, Redact.key(accountKey)) + hint));
    }
    if (!NKeyType.ACCOUNT.isValidPublicKey(accountKey)) {
      // The server only fetches valid account keys.
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_NOT_FOUND,
              String.format(Locale.ROOT, Messages.NOT_AN_ACCOUNT_KEY, Redact.key(accountKey))
                  + hint));
    }
    Optional<String> token;
    try {
      token = Objects.requireNonNull(r.fetch(accountKey), "resolver returned null");
    } catch (AccountResolutionException e) {
      return Verification.rejected(
          Rejection.of(
              Rule.RESOLVER_FAILED,
              String.format(Locale.ROOT, Messages.RESOLVER_FAILED, accountKey, e.getMessage()),
              e));
    } catch (RuntimeException e) {
      return Verification.rejected(
          Rejection.of(
              Rule.RESOLVER_FAILED,
              String.format(
                  Locale.ROOT,
                  Messages.RESOLVER_FAILED,
                  accountKey,
                  "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()),
              e));
    }
    if (token.isEmpty()) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_NOT_FOUND,
              String.format(Locale.ROOT, Messages.ACCOUNT_NOT_FOUND, accountKey) + hint));
    }
    return checkAccount(token.get(), accountKey, now);
  }

  /**
   * Section 2 steps 1-4: decode, trusted issuer, validation (time-independent part cached), time
   * checks, subject. Expiry in the {@code exp <= now} sense is left to the caller (step 5).
   */
  private Verification<VerifiedAccount> checkAccount(
      String token, @Nullable String expectedKey, Instant now) {
    VerifiedAccount account = cache.get(token);
    if (account == null) {
      Verification<VerifiedAccount> loaded = loadAccount(token, expectedKey);
      if (!loaded.isAccepted()) {
        return loaded;
      }
      account = loaded.orElseThrow();
      cache.put(token, account);
    }
    Rejection timing =
        timeProblem(
            account.claims(), now, Rule.ACCOUNT_EXPIRED, Rule.ACCOUNT_NOT_YET_VALID, "account");
    if (timing != null) {
      return Verification.rejected(timing);
    }
    if (expectedKey != null && !account.publicKey().equals(expectedKey)) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_SUBJECT_MISMATCH,
              String.format(
                  Locale.ROOT,
                  Messages.ACCOUNT_SUBJECT_MISMATCH,
                  account.publicKey(),
                  Redact.key(expectedKey))));
    }
    return Verification.accepted(account);
  }

  /** Decode, trusted issuer, time-independent validation. */
  private Verification<VerifiedAccount> loadAccount(String token, @Nullable String expectedKey) {
    String label =
        expectedKey == null ? "the account JWT" : "the JWT for account " + Redact.key(expectedKey);
    DecodedJwt<AccountClaims> decoded;
    try {
      decoded = decoder.decode(token, AccountClaims.class);
    } catch (NatsJwtException e) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_JWT_MALFORMED,
              String.format(Locale.ROOT, Messages.ACCOUNT_JWT_MALFORMED, label, e.getMessage()),
              e));
    }
    AccountClaims claims = decoded.claims();
    String issuer = claims.issuer();
    String operator = trustedKeys.get(issuer);
    if (operator == null) {
      return Verification.rejected(
          Rejection.of(Rule.ACCOUNT_UNTRUSTED_ISSUER, untrustedIssuerMessage(claims)));
    }
    ValidationResult vr = claims.validate(Instant.EPOCH, profile.validationRules());
    List<ValidationIssue> errors = vr.errors();
    if (!errors.isEmpty()) {
      return Verification.rejected(
          Rejection.of(
              Rule.ACCOUNT_INVALID,
              String.format(
                  Locale.ROOT,
                  Messages.ACCOUNT_INVALID,
                  Redact.key(claims.subject()),
                  describe(errors),
                  limitsHint(claims, errors))));
    }
    boolean strict = strictSigningKeys.contains(issuer);
    boolean system = !systemAccount.isEmpty() && systemAccount.equals(claims.subject());
    return Verification.accepted(
        new VerifiedAccount(this, token, claims, operator, strict, system));
  }

  private String untrustedIssuerMessage(AccountClaims claims) {
    String issuer = claims.issuer();
    for (OperatorClaims op : operators) {
      if (op.subject().equals(issuer) && op.strictSigningKeyUsage()) {
        return String.format(
            Locale.ROOT, Messages.ACCOUNT_STRICT_IDENTITY, Redact.key(claims.subject()), issuer);
      }
    }
    if (issuer.equals(claims.subject())) {
      return String.format(Locale.ROOT, Messages.ACCOUNT_SELF_SIGNED, Redact.key(claims.subject()));
    }
    return String.format(
        Locale.ROOT,
        Messages.ACCOUNT_UNTRUSTED_ISSUER,
        Redact.key(claims.subject()),
        issuer,
        trustedKeys.keySet().stream().sorted().collect(Collectors.joining(", ")));
  }

  private static String limitsHint(AccountClaims claims, List<ValidationIssue> errors) {
    for (ValidationIssue i : errors) {
      if (i.description().contains("than allowed by the operator")
          || i.description().contains("wildcard exports")) {
        return String.format(
            Locale.ROOT,
            Messages.ACCOUNT_LIMITS_HINT,
            claims.limits().imports(),
            claims.limits().exports());
      }
    }
    return "";
  }

  /**
   * The standard time checks: expired iff {@code now > exp}, not yet valid iff {@code nbf > now}.
   */
  private static @Nullable Rejection timeProblem(
      Claims claims, Instant now, Rule expired, Rule notYet, String what) {
    long sec = now.getEpochSecond();
    long exp = claims.expiresAtSeconds();
    if (exp > 0 && sec > exp) {
      return Rejection.of(
          expired,
          String.format(
              Locale.ROOT,
              Messages.EXPIRED,
              what,
              Redact.key(claims.subject()),
              UnixSeconds.describe(exp),
              now,
              renewHint(what)));
    }
    long nbf = claims.notBeforeSeconds();
    if (nbf > 0 && nbf > sec) {
      return Rejection.of(
          notYet,
          String.format(
              Locale.ROOT,
              Messages.NOT_YET_VALID,
              what,
              Redact.key(claims.subject()),
              UnixSeconds.describe(nbf),
              now));
    }
    return null;
  }

  private static String renewHint(String what) {
    switch (what) {
      case "account":
        return "the operator must issue a new account JWT and push it to the resolver";
      case "activation":
        return "the exporting account must issue a new activation token";
      default:
        return "issue a new user JWT";
    }
  }

  /**
   * A verified account given back by the caller: checked again through the cache (so one verified
   * elsewhere, under other trust, is verified afresh here) and for its time-dependent state.
   */
  private Verification<VerifiedAccount> adopt(VerifiedAccount account, Instant now) {
    return checkAccount(account.token(), null, now);
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
    return verify(userJwt, context, this::lookupAccount);
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
    return verify(userJwt, context, (key, now, user) -> mustBe(adopt(account, now), key, user));
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
        (key, now, user) -> mustBe(checkAccount(accountJwt, null, now), key, user));
  }

  /** Where step 8 finds the user's account. */
  @FunctionalInterface
  private interface AccountSource {
    Verification<VerifiedAccount> find(String accountKey, Instant now, UserClaims user);
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

  private Verification<VerifiedUser> verify(
      String userJwt, ConnectionContext ctx, AccountSource source) {
    Instant now = ctx.time().orElseGet(clock::instant);

    // Step 1: a JWT is required.
    if (userJwt.isEmpty()) {
      return reject(Rule.USER_JWT_MISSING, Messages.USER_JWT_MISSING);
    }
    // Step 2: decode as a user JWT, unless it is remembered from an earlier call that trusted it.
    UserClaims user;
    Claims remembered = verifiedTokens.get(userJwt);
    try {
      user =
          remembered instanceof UserClaims
              ? (UserClaims) remembered
              : decoder.decode(userJwt, UserClaims.class).claims();
    } catch (ClaimTypeMismatchException e) {
      return reject(
          Rule.NOT_A_USER_JWT,
          String.format(Locale.ROOT, Messages.NOT_A_USER_JWT, e.found().jsonName()),
          e);
    } catch (IssuerNotAllowedException e) {
      return reject(
          Rule.USER_ISSUER_NOT_ACCOUNT_KEY,
          String.format(
              Locale.ROOT,
              Messages.USER_ISSUER_NOT_ACCOUNT_KEY,
              e.issuerType().name().toLowerCase(Locale.ROOT)),
          e);
    } catch (SignatureMismatchException e) {
      return reject(
          Rule.USER_JWT_SIGNATURE_INVALID,
          String.format(Locale.ROOT, Messages.USER_JWT_SIGNATURE_INVALID, e.getMessage()),
          e);
    } catch (NatsJwtException e) {
      return reject(
          Rule.USER_JWT_MALFORMED,
          String.format(Locale.ROOT, Messages.USER_JWT_MALFORMED, e.getMessage()),
          e);
    }
    String userKey = user.subject();
    // The subject is not checked to be a user key before the nonce step: shown only if it is one.
    String userLabel = Redact.key(userKey);

    // Step 3: proxy_required (2.12 and later).
    if (profile.proxyRequired()
        && user.permissionLimits().proxyRequired()
        && !ctx.viaTrustedProxy()) {
      return reject(
          Rule.PROXY_REQUIRED,
          String.format(Locale.ROOT, Messages.PROXY_REQUIRED, userLabel));
    }

    // Step 4: validation with time checks.
    Rejection timing = timeProblem(user, now, Rule.USER_EXPIRED, Rule.USER_NOT_YET_VALID, "user");
    if (timing != null) {
      return Verification.rejected(timing);
    }
    List<ValidationIssue> errors = user.validate(now, profile.validationRules()).errors();
    if (!errors.isEmpty()) {
      return reject(
          Rule.USER_INVALID,
          String.format(
              Locale.ROOT, Messages.USER_INVALID, userLabel, describe(errors)));
    }

    // Step 5 (2.9): connection types of the user JWT itself, before the account lookup.
    if (!profile.templateConnectionTypes()) {
      Rejection r = connectionTypeProblem(user.permissionLimits(), ctx.connectionType(), userLabel);
      if (r != null) {
        return Verification.rejected(r);
      }
    }

    // Step 6: the account.
    String accountKey = user.issuerAccount().isEmpty() ? user.issuer() : user.issuerAccount();

    // Step 7: pinned accounts.
    if (!pinnedAccounts.isEmpty() && !pinnedAccounts.contains(accountKey)) {
      return reject(
          Rule.ACCOUNT_NOT_PINNED,
          String.format(
              Locale.ROOT,
              Messages.ACCOUNT_NOT_PINNED,
              Redact.key(accountKey),
              pinnedAccounts.stream().sorted().collect(Collectors.joining(", "))));
    }

    // Step 8: look the account up (and verify it).
    Verification<VerifiedAccount> found = source.find(accountKey, now, user);
    if (!found.isAccepted()) {
      return Verification.rejected(found.rejection().orElseThrow());
    }
    VerifiedAccount account = found.orElseThrow();
    AccountClaims ac = account.claims();

    // Step 9 (the account's issuer is still trusted) holds: this verifier's trust never changes.

    // Step 10: the user's signer must be known to the account; a scoped key applies its template.
    String signer = user.issuer();
    if (!account.allowsUserSigner(signer)) {
      return reject(Rule.SIGNER_NOT_IN_ACCOUNT, signerMessage(user, account));
    }
    // The user JWT is now known to come from a trusted account: remember it. The checks that do
    // not depend on its issuer still run on every call, this one and those after it included.
    if (remembered == null) {
      verifiedTokens.put(userJwt, account.publicKey(), user);
    }
    UserScope scope = account.scopeOf(signer).orElse(null);
    UserPermissionLimits limits = user.permissionLimits();
    if (scope != null) {
      UserPermissionLimits own = limits;
      if (!profile.proxyRequired()) {
        // Servers before 2.12 do not know the field, so it cannot make the block non-empty.
        own = own.toBuilder().proxyRequired(false).build();
      }
      if (!own.isEmpty()) {
        return reject(
            Rule.SCOPED_USER_HAS_PERMISSIONS,
            String.format(
                Locale.ROOT,
                Messages.SCOPED_USER_HAS_PERMISSIONS,
                userLabel,
                signer,
                scope.role().isEmpty() ? "" : " (role \"" + scope.role() + "\")",
                setFields(own)));
      }
      TemplateExpansion expansion = ScopeTemplates.expand(scope.template(), user, ac, profile);
      if (expansion.isRejected()) {
        return reject(
            Rule.TEMPLATE_REJECTED,
            String.format(
                Locale.ROOT,
                Messages.TEMPLATE_REJECTED,
                signer,
                userLabel,
                expansion.rejectionReason().orElse("")));
      }
      limits = expansion.limits().orElseThrow();
    }

    // Step 11 (2.10.19 and later): connection types, after the template.
    UserPermissionLimits typesFrom =
        profile.templateConnectionTypes() ? limits : user.permissionLimits();
    if (profile.templateConnectionTypes()) {
      Rejection r = connectionTypeProblem(limits, ctx.connectionType(), userLabel);
      if (r != null) {
        return Verification.rejected(r);
      }
    }

    // Step 12: the account is expired from exp on (exp <= now).
    Rejection expired = expiredAtConnect(account, now);
    if (expired != null) {
      return Verification.rejected(expired);
    }

    // Step 13: bearer tokens.
    boolean bearer = limits.bearerToken();
    if (bearer && ac.limits().disallowBearer()) {
      return reject(
          Rule.BEARER_DISALLOWED,
          String.format(Locale.ROOT, Messages.BEARER_DISALLOWED, userLabel, account.publicKey()));
    }

    // Step 14: the nonce signature, unless the caller explicitly assumes it.
    boolean checkNonce = !bearer && !ctx.assumesNonceSigned();
    if (checkNonce) {
      Rejection r = nonceProblem(userKey, ctx);
      if (r != null) {
        return Verification.rejected(r);
      }
    }

    // Step 15: revocation.
    if (ac.revocations().isRevoked(userKey, user.issuedAtSeconds())) {
      return reject(Rule.REVOKED, revokedMessage(ac, user));
    }

    // Step 16: source networks.
    Rejection src = sourceProblem(limits.src(), ctx.clientHost(), userLabel);
    if (src != null) {
      return Verification.rejected(src);
    }

    // Step 17: connect time windows.
    ConnectTimes.Outcome window =
        ConnectTimes.evaluate(
            limits.times(), limits.timesLocation(), localZone, now, profile.midnightWindowBug());
    if (!window.allowed()) {
      return reject(Rule.OUTSIDE_TIME_WINDOW, windowMessage(limits, now, window));
    }

    // Step 18: register with the account: connection limit.
    boolean leaf =
        ctx.connectionType().equals(ConnectionType.LEAFNODE)
            || ctx.connectionType().equals(ConnectionType.LEAFNODE_WS);
    int connLimit = limit32(leaf ? ac.limits().leafNodeConn() : ac.limits().conn());
    if (connLimit != NO_LIMIT && ctx.accountConnections() >= connLimit) {
      String field = leaf ? "limits.leaf" : "limits.conn";
      return reject(
          Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
          connLimit <= 0
              ? String.format(
                  Locale.ROOT,
                  Messages.ACCOUNT_NO_CONNECTIONS,
                  account.publicKey(),
                  field,
                  connLimit)
              : String.format(
                  Locale.ROOT,
                  Messages.ACCOUNT_CONNECTIONS_EXCEEDED,
                  account.publicKey(),
                  connLimit,
                  field,
                  ctx.accountConnections()));
    }

    // Step 21 (2.10 and later): auth callout.
    if (profile.authCallout()
        && ac.hasExternalAuthorization()
        && !ac.authorization().authUsers().contains(userKey)) {
      return reject(
          Rule.AUTH_CALLOUT_REQUIRED,
          String.format(
              Locale.ROOT, Messages.AUTH_CALLOUT_REQUIRED, account.publicKey(), userLabel));
    }

    // Step 19: the disconnect timer. It fires at once for exp == now, for a negative exp (which
    // passes validation), and for an exp so far ahead that Go's Duration arithmetic wraps to zero
    // or less; the server accepts the connection and closes it at once.
    long exp = user.expiresAtSeconds();
    if (exp != 0 && UnixSeconds.goTimerNanos(exp, now.getEpochSecond()) <= 0) {
      return reject(
          Rule.USER_EXPIRED,
          exp == now.getEpochSecond()
              ? String.format(
                  Locale.ROOT, Messages.USER_EXPIRES_NOW, userLabel, UnixSeconds.describe(exp))
              : String.format(Locale.ROOT, Messages.USER_EXPIRY_TIMER_FIRES, userLabel, exp));
    }
    Instant disconnectAt = disconnectAt(exp, now, window.windowEnd().orElse(null));

    // Per-connection limits (section 3.7); a subscription limit of 0 closes the connection.
    boolean templateLimits =
        scope != null && !user.issuerAccount().isEmpty() && !user.issuerAccount().equals(signer);
    UserPermissionLimits limitSource = templateLimits ? limits : user.permissionLimits();
    int userSubs = limit32(limitSource.subs());
    int userPayload = limit32(limitSource.payload());
    int accountSubs = limit32(ac.limits().subs());
    int subs =
        minLimit(minLimit(userSubs, accountSubs), maxSubscriptions == 0 ? NO_LIMIT : maxSubscriptions);
    int payload = minLimit(minLimit(userPayload, limit32(ac.limits().payload())), maxPayload);
    if (subs != NO_LIMIT && subs <= 0) {
      return reject(
          Rule.MAX_SUBSCRIPTIONS_ZERO,
          String.format(
              Locale.ROOT,
              Messages.MAX_SUBSCRIPTIONS_ZERO,
              subs,
              templateLimits ? "template" : "user",
              userSubs,
              accountSubs,
              maxSubscriptions));
    }

    EffectivePermissions permissions =
        EffectivePermissions.of(limits.permissions(), ac.defaultPermissions(), profile);
    if (profile.authCallout() && ac.hasExternalAuthorization()) {
      // Users of an auth-callout account may not answer callout requests themselves.
      permissions = permissions.withPublishDeny("$SYS.REQ.USER.AUTH");
    }
    return Verification.accepted(
        new VerifiedUser(
            account,
            userJwt,
            user,
            scope,
            limits,
            permissions,
            knownTypes(typesFrom.allowedConnectionTypes()),
            subs,
            payload,
            disconnectAt,
            now,
            checkNonce));
  }

  private static <T> Verification<T> reject(Rule rule, String message) {
    return Verification.rejected(Rejection.of(rule, message));
  }

  private static <T> Verification<T> reject(Rule rule, String message, Throwable cause) {
    return Verification.rejected(Rejection.of(rule, message, cause));
  }

  /** The server's minimum of two limits where -1 is unlimited (other values compare as numbers). */
  /**
   * A 64-bit JWT limit ({@code subs}, {@code payload}, {@code conn}) as the server's 32-bit field
   * holds it: clamped to the 32-bit range, or its low 32 bits ({@link
   * ServerProfile#limitsSaturate()}).
   */
  private int limit32(long value) {
    if (profile.limitsSaturate()) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
    return (int) value;
  }

  private static int minLimit(int value, int limit) {
    if (value != NO_LIMIT) {
      return limit != NO_LIMIT && limit < value ? limit : value;
    }
    return limit;
  }

  /**
   * The disconnect timer: without {@code exp}, the window end; otherwise the shorter of the time to
   * {@code exp} (counted from the current whole second, in Go's wrapping nanoseconds; the caller
   * has rejected a timer that fires at once) and the time to the window end.
   */
  private static @Nullable Instant disconnectAt(
      long exp, Instant now, @Nullable Instant windowEnd) {
    Duration validFor = windowEnd == null ? Duration.ZERO : Duration.between(now, windowEnd);
    if (exp == 0) {
      return validFor.isZero() ? null : UnixSeconds.plusSaturating(now, validFor);
    }
    Duration expiresIn = Duration.ofNanos(UnixSeconds.goTimerNanos(exp, now.getEpochSecond()));
    if (!validFor.isZero() && validFor.compareTo(expiresIn) < 0) {
      return UnixSeconds.plusSaturating(now, validFor);
    }
    return UnixSeconds.plusSaturating(now, expiresIn);
  }

  private Set<ConnectionType> knownTypes(List<ConnectionType> listed) {
    Set<ConnectionType> out = new LinkedHashSet<>();
    for (ConnectionType t : listed) {
      ConnectionType upper = ConnectionType.of(t.value().toUpperCase(Locale.ROOT));
      if (isKnown(upper)) {
        out.add(upper);
      }
    }
    return out;
  }

  private boolean isKnown(ConnectionType t) {
    if (t.equals(ConnectionType.IN_PROCESS)) {
      return profile.inProcessConnections();
    }
    return t.isKnown();
  }

  /** Sections 3.3 steps 5/11: allowed connection types. */
  private @Nullable Rejection connectionTypeProblem(
      UserPermissionLimits limits, ConnectionType actual, String userKey) {
    List<ConnectionType> listed = limits.allowedConnectionTypes();
    if (listed.isEmpty()) {
      return null;
    }
    Set<ConnectionType> known = knownTypes(listed);
    String listedText =
        listed.stream().map(ConnectionType::value).collect(Collectors.joining(", ", "[", "]"));
    if (known.isEmpty()) {
      return Rejection.of(
          Rule.CONNECTION_TYPE_NOT_ALLOWED,
          String.format(
              Locale.ROOT,
              Messages.CONNECTION_TYPES_UNKNOWN,
              userKey,
              listedText,
              knownTypeNames()));
    }
    // Servers before 2.11 have no in-process type: such clients count as standard ones.
    ConnectionType effective =
        actual.equals(ConnectionType.IN_PROCESS) && !profile.inProcessConnections()
            ? ConnectionType.STANDARD
            : actual;
    if (!known.contains(effective)) {
      return Rejection.of(
          Rule.CONNECTION_TYPE_NOT_ALLOWED,
          String.format(
              Locale.ROOT,
              Messages.CONNECTION_TYPE_NOT_ALLOWED,
              userKey,
              known.stream().map(ConnectionType::value).collect(Collectors.joining(", ", "[", "]")),
              effective.value()));
    }
    return null;
  }

  private String knownTypeNames() {
    return ConnectionType.knownValues().stream()
        .filter(this::isKnown)
        .map(ConnectionType::value)
        .collect(Collectors.joining(", "));
  }

  private static String signerMessage(UserClaims user, VerifiedAccount account) {
    String signer = user.issuer();
    if (signer.equals(account.publicKey())) {
      return String.format(
          Locale.ROOT,
          Messages.SIGNER_IDENTITY_STRICT,
          user.subject(),
          account.publicKey(),
          account.issuer());
    }
    List<String> keys = account.claims().signingKeys().keys();
    return String.format(
        Locale.ROOT,
        Messages.SIGNER_NOT_IN_ACCOUNT,
        user.subject(),
        signer,
        account.publicKey(),
        keys.isEmpty() ? "it has none" : "they are " + String.join(", ", keys));
  }

  /** The names of the fields a scoped user sets, for the message. */
  private static String setFields(UserPermissionLimits l) {
    List<String> f = new ArrayList<>();
    if (!l.permissions().pub().isEmpty() || l.permissions().pub().allowPresent()) {
      f.add("pub");
    }
    if (!l.permissions().sub().isEmpty() || l.permissions().sub().allowPresent()) {
      f.add("sub");
    }
    if (l.permissions().resp().isPresent()) {
      f.add("resp");
    }
    if (!l.src().isEmpty()) {
      f.add("src");
    }
    if (!l.times().isEmpty()) {
      f.add("times");
    }
    if (!l.timesLocation().isEmpty()) {
      f.add("times_location");
    }
    if (l.subs() != 0) {
      f.add("subs=" + l.subs());
    }
    if (l.data() != 0) {
      f.add("data=" + l.data());
    }
    if (l.payload() != 0) {
      f.add("payload=" + l.payload());
    }
    if (l.bearerToken()) {
      f.add("bearer_token");
    }
    if (l.proxyRequired()) {
      f.add("proxy_required");
    }
    if (!l.allowedConnectionTypes().isEmpty()) {
      f.add("allowed_connection_types");
    }
    return f.isEmpty() ? "an empty list such as \"src\":[]" : String.join(", ", f);
  }

  /** Step 14: the {@code sig} must decode and verify the nonce with the user's key. */
  private static @Nullable Rejection nonceProblem(String userKey, ConnectionContext ctx) {
    String sig = ctx.signature().orElse("");
    if (sig.isEmpty()) {
      return Rejection.of(
          Rule.NONCE_SIGNATURE_MISSING,
          String.format(Locale.ROOT, Messages.NONCE_SIGNATURE_MISSING, Redact.key(userKey)));
    }
    byte[] signature = decodeSignature(sig);
    if (signature == null) {
      return Rejection.of(Rule.NONCE_SIGNATURE_INVALID, Messages.NONCE_SIGNATURE_NOT_BASE64);
    }
    NKey key;
    try {
      // Users reconnect: reuse the key and its decoded point.
      key = VerifyKeys.USERS.of(userKey);
    } catch (NatsJwtException e) {
      return Rejection.of(
          Rule.NONCE_SIGNATURE_INVALID,
          String.format(Locale.ROOT, Messages.USER_KEY_INVALID, Redact.key(userKey)),
          e);
    }
    boolean ok;
    try {
      ok = key.verify(ctx.nonce().getBytes(StandardCharsets.UTF_8), signature);
    } catch (NatsJwtException e) {
      // A curve key cannot verify signatures; the server then reports a failed verification.
      ok = false;
    }
    if (!ok) {
      return Rejection.of(
          Rule.NONCE_SIGNATURE_INVALID,
          String.format(Locale.ROOT, Messages.NONCE_SIGNATURE_INVALID, Redact.key(userKey)));
    }
    return null;
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

  private static String revokedMessage(AccountClaims ac, UserClaims user) {
    long iat = user.issuedAtSeconds();
    Long own = ac.revocations().entries().get(user.subject());
    String entry;
    long at;
    if (own != null && own >= iat) {
      entry = "entry for the user's key";
      at = own;
    } else {
      entry = "entry \"*\" (all users)";
      at = ac.revocations().entries().getOrDefault("*", 0L);
    }
    return String.format(
        Locale.ROOT,
        Messages.REVOKED,
        ac.subject(),
        user.subject(),
        entry,
        UnixSeconds.describe(at),
        UnixSeconds.describe(iat));
  }

  /** Step 16: the client's address must parse and lie in one of the networks. */
  private static @Nullable Rejection sourceProblem(List<String> src, String host, String userKey) {
    if (src.isEmpty()) {
      return null;
    }
    String nets = String.join(", ", src);
    byte[] ip = host.isEmpty() ? null : GoNet.parseIp(host);
    if (ip == null) {
      return Rejection.of(
          Rule.SOURCE_NOT_ALLOWED,
          String.format(Locale.ROOT, Messages.SOURCE_HOST_UNPARSABLE, host, userKey, nets));
    }
    for (String cidr : src) {
      GoNet.Cidr net = GoNet.parseCidr(cidr);
      if (net == null) {
        // The server stops at the first entry that does not parse.
        return Rejection.of(
            Rule.SOURCE_NOT_ALLOWED,
            String.format(
                Locale.ROOT, Messages.SOURCE_BAD_CIDR, Redact.text(cidr), userKey, host));
      }
      if (net.contains(ip)) {
        return null;
      }
    }
    return Rejection.of(
        Rule.SOURCE_NOT_ALLOWED,
        String.format(Locale.ROOT, Messages.SOURCE_NOT_ALLOWED, host, userKey, nets));
  }

  private String windowMessage(UserPermissionLimits limits, Instant now, ConnectTimes.Outcome o) {
    if (!o.problem().isEmpty()) {
      return String.format(Locale.ROOT, Messages.OUTSIDE_TIME_WINDOW_BROKEN, o.problem());
    }
    String zone =
        limits.timesLocation().isEmpty()
            ? localZone.getId() + " (the server's zone)"
            : limits.timesLocation();
    ZoneId z;
    try {
      z =
          limits.timesLocation().isEmpty() || limits.timesLocation().equals("Local")
              ? localZone
              : ZoneId.of(limits.timesLocation());
    } catch (RuntimeException e) {
      z = localZone;
    }
    String ranges =
        limits.times().stream()
            .map(t -> t.start() + "-" + t.end())
            .collect(Collectors.joining(", "));
    boolean crossing = false;
    for (TimeRange t : limits.times()) {
      if (t.startTime().isPresent()
          && t.endTime().isPresent()
          && t.startTime().get().isAfter(t.endTime().get())) {
        crossing = true;
      }
    }
    return String.format(
        Locale.ROOT,
        Messages.OUTSIDE_TIME_WINDOW,
        now.atZone(z).toLocalTime(),
        zone,
        ranges,
        crossing && profile.midnightWindowBug() ? Messages.MIDNIGHT_HINT : "");
  }

  private static String describe(List<ValidationIssue> issues) {
    return issues.stream().map(ValidationIssue::description).collect(Collectors.joining("; "));
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
    requireOwnImport(importer, importClaim);
    if (!importClaim.account().equals(exporter.publicKey())) {
      throw new IllegalArgumentException(
          "the import names exporting account "
              + importClaim.account()
              + ", but the exporter given is "
              + exporter.publicKey());
    }
    Instant now = clock.instant();
    Verification<VerifiedAccount> imp = usable(adopt(importer, now), now);
    if (!imp.isAccepted()) {
      return Verification.rejected(imp.rejection().orElseThrow());
    }
    Verification<VerifiedAccount> exp = usable(adopt(exporter, now), now);
    if (!exp.isAccepted()) {
      return Verification.rejected(exp.rejection().orElseThrow());
    }
    return authorizeImport(imp.orElseThrow(), importClaim, exp.orElseThrow(), now);
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
    requireOwnImport(importer, importClaim);
    Instant now = clock.instant();
    Verification<VerifiedAccount> imp = usable(adopt(importer, now), now);
    if (!imp.isAccepted()) {
      return Verification.rejected(imp.rejection().orElseThrow());
    }
    Verification<VerifiedAccount> exp =
        usable(lookupAccount(importClaim.account(), now, null), now);
    if (!exp.isAccepted()) {
      return Verification.rejected(exp.rejection().orElseThrow());
    }
    return authorizeImport(imp.orElseThrow(), importClaim, exp.orElseThrow(), now);
  }

  private static void requireOwnImport(VerifiedAccount importer, Import importClaim) {
    if (!importer.claims().imports().contains(importClaim)) {
      throw new IllegalArgumentException(
          "the "
              + importClaim.type().value()
              + " import of \""
              + importClaim.subject()
              + "\" is not one of account "
              + importer.publicKey()
              + "'s imports; pass an import from importer.claims().imports()");
    }
  }

  private Verification<VerifiedImport> authorizeImport(
      VerifiedAccount importer, Import imp, VerifiedAccount exporter, Instant now) {
    // The subject in the exporter's namespace: for services with a local subject it is the
    // import subject, otherwise the deprecated "to" if set.
    String subject = imp.subject();
    if (imp.isService() && imp.localSubject().isEmpty() && !imp.to().isEmpty()) {
      subject = imp.to();
    }
    Export export = findExport(exporter.claims(), imp, subject);
    if (export == null) {
      return reject(
          Rule.EXPORT_NOT_FOUND,
          String.format(
              Locale.ROOT,
              Messages.EXPORT_NOT_FOUND,
              exporter.publicKey(),
              imp.type().value(),
              subject));
    }
    long position = export.accountTokenPosition();
    if (!export.tokenRequired() && position == 0) {
      return Verification.accepted(new VerifiedImport(importer, exporter, imp, export, null));
    }
    if (position > 0) {
      List<String> tokens = SubjectMatcher.tokens(subject);
      if (position > tokens.size()
          || !tokens.get((int) position - 1).equals(importer.publicKey())) {
        return reject(
            Rule.ACCOUNT_TOKEN_POSITION_MISMATCH,
            String.format(
                Locale.ROOT,
                Messages.ACCOUNT_TOKEN_POSITION_MISMATCH,
                export.subject(),
                position,
                importer.publicKey(),
                subject));
      }
      return Verification.accepted(new VerifiedImport(importer, exporter, imp, export, null));
    }
    // Token required.
    if (imp.token().isEmpty()) {
      return reject(
          Rule.ACTIVATION_MISSING,
          String.format(
              Locale.ROOT,
              Messages.ACTIVATION_MISSING,
              export.subject(),
              exporter.publicKey(),
              importer.publicKey()));
    }
    ActivationClaims act;
    Claims remembered = verifiedTokens.get(imp.token());
    try {
      act =
          remembered instanceof ActivationClaims
              ? (ActivationClaims) remembered
              : decoder.decode(imp.token(), ActivationClaims.class).claims();
    } catch (NatsJwtException e) {
      return reject(
          Rule.ACTIVATION_INVALID,
          String.format(Locale.ROOT, Messages.ACTIVATION_MALFORMED, subject, e.getMessage()),
          e);
    }
    if (!act.issuerAccount().isEmpty()) {
      if (!act.issuerAccount().equals(exporter.publicKey())) {
        return reject(
            Rule.ACTIVATION_UNTRUSTED_ISSUER,
            String.format(
                Locale.ROOT,
                Messages.ACTIVATION_OTHER_ISSUER_ACCOUNT,
                act.issuerAccount(),
                exporter.publicKey()));
      }
      if (!exporter.allowsUserSigner(act.issuer())) {
        return reject(
            Rule.ACTIVATION_UNTRUSTED_ISSUER,
            String.format(
                Locale.ROOT,
                Messages.ACTIVATION_UNKNOWN_SIGNER,
                act.issuer(),
                exporter.publicKey()));
      }
    }
    // The activation comes from a trusted importer's account JWT, and its issuer is the exporter
    // or one of its signers: remember it.
    if (remembered == null) {
      verifiedTokens.put(imp.token(), exporter.publicKey(), act);
    }
    Rejection timing =
        timeProblem(act, now, Rule.ACTIVATION_EXPIRED, Rule.ACTIVATION_NOT_YET_VALID, "activation");
    if (timing != null) {
      return Verification.rejected(timing);
    }
    List<ValidationIssue> errors = act.validate(now, profile.validationRules()).errors();
    if (!errors.isEmpty()) {
      return reject(
          Rule.ACTIVATION_INVALID,
          String.format(Locale.ROOT, Messages.ACTIVATION_INVALID, subject, describe(errors)));
    }
    long exp = act.expiresAtSeconds();
    if (exp != 0 && exp <= now.getEpochSecond()) {
      return reject(
          Rule.ACTIVATION_EXPIRED,
          String.format(
              Locale.ROOT,
              Messages.EXPIRED,
              "activation",
              act.subject(),
              UnixSeconds.describe(exp),
              now,
              renewHint("activation")));
    }
    if (export.revocations().isRevoked(act.subject(), act.issuedAtSeconds())) {
      return reject(
          Rule.ACTIVATION_REVOKED,
          String.format(
              Locale.ROOT,
              Messages.ACTIVATION_REVOKED,
              exporter.publicKey(),
              export.subject(),
              importer.publicKey(),
              UnixSeconds.describe(act.issuedAtSeconds())));
    }
    return Verification.accepted(new VerifiedImport(importer, exporter, imp, export, act));
  }

  /** Section 6 step 1: exact subject first, otherwise an export whose subject contains it. */
  private static @Nullable Export findExport(AccountClaims exporter, Import imp, String subject) {
    for (Export e : exporter.exports()) {
      if (e.type() == imp.type() && e.subject().equals(subject)) {
        return e;
      }
    }
    for (Export e : exporter.exports()) {
      if (e.type() == imp.type() && SubjectMatcher.isSubsetMatch(subject, e.subject())) {
        return e;
      }
    }
    return null;
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
     * have no cap of their own, but bound a CONNECT line by {@code max_control_line} (4096 bytes
     * by default) and a pushed account JWT by {@code max_payload} (1 MiB by default). The default
     * is {@value Jwt#MAX_TOKEN_BYTES} bytes; an auth service that sees only user JWTs from CONNECT
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
     * 1,024 bytes plus 16 bytes per token character,
     * and at least {@value JwtDecoder#CACHE_BYTES_PER_ENTRY}, above the 14.5 bytes per character
     * that the densest user JWT retains, as measured with JOL. Tokens over 256 KiB are not kept.
     * Entries are shared fairly between accounts: when the cache is full, the oldest entry of the
     * account holding the most leaves, so an account holding no more than an equal share never
     * loses entries to another account's users, however many it mints.
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
            "verifiedTokenCacheSize is "
                + verifiedTokenCacheSize
                + "; use 0 to disable the cache");
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
