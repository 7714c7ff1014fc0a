package io.github.natsjwt.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.nkey.NKeyType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Account JWTs held in memory, like the server's {@code resolver: MEMORY} filled by {@code
 * resolver_preload} (spec trust-chain.md section 1.2).
 *
 * <p>Immutable and thread-safe. Every JWT is checked when the resolver is built, as the server
 * checks preloads when it reads its configuration: the key must be a valid account public key, and
 * the JWT must decode as an account JWT (signature included) whose subject is that key. Expiry and
 * the issuer's trust are not checked here; the verifier checks them at every use, as the server
 * does when an account is looked up.
 *
 * <pre>{@code
 * AccountResolver resolver = MemoryAccountResolver.of(accountJwt, otherAccountJwt);
 * AccountResolver same = MemoryAccountResolver.builder().preload(accountKey, accountJwt).build();
 * }</pre>
 */
public final class MemoryAccountResolver implements AccountResolver {
  static final String NOT_AN_ACCOUNT_JWT = "Account JWT to add is not a valid account JWT: %s";
  static final String BAD_SUBJECT =
      "Account JWT to add has the subject (sub) %s, which is not a valid account public key.";
  private static final String PRELOAD = "Preloaded JWT";
  private static final MemoryAccountResolver EMPTY = new MemoryAccountResolver(Map.of());

  private final Map<String, String> jwts;

  private MemoryAccountResolver(Map<String, String> jwts) {
    this.jwts = Map.copyOf(jwts);
  }

  /**
   * Returns a resolver that holds no account.
   *
   * @return an empty resolver
   */
  public static MemoryAccountResolver empty() {
    return EMPTY;
  }

  /**
   * Creates a resolver holding account JWTs, each under its subject.
   *
   * @param accountJwts the account JWTs
   * @return the resolver
   * @throws InvalidAccountJwtException when a token is not an account JWT
   */
  public static MemoryAccountResolver of(String... accountJwts) {
    Objects.requireNonNull(accountJwts, "accountJwts");
    Builder b = builder();
    for (String jwt : accountJwts) {
      b.add(jwt);
    }
    return b.build();
  }

  /**
   * Creates a resolver from a {@code resolver_preload}-style map of account key to account JWT.
   *
   * @param preloads account public key to account JWT
   * @return the resolver
   * @throws AccountResolutionException when a key is not a valid account public key
   * @throws InvalidAccountJwtException when a JWT is not an account JWT or its subject is not its
   *     key
   */
  public static MemoryAccountResolver of(Map<String, String> preloads) {
    Objects.requireNonNull(preloads, "preloads");
    Builder b = builder();
    preloads.forEach(b::preload);
    return b.build();
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the JWT preloaded for an account.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the account JWT as given, or empty when none was preloaded
   * @throws AccountResolutionException when the key is not a valid account public key
   */
  @Override
  public Optional<String> fetch(String accountPublicKey) {
    ResolverText.requireAccountKey(accountPublicKey, "there is nothing to look up.");
    return Optional.ofNullable(jwts.get(accountPublicKey));
  }

  /**
   * Returns the accounts this resolver holds.
   *
   * @return an unmodifiable set of account public keys
   */
  public Set<String> accounts() {
    return jwts.keySet();
  }

  /**
   * Returns a short description: the number of accounts held (never the tokens).
   *
   * @return for example {@code MemoryAccountResolver[2 accounts]}
   */
  @Override
  public String toString() {
    return "MemoryAccountResolver[" + jwts.size() + (jwts.size() == 1 ? " account]" : " accounts]");
  }

  /**
   * Collects account JWTs for a {@link MemoryAccountResolver}.
   *
   * <p>Not thread-safe; build() returns an immutable snapshot. Each JWT is checked when it is
   * added, so a bad preload fails at the line that adds it.
   */
  public static final class Builder {
    private final Map<String, String> jwts = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds an account JWT under its own subject.
     *
     * @param accountJwt the account JWT
     * @return this builder
     * @throws InvalidAccountJwtException when the token is not an account JWT, or its subject is
     *     not a valid account public key
     */
    public Builder add(String accountJwt) {
      Objects.requireNonNull(accountJwt, "accountJwt");
      String subject;
      try {
        // Read as the oldest server generation reads it, so that a JWT whose newer fields only
        // some verifiers check can still be looked up; each verifier decides on it with its own
        // profile.
        subject = AccountJwts.READER.decode(accountJwt, AccountClaims.class).claims().subject();
      } catch (NatsJwtException e) {
        throw new InvalidAccountJwtException(
            "", String.format(NOT_AN_ACCOUNT_JWT, e.getMessage()), e);
      }
      if (!NKeyType.ACCOUNT.isValidPublicKey(subject)) {
        throw new InvalidAccountJwtException(
            "", String.format(BAD_SUBJECT, ResolverText.describe(subject)));
      }
      jwts.put(subject, accountJwt);
      return this;
    }

    /**
     * Adds an account JWT under a key, as one {@code resolver_preload} entry; a later entry for the
     * same key replaces an earlier one.
     *
     * @param accountPublicKey the account's {@code A...} key
     * @param accountJwt its JWT
     * @return this builder
     * @throws AccountResolutionException when the key is not a valid account public key
     * @throws InvalidAccountJwtException when the JWT is not an account JWT or its subject is not
     *     the key
     */
    public Builder preload(String accountPublicKey, String accountJwt) {
      ResolverText.requireAccountKey(accountPublicKey, "it cannot be preloaded.");
      AccountJwts.decodeFor(accountPublicKey, accountJwt, PRELOAD);
      jwts.put(accountPublicKey, accountJwt);
      return this;
    }

    /**
     * Builds the resolver.
     *
     * @return an immutable resolver holding the JWTs added so far
     */
    public MemoryAccountResolver build() {
      return jwts.isEmpty() ? EMPTY : new MemoryAccountResolver(jwts);
    }
  }
}
