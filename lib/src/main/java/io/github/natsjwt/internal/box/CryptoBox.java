package io.github.natsjwt.internal.box;

import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * NaCl {@code crypto_box}: X25519 key agreement, HSalsa20 key derivation and XSalsa20-Poly1305, the
 * construction under the NATS {@code xkv1} sealed-message format.
 *
 * <p>Immutable and thread-safe (stateless).
 */
public final class CryptoBox {
  /** Bytes of nonce. */
  public static final int NONCE_BYTES = 24;

  /** Bytes of Poly1305 tag in front of the ciphertext. */
  public static final int TAG_BYTES = 16;

  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

  private CryptoBox() {}

  /**
   * Derives the box key shared by a secret and a peer's public key ({@code crypto_box_beforenm}).
   *
   * @param secret 32-byte X25519 secret (clamped internally)
   * @param peerPublic 32-byte X25519 public key
   * @return the 32-byte box key, or {@code null} when the agreement gives the all-zero secret (a
   *     small-order peer key), which no honest peer produces
   */
  public static byte @org.jspecify.annotations.Nullable [] beforeNm(
      byte[] secret, byte[] peerPublic) {
    byte[] shared = new byte[32];
    try {
      if (!X25519.calculateAgreement(secret, 0, peerPublic, 0, shared, 0)) {
        return null;
      }
      return hsalsa20(shared, new byte[16]);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }

  /**
   * Encrypts and authenticates ({@code crypto_box_afternm}).
   *
   * @param key box key from {@link #beforeNm}
   * @param nonce 24-byte nonce, never reused with the same key
   * @param plaintext message
   * @param out destination for the 16-byte tag followed by the ciphertext
   * @param outOff where in {@code out} to write
   */
  public static void seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] out, int outOff) {
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] polyKey = new byte[32];
    cipher.processBytes(polyKey, 0, 32, polyKey, 0);
    cipher.processBytes(plaintext, 0, plaintext.length, out, outOff + TAG_BYTES);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    Arrays.fill(polyKey, (byte) 0);
    mac.update(out, outOff + TAG_BYTES, plaintext.length);
    mac.doFinal(out, outOff);
  }

  /**
   * Authenticates and decrypts ({@code crypto_box_open_afternm}).
   *
   * @param key box key from {@link #beforeNm}
   * @param nonce 24-byte nonce
   * @param box tag followed by ciphertext
   * @param boxOff where the tag starts
   * @param boxLen tag and ciphertext length, at least {@link #TAG_BYTES}
   * @return the plaintext, or {@code null} when the tag does not authenticate
   */
  public static byte @org.jspecify.annotations.Nullable [] open(
      byte[] key, byte[] nonce, byte[] box, int boxOff, int boxLen) {
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] polyKey = new byte[32];
    cipher.processBytes(polyKey, 0, 32, polyKey, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    Arrays.fill(polyKey, (byte) 0);
    int ctLen = boxLen - TAG_BYTES;
    mac.update(box, boxOff + TAG_BYTES, ctLen);
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(box, boxOff, boxOff + TAG_BYTES))) {
      return null;
    }
    byte[] plain = new byte[ctLen];
    cipher.processBytes(box, boxOff + TAG_BYTES, ctLen, plain, 0);
    return plain;
  }

  /** HSalsa20: the Salsa20 core without the final addition, keeping words 0, 5, 10, 15, 6..9. */
  static byte[] hsalsa20(byte[] key, byte[] input16) {
    int[] x = new int[16];
    x[0] = SIGMA[0];
    x[5] = SIGMA[1];
    x[10] = SIGMA[2];
    x[15] = SIGMA[3];
    for (int i = 0; i < 4; i++) {
      x[1 + i] = le32(key, 4 * i);
      x[11 + i] = le32(key, 16 + 4 * i);
      x[6 + i] = le32(input16, 4 * i);
    }
    for (int round = 0; round < 20; round += 2) {
      // Column round.
      x[4] ^= Integer.rotateLeft(x[0] + x[12], 7);
      x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
      x[12] ^= Integer.rotateLeft(x[8] + x[4], 13);
      x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
      x[9] ^= Integer.rotateLeft(x[5] + x[1], 7);
      x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
      x[1] ^= Integer.rotateLeft(x[13] + x[9], 13);
      x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
      x[14] ^= Integer.rotateLeft(x[10] + x[6], 7);
      x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
      x[6] ^= Integer.rotateLeft(x[2] + x[14], 13);
      x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
      x[3] ^= Integer.rotateLeft(x[15] + x[11], 7);
      x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
      x[11] ^= Integer.rotateLeft(x[7] + x[3], 13);
      x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
      // Row round.
      x[1] ^= Integer.rotateLeft(x[0] + x[3], 7);
      x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
      x[3] ^= Integer.rotateLeft(x[2] + x[1], 13);
      x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
      x[6] ^= Integer.rotateLeft(x[5] + x[4], 7);
      x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
      x[4] ^= Integer.rotateLeft(x[7] + x[6], 13);
      x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
      x[11] ^= Integer.rotateLeft(x[10] + x[9], 7);
      x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
      x[9] ^= Integer.rotateLeft(x[8] + x[11], 13);
      x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
      x[12] ^= Integer.rotateLeft(x[15] + x[14], 7);
      x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
      x[14] ^= Integer.rotateLeft(x[13] + x[12], 13);
      x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
    }
    byte[] out = new byte[32];
    int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
    for (int i = 0; i < 8; i++) {
      putLe32(out, 4 * i, x[pick[i]]);
    }
    Arrays.fill(x, 0);
    return out;
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xFF)
        | (b[off + 1] & 0xFF) << 8
        | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }

  private static void putLe32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}
