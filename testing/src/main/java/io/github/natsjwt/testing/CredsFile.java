package io.github.natsjwt.testing;

import java.nio.CharBuffer;

/**
 * Formats a creds file: the decorated user JWT followed by the decorated user seed (spec claims.md
 * section 5.1), byte for byte as the reference's {@code FormatUserConfig} writes it.
 *
 * <p>This is a stop-gap until {@code io.github.natsjwt.creds} is available in the library; then
 * {@link TestUser} should use it and this class should go.
 */
final class CredsFile {
  private CredsFile() {}

  /**
   * Formats a user JWT and its seed; the caller has checked that they belong together.
   *
   * @param userJwt the user JWT
   * @param seed the user's seed ({@code SU...})
   * @return the creds file's text
   */
  static String format(String userJwt, char[] seed) {
    StringBuilder out = new StringBuilder(userJwt.length() + 400);
    out.append("-----BEGIN NATS USER JWT-----\n")
        .append(userJwt)
        .append("\n------END NATS USER JWT------\n\n");
    out.append("************************* IMPORTANT *************************\n")
        .append("NKEY Seed printed below can be used to sign and prove identity.\n")
        .append("NKEYs are sensitive and should be treated as secrets.\n\n")
        .append("-----BEGIN USER NKEY SEED-----\n")
        .append(CharBuffer.wrap(seed))
        .append("\n------END USER NKEY SEED------\n\n")
        .append("*************************************************************\n");
    return out.toString();
  }
}
