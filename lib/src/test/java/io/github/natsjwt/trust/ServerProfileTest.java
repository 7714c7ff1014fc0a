package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.natsjwt.claims.ValidationRules;
import org.junit.jupiter.api.Test;

class ServerProfileTest {
  @Test
  void validationRules_eachProfile_matchesItsJwtLibrary() {
    // nats-server 2.9.x is built with jwt 2.3.0; 2.10 and later with jwt 2.5 or newer.
    assertEquals(ValidationRules.JWT_2_3, ServerProfile.V2_9.validationRules());
    // 2.10.27 compares service imports across exporters, as jwt 2.3.0 does (observed live).
    assertEquals(ValidationRules.SERVER_2_10, ServerProfile.V2_10.validationRules());
    assertEquals(ValidationRules.CURRENT, ServerProfile.LATEST.validationRules());
    for (ServerProfile p : ServerProfile.values()) {
      assertEquals(p.jwtLibrary23(), p.validationRules() == ValidationRules.JWT_2_3, p.name());
    }
  }
}
