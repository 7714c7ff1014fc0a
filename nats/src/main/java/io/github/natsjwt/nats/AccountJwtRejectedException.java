package io.github.natsjwt.nats;

/**
 * A server refused a push or a delete and said why: the error object of its reply, {@code
 * {"error":{"account":..., "code":500, "description":"jwt validation failed - ..."}}} (spec
 * trust-chain.md section 1.4).
 *
 * <p>Immutable and thread-safe. The server's description comes first in the message and is
 * available unchanged from {@link #description()}; typical ones are {@code jwt validation failed},
 * {@code operator requires issuer to be a signing key} and {@code delete must be enabled in server
 * config}.
 */
public final class AccountJwtRejectedException extends AccountJwtClientException {
  private static final long serialVersionUID = 1L;

  /** The refusing server's name. */
  private final String server;

  /** The refusing server's id. */
  private final String serverId;

  /** The account the server named, or {@code ""}. */
  private final String account;

  /** The server's code. */
  private final int code;

  /** The server's description. */
  private final String description;

  AccountJwtRejectedException(
      String subject,
      String message,
      String server,
      String serverId,
      String account,
      int code,
      String description) {
    super(subject, message);
    this.server = server;
    this.serverId = serverId;
    this.account = account;
    this.code = code;
    this.description = description;
  }

  /**
   * Returns the name of the server that refused.
   *
   * @return the {@code server.name} of its reply, or {@code ""} when it sent none
   */
  public String server() {
    return server;
  }

  /**
   * Returns the id (public key) of the server that refused.
   *
   * @return the {@code server.id} of its reply, or {@code ""} when it sent none
   */
  public String serverId() {
    return serverId;
  }

  /**
   * Returns the account the server named in its reply.
   *
   * @return an account public key, {@code "n/a"} when the server could not decode the JWT, or
   *     {@code ""} when the reply named none
   */
  public String account() {
    return account;
  }

  /**
   * Returns the server's error code.
   *
   * @return usually 500; 0 when the reply had none
   */
  public int code() {
    return code;
  }

  /**
   * Returns the server's description, unchanged (cut to a bounded length).
   *
   * @return for example {@code "jwt validation failed - ..."}
   */
  public String description() {
    return description;
  }
}
