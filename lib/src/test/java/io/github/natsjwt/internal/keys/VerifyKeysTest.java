package io.github.natsjwt.internal.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyKeysTest {
  private static String publicKey(int n) {
    byte[] raw = new byte[NKey.KEY_BYTES];
    raw[0] = (byte) n;
    raw[1] = (byte) (n >> 8);
    raw[2] = 7;
    try (NKey k = NKey.fromRawSeed(NKeyType.ACCOUNT, raw)) {
      return k.publicKey();
    }
  }

  @Test
  void of_sameKey_sameObjectVerifyOnly() {
    String pk = publicKey(1);
    NKey key = VerifyKeys.ISSUERS.of(pk);
    assertSame(key, VerifyKeys.ISSUERS.of(pk));
    assertEquals(pk, key.publicKey());
    assertFalse(key.hasSeed());
  }

  @Test
  void of_issuerUsedOftenThenBurstOfNewKeys_issuerKeyKept() {
    String issuer = publicKey(2);
    NKey first = VerifyKeys.ISSUERS.of(issuer);
    for (int i = 1; i < VerifyKeys.PROMOTE_AFTER; i++) {
      assertSame(first, VerifyKeys.ISSUERS.of(issuer));
    }
    assertTrue(VerifyKeys.ISSUERS.isFrequent(issuer));
    List<String> burst = new ArrayList<>();
    List<NKey> made = new ArrayList<>();
    for (int i = 0; i < 3 * VerifyKeys.RECENT; i++) {
      burst.add(publicKey(1000 + i));
      made.add(VerifyKeys.ISSUERS.of(burst.get(i)));
    }
    assertSame(first, VerifyKeys.ISSUERS.of(issuer));
    // The burst itself stayed bounded: its first key was dropped and is made again.
    assertNotSame(made.get(0), VerifyKeys.ISSUERS.of(burst.get(0)));
    assertFalse(VerifyKeys.ISSUERS.isFrequent(burst.get(0)));
  }

  @Test
  void of_issuersAndUsers_keptApart() {
    String pk = publicKey(3);
    assertNotSame(VerifyKeys.ISSUERS.of(pk), VerifyKeys.USERS.of(pk));
  }

  @Test
  void of_notAKey_throwsLikeFromPublicKey() {
    assertThrows(InvalidNKeyException.class, () -> VerifyKeys.USERS.of("not a key"));
  }
}
