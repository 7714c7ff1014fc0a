package io.github.natsjwt.trust;

import io.github.natsjwt.claims.ValidationRules;

/**
 * One way in which nats-server versions decide differently: a {@link ServerProfile} is a server
 * version plus the set of these behaviours it shows (spec trust-chain.md section 9). Each constant
 * says what a server with the behaviour does, and which versions have it.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * if (ServerProfile.V2_10.has(ServerBehaviour.AUTH_CALLOUT)) { ... }
 * }</pre>
 */
public enum ServerBehaviour {
  /**
   * Templates may appear anywhere in a permission entry, with trimmed, case-insensitive function
   * names; otherwise only whole tokens are templates (spec trust-chain.md section 4.3). From
   * 2.11.0.
   */
  TEMPLATES_ANYWHERE,
  /**
   * A scoped key's template {@code allowed_connection_types} is honoured: connection types are
   * checked after the template is applied (spec trust-chain.md section 3.3 step 11). From 2.10.19
   * and 2.11.0; 2.9 checks the user JWT's own list before the account lookup (step 5).
   */
  TEMPLATE_CONNECTION_TYPES,
  /**
   * {@code IN_PROCESS} is a known connection type; without it an in-process client counts as a
   * {@code STANDARD} one (spec trust-chain.md section 3.3 step 11). From 2.11.0.
   */
  IN_PROCESS_CONNECTIONS,
  /**
   * Connect time windows that cross midnight are evaluated with the old bug: only the part before
   * midnight matches, and the first matching range wins (spec trust-chain.md section 3.5). Before
   * 2.11.17, 2.12.8 and 2.14.0.
   */
  MIDNIGHT_WINDOW_BUG,
  /**
   * For a queued subscription, a matching queued deny entry's verdict overrides a matching plain
   * deny entry, so a queue group can bypass a plain subscribe deny (spec trust-chain.md section 9).
   * Before 2.14.0 (fixed in late 2.11 and 2.12 releases too).
   */
  QUEUED_DENY_OVERRIDES_PLAIN_DENY,
  /**
   * Accounts can delegate authentication to an auth-callout service, and the users of such an
   * account that are not its {@code auth_users} are decided by the callout (spec trust-chain.md
   * sections 3.3 step 21 and 7). From 2.10.0.
   */
  AUTH_CALLOUT,
  /**
   * Tokens over 1 MiB are refused before parsing (spec trust-chain.md section 9: jwt 2.8.1). From
   * 2.12.6 and 2.14.0.
   */
  TOKEN_SIZE_CAP,
  /**
   * JWTs are validated with nats-io/jwt 2.3.0's rules: subjects checked only for emptiness and
   * spaces, service-import overlap checked across all exporters, wildcards banned in mapping
   * destinations, 8-bit weight sums, later fields not validated (see {@link
   * ValidationRules#JWT_2_3}; spec trust-chain.md section 9). The 2.9 series.
   */
  JWT_LIBRARY_2_3,
  /**
   * A scoped key's template may expand one permission list to at most {@value
   * ScopeTemplates#MAX_SUBJECTS} subjects; more reject the user (spec trust-chain.md section 4.3).
   * From 2.11.14, 2.12.5 and 2.14.0.
   */
  TEMPLATE_SUBJECT_LIMIT,
  /**
   * Template expansion crashes the server when an entry holds a tag template with values together
   * with an empty token, such as a tag without values; a verifier treats such users as rejected
   * (spec trust-chain.md section 4.4). Before 2.10.5.
   */
  TEMPLATE_EMPTY_TAG_CRASH,
  /**
   * The user JWT field {@code proxy_required} is known: a user that sets it must connect through a
   * trusted proxy, and a user signed by a scoped key must not set it; older servers ignore the
   * field (spec trust-chain.md section 3.3 step 3). From 2.12.0 (jwt 2.8.0).
   */
  PROXY_REQUIRED,
  /**
   * {@code subs}, {@code payload} and {@code conn} values outside the 32-bit range (in user,
   * template and account limits) are clamped to it; otherwise they keep their low 32 bits ({@code
   * 4294967297} becomes 1, {@code 4294967296} becomes 0) (spec trust-chain.md section 3.7).
   * Observed on 2.14.5; 2.9.10 and 2.10.27 truncate.
   */
  LIMITS_SATURATE,
  /**
   * A publish deny entry that contains a tab, line feed, carriage return or form feed is split into
   * fields at any white space, as a subscribe entry is, and denies its first field when it has one
   * or two ({@code "a\tb"} and {@code "a\t"} deny {@code a}; {@code "a\tb\tc"} denies nothing);
   * otherwise such an entry matches no subject a client can publish to (spec trust-chain.md section
   * 5.2). Observed on 2.14.5; 2.9.10 and 2.10.27 do not split.
   */
  PUBLISH_DENY_SPLITS_WHITESPACE,
  /**
   * Publish permissions are checked with the matcher observed on nats-server 2.10.27, which differs
   * from the standard match in two cases: when the subject's last token exists as a literal node
   * (an entry such as {@code c.c} has the subject {@code c} as a literal prefix), a last-token
   * {@code *} entry is not consulted (allow {@code ["c.c","*"]} denies {@code PUB c}; deny {@code
   * ["c.c","*"]} allows it); and the first {@code >} node met ends the whole search, so an empty
   * one, left behind by an invalid entry such as {@code >.a}, ends it without a match (deny {@code
   * ["a.>",">.a"]} allows {@code PUB a.b}; allow {@code ["*.>.a","*.b","b.>"]} denies {@code PUB
   * b.b.a}). Subscribe checks are not affected (spec trust-chain.md section 5.2). Observed on
   * 2.10.27; 2.9.10 and 2.14.5 match in the standard way.
   */
  PUBLISH_MATCH_QUIRK
}
