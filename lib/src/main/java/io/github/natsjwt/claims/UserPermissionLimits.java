package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a user may do and from where: permissions, connection limits, bearer mode and allowed
 * connection types (spec claims.md sections 3.3 and 3.4). Users carry these inside their {@code
 * nats} object; a scoped signing key carries them as the {@code template} applied to every user it
 * signs.
 *
 * <p>Immutable and thread-safe. {@link #builder()} starts, as the reference's constructors do, with
 * {@code subs}, {@code data} and {@code payload} at {@link #NO_LIMIT}; {@link #EMPTY} has every
 * field at its zero value, which is what a user signed by a scoped key must have (see {@link
 * #isEmpty()}). Values decoded from a token keep 0 for missing limits.
 *
 * <pre>{@code
 * UserPermissionLimits limits = UserPermissionLimits.builder()
 *     .pub(Permission.allowing("orders.>"))
 *     .addSrc("192.0.2.0/24")
 *     .payload(1024)
 *     .build();
 * }</pre>
 */
public final class UserPermissionLimits {
  /** The value meaning "unlimited" for {@code subs}, {@code data} and {@code payload}. */
  public static final long NO_LIMIT = -1;

  /** Every field at its zero value: no permissions, no limits, not even the -1 defaults. */
  public static final UserPermissionLimits EMPTY = new Builder(0).build();

  private final Permissions permissions;
  private final List<String> src;
  private final List<TimeRange> times;
  private final String timesLocation;
  private final long subs;
  private final long data;
  private final long payload;
  private final boolean bearerToken;
  private final boolean proxyRequired;
  private final List<ConnectionType> allowedConnectionTypes;
  // Go tells an absent list (nil) from an empty one ("src":[]); only decoding can produce the
  // latter, and it makes the value non-empty for the scoped-user check.
  private final boolean explicitEmptyLists;

  private UserPermissionLimits(
      Permissions permissions,
      List<String> src,
      List<TimeRange> times,
      String timesLocation,
      long subs,
      long data,
      long payload,
      boolean bearerToken,
      boolean proxyRequired,
      List<ConnectionType> allowedConnectionTypes,
      boolean explicitEmptyLists) {
    this.permissions = permissions;
    this.src = src;
    this.times = times;
    this.timesLocation = timesLocation;
    this.subs = subs;
    this.data = data;
    this.payload = payload;
    this.bearerToken = bearerToken;
    this.proxyRequired = proxyRequired;
    this.allowedConnectionTypes = allowedConnectionTypes;
    this.explicitEmptyLists = explicitEmptyLists;
  }

  private UserPermissionLimits(Builder b) {
    this.permissions = b.permissions;
    this.src = List.copyOf(b.src);
    this.times = List.copyOf(b.times);
    this.timesLocation = b.timesLocation;
    this.subs = b.subs;
    this.data = b.data;
    this.payload = b.payload;
    this.bearerToken = b.bearerToken;
    this.proxyRequired = b.proxyRequired;
    this.allowedConnectionTypes = List.copyOf(b.allowedConnectionTypes);
    this.explicitEmptyLists = b.explicitEmptyLists;
  }

  /**
   * Starts a value with the reference's defaults for a new user or scope: no permissions and {@code
   * subs}, {@code data} and {@code payload} unlimited (-1).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder(NO_LIMIT);
  }

  /**
   * Returns a builder holding a copy of this value.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(0);
    b.set(this);
    return b;
  }

  /**
   * Returns the publish, subscribe and response permissions.
   *
   * @return the permissions
   */
  public Permissions permissions() {
    return permissions;
  }

  /**
   * Returns the networks clients may connect from ({@code src}), in CIDR notation.
   *
   * @return an unmodifiable list, as stored
   */
  public List<String> src() {
    return src;
  }

  /**
   * Returns the daily windows in which clients may connect.
   *
   * @return an unmodifiable list
   */
  public List<TimeRange> times() {
    return times;
  }

  /**
   * Returns the IANA time zone the {@link #times()} are in ({@code times_location}).
   *
   * @return for example {@code "Europe/Berlin"}, or {@code ""} for the server's zone
   */
  public String timesLocation() {
    return timesLocation;
  }

  /**
   * Returns the maximum number of subscriptions.
   *
   * @return the limit; -1 is unlimited and 0 means not set
   */
  public long subs() {
    return subs;
  }

  /**
   * Returns the maximum number of bytes.
   *
   * @return the limit; -1 is unlimited and 0 means not set
   */
  public long data() {
    return data;
  }

  /**
   * Returns the maximum message payload in bytes.
   *
   * @return the limit; -1 is unlimited and 0 means not set
   */
  public long payload() {
    return payload;
  }

  /**
   * Returns whether the server skips the nonce signature check for this user.
   *
   * @return {@code true} for a bearer token
   */
  public boolean bearerToken() {
    return bearerToken;
  }

  /**
   * Returns whether the user must connect through a proxy.
   *
   * @return {@code true} when a proxy is required
   */
  public boolean proxyRequired() {
    return proxyRequired;
  }

  /**
   * Returns the connection types the user may use; empty means any.
   *
   * @return an unmodifiable list, as stored
   */
  public List<ConnectionType> allowedConnectionTypes() {
    return allowedConnectionTypes;
  }

  /**
   * Returns whether every field has its zero value, the reference's check that a user signed by a
   * scoped key sets nothing itself (spec claims.md sections 3.3.6 and 4.8, trust-chain.md section
   * 4.2). The -1 defaults of {@link #builder()} count as set, and so does a list the decoded token
   * carried as an empty array ({@code "src":[]}, {@code "allow":[]}, ...), because Go's deep
   * comparison tells an empty slice from a missing one.
   *
   * @return {@code true} when nothing is set
   */
  public boolean isEmpty() {
    return !explicitEmptyLists
        && !permissions.pub().allowPresent()
        && !permissions.sub().allowPresent()
        && permissions.isEmpty()
        && src.isEmpty()
        && times.isEmpty()
        && timesLocation.isEmpty()
        && subs == 0
        && data == 0
        && payload == 0
        && !bearerToken
        && !proxyRequired
        && allowedConnectionTypes.isEmpty();
  }

  /**
   * Returns whether the limits restrict nothing: no networks, no time windows and {@code subs},
   * {@code data} and {@code payload} all -1 (the reference's {@code Limits.IsUnlimited}).
   *
   * @return {@code true} when unlimited
   */
  public boolean isUnlimited() {
    return src.isEmpty()
        && times.isEmpty()
        && subs == NO_LIMIT
        && data == NO_LIMIT
        && payload == NO_LIMIT;
  }

  // ------------------------------------------------------------------ JSON

  /** Writes the keys {@code pub} through {@code allowed_connection_types} into the open object. */
  void writeFields(GoJsonWriter w) {
    permissions.writeFields(w);
    w.field("src", src);
    if (!times.isEmpty()) {
      w.name("times").beginArray();
      for (TimeRange t : times) {
        t.write(w);
      }
      w.endArray();
    }
    w.field("times_location", timesLocation);
    w.field("subs", subs);
    w.field("data", data);
    w.field("payload", payload);
    w.field("bearer_token", bearerToken);
    w.field("proxy_required", proxyRequired);
    if (!allowedConnectionTypes.isEmpty()) {
      w.name("allowed_connection_types").beginArray();
      for (ConnectionType t : allowedConnectionTypes) {
        w.value(t.value());
      }
      w.endArray();
    }
  }

  /** Writes the value as an object, as a scope's {@code template}. */
  void write(GoJsonWriter w) {
    w.beginObject();
    writeFields(w);
    w.endObject();
  }

  /**
   * Reads the keys from an object; {@code limitDefault} is what {@code subs}, {@code data} and
   * {@code payload} are when absent (0 for users, -1 for scope templates and v1 users).
   */
  static UserPermissionLimits read(@Nullable JsonIn o, long limitDefault) {
    if (o == null) {
      return new Builder(limitDefault).build();
    }
    // Built directly rather than through a Builder: the lists read here are already immutable.
    // In the order Permissions.read reads them, so that the first error is the same.
    JsonIn pub = o.objectOrNull("pub");
    Permission pubPermission = pub == null ? Permission.EMPTY : Permission.read(pub);
    JsonIn sub = o.objectOrNull("sub");
    Permission subPermission = sub == null ? Permission.EMPTY : Permission.read(sub);
    JsonIn resp = o.objectOrNull("resp");
    Permissions permissions =
        Permissions.of(
            pubPermission, subPermission, resp == null ? null : ResponsePermission.read(resp));
    // An array given once, the usual shape, is taken as it is (as readSrc would take it).
    List<String> src = o.stringsIfSingleArray("src");
    boolean explicitEmptyLists;
    if (src != null) {
      explicitEmptyLists = hasExplicitEmptyList(o, pub, sub, true, src.isEmpty());
    } else {
      List<Object> srcValues = o.all("src");
      src = List.copyOf(readSrc(o, srcValues));
      boolean srcPresent =
          !srcValues.isEmpty() && srcValues.get(srcValues.size() - 1) != JsonIn.NULL;
      explicitEmptyLists = hasExplicitEmptyList(o, pub, sub, srcPresent, src.isEmpty());
    }
    List<@Nullable JsonIn> rawTimes = o.objects("times");
    // A null entry is Go's zero TimeRange.
    TimeRange[] times = new TimeRange[rawTimes.size()];
    for (int i = 0; i < times.length; i++) {
      JsonIn t = rawTimes.get(i);
      times[i] = t == null ? new TimeRange("", "") : TimeRange.read(t);
    }
    String timesLocation = o.string("times_location");
    long subs = o.int64("subs", limitDefault);
    long data = o.int64("data", limitDefault);
    long payload = o.int64("payload", limitDefault);
    boolean bearerToken = o.bool("bearer_token");
    boolean proxyRequired = o.bool("proxy_required");
    List<String> typeNames = o.strings("allowed_connection_types", ConnectionType.KNOWN_VALUES);
    ConnectionType[] types = new ConnectionType[typeNames.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = ConnectionType.of(typeNames.get(i));
    }
    return new UserPermissionLimits(
        permissions,
        src,
        List.of(times),
        timesLocation,
        subs,
        data,
        payload,
        bearerToken,
        proxyRequired,
        List.of(types),
        explicitEmptyLists);
  }

  /**
   * Whether a list the reference keeps as a slice is present but empty: {@code allow} or {@code
   * deny} of {@code pub} or {@code sub}, {@code src} (an array, or a string that yields no
   * networks), {@code times} or {@code allowed_connection_types}.
   */
  private static boolean hasExplicitEmptyList(
      JsonIn o, @Nullable JsonIn pub, @Nullable JsonIn sub, boolean srcPresent, boolean srcEmpty) {
    if (pub != null && Permission.hasExplicitEmptyList(pub)
        || sub != null && Permission.hasExplicitEmptyList(sub)) {
      return true;
    }
    return srcPresent && srcEmpty
        || Permission.isEmptyArray(o, "times")
        || Permission.isEmptyArray(o, "allowed_connection_types");
  }

  /** The reference's CIDRList reader: an array taken as it is, or a comma-separated string. */
  private static List<String> readSrc(JsonIn o, List<Object> srcValues) {
    List<String> result = List.of();
    for (Object raw : srcValues) {
      if (raw == JsonIn.NULL) {
        result = List.of();
      } else if (raw instanceof String) {
        List<String> l = new ArrayList<>();
        addCidrs(l, ((String) raw).split(",", -1));
        result = l;
      } else if (raw instanceof List) {
        List<String> l = new ArrayList<>(((List<?>) raw).size());
        for (Object e : (List<?>) raw) {
          if (e == JsonIn.NULL) {
            l.add("");
          } else if (e instanceof String) {
            l.add((String) e);
          } else {
            throw o.mismatch("src", "an array of strings or a comma-separated string", raw);
          }
        }
        result = l;
      } else {
        throw o.mismatch("src", "an array of strings or a comma-separated string", raw);
      }
    }
    return result;
  }

  /** CIDRList.Add: trims and lower-cases each value, skips empties and values already present. */
  static void addCidrs(List<String> list, String... values) {
    for (String v : values) {
      String n = GoText.toLower(GoText.trimSpace(Objects.requireNonNull(v, "value")));
      if (!n.isEmpty() && !list.contains(n)) {
        list.add(n);
      }
    }
  }

  // ------------------------------------------------------------------ validation

  /** Permissions, then the user limits: src, times, times_location (spec claims.md section 4.9). */
  void validate(ValidationResult.Collector c) {
    permissions.validate(c);
    for (String cidr : src) {
      if (!GoFormats.isCidr(cidr)) {
        c.error("invalid cidr " + GoText.quoteText(cidr) + " in user src limits");
      }
    }
    for (TimeRange t : times) {
      t.validate(c);
    }
    String zoneProblem = GoFormats.locationProblem(timesLocation);
    if (zoneProblem != null) {
      c.error("could not parse iana time zone by name: " + zoneProblem);
    }
  }

  // ------------------------------------------------------------------ object

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof UserPermissionLimits)) {
      return false;
    }
    UserPermissionLimits u = (UserPermissionLimits) o;
    return permissions.equals(u.permissions)
        && src.equals(u.src)
        && times.equals(u.times)
        && timesLocation.equals(u.timesLocation)
        && subs == u.subs
        && data == u.data
        && payload == u.payload
        && bearerToken == u.bearerToken
        && proxyRequired == u.proxyRequired
        && allowedConnectionTypes.equals(u.allowedConnectionTypes)
        && explicitEmptyLists == u.explicitEmptyLists;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        permissions,
        src,
        times,
        timesLocation,
        subs,
        data,
        payload,
        bearerToken,
        proxyRequired,
        allowedConnectionTypes,
        explicitEmptyLists);
  }

  @Override
  public String toString() {
    GoJsonWriter w = new GoJsonWriter();
    write(w);
    return "UserPermissionLimits" + w;
  }

  /**
   * Builds {@link UserPermissionLimits}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private Permissions permissions = Permissions.EMPTY;
    private final List<String> src = new ArrayList<>();
    private final List<TimeRange> times = new ArrayList<>();
    private String timesLocation = "";
    private long subs;
    private long data;
    private long payload;
    private boolean bearerToken;
    private boolean proxyRequired;
    private final List<ConnectionType> allowedConnectionTypes = new ArrayList<>();
    private boolean explicitEmptyLists;

    Builder(long limitDefault) {
      this.subs = limitDefault;
      this.data = limitDefault;
      this.payload = limitDefault;
    }

    /** Replaces every field with those of a value. */
    Builder set(UserPermissionLimits v) {
      permissions = v.permissions;
      src.clear();
      src.addAll(v.src);
      times.clear();
      times.addAll(v.times);
      timesLocation = v.timesLocation;
      subs = v.subs;
      data = v.data;
      payload = v.payload;
      bearerToken = v.bearerToken;
      proxyRequired = v.proxyRequired;
      allowedConnectionTypes.clear();
      allowedConnectionTypes.addAll(v.allowedConnectionTypes);
      explicitEmptyLists = v.explicitEmptyLists;
      return this;
    }

    /** Resets the limits (src, times, zone, subs, data, payload) to a default, keeping the rest. */
    void resetLimits(long limitDefault) {
      src.clear();
      times.clear();
      timesLocation = "";
      subs = limitDefault;
      data = limitDefault;
      payload = limitDefault;
    }

    void clearAllowedConnectionTypes() {
      allowedConnectionTypes.clear();
    }

    /**
     * Replaces the permissions.
     *
     * @param permissions the permissions
     * @return this builder
     */
    public Builder permissions(Permissions permissions) {
      this.permissions = Objects.requireNonNull(permissions, "permissions");
      return this;
    }

    /**
     * Sets the publish permission.
     *
     * @param pub the permission
     * @return this builder
     */
    public Builder pub(Permission pub) {
      this.permissions = permissions.withPub(pub);
      return this;
    }

    /**
     * Sets the subscribe permission; entries may name a queue group: {@code "subject queue"}.
     *
     * @param sub the permission
     * @return this builder
     */
    public Builder sub(Permission sub) {
      this.permissions = permissions.withSub(sub);
      return this;
    }

    /**
     * Sets or removes the response permission.
     *
     * @param resp the permission, or {@code null} for none
     * @return this builder
     */
    public Builder resp(@Nullable ResponsePermission resp) {
      this.permissions = permissions.withResp(resp);
      return this;
    }

    /**
     * Adds source networks as the reference's CIDRList does: trimmed, lower-cased, without empties
     * or repeats. Validation checks that each is CIDR notation.
     *
     * @param cidrs for example {@code "192.0.2.0/24"}
     * @return this builder
     */
    public Builder addSrc(String... cidrs) {
      addCidrs(src, cidrs);
      return this;
    }

    /**
     * Removes source networks (each trimmed and lower-cased; the first match is removed).
     *
     * @param cidrs the networks
     * @return this builder
     */
    public Builder removeSrc(String... cidrs) {
      for (String v : cidrs) {
        src.remove(GoText.toLower(GoText.trimSpace(v)));
      }
      return this;
    }

    /**
     * Replaces the source networks with a comma-separated list, as the reference's {@code
     * CIDRList.Set} does.
     *
     * @param commaSeparated for example {@code "192.0.2.0/24, 10.0.0.0/8"}
     * @return this builder
     */
    public Builder setSrc(String commaSeparated) {
      src.clear();
      addCidrs(src, commaSeparated.split(",", -1));
      return this;
    }

    /**
     * Replaces the time windows.
     *
     * @param times the windows
     * @return this builder
     */
    public Builder times(Collection<TimeRange> times) {
      List<TimeRange> copy = List.copyOf(times);
      this.times.clear();
      this.times.addAll(copy);
      return this;
    }

    /**
     * Adds time windows.
     *
     * @param times the windows
     * @return this builder
     */
    public Builder addTimes(TimeRange... times) {
      for (TimeRange t : times) {
        this.times.add(Objects.requireNonNull(t, "time range"));
      }
      return this;
    }

    /**
     * Sets the IANA time zone of the time windows.
     *
     * @param zone for example {@code "America/New_York"}; {@code ""} clears it
     * @return this builder
     */
    public Builder timesLocation(String zone) {
      this.timesLocation = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the maximum number of subscriptions.
     *
     * @param subs the limit; -1 for unlimited
     * @return this builder
     */
    public Builder subs(long subs) {
      this.subs = subs;
      return this;
    }

    /**
     * Sets the maximum number of bytes.
     *
     * @param data the limit; -1 for unlimited
     * @return this builder
     */
    public Builder data(long data) {
      this.data = data;
      return this;
    }

    /**
     * Sets the maximum message payload.
     *
     * @param payload the limit in bytes; -1 for unlimited
     * @return this builder
     */
    public Builder payload(long payload) {
      this.payload = payload;
      return this;
    }

    /**
     * Sets whether the server skips the nonce signature check (a bearer token).
     *
     * @param bearerToken {@code true} for a bearer token
     * @return this builder
     */
    public Builder bearerToken(boolean bearerToken) {
      this.bearerToken = bearerToken;
      return this;
    }

    /**
     * Sets whether the user must connect through a proxy.
     *
     * @param proxyRequired {@code true} to require a proxy
     * @return this builder
     */
    public Builder proxyRequired(boolean proxyRequired) {
      this.proxyRequired = proxyRequired;
      return this;
    }

    /**
     * Adds allowed connection types, skipping empty values and repeats.
     *
     * @param types the types
     * @return this builder
     */
    public Builder addAllowedConnectionTypes(ConnectionType... types) {
      for (ConnectionType t : types) {
        Objects.requireNonNull(t, "type");
        if (!t.value().isEmpty() && !allowedConnectionTypes.contains(t)) {
          allowedConnectionTypes.add(t);
        }
      }
      return this;
    }

    /**
     * Removes allowed connection types (the first occurrence of each).
     *
     * @param types the types
     * @return this builder
     */
    public Builder removeAllowedConnectionTypes(ConnectionType... types) {
      for (ConnectionType t : types) {
        allowedConnectionTypes.remove(t);
      }
      return this;
    }

    /**
     * Returns the immutable value.
     *
     * @return the value
     */
    public UserPermissionLimits build() {
      return new UserPermissionLimits(this);
    }
  }
}
