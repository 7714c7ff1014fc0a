/**
 * Plumbing the library shares with its own modules (natsjwt-nats, natsjwt-callout) through a
 * qualified export: the throttle of repeated log records. Not part of the API. The codecs, the
 * Ed25519 verifier, the JSON engine and the Go-semantics helpers live in the sub-packages {@code
 * codec}, {@code ed25519}, {@code json}, {@code go}, {@code box}, {@code cache} and {@code keys},
 * which are not exported at all.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal;

import org.jspecify.annotations.NullMarked;
