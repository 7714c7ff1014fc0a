package io.github.natsjwt.internal;

import io.github.natsjwt.nkey.NKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verify-only keys of recently seen public keys, shared by JWT decoding and nonce checks.
 *
 * <p>Thread-safe. The same few issuers sign most tokens and the same users reconnect, and a key
 * object keeps its decoded point and, once it has verified a few signatures, 32 KB of precomputed
 * tables that cut the cost of each verification to about a third. The limit of 256 keys bounds
 * that memory at about 8.4 MB. Keys made here are never wiped: they hold no secret.
 */
public final class VerifyKeys {
  private static final int LIMIT = 256;
  private static final ConcurrentHashMap<String, NKey> KEYS = new ConcurrentHashMap<>();

  private VerifyKeys() {}

  /**
   * Returns a verify-only key for a public key, as {@link NKey#fromPublicKey(CharSequence)} makes
   * it.
   *
   * @param publicKey the encoded public key
   * @return the key, possibly one made earlier
   * @throws io.github.natsjwt.nkey.InvalidNKeyException as {@code NKey.fromPublicKey} does
   */
  public static NKey of(String publicKey) {
    NKey key = KEYS.get(publicKey);
    if (key == null) {
      key = NKey.fromPublicKey(publicKey);
      if (KEYS.size() >= LIMIT) {
        // Crude but bounded: a burst of new keys only costs the cache, never memory.
        KEYS.clear();
      }
      KEYS.put(publicKey, key);
    }
    return key;
  }
}
