package io.github.natsjwt.callout;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The deadlines of the requests in flight, all of one length, watched by one daemon thread that
 * looks at them every tick (a tenth of the deadline, at most 10 ms) while any is pending and sleeps
 * while none is.
 *
 * <p>Thread-safe. A {@code ScheduledThreadPoolExecutor} woke its thread on every request when
 * requests came one at a time (a task that becomes the head of its queue signals the thread, and a
 * cancelled task leaves the queue): about a fifth of the CPU time of a request. Here a request only
 * joins a queue; as every deadline has the same length, the queue is in deadline order, and the
 * thread stops at the first request that is neither answered nor due. A timeout fires at most one
 * tick late.
 */
final class Deadlines {
  private static final long MAX_TICK_NANOS = Duration.ofMillis(10).toNanos();

  private final long deadlineNanos;
  private final long tickNanos;
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean idle;
  private volatile boolean closed;

  Deadlines(Duration deadline, String threadName) {
    deadlineNanos = deadline.toNanos();
    tickNanos = Math.max(1, Math.min(MAX_TICK_NANOS, deadlineNanos / 10));
    thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * One request's deadline: whoever sets it first answers, the request's handler through {@link
   * #answer()} or the watcher when the deadline passes. The timeout action is dropped once
   * answered, so that what it holds can be collected before the deadline.
   */
  static final class Pending extends AtomicBoolean {
    private static final long serialVersionUID = 1L;
    final long dueNanos;
    private transient volatile @Nullable Runnable onTimeout;

    Pending(long dueNanos, Runnable onTimeout) {
      this.dueNanos = dueNanos;
      this.onTimeout = onTimeout;
    }

    /**
     * Claims the answer for the handler.
     *
     * @return false when the deadline passed first and its action answered
     */
    boolean answer() {
      if (!compareAndSet(false, true)) {
        return false;
      }
      onTimeout = null;
      return true;
    }
  }

  /**
   * Starts a deadline now.
   *
   * @param onTimeout run on the watcher's thread if the deadline passes unanswered
   * @return the deadline, to {@link Pending#answer()} when the request is decided
   */
  Pending start(Runnable onTimeout) {
    Pending p = new Pending(System.nanoTime() + deadlineNanos, onTimeout);
    pending.add(p);
    if (idle) {
      LockSupport.unpark(thread);
    }
    return p;
  }

  /**
   * Stops the watcher once the deadlines already started have passed or been answered; the requests
   * in flight are still answered at their deadline.
   */
  void close() {
    closed = true;
    LockSupport.unpark(thread);
  }

  private void run() {
    while (!closed || !pending.isEmpty()) {
      sweep();
      if (pending.isEmpty()) {
        if (closed) {
          return;
        }
        // Set before looking again: start() adds, then reads idle; one of the two sees the other.
        idle = true;
        if (pending.isEmpty() && !closed) {
          LockSupport.park(this);
        }
        idle = false;
      } else {
        LockSupport.parkNanos(this, tickNanos);
      }
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Pending p = pending.peek(); p != null; p = pending.peek()) {
      if (!p.get()) {
        if (now - p.dueNanos < 0) {
          return; // the rest are due later still
        }
        Runnable action = p.onTimeout;
        if (p.compareAndSet(false, true) && action != null) {
          try {
            action.run();
          } catch (RuntimeException | LinkageError | AssertionError e) {
            // the action reports its own failures; the watcher must go on for the others
          }
        }
      }
      pending.poll();
    }
  }
}
