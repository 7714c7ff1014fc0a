package io.github.natsjwt.nats;

import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.AccountResolutionException;
import io.github.natsjwt.trust.AccountResolver;
import io.github.natsjwt.trust.InvalidAccountJwtException;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves account JWTs from a live cluster's full or cache resolvers, with {@link
 * AccountJwtClient#lookup(String)}: for an authorization service that verifies users against the
 * accounts the cluster holds.
 *
 * <p>Immutable and thread-safe. Every fetch is a round trip to the cluster (up to the client's
 * timeout); wrap it in a {@link io.github.natsjwt.trust.CachingAccountResolver} to keep answers for
 * a while. As with every resolver, the JWT returned is decoded and verified by the caller.
 *
 * <p>Its lookups are logged by the client, to {@code io.github.natsjwt.nats.AccountJwtClient}:
 * failures at WARNING, each answer at DEBUG.
 *
 * <pre>{@code
 * AccountResolver resolver = NatsAccountResolver.of(AccountJwtClient.of(systemConnection));
 * TrustVerifier verifier = TrustVerifier.builder().trustOperator(operatorJwt)
 *     .accountResolver(resolver).build();
 * }</pre>
 */
public final class NatsAccountResolver implements AccountResolver {
  static final String INVALID_KEY =
      "%s is not a valid account public key (expected 56 characters starting with 'A', as in"
          + " a user JWT's issuer_account); the cluster is not asked for it.";
  static final String FAILED = "Could not look up account %s on the NATS cluster: %s";

  private final AccountJwtClient client;

  private NatsAccountResolver(AccountJwtClient client) {
    this.client = client;
  }

  /**
   * Creates a resolver that looks accounts up with a client.
   *
   * @param client a client on a system-account connection
   * @return the resolver
   */
  public static NatsAccountResolver of(AccountJwtClient client) {
    return new NatsAccountResolver(Objects.requireNonNull(client, "client"));
  }

  /**
   * Looks up an account's JWT on the cluster.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the JWT from the first server that has it, or empty when every server that answered has
   *     none
   * @throws InvalidAccountJwtException when a reply is not a JWT or is too large
   * @throws AccountResolutionException when the key is not an account key, no server answered in
   *     time, the connection is closed or the thread is interrupted
   */
  @Override
  public Optional<String> fetch(String accountPublicKey) {
    Objects.requireNonNull(accountPublicKey, "accountPublicKey");
    if (!NKeyType.ACCOUNT.isValidPublicKey(accountPublicKey)) {
      throw new AccountResolutionException(
          accountPublicKey, String.format(INVALID_KEY, AccountEdit.describeKey(accountPublicKey)));
    }
    try {
      return client.lookup(accountPublicKey);
    } catch (MalformedReplyException e) {
      throw new InvalidAccountJwtException(
          accountPublicKey, String.format(FAILED, accountPublicKey, e.getMessage()), e);
    } catch (AccountJwtClientException e) {
      throw new AccountResolutionException(
          accountPublicKey, String.format(FAILED, accountPublicKey, e.getMessage()), e);
    }
  }

  /**
   * Names the client.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "NatsAccountResolver[" + client + "]";
  }
}
