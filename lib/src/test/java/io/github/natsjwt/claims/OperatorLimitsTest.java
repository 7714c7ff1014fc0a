package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperatorLimitsTest {
  @Test
  void unlimited_newAccountDefaults() {
    OperatorLimits l = OperatorLimits.UNLIMITED;

    assertTrue(l.isNatsUnlimited());
    assertTrue(l.isAccountUnlimited());
    assertFalse(l.isUnlimited(), "JetStream is disabled, not unlimited");
    assertFalse(l.isEmpty());
    assertFalse(l.isJetStreamEnabled());
    assertEquals(
        "OperatorLimits{\"subs\":-1,\"data\":-1,\"payload\":-1,\"imports\":-1,\"exports\":-1,"
            + "\"wildcards\":true,\"conn\":-1,\"leaf\":-1}",
        l.toString());
  }

  @Test
  void isUnlimited_jetStreamUnlimitedWithoutTiers_isTrue() {
    OperatorLimits l =
        OperatorLimits.UNLIMITED.toBuilder().jetStream(JetStreamLimits.UNLIMITED).build();

    assertTrue(l.isUnlimited());
    assertFalse(l.toBuilder().tier("R1", JetStreamLimits.UNLIMITED).build().isUnlimited());
    assertFalse(l.toBuilder().disallowBearer(true).build().isUnlimited());
  }

  @Test
  void jetStreamIsUnlimited_negativePerStreamLimits_countAsZero() {
    JetStreamLimits l =
        JetStreamLimits.UNLIMITED.toBuilder()
            .maxAckPending(-1)
            .memoryMaxStreamBytes(-1)
            .diskMaxStreamBytes(-5)
            .build();

    assertTrue(l.isUnlimited());
    assertFalse(l.toBuilder().maxBytesRequired(true).build().isUnlimited());
    assertFalse(l.toBuilder().maxAckPending(1).build().isUnlimited());
  }

  @Test
  void isJetStreamEnabled_tiersDecideWhenPresent() {
    OperatorLimits accountWide =
        OperatorLimits.EMPTY.toBuilder()
            .jetStream(JetStreamLimits.builder().diskStorage(-1).build())
            .build();
    OperatorLimits disabledTier =
        accountWide.toBuilder().tier("R1", JetStreamLimits.builder().streams(5).build()).build();
    OperatorLimits enabledTier =
        disabledTier.toBuilder()
            .tier("R3", JetStreamLimits.builder().memoryStorage(1).build())
            .build();

    assertTrue(accountWide.isJetStreamEnabled());
    assertFalse(disabledTier.isJetStreamEnabled());
    assertTrue(enabledTier.isJetStreamEnabled());
  }

  @Test
  void isEmpty_anyValueOrTier_isNotEmpty() {
    assertTrue(OperatorLimits.EMPTY.isEmpty());
    assertTrue(OperatorLimits.builder().build().isEmpty());
    assertFalse(OperatorLimits.builder().leafNodeConn(1).build().isEmpty());
    assertFalse(OperatorLimits.builder().tier("R1", JetStreamLimits.DISABLED).build().isEmpty());
    assertTrue(
        OperatorLimits.builder()
            .tier("R1", JetStreamLimits.DISABLED)
            .removeTier("R1")
            .build()
            .isEmpty());
  }

  @Test
  void tieredLimits_writtenInByteOrder() {
    OperatorLimits l =
        OperatorLimits.builder()
            .tier("b", JetStreamLimits.builder().streams(2).build())
            .tier("B", JetStreamLimits.builder().streams(1).build())
            .build();

    assertEquals(
        "OperatorLimits{\"tiered_limits\":{\"B\":{\"streams\":1},\"b\":{\"streams\":2}}}",
        l.toString());
  }
}
