package io.github.natsjwt.nats;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Changes an account JWT on a live NATS system: looks it up (or takes it as given), applies {@link
 * AccountEdit}s, re-signs it with the operator's identity key or one of its signing keys, pushes it
 * through {@link AccountJwtClient}, and looks it up again to confirm that the servers now serve
 * exactly the new JWT (spec trust-chain.md section 1.4).
 *
 * <p><b>What the servers do with connections.</b> nats-server 2.9.10, 2.10.27 and 2.14.5 all act on
 * a new account JWT at once, by closing connections rather than changing them in place: when a
 * scoped signing key's scope changes, the connections of the users it signed are closed without an
 * error message, and a client that reconnects is authorized on the new template; a revoked user is
 * closed with {@code User Authentication Revoked}; the users of a removed signing key are closed.
 * Users of other keys keep their connections untouched.
 *
 * <p>Immutable and thread-safe; build one per signer and share it.
 *
 * <pre>{@code
 * AccountUpdater updater = AccountUpdater.builder(operatorSigningKey)
 *     .operator(operatorClaims)                // the keys the signer may be
 *     .build();
 * AccountJwtClient client = AccountJwtClient.of(systemConnection);
 * AccountUpdate done = updater.update(client, accountPublicKey,
 *     AccountEdit.revoke(userPublicKey, Instant.now()));
 * String offline = updater.edit(accountJwt, List.of(AccountEdit.removeSigningKey(oldKey)));
 * }</pre>
 *
 * <p><b>Which signer.</b> The signer must be an operator key. With {@link Builder#operator} it must
 * be the operator's identity key or one of the signing keys its JWT lists; without it, it must be
 * the key that signed the current account JWT, the only operator key known then. Anything else is a
 * {@link SignerNotOperatorException} and nothing is signed or sent.
 *
 * <p><b>Issue time.</b> The new JWT's {@code iat} is the clock's time, or the current JWT's when
 * that is later (a full resolver keeps the newer of two JWTs).
 *
 * <p><b>Logging.</b> Logger {@code io.github.natsjwt.nats.AccountUpdater}: each update confirmed on
 * the servers at INFO (account, old and new {@code jti}, the edits, how many servers accepted), an
 * offline edit at DEBUG, and each failed update at WARNING (at most one every 10 seconds per
 * updater, the rest at DEBUG). JWTs and keys other than public ones are never logged.
 */
public final class AccountUpdater {
  static final String NOT_OPERATOR_TYPE =
      "Account JWTs are signed by the operator's identity key or one of its signing keys, but the"
          + " signer is a %s key (%s); nothing was signed.";
  static final String NOT_OPERATORS =
      "The signer %s is not the operator's identity key nor one of its signing keys %s; nothing"
          + " was signed. Sign with one of those.";
  static final String NOT_ISSUER =
      "The signer %s did not sign account %s's current JWT (%s did), and without the operator's"
          + " JWT it cannot be checked that the signer belongs to the same operator; nothing was"
          + " signed. Give the operator's JWT (AccountUpdater.Builder.operator(...), or natsjwt's"
          + " --operator), or sign with %s.";
  static final String NO_EDITS = "Give at least one edit; nothing was signed.";
  static final String INVALID_RESULT =
      "After the edits, account %s's claims are not valid: %s; nothing was signed.";
  static final String NOT_FOUND =
      "No server has a JWT for account %s, so there is nothing to edit; push the account first, or"
          + " give its JWT to AccountUpdater.updateFrom(...).";
  static final String LOOKUP_MISSING =
      "The servers accepted the new JWT of account %s (jti %s), but a lookup right after found no"
          + " JWT for it: the servers do not store what they accept (a memory or URL resolver), or"
          + " the account was deleted meanwhile.";
  static final String LOOKUP_OTHER =
      "The servers accepted the new JWT of account %s (jti %s), but a lookup right after returned"
          + " another JWT (jti %s): a server kept an older or newer copy, or someone pushed"
          + " meanwhile. Look it up again before editing further.";

  private static final Logger LOG = System.getLogger(AccountUpdater.class.getName());

  private final LogThrottle failures = new LogThrottle();
  private final Signer signer;
  private final @Nullable OperatorClaims operator;
  private final Clock clock;

  private AccountUpdater(Builder b) {
    this.signer = b.signer;
    this.operator = b.operator;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param operatorSigner the operator's identity key or one of its signing keys
   * @return a new builder
   */
  public static Builder builder(Signer operatorSigner) {
    return new Builder(operatorSigner);
  }

  /**
   * Applies edits to an account JWT and re-signs it, without any server.
   *
   * @param accountJwt the current account JWT
   * @param edits the edits, applied in order
   * @return the new account JWT
   * @throws io.github.natsjwt.jwt.MalformedJwtException when the input is not a JWT
   * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
   * @throws io.github.natsjwt.jwt.ClaimTypeMismatchException when it is not an account JWT
   * @throws SignerNotOperatorException when the signer may not sign the account
   * @throws SigningKeyNotFoundException when an edit names a signing key the account lacks
   * @throws AccountEditException when no edit is given or the result is not valid
   */
  public String edit(String accountJwt, List<AccountEdit> edits) {
    Objects.requireNonNull(accountJwt, "accountJwt");
    Objects.requireNonNull(edits, "edits");
    DecodedJwt<AccountClaims> current = Jwt.decode(accountJwt, AccountClaims.class);
    AccountClaims claims = current.claims();
    String account = claims.subject();
    if (edits.isEmpty()) {
      throw new AccountEditException(account, NO_EDITS);
    }
    checkSigner(claims);
    for (AccountEdit e : edits) {
      AccountClaims.Builder b = claims.toBuilder();
      Objects.requireNonNull(e, "edit").applyTo(claims, b);
      claims = b.build();
    }
    Instant now = clock.instant();
    Instant issuedAt = claims.issuedAt().filter(previous -> previous.isAfter(now)).orElse(now);
    ValidationResult result = claims.validate(issuedAt);
    if (result.isBlocking(false)) {
      throw new AccountEditException(
          account,
          String.format(
              INVALID_RESULT,
              account,
              result.issues().stream()
                  .filter(ValidationIssue::blocking)
                  .map(ValidationIssue::description)
                  .collect(Collectors.joining("; "))));
    }
    String edited = Jwt.encode(claims, signer, Clock.fixed(issuedAt, clock.getZone()));
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Edited account "
              + account
              + " (jti "
              + current.claims().id()
              + ") with "
              + edits
              + " and signed it with "
              + signer.publicKey()
              + ": new "
              + AccountJwtClient.describeToken(edited)
              + ".");
    }
    return edited;
  }

  /**
   * Applies edits to an account JWT and re-signs it, as {@link #edit(String, List)}.
   *
   * @param accountJwt the current account JWT
   * @param edits the edits, applied in order
   * @return the new account JWT
   * @throws io.github.natsjwt.jwt.MalformedJwtException when the input is not a JWT
   * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
   * @throws io.github.natsjwt.jwt.ClaimTypeMismatchException when it is not an account JWT
   * @throws SignerNotOperatorException when the signer may not sign the account
   * @throws SigningKeyNotFoundException when an edit names a signing key the account lacks
   * @throws AccountEditException when no edit is given or the result is not valid
   */
  public String edit(String accountJwt, AccountEdit... edits) {
    return edit(accountJwt, Arrays.asList(edits));
  }

  /**
   * Looks up an account's JWT on the servers, edits it, re-signs it, pushes it, and confirms with a
   * lookup that the servers serve the new JWT.
   *
   * @param client a client on a system-account connection
   * @param accountPublicKey the account's {@code A...} key
   * @param edits the edits, applied in order
   * @return the JWTs before and after, and each server's acceptance
   * @throws AccountNotFoundException when no server has the account
   * @throws SignerNotOperatorException when the signer may not sign the account
   * @throws SigningKeyNotFoundException when an edit names a signing key the account lacks
   * @throws AccountJwtRejectedException when a server refused the new JWT
   * @throws LookupMismatchException when the lookup after the push does not return the new JWT
   * @throws AccountEditException when no edit is given or the result is not valid
   * @throws AccountJwtClientException when a request gets no reply or a reply cannot be read
   */
  public AccountUpdate update(
      AccountJwtClient client, String accountPublicKey, List<AccountEdit> edits) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    Optional<String> current = client.lookup(accountPublicKey);
    if (current.isEmpty()) {
      AccountNotFoundException e =
          new AccountNotFoundException(
              accountPublicKey, String.format(NOT_FOUND, accountPublicKey));
      failures.log(LOG, Level.WARNING, e, () -> "Update failed: " + e.getMessage());
      throw e;
    }
    return updateFrom(client, current.get(), edits);
  }

  /**
   * Edits a looked-up account, as {@link #update(AccountJwtClient, String, List)}.
   *
   * @param client a client on a system-account connection
   * @param accountPublicKey the account's {@code A...} key
   * @param edits the edits, applied in order
   * @return the JWTs before and after, and each server's acceptance
   * @throws AccountNotFoundException when no server has the account
   * @throws SignerNotOperatorException when the signer may not sign the account
   * @throws SigningKeyNotFoundException when an edit names a signing key the account lacks
   * @throws AccountJwtRejectedException when a server refused the new JWT
   * @throws LookupMismatchException when the lookup after the push does not return the new JWT
   * @throws AccountEditException when no edit is given or the result is not valid
   * @throws AccountJwtClientException when a request gets no reply or a reply cannot be read
   */
  public AccountUpdate update(
      AccountJwtClient client, String accountPublicKey, AccountEdit... edits) {
    return update(client, accountPublicKey, Arrays.asList(edits));
  }

  /**
   * Edits a given account JWT (from a file, say, rather than a lookup), re-signs it, pushes it and
   * confirms with a lookup that the servers serve the new JWT.
   *
   * @param client a client on a system-account connection
   * @param currentJwt the account JWT to edit
   * @param edits the edits, applied in order
   * @return the JWTs before and after, and each server's acceptance
   * @throws io.github.natsjwt.jwt.MalformedJwtException when the input is not a JWT
   * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
   * @throws io.github.natsjwt.jwt.ClaimTypeMismatchException when it is not an account JWT
   * @throws SignerNotOperatorException when the signer may not sign the account
   * @throws SigningKeyNotFoundException when an edit names a signing key the account lacks
   * @throws AccountJwtRejectedException when a server refused the new JWT
   * @throws LookupMismatchException when the lookup after the push does not return the new JWT
   * @throws AccountEditException when no edit is given or the result is not valid
   * @throws AccountJwtClientException when a request gets no reply or a reply cannot be read
   */
  public AccountUpdate updateFrom(
      AccountJwtClient client, String currentJwt, List<AccountEdit> edits) {
    Objects.requireNonNull(client, "client");
    try {
      String jwt = edit(currentJwt, edits);
      AccountClaims claims = Jwt.decode(jwt, AccountClaims.class).claims();
      String account = claims.subject();
      List<PushResult> pushed = client.push(jwt);
      confirm(client, account, jwt, claims.id());
      if (LOG.isLoggable(Level.INFO)) {
        LOG.log(
            Level.INFO,
            "Updated account "
                + account
                + " with "
                + edits
                + ": "
                + AccountJwtClient.describeToken(currentJwt)
                + " became jti "
                + claims.id()
                + "; "
                + pushed.size()
                + (pushed.size() == 1 ? " server" : " servers")
                + " accepted it, and a lookup returns it.");
      }
      return new AccountUpdate(account, currentJwt, jwt, pushed);
    } catch (NatsJwtException e) {
      failures.log(
          LOG,
          Level.WARNING,
          e,
          () -> "Update of " + describeAccount(currentJwt) + " failed: " + e.getMessage());
      throw e;
    }
  }

  /** Names the account of a JWT for a log record, never showing the JWT. */
  private static String describeAccount(String accountJwt) {
    try {
      AccountClaims claims = Jwt.decode(accountJwt, AccountClaims.class).claims();
      return "account " + claims.subject() + " (jti " + claims.id() + ")";
    } catch (NatsJwtException e) {
      return "an account JWT that does not decode (" + accountJwt.length() + " characters)";
    }
  }

  /**
   * Looks up the account and checks that the servers serve exactly the given JWT.
   *
   * @param client a client on a system-account connection
   * @param account the account's public key
   * @param jwt the JWT that was pushed
   * @param id its {@code jti}
   * @throws LookupMismatchException when the lookup returns none or another JWT
   */
  static void confirm(AccountJwtClient client, String account, String jwt, String id) {
    Optional<String> served = client.lookup(account);
    if (served.isEmpty()) {
      throw new LookupMismatchException(
          account, id, null, String.format(LOOKUP_MISSING, account, id));
    }
    if (!served.get().equals(jwt)) {
      String other;
      try {
        other = Jwt.decode(served.get()).claims().id();
      } catch (NatsJwtException e) {
        other = "none: it does not decode, " + e.getClass().getSimpleName();
      }
      throw new LookupMismatchException(
          account, id, other, String.format(LOOKUP_OTHER, account, id, other));
    }
  }

  private void checkSigner(AccountClaims current) {
    String account = current.subject();
    String key = signer.publicKey();
    if (signer.type() != NKeyType.OPERATOR) {
      List<String> allowed = allowed(current);
      throw new SignerNotOperatorException(
          account, key, allowed, String.format(NOT_OPERATOR_TYPE, signer.type(), key));
    }
    List<String> allowed = allowed(current);
    if (allowed.contains(key)) {
      return;
    }
    if (operator != null) {
      throw new SignerNotOperatorException(
          account, key, allowed, String.format(NOT_OPERATORS, key, allowed));
    }
    throw new SignerNotOperatorException(
        account,
        key,
        allowed,
        String.format(NOT_ISSUER, key, account, current.issuer(), current.issuer()));
  }

  private List<String> allowed(AccountClaims current) {
    OperatorClaims op = operator;
    if (op == null) {
      return List.of(current.issuer());
    }
    List<String> keys = new ArrayList<>();
    keys.add(op.subject());
    keys.addAll(op.signingKeys());
    return List.copyOf(keys);
  }

  /** Names the signer's public key and the operator; never a seed. */
  @Override
  public String toString() {
    OperatorClaims op = operator;
    return "AccountUpdater[signer="
        + signer.publicKey()
        + (op == null ? "" : ", operator=" + op.subject())
        + "]";
  }

  /**
   * Builds an {@link AccountUpdater}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable updater.
   */
  public static final class Builder {
    private final Signer signer;
    private @Nullable OperatorClaims operator;
    private Clock clock = Clock.systemUTC();

    private Builder(Signer signer) {
      this.signer = Objects.requireNonNull(signer, "operatorSigner");
    }

    /**
     * Sets the operator whose keys may sign: its identity key and the signing keys its JWT lists.
     * Decode (and trust) its JWT first.
     *
     * @param operator the operator's claims
     * @return this builder
     */
    public Builder operator(OperatorClaims operator) {
      this.operator = Objects.requireNonNull(operator, "operator");
      return this;
    }

    /**
     * Sets the clock that stamps {@code iat} on new JWTs.
     *
     * @param clock the clock; the system clock (UTC) by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the updater.
     *
     * @return the updater
     */
    public AccountUpdater build() {
      return new AccountUpdater(this);
    }
  }
}
