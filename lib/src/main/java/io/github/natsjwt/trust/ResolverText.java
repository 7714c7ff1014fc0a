package io.github.natsjwt.trust;

import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.nkey.NKeyType;
import java.util.Objects;

/**
 * Checks shared by the resolvers: account keys before they become a file name, a map key or a URL
 * path, and the shape of what a source returned before it is handed to the verifier.
 */
final class ResolverText {
  /** The longest rendering of a caller-supplied string in a message. */
  private static final int SHOWN_CHARS = 64;

  static final String INVALID_KEY =
      "%s is not a valid account public key (expected 56 characters starting with 'A', as in"
          + " a user JWT's issuer_account); %s";
  static final String EMPTY_TOKEN =
      "%s for account %s is empty; expected the raw account JWT (three base64url segments"
          + " separated by '.').";
  static final String NOT_A_TOKEN =
      "%s for account %s is not a JWT: byte %s at offset %d cannot appear in one; expected the raw"
          + " account JWT (three base64url segments separated by '.', no decoration).";
  static final String TOO_LARGE =
      "%s for account %s is larger than the %d-byte limit for an account JWT; check the source,"
          + " or raise the resolver's maxTokenBytes.";

  private ResolverText() {}

  /**
   * Checks that a string is a valid account public key.
   *
   * @param key the candidate
   * @param action what the caller will not do, for the message
   * @return the key
   * @throws AccountResolutionException when it is not a valid account key
   */
  static String requireAccountKey(String key, String action) {
    Objects.requireNonNull(key, "accountPublicKey");
    if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
      throw new AccountResolutionException(
          key, String.format(INVALID_KEY, describeKey(key), action));
    }
    return key;
  }

  /**
   * Renders a caller-supplied account key for a message: {@link #describe(String) quoted} unless it
   * may hold key material (a seed passed where the public key belongs), which is {@linkplain
   * Redact#redacted(String) redacted}.
   */
  static String describeKey(String key) {
    return Redact.isShown(key) ? describe(key) : Redact.redacted(key);
  }

  /**
   * Renders an account key for a log record: as it is when it is a valid account public key,
   * otherwise as {@link #describeKey(String)} does.
   */
  static String shownKey(String key) {
    return NKeyType.ACCOUNT.isValidPublicKey(key) ? key : describeKey(key);
  }

  /**
   * Renders a caller-supplied string for a message: quoted, control and non-ASCII characters
   * escaped, and cut after {@value #SHOWN_CHARS} characters, so hostile input can neither flood nor
   * forge a log line.
   */
  static String describe(String s) {
    return Redact.quoted(s, SHOWN_CHARS);
  }

  /**
   * Turns raw bytes from a file or an HTTP body into the token they hold: trailing line breaks are
   * dropped (the server's base64 decoder ignores them too), and anything else that cannot be part
   * of a compact JWT is refused, so a verifier is never handed an HTML page or a decorated file.
   * The token itself is decoded and verified by the caller.
   *
   * @param bytes the raw content
   * @param length how many bytes of {@code bytes} hold content
   * @param maxTokenBytes the largest token allowed
   * @param source what produced the bytes, for the message ("File /x/A.jwt")
   * @param account the account being resolved
   * @return the token
   * @throws InvalidAccountJwtException when the content is empty, too large or not token-shaped
   */
  static String token(byte[] bytes, int length, int maxTokenBytes, String source, String account) {
    int end = length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new InvalidAccountJwtException(account, String.format(EMPTY_TOKEN, source, account));
    }
    if (end > maxTokenBytes) {
      throw new InvalidAccountJwtException(
          account, String.format(TOO_LARGE, source, account, maxTokenBytes));
    }
    for (int i = 0; i < end; i++) {
      int b = bytes[i] & 0xff;
      if (!isTokenByte(b)) {
        throw new InvalidAccountJwtException(
            account, String.format(NOT_A_TOKEN, source, account, describeByte(b), i));
      }
    }
    return new String(bytes, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Base64url, the segment separator, and the line breaks the server's decoder skips. */
  private static boolean isTokenByte(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '_'
        || b == '.'
        || b == '\r'
        || b == '\n';
  }

  private static String describeByte(int b) {
    String hex = String.format("0x%02x", b);
    return b >= 0x20 && b < 0x7f ? hex + " ('" + (char) b + "')" : hex;
  }
}
