/**
 * Byte codecs of the NKey and JWT formats: base32 (RFC 4648, unpadded), base64url with the
 * reference's leniency for CR and LF, the NKey CRC-16, and UTF-8 lengths of Java strings. Not
 * exported; not part of the API.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal.codec;

import org.jspecify.annotations.NullMarked;
