package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class SeedAssertionsTest {
  @Test
  void assertNoSeed_textWithSeed_fails() {
    String seed = Vectors.ed25519("user").get("seed").asText();

    assertThrows(AssertionFailedError.class, () -> SeedAssertions.assertNoSeed("x " + seed + "\n"));
  }

  @Test
  void assertNoSeed_publicKeyContainingSeedPrefix_passes() {
    // A public key whose third and fourth characters happen to be "SA".
    SeedAssertions.assertNoSeed("UASAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RL");
  }

  @Test
  void assertNoSeed_jwtIdStartingWithSeedPrefix_passes() {
    // A 52-character JWT ID that CI once printed; it starts like a user seed.
    SeedAssertions.assertNoSeed(
        "  \"jti\": \"SU7XILZ23NYJO2BJ6AILZEBA2JEAATCQGEE4PSBRQAKPVCPINHKQ\",");
  }
}
