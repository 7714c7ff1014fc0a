package io.github.natsjwt.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A request to the system services on a private inbox, and the replies collected for it, for {@link
 * AccountJwtClient} and {@link ConnectionKicker}: until a reply is enough, the expected number of
 * servers has answered, {@link #MAX_REPLIES} have, none has come for the settle time after the last
 * (when the number of servers is not known), or the timeout.
 */
final class SysRequest {
  /** The most replies collected for one request. */
  static final int MAX_REPLIES = AccountJwtClient.MAX_REPLIES;

  static final String CLOSED = "Cannot send %s: the connection is %s.";
  static final String INTERRUPTED = "Interrupted while waiting for replies to %s.";

  private SysRequest() {}

  /**
   * Checks a builder's timeout or settle time.
   *
   * @throws IllegalArgumentException when not more than zero or above {@link
   *     AccountJwtClient#MAX_TIMEOUT}
   */
  static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.compareTo(AccountJwtClient.MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          name
              + " must be more than zero and at most "
              + AccountJwtClient.MAX_TIMEOUT
              + ", got "
              + d);
    }
    return d;
  }

  /**
   * Checks a builder's number of expected servers.
   *
   * @throws IllegalArgumentException when not between 0 and {@link #MAX_REPLIES}
   */
  static int expectedServers(int servers) {
    if (servers < 0 || servers > MAX_REPLIES) {
      throw new IllegalArgumentException(
          "expectedServers must be between 0 (unknown) and " + MAX_REPLIES + ", got " + servers);
    }
    return servers;
  }

  /**
   * How a client waits.
   *
   * @param connection the system-account connection
   * @param timeout how long to wait, from when the request is sent
   * @param settle how long to wait for more after the last reply, when {@code expected} is 0
   * @param expected how many servers answer; 0 when unknown
   * @param maxReplyBytes the largest reply taken
   * @param tooLarge the message for a larger one: subject, size, limit
   * @param log where each reply is traced
   */
  record Waiting(
      Connection connection,
      Duration timeout,
      Duration settle,
      int expected,
      int maxReplyBytes,
      String tooLarge,
      Logger log) {

    /**
     * Sends a request and collects its replies. "No responders" (no server subscribed) ends the
     * wait.
     *
     * @param subject the request subject
     * @param body the request
     * @param enough a reply after which no more are needed
     * @param noResponders the exception to throw for "no responders" before any reply, or {@code
     *     null} to return what has come
     * @return the replies, in order; possibly none
     * @throws AccountJwtClientException when the connection is closed or the thread interrupted
     * @throws MalformedReplyException when a reply is larger than {@code maxReplyBytes}
     * @throws NoReplyException the one {@code noResponders} gives
     */
    List<Message> gather(
        String subject,
        byte[] body,
        Predicate<Message> enough,
        @Nullable Supplier<NoReplyException> noResponders) {
      Subscription sub;
      try {
        sub = connection.subscribe(connection.createInbox());
        connection.publish(subject, sub.getSubject(), body);
      } catch (IllegalStateException e) {
        throw new AccountJwtClientException(subject, String.format(CLOSED, subject, status()), e);
      }
      List<Message> replies = new ArrayList<>();
      try {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReply = 0;
        while (true) {
          long now = System.nanoTime();
          long wait = deadline - now;
          if (!replies.isEmpty() && expected == 0) {
            wait = Math.min(wait, lastReply + settle.toNanos() - now);
          }
          if (wait <= 0) {
            break;
          }
          // jnats waits forever for a zero timeout, so never pass less than a millisecond.
          Message m = sub.nextMessage(Duration.ofMillis(Math.max(1, (wait + 999_999) / 1_000_000)));
          if (m == null) {
            continue;
          }
          if (m.isStatusMessage()) {
            if (m.getStatus().isNoResponders()) {
              if (noResponders != null && replies.isEmpty()) {
                throw noResponders.get();
              }
              break;
            }
            continue;
          }
          int size = m.getData() == null ? 0 : m.getData().length;
          if (size > maxReplyBytes) {
            throw new MalformedReplyException(
                subject, String.format(tooLarge, subject, size, maxReplyBytes));
          }
          replies.add(m);
          lastReply = System.nanoTime();
          if (log.isLoggable(Level.TRACE)) {
            log.log(
                Level.TRACE,
                "Reply " + replies.size() + " to " + subject + ": " + size + " bytes.");
          }
          if (enough.test(m)
              || (expected > 0 && replies.size() >= expected)
              || replies.size() >= MAX_REPLIES) {
            break;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AccountJwtClientException(subject, String.format(INTERRUPTED, subject), e);
      } catch (IllegalStateException e) {
        throw new AccountJwtClientException(subject, String.format(CLOSED, subject, status()), e);
      } finally {
        try {
          sub.unsubscribe();
        } catch (IllegalStateException ignored) {
          // The connection closed meanwhile; the subscription is gone with it.
        }
      }
      return replies;
    }

    /** The connection's status, for a message. */
    String status() {
      Connection.Status s = connection.getStatus();
      return s == null ? "not open" : s.name().toLowerCase(Locale.ROOT);
    }
  }
}
