package io.github.natsjwt.callout;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One message handled by the callout service: its outcome, how long it took from receipt to reply,
 * the verified request (when it got that far) and the failure (when there was one).
 *
 * <p>Immutable and thread-safe. {@link #toString()} holds no credentials.
 */
public final class CalloutEvent {
  private final CalloutOutcome outcome;
  private final Duration latency;
  private final @Nullable CalloutRequest request;
  private final @Nullable Throwable failure;
  private final String reason;

  CalloutEvent(
      CalloutOutcome outcome,
      Duration latency,
      @Nullable CalloutRequest request,
      @Nullable Throwable failure,
      String reason) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.request = request;
    this.failure = failure;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns how the message ended.
   *
   * @return the outcome
   */
  public CalloutOutcome outcome() {
    return outcome;
  }

  /**
   * Returns the time from receipt to the reply being sent.
   *
   * @return the latency
   */
  public Duration latency() {
    return latency;
  }

  /**
   * Returns the verified request.
   *
   * @return the request; empty when the message was refused before it was verified
   */
  public Optional<CalloutRequest> request() {
    return Optional.ofNullable(request);
  }

  /**
   * Returns what went wrong: an {@link InvalidCalloutRequestException}, an {@link
   * AuthorizerFailedException}, an {@link InvalidCalloutResponseException}, or what failed while
   * replying.
   *
   * @return the failure; empty for an allow or an ordinary denial
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns the reason sent for a denial or refusal.
   *
   * @return the reason; {@code ""} when allowed
   */
  public String reason() {
    return reason;
  }

  /** Describes the event by outcome, latency, request and reason. */
  @Override
  public String toString() {
    return "CalloutEvent["
        + outcome
        + ", "
        + latency.toNanos() / 1000
        + " us"
        + (request == null ? "" : ", " + request)
        + (reason.isEmpty() ? "" : ", reason=" + reason)
        + "]";
  }
}
