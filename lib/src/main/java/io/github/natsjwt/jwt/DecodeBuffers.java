package io.github.natsjwt.jwt;

import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.internal.ed25519.WorkSpaces;
import io.github.natsjwt.nkey.NKey;

/**
 * The buffers one JWT decode borrows: the decoded payload, the decoded signature and the chunk
 * base64url copies text through. A decode takes a set from {@link #LENT}, and gives it back before
 * it returns or throws; nothing it returns refers to them (the claims reader copies what it keeps,
 * and the signature is only read during the verification). No thread keeps a set: {@link #LENT}
 * holds a few, whatever the number of threads, and makes another when none is free.
 */
final class DecodeBuffers {
  /**
   * Payloads of up to this many bytes are decoded into the lent buffer; larger ones get their own.
   */
  static final int PAYLOAD_BYTES = 6144;

  /** The lent sets. */
  static final WorkSpaces<DecodeBuffers> LENT = WorkSpaces.of(DecodeBuffers::new);

  final byte[] payload = new byte[PAYLOAD_BYTES];
  final byte[] signature = new byte[NKey.SIGNATURE_BYTES];
  final char[] chunk = new char[Base64Url.CHUNK_CHARS];

  private DecodeBuffers() {}
}
