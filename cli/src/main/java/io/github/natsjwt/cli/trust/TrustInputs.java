package io.github.natsjwt.cli.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import java.io.InputStream;

/**
 * Reads the JWTs that the trust commands take as options, and names the option in every error, so
 * that a bad operator or account JWT is reported as bad input (exit 2) rather than as a rejected
 * user.
 */
final class TrustInputs {
  private TrustInputs() {}

  /**
   * Reads and decodes a JWT given directly, in a file, or on standard input.
   *
   * @param value the option's value
   * @param option the option, for example {@code --account}
   * @param type the claim type expected
   * @param stdin standard input
   * @param <T> the claim type
   * @return the decoded JWT, its signature verified against its issuer (not its trust)
   * @throws InputException when the value cannot be read or is not such a JWT
   */
  static <T extends Claims> DecodedJwt<T> read(
      String value, String option, Class<T> type, InputStream stdin) {
    String token = token(value, option, stdin);
    try {
      return Jwt.decode(token, type);
    } catch (NatsJwtException e) {
      throw new InputException(option + " " + where(value) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a JWT given directly, in a file, or on standard input, without decoding it.
   *
   * @param value the option's value
   * @param option the option, for messages
   * @param stdin standard input
   * @return the token text
   * @throws InputException when the value cannot be read
   */
  static String token(String value, String option, InputStream stdin) {
    try {
      return TokenSources.read(value, stdin);
    } catch (InputException e) {
      throw new InputException(option + ": " + e.getMessage(), e);
    }
  }

  /**
   * Names where a value came from without repeating a token given directly.
   *
   * @param value a file name, {@code -}, or a token
   * @return for example {@code 'acct.jwt'}, {@code (standard input)} or {@code (the JWT given)}
   */
  static String where(String value) {
    if (Inputs.STDIN.equals(value)) {
      return "(standard input)";
    }
    return Inputs.isReadable(value) ? "'" + value + "'" : "(the JWT given)";
  }
}
