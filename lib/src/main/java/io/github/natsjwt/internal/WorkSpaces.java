package io.github.natsjwt.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few general-path work spaces ({@link Ed25519Context.General}, about 8 KB each) lent to
 * verifications: a verification takes one, uses it alone and gives it back before it returns, so
 * nothing in one outlives the call that wrote it. Made fresh for each call, the 8 KB cost a
 * server verifying 1,000 distinct users' nonce signatures about a tenth of its speed (the memory
 * a new one touches is not in the core's cache); kept per thread, they would cost 8 KB for every
 * (virtual) thread that ever verified.
 *
 * <p>Thread-safe and lock-free. It holds at most {@link #SLOTS} work spaces, whatever the number of
 * threads: a verification that finds none free makes one, and one given back to a full set is
 * dropped. Slots lie a cache line apart, and each thread starts looking at a slot of its own, so
 * that two cores do not share a line.
 */
final class WorkSpaces {
  /** Slots: twice the processors rounded up to a power of two, at least 4, at most 64. */
  static final int SLOTS = slots(Runtime.getRuntime().availableProcessors());

  /** References between two slots: 64 bytes with compressed references, 128 without. */
  private static final int STRIDE = 16;

  private static final AtomicReferenceArray<Ed25519Context.General> FREE =
      new AtomicReferenceArray<>(SLOTS * STRIDE);

  private WorkSpaces() {}

  static int slots(int processors) {
    int want = Math.max(4, Math.min(64, 2 * processors));
    return Integer.highestOneBit(want * 2 - 1);
  }

  /**
   * Takes a free work space, or makes one.
   *
   * @return a work space for the caller alone until it gives it back
   */
  static Ed25519Context.General take() {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = ((start + i) & (SLOTS - 1)) * STRIDE;
      Ed25519Context.General g = FREE.get(at);
      if (g != null && FREE.compareAndSet(at, g, null)) {
        return g;
      }
    }
    return new Ed25519Context.General();
  }

  /**
   * Gives a work space back; the caller must not use it afterwards. A verification that threw
   * does not give its work space back (its digest may hold part of a message): it is dropped.
   *
   * @param g a work space from {@link #take()}
   */
  static void give(Ed25519Context.General g) {
    int start = start();
    for (int i = 0; i < SLOTS; i++) {
      int at = ((start + i) & (SLOTS - 1)) * STRIDE;
      if (FREE.get(at) == null && FREE.compareAndSet(at, null, g)) {
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
