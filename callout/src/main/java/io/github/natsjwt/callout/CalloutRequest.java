package io.github.natsjwt.callout;

import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.ClientInformation;
import io.github.natsjwt.claims.ClientTls;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.claims.UserClaims;
import java.util.Optional;

/**
 * A verified authorization request (spec trust-chain.md section 7.2, claims.md section 3.6): it was
 * decrypted when the server encrypted it, decoded, its signature verified against a server key
 * ({@code N...}), its audience is {@code nats-authorization-request} and it has not expired.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves out the client's credentials.
 */
public final class CalloutRequest {
  private final AuthorizationRequestClaims claims;
  private final boolean encrypted;
  private final String userAudience;
  private final String issuerAccount;

  CalloutRequest(
      AuthorizationRequestClaims claims,
      boolean encrypted,
      String userAudience,
      String issuerAccount) {
    this.claims = claims;
    this.encrypted = encrypted;
    this.userAudience = userAudience;
    this.issuerAccount = issuerAccount;
  }

  /**
   * Returns the request's claims as the server signed them.
   *
   * @return the claims
   */
  public AuthorizationRequestClaims claims() {
    return claims;
  }

  /**
   * Returns the public user key the server generated for this connection; the minted user must have
   * it as its subject.
   *
   * @return a {@code U...} key
   */
  public String userNkey() {
    return claims.userNkey();
  }

  /**
   * Returns the client's CONNECT options: user, password, token, JWT, nkey, name, language.
   *
   * @return the options; they may hold secrets, so do not log them
   */
  public ConnectOptions connectOptions() {
    return claims.connectOptions();
  }

  /**
   * Returns what the server knows about the client: host, client id, name, kind.
   *
   * @return the client information
   */
  public ClientInformation clientInformation() {
    return claims.clientInformation();
  }

  /**
   * Returns the client's TLS state, when it connected with TLS.
   *
   * @return the TLS version, cipher and certificates; empty without TLS
   */
  public Optional<ClientTls> clientTls() {
    return claims.clientTls();
  }

  /**
   * Returns the server that asks.
   *
   * @return its name, host, id ({@code N...} key) and version
   */
  public ServerId server() {
    return claims.serverId();
  }

  /**
   * Returns whether the server encrypted the request; the response is then encrypted too.
   *
   * @return true when the request carried the {@code Nats-Server-Xkey} header
   */
  public boolean isEncrypted() {
    return encrypted;
  }

  /**
   * Starts the user to mint, prefilled with the request's user key as subject, the target account
   * as audience (the account name in config mode, the issuing account's key in operator mode) and,
   * when the service signs with a signing key, its account as {@code issuer_account}. Each call
   * returns a new builder.
   *
   * @return a new builder
   */
  public UserClaims.Builder newUser() {
    UserClaims.Builder b = UserClaims.builder(userNkey()).audience(userAudience);
    if (!issuerAccount.isEmpty()) {
      b.issuerAccount(issuerAccount);
    }
    return b;
  }

  /** Names the server, the user key and the client; no credentials. */
  @Override
  public String toString() {
    return "CalloutRequest[server="
        + server().id()
        + ", userNkey="
        + userNkey()
        + ", client="
        + clientInformation().id()
        + ", encrypted="
        + encrypted
        + "]";
  }
}
