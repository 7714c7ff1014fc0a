package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.JwtDecoder;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds and verifies account JWTs as the server loads an account (spec trust-chain.md section 2,
 * and section 3.3 step 8 for the lookup at {@code CONNECT}): through the resolver, decoded, signed
 * by a trusted operator key, valid, about the account asked for. Accounts that pass the
 * time-independent checks are cached, keyed on the whole JWT; their time checks run on every use.
 *
 * <p>Immutable and thread-safe (the cache is thread-safe). One per {@link TrustVerifier}.
 */
final class AccountLoader {
  private final TrustVerifier verifier;
  private final List<OperatorClaims> operators;
  private final Map<String, String> trustedKeys; // key that may sign accounts -> operator identity
  private final Set<String> strictSigningKeys;
  private final @Nullable AccountResolver resolver;
  private final String systemAccount;
  private final ServerProfile profile;
  private final AccountCache cache;
  private final JwtDecoder decoder;

  AccountLoader(
      TrustVerifier verifier,
      List<OperatorClaims> operators,
      Map<String, String> trustedKeys,
      Set<String> strictSigningKeys,
      @Nullable AccountResolver resolver,
      String systemAccount,
      ServerProfile profile,
      int cacheSize,
      JwtDecoder decoder) {
    this.verifier = verifier;
    this.operators = operators;
    this.trustedKeys = trustedKeys;
    this.strictSigningKeys = strictSigningKeys;
    this.resolver = resolver;
    this.systemAccount = systemAccount;
    this.profile = profile;
    this.cache = new AccountCache(cacheSize);
    this.decoder = decoder;
  }

  /** An accepted account must also not be expired in the {@code exp <= now} sense (step 5). */
  static Verification<VerifiedAccount> usable(Verification<VerifiedAccount> v, Instant now) {
    if (!v.isAccepted()) {
      return v;
    }
    Rejection expired = expiredAtConnect(v.orElseThrow(), now);
    return expired == null ? v : Verification.rejected(expired);
  }

  /**
   * Section 2 step 5 (section 3.3 step 12 at {@code CONNECT}): an account whose {@code exp} is set
   * and is now or earlier is marked expired. The server tests {@code exp != 0}, not {@code exp >
   * 0}, so a negative {@code exp} (which passes validation) marks the account expired too.
   */
  static @Nullable Rejection expiredAtConnect(VerifiedAccount account, Instant now) {
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
  Verification<VerifiedAccount> lookup(
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
    return check(token.get(), accountKey, now);
  }

  /**
   * Section 2 steps 1-4: decode, trusted issuer, validation (time-independent part cached), time
   * checks, subject. Expiry in the {@code exp <= now} sense is left to the caller (step 5).
   */
  Verification<VerifiedAccount> check(String token, @Nullable String expectedKey, Instant now) {
    VerifiedAccount account = cache.get(token);
    if (account == null) {
      Verification<VerifiedAccount> loaded = load(token, expectedKey);
      if (!loaded.isAccepted()) {
        return loaded;
      }
      account = loaded.orElseThrow();
      cache.put(token, account);
    }
    Rejection timing =
        ClaimChecks.timeProblem(
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

  /**
   * A verified account given back by the caller: checked again through the cache (so one verified
   * elsewhere, under other trust, is verified afresh here) and for its time-dependent state.
   */
  Verification<VerifiedAccount> adopt(VerifiedAccount account, Instant now) {
    return check(account.token(), null, now);
  }

  /** Decode, trusted issuer, time-independent validation. */
  private Verification<VerifiedAccount> load(String token, @Nullable String expectedKey) {
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
                  ClaimChecks.describe(errors),
                  limitsHint(claims, errors))));
    }
    boolean strict = strictSigningKeys.contains(issuer);
    boolean system = !systemAccount.isEmpty() && systemAccount.equals(claims.subject());
    return Verification.accepted(
        new VerifiedAccount(verifier, token, claims, operator, strict, system));
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
}
