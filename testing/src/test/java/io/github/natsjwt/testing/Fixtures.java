package io.github.natsjwt.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared values for the tests of this module. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The decorated-block pattern of spec claims.md section 5.2, in Java syntax. */
  private static final Pattern BLOCK =
      Pattern.compile(
          "\\s*(?:(?:-{3,}.*-{3,}\\r?\\n)([\\w\\-.=]+)(?:\\r?\\n-{3,}.*-{3,}(\\r?\\n|\\z)))");

  private Fixtures() {}

  /** The JWT and seed of a creds file, read as the reference's parser reads them. */
  record Creds(String jwt, String seed) {}

  static Creds parseCreds(String text) {
    Matcher m = BLOCK.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no JWT block in the creds file");
    }
    String jwt = m.group(1);
    if (!m.find()) {
      throw new AssertionError("no seed block in the creds file");
    }
    return new Creds(jwt, m.group(1));
  }
}
