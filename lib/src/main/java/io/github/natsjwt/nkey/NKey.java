package io.github.natsjwt.nkey;

import io.github.natsjwt.internal.box.CryptoBox;
import io.github.natsjwt.internal.codec.Base32;
import io.github.natsjwt.internal.codec.Crc16;
import io.github.natsjwt.internal.ed25519.Ed25519PrecomputedKey;
import io.github.natsjwt.internal.ed25519.Ed25519PublicKey;
import io.github.natsjwt.internal.spi.NKeyText;
import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.jspecify.annotations.Nullable;

/**
 * An NKey: an Ed25519 key that signs (operator, account, user, server, cluster) or an X25519 curve
 * key that seals messages, with or without its seed.
 *
 * <p>Immutable and thread-safe until {@link #close()}, which wipes the seed and makes every later
 * use throw {@link NKeyOperationException} ({@link NKeyErrorCode#CLEARED}). The key copies secrets
 * in and out, so callers can wipe their own arrays; it compares seeds in constant time and never
 * shows them in {@link #toString()} or in exception messages.
 *
 * <pre>{@code
 * try (NKey user = NKey.generate(NKeyType.USER)) {
 *   byte[] signature = user.sign(nonce);
 *   NKey.fromPublicKey(user.publicKey()).verifyOrThrow(nonce, signature);
 * }
 * }</pre>
 *
 * <p>Encodings follow the NATS reference byte for byte (see {@code spec/nkeys.md} section 2):
 * base32 without padding, a CRC-16/XMODEM appended little-endian, a two-byte header on seeds. This
 * class is stricter than the reference: it accepts only canonical base32 with no white space, only
 * exact prefix bytes, and only 32-byte payloads.
 *
 * <p>Ed25519 verification gives exactly the verdicts of Go's {@code crypto/ed25519} (Go 1.17 and
 * later): the public key is decoded as Go decodes it (a y coordinate not reduced modulo p, or a
 * sign bit on x = 0 as in ed25519-speccheck case 11, is accepted), small-order and mixed-order keys
 * are accepted, S must be below the group order, and R must equal the canonical encoding of [S]B -
 * [k]A byte for byte (the cofactorless equation). It runs on the library's own variable-time code,
 * which is sound because it reads only public data; signing stays on BouncyCastle. A key object
 * keeps its decoded point, and from its fourth verification on it also keeps 32 KB of precomputed
 * tables that make each verification about three times as fast as on a new key, so reuse key
 * objects that verify many signatures.
 */
public final class NKey implements Signer, AutoCloseable {
  /** Bytes in every raw public key and raw seed. */
  public static final int KEY_BYTES = 32;

  /** Bytes in an Ed25519 signature. */
  public static final int SIGNATURE_BYTES = 64;

  private static final int PREFIX_SEED = 18 << 3;
  private static final int PREFIX_PRIVATE = 15 << 3;
  // The longest encoding is an Ed25519 private key (108 characters); anything much longer is not a
  // key and is refused before it is decoded.
  private static final int MAX_ENCODED_CHARS = 128;
  private static final byte[] XKV1 = {'x', 'k', 'v', '1'};
  private static final int SEALED_HEADER = XKV1.length + CryptoBox.NONCE_BYTES;
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  private final NKeyType type;
  private final byte[] publicRaw;
  private final String publicKey;
  private final byte @Nullable [] seed;
  private volatile boolean wiped;
  // The verifier, made on the first verification: NOT_A_POINT when no curve point has this
  // encoding, else the decoded key, replaced by its precomputed form once it has verified
  // PRECOMPUTE_AFTER times. Two threads may both build it; either result is correct.
  private volatile @Nullable Object verifier;
  // Counts general-path verifications; racy increments may be lost, which only delays the tables.
  private int generalVerifications;
  private static final Object NOT_A_POINT = new Object();
  private static final int PRECOMPUTE_AFTER = 3;
  // The box key (X25519 agreement and HSalsa20) of the last peer a curve key sealed to, or
  // opened a message from successfully. An auth callout opens and answers the same server again
  // and again, and the agreement is most of the cost of each. As secret as the seed; wipe()
  // clears it.
  private volatile @Nullable BoxKey lastBox;

  private record BoxKey(byte[] peer, byte[] key) {}

  private NKey(NKeyType type, byte[] publicRaw, byte @Nullable [] seed) {
    this.type = type;
    this.publicRaw = publicRaw;
    this.seed = seed;
    this.publicKey = encode(type.prefixByte(), publicRaw);
  }

  // ---------------------------------------------------------------- factories

  /**
   * Generates a new key of a type from a strong random source.
   *
   * @param type the role of the new key
   * @return a key with its seed
   */
  public static NKey generate(NKeyType type) {
    return generate(type, Random.INSTANCE);
  }

  /**
   * Generates a new key of a type, reading exactly 32 bytes from {@code random}.
   *
   * @param type the role of the new key
   * @param random where the seed comes from
   * @return a key with its seed
   */
  public static NKey generate(NKeyType type, SecureRandom random) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(random, "random");
    byte[] raw = new byte[KEY_BYTES];
    random.nextBytes(raw);
    return fromOwnedSeed(type, raw);
  }

  /**
   * Creates a key from the 32 secret bytes inside a seed: for signing types the RFC 8032 private
   * key, for {@link NKeyType#CURVE} the X25519 scalar before clamping.
   *
   * @param type the role of the key
   * @param rawSeed exactly 32 bytes; copied, so the caller may wipe its array
   * @return a key with its seed
   * @throws NKeyLengthException when {@code rawSeed} is not 32 bytes ({@link
   *     NKeyErrorCode#INVALID_SEED_LEN})
   */
  public static NKey fromRawSeed(NKeyType type, byte[] rawSeed) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rawSeed, "rawSeed");
    if (rawSeed.length != KEY_BYTES) {
      throw new NKeyLengthException(
          NKeyErrorCode.INVALID_SEED_LEN, "the raw seed", KEY_BYTES, rawSeed.length);
    }
    return fromOwnedSeed(type, rawSeed.clone());
  }

  /**
   * Creates a key from an encoded seed such as {@code "SUAM..."}.
   *
   * @param seed the 58-character seed; copied, so the caller may wipe its array
   * @return a key with its seed
   * @throws NKeyEncodingException when the seed is not canonical base32 or is too short
   * @throws NKeyChecksumException when its checksum does not match
   * @throws KeyTypeMismatchException when it is not a seed, or its role is not a key type
   * @throws NKeyLengthException when it does not hold exactly 32 bytes
   */
  public static NKey fromSeed(char[] seed) {
    Objects.requireNonNull(seed, "seed");
    return decodeSeed(CharBuffer.wrap(seed));
  }

  /**
   * Creates a key from an encoded seed held in a string. Prefer {@link #fromSeed(char[])}, whose
   * argument the caller can wipe.
   *
   * @param seed the 58-character seed
   * @return a key with its seed
   * @throws NKeyEncodingException when the seed is not canonical base32 or is too short
   * @throws NKeyChecksumException when its checksum does not match
   * @throws KeyTypeMismatchException when it is not a seed, or its role is not a key type
   * @throws NKeyLengthException when it does not hold exactly 32 bytes
   */
  public static NKey fromSeed(CharSequence seed) {
    Objects.requireNonNull(seed, "seed");
    return decodeSeed(seed);
  }

  /**
   * Creates a key from an encoded seed held as ASCII bytes, as read from a file.
   *
   * @param seed the 58 ASCII bytes of the seed; copied, so the caller may wipe its array
   * @return a key with its seed
   * @throws NKeyEncodingException when the seed is not canonical base32 or is too short
   * @throws NKeyChecksumException when its checksum does not match
   * @throws KeyTypeMismatchException when it is not a seed, or its role is not a key type
   * @throws NKeyLengthException when it does not hold exactly 32 bytes
   */
  public static NKey fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    return decodeSeed(new AsciiChars(seed));
  }

  /**
   * Creates a verify-only (or seal-to-only, for curve keys) key from an encoded public key.
   *
   * @param publicKey the 56-character public key, for example {@code "UAB2..."}
   * @return a key without a seed
   * @throws NKeyEncodingException when the key is not canonical base32 or is too short
   * @throws NKeyChecksumException when its checksum does not match
   * @throws KeyTypeMismatchException when it is not a public key (for example a seed)
   * @throws NKeyLengthException when it does not hold exactly 32 bytes
   */
  public static NKey fromPublicKey(CharSequence publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    byte[] raw = decodePublic(publicKey, "the public key", null, null);
    return new NKey(NKeyType.ofPrefixByte(raw[0] & 0xFF).orElseThrow(), payload(raw), null);
  }

  /**
   * Creates a key from an encoded public key that must be of one type.
   *
   * @param publicKey the 56-character public key
   * @param expected the type it must have
   * @return a key without a seed
   * @throws NKeyEncodingException when the key is not canonical base32 or is too short
   * @throws NKeyChecksumException when its checksum does not match
   * @throws KeyTypeMismatchException when it is not a public key of type {@code expected}
   * @throws NKeyLengthException when it does not hold exactly 32 bytes
   */
  public static NKey fromPublicKey(CharSequence publicKey, NKeyType expected) {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(expected, "expected");
    byte[] raw = decodePublic(publicKey, "the public key", expected, null);
    return new NKey(expected, payload(raw), null);
  }

  // ---------------------------------------------------------------- validators

  /**
   * Returns whether a string is a valid, canonical public key of any type.
   *
   * @param publicKey the candidate
   * @return {@code true} when {@link #fromPublicKey(CharSequence)} would accept it
   */
  public static boolean isValidPublicKey(CharSequence publicKey) {
    return detectPublicKeyType(publicKey).isPresent();
  }

  /**
   * Returns the type of a valid public key. See also {@link NKeyType#isValidPublicKey}.
   *
   * @param publicKey the candidate
   * @return its type, or empty when it is not a valid, canonical public key
   */
  public static Optional<NKeyType> detectPublicKeyType(CharSequence publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    // Cheap shape checks first: validators are called on arbitrary strings.
    if (publicKey.length() != Base32.encodedLength(KEY_BYTES + 3)) {
      return Optional.empty();
    }
    try {
      byte[] raw = decodePublic(publicKey, "the public key", null, null);
      return NKeyType.ofPrefixByte(raw[0] & 0xFF);
    } catch (InvalidNKeyException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns whether characters are a valid, canonical seed of any type.
   *
   * @param seed the candidate; not retained
   * @return {@code true} when {@link #fromSeed(char[])} would accept it
   */
  public static boolean isValidSeed(char[] seed) {
    Objects.requireNonNull(seed, "seed");
    try {
      decodeSeed(CharBuffer.wrap(seed)).wipe();
      return true;
    } catch (InvalidNKeyException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- accessors

  /**
   * Returns the key's role.
   *
   * @return the type
   */
  @Override
  public NKeyType type() {
    return type;
  }

  /**
   * Returns the encoded public key.
   *
   * @return 56 characters starting with the type's letter
   * @throws NKeyOperationException after {@link #close()}
   */
  @Override
  public String publicKey() {
    checkNotWiped();
    return publicKey;
  }

  /**
   * Returns the raw 32-byte public key (Ed25519 point encoding, or X25519 u-coordinate).
   *
   * @return a new copy
   * @throws NKeyOperationException after {@link #close()}
   */
  public byte[] publicKeyBytes() {
    checkNotWiped();
    return publicRaw.clone();
  }

  /**
   * Returns whether this key holds a seed, and so can sign or open.
   *
   * @return {@code false} for keys made from a public key
   */
  public boolean hasSeed() {
    return seed != null;
  }

  /**
   * Returns the encoded seed. The caller owns the array and should wipe it when done.
   *
   * @return 58 characters starting with {@code S} and the type's letter
   * @throws NKeyOperationException when the key has no seed or was wiped
   */
  public char[] seed() {
    byte[] s = requireSeed(NKeyErrorCode.PUBLIC_KEY_ONLY, NKeyOperationException.PUBLIC_KEY_ONLY);
    byte[] buf = new byte[2 + KEY_BYTES + 2];
    int role = type.prefixByte();
    buf[0] = (byte) (PREFIX_SEED | role >>> 5);
    buf[1] = (byte) ((role & 0x1F) << 3);
    System.arraycopy(s, 0, buf, 2, KEY_BYTES);
    try {
      return withChecksum(buf);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /**
   * Returns the raw 32 secret bytes inside the seed. The caller owns the array and should wipe it.
   *
   * @return a new copy of the raw seed
   * @throws NKeyOperationException when the key has no seed or was wiped
   */
  public byte[] rawSeed() {
    return requireSeed(NKeyErrorCode.PUBLIC_KEY_ONLY, NKeyOperationException.PUBLIC_KEY_ONLY)
        .clone();
  }

  /**
   * Returns the encoded private key ({@code P...}): for signing keys the 64-byte seed-and-public
   * form (108 characters), for curve keys the 32-byte secret (56 characters). The caller owns the
   * array and should wipe it.
   *
   * @return the private key characters
   * @throws NKeyOperationException when the key has no seed or was wiped
   */
  public char[] privateKey() {
    byte[] s = requireSeed(NKeyErrorCode.PUBLIC_KEY_ONLY, NKeyOperationException.PUBLIC_KEY_ONLY);
    int payload = type.isSigningType() ? 2 * KEY_BYTES : KEY_BYTES;
    byte[] buf = new byte[1 + payload + 2];
    buf[0] = (byte) PREFIX_PRIVATE;
    System.arraycopy(s, 0, buf, 1, KEY_BYTES);
    if (type.isSigningType()) {
      System.arraycopy(publicRaw, 0, buf, 1 + KEY_BYTES, KEY_BYTES);
    }
    try {
      return withChecksum(buf);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  // ---------------------------------------------------------------- signing

  /**
   * Signs data with pure Ed25519 (RFC 8032). Signatures are deterministic.
   *
   * @param data the bytes to sign
   * @return the 64-byte signature
   * @throws NKeyOperationException when this is a curve key, has no seed, or was wiped
   */
  @Override
  public byte[] sign(byte[] data) {
    Objects.requireNonNull(data, "data");
    checkNotWiped();
    requireSigningType();
    byte[] s = requireSeed(NKeyErrorCode.CANNOT_SIGN, NKeyOperationException.CANNOT_SIGN);
    byte[] signature = new byte[SIGNATURE_BYTES];
    Ed25519.sign(s, 0, publicRaw, 0, data, 0, data.length, signature, 0);
    return signature;
  }

  /**
   * Returns whether a signature over data verifies with this key.
   *
   * @param data the signed bytes
   * @param signature the signature; any length other than 64 does not verify
   * @return {@code true} when the signature is valid
   * @throws NKeyOperationException when this is a curve key, or was wiped
   */
  public boolean verify(byte[] data, byte[] signature) {
    Objects.requireNonNull(data, "data");
    return verify(data, 0, data.length, signature);
  }

  /**
   * Returns whether a signature over part of an array verifies with this key, without copying that
   * part: the same verdict as {@link #verify(byte[], byte[])} on a copy of it.
   *
   * @param data holds the signed bytes
   * @param offset where the signed bytes start in {@code data}
   * @param length how many bytes are signed
   * @param signature the signature; any length other than 64 does not verify
   * @return {@code true} when the signature is valid
   * @throws IndexOutOfBoundsException when the range is not within {@code data}
   * @throws NKeyOperationException when this is a curve key, or was wiped
   */
  public boolean verify(byte[] data, int offset, int length, byte[] signature) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(signature, "signature");
    Objects.checkFromIndexSize(offset, length, data.length);
    Object v = verifierForCall();
    if (v instanceof Ed25519PrecomputedKey) {
      return ((Ed25519PrecomputedKey) v).verify(data, offset, length, signature);
    }
    return v instanceof Ed25519PublicKey
        && ((Ed25519PublicKey) v).verify(data, offset, length, signature);
  }

  /**
   * {@link #verify(byte[], int, int, byte[])} over the bytes of ASCII text (one char, one byte),
   * hashed where it lies: how the library's JWT decoding checks a token's signed part without
   * copying it. Not API: reached through {@link NKeyText}.
   */
  private static boolean verifyText(Object nkey, String text, int from, int to, byte[] signature) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signature, "signature");
    Objects.checkFromToIndex(from, to, text.length());
    Object v = ((NKey) nkey).verifierForCall();
    if (v instanceof Ed25519PrecomputedKey) {
      return ((Ed25519PrecomputedKey) v).verifyText(text, from, to, signature);
    }
    return v instanceof Ed25519PublicKey
        && ((Ed25519PublicKey) v).verifyText(text, from, to, signature);
  }

  static {
    NKeyText.register(NKey::verifyText);
  }

  /**
   * The verifier for one verification: the key with its precomputed tables, the decoded key (its
   * general path), or {@code NOT_A_POINT}, which verifies nothing. Counts general-path
   * verifications, and builds the tables once there were {@code PRECOMPUTE_AFTER}.
   */
  private Object verifierForCall() {
    checkNotWiped();
    requireSigningType();
    Object v = verifier;
    if (v instanceof Ed25519PrecomputedKey) {
      return v;
    }
    if (v == null) {
      Ed25519PublicKey decoded = Ed25519PublicKey.decode(publicRaw);
      v = decoded != null ? decoded : NOT_A_POINT;
      verifier = v;
    }
    if (v == NOT_A_POINT) {
      return v;
    }
    if (generalVerifications++ >= PRECOMPUTE_AFTER) {
      v = ((Ed25519PublicKey) v).precompute();
      verifier = v;
    }
    return v;
  }

  /**
   * Verifies a signature over data, throwing when it does not verify.
   *
   * @param data the signed bytes
   * @param signature the signature
   * @throws SignatureVerificationException when the signature is not valid
   * @throws NKeyOperationException when this is a curve key, or was wiped
   */
  public void verifyOrThrow(byte[] data, byte[] signature) {
    if (!verify(data, signature)) {
      String message =
          signature.length != SIGNATURE_BYTES
              ? String.format(
                  SignatureVerificationException.BAD_LENGTH, publicKey, signature.length)
              : String.format(SignatureVerificationException.MESSAGE, publicKey);
      throw new SignatureVerificationException(message, publicKey);
    }
  }

  // ---------------------------------------------------------------- sealing

  /**
   * Seals a message for a recipient's curve key in the {@code xkv1} format, with a random nonce.
   * Only this key's holder and the recipient can open it.
   *
   * @param plaintext the message
   * @param recipientPublicKey the recipient's {@code X...} public key
   * @return {@code "xkv1"}, the 24-byte nonce, the 16-byte tag and the ciphertext
   * @throws NKeyOperationException when this is not a curve key, has no seed, or was wiped
   * @throws InvalidNKeyException when the recipient is not a valid curve public key ({@link
   *     NKeyErrorCode#INVALID_RECIPIENT})
   */
  public byte[] seal(byte[] plaintext, CharSequence recipientPublicKey) {
    return seal(plaintext, recipientPublicKey, Random.INSTANCE);
  }

  /**
   * Seals a message like {@link #seal(byte[], CharSequence)}, reading the 24-byte nonce from {@code
   * random}.
   *
   * @param plaintext the message
   * @param recipientPublicKey the recipient's {@code X...} public key
   * @param random where the nonce comes from; a nonce must never repeat
   * @return the sealed message
   * @throws NKeyOperationException when this is not a curve key, has no seed, or was wiped
   * @throws InvalidNKeyException when the recipient is not a valid curve public key
   */
  public byte[] seal(byte[] plaintext, CharSequence recipientPublicKey, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] nonce = new byte[CryptoBox.NONCE_BYTES];
    random.nextBytes(nonce);
    return sealWithNonce(plaintext, recipientPublicKey, nonce);
  }

  byte[] sealWithNonce(byte[] plaintext, CharSequence recipientPublicKey, byte[] nonce) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
    byte[] s = requireCurveSeed(NKeyErrorCode.CANNOT_SEAL, NKeyOperationException.CANNOT_SEAL);
    byte[] recipient =
        payload(
            decodePublic(
                recipientPublicKey,
                "the recipient key",
                NKeyType.CURVE,
                NKeyErrorCode.INVALID_RECIPIENT));
    byte[] key = boxKey(s, recipient);
    if (key == null) {
      throw new KeyTypeMismatchException(
          NKeyErrorCode.INVALID_RECIPIENT,
          "the recipient key is a small-order curve point, which no real key has",
          NKeyType.CURVE,
          NKeyType.CURVE);
    }
    byte[] out = new byte[SEALED_HEADER + CryptoBox.TAG_BYTES + plaintext.length];
    System.arraycopy(XKV1, 0, out, 0, XKV1.length);
    System.arraycopy(nonce, 0, out, XKV1.length, CryptoBox.NONCE_BYTES);
    CryptoBox.seal(key, nonce, plaintext, out, SEALED_HEADER);
    return out;
  }

  /**
   * Opens a message that a sender sealed for this curve key.
   *
   * @param sealed the {@code xkv1} message
   * @param senderPublicKey the sender's {@code X...} public key
   * @return the plaintext
   * @throws SealedMessageException when the message is too short, has another version, or does not
   *     authenticate with these keys
   * @throws NKeyOperationException when this is not a curve key, has no seed, or was wiped
   * @throws InvalidNKeyException when the sender is not a valid curve public key ({@link
   *     NKeyErrorCode#INVALID_SENDER})
   */
  public byte[] open(byte[] sealed, CharSequence senderPublicKey) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(senderPublicKey, "senderPublicKey");
    byte[] s = requireCurveSeed(NKeyErrorCode.CANNOT_OPEN, NKeyOperationException.CANNOT_OPEN);
    // Same order of checks as the reference: length, version, sender, authentication.
    if (sealed.length <= SEALED_HEADER) {
      throw new SealedMessageException(
          NKeyErrorCode.INVALID_ENCRYPTED,
          String.format(SealedMessageException.TOO_SHORT, sealed.length));
    }
    if (!Arrays.equals(sealed, 0, XKV1.length, XKV1, 0, XKV1.length)) {
      throw new SealedMessageException(
          NKeyErrorCode.INVALID_ENC_VERSION,
          String.format(SealedMessageException.WRONG_VERSION, describeHeader(sealed)));
    }
    byte[] sender =
        payload(
            decodePublic(
                senderPublicKey, "the sender key", NKeyType.CURVE, NKeyErrorCode.INVALID_SENDER));
    String senderText = senderPublicKey.toString();
    if (sealed.length < SEALED_HEADER + CryptoBox.TAG_BYTES) {
      throw new SealedMessageException(
          NKeyErrorCode.COULD_NOT_DECRYPT,
          String.format(SealedMessageException.TOO_SHORT, sealed.length));
    }
    BoxKey cached = cachedBox(sender);
    byte[] key = cached != null ? cached.key() : CryptoBox.beforeNm(s, sender);
    if (key == null) {
      throw new SealedMessageException(
          NKeyErrorCode.COULD_NOT_DECRYPT,
          String.format(SealedMessageException.NOT_AUTHENTIC, senderText));
    }
    byte[] nonce = Arrays.copyOfRange(sealed, XKV1.length, SEALED_HEADER);
    byte[] plain = CryptoBox.open(key, nonce, sealed, SEALED_HEADER, sealed.length - SEALED_HEADER);
    if (plain == null) {
      if (cached == null) {
        Arrays.fill(key, (byte) 0);
      }
      throw new SealedMessageException(
          NKeyErrorCode.COULD_NOT_DECRYPT,
          String.format(SealedMessageException.NOT_AUTHENTIC, senderText));
    }
    if (cached == null) {
      // Kept only once a message from this peer opened: a stream of forged messages from
      // made-up senders never displaces the peer that really talks to this key.
      lastBox = new BoxKey(sender, key);
    }
    return plain;
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Overwrites the seed with zeros and makes the key unusable; every later call except {@link
   * #type()}, {@link #hasSeed()}, {@link #isWiped()} and {@link #toString()} throws {@link
   * NKeyOperationException}. Calling it again does nothing. Do not wipe a key that other threads
   * are still using.
   */
  public void wipe() {
    wiped = true;
    BoxKey box = lastBox;
    lastBox = null;
    if (box != null) {
      Arrays.fill(box.key(), (byte) 0);
    }
    if (seed != null) {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Same as {@link #wipe()}, so that keys can be used in try-with-resources. */
  @Override
  public void close() {
    wipe();
  }

  /**
   * Returns whether {@link #wipe()} has been called.
   *
   * @return {@code true} once the key is unusable
   */
  public boolean isWiped() {
    return wiped;
  }

  /**
   * Keys are equal when they have the same type, the same public key, and either both lack a seed
   * or both hold the same seed (compared in constant time).
   *
   * @param o the other object
   * @return whether the keys are the same
   */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NKey)) {
      return false;
    }
    NKey other = (NKey) o;
    if (type != other.type || !Arrays.equals(publicRaw, other.publicRaw)) {
      return false;
    }
    byte[] a = seed;
    byte[] b = other.seed;
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(publicRaw);
  }

  /**
   * Describes the key without its seed.
   *
   * @return for example {@code NKey[USER UAB2...RLKK, seed=<redacted>]}
   */
  @Override
  public String toString() {
    return "NKey["
        + type
        + " "
        + publicKey
        + (seed == null ? ", public only" : ", seed=<redacted>")
        + (wiped ? ", wiped" : "")
        + "]";
  }

  // ---------------------------------------------------------------- internals

  private static NKey fromOwnedSeed(NKeyType type, byte[] raw) {
    byte[] pub = new byte[KEY_BYTES];
    if (type.isSigningType()) {
      Ed25519.generatePublicKey(raw, 0, pub, 0);
    } else {
      X25519.scalarMultBase(raw, 0, pub, 0);
    }
    return new NKey(type, pub, raw);
  }

  private static NKey decodeSeed(CharSequence chars) {
    byte[] raw = decodeChecked(chars, "the seed", true, null);
    try {
      int b1 = raw[0] & 0xFF;
      int b2 = raw[1] & 0xFF;
      if ((b1 & 0xF8) != PREFIX_SEED) {
        String hint =
            NKeyType.ofPrefixByte(b1).isPresent()
                ? " (it is a public key, which cannot sign; use NKey.fromPublicKey)"
                : "";
        throw new KeyTypeMismatchException(
            NKeyErrorCode.INVALID_SEED,
            String.format(KeyTypeMismatchException.NOT_SEED, "the seed", b1, letterOf(b1), hint),
            null,
            NKeyType.ofPrefixByte(b1).orElse(null));
      }
      int role = (b1 & 0x07) << 5 | b2 >>> 3;
      NKeyType type = NKeyType.ofPrefixByte(role).orElse(null);
      if (type == null || (b2 & 0x07) != 0) {
        throw new KeyTypeMismatchException(
            NKeyErrorCode.INVALID_SEED,
            String.format(KeyTypeMismatchException.SEED_ROLE, "the seed", role),
            null,
            null);
      }
      int payload = raw.length - 4;
      if (payload != KEY_BYTES) {
        throw new NKeyLengthException(
            NKeyErrorCode.INVALID_SEED_LEN, "the seed", KEY_BYTES, payload);
      }
      return fromOwnedSeed(type, Arrays.copyOfRange(raw, 2, 2 + KEY_BYTES));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Decodes a public key and checks its prefix and length; returns prefix + payload + checksum.
   * {@code code}, when given, replaces the failure code (for recipient and sender keys).
   */
  private static byte[] decodePublic(
      CharSequence chars, String what, @Nullable NKeyType expected, @Nullable NKeyErrorCode code) {
    // Input that starts like a seed or private key is treated as secret: nothing of it is quoted.
    boolean secret = chars.length() > 0 && (chars.charAt(0) == 'S' || chars.charAt(0) == 'P');
    byte[] raw = decodeChecked(chars, what, secret, code);
    int prefix = raw[0] & 0xFF;
    NKeyType found = NKeyType.ofPrefixByte(prefix).orElse(null);
    if (found == null) {
      boolean secretPrefix = (prefix & 0xF8) == PREFIX_SEED || prefix == PREFIX_PRIVATE;
      String hint =
          (prefix & 0xF8) == PREFIX_SEED
              ? " (it is a seed: keep it secret, and use NKey.fromSeed to load it)"
              : prefix == PREFIX_PRIVATE ? " (it is a private key: keep it secret)" : "";
      if (secretPrefix) {
        Arrays.fill(raw, (byte) 0);
      }
      throw new KeyTypeMismatchException(
          code != null ? code : NKeyErrorCode.INVALID_PUBLIC_KEY,
          String.format(KeyTypeMismatchException.NOT_PUBLIC, what, prefix, letterOf(prefix), hint),
          expected,
          null);
    }
    int payload = raw.length - 3;
    if (payload != KEY_BYTES) {
      throw new NKeyLengthException(
          code != null ? code : NKeyErrorCode.INVALID_PUBLIC_KEY, what, KEY_BYTES, payload);
    }
    if (expected != null && found != expected) {
      throw new KeyTypeMismatchException(
          code != null ? code : NKeyErrorCode.INVALID_PREFIX_BYTE,
          String.format(KeyTypeMismatchException.WRONG_TYPE, what, name(found), name(expected)),
          expected,
          found);
    }
    return raw;
  }

  /** Base32-decodes and checks the length and checksum; the result includes the checksum. */
  private static byte[] decodeChecked(
      CharSequence chars, String what, boolean secret, @Nullable NKeyErrorCode code) {
    int len = chars.length();
    NKeyErrorCode encodingCode = code != null ? code : NKeyErrorCode.INVALID_ENCODING;
    if (len > MAX_ENCODED_CHARS) {
      throw new NKeyEncodingException(
          encodingCode,
          String.format(NKeyEncodingException.TOO_LONG, what, len, MAX_ENCODED_CHARS),
          MAX_ENCODED_CHARS);
    }
    byte[] raw;
    try {
      raw = Base32.decode(chars, 0, len);
    } catch (Base32.MalformedException e) {
      String message;
      switch (e.problem()) {
        case ILLEGAL_CHARACTER:
          message =
              String.format(
                  NKeyEncodingException.ILLEGAL_CHARACTER,
                  what,
                  secret ? "(not shown)" : describe(e.character()),
                  e.position());
          break;
        case NON_CANONICAL:
          message = String.format(NKeyEncodingException.NON_CANONICAL, what, e.position());
          break;
        default:
          message = String.format(NKeyEncodingException.IMPOSSIBLE_LENGTH, what, len);
          break;
      }
      throw new NKeyEncodingException(encodingCode, message, e.position());
    }
    if (raw.length < 4) {
      throw new NKeyEncodingException(
          encodingCode, String.format(NKeyEncodingException.TOO_SHORT, what, len, raw.length), len);
    }
    int n = raw.length - 2;
    int found = (raw[n] & 0xFF) | (raw[n + 1] & 0xFF) << 8;
    int expected = Crc16.of(raw, 0, n);
    if (found != expected) {
      Arrays.fill(raw, (byte) 0);
      throw secret
          ? new NKeyChecksumException(code != null ? code : NKeyErrorCode.INVALID_CHECKSUM, what)
          : new NKeyChecksumException(
              code != null ? code : NKeyErrorCode.INVALID_CHECKSUM, what, expected, found);
    }
    return raw;
  }

  private static byte[] payload(byte[] publicRaw) {
    return Arrays.copyOfRange(publicRaw, 1, 1 + KEY_BYTES);
  }

  private static String encode(int prefix, byte[] key) {
    byte[] buf = new byte[1 + key.length + 2];
    buf[0] = (byte) prefix;
    System.arraycopy(key, 0, buf, 1, key.length);
    return new String(withChecksum(buf));
  }

  /** Fills the last two bytes of {@code buf} with the checksum of the rest, and encodes it. */
  private static char[] withChecksum(byte[] buf) {
    int n = buf.length - 2;
    int crc = Crc16.of(buf, 0, n);
    buf[n] = (byte) crc;
    buf[n + 1] = (byte) (crc >>> 8);
    return Base32.encode(buf);
  }

  private void checkNotWiped() {
    if (wiped) {
      throw new NKeyOperationException(
          NKeyErrorCode.CLEARED,
          String.format(NKeyOperationException.CLEARED, name(type), publicKey));
    }
  }

  private void requireSigningType() {
    if (!type.isSigningType()) {
      throw new NKeyOperationException(
          NKeyErrorCode.INVALID_CURVE_KEY_OPERATION,
          String.format(NKeyOperationException.CURVE_SIGN, publicKey));
    }
  }

  private byte[] requireSeed(NKeyErrorCode code, String template) {
    checkNotWiped();
    byte[] s = seed;
    if (s == null) {
      throw new NKeyOperationException(code, String.format(template, publicKey));
    }
    return s;
  }

  /** The box key shared with a peer: the last peer's from the cache, else computed and kept. */
  private byte @Nullable [] boxKey(byte[] secret, byte[] peer) {
    BoxKey box = cachedBox(peer);
    if (box != null) {
      return box.key();
    }
    byte[] key = CryptoBox.beforeNm(secret, peer);
    if (key != null) {
      lastBox = new BoxKey(peer, key); // peer is a fresh copy from payload()
    }
    return key;
  }

  /** The cached box key when it is this peer's. */
  private @Nullable BoxKey cachedBox(byte[] peer) {
    BoxKey box = lastBox;
    return box != null && Arrays.equals(box.peer(), peer) ? box : null;
  }

  private byte[] requireCurveSeed(NKeyErrorCode code, String template) {
    // A wiped key reports CLEARED for every use, before saying what its type cannot do.
    checkNotWiped();
    if (type != NKeyType.CURVE) {
      throw new NKeyOperationException(
          NKeyErrorCode.INVALID_NKEY_OPERATION,
          String.format(NKeyOperationException.NOT_CURVE, publicKey, name(type)));
    }
    return requireSeed(code, template);
  }

  private static String name(NKeyType t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String letterOf(int prefixByte) {
    return String.valueOf(ALPHABET[prefixByte >>> 3]);
  }

  private static String describe(char c) {
    return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String describeHeader(byte[] sealed) {
    StringBuilder sb = new StringBuilder("0x");
    for (int i = 0; i < XKV1.length; i++) {
      sb.append(String.format("%02x", sealed[i] & 0xFF));
    }
    return sb.toString();
  }

  /** A read-only character view of ASCII bytes, so seeds read as bytes need no String copy. */
  private static final class AsciiChars implements CharSequence {
    private final byte[] bytes;

    AsciiChars(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public char charAt(int index) {
      // Non-ASCII bytes map to characters the decoder rejects.
      return (char) (bytes[index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new AsciiChars(Arrays.copyOfRange(bytes, start, end));
    }

    @Override
    public String toString() {
      return "<seed bytes>";
    }
  }
}
