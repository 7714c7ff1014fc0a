package io.github.natsjwt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.regex.Pattern;

/** Checks that output never shows a seed. */
public final class SeedAssertions {
  // Any encoded seed: S, a role letter and exactly 56 more base32 characters, not inside a longer
  // run. A public key may contain "SA" followed by 50 more characters, and a 52-character JWT ID
  // may start with "SU", so neither length may be accepted.
  private static final Pattern ANY_SEED =
      Pattern.compile("(?<![A-Z2-7])S[OAUNCXP][A-Z2-7]{56}(?![A-Z2-7])");

  private SeedAssertions() {}

  /**
   * Fails when the text contains the given seed, or anything shaped like a seed.
   *
   * @param text output to check
   * @param seed a seed the run had access to
   */
  public static void assertNoSeed(String text, String seed) {
    assertFalse(text.contains(seed), () -> "seed leaked:\n" + text);
    if (seed.length() >= 40) {
      assertFalse(text.contains(seed.substring(2, 40)), () -> "part of the seed leaked:\n" + text);
    }
    assertNoSeed(text);
  }

  /**
   * Fails when the text contains anything shaped like a seed.
   *
   * @param text output to check
   */
  public static void assertNoSeed(String text) {
    assertFalse(ANY_SEED.matcher(text).find(), () -> "something like a seed was printed:\n" + text);
  }
}
