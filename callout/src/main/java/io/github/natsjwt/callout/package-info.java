/**
 * An auth callout service for nats-server 2.10 and later (spec trust-chain.md section 7): it
 * receives the server's authorization requests on {@value
 * io.github.natsjwt.callout.CalloutService#SUBJECT}, verifies them, asks an {@link
 * io.github.natsjwt.callout.Authorizer}, and answers with a signed user JWT or a denial.
 *
 * <pre>{@code
 * CalloutService service = CalloutService.builder(connection)
 *     .issuer(calloutAccountKey)
 *     .authorizer(request -> AuthorizationDecision.allow(request.newUser().name("alice")))
 *     .start();
 * }</pre>
 *
 * <p>The connection is a jnats {@code io.nats.client.Connection} of a user listed in the callout's
 * {@code auth_users}.
 *
 * <p>For tests, {@link io.github.natsjwt.callout.TestCalloutService} starts a service for a {@code
 * io.github.natsjwt.testing.TestCallout} set-up on a running {@code NatsServer} and closes it with
 * the server; it needs the optional {@code natsjwt-testing} artifact.
 */
@NullMarked
package io.github.natsjwt.callout;

import org.jspecify.annotations.NullMarked;
