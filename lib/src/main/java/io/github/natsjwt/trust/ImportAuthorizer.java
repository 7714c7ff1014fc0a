package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.jwt.JwtDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an exporting account authorizes an import (spec trust-chain.md section 6), with
 * both accounts verified by the caller. Activation tokens whose issuer belongs to the exporter are
 * remembered in the verifier's token cache, so a returning one skips its decoding and signature
 * check; every time-dependent rule runs on every call.
 *
 * <p>Immutable and thread-safe. One per {@link TrustVerifier}.
 */
final class ImportAuthorizer {
  private final JwtDecoder decoder;
  private final VerifiedTokenCache<Claims> verifiedTokens;
  private final ServerProfile profile;

  ImportAuthorizer(
      JwtDecoder decoder, VerifiedTokenCache<Claims> verifiedTokens, ServerProfile profile) {
    this.decoder = decoder;
    this.verifiedTokens = verifiedTokens;
    this.profile = profile;
  }

  /** The import must be one of the importing account's own. */
  static void requireOwnImport(VerifiedAccount importer, Import importClaim) {
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

  /**
   * Section 6: the export that covers the import, its account-token position, and for exports that
   * require one, the activation token's issuer, time, validity and revocation by the exporter.
   */
  Verification<VerifiedImport> authorize(
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
      // position <= tokens.size() before the cast, so the narrowing loses nothing.
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
        ClaimChecks.timeProblem(
            act, now, Rule.ACTIVATION_EXPIRED, Rule.ACTIVATION_NOT_YET_VALID, "activation");
    if (timing != null) {
      return Verification.rejected(timing);
    }
    List<ValidationIssue> errors = act.validate(now, profile.validationRules()).errors();
    if (!errors.isEmpty()) {
      return reject(
          Rule.ACTIVATION_INVALID,
          String.format(
              Locale.ROOT, Messages.ACTIVATION_INVALID, subject, ClaimChecks.describe(errors)));
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
              ClaimChecks.renewHint("activation")));
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

  private static <T> Verification<T> reject(Rule rule, String message) {
    return Verification.rejected(Rejection.of(rule, message));
  }

  private static <T> Verification<T> reject(Rule rule, String message, Throwable cause) {
    return Verification.rejected(Rejection.of(rule, message, cause));
  }
}
