/**
 * NKeys: the Ed25519 identities of NATS operators, accounts, users, servers and clusters, and the
 * X25519 curve keys ("xkeys") that seal messages.
 *
 * <p>Start with {@link io.github.natsjwt.nkey.NKey}. Encodings follow the NATS reference exactly
 * (base32 without padding, CRC-16/XMODEM appended little-endian, a two-byte seed header), with
 * stricter checks where the reference is lax: only canonical base32, exact payload lengths, exact
 * prefix bytes. Every failure is a subtype of {@link io.github.natsjwt.NatsJwtException}.
 */
@NullMarked
package io.github.natsjwt.nkey;

import org.jspecify.annotations.NullMarked;
