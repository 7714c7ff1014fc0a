package io.github.natsjwt.callout;

/**
 * Receives one event per message on the callout subject, after the reply was sent.
 *
 * <p>Implementations must be thread-safe and quick; they run on the service's executor. What they
 * throw is caught and dropped, so a listener cannot break the service.
 */
@FunctionalInterface
public interface CalloutListener {
  /** A listener that ignores every event. */
  CalloutListener NONE = event -> {};

  /**
   * Handles one event.
   *
   * @param event what happened
   */
  void onEvent(CalloutEvent event);
}
