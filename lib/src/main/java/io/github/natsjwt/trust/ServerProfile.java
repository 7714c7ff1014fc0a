package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ServerBehaviour.AUTH_CALLOUT;
import static io.github.natsjwt.trust.ServerBehaviour.IN_PROCESS_CONNECTIONS;
import static io.github.natsjwt.trust.ServerBehaviour.JWT_LIBRARY_2_3;
import static io.github.natsjwt.trust.ServerBehaviour.LIMITS_SATURATE;
import static io.github.natsjwt.trust.ServerBehaviour.MIDNIGHT_WINDOW_BUG;
import static io.github.natsjwt.trust.ServerBehaviour.PROXY_REQUIRED;
import static io.github.natsjwt.trust.ServerBehaviour.PUBLISH_DENY_SPLITS_WHITESPACE;
import static io.github.natsjwt.trust.ServerBehaviour.PUBLISH_MATCH_QUIRK;
import static io.github.natsjwt.trust.ServerBehaviour.QUEUED_DENY_OVERRIDES_PLAIN_DENY;
import static io.github.natsjwt.trust.ServerBehaviour.TEMPLATES_ANYWHERE;
import static io.github.natsjwt.trust.ServerBehaviour.TEMPLATE_CONNECTION_TYPES;
import static io.github.natsjwt.trust.ServerBehaviour.TEMPLATE_EMPTY_TAG_CRASH;
import static io.github.natsjwt.trust.ServerBehaviour.TEMPLATE_SUBJECT_LIMIT;
import static io.github.natsjwt.trust.ServerBehaviour.TOKEN_SIZE_CAP;

import io.github.natsjwt.claims.ValidationRules;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The nats-server version whose decisions a verifier reproduces, where versions differ (spec
 * trust-chain.md section 9): a server version and the {@link ServerBehaviour}s it shows.
 *
 * <p>Immutable and thread-safe. {@link #LATEST} is the default.
 *
 * <pre>{@code
 * ServerProfile p = ServerProfile.V2_10;
 * p.version();                               // "2.10.27"
 * p.has(ServerBehaviour.AUTH_CALLOUT);       // true
 * }</pre>
 */
public enum ServerProfile {
  /** nats-server 2.9.x (2.9.10, Debian bookworm), built with nats-io/jwt 2.3.0. */
  V2_9(
      "2.9.10",
      MIDNIGHT_WINDOW_BUG,
      QUEUED_DENY_OVERRIDES_PLAIN_DENY,
      JWT_LIBRARY_2_3,
      TEMPLATE_EMPTY_TAG_CRASH),
  /**
   * nats-server 2.10.x from 2.10.19 on, with the publish-matching quirk observed on 2.10.27 ({@link
   * ServerBehaviour#PUBLISH_MATCH_QUIRK}).
   */
  V2_10(
      "2.10.27",
      TEMPLATE_CONNECTION_TYPES,
      MIDNIGHT_WINDOW_BUG,
      QUEUED_DENY_OVERRIDES_PLAIN_DENY,
      AUTH_CALLOUT,
      PUBLISH_MATCH_QUIRK),
  /** The current nats-server (2.14 and later). */
  LATEST(
      "2.14.5",
      TEMPLATES_ANYWHERE,
      TEMPLATE_CONNECTION_TYPES,
      IN_PROCESS_CONNECTIONS,
      AUTH_CALLOUT,
      TOKEN_SIZE_CAP,
      TEMPLATE_SUBJECT_LIMIT,
      PROXY_REQUIRED,
      LIMITS_SATURATE,
      PUBLISH_DENY_SPLITS_WHITESPACE);

  private final String version;
  // An EnumSet: has() is one bit test, on every CONNECT.
  private final EnumSet<ServerBehaviour> behaviours;
  private final Set<ServerBehaviour> view;

  ServerProfile(String version, ServerBehaviour... behaviours) {
    this.version = version;
    this.behaviours = EnumSet.noneOf(ServerBehaviour.class);
    Collections.addAll(this.behaviours, behaviours);
    this.view = Collections.unmodifiableSet(this.behaviours);
  }

  /**
   * Returns the nats-server release this profile was observed on, and is tested against live; the
   * profile stands for its whole series as the constant's description says.
   *
   * @return for example {@code "2.10.27"}
   */
  public String version() {
    return version;
  }

  /**
   * Returns whether a server of this profile shows the behaviour.
   *
   * @param behaviour the behaviour
   * @return {@code true} when the server decides as the behaviour describes
   */
  public boolean has(ServerBehaviour behaviour) {
    return behaviours.contains(Objects.requireNonNull(behaviour, "behaviour"));
  }

  /**
   * Returns every behaviour a server of this profile shows.
   *
   * @return an unmodifiable set, in declaration order of {@link ServerBehaviour}
   */
  public Set<ServerBehaviour> behaviours() {
    return view;
  }

  /**
   * Returns the claims rules this server version validates account, user and activation JWTs with
   * (spec trust-chain.md sections 2 and 9).
   *
   * @return {@link ValidationRules#JWT_2_3} for 2.9, {@link ValidationRules#SERVER_2_10} for 2.10,
   *     {@link ValidationRules#CURRENT} otherwise
   */
  public ValidationRules validationRules() {
    if (has(JWT_LIBRARY_2_3)) {
      return ValidationRules.JWT_2_3;
    }
    return this == V2_10 ? ValidationRules.SERVER_2_10 : ValidationRules.CURRENT;
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#TEMPLATES_ANYWHERE}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean templatesAnywhere() {
    return has(TEMPLATES_ANYWHERE);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#TEMPLATE_CONNECTION_TYPES}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean templateConnectionTypes() {
    return has(TEMPLATE_CONNECTION_TYPES);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#MIDNIGHT_WINDOW_BUG}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean midnightWindowBug() {
    return has(MIDNIGHT_WINDOW_BUG);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#QUEUED_DENY_OVERRIDES_PLAIN_DENY}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean queuedDenyOverridesPlainDeny() {
    return has(QUEUED_DENY_OVERRIDES_PLAIN_DENY);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#AUTH_CALLOUT}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean authCallout() {
    return has(AUTH_CALLOUT);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#TOKEN_SIZE_CAP}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean tokenSizeCap() {
    return has(TOKEN_SIZE_CAP);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#JWT_LIBRARY_2_3}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean jwtLibrary23() {
    return has(JWT_LIBRARY_2_3);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#TEMPLATE_SUBJECT_LIMIT}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean templateSubjectLimit() {
    return has(TEMPLATE_SUBJECT_LIMIT);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#TEMPLATE_EMPTY_TAG_CRASH}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean templateEmptyTagCrash() {
    return has(TEMPLATE_EMPTY_TAG_CRASH);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#PROXY_REQUIRED}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean proxyRequired() {
    return has(PROXY_REQUIRED);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#LIMITS_SATURATE}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean limitsSaturate() {
    return has(LIMITS_SATURATE);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#PUBLISH_DENY_SPLITS_WHITESPACE}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean publishDenySplitsWhitespace() {
    return has(PUBLISH_DENY_SPLITS_WHITESPACE);
  }

  /**
   * Returns whether this server shows {@link ServerBehaviour#PUBLISH_MATCH_QUIRK}.
   *
   * @return whether this server shows the behaviour
   */
  public boolean publishMatchQuirk() {
    return has(PUBLISH_MATCH_QUIRK);
  }
}
