package io.github.natsjwt.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Fixed inputs shared by the benchmarks, so every run measures the same bytes. */
final class Fixtures {
  /** A 32-byte message, the size of the nonce a NATS client signs at CONNECT. */
  static final int MESSAGE_BYTES = 32;

  /** Plaintext size for the seal and open benchmarks. */
  static final int SEAL_PLAINTEXT_BYTES = 128;

  // DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw key follows.
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Fixtures() {}

  /** Deterministic, distinct bytes: {@code start, start + 1, ...}. */
  static byte[] bytes(int length, int start) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  /** The X.509 encoding the JDK's KeyFactory accepts for a raw Ed25519 public key. */
  static X509EncodedKeySpec ed25519PublicSpec(byte[] rawPublic) {
    byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + rawPublic.length);
    System.arraycopy(rawPublic, 0, der, ED25519_SPKI_PREFIX.length, rawPublic.length);
    return new X509EncodedKeySpec(der);
  }

  static PublicKey jdkPublicKey(byte[] rawPublic) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(ed25519PublicSpec(rawPublic));
  }

  static PrivateKey jdkPrivateKey(byte[] rawSeed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, rawSeed));
  }

  /** Fails the run before measuring when two implementations disagree. */
  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("benchmark setup check failed: " + what);
    }
  }
}
