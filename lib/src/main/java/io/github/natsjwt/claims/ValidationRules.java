package io.github.natsjwt.claims;

/**
 * Which version of the Go reference's validation rules {@link Claims#validate(java.time.Instant,
 * ValidationRules)} applies: the current nats-io/jwt (spec claims.md section 4) or jwt 2.3.0, the
 * library nats-server 2.9.x is built with (spec trust-chain.md sections 2, 3.4 and 9).
 *
 * <p>Immutable and thread-safe. The rule sets differ only where listed under {@link #JWT_2_3};
 * everything else, including the messages, is the same.
 *
 * <pre>{@code
 * // Would nats-server 2.9.10 accept this account JWT's content?
 * boolean ok = !account.validate(now, ValidationRules.JWT_2_3).isBlocking(true);
 * }</pre>
 */
public enum ValidationRules {
  /** The rules of the current Go library (jwt 2.8.2), as described in spec claims.md section 4. */
  CURRENT,

  /**
   * The rules of jwt 2.3.0 (nats-server 2.9.x). They differ from {@link #CURRENT} as follows:
   *
   * <ul>
   *   <li><b>Subject syntax</b>: a subject is only checked for being empty and for spaces; a
   *       leading or trailing {@code .} and {@code ..} pass (jwt 2.5.4 added those checks).
   *   <li><b>Service-import overlap</b>: the local subjects of service imports are compared across
   *       all imports, whatever their exporter, with the messages {@code overlapping subject
   *       namespace for "<a>" and "<b>"} and, for an exact duplicate, {@code overlapping subject
   *       namespace for "<to>"} (the deprecated {@code to} field, usually {@code ""}). The current
   *       library compares only imports from the same exporting account.
   *   <li><b>Mapping destinations</b>: a weighted-mapping destination with wildcards is an error
   *       ({@code Subject "<dest>" in weighted mapping "<from>" is not allowed to contains
   *       wildcard}); the current library allows them.
   *   <li><b>Mapping weights</b>: all weights of a source, with or without {@code cluster}, are
   *       summed in 8 bits, so the sum wraps at 256 (3 x 100 is 44 and passes); there is no
   *       per-destination check of a weight over 100 and no per-cluster sum.
   *   <li><b>Token size</b>: an activation token embedded in an import is decoded without the 1 MiB
   *       size cap (jwt 2.8.1 added it).
   *   <li><b>Fields added later are not validated</b>: the account's {@code authorization} (auth
   *       callout), {@code trace} and {@code cluster_traffic}, and {@code allow_trace} of imports
   *       and exports did not exist, so their values cannot make a claim invalid. (A scoped key's
   *       {@code description} and a user's {@code proxy_required} are never validated.)
   *   <li><b>Operator service URLs</b>: only the {@code nats} and {@code tls} schemes are accepted,
   *       with the message {@code ... - protocol not supported (only 'nats' or 'tls' only)}; the
   *       current library also accepts {@code ws} and {@code wss}. (The server does not validate
   *       operator JWTs, so this changes no connection outcome.)
   *   <li><b>Activation subject mismatch</b>: the message {@code activation token import subject
   *       "<a>" doesn't match import "<b>"} names the import's {@code subject}, also for a service
   *       import whose deprecated {@code to} was the subject checked.
   * </ul>
   *
   * <p>Authorization request and response claims did not exist in jwt 2.3.0; they are validated
   * with the current rules.
   */
  JWT_2_3,
  /**
   * The rules nats-server 2.10.x applies, as observed on 2.10.27 (Debian trixie's build, which
   * reports jwt 2.8.2): the {@link #CURRENT} rules, except that service imports are compared across
   * all imports whatever their exporter, with jwt 2.3.0's messages ({@code overlapping subject
   * namespace for "ov.a" and "ov.a"}, logged by 2.10.27 for two imports of {@code ov.a} from two
   * exporters, which 2.14.5 accepts), and that an embedded activation token is decoded without the
   * 1 MiB cap (2.10.27 also accepts a user JWT over 1 MiB).
   */
  SERVER_2_10;

  /** Whether subjects may not start or end with {@code .} nor contain {@code ..} (jwt 2.5.4+). */
  boolean checksSubjectDots() {
    return this != JWT_2_3;
  }

  /** Whether service imports are compared only with imports from the same exporting account. */
  boolean overlapPerExporter() {
    return this == CURRENT;
  }

  /** Whether mapping destinations may contain wildcards. */
  boolean allowsMappingDestinationWildcards() {
    return this != JWT_2_3;
  }

  /** Whether mapping weights are checked per destination and per cluster in 32 bits. */
  boolean checksMappingWeightsWide() {
    return this != JWT_2_3;
  }

  /** Whether an embedded activation token over 1 MiB is refused when decoded. */
  boolean capsTokenSize() {
    return this == CURRENT;
  }

  /** Whether the fields added after jwt 2.3.0 (authorization, trace, ...) are validated. */
  boolean validatesLaterFields() {
    return this != JWT_2_3;
  }

  /** Whether operator service URLs may use the {@code ws} and {@code wss} schemes. */
  boolean allowsWebSocketServiceUrls() {
    return this != JWT_2_3;
  }

  /** Whether the activation subject mismatch names the subject that was checked ({@code to}). */
  boolean namesCheckedImportSubject() {
    return this != JWT_2_3;
  }
}
