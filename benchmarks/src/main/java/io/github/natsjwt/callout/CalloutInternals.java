package io.github.natsjwt.callout;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.Signer;
import java.time.Clock;

/**
 * Reaches the package-private request handling of {@link CalloutService} so that the benchmarks can
 * time the real per-request path (decrypt, decode and verify, authorize under the deadline, mint,
 * sign, encrypt, reply, notify) without a server or a connection. Benchmarks only.
 */
public final class CalloutInternals {
  private final CalloutService service;

  private CalloutInternals(CalloutService service) {
    this.service = service;
  }

  /**
   * A detached service in operator mode, built and checked as {@link
   * CalloutService.Builder#start()} does, that never subscribes.
   *
   * @param issuer the callout account's key
   * @param xkey the service's curve key, or null for plain requests only
   * @param authorizer who decides
   * @param clock the clock
   * @return the handle
   */
  public static CalloutInternals detached(
      Signer issuer, NKey xkey, Authorizer authorizer, Clock clock) {
    CalloutService.Builder b =
        CalloutService.detachedBuilder().issuer(issuer).authorizer(authorizer).clock(clock);
    if (xkey != null) {
      b.xkey(xkey);
    }
    return new CalloutInternals(b.detach());
  }

  /**
   * Handles one request on the calling thread, as the service's executor would, and returns the
   * reply.
   *
   * @param data the message payload
   * @param serverXkey the {@code Nats-Server-Xkey} header, or null when absent
   * @return the reply payload
   * @throws IllegalStateException when the service answered with an error reply, or not at all
   */
  public byte[] answer(byte[] data, String serverXkey) {
    Capture c = new Capture(data, serverXkey);
    service.handle(c, System.nanoTime());
    if (c.reply == null) {
      throw new IllegalStateException("error reply: " + c.error);
    }
    return c.reply;
  }

  /** Stops the deadline timer. */
  public void close() {
    service.close();
  }

  private static final class Capture implements CalloutService.Exchange {
    private final byte[] data;
    private final String serverXkey;
    byte[] reply;
    String error;

    Capture(byte[] data, String serverXkey) {
      this.data = data;
      this.serverXkey = serverXkey;
    }

    @Override
    public String replyTo() {
      return "_INBOX.bench";
    }

    @Override
    public byte[] data() {
      return data;
    }

    @Override
    public String serverXkey() {
      return serverXkey;
    }

    @Override
    public void respond(byte[] payload) {
      reply = payload;
    }

    @Override
    public void respondError(String text, int code) {
      error = code + " " + text;
    }
  }
}
