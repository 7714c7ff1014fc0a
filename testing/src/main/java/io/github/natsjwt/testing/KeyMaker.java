package io.github.natsjwt.testing;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Makes the keys of forged credentials: random ones, or ones derived from a seed phrase and the
 * entity's place in the tree (operator, account, user, role), so that the same test code gives the
 * same keys on every run whatever the order of calls.
 */
final class KeyMaker {
  private static final KeyMaker RANDOM = new KeyMaker(null);
  private final byte @Nullable [] phrase;

  private KeyMaker(byte @Nullable [] phrase) {
    this.phrase = phrase;
  }

  static KeyMaker random() {
    return RANDOM;
  }

  static KeyMaker deterministic(String phrase) {
    return new KeyMaker(phrase.getBytes(StandardCharsets.UTF_8));
  }

  boolean isDeterministic() {
    return phrase != null;
  }

  NKey make(NKeyType type, String... path) {
    if (phrase == null) {
      return NKey.generate(type);
    }
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    sha256.update("natsjwt-testing key\0".getBytes(StandardCharsets.UTF_8));
    sha256.update(phrase);
    sha256.update((byte) 0);
    sha256.update(type.name().getBytes(StandardCharsets.UTF_8));
    for (String p : path) {
      // Length-prefixed, so that no two paths give the same bytes.
      byte[] b = p.getBytes(StandardCharsets.UTF_8);
      sha256.update(
          new byte[] {
            (byte) (b.length >>> 24),
            (byte) (b.length >>> 16),
            (byte) (b.length >>> 8),
            (byte) b.length
          });
      sha256.update(b);
    }
    byte[] raw = sha256.digest();
    try {
      return NKey.fromRawSeed(type, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }
}
