package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The signing keys of an account ({@code nats.signing_keys}, spec claims.md section 3.4): keys that
 * may sign users and activations for the account, each either plain or scoped by a {@link
 * UserScope}.
 *
 * <p>Immutable and thread-safe. In JSON the keys form an array sorted by key, mixing plain key
 * strings and scope objects. Adding a plain key replaces a scope of the same key, as in the
 * reference.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.EMPTY.toBuilder()
 *     .add(plainSigningKey)
 *     .addScoped(UserScope.builder(scopedSigningKey).role("service").build())
 *     .build();
 * boolean scoped = keys.scope(scopedSigningKey).isPresent();
 * }</pre>
 */
public final class SigningKeys {
  /** No signing keys. */
  public static final SigningKeys EMPTY = new SigningKeys(Map.of());

  /** The reference's text for a scope object of another kind (it prints the wrong field). */
  static final String UNKNOWN_SCOPE_MESSAGE = "unknown signing key scope %!q(<nil>)";

  // Sorted by key (byte-wise); a null value is a plain key.
  private final Map<String, @Nullable UserScope> entries;

  private SigningKeys(Map<String, @Nullable UserScope> entries) {
    Map<String, @Nullable UserScope> sorted = new LinkedHashMap<>();
    for (String k : GoJsonWriter.sortedKeys(entries)) {
      sorted.put(k, entries.get(k));
    }
    this.entries = Collections.unmodifiableMap(sorted);
  }

  /**
   * Returns a builder holding a copy of these keys.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(entries);
  }

  /**
   * Returns every signing key, plain and scoped.
   *
   * @return the keys, sorted as they are written
   */
  public List<String> keys() {
    return List.copyOf(entries.keySet());
  }

  /**
   * Returns the scopes of the scoped keys.
   *
   * @return the scopes, sorted by key
   */
  public List<UserScope> scopes() {
    List<UserScope> out = new ArrayList<>();
    for (UserScope s : entries.values()) {
      if (s != null) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns whether a key is a signing key, plain or scoped.
   *
   * @param key the public key
   * @return {@code true} when listed
   */
  public boolean contains(String key) {
    return entries.containsKey(Objects.requireNonNull(key, "key"));
  }

  /**
   * Returns the scope of a signing key, as the reference's {@code GetScope}.
   *
   * @param key the public key
   * @return the scope, or empty when the key is plain or not listed (see {@link #contains})
   */
  public Optional<UserScope> scope(String key) {
    return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "key")));
  }

  /**
   * Returns whether there are no signing keys.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * Returns the number of signing keys.
   *
   * @return the count, plain and scoped
   */
  public int size() {
    return entries.size();
  }

  /** The reference's SigningKeys.Validate (spec claims.md section 4.8). */
  void validate(ValidationResult.Collector c) {
    for (Map.Entry<String, @Nullable UserScope> e : entries.entrySet()) {
      UserScope scope = e.getValue();
      if (scope != null) {
        scope.validate(c);
      } else if (!NKeyType.ACCOUNT.isValidPublicKey(e.getKey())) {
        c.error(GoText.quoteKey(e.getKey()) + " is not a valid account signing key");
      }
    }
  }

  /** Writes the sorted array, or nothing when empty. */
  void writeField(GoJsonWriter w, String key) {
    if (entries.isEmpty()) {
      return;
    }
    w.name(key).beginArray();
    for (Map.Entry<String, @Nullable UserScope> e : entries.entrySet()) {
      UserScope scope = e.getValue();
      if (scope == null) {
        w.value(e.getKey());
      } else {
        scope.write(w);
      }
    }
    w.endArray();
  }

  /**
   * Reads the array: strings are plain keys, objects of kind {@code user_scope} are scopes (any
   * other kind fails, as in the reference), other elements are ignored.
   */
  static SigningKeys read(JsonIn parent, String key) {
    Object raw = parent.get(key).orElse(null);
    if (raw == null) {
      return EMPTY;
    }
    if (!(raw instanceof List)) {
      throw parent.mismatch(key, "an array of signing keys and scopes", raw);
    }
    Builder b = new Builder(Map.of());
    List<?> list = (List<?>) raw;
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (e instanceof String) {
        b.entries.put((String) e, null);
      } else if (e instanceof JsonIn) {
        JsonIn o = (JsonIn) e;
        // The reference dispatches on the exact key "kind", before its case-insensitive reading.
        Object kind = o.asMap().get("kind");
        if (!UserScope.KIND.equals(kind)) {
          String path = o.path() + ".kind";
          throw new ClaimsFormatException(
              path,
              UNKNOWN_SCOPE_MESSAGE
                  + " (the reference's words): "
                  + path
                  + " is "
                  + (kind instanceof String ? GoText.quote((String) kind) : "not a string")
                  + ", but a scoped signing key must have kind \"user_scope\"");
        }
        UserScope scope = UserScope.read(o);
        b.entries.put(scope.key(), scope);
      }
      // The reference ignores numbers, booleans, arrays and nulls here.
    }
    return b.build();
  }

  /**
   * Signing keys are equal when they list the same keys with the same scopes.
   *
   * @param o the other object
   * @return whether both hold the same keys
   */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SigningKeys && ((SigningKeys) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, @Nullable UserScope> e : entries.entrySet()) {
      UserScope scope = e.getValue();
      String key = Redact.key(e.getKey());
      parts.add(scope == null ? key : key + " (scoped, role=" + Redact.text(scope.role()) + ")");
    }
    return "SigningKeys" + parts;
  }

  /**
   * Builds {@link SigningKeys}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private final Map<String, @Nullable UserScope> entries;

    private Builder(Map<String, @Nullable UserScope> entries) {
      this.entries = new LinkedHashMap<>(entries);
    }

    /**
     * Adds plain signing keys. A key that was scoped becomes plain, as in the reference.
     *
     * @param keys account public keys
     * @return this builder
     */
    public Builder add(String... keys) {
      for (String k : keys) {
        entries.put(Objects.requireNonNull(k, "key"), null);
      }
      return this;
    }

    /**
     * Adds a scoped signing key under its key, replacing any earlier entry of that key.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder addScoped(UserScope scope) {
      entries.put(Objects.requireNonNull(scope, "scope").key(), scope);
      return this;
    }

    /**
     * Removes signing keys, plain or scoped.
     *
     * @param keys the keys to remove
     * @return this builder
     */
    public Builder remove(String... keys) {
      for (String k : keys) {
        entries.remove(k);
      }
      return this;
    }

    /**
     * Returns the signing keys.
     *
     * @return the immutable signing keys
     */
    public SigningKeys build() {
      return entries.isEmpty() ? EMPTY : new SigningKeys(entries);
    }
  }
}
