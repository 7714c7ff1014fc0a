package io.github.natsjwt.callout;

/**
 * Why a message on the callout subject was refused before any authorizer saw it (spec
 * trust-chain.md section 7.2).
 */
public enum RequestProblem {
  /** The message has no reply subject, so there is no one to answer. */
  NO_REPLY_SUBJECT,
  /** The request carries the {@code Nats-Server-Xkey} header but the service has no xkey. */
  XKEY_NOT_CONFIGURED,
  /** The request could not be opened with the service's xkey and the header's server xkey. */
  NOT_DECRYPTABLE,
  /** The payload is not a well-formed authorization request JWT. */
  MALFORMED,
  /** The signature does not verify with the {@code iss} key. */
  BAD_SIGNATURE,
  /** The issuer is not a server key ({@code N...}). */
  NOT_FROM_A_SERVER,
  /** The audience is not {@code nats-authorization-request}. */
  WRONG_AUDIENCE,
  /** The request fails validation: expired, not yet valid, or no valid user nkey. */
  INVALID_CLAIMS,
  /** {@code server_id.id} or {@code server_id.xkey} does not match the signer or the header. */
  INCONSISTENT_SERVER,
  /** The issuing server is not among the allowed servers. */
  SERVER_NOT_ALLOWED,
  /** The service has more requests in flight than it accepts. */
  OVERLOADED
}
