package io.github.natsjwt.claims;

import io.github.natsjwt.internal.go.UnixSeconds;
import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Revoked public keys, each with the time up to which its JWTs are revoked (spec claims.md section
 * 4.11). Accounts use it for users, exports for activations.
 *
 * <p>Immutable and thread-safe. A JWT is revoked when its issue time ({@code iat}) is at or before
 * the revocation time of its subject, or of the entry {@value #ALL} that covers every key. Pass the
 * JWT's issue time, not the current time. In JSON the list is an object of keys to Unix seconds,
 * written with sorted keys.
 *
 * <pre>{@code
 * RevocationList revoked = RevocationList.EMPTY.toBuilder()
 *     .revoke(userKey, Instant.now())
 *     .build();
 * boolean out = revoked.isRevoked(user.subject(), user.issuedAt().orElseThrow());
 * }</pre>
 */
public final class RevocationList {
  /** The key that revokes every public key's JWTs issued up to its time. */
  public static final String ALL = "*";

  /** No revocations. */
  public static final RevocationList EMPTY = new RevocationList(Map.of());

  private final Map<String, Long> entries;

  private RevocationList(Map<String, Long> entries) {
    this.entries = entries;
  }

  /**
   * Returns a list holding these entries.
   *
   * @param entries public keys (or {@value #ALL}) to Unix seconds
   * @return the list
   */
  public static RevocationList of(Map<String, Long> entries) {
    Map<String, Long> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries.entrySet()) {
      copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue()));
    }
    return new RevocationList(java.util.Collections.unmodifiableMap(copy));
  }

  /**
   * Returns the entries.
   *
   * @return an unmodifiable map of public keys (or {@value #ALL}) to Unix seconds
   */
  public Map<String, Long> entries() {
    return entries;
  }

  /**
   * Returns whether there are no entries.
   *
   * @return {@code true} when nothing is revoked
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Returns the revocation time of a key.
   *
   * <p>An entry may hold any {@code int64}; one outside {@link Instant}'s range is clamped to
   * {@link Instant#MIN} or {@link Instant#MAX}. {@link #entries()} holds the raw seconds, which
   * {@link #isRevoked(String, long)} compares.
   *
   * @param publicKey the key, or {@value #ALL}
   * @return the time, or empty when the key has no entry of its own
   */
  public Optional<Instant> revokedAt(String publicKey) {
    Long ts = entries.get(Objects.requireNonNull(publicKey, "publicKey"));
    return ts == null ? Optional.empty() : Optional.of(UnixSeconds.toInstant(ts));
  }

  /**
   * Returns whether JWTs of a key issued at a given time are revoked: when the {@value #ALL} entry
   * or the key's own entry is at or after the issue time, compared in whole seconds. A JWT issued
   * in the same second as the revocation is revoked.
   *
   * @param publicKey the JWT's subject
   * @param issuedAt the JWT's issue time ({@code iat}), not the current time
   * @return {@code true} when revoked
   */
  public boolean isRevoked(String publicKey, Instant issuedAt) {
    Objects.requireNonNull(issuedAt, "issuedAt");
    return isRevoked(publicKey, issuedAt.getEpochSecond());
  }

  /**
   * Returns whether JWTs of a key issued at a given Unix second are revoked.
   *
   * @param publicKey the JWT's subject
   * @param issuedAtSeconds the JWT's {@code iat}
   * @return {@code true} when revoked
   */
  public boolean isRevoked(String publicKey, long issuedAtSeconds) {
    Objects.requireNonNull(publicKey, "publicKey");
    Long all = entries.get(ALL);
    if (all != null && all >= issuedAtSeconds) {
      return true;
    }
    Long ts = entries.get(publicKey);
    return ts != null && ts >= issuedAtSeconds;
  }

  /**
   * Returns whether a claim is revoked, as the reference's {@code IsClaimRevoked}: a claim without
   * an issue time or a subject counts as revoked.
   *
   * @param claim a user claim (for an account's list) or an activation (for an export's list)
   * @return {@code true} when revoked
   */
  public boolean isClaimRevoked(Claims claim) {
    Objects.requireNonNull(claim, "claim");
    if (claim.issuedAtSeconds() == 0 || claim.subject().isEmpty()) {
      return true;
    }
    return isRevoked(claim.subject(), claim.issuedAtSeconds());
  }

  /**
   * Returns a builder holding a copy of these entries.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Writes the object with sorted keys, or nothing when empty (omitempty). */
  void writeField(GoJsonWriter w, String key) {
    w.field(key, entries);
  }

  static RevocationList read(JsonIn o, String key) {
    // An unmodifiable insertion-ordered map of non-null entries, as of() would make.
    Map<String, Long> m = o.int64Map(key);
    return m.isEmpty() ? EMPTY : new RevocationList(m);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RevocationList && ((RevocationList) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RevocationList{");
    String sep = "";
    for (Map.Entry<String, Long> e : entries.entrySet()) {
      sb.append(sep).append(Redact.key(e.getKey())).append('=').append(e.getValue());
      sep = ", ";
    }
    return sb.append('}').toString();
  }

  /**
   * Builds a {@link RevocationList}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private final RevocationList base;
    // Copied from base on the first change, so that decoding and toBuilder().build() copy nothing.
    private @Nullable Map<String, Long> entries;

    Builder(RevocationList base) {
      this.base = base;
    }

    private Map<String, Long> entries() {
      Map<String, Long> e = entries;
      if (e == null) {
        e = new LinkedHashMap<>(base.entries);
        entries = e;
      }
      return e;
    }

    /**
     * Revokes a key's JWTs issued at or before a time (in whole seconds). An existing later
     * revocation of the key is kept: a revocation only moves forward in time.
     *
     * @param publicKey the key, or {@value RevocationList#ALL} for every key
     * @param at the revocation time
     * @return this builder
     */
    public Builder revoke(String publicKey, Instant at) {
      Objects.requireNonNull(publicKey, "publicKey");
      long ts = at.getEpochSecond();
      Long existing = entries().get(publicKey);
      if (existing == null || existing <= ts) {
        entries().put(publicKey, ts);
      }
      return this;
    }

    /**
     * Removes a key's revocation; nothing happens when it has none.
     *
     * @param publicKey the key
     * @return this builder
     */
    public Builder clear(String publicKey) {
      entries().remove(Objects.requireNonNull(publicKey, "publicKey"));
      return this;
    }

    /**
     * Returns the immutable list.
     *
     * @return the list
     */
    public RevocationList build() {
      Map<String, Long> e = entries;
      if (e == null) {
        return base;
      }
      return e.isEmpty() ? EMPTY : of(e);
    }
  }
}
