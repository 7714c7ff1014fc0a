package io.github.natsjwt.benchmarks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A minimal NaCl {@code crypto_box} composed directly from BouncyCastle's low-level X25519, Salsa20
 * core, XSalsa20 and Poly1305, producing the NATS {@code xkv1} layout. It is the baseline for
 * {@code NKey.seal} and {@code NKey.open}: the same cryptography with raw keys and none of the
 * library's checks, decoding or copies. Written here on purpose: the library's own implementation
 * is internal, and sharing it would hide its cost.
 *
 * <p>Benchmark code only: no validation beyond what the format needs.
 */
final class BcCryptoBox {
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;
  private static final byte[] XKV1 = {'x', 'k', 'v', '1'};
  private static final int HEADER = XKV1.length + NONCE_BYTES;
  // "expand 32-byte k" as little-endian words.
  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

  private BcCryptoBox() {}

  /** Seals {@code plaintext} from {@code secret} to {@code peerPublic} with a random nonce. */
  static byte[] seal(byte[] secret, byte[] peerPublic, byte[] plaintext, SecureRandom random) {
    byte[] out = new byte[HEADER + TAG_BYTES + plaintext.length];
    System.arraycopy(XKV1, 0, out, 0, XKV1.length);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, XKV1.length, NONCE_BYTES);

    XSalsa20Engine cipher = cipher(secret, peerPublic, nonce);
    byte[] polyKey = new byte[32];
    cipher.processBytes(polyKey, 0, 32, polyKey, 0);
    cipher.processBytes(plaintext, 0, plaintext.length, out, HEADER + TAG_BYTES);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    mac.update(out, HEADER + TAG_BYTES, plaintext.length);
    mac.doFinal(out, HEADER);
    return out;
  }

  /** Opens an {@code xkv1} message; throws when it does not authenticate. */
  static byte[] open(byte[] secret, byte[] peerPublic, byte[] sealed) {
    byte[] nonce = Arrays.copyOfRange(sealed, XKV1.length, HEADER);
    XSalsa20Engine cipher = cipher(secret, peerPublic, nonce);
    byte[] polyKey = new byte[32];
    cipher.processBytes(polyKey, 0, 32, polyKey, 0);
    int ctOff = HEADER + TAG_BYTES;
    int ctLen = sealed.length - ctOff;
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(polyKey));
    mac.update(sealed, ctOff, ctLen);
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(sealed, HEADER, ctOff))) {
      throw new IllegalArgumentException("sealed message does not authenticate");
    }
    byte[] plain = new byte[ctLen];
    cipher.processBytes(sealed, ctOff, ctLen, plain, 0);
    return plain;
  }

  /** X25519, then HSalsa20 of the shared secret (crypto_box_beforenm), keyed into XSalsa20. */
  private static XSalsa20Engine cipher(byte[] secret, byte[] peerPublic, byte[] nonce) {
    byte[] shared = new byte[32];
    if (!X25519.calculateAgreement(secret, 0, peerPublic, 0, shared, 0)) {
      throw new IllegalArgumentException("small-order peer key");
    }
    XSalsa20Engine cipher = new XSalsa20Engine();
    cipher.init(true, new ParametersWithIV(new KeyParameter(hsalsa20(shared)), nonce));
    return cipher;
  }

  /**
   * HSalsa20 with a zero 16-byte input: the Salsa20 core without its final addition, so the
   * feed-forward that {@code salsaCore} adds is subtracted again.
   */
  private static byte[] hsalsa20(byte[] key) {
    int[] in = new int[16];
    in[0] = SIGMA[0];
    in[5] = SIGMA[1];
    in[10] = SIGMA[2];
    in[15] = SIGMA[3];
    for (int i = 0; i < 4; i++) {
      in[1 + i] = le32(key, 4 * i);
      in[11 + i] = le32(key, 16 + 4 * i);
    }
    int[] x = new int[16];
    Salsa20Engine.salsaCore(20, in, x);
    byte[] out = new byte[32];
    int[] pick = {0, 5, 10, 15, 6, 7, 8, 9};
    for (int i = 0; i < pick.length; i++) {
      int w = x[pick[i]] - in[pick[i]];
      out[4 * i] = (byte) w;
      out[4 * i + 1] = (byte) (w >>> 8);
      out[4 * i + 2] = (byte) (w >>> 16);
      out[4 * i + 3] = (byte) (w >>> 24);
    }
    return out;
  }

  private static int le32(byte[] b, int off) {
    return (b[off] & 0xFF)
        | (b[off + 1] & 0xFF) << 8
        | (b[off + 2] & 0xFF) << 16
        | (b[off + 3] & 0xFF) << 24;
  }
}
