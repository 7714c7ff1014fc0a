package io.github.natsjwt.trust;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.internal.go.GoStrings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a connected user may publish and subscribe to, decided as nats-server decides it (spec
 * trust-chain.md section 5).
 *
 * <p>Immutable and thread-safe. Built from the user's permissions (for a user signed by a scoped
 * key: the expanded template, see {@link ScopeTemplates}) and the account's {@code
 * default_permissions}:
 *
 * <ul>
 *   <li>The account defaults apply only when the user has no permissions of its own: no publish or
 *       subscribe entry and no {@code resp}. They are never merged with partial user permissions,
 *       so a user with only subscribe rules publishes without restriction.
 *   <li>A publish allow list restricts when it is present, even empty ({@code "allow":[]} next to a
 *       deny entry allows nothing); a subscribe allow list restricts only when it has entries.
 *   <li>{@code resp} forces a publish allow list (empty when the user had none), so that such a
 *       user publishes only to the listed subjects and to reply subjects of requests it received;
 *       its {@code max} 0 becomes 1 and its {@code ttl} 0 becomes two minutes.
 * </ul>
 *
 * <p>Questions are asked for a single client operation: {@link #canPublish(String)} for a {@code
 * PUB} to a literal subject, {@link #canSubscribe(String, String)} for a {@code SUB} whose subject
 * may hold wildcards. A subject the server would not accept (section 3.4) is never allowed.
 *
 * <pre>{@code
 * EffectivePermissions perms = EffectivePermissions.of(
 *     user.permissions(), account.defaultPermissions(), ServerProfile.LATEST);
 * perms.canPublish("orders.new");          // PUB orders.new
 * perms.canSubscribe("orders.*", "workers"); // SUB orders.* workers
 * }</pre>
 */
public final class EffectivePermissions {
  /** The queue group the server reserves for its own services; clients may never join it. */
  static final String SYSTEM_QUEUE_GROUP = "_sys_";

  /** The reply limit that a {@code resp} with {@code max} 0 gets. */
  static final long DEFAULT_RESPONSE_MAX = 1;

  /** The reply window that a {@code resp} with {@code ttl} 0 gets. */
  static final Duration DEFAULT_RESPONSE_TTL = Duration.ofMinutes(2);

  /** Where the permissions in force come from. */
  public enum Source {
    /** The user's own permissions (or its scoped key's expanded template). */
    USER,
    /** The account's {@code default_permissions}, because the user has none of its own. */
    ACCOUNT_DEFAULTS,
    /** Neither the user nor the account restricts anything. */
    NONE
  }

  private final ServerProfile profile;
  private final Source source;
  private final @Nullable List<String> pubAllow;
  private final List<String> pubDeny;
  private final List<String> subAllow;
  private final List<String> subDeny;
  private final @Nullable ResponsePermission resp;
  private final List<SubEntry> subAllowEntries;
  private final List<SubEntry> subDenyEntries;
  private final List<String> pubDenyEntries;
  private final @Nullable QuirkPublishMatcher pubAllowQuirk;
  private final @Nullable QuirkPublishMatcher pubDenyQuirk;

  private EffectivePermissions(
      ServerProfile profile,
      Source source,
      @Nullable List<String> pubAllow,
      List<String> pubDeny,
      List<String> subAllow,
      List<String> subDeny,
      @Nullable ResponsePermission resp) {
    this.profile = profile;
    this.source = source;
    this.pubAllow = pubAllow == null ? null : List.copyOf(pubAllow);
    this.pubDeny = List.copyOf(pubDeny);
    this.subAllow = List.copyOf(subAllow);
    this.subDeny = List.copyOf(subDeny);
    this.resp = resp;
    this.subAllowEntries = parseSubEntries(this.subAllow);
    this.subDenyEntries = parseSubEntries(this.subDeny);
    this.pubDenyEntries =
        profile.has(ServerBehaviour.PUBLISH_DENY_SPLITS_WHITESPACE)
            ? splitPublishDeny(this.pubDeny)
            : this.pubDeny;
    boolean quirk = profile.has(ServerBehaviour.PUBLISH_MATCH_QUIRK);
    this.pubAllowQuirk =
        quirk && this.pubAllow != null ? new QuirkPublishMatcher(this.pubAllow) : null;
    this.pubDenyQuirk = quirk ? new QuirkPublishMatcher(this.pubDenyEntries) : null;
  }

  /**
   * Builds the permissions a connection gets (spec trust-chain.md section 5.1).
   *
   * @param user the user's permissions, or the expanded template's for a user signed by a scoped
   *     key
   * @param accountDefaults the account's {@code default_permissions}, used only when {@code user}
   *     has none; {@link Permissions#EMPTY} when the account has none
   * @param profile the server version whose rules apply
   * @return the effective permissions
   */
  public static EffectivePermissions of(
      Permissions user, Permissions accountDefaults, ServerProfile profile) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(accountDefaults, "accountDefaults");
    Objects.requireNonNull(profile, "profile");
    if (hasOwnPermissions(user)) {
      return build(user, Source.USER, profile);
    }
    if (hasOwnPermissions(accountDefaults)) {
      return build(accountDefaults, Source.ACCOUNT_DEFAULTS, profile);
    }
    return new EffectivePermissions(
        profile, Source.NONE, null, List.of(), List.of(), List.of(), null);
  }

  /**
   * Builds the permissions of a user of a configuration-mode server, from the same {@link
   * Permissions} value that {@code ConfigUser.Builder.permissions(Permissions)} (in the {@code
   * natsjwt-server-config} artifact) writes. The server reads a configuration's empty allow list as
   * no allow list (a JWT's {@code "allow":[]} restricts), so an empty publish allow list does not
   * restrict here; everything else, including {@code allow_responses}, is decided as for a JWT
   * user.
   *
   * @param user the permissions written for the user
   * @param profile the server version whose rules apply
   * @return the effective permissions
   */
  public static EffectivePermissions ofConfigUser(Permissions user, ServerProfile profile) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(profile, "profile");
    Permission pub = user.pub();
    if (pub.allow().isEmpty() && pub.allowPresent()) {
      pub = new Permission(List.of(), pub.deny(), false);
    }
    return of(user.withPub(pub), Permissions.EMPTY, profile);
  }

  /** Whether the server builds a permission set from these: any entry at all, or {@code resp}. */
  private static boolean hasOwnPermissions(Permissions p) {
    return !p.pub().isEmpty() || !p.sub().isEmpty() || p.resp().isPresent();
  }

  private static EffectivePermissions build(Permissions p, Source source, ServerProfile profile) {
    Permission pub = p.pub();
    List<String> pubAllow = null;
    if (!pub.isEmpty() && pub.allowPresent()) {
      pubAllow = pub.allow();
    }
    ResponsePermission resp = null;
    if (p.resp().isPresent()) {
      ResponsePermission given = p.resp().get();
      resp =
          new ResponsePermission(
              given.max() == 0 ? DEFAULT_RESPONSE_MAX : given.max(),
              given.ttl().isZero() ? DEFAULT_RESPONSE_TTL : given.ttl());
      if (pubAllow == null) {
        pubAllow = List.of();
      }
    }
    return new EffectivePermissions(
        profile, source, pubAllow, pub.deny(), p.sub().allow(), p.sub().deny(), resp);
  }

  /**
   * Returns a copy that also denies publishing to these subjects, as the server adds denies to a
   * connection (for example {@code $SYS.REQ.USER.AUTH} for users of an auth-callout account, spec
   * trust-chain.md section 5.1). Subjects already denied are not repeated.
   *
   * @param subjects the subjects or patterns to deny
   * @return the new permissions; {@link #source()} is unchanged
   */
  public EffectivePermissions withPublishDeny(String... subjects) {
    Set<String> deny = new LinkedHashSet<>(pubDeny);
    for (String s : subjects) {
      deny.add(Objects.requireNonNull(s, "subject"));
    }
    return new EffectivePermissions(
        profile, source, pubAllow, new ArrayList<>(deny), subAllow, subDeny, resp);
  }

  /**
   * Returns whether the user may publish to a subject (spec trust-chain.md section 5.2): allowed by
   * the allow list if there is one, and matched by no deny entry; deny wins.
   *
   * <p>Reply subjects of requests the client received are allowed in addition while {@link
   * #responsePermission()} lasts; this method cannot know them and answers for the subject as a
   * static permission.
   *
   * @param subject a literal subject, for example {@code orders.new}
   * @return {@code false} also when the subject is not a valid literal subject
   */
  public boolean canPublish(String subject) {
    Objects.requireNonNull(subject, "subject");
    if (!SubjectMatcher.isValidLiteralSubject(subject)) {
      return false;
    }
    if (pubAllow != null
        && !(pubAllowQuirk != null
            ? pubAllowQuirk.matches(subject)
            : matchesAny(pubAllow, subject))) {
      return false;
    }
    return !(pubDenyQuirk != null
        ? pubDenyQuirk.matches(subject)
        : matchesAny(pubDenyEntries, subject));
  }

  /**
   * Returns whether the user may subscribe to a subject without a queue group (spec trust-chain.md
   * section 5.3).
   *
   * @param subject the subscription subject; may contain the wildcards {@code *} and {@code >}
   * @return {@code false} also when the subject is not valid
   * @see #canSubscribe(String, String)
   */
  public boolean canSubscribe(String subject) {
    return canSubscribe(subject, "");
  }

  /**
   * Returns whether the user may subscribe to a subject in a queue group (spec trust-chain.md
   * section 5.3).
   *
   * <p>The subject is matched against the patterns as if it were literal: an allow {@code foo.*}
   * permits {@code SUB foo.>} (the pattern's {@code *} matches the token {@code >}) but an allow
   * {@code foo.bar} does not permit {@code SUB foo.*}. Allow entries that name a queue group only
   * admit subscriptions in a matching group (a wildcard group name matches as a pattern), and when
   * any does match the subject, only those groups are allowed. A plain deny entry blocks the
   * subject for everyone, a deny entry with a queue group only for that group; with {@link
   * ServerProfile#queuedDenyOverridesPlainDeny()} a matching queued deny that names another group
   * lifts a plain deny, as in nats-server before 2.14.0. The group {@code _sys_} is reserved for
   * the server and always refused.
   *
   * <p>A deny entry narrower than the subscription (deny {@code foo.bar}, {@code SUB foo.*}) does
   * not refuse the subscription; the server then filters the denied messages at delivery, which
   * this class does not model.
   *
   * @param subject the subscription subject; may contain the wildcards {@code *} and {@code >}
   * @param queue the queue group, or {@code ""} for none
   * @return {@code false} also when the subject or the queue group is not valid
   */
  public boolean canSubscribe(String subject, String queue) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(queue, "queue");
    if (!SubjectMatcher.isValidSubject(subject) || !isValidQueue(queue)) {
      return false;
    }
    boolean queued = !queue.isEmpty();
    if (queue.equals(SYSTEM_QUEUE_GROUP)) {
      return false;
    }
    boolean allowed = true;
    // A non-empty allow list restricts even when the server could store none of its entries.
    if (!subAllow.isEmpty()) {
      Match m = match(subAllowEntries, subject);
      allowed = m.plain;
      if (queued && !m.queues.isEmpty()) {
        allowed = queueMatches(queue, m.queues);
      }
    }
    if (allowed && !subDenyEntries.isEmpty()) {
      Match m = match(subDenyEntries, subject);
      allowed = !m.plain;
      if (queued
          && !m.queues.isEmpty()
          && (allowed || profile.has(ServerBehaviour.QUEUED_DENY_OVERRIDES_PLAIN_DENY))) {
        allowed = !queueMatches(queue, m.queues);
      }
    }
    return allowed;
  }

  /**
   * Returns the response permission in force, with the server's defaults applied: {@code max} 0
   * becomes 1 and {@code ttl} 0 becomes two minutes. A negative {@code max} means any number of
   * replies, a negative {@code ttl} no time limit.
   *
   * @return the permission, or empty when replies get no special treatment
   */
  public Optional<ResponsePermission> responsePermission() {
    return Optional.ofNullable(resp);
  }

  /**
   * Returns the publish allow list in force.
   *
   * @return the allowed subjects (possibly none, meaning nothing but replies), or empty when
   *     publishing is not limited to a list
   */
  public Optional<List<String>> publishAllow() {
    return Optional.ofNullable(pubAllow);
  }

  /**
   * Returns the publish deny list in force.
   *
   * @return an unmodifiable list, empty when nothing is denied
   */
  public List<String> publishDeny() {
    return pubDeny;
  }

  /**
   * Returns the subscribe allow list in force; entries may name a queue group ({@code "subject
   * queue"}).
   *
   * @return the allowed entries, or empty when subscribing is not limited to a list
   */
  public Optional<List<String>> subscribeAllow() {
    return subAllow.isEmpty() ? Optional.empty() : Optional.of(subAllow);
  }

  /**
   * Returns the subscribe deny list in force; entries may name a queue group.
   *
   * @return an unmodifiable list, empty when nothing is denied
   */
  public List<String> subscribeDeny() {
    return subDeny;
  }

  /**
   * Returns whether nothing is restricted: no allow or deny list and no response permission.
   *
   * @return {@code true} when every valid subject may be published and subscribed to
   */
  public boolean isUnrestricted() {
    return pubAllow == null && pubDeny.isEmpty() && subAllow.isEmpty() && subDeny.isEmpty();
  }

  /**
   * Returns where these permissions come from.
   *
   * @return the user, the account defaults, or none
   */
  public Source source() {
    return source;
  }

  /**
   * Returns the server version whose rules these permissions follow.
   *
   * @return the profile
   */
  public ServerProfile profile() {
    return profile;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof EffectivePermissions)) {
      return false;
    }
    EffectivePermissions e = (EffectivePermissions) o;
    return profile == e.profile
        && source == e.source
        && Objects.equals(pubAllow, e.pubAllow)
        && pubDeny.equals(e.pubDeny)
        && subAllow.equals(e.subAllow)
        && subDeny.equals(e.subDeny)
        && Objects.equals(resp, e.resp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(profile, source, pubAllow, pubDeny, subAllow, subDeny, resp);
  }

  /**
   * Describes the permissions for people.
   *
   * @return for example {@code EffectivePermissions[from USER: publish allow [req.>] deny [],
   *     subscribe allow any deny [], replies max 1 within PT2M]}
   */
  @Override
  public String toString() {
    if (isUnrestricted()) {
      return "EffectivePermissions[from " + source + ": unrestricted]";
    }
    StringBuilder sb = new StringBuilder("EffectivePermissions[from ").append(source).append(": ");
    sb.append("publish allow ").append(pubAllow == null ? "any" : pubAllow.toString());
    sb.append(" deny ").append(pubDeny);
    sb.append(", subscribe allow ").append(subAllow.isEmpty() ? "any" : subAllow.toString());
    sb.append(" deny ").append(subDeny);
    if (resp != null) {
      sb.append(", replies max ").append(resp.max()).append(" within ").append(resp.ttl());
    }
    return sb.append(']').toString();
  }

  // ------------------------------------------------------------------ matching

  /** A subscribe permission entry as the server stores it: subject and optional queue group. */
  private static final class SubEntry {
    final String subject;
    final String queue;

    SubEntry(String subject, String queue) {
      this.subject = subject;
      this.queue = queue;
    }
  }

  /** What a subject matched in a subscribe list: a plain entry, and which queue groups. */
  private static final class Match {
    final boolean plain;
    final List<String> queues;

    Match(boolean plain, List<String> queues) {
      this.plain = plain;
      this.queues = queues;
    }
  }

  /**
   * Splits entries on white space into subject and queue group as the server does; entries with
   * more than two fields, and subjects the server cannot store, match nothing and are left out.
   */
  private static List<SubEntry> parseSubEntries(List<String> entries) {
    List<SubEntry> out = new ArrayList<>(entries.size());
    for (String e : entries) {
      List<String> f = GoStrings.fields(e);
      if (f.isEmpty() || f.size() > 2 || !SubjectMatcher.isStorablePattern(f.get(0))) {
        continue;
      }
      out.add(new SubEntry(f.get(0), f.size() == 2 ? f.get(1) : ""));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Publish deny entries as {@link ServerProfile#publishDenySplitsWhitespace()} servers store them:
   * an entry with a space, tab, line feed, carriage return or form feed is split into fields at any
   * white space, like a subscribe entry, and denies its first field when it has one or two (more
   * deny nothing); other entries stay as given.
   */
  private static List<String> splitPublishDeny(List<String> entries) {
    List<String> out = new ArrayList<>(entries.size());
    for (String e : entries) {
      if (!containsControlSpace(e)) {
        out.add(e);
        continue;
      }
      List<String> f = GoStrings.fields(e);
      if (f.size() == 1 || f.size() == 2) {
        out.add(f.get(0));
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static boolean containsControlSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        return true;
      }
    }
    return false;
  }

  private static Match match(List<SubEntry> entries, String subject) {
    boolean plain = false;
    List<String> queues = new ArrayList<>();
    for (SubEntry e : entries) {
      if (SubjectMatcher.matches(e.subject, subject)) {
        if (e.queue.isEmpty()) {
          plain = true;
        } else if (!queues.contains(e.queue)) {
          queues.add(e.queue);
        }
      }
    }
    return new Match(plain, queues);
  }

  /** A queue group matches an entry's group when equal, or inside it when that is a pattern. */
  private static boolean queueMatches(String queue, List<String> entryQueues) {
    for (String q : entryQueues) {
      if (queue.equals(q)
          || SubjectMatcher.hasWildcard(q) && SubjectMatcher.isSubsetMatch(queue, q)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(List<String> patterns, String subject) {
    for (String p : patterns) {
      if (SubjectMatcher.matches(p, subject)) {
        return true;
      }
    }
    return false;
  }

  /** A queue group travels as one protocol argument: empty for none, otherwise no white space. */
  private static boolean isValidQueue(String queue) {
    return GoStrings.fields(queue).size() <= 1 && GoStrings.trimSpace(queue).equals(queue);
  }
}
