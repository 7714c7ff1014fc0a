/**
 * NATS creds files and the decorated formats of JWTs and seeds (spec claims.md sections 5.1 and
 * 5.2, nkeys.md section 6.1): {@link io.github.natsjwt.creds.Creds} reads, checks, holds and writes
 * a user's JWT and seed; {@link io.github.natsjwt.creds.CredsFormat} decorates and extracts the
 * single parts.
 *
 * <p>Output that holds a seed is returned as {@code char[]} or {@code byte[]} that the caller
 * wipes, or written straight to a new owner-only file. Every buffer that held a seed while reading
 * is wiped, and no message or {@code toString()} ever shows a seed.
 */
@NullMarked
package io.github.natsjwt.creds;

import org.jspecify.annotations.NullMarked;
