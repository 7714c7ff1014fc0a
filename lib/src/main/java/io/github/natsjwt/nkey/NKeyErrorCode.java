package io.github.natsjwt.nkey;

/**
 * The NKey failure kinds of the NATS reference implementation, with its message texts, so that logs
 * can be matched against other NATS tools.
 *
 * <p>Immutable and thread-safe. Every {@link NKeyException} carries one of these; the exception
 * subtype says the same thing in Java terms and its message adds what was expected and found.
 */
public enum NKeyErrorCode {
  /** The prefix byte is not the expected one, or not a valid prefix at all. */
  INVALID_PREFIX_BYTE("nkeys: invalid prefix byte"),
  /**
   * Not a public key: the prefix is not one of the six public key types, or the length is wrong.
   */
  INVALID_PUBLIC_KEY("nkeys: invalid public key"),
  /** A raw seed that is not 32 bytes long. */
  INVALID_SEED_LEN("nkeys: invalid seed length"),
  /** Not a seed: no seed header, or the role inside it is not a public key type. */
  INVALID_SEED("nkeys: invalid seed"),
  /** Not base32, not canonical, or too short to hold a prefix and a checksum. */
  INVALID_ENCODING("nkeys: invalid encoded key"),
  /** A signature that does not verify. */
  INVALID_SIGNATURE("nkeys: signature verification failed"),
  /** Signing with a key that has no seed. */
  CANNOT_SIGN("nkeys: can not sign, no private key available"),
  /** Asking a public-only key for its seed or private key. */
  PUBLIC_KEY_ONLY("nkeys: no seed or private key available"),
  /** The CRC-16 at the end of the key does not match its contents. */
  INVALID_CHECKSUM("nkeys: invalid checksum"),
  /** Sealing for a recipient that is not a valid curve public key. */
  INVALID_RECIPIENT("nkeys: not a valid recipient public curve key"),
  /** Opening from a sender that is not a valid curve public key. */
  INVALID_SENDER("nkeys: not a valid sender public curve key"),
  /** A key that should be a curve key is not one. */
  INVALID_CURVE_KEY("nkeys: not a valid curve key"),
  /** A seed that should be a curve seed is not one. */
  INVALID_CURVE_SEED("nkeys: not a valid curve seed"),
  /** A sealed message too short to hold its header, nonce and tag. */
  INVALID_ENCRYPTED("nkeys: encrypted input is not valid"),
  /** A sealed message whose version header is not {@code xkv1}. */
  INVALID_ENC_VERSION("nkeys: encrypted input wrong version"),
  /** A sealed message that does not authenticate with these keys. */
  COULD_NOT_DECRYPT("nkeys: could not decrypt input"),
  /** Signing or verifying with a curve key. */
  INVALID_CURVE_KEY_OPERATION("nkeys: curve key is not valid for sign/verify"),
  /** Sealing or opening with a signing key. */
  INVALID_NKEY_OPERATION("nkeys: only curve key can seal/open"),
  /** Opening with a curve key that has no seed. */
  CANNOT_OPEN("nkeys: cannot open no private curve key available"),
  /** Sealing with a curve key that has no seed. */
  CANNOT_SEAL("nkeys: cannot seal no private curve key available"),
  /** Using a key after {@link NKey#close()} wiped it. */
  CLEARED("nkeys: key has been wiped");

  private final String referenceMessage;

  NKeyErrorCode(String referenceMessage) {
    this.referenceMessage = referenceMessage;
  }

  /**
   * Returns the message text the NATS reference implementation uses for this kind.
   *
   * @return for example {@code "nkeys: invalid checksum"}
   */
  public String referenceMessage() {
    return referenceMessage;
  }
}
