package io.github.natsjwt.nkey;

/**
 * An operation the key cannot do: signing with a public-only or curve key, sealing with a signing
 * key, asking a public-only key for its seed, or using a key after {@link NKey#close()}.
 *
 * <p>Immutable and thread-safe. {@link #code()} says which.
 */
public final class NKeyOperationException extends NKeyException {
  private static final long serialVersionUID = 1L;

  static final String CANNOT_SIGN =
      "cannot sign with %s: it was made from a public key and has no seed; use NKey.fromSeed";
  static final String PUBLIC_KEY_ONLY =
      "%s has no seed or private key: it was made from a public key";
  static final String CURVE_SIGN =
      "%s is a curve (X25519) key: curve keys seal and open, they cannot sign or verify";
  static final String NOT_CURVE =
      "%s is a %s key: only curve (X25519) keys can seal and open; create one with"
          + " NKey.generate(NKeyType.CURVE)";
  static final String CANNOT_SEAL =
      "cannot seal with %s: it was made from a public key and has no seed; use NKey.fromSeed";
  static final String CANNOT_OPEN =
      "cannot open with %s: it was made from a public key and has no seed; use NKey.fromSeed";
  static final String CLEARED = "the %s key %s has been wiped by close() and can no longer be used";

  NKeyOperationException(NKeyErrorCode code, String message) {
    super(code, message);
  }
}
