package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.internal.cache.VerifiedTokenCache;
import io.github.natsjwt.internal.go.GoNet;
import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.internal.keys.VerifyKeys;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.JwtDecoder;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.NKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code CONNECT} decision for a user JWT (spec trust-chain.md section 3.3) as an ordered list
 * of named stages, {@link Stage}: read it top to bottom for the server's order. Each stage cites
 * its step of section 3.3, declares the {@link Rule}s it can reject with, and either returns the
 * rejection or passes on; the first rejection is the verdict. A stage that only some server
 * versions run says so in {@link Stage#appliesTo}; the verifier keeps the list of its profile.
 *
 * <p>Step 9 (the account's issuer is still a trusted operator key) has no stage: a verifier's trust
 * never changes, and the account was checked against it at step 8. The server's steps 19 (the
 * disconnect timer) and 21 (auth callout) run in the opposite order here: the callout decides
 * inside {@code CONNECT}, before the server accepts the connection, while the timer only fires once
 * the connection is accepted; so a user the callout must decide is reported as {@link
 * Rule#AUTH_CALLOUT_REQUIRED}, not as a user disconnected at once.
 *
 * <p>Immutable and thread-safe; one per {@link TrustVerifier}. Each call allocates one {@link Call}
 * for what the stages find; the stages themselves are enum constants.
 */
final class ConnectPipeline {

  /** The stages, in the order the server runs them. */
  enum Stage {
    /** Section 3.3 step 1: {@code CONNECT} carries a user JWT. */
    USER_JWT_PRESENT("3.3 step 1", Rule.USER_JWT_MISSING) {
      @Override
      @Nullable Rejection check(Call c) {
        return c.userJwt.isEmpty()
            ? Rejection.of(Rule.USER_JWT_MISSING, Messages.USER_JWT_MISSING)
            : null;
      }
    },

    /**
     * Section 3.3 step 2 (section 0): the token decodes as a user JWT signed by its {@code iss}, an
     * account key; unless it is remembered from an earlier call whose chain was trusted.
     */
    USER_JWT_DECODES(
        "3.3 step 2",
        Rule.USER_JWT_MALFORMED,
        Rule.USER_JWT_SIGNATURE_INVALID,
        Rule.NOT_A_USER_JWT,
        Rule.USER_ISSUER_NOT_ACCOUNT_KEY) {
      @Override
      @Nullable Rejection check(Call c) {
        Claims remembered = c.p.verifiedTokens.get(c.userJwt);
        c.remembered = remembered;
        try {
          c.user =
              remembered instanceof UserClaims
                  ? (UserClaims) remembered
                  : c.p.decoder.decode(c.userJwt, UserClaims.class).claims();
        } catch (ClaimTypeMismatchException e) {
          return Rejection.of(
              Rule.NOT_A_USER_JWT,
              String.format(Locale.ROOT, Messages.NOT_A_USER_JWT, e.found().jsonName()),
              e);
        } catch (IssuerNotAllowedException e) {
          return Rejection.of(
              Rule.USER_ISSUER_NOT_ACCOUNT_KEY,
              String.format(
                  Locale.ROOT,
                  Messages.USER_ISSUER_NOT_ACCOUNT_KEY,
                  e.issuerType().name().toLowerCase(Locale.ROOT)),
              e);
        } catch (SignatureMismatchException e) {
          return Rejection.of(
              Rule.USER_JWT_SIGNATURE_INVALID,
              String.format(Locale.ROOT, Messages.USER_JWT_SIGNATURE_INVALID, e.getMessage()),
              e);
        } catch (NatsJwtException e) {
          return Rejection.of(
              Rule.USER_JWT_MALFORMED,
              String.format(Locale.ROOT, Messages.USER_JWT_MALFORMED, e.getMessage()),
              e);
        }
        c.userKey = c.user.subject();
        // The subject is not checked to be a user key before the nonce step: shown only if it is.
        c.userLabel = Redact.key(c.userKey);
        return null;
      }
    },

    /** Section 3.3 step 3: a user that requires a trusted proxy came through one. */
    PROXY(ServerBehaviour.PROXY_REQUIRED, true, "3.3 step 3", Rule.PROXY_REQUIRED) {
      @Override
      @Nullable Rejection check(Call c) {
        if (c.user.permissionLimits().proxyRequired() && !c.ctx.viaTrustedProxy()) {
          return Rejection.of(
              Rule.PROXY_REQUIRED,
              String.format(Locale.ROOT, Messages.PROXY_REQUIRED, c.userLabel));
        }
        return null;
      }
    },

    /** Section 3.3 step 4: user claim validation, time checks included. */
    USER_VALID("3.3 step 4", Rule.USER_EXPIRED, Rule.USER_NOT_YET_VALID, Rule.USER_INVALID) {
      @Override
      @Nullable Rejection check(Call c) {
        Rejection timing =
            ClaimChecks.timeProblem(
                c.user, c.now, Rule.USER_EXPIRED, Rule.USER_NOT_YET_VALID, "user");
        if (timing != null) {
          return timing;
        }
        List<ValidationIssue> errors =
            c.user.validate(c.now, c.p.profile.validationRules()).errors();
        if (!errors.isEmpty()) {
          return Rejection.of(
              Rule.USER_INVALID,
              String.format(
                  Locale.ROOT, Messages.USER_INVALID, c.userLabel, ClaimChecks.describe(errors)));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 5, on servers that check connection types before the account lookup (2.9):
     * the user JWT's own {@code allowed_connection_types}.
     */
    CONNECTION_TYPE_BEFORE_LOOKUP(
        ServerBehaviour.TEMPLATE_CONNECTION_TYPES,
        false,
        "3.3 step 5",
        Rule.CONNECTION_TYPE_NOT_ALLOWED) {
      @Override
      @Nullable Rejection check(Call c) {
        return c.p.connectionTypeProblem(
            c.user.permissionLimits(), c.ctx.connectionType(), c.userLabel);
      }
    },

    /**
     * Section 3.3 steps 6 and 7: the account is {@code issuer_account}, else {@code iss}; with
     * pinned accounts configured, it must be one of them.
     */
    ACCOUNT_PINNED("3.3 steps 6-7", Rule.ACCOUNT_NOT_PINNED) {
      @Override
      @Nullable Rejection check(Call c) {
        c.accountKey = c.user.issuerAccount().isEmpty() ? c.user.issuer() : c.user.issuerAccount();
        Set<String> pinned = c.p.pinnedAccounts;
        if (!pinned.isEmpty() && !pinned.contains(c.accountKey)) {
          return Rejection.of(
              Rule.ACCOUNT_NOT_PINNED,
              String.format(
                  Locale.ROOT,
                  Messages.ACCOUNT_NOT_PINNED,
                  Redact.key(c.accountKey),
                  pinned.stream().sorted().collect(Collectors.joining(", "))));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 8 (section 2): the account is found (resolver, or the caller's) and
     * verified.
     */
    ACCOUNT_FOUND(
        "3.3 step 8",
        Rule.ACCOUNT_NOT_FOUND,
        Rule.RESOLVER_FAILED,
        Rule.ACCOUNT_JWT_MALFORMED,
        Rule.ACCOUNT_UNTRUSTED_ISSUER,
        Rule.ACCOUNT_EXPIRED,
        Rule.ACCOUNT_NOT_YET_VALID,
        Rule.ACCOUNT_INVALID,
        Rule.ACCOUNT_SUBJECT_MISMATCH) {
      @Override
      @Nullable Rejection check(Call c) {
        Verification<VerifiedAccount> found = c.source.find(c.accountKey, c.now, c.user);
        if (!found.isAccepted()) {
          return found.rejection().orElseThrow();
        }
        c.account = found.orElseThrow();
        return null;
      }
    },

    /**
     * Section 3.3 step 10: the user's {@code iss} is the account's identity key (when it may sign
     * users) or one of its signing keys. From here on the token's chain is trusted, so it is
     * remembered; every later check still runs on every call.
     */
    USER_SIGNER_IN_ACCOUNT("3.3 step 10", Rule.SIGNER_NOT_IN_ACCOUNT) {
      @Override
      @Nullable Rejection check(Call c) {
        String signer = c.user.issuer();
        if (!c.account.allowsUserSigner(signer)) {
          return Rejection.of(Rule.SIGNER_NOT_IN_ACCOUNT, signerMessage(c.user, c.account));
        }
        if (c.remembered == null) {
          c.p.verifiedTokens.put(c.userJwt, c.account.publicKey(), c.user);
        }
        c.scope = c.account.scopeOf(signer).orElse(null);
        c.limits = c.user.permissionLimits();
        return null;
      }
    },

    /**
     * Section 3.3 step 10 with section 4: a user signed by a scoped key sets no permissions or
     * limits of its own, and the key's template expands for it and replaces them.
     */
    SCOPED_TEMPLATE("3.3 step 10, 4", Rule.SCOPED_USER_HAS_PERMISSIONS, Rule.TEMPLATE_REJECTED) {
      @Override
      @Nullable Rejection check(Call c) {
        UserScope scope = c.scope;
        if (scope == null) {
          return null;
        }
        String signer = c.user.issuer();
        UserPermissionLimits own = c.limits;
        if (!c.p.profile.has(ServerBehaviour.PROXY_REQUIRED)) {
          // Servers before 2.12 do not know the field, so it cannot make the block non-empty.
          own = own.toBuilder().proxyRequired(false).build();
        }
        if (!own.isEmpty()) {
          return Rejection.of(
              Rule.SCOPED_USER_HAS_PERMISSIONS,
              String.format(
                  Locale.ROOT,
                  Messages.SCOPED_USER_HAS_PERMISSIONS,
                  c.userLabel,
                  signer,
                  scope.role().isEmpty() ? "" : " (role \"" + scope.role() + "\")",
                  setFields(own)));
        }
        TemplateExpansion expansion =
            ScopeTemplates.expand(scope.template(), c.user, c.account.claims(), c.p.profile);
        if (expansion.isRejected()) {
          return Rejection.of(
              Rule.TEMPLATE_REJECTED,
              String.format(
                  Locale.ROOT,
                  Messages.TEMPLATE_REJECTED,
                  signer,
                  c.userLabel,
                  expansion.rejectionReason().orElse("")));
        }
        c.limits = expansion.limits().orElseThrow();
        return null;
      }
    },

    /**
     * Section 3.3 step 11, on servers that honour a template's connection types (2.10.19 and
     * later): the {@code allowed_connection_types} after the template.
     */
    CONNECTION_TYPE(
        ServerBehaviour.TEMPLATE_CONNECTION_TYPES,
        true,
        "3.3 step 11",
        Rule.CONNECTION_TYPE_NOT_ALLOWED) {
      @Override
      @Nullable Rejection check(Call c) {
        return c.p.connectionTypeProblem(c.limits, c.ctx.connectionType(), c.userLabel);
      }
    },

    /** Section 3.3 step 12 (section 2 step 5): the account is expired from {@code exp <= now}. */
    ACCOUNT_NOT_EXPIRED("3.3 step 12", Rule.ACCOUNT_EXPIRED) {
      @Override
      @Nullable Rejection check(Call c) {
        return AccountLoader.expiredAtConnect(c.account, c.now);
      }
    },

    /** Section 3.3 step 13 (section 3.2): a bearer user needs an account that allows bearers. */
    BEARER_ALLOWED("3.3 step 13", Rule.BEARER_DISALLOWED) {
      @Override
      @Nullable Rejection check(Call c) {
        c.bearer = c.limits.bearerToken();
        if (c.bearer && c.account.claims().limits().disallowBearer()) {
          return Rejection.of(
              Rule.BEARER_DISALLOWED,
              String.format(
                  Locale.ROOT, Messages.BEARER_DISALLOWED, c.userLabel, c.account.publicKey()));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 14 (section 3.1): unless the user is a bearer, or the caller explicitly
     * assumes it, {@code sig} verifies the nonce with the user's key.
     */
    NONCE_SIGNED("3.3 step 14", Rule.NONCE_SIGNATURE_MISSING, Rule.NONCE_SIGNATURE_INVALID) {
      @Override
      @Nullable Rejection check(Call c) {
        c.checkNonce = !c.bearer && !c.ctx.assumesNonceSigned();
        return c.checkNonce ? nonceProblem(c.userKey, c.ctx) : null;
      }
    },

    /** Section 3.3 step 15 (section 3.6): the account has not revoked the user. */
    NOT_REVOKED("3.3 step 15", Rule.REVOKED) {
      @Override
      @Nullable Rejection check(Call c) {
        AccountClaims ac = c.account.claims();
        if (ac.revocations().isRevoked(c.userKey, c.user.issuedAtSeconds())) {
          return Rejection.of(Rule.REVOKED, revokedMessage(ac, c.user));
        }
        return null;
      }
    },

    /** Section 3.3 step 16: the client's address lies in one of the user's {@code src}. */
    SOURCE_ALLOWED("3.3 step 16", Rule.SOURCE_NOT_ALLOWED) {
      @Override
      @Nullable Rejection check(Call c) {
        return sourceProblem(c.limits.src(), c.ctx.clientHost(), c.userLabel);
      }
    },

    /** Section 3.3 step 17 (section 3.5): now lies in one of the user's connect time windows. */
    IN_TIME_WINDOW("3.3 step 17", Rule.OUTSIDE_TIME_WINDOW) {
      @Override
      @Nullable Rejection check(Call c) {
        UserPermissionLimits limits = c.limits;
        c.window =
            ConnectTimes.evaluate(
                limits.times(),
                limits.timesLocation(),
                c.p.localZone,
                c.now,
                c.p.profile.has(ServerBehaviour.MIDNIGHT_WINDOW_BUG));
        if (!c.window.allowed()) {
          return Rejection.of(Rule.OUTSIDE_TIME_WINDOW, c.p.windowMessage(limits, c.now, c.window));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 18 (section 3.7): registering with the account stays within its {@code
     * limits.conn}, or {@code limits.leaf} for a leaf node.
     */
    ACCOUNT_CONNECTIONS("3.3 step 18", Rule.ACCOUNT_CONNECTIONS_EXCEEDED) {
      @Override
      @Nullable Rejection check(Call c) {
        ConnectionType type = c.ctx.connectionType();
        boolean leaf =
            type.equals(ConnectionType.LEAFNODE) || type.equals(ConnectionType.LEAFNODE_WS);
        AccountClaims ac = c.account.claims();
        long connLimit = c.p.limit32(leaf ? ac.limits().leafNodeConn() : ac.limits().conn());
        long connections = c.ctx.accountConnections();
        if (connLimit != NO_LIMIT && connections >= connLimit) {
          String field = leaf ? "limits.leaf" : "limits.conn";
          return Rejection.of(
              Rule.ACCOUNT_CONNECTIONS_EXCEEDED,
              connLimit <= 0
                  ? String.format(
                      Locale.ROOT,
                      Messages.ACCOUNT_NO_CONNECTIONS,
                      c.account.publicKey(),
                      field,
                      connLimit)
                  : String.format(
                      Locale.ROOT,
                      Messages.ACCOUNT_CONNECTIONS_EXCEEDED,
                      c.account.publicKey(),
                      connLimit,
                      field,
                      connections));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 21 (section 7), on servers with auth callout (2.10 and later): a user of an
     * account with external authorization is decided by the callout unless it is one of the
     * account's {@code auth_users}. Before step 19: see the class description.
     */
    NOT_FOR_CALLOUT(ServerBehaviour.AUTH_CALLOUT, true, "3.3 step 21", Rule.AUTH_CALLOUT_REQUIRED) {
      @Override
      @Nullable Rejection check(Call c) {
        AccountClaims ac = c.account.claims();
        if (ac.hasExternalAuthorization() && !ac.authorization().authUsers().contains(c.userKey)) {
          return Rejection.of(
              Rule.AUTH_CALLOUT_REQUIRED,
              String.format(
                  Locale.ROOT, Messages.AUTH_CALLOUT_REQUIRED, c.account.publicKey(), c.userLabel));
        }
        return null;
      }
    },

    /**
     * Section 3.3 step 19: the disconnect timer does not fire at once. It does for {@code exp ==
     * now}, for a negative {@code exp} (which passes validation), and for an {@code exp} so far
     * ahead that Go's Duration arithmetic wraps to zero or less; the server accepts the connection
     * and closes it at once.
     */
    DISCONNECT_TIMER("3.3 step 19", Rule.USER_EXPIRED) {
      @Override
      @Nullable Rejection check(Call c) {
        long exp = c.user.expiresAtSeconds();
        long now = c.now.getEpochSecond();
        if (exp != 0 && UnixSeconds.goTimerNanos(exp, now) <= 0) {
          return Rejection.of(
              Rule.USER_EXPIRED,
              exp == now
                  ? String.format(
                      Locale.ROOT,
                      Messages.USER_EXPIRES_NOW,
                      c.userLabel,
                      UnixSeconds.describe(exp))
                  : String.format(Locale.ROOT, Messages.USER_EXPIRY_TIMER_FIRES, c.userLabel, exp));
        }
        c.disconnectAt = disconnectAt(exp, c.now, c.window.windowEnd().orElse(null));
        return null;
      }
    },

    /**
     * Section 3.3 step 18 (section 3.7): the per-connection {@code max_subs} and {@code
     * max_payload}, the minimum of user (or template), account and server; a subscription limit of
     * 0 closes the connection about 20 ms after {@code CONNECT}, after the steps above.
     */
    CONNECTION_LIMITS("3.3 step 18, 3.7", Rule.MAX_SUBSCRIPTIONS_ZERO) {
      @Override
      @Nullable Rejection check(Call c) {
        ConnectPipeline p = c.p;
        AccountClaims ac = c.account.claims();
        String signer = c.user.issuer();
        boolean templateLimits =
            c.scope != null
                && !c.user.issuerAccount().isEmpty()
                && !c.user.issuerAccount().equals(signer);
        UserPermissionLimits limitSource = templateLimits ? c.limits : c.user.permissionLimits();
        long userSubs = p.limit32(limitSource.subs());
        long userPayload = p.limit32(limitSource.payload());
        long accountSubs = p.limit32(ac.limits().subs());
        c.subs =
            minLimit(
                minLimit(userSubs, accountSubs),
                p.maxSubscriptions == 0 ? NO_LIMIT : p.maxSubscriptions);
        c.payload = minLimit(minLimit(userPayload, p.limit32(ac.limits().payload())), p.maxPayload);
        if (c.subs != NO_LIMIT && c.subs <= 0) {
          return Rejection.of(
              Rule.MAX_SUBSCRIPTIONS_ZERO,
              String.format(
                  Locale.ROOT,
                  Messages.MAX_SUBSCRIPTIONS_ZERO,
                  c.subs,
                  templateLimits ? "template" : "user",
                  userSubs,
                  accountSubs,
                  p.maxSubscriptions));
        }
        return null;
      }
    };

    private final String section;
    private final Set<Rule> rules;
    private final @Nullable ServerBehaviour behaviour;
    private final boolean runsWithBehaviour;

    Stage(String section, Rule... rules) {
      this(null, true, section, rules);
    }

    /**
     * A stage that runs only on servers with ({@code runsWithBehaviour}) or without the behaviour.
     */
    Stage(
        @Nullable ServerBehaviour behaviour,
        boolean runsWithBehaviour,
        String section,
        Rule... rules) {
      this.section = section;
      EnumSet<Rule> set = EnumSet.noneOf(Rule.class);
      Collections.addAll(set, rules);
      this.rules = Collections.unmodifiableSet(set);
      this.behaviour = behaviour;
      this.runsWithBehaviour = runsWithBehaviour;
    }

    /** Where the spec describes the check: a section of trust-chain.md, and its step. */
    String section() {
      return section;
    }

    /** The rules this stage rejects with; any other would be a mistake. */
    Set<Rule> rules() {
      return rules;
    }

    /** Whether a server of the profile runs this check. */
    boolean appliesTo(ServerProfile profile) {
      return behaviour == null || profile.has(behaviour) == runsWithBehaviour;
    }

    /**
     * Runs the check on what the stages before found.
     *
     * @return the rejection, or {@code null} to pass on to the next stage
     */
    abstract @Nullable Rejection check(Call c);
  }

  /**
   * One {@code CONNECT} being decided: its inputs, and what the stages found so far. Each field
   * below the inputs is set by the stage named beside it, before a later stage reads it.
   */
  static final class Call {
    final ConnectPipeline p;
    final String userJwt;
    final ConnectionContext ctx;
    final AccountSource source;
    final Instant now;

    @Nullable Claims remembered; // USER_JWT_DECODES
    UserClaims user; // USER_JWT_DECODES
    String userKey; // USER_JWT_DECODES
    String userLabel; // USER_JWT_DECODES
    String accountKey; // ACCOUNT_PINNED
    VerifiedAccount account; // ACCOUNT_FOUND
    @Nullable UserScope scope; // USER_SIGNER_IN_ACCOUNT
    UserPermissionLimits limits; // USER_SIGNER_IN_ACCOUNT, replaced by SCOPED_TEMPLATE
    boolean bearer; // BEARER_ALLOWED
    boolean checkNonce; // NONCE_SIGNED
    ConnectTimes.Outcome window; // IN_TIME_WINDOW
    @Nullable Instant disconnectAt; // DISCONNECT_TIMER
    long subs; // CONNECTION_LIMITS
    long payload; // CONNECTION_LIMITS

    Call(
        ConnectPipeline p,
        String userJwt,
        ConnectionContext ctx,
        AccountSource source,
        Instant now) {
      this.p = p;
      this.userJwt = userJwt;
      this.ctx = ctx;
      this.source = source;
      this.now = now;
    }
  }

  /** Where step 8 finds the user's account: the resolver, or an account the caller gave. */
  @FunctionalInterface
  interface AccountSource {
    Verification<VerifiedAccount> find(String accountKey, Instant now, UserClaims user);
  }

  /** A limit of -1: unlimited. */
  static final long NO_LIMIT = -1;

  private final ServerProfile profile;
  private final JwtDecoder decoder;
  // User JWTs whose chain is trusted, shared with the import authorizer's activation tokens.
  private final VerifiedTokenCache<Claims> verifiedTokens;
  private final Set<String> pinnedAccounts;
  private final ZoneId localZone;
  private final long maxSubscriptions;
  private final long maxPayload;
  private final Stage[] stages;

  ConnectPipeline(
      ServerProfile profile,
      JwtDecoder decoder,
      VerifiedTokenCache<Claims> verifiedTokens,
      Set<String> pinnedAccounts,
      ZoneId localZone,
      long maxSubscriptions,
      long maxPayload) {
    this.profile = profile;
    this.decoder = decoder;
    this.verifiedTokens = verifiedTokens;
    this.pinnedAccounts = pinnedAccounts;
    this.localZone = localZone;
    this.maxSubscriptions = maxSubscriptions;
    this.maxPayload = maxPayload;
    this.stages = stagesOf(profile).toArray(new Stage[0]);
  }

  /** The stages a server of the profile runs, in order. */
  static List<Stage> stagesOf(ServerProfile profile) {
    List<Stage> out = new ArrayList<>();
    for (Stage s : Stage.values()) {
      if (s.appliesTo(profile)) {
        out.add(s);
      }
    }
    return List.copyOf(out);
  }

  /** Decides one {@code CONNECT}: the first stage that rejects gives the verdict. */
  Verification<VerifiedUser> run(
      String userJwt, ConnectionContext ctx, AccountSource source, Instant now) {
    Call c = new Call(this, userJwt, ctx, source, now);
    for (Stage stage : stages) {
      Rejection r = stage.check(c);
      if (r != null) {
        assert stage.rules.contains(r.rule()) : stage + " rejected with " + r.rule();
        return Verification.rejected(r);
      }
    }
    return Verification.accepted(accept(c));
  }

  /** Every stage passed: the user with its effective permissions and limits. */
  private VerifiedUser accept(Call c) {
    AccountClaims ac = c.account.claims();
    EffectivePermissions permissions =
        EffectivePermissions.of(c.limits.permissions(), ac.defaultPermissions(), profile);
    boolean callout = profile.has(ServerBehaviour.AUTH_CALLOUT) && ac.hasExternalAuthorization();
    if (callout) {
      // Users of an auth-callout account may not answer callout requests themselves.
      permissions = permissions.withPublishDeny("$SYS.REQ.USER.AUTH");
    }
    UserPermissionLimits typesFrom =
        profile.has(ServerBehaviour.TEMPLATE_CONNECTION_TYPES)
            ? c.limits
            : c.user.permissionLimits();
    return new VerifiedUser(
        c.account,
        c.userJwt,
        c.user,
        c.scope,
        c.limits,
        permissions,
        knownTypes(typesFrom.allowedConnectionTypes()),
        c.subs,
        c.payload,
        c.disconnectAt,
        c.now,
        c.checkNonce);
  }

  // ================================================================== limits (section 3.7)

  /**
   * A 64-bit JWT limit ({@code subs}, {@code payload}, {@code conn}) as the server's 32-bit field
   * holds it: clamped to the 32-bit range ({@link ServerBehaviour#LIMITS_SATURATE}), or else its
   * low 32 bits, which is what Go's {@code int32(v)} conversion keeps.
   */
  long limit32(long value) {
    if (profile.has(ServerBehaviour.LIMITS_SATURATE)) {
      return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
    // Deliberately narrowing: the older servers' conversion drops the high 32 bits.
    return (int) value;
  }

  /** The server's minimum of two limits where -1 is unlimited (other values compare as numbers). */
  static long minLimit(long value, long limit) {
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

  // ================================================================== connection types

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
      return profile.has(ServerBehaviour.IN_PROCESS_CONNECTIONS);
    }
    return t.isKnown();
  }

  /** Section 3.3 steps 5 and 11: allowed connection types. */
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
        actual.equals(ConnectionType.IN_PROCESS)
                && !profile.has(ServerBehaviour.IN_PROCESS_CONNECTIONS)
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

  // ================================================================== messages and checks

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
    byte[] signature = TrustVerifier.decodeSignature(sig);
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
            String.format(Locale.ROOT, Messages.SOURCE_BAD_CIDR, Redact.text(cidr), userKey, host));
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
        crossing && profile.has(ServerBehaviour.MIDNIGHT_WINDOW_BUG) ? Messages.MIDNIGHT_HINT : "");
  }
}
