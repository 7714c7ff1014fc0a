package io.github.natsjwt.callout;

/** How one message on the callout subject ended. */
public enum CalloutOutcome {
  /** The authorizer allowed the client; a user JWT was sent. */
  ALLOWED,
  /** The authorizer denied the client; a signed denial was sent. */
  DENIED,
  /** The authorizer threw or passed its deadline; a signed denial was sent. */
  AUTHORIZER_FAILED,
  /** The authorizer allowed a user the server would reject; a signed denial was sent instead. */
  RESPONSE_INVALID,
  /** The message was refused before the authorizer saw it; an error reply was sent. */
  REQUEST_REFUSED,
  /** The reply could not be sent (the connection failed, or the response could not be signed). */
  REPLY_FAILED
}
