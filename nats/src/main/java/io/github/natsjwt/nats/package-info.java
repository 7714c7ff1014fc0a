/**
 * Account JWTs on a live NATS cluster: push, look up, list and delete them through the system
 * account ({@link io.github.natsjwt.nats.AccountJwtClient}), and resolve accounts from the cluster
 * for a verifier ({@link io.github.natsjwt.nats.NatsAccountResolver}).
 *
 * <p>The subjects, payloads and reply formats are those of spec trust-chain.md section 1.4. The
 * connection is a jnats {@code io.nats.client.Connection} of a user of the system account.
 */
@NullMarked
package io.github.natsjwt.nats;

import org.jspecify.annotations.NullMarked;
