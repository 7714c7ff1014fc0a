/**
 * The commands that talk to a live NATS system: {@code push}, {@code lookup}, {@code list} and
 * {@code delete} account JWTs through the system account.
 */
@NullMarked
package io.github.natsjwt.cli.nats;

import org.jspecify.annotations.NullMarked;
