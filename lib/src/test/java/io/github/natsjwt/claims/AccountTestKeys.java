package io.github.natsjwt.claims;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Deterministic keys and a fixed clock for the account-side tests. */
final class AccountTestKeys {
  static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final NKey OPERATOR = key(NKeyType.OPERATOR, 1);
  static final NKey ACCOUNT = key(NKeyType.ACCOUNT, 2);
  static final NKey EXPORTER = key(NKeyType.ACCOUNT, 3);
  static final NKey OTHER_ACCOUNT = key(NKeyType.ACCOUNT, 4);
  static final NKey SIGNING_KEY = key(NKeyType.ACCOUNT, 5);
  static final NKey SCOPED_KEY = key(NKeyType.ACCOUNT, 6);
  static final NKey EXPORTER_SIGNING_KEY = key(NKeyType.ACCOUNT, 7);
  static final NKey USER = key(NKeyType.USER, 8);
  static final NKey CURVE = key(NKeyType.CURVE, 9);

  static final String A = ACCOUNT.publicKey();
  static final String B = EXPORTER.publicKey();
  static final String C = OTHER_ACCOUNT.publicKey();
  static final String U = USER.publicKey();

  private AccountTestKeys() {}

  static NKey key(NKeyType type, int n) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) n);
    return NKey.fromRawSeed(type, seed);
  }
}
