package io.github.natsjwt.creds;

import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The decorated formats of NATS JWTs and seeds (spec claims.md sections 5.1 and 5.2): writing them
 * byte for byte as the Go reference ({@code DecorateJWT}, {@code DecorateSeed}, {@code
 * FormatUserConfig}), and finding a JWT or seed in decorated text.
 *
 * <p>Immutable and thread-safe (static methods only). Results that hold a seed are {@code char[]}
 * that the caller owns and should wipe; every intermediate buffer is wiped.
 *
 * <pre>{@code
 * String decorated = CredsFormat.decorateJwt(accountJwt);  // -----BEGIN NATS ACCOUNT JWT-----...
 * char[] file = CredsFormat.formatUserConfig(userJwt, userSeed);
 * try {
 *   // write it somewhere safe
 * } finally {
 *   Arrays.fill(file, '\0');
 * }
 * }</pre>
 *
 * <p>Reading is stricter and more forgiving than the reference at once: see {@link Creds} for the
 * rules. For a whole creds file use {@link Creds#parse(char[])}, which also checks that the JWT and
 * seed belong together.
 */
public final class CredsFormat {
  static final String IMPORTANT = "************************* IMPORTANT *************************";
  static final String WARNING_1 = "NKEY Seed printed below can be used to sign and prove identity.";
  static final String WARNING_2 = "NKEYs are sensitive and should be treated as secrets.";
  static final String STARS = "*************************************************************";

  private CredsFormat() {}

  // ---------------------------------------------------------------- writing

  /**
   * Decorates a JWT as the reference's {@code DecorateJWT} does, naming the kind of its claims:
   *
   * <pre>
   * -----BEGIN NATS ACCOUNT JWT-----
   * eyJ0eXAiOiJKV1Qi...
   * ------END NATS ACCOUNT JWT------
   * (empty line)
   * </pre>
   *
   * @param jwt the token; it is decoded and its signature verified
   * @return the decorated text, ending with an empty line
   * @throws CredsFormatException when the token does not decode ({@link
   *     CredsErrorCode#INVALID_JWT}, with the {@code jwt} package's exception as the cause) or
   *     holds generic claims ({@link CredsErrorCode#GENERIC_JWT})
   */
  public static String decorateJwt(String jwt) {
    Objects.requireNonNull(jwt, "jwt");
    String where = "decorated JWT";
    checkJwtCharacters(jwt, where);
    Claims claims = decodeJwt(jwt, Claims.class, where, 0).claims();
    if (claims.type() == ClaimType.GENERIC) {
      throw new CredsFormatException(
          CredsErrorCode.GENERIC_JWT,
          "jwt",
          0,
          String.format(CredsFormatException.GENERIC_JWT, where));
    }
    return jwtBlock(claims.type(), jwt);
  }

  /**
   * Decorates an operator, account or user seed as the reference's {@code DecorateSeed} does: a
   * banner, the seed in a {@code -----BEGIN <KIND> NKEY SEED-----} block, and a closing line of
   * stars, ending with a line break.
   *
   * @param seed the seed; white space around it is ignored; not changed, the caller wipes it
   * @return the decorated text; the caller owns it and should wipe it
   * @throws CredsFormatException when the seed does not decode ({@link
   *     CredsErrorCode#INVALID_SEED}) or is not an operator, account or user seed ({@link
   *     CredsErrorCode#WRONG_SEED_TYPE})
   */
  public static char[] decorateSeed(char[] seed) {
    Objects.requireNonNull(seed, "seed");
    try (NKey key = decodeSeed(seed, 0, seed.length, "decorated seed", 0)) {
      return decorateSeed(key);
    }
  }

  /**
   * Decorates the seed of an operator, account or user key; see {@link #decorateSeed(char[])}.
   *
   * @param key a key with its seed
   * @return the decorated text; the caller owns it and should wipe it
   * @throws CredsFormatException when the key has no seed ({@link CredsErrorCode#INVALID_SEED}) or
   *     is not an operator, account or user key ({@link CredsErrorCode#WRONG_SEED_TYPE})
   * @throws io.github.natsjwt.nkey.NKeyOperationException when the key was wiped
   */
  public static char[] decorateSeed(NKey key) {
    Objects.requireNonNull(key, "key");
    String where = "decorated seed";
    requireSeed(key, where);
    if (key.type() != NKeyType.OPERATOR
        && key.type() != NKeyType.ACCOUNT
        && key.type() != NKeyType.USER) {
      throw wrongSeedType(CredsFormatException.NOT_DECORATABLE_SEED, key.type(), where, 0);
    }
    char[] s = key.seed();
    try {
      return seedBlock(key.type(), s);
    } finally {
      Arrays.fill(s, '\0');
    }
  }

  /**
   * Writes a creds file as the reference's {@code FormatUserConfig} does: the decorated user JWT
   * followed by the decorated user seed. The same checks as {@link Creds#of(String, char[])}.
   *
   * @param jwt the user JWT
   * @param seed the user's seed; white space around it is ignored; not changed, the caller wipes it
   * @return the file's characters (ASCII); the caller owns them and should wipe them
   * @throws CredsFormatException when the JWT is not a valid user JWT or the seed not a valid user
   *     seed
   * @throws CredsKeyMismatchException when the seed's public key is not the JWT's subject
   */
  public static char[] formatUserConfig(String jwt, char[] seed) {
    try (Creds creds = Creds.of(jwt, seed)) {
      return creds.format();
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Finds the JWT in decorated text: the token of the one block that holds a JWT, or else the one
   * line that is a bare JWT. The token is not decoded.
   *
   * @param text a creds file or decorated JWT; not changed, the caller wipes it
   * @return the token
   * @throws CredsFormatException when there is no JWT ({@link CredsErrorCode#NO_JWT}), more than
   *     one ({@link CredsErrorCode#AMBIGUOUS}), or a wrapped token ({@link
   *     CredsErrorCode#WRAPPED_TOKEN}), or the text is larger than {@link Creds#MAX_BYTES}
   */
  public static String parseJwt(char[] text) {
    Objects.requireNonNull(text, "text");
    checkSize(text.length, Creds.TEXT);
    CredsText t = CredsText.scan(text, Creds.TEXT);
    return t.string(t.jwt());
  }

  /**
   * Finds the JWT in decorated text given as bytes (ASCII, as read from a file); see {@link
   * #parseJwt(char[])}.
   *
   * @param text a creds file or decorated JWT; not changed, the caller wipes it
   * @return the token
   * @throws CredsFormatException as {@link #parseJwt(char[])} does
   */
  public static String parseJwt(byte[] text) {
    Objects.requireNonNull(text, "text");
    checkSize(text.length, Creds.TEXT);
    char[] chars = chars(text);
    try {
      return parseJwt(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Finds the seed in decorated text: the token of the one block that holds a seed, or else the one
   * line that is a bare seed. Operator, account and user seeds are accepted, as in the reference's
   * {@code ParseDecoratedNKey}.
   *
   * @param text a creds file or decorated seed; not changed, the caller wipes it
   * @return the key with its seed; the caller closes it
   * @throws CredsFormatException when there is no seed ({@link CredsErrorCode#NO_SEED}), more than
   *     one ({@link CredsErrorCode#AMBIGUOUS}), a wrapped token, a seed that does not decode
   *     ({@link CredsErrorCode#INVALID_SEED}) or of another type ({@link
   *     CredsErrorCode#WRONG_SEED_TYPE}), or the text is larger than {@link Creds#MAX_BYTES}
   */
  public static NKey parseSeed(char[] text) {
    Objects.requireNonNull(text, "text");
    checkSize(text.length, Creds.TEXT);
    CredsText t = CredsText.scan(text, Creds.TEXT);
    CredsText.Token token = t.seed();
    String where = t.where(token.line());
    NKey key = decodeSeed(text, token.start(), token.end(), where, token.line());
    if (key.type() != NKeyType.OPERATOR
        && key.type() != NKeyType.ACCOUNT
        && key.type() != NKeyType.USER) {
      NKeyType type = key.type();
      key.close();
      throw wrongSeedType(CredsFormatException.NOT_DECORATABLE_SEED, type, where, token.line());
    }
    return key;
  }

  /**
   * Finds the seed in decorated text given as bytes (ASCII, as read from a file); see {@link
   * #parseSeed(char[])}.
   *
   * @param text a creds file or decorated seed; not changed, the caller wipes it
   * @return the key with its seed; the caller closes it
   * @throws CredsFormatException as {@link #parseSeed(char[])} does
   */
  public static NKey parseSeed(byte[] text) {
    Objects.requireNonNull(text, "text");
    checkSize(text.length, Creds.TEXT);
    char[] chars = chars(text);
    try {
      return parseSeed(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  // ---------------------------------------------------------------- shared with Creds

  static void checkSize(long size, String source) {
    if (size > Creds.MAX_BYTES) {
      throw tooLarge(source, Long.toString(size));
    }
  }

  static CredsFormatException tooLarge(String source, String size) {
    return new CredsFormatException(
        CredsErrorCode.TOO_LARGE,
        "file",
        0,
        String.format(CredsFormatException.TOO_LARGE, source, size, Creds.MAX_BYTES));
  }

  /** Bytes to characters, one each; bytes above ASCII become a character no token can hold. */
  static char[] chars(byte[] bytes) {
    char[] c = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      c[i] = b < 0x80 ? (char) b : '\uFFFD';
    }
    return c;
  }

  static void checkJwtCharacters(String jwt, String where) {
    if (jwt.isEmpty()) {
      decodeJwt(jwt, Claims.class, where, 0); // throws, saying what an empty token lacks
    }
    for (int i = 0; i < jwt.length(); i++) {
      if (!CredsText.isTokenChar(jwt.charAt(i))) {
        throw new CredsFormatException(
            CredsErrorCode.INVALID_JWT,
            "jwt",
            0,
            String.format(CredsFormatException.JWT_CHARACTERS, where, i));
      }
    }
  }

  static <T extends Claims> DecodedJwt<T> decodeJwt(
      String jwt, Class<T> type, String where, int line) {
    try {
      return Jwt.decode(jwt, type);
    } catch (ClaimTypeMismatchException e) {
      throw new CredsFormatException(
          CredsErrorCode.NOT_USER_JWT,
          "jwt",
          line,
          String.format(CredsFormatException.NOT_USER_JWT, where, e.found().jsonName()),
          e);
    } catch (MalformedJwtException | SignatureMismatchException | IssuerNotAllowedException e) {
      throw new CredsFormatException(
          CredsErrorCode.INVALID_JWT,
          "jwt",
          line,
          String.format(CredsFormatException.INVALID_JWT, where, e.getMessage()),
          e);
    }
  }

  static DecodedJwt<UserClaims> decodeUserJwt(String jwt, String where, int line) {
    return decodeJwt(jwt, UserClaims.class, where, line);
  }

  /** Decodes a seed held in {@code text[from, to)} after trimming white space; wipes its copy. */
  static NKey decodeSeed(char[] text, int from, int to, String where, int line) {
    int a = from;
    int b = to;
    while (a < b && (CredsText.isSpace(text[a]) || text[a] == '\n')) {
      a++;
    }
    while (b > a && (CredsText.isSpace(text[b - 1]) || text[b - 1] == '\n')) {
      b--;
    }
    char[] seed = Arrays.copyOfRange(text, a, b);
    try {
      return NKey.fromSeed(seed);
    } catch (InvalidNKeyException e) {
      throw new CredsFormatException(
          CredsErrorCode.INVALID_SEED,
          "seed",
          line,
          String.format(CredsFormatException.INVALID_SEED, where, e.getMessage()),
          e);
    } finally {
      Arrays.fill(seed, '\0');
    }
  }

  static void requireSeed(NKey key, String where) {
    if (!key.hasSeed()) {
      throw new CredsFormatException(
          CredsErrorCode.INVALID_SEED,
          "seed",
          0,
          String.format(CredsFormatException.NO_SEED_IN_KEY, where));
    }
  }

  static CredsFormatException wrongSeedType(
      String template, NKeyType type, String where, int line) {
    return new CredsFormatException(
        CredsErrorCode.WRONG_SEED_TYPE,
        "seed",
        line,
        String.format(
            template, where, article(type.name().toLowerCase(Locale.ROOT)), type.letter()));
  }

  static String jwtBlock(ClaimType type, String jwt) {
    String kind = type.jsonName().toUpperCase(Locale.ROOT);
    return "-----BEGIN NATS "
        + kind
        + " JWT-----\n"
        + jwt
        + "\n------END NATS "
        + kind
        + " JWT------\n\n";
  }

  static char[] seedBlock(NKeyType type, char[] seed) {
    String kind = type.name();
    String head =
        IMPORTANT
            + "\n"
            + WARNING_1
            + "\n"
            + WARNING_2
            + "\n\n-----BEGIN "
            + kind
            + " NKEY SEED-----\n";
    String tail = "\n------END " + kind + " NKEY SEED------\n\n" + STARS + "\n";
    return concat(head, seed, tail);
  }

  /** Joins text around a secret into a new array, without the secret ever being in a String. */
  static char[] concat(String head, char[] secret, String tail) {
    char[] out = new char[head.length() + secret.length + tail.length()];
    head.getChars(0, head.length(), out, 0);
    System.arraycopy(secret, 0, out, head.length(), secret.length);
    tail.getChars(0, tail.length(), out, head.length() + secret.length);
    return out;
  }

  /** ASCII characters to bytes; the caller wipes both. */
  static byte[] ascii(char[] chars) {
    byte[] b = new byte[chars.length];
    for (int i = 0; i < chars.length; i++) {
      b[i] = (byte) chars[i];
    }
    return b;
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }
}
