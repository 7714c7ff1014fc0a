package io.github.natsjwt.nkey;

import java.util.Objects;
import java.util.Optional;

/**
 * The roles an NKey can have, each with its prefix byte and the letter its public key starts with.
 *
 * <p>Immutable and thread-safe. Operator, account, user, server and cluster keys are Ed25519 keys
 * that sign; {@link #CURVE} keys are X25519 keys that seal and open messages.
 */
public enum NKeyType {
  /** Operator: the root of trust ({@code O...}, seeds {@code SO...}). */
  OPERATOR(14 << 3),
  /** Account ({@code A...}, seeds {@code SA...}). */
  ACCOUNT(0),
  /** User ({@code U...}, seeds {@code SU...}). */
  USER(20 << 3),
  /** Server ({@code N...}, seeds {@code SN...}). */
  SERVER(13 << 3),
  /** Cluster ({@code C...}, seeds {@code SC...}). */
  CLUSTER(2 << 3),
  /** X25519 curve key, "xkey" ({@code X...}, seeds {@code SX...}); seals, never signs. */
  CURVE(23 << 3);

  private final int prefixByte;

  NKeyType(int prefixByte) {
    this.prefixByte = prefixByte;
  }

  /**
   * Returns the byte that starts this type's encoded public key.
   *
   * @return the prefix byte, 0 to 255
   */
  public int prefixByte() {
    return prefixByte;
  }

  /**
   * Returns the letter that every public key of this type starts with.
   *
   * @return {@code 'O'}, {@code 'A'}, {@code 'U'}, {@code 'N'}, {@code 'C'} or {@code 'X'}
   */
  public char letter() {
    // Every public prefix is below 26 << 3, so its top five bits index a letter A..Z.
    return (char) ('A' + (prefixByte >>> 3));
  }

  /**
   * Returns whether keys of this type sign and verify (Ed25519) rather than seal (X25519).
   *
   * @return {@code true} for every type but {@link #CURVE}
   */
  public boolean isSigningType() {
    return this != CURVE;
  }

  /**
   * Returns whether a string is a valid, canonical public key of this type.
   *
   * <pre>{@code
   * NKeyType.USER.isValidPublicKey("UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK") // true
   * }</pre>
   *
   * @param publicKey the candidate, for example {@code "UAB2..."}
   * @return {@code true} when it decodes, its checksum holds, its prefix is exactly this type's and
   *     it carries exactly 32 key bytes
   */
  public boolean isValidPublicKey(CharSequence publicKey) {
    return NKey.detectPublicKeyType(publicKey).filter(t -> t == this).isPresent();
  }

  /**
   * Finds the type with a given prefix byte.
   *
   * @param prefixByte the prefix byte of a public key
   * @return the type, or empty when no public type has that byte
   */
  public static Optional<NKeyType> ofPrefixByte(int prefixByte) {
    for (NKeyType t : values()) {
      if (t.prefixByte == prefixByte) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds the type whose public keys start with a letter.
   *
   * @param letter {@code 'O'}, {@code 'A'}, {@code 'U'}, {@code 'N'}, {@code 'C'} or {@code 'X'}
   * @return the type, or empty for any other letter
   */
  public static Optional<NKeyType> ofLetter(char letter) {
    for (NKeyType t : values()) {
      if (t.letter() == letter) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Finds a type by its name, ignoring case; {@code "x25519"} and {@code "xkey"} name {@link
   * #CURVE}.
   *
   * @param name for example {@code "user"} or {@code "curve"}
   * @return the type, or empty when no type has that name
   */
  public static Optional<NKeyType> ofName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.trim().toUpperCase(java.util.Locale.ROOT);
    if (n.equals("X25519") || n.equals("XKEY")) {
      return Optional.of(CURVE);
    }
    for (NKeyType t : values()) {
      if (t.name().equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
