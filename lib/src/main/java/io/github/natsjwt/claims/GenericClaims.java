package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Claims of any other kind: the common fields plus a free-form {@code nats} object (spec claims.md
 * sections 1.8 and 3.8). Any key type may issue them.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. Values are JSON values:
 * {@code null}, {@link String}, {@link Boolean}, numbers, lists and maps with string keys. As in
 * the reference, numbers read from a token are {@link Double}s (written back in Go's shortest form,
 * {@code 5} rather than {@code 5.0}), map keys are written sorted, and encoding sets {@code
 * "version"} to 2 in the map whenever the claims have a map (a new claim has an empty one; a
 * decoded token without {@code nats} has none). Tokens in the v1 layout get their top-level {@code
 * type} and {@code tags} copied into the map.
 *
 * <pre>{@code
 * GenericClaims claims = GenericClaims.builder(accountKey.publicKey())
 *     .put("type", "my_type").put("hello", "world").build();
 * String token = Jwt.encode(claims, accountKey);
 * }</pre>
 */
public final class GenericClaims extends Claims {
  private static final Double LIB_VERSION = (double) VERSION;

  private final @Nullable Map<String, @Nullable Object> natsData;

  private GenericClaims(ClaimsData data, @Nullable Map<String, @Nullable Object> natsData) {
    super(data.freeze());
    this.natsData = natsData;
  }

  /**
   * Starts generic claims with an empty {@code nats} map.
   *
   * @param subject the subject; any string
   * @return a new builder
   */
  public static Builder builder(String subject) {
    return new Builder(new ClaimsData(), new LinkedHashMap<>()).subject(subject);
  }

  /**
   * Returns a builder holding a copy of these claims.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(data.copy(), natsData == null ? null : new LinkedHashMap<>(natsData));
  }

  @Override
  public ClaimType type() {
    return ClaimType.GENERIC;
  }

  /**
   * Returns the {@code nats} object.
   *
   * @return an unmodifiable map (nested lists and maps are unmodifiable too); empty when there is
   *     none
   */
  public Map<String, @Nullable Object> data() {
    return natsData == null ? Map.of() : natsData;
  }

  /**
   * Returns whether the claims have a {@code nats} map at all (possibly empty). Only then does
   * encoding add {@code "version":2}.
   *
   * @return {@code false} for a decoded token without {@code nats}
   */
  public boolean hasData() {
    return natsData != null;
  }

  /**
   * Returns the claim type the map declares, as the reference's {@code GenericClaims.ClaimType()}:
   * {@code type}, or else {@code nats.type}; one of the six typed kinds, or {@link
   * ClaimType#GENERIC} for any other string.
   *
   * @return the declared type, or empty when there is no such string
   */
  public Optional<ClaimType> declaredType() {
    Map<String, @Nullable Object> m = data();
    Object v = m.get("type");
    if (!m.containsKey("type")) {
      v = m.get("nats");
      if (v instanceof Map) {
        v = ((Map<?, ?>) v).get("type");
      }
    }
    if (!(v instanceof String)) {
      return Optional.empty();
    }
    return Optional.of(ClaimType.ofJsonName((String) v).orElse(ClaimType.GENERIC));
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new GenericClaims(data, natsData);
  }

  @Override
  Claims copyWithIssuance(ClaimsData stamped) {
    if (natsData == null) {
      return new GenericClaims(stamped, null);
    }
    Map<String, @Nullable Object> m = new LinkedHashMap<>(natsData);
    // Go stores the version as a float64, as decoding would.
    m.put("version", LIB_VERSION);
    return new GenericClaims(stamped, Collections.unmodifiableMap(m));
  }

  @Override
  void writeNats(GoJsonWriter w) {
    if (natsData != null && !natsData.isEmpty()) {
      w.name("nats").anyValue(natsData);
    }
  }

  static GenericClaims read(ClaimsData data, JsonIn payload, @Nullable JsonIn nats) {
    // The v1 layout's top-level generic fields. The reference's generic claims have no top-level
    // version, so one there is ignored, whatever it holds.
    String topType = payload.string("type");
    List<String> topTags = payload.strings("tags");
    Map<String, @Nullable Object> m = null;
    if (nats != null) {
      m = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : nats.asMap().entrySet()) {
        m.put(e.getKey(), plain(nats, e.getKey(), e.getValue()));
      }
    }
    boolean v1Layout = !topType.isEmpty() || !topTags.isEmpty();
    if (v1Layout) {
      // Only v1 encoders wrote these at the top level; the reference's generic decoder moves
      // them into the map for v1 tokens.
      if (m == null) {
        m = new LinkedHashMap<>();
      }
      if (!topType.isEmpty()) {
        m.put("type", topType);
      }
      if (!topTags.isEmpty()) {
        m.put("tags", topTags);
      }
    }
    data.tags = new ArrayList<>(tagsOf(m));
    data.version = v1Layout ? 1 : versionOf(m);
    return new GenericClaims(data, m == null ? null : freezeMap(m));
  }

  /** A decoded value as Go's {@code interface{}} holds it; numbers must fit a float64. */
  private static @Nullable Object plain(JsonIn parent, String key, Object raw) {
    Object v = JsonIn.toPlain(raw);
    if (!isFiniteTree(v)) {
      throw parent.mismatch(key, "numbers that fit a 64-bit float", raw);
    }
    return v;
  }

  private static boolean isFiniteTree(@Nullable Object v) {
    if (v instanceof Double) {
      return Double.isFinite((Double) v);
    } else if (v instanceof List) {
      for (Object o : (List<?>) v) {
        if (!isFiniteTree(o)) {
          return false;
        }
      }
    } else if (v instanceof Map) {
      for (Object o : ((Map<?, ?>) v).values()) {
        if (!isFiniteTree(o)) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> tagsOf(@Nullable Map<String, @Nullable Object> m) {
    Object t = m == null ? null : m.get("tags");
    if (!(t instanceof List)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) t) {
      if (!(o instanceof String)) {
        return List.of();
      }
      out.add((String) o);
    }
    return out;
  }

  private static int versionOf(@Nullable Map<String, @Nullable Object> m) {
    Object v = m == null ? null : m.get("version");
    if (v instanceof Number) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    return 0;
  }

  @Override
  void checkEncodable() {
    // Any subject and any key type; the values were checked when the claims were built.
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    validateTimes(c, now);
  }

  // ------------------------------------------------------------------ JSON values

  private static Map<String, @Nullable Object> freezeMap(Map<?, ?> m) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException(
            "JSON object keys must be strings, found " + describe(e.getKey()));
      }
      out.put((String) e.getKey(), freeze(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A deep, unmodifiable copy of a JSON value; anything JSON cannot hold is rejected. */
  static @Nullable Object freeze(@Nullable Object v) {
    if (v == null || v instanceof String || v instanceof Boolean) {
      return v;
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof Short
        || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON cannot hold the number " + d);
      }
      return d;
    } else if (v instanceof BigDecimal) {
      return freeze(((BigDecimal) v).doubleValue());
    } else if (v instanceof BigInteger) {
      return freeze(((BigInteger) v).doubleValue());
    } else if (v instanceof Collection) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Object o : (Collection<?>) v) {
        out.add(freeze(o));
      }
      return Collections.unmodifiableList(out);
    } else if (v instanceof Map) {
      return freezeMap((Map<?, ?>) v);
    }
    throw new IllegalArgumentException("JSON cannot hold a value of type " + describe(v));
  }

  private static String describe(@Nullable Object o) {
    return o == null ? "null" : o.getClass().getName();
  }

  /**
   * Builds {@link GenericClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot. The tags of {@link
   * Claims.Builder} are kept in the map's {@code "tags"} entry.
   */
  public static final class Builder extends Claims.Builder<Builder, GenericClaims> {
    private @Nullable Map<String, @Nullable Object> natsData;

    Builder(ClaimsData data, @Nullable Map<String, @Nullable Object> natsData) {
      super(data);
      this.natsData = natsData;
    }

    /**
     * Sets a value in the {@code nats} object.
     *
     * @param key the key
     * @param value a JSON value: {@code null}, a string, boolean, number, collection or map with
     *     string keys; copied deeply
     * @return this builder
     * @throws IllegalArgumentException when the value cannot be written as JSON
     */
    public Builder put(String key, @Nullable Object value) {
      Objects.requireNonNull(key, "key");
      Object frozen = freeze(value);
      map().put(key, frozen);
      if (key.equals("tags")) {
        data.tags = new ArrayList<>(tagsOf(natsData));
      }
      return this;
    }

    /**
     * Removes a key from the {@code nats} object.
     *
     * @param key the key
     * @return this builder
     */
    public Builder remove(String key) {
      if (natsData != null) {
        natsData.remove(key);
        if (key.equals("tags")) {
          data.tags = new ArrayList<>();
        }
      }
      return this;
    }

    /**
     * Replaces the whole {@code nats} object.
     *
     * @param values the JSON values by key; copied deeply
     * @return this builder
     * @throws IllegalArgumentException when a value cannot be written as JSON
     */
    public Builder data(Map<String, ?> values) {
      Map<String, @Nullable Object> frozen = freezeMap(values);
      natsData = new LinkedHashMap<>(frozen);
      data.tags = new ArrayList<>(tagsOf(natsData));
      return this;
    }

    private Map<String, @Nullable Object> map() {
      if (natsData == null) {
        natsData = new LinkedHashMap<>();
      }
      return natsData;
    }

    @Override
    public GenericClaims build() {
      List<String> mirrored = tagsOf(natsData);
      if (!data.tags.equals(mirrored)) {
        if (data.tags.isEmpty()) {
          map().remove("tags");
        } else {
          map().put("tags", List.copyOf(data.tags));
        }
      }
      return new GenericClaims(data, natsData == null ? null : freezeMap(natsData));
    }
  }
}
