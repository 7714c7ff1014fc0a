package io.github.natsjwt.nats;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link AccountUpdater#update}: the account JWT before and after the edit, each
 * server's acceptance of the push, and the lookup that confirmed the servers now serve the new JWT.
 *
 * <p>Immutable and thread-safe.
 *
 * @param account the account's public key
 * @param previousJwt the JWT that was edited (looked up or given)
 * @param jwt the new, re-signed JWT the servers now serve
 * @param pushed one result per server that accepted the push
 */
public record AccountUpdate(
    String account, String previousJwt, String jwt, List<PushResult> pushed) {
  /**
   * Checks the components and copies the list.
   *
   * @param account the account's public key
   * @param previousJwt the JWT that was edited
   * @param jwt the new JWT
   * @param pushed the push results
   * @throws NullPointerException when a component is {@code null}
   */
  public AccountUpdate {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(previousJwt, "previousJwt");
    Objects.requireNonNull(jwt, "jwt");
    pushed = List.copyOf(pushed);
  }

  /** Names the account and the number of servers; no tokens. */
  @Override
  public String toString() {
    return "AccountUpdate[account=" + account + ", servers=" + pushed.size() + "]";
  }
}
