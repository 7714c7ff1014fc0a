package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The limits an operator puts on an account ({@code nats.limits}, spec claims.md section 3.2.1):
 * NATS limits ({@code subs}, {@code data}, {@code payload}), account limits ({@code imports},
 * {@code exports}, {@code wildcards}, {@code disallow_bearer}, {@code conn}, {@code leaf}),
 * JetStream limits and JetStream limits per tier.
 *
 * <p>Immutable and thread-safe. -1 ({@link #NO_LIMIT}) means unlimited. {@link #UNLIMITED} holds
 * the limits of a new account; {@link #EMPTY} all zero, which is what a decoded token without
 * limits has.
 *
 * <pre>{@code
 * OperatorLimits limits = OperatorLimits.UNLIMITED.toBuilder()
 *     .conn(100).jetStream(JetStreamLimits.builder().diskStorage(1L << 30).build()).build();
 * }</pre>
 */
public final class OperatorLimits {
  /** The value of a limit that is not limited. */
  public static final long NO_LIMIT = -1;

  /** Every limit 0 or {@code false}: the limits of a decoded account without limits. */
  public static final OperatorLimits EMPTY = new Builder().build();

  /**
   * The limits of a new account, as the reference's NewAccountClaims sets them: NATS and account
   * limits unlimited, wildcard exports allowed, JetStream disabled.
   */
  public static final OperatorLimits UNLIMITED =
      new Builder()
          .subs(NO_LIMIT)
          .data(NO_LIMIT)
          .payload(NO_LIMIT)
          .imports(NO_LIMIT)
          .exports(NO_LIMIT)
          .wildcardExports(true)
          .conn(NO_LIMIT)
          .leafNodeConn(NO_LIMIT)
          .build();

  private final long subs;
  private final long data;
  private final long payload;
  private final long imports;
  private final long exports;
  private final boolean wildcardExports;
  private final boolean disallowBearer;
  private final long conn;
  private final long leafNodeConn;
  private final JetStreamLimits jetStream;
  private final Map<String, JetStreamLimits> tieredLimits;

  private OperatorLimits(Builder b) {
    subs = b.subs;
    data = b.data;
    payload = b.payload;
    imports = b.imports;
    exports = b.exports;
    wildcardExports = b.wildcardExports;
    disallowBearer = b.disallowBearer;
    conn = b.conn;
    leafNodeConn = b.leafNodeConn;
    jetStream = b.jetStream;
    Map<String, JetStreamLimits> tiers = new LinkedHashMap<>();
    for (String k : GoJsonWriter.sortedKeys(b.tieredLimits)) {
      tiers.put(k, b.tieredLimits.get(k));
    }
    tieredLimits = Collections.unmodifiableMap(tiers);
  }

  /**
   * Starts a builder with every limit 0 (as {@link #EMPTY}); use {@code UNLIMITED.toBuilder()} to
   * start from the defaults of a new account instead.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these limits.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.subs = subs;
    b.data = data;
    b.payload = payload;
    b.imports = imports;
    b.exports = exports;
    b.wildcardExports = wildcardExports;
    b.disallowBearer = disallowBearer;
    b.conn = conn;
    b.leafNodeConn = leafNodeConn;
    b.jetStream = jetStream;
    b.tieredLimits.putAll(tieredLimits);
    return b;
  }

  /**
   * Returns the maximum number of subscriptions ({@code subs}).
   *
   * @return the limit; -1 is unlimited
   */
  public long subs() {
    return subs;
  }

  /**
   * Returns the maximum number of bytes ({@code data}).
   *
   * @return the limit; -1 is unlimited
   */
  public long data() {
    return data;
  }

  /**
   * Returns the maximum message payload ({@code payload}).
   *
   * @return the limit in bytes; -1 is unlimited
   */
  public long payload() {
    return payload;
  }

  /**
   * Returns the maximum number of imports ({@code imports}).
   *
   * @return the limit; -1 is unlimited
   */
  public long imports() {
    return imports;
  }

  /**
   * Returns the maximum number of exports ({@code exports}).
   *
   * @return the limit; -1 is unlimited
   */
  public long exports() {
    return exports;
  }

  /**
   * Returns whether exports may have wildcard subjects ({@code wildcards}). Checked only when the
   * number of exports is limited.
   *
   * @return {@code true} when wildcard exports are allowed
   */
  public boolean wildcardExports() {
    return wildcardExports;
  }

  /**
   * Returns whether the account's users may not be bearer tokens ({@code disallow_bearer}).
   *
   * @return {@code true} when bearer tokens are refused
   */
  public boolean disallowBearer() {
    return disallowBearer;
  }

  /**
   * Returns the maximum number of client connections ({@code conn}).
   *
   * @return the limit; -1 is unlimited
   */
  public long conn() {
    return conn;
  }

  /**
   * Returns the maximum number of leaf-node connections ({@code leaf}).
   *
   * @return the limit; -1 is unlimited
   */
  public long leafNodeConn() {
    return leafNodeConn;
  }

  /**
   * Returns the JetStream limits of the whole account (zero when tiers are used).
   *
   * @return the limits
   */
  public JetStreamLimits jetStream() {
    return jetStream;
  }

  /**
   * Returns the JetStream limits per tier ({@code tiered_limits}), for example {@code R1} and
   * {@code R3}.
   *
   * @return an unmodifiable map, keys in the order they are written (byte-wise)
   */
  public Map<String, JetStreamLimits> tieredLimits() {
    return tieredLimits;
  }

  /**
   * Returns the JetStream limits of one tier.
   *
   * @param tier the tier name, for example {@code "R3"}
   * @return the limits, or empty when the tier is not listed
   */
  public Optional<JetStreamLimits> tier(String tier) {
    return Optional.ofNullable(tieredLimits.get(Objects.requireNonNull(tier, "tier")));
  }

  /**
   * Returns whether JetStream is enabled: when tiers exist, whether any tier has memory or disk
   * storage; otherwise whether the account-wide JetStream limits have.
   *
   * @return {@code true} when the account may use JetStream
   */
  public boolean isJetStreamEnabled() {
    if (!tieredLimits.isEmpty()) {
      return tieredLimits.values().stream().anyMatch(JetStreamLimits::isEnabled);
    }
    return jetStream.isEnabled();
  }

  /**
   * Returns whether every limit is 0 or {@code false} and there are no tiers.
   *
   * @return {@code true} for limits equal to {@link #EMPTY}
   */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /**
   * Returns whether the NATS limits ({@code subs}, {@code data}, {@code payload}) are all -1.
   *
   * @return {@code true} when unlimited
   */
  public boolean isNatsUnlimited() {
    return subs == NO_LIMIT && data == NO_LIMIT && payload == NO_LIMIT;
  }

  /**
   * Returns whether the account limits are exactly those of a new account: imports, exports,
   * connections and leaf-node connections -1, wildcard exports allowed, bearer tokens not refused.
   *
   * @return {@code true} when unlimited
   */
  public boolean isAccountUnlimited() {
    return imports == NO_LIMIT
        && exports == NO_LIMIT
        && wildcardExports
        && !disallowBearer
        && conn == NO_LIMIT
        && leafNodeConn == NO_LIMIT;
  }

  /**
   * Returns whether everything is unlimited: NATS and account limits unlimited, JetStream unlimited
   * ({@link JetStreamLimits#isUnlimited()}) and no tiers.
   *
   * @return {@code true} when unlimited
   */
  public boolean isUnlimited() {
    return isAccountUnlimited()
        && isNatsUnlimited()
        && jetStream.isUnlimited()
        && tieredLimits.isEmpty();
  }

  /** Writes {@code "limits":{...}}, always present, each key omitted when zero. */
  void write(GoJsonWriter w) {
    w.name("limits").beginObject();
    w.field("subs", subs);
    w.field("data", data);
    w.field("payload", payload);
    w.field("imports", imports);
    w.field("exports", exports);
    w.field("wildcards", wildcardExports);
    w.field("disallow_bearer", disallowBearer);
    w.field("conn", conn);
    w.field("leaf", leafNodeConn);
    jetStream.writeFields(w);
    if (!tieredLimits.isEmpty()) {
      w.name("tiered_limits").beginObject();
      for (Map.Entry<String, JetStreamLimits> e : tieredLimits.entrySet()) {
        w.name(e.getKey()).beginObject();
        e.getValue().writeFields(w);
        w.endObject();
      }
      w.endObject();
    }
    w.endObject();
  }

  /**
   * Reads limits; the v1 layout has no JetStream or tier keys.
   *
   * @param o the {@code limits} object
   * @param v1 whether to read only the keys v1 had
   */
  static OperatorLimits read(JsonIn o, boolean v1) {
    Builder b = new Builder();
    b.subs = o.int64("subs");
    b.data = o.int64("data");
    b.payload = o.int64("payload");
    b.imports = o.int64("imports");
    b.exports = o.int64("exports");
    b.wildcardExports = o.bool("wildcards");
    b.disallowBearer = o.bool("disallow_bearer");
    b.conn = o.int64("conn");
    b.leafNodeConn = o.int64("leaf");
    if (v1) {
      return b.build();
    }
    b.jetStream = JetStreamLimits.read(o);
    Optional<JsonIn> tiers = o.object("tiered_limits");
    if (tiers.isPresent()) {
      for (Map.Entry<String, Object> e : tiers.get().asMap().entrySet()) {
        Object v = e.getValue();
        if (v == JsonIn.NULL) {
          b.tieredLimits.put(e.getKey(), JetStreamLimits.DISABLED);
        } else if (v instanceof JsonIn) {
          b.tieredLimits.put(e.getKey(), JetStreamLimits.read((JsonIn) v));
        } else {
          throw tiers.get().mismatch(e.getKey(), "an object of JetStream limits", v);
        }
      }
    }
    // The reference's decoder ignores account-wide JetStream limits when tiers are present.
    if (!b.tieredLimits.isEmpty()) {
      b.jetStream = JetStreamLimits.DISABLED;
    }
    return b.build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof OperatorLimits)) {
      return false;
    }
    OperatorLimits l = (OperatorLimits) o;
    return subs == l.subs
        && data == l.data
        && payload == l.payload
        && imports == l.imports
        && exports == l.exports
        && wildcardExports == l.wildcardExports
        && disallowBearer == l.disallowBearer
        && conn == l.conn
        && leafNodeConn == l.leafNodeConn
        && jetStream.equals(l.jetStream)
        && tieredLimits.equals(l.tieredLimits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        subs,
        data,
        payload,
        imports,
        exports,
        wildcardExports,
        disallowBearer,
        conn,
        leafNodeConn,
        jetStream,
        tieredLimits);
  }

  @Override
  public String toString() {
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    write(w);
    w.endObject();
    String s = w.toString();
    return "OperatorLimits" + s.substring("{\"limits\":".length(), s.length() - 1);
  }

  /**
   * Builds {@link OperatorLimits}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private long subs;
    private long data;
    private long payload;
    private long imports;
    private long exports;
    private boolean wildcardExports;
    private boolean disallowBearer;
    private long conn;
    private long leafNodeConn;
    private JetStreamLimits jetStream = JetStreamLimits.DISABLED;
    private final Map<String, JetStreamLimits> tieredLimits = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the maximum number of subscriptions.
     *
     * @param subs the limit; -1 is unlimited
     * @return this builder
     */
    public Builder subs(long subs) {
      this.subs = subs;
      return this;
    }

    /**
     * Sets the maximum number of bytes.
     *
     * @param data the limit; -1 is unlimited
     * @return this builder
     */
    public Builder data(long data) {
      this.data = data;
      return this;
    }

    /**
     * Sets the maximum message payload.
     *
     * @param payload the limit in bytes; -1 is unlimited
     * @return this builder
     */
    public Builder payload(long payload) {
      this.payload = payload;
      return this;
    }

    /**
     * Sets the maximum number of imports.
     *
     * @param imports the limit; -1 is unlimited
     * @return this builder
     */
    public Builder imports(long imports) {
      this.imports = imports;
      return this;
    }

    /**
     * Sets the maximum number of exports.
     *
     * @param exports the limit; -1 is unlimited
     * @return this builder
     */
    public Builder exports(long exports) {
      this.exports = exports;
      return this;
    }

    /**
     * Sets whether exports may have wildcard subjects.
     *
     * @param allowed {@code true} to allow them
     * @return this builder
     */
    public Builder wildcardExports(boolean allowed) {
      this.wildcardExports = allowed;
      return this;
    }

    /**
     * Sets whether the account's users may not be bearer tokens.
     *
     * @param disallow {@code true} to refuse bearer tokens
     * @return this builder
     */
    public Builder disallowBearer(boolean disallow) {
      this.disallowBearer = disallow;
      return this;
    }

    /**
     * Sets the maximum number of client connections.
     *
     * @param conn the limit; -1 is unlimited
     * @return this builder
     */
    public Builder conn(long conn) {
      this.conn = conn;
      return this;
    }

    /**
     * Sets the maximum number of leaf-node connections.
     *
     * @param leafNodeConn the limit; -1 is unlimited
     * @return this builder
     */
    public Builder leafNodeConn(long leafNodeConn) {
      this.leafNodeConn = leafNodeConn;
      return this;
    }

    /**
     * Sets the account-wide JetStream limits. They and tiers are mutually exclusive.
     *
     * @param limits the limits; {@link JetStreamLimits#DISABLED} disables JetStream
     * @return this builder
     */
    public Builder jetStream(JetStreamLimits limits) {
      this.jetStream = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets (or replaces) the JetStream limits of a tier.
     *
     * @param tier the tier name, for example {@code "R3"}
     * @param limits the limits
     * @return this builder
     */
    public Builder tier(String tier, JetStreamLimits limits) {
      tieredLimits.put(
          Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /**
     * Removes a tier.
     *
     * @param tier the tier name
     * @return this builder
     */
    public Builder removeTier(String tier) {
      tieredLimits.remove(tier);
      return this;
    }

    /**
     * Returns the limits.
     *
     * @return the immutable limits
     */
    public OperatorLimits build() {
      return new OperatorLimits(this);
    }
  }
}
