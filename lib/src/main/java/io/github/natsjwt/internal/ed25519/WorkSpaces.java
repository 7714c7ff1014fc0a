package io.github.natsjwt.internal.ed25519;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A few work spaces of one kind lent to calls: Ed25519 verifications (here) and JWT decodes (their
 * buffers, {@code io.github.natsjwt.jwt.DecodeBuffers}). A call takes one, uses it alone and gives
 * it back before it returns, reading only what it wrote, so nothing in one outlives the call that
 * wrote it. Made fresh for each call, the general path's 8 KB cost a server verifying 1,000
 * distinct users' nonce signatures about a tenth of its speed, and the precomputed path's 2 KB
 * (with its SHA-512 digest) about 5 % of a hot-key verification (paired benchmarks: the memory a
 * new one touches is not in the core's cache); kept per thread, they would cost 10 KB for every
 * (virtual) thread that ever verified.
 *
 * <p>Thread-safe and lock-free. Each set holds at most {@link #SLOTS} work spaces, whatever the
 * number of threads: a verification that finds none free makes one, and one given back to a full
 * set is dropped. Slots lie a cache line apart, and each thread starts looking at a slot of its
 * own, so that two cores do not share a line.
 *
 * @param <T> the kind of work space
 */
public final class WorkSpaces<T> {
  /** Slots: twice the processors rounded up to a power of two, at least 4, at most 64. */
  static final int SLOTS = slots(Runtime.getRuntime().availableProcessors());

  /** References between two slots: 64 bytes with compressed references, 128 without. */
  private static final int STRIDE = 16;

  // Declared after SLOTS, which their arrays are sized from.
  /** The general path's work spaces, about 8.5 KB each. */
  static final WorkSpaces<Ed25519Context.General> GENERAL =
      new WorkSpaces<>(Ed25519Context.General::new);

  /** The precomputed path's work spaces, about 2.5 KB each. */
  static final WorkSpaces<Ed25519Context> PRECOMPUTED =
      new WorkSpaces<>(Ed25519Context::forPrecomputed);

  private final AtomicReferenceArray<T> free = new AtomicReferenceArray<>(SLOTS * STRIDE);
  private final Supplier<T> make;

  private WorkSpaces(Supplier<T> make) {
    this.make = make;
  }

  /**
   * A set of at most {@link #SLOTS} work spaces of another kind, such as the buffers a JWT decode
   * borrows.
   *
   * @param <T> the kind of work space
   * @param make makes a work space when none is free
   * @return an empty set
   */
  public static <T> WorkSpaces<T> of(Supplier<T> make) {
    return new WorkSpaces<>(java.util.Objects.requireNonNull(make, "make"));
  }

  static int slots(int processors) {
    int want = Math.max(4, Math.min(64, 2 * processors));
    return Integer.highestOneBit(want * 2 - 1);
  }

  /**
   * Takes a free work space, or makes one.
   *
   * @return a work space for the caller alone until it gives it back
   */
  public T take() {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = ((start + i) & (SLOTS - 1)) * STRIDE;
      T t = free.get(at);
      if (t != null && free.compareAndSet(at, t, null)) {
        return t;
      }
    }
    return make.get();
  }

  /**
   * Gives a work space back; the caller must not use it afterwards. A verification that threw does
   * not give its work space back (its digest may hold part of a message): it is dropped.
   *
   * @param t a work space from {@link #take()}
   */
  public void give(T t) {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = ((start + i) & (SLOTS - 1)) * STRIDE;
      if (free.get(at) == null && free.compareAndSet(at, null, t)) {
        return;
      }
    }
  }

  /** The slot a thread looks at first: from its identity hash, the same on every call. */
  private static int start() {
    int h = System.identityHashCode(Thread.currentThread());
    return h ^ (h >>> 16);
  }
}
