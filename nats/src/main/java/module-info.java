/**
 * Account JWTs on a live NATS cluster through jnats: push, look up, list and delete them through
 * the system account, resolve accounts from the cluster for a verifier, and jnats {@code
 * AuthHandler}s for NKey and creds users.
 *
 * <p>jnats and natsjwt types appear in this module's API (a jnats {@code Connection}, natsjwt's
 * {@code Signer} and {@code AccountResolver}), so both are required transitively. jnats is the
 * automatic module {@code io.nats.jnats} (the {@code Automatic-Module-Name} of its jar).
 */
module io.github.natsjwt.nats {
  requires transitive io.github.natsjwt;
  requires transitive io.nats.jnats;
  requires static transitive org.jspecify;

  exports io.github.natsjwt.nats;
}
