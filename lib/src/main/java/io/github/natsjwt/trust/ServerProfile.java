package io.github.natsjwt.trust;

import io.github.natsjwt.claims.ValidationRules;

/**
 * The nats-server version whose decisions a verifier reproduces, where versions differ (spec
 * trust-chain.md section 9).
 *
 * <p>Immutable and thread-safe. {@link #LATEST} is the default.
 */
public enum ServerProfile {
  /** nats-server 2.9.x (2.9.10, Debian bookworm), built with nats-io/jwt 2.3.0. */
  V2_9(false, false, false, true, true, false, false, true, false, true, false, false, false, false),
  /**
   * nats-server 2.10.x from 2.10.19 on, with the publish-matching quirk observed on 2.10.27 ({@link
   * #publishMatchQuirk()}).
   */
  V2_10(false, true, false, true, true, true, false, false, false, false, false, false, false, true),
  /** The current nats-server (2.14 and later). */
  LATEST(true, true, true, false, false, true, true, false, true, false, true, true, true, false);

  private final boolean templatesAnywhere;
  private final boolean templateConnectionTypes;
  private final boolean inProcessConnections;
  private final boolean midnightWindowBug;
  private final boolean queuedDenyOverridesPlainDeny;
  private final boolean authCallout;
  private final boolean tokenSizeCap;
  private final boolean jwtLibrary23;
  private final boolean templateSubjectLimit;
  private final boolean templateEmptyTagCrash;
  private final boolean proxyRequired;
  private final boolean limitsSaturate;
  private final boolean publishDenySplitsWhitespace;
  private final boolean publishMatchQuirk;

  ServerProfile(
      boolean templatesAnywhere,
      boolean templateConnectionTypes,
      boolean inProcessConnections,
      boolean midnightWindowBug,
      boolean queuedDenyOverridesPlainDeny,
      boolean authCallout,
      boolean tokenSizeCap,
      boolean jwtLibrary23,
      boolean templateSubjectLimit,
      boolean templateEmptyTagCrash,
      boolean proxyRequired,
      boolean limitsSaturate,
      boolean publishDenySplitsWhitespace,
      boolean publishMatchQuirk) {
    this.templatesAnywhere = templatesAnywhere;
    this.templateConnectionTypes = templateConnectionTypes;
    this.inProcessConnections = inProcessConnections;
    this.midnightWindowBug = midnightWindowBug;
    this.queuedDenyOverridesPlainDeny = queuedDenyOverridesPlainDeny;
    this.authCallout = authCallout;
    this.tokenSizeCap = tokenSizeCap;
    this.jwtLibrary23 = jwtLibrary23;
    this.templateSubjectLimit = templateSubjectLimit;
    this.templateEmptyTagCrash = templateEmptyTagCrash;
    this.proxyRequired = proxyRequired;
    this.limitsSaturate = limitsSaturate;
    this.publishDenySplitsWhitespace = publishDenySplitsWhitespace;
    this.publishMatchQuirk = publishMatchQuirk;
  }

  /**
   * Returns whether templates may appear anywhere in a permission entry, with trimmed,
   * case-insensitive function names (2.11.0 and later); otherwise only whole tokens are templates.
   *
   * @return {@code true} from 2.11.0
   */
  public boolean templatesAnywhere() {
    return templatesAnywhere;
  }

  /**
   * Returns whether a scoped key's template {@code allowed_connection_types} is honoured (2.10.19
   * and later); 2.9 checks the user JWT's own list before the template is applied.
   *
   * @return {@code true} from 2.10.19
   */
  public boolean templateConnectionTypes() {
    return templateConnectionTypes;
  }

  /**
   * Returns whether {@code IN_PROCESS} is a known connection type (2.11.0 and later).
   *
   * @return {@code true} from 2.11.0
   */
  public boolean inProcessConnections() {
    return inProcessConnections;
  }

  /**
   * Returns whether connect time windows that cross midnight are evaluated with the old bug (only
   * the part before midnight matches; the first matching range wins).
   *
   * @return {@code true} before 2.11.17
   */
  public boolean midnightWindowBug() {
    return midnightWindowBug;
  }

  /**
   * Returns whether, for a queued subscription, a matching queued deny entry's verdict overrides a
   * matching plain deny entry (fixed in 2.14.0).
   *
   * @return {@code true} before the fix
   */
  public boolean queuedDenyOverridesPlainDeny() {
    return queuedDenyOverridesPlainDeny;
  }

  /**
   * Returns whether accounts can delegate authentication to an auth-callout service (2.10.0 and
   * later).
   *
   * @return {@code true} from 2.10.0
   */
  public boolean authCallout() {
    return authCallout;
  }

  /**
   * Returns whether tokens over 1 MiB are refused before parsing (jwt 2.8.1, server 2.12.6 and
   * later).
   *
   * @return {@code true} for the latest server
   */
  public boolean tokenSizeCap() {
    return tokenSizeCap;
  }

  /**
   * Returns whether the server validates JWTs with nats-io/jwt 2.3.0 rules: subjects checked only
   * for emptiness and spaces, service-import overlap checked across all exporters, wildcards banned
   * in mapping destinations, 8-bit weight sums, later fields not validated (see {@link
   * ValidationRules#JWT_2_3}).
   *
   * @return {@code true} for 2.9
   */
  public boolean jwtLibrary23() {
    return jwtLibrary23;
  }

  /**
   * Returns the claims rules this server version validates account, user and activation JWTs with
   * (spec trust-chain.md sections 2 and 9).
   *
   * @return {@link ValidationRules#JWT_2_3} for 2.9, {@link ValidationRules#SERVER_2_10} for 2.10,
   *     {@link ValidationRules#CURRENT} otherwise
   */
  public ValidationRules validationRules() {
    if (jwtLibrary23) {
      return ValidationRules.JWT_2_3;
    }
    return this == V2_10 ? ValidationRules.SERVER_2_10 : ValidationRules.CURRENT;
  }

  /**
   * Returns whether a scoped key's template may expand one permission list to at most {@value
   * ScopeTemplates#MAX_SUBJECTS} subjects, more rejecting the user (2.11.14, 2.12.5, 2.14.0 and
   * later; spec trust-chain.md section 4.3).
   *
   * @return {@code true} for the latest server
   */
  public boolean templateSubjectLimit() {
    return templateSubjectLimit;
  }

  /**
   * Returns whether template expansion crashes the server when an entry holds a tag template with
   * values together with an empty token, such as a tag without values (fixed in 2.10.5; spec
   * trust-chain.md section 4.4). A verifier treats such users as rejected.
   *
   * @return {@code true} for 2.9
   */
  public boolean templateEmptyTagCrash() {
    return templateEmptyTagCrash;
  }

  /**
   * Returns whether the server knows the user JWT field {@code proxy_required} (nats-server 2.12.0,
   * jwt 2.8.0): a user that sets it must connect through a trusted proxy, and a user signed by a
   * scoped key must not set it. Older servers ignore the field.
   *
   * @return {@code true} for the latest server
   */
  public boolean proxyRequired() {
    return proxyRequired;
  }

  /**
   * Returns whether {@code subs}, {@code payload} and {@code conn} values outside the 32-bit range
   * (in user, template and account limits) are clamped to it; otherwise they keep their low 32 bits
   * ({@code 4294967297} becomes 1, {@code 4294967296} becomes 0). Observed: 2.14.5 clamps, 2.9.10
   * and 2.10.27 truncate (spec trust-chain.md section 3.7).
   *
   * @return {@code true} for the latest server
   */
  public boolean limitsSaturate() {
    return limitsSaturate;
  }

  /**
   * Returns whether a publish deny entry that contains a tab, line feed, carriage return or form
   * feed is split into fields at any white space, as a subscribe entry is, and denies its first
   * field when it has one or two ({@code "a\tb"} and {@code "a\t"} deny {@code a}; {@code
   * "a\tb\tc"} denies nothing); otherwise such an entry matches no subject a client can publish
   * to. Observed on 2.14.5; 2.9.10 and 2.10.27 do not split.
   *
   * @return {@code true} for the latest server
   */
  public boolean publishDenySplitsWhitespace() {
    return publishDenySplitsWhitespace;
  }

  /**
   * Returns whether publish permissions are checked with the matcher observed on nats-server
   * 2.10.27, which differs from the standard match in two cases: when the subject's last token
   * exists as a literal node (an entry such as {@code c.c} has the subject {@code c} as a literal
   * prefix), a last-token {@code *} entry is not consulted (allow {@code ["c.c","*"]} denies
   * {@code PUB c}; deny {@code ["c.c","*"]} allows it); and the first {@code >} node met ends the
   * whole search, so an empty one, left behind by an invalid entry such as {@code >.a}, ends it
   * without a match (deny {@code ["a.>",">.a"]} allows {@code PUB a.b}; allow {@code
   * ["*.>.a","*.b","b.>"]} denies {@code PUB b.b.a}). Subscribe checks are not affected.
   *
   * @return {@code true} for 2.10
   */
  public boolean publishMatchQuirk() {
    return publishMatchQuirk;
  }
}
