package io.github.natsjwt.callout;

/** How a kick of one connection ended; see {@link CalloutService#kick(String)}. */
public enum KickOutcome {
  /**
   * The server answered {@code $SYS.REQ.SERVER.<id>.KICK} without an error: it closed the client.
   */
  KICKED,
  /**
   * The server answered with an error, for example because the client had already gone; the detail
   * carries the server's description.
   */
  REFUSED,
  /**
   * Nothing answered: no responders or a timeout. The server is gone, the kick connection is not in
   * the system account, or the server predates {@code KICK} (nats-server 2.10.0 added it).
   */
  NO_ANSWER,
  /** The request could not be sent, for example because the kick connection is closed. */
  FAILED
}
