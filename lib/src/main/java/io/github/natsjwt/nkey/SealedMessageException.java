package io.github.natsjwt.nkey;

/**
 * A sealed ({@code xkv1}) message that cannot be opened: too short, an unknown version, or it does
 * not authenticate with these keys.
 *
 * <p>Immutable and thread-safe. {@link #code()} is {@link NKeyErrorCode#INVALID_ENCRYPTED}, {@link
 * NKeyErrorCode#INVALID_ENC_VERSION} or {@link NKeyErrorCode#COULD_NOT_DECRYPT}.
 */
public final class SealedMessageException extends NKeyException {
  private static final long serialVersionUID = 1L;

  static final String TOO_SHORT =
      "sealed message is %d bytes long; an xkv1 message has at least 44 (4-byte header, 24-byte"
          + " nonce, 16-byte tag)";
  static final String WRONG_VERSION =
      "sealed message starts with %s, not the version header \"xkv1\"";
  static final String NOT_AUTHENTIC =
      "sealed message does not open with sender %s and this recipient key: it was altered, or"
          + " sealed for another recipient or by another sender";

  SealedMessageException(NKeyErrorCode code, String message) {
    super(code, message);
  }
}
