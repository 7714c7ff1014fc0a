package io.github.natsjwt.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link SecureRandom} that hands out fixed bytes, so that code taking a random source (key
 * generation, sealing) can be checked against vectors. It also remembers the arrays it filled, so
 * tests can see whether the caller wiped them.
 */
public final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private int next;
  private final transient List<byte[]> filled = Collections.synchronizedList(new ArrayList<>());

  /**
   * Creates a source that returns {@code bytes} in order, then fails.
   *
   * @param bytes what to return
   */
  public FixedRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (next + out.length > bytes.length) {
      throw new IllegalStateException(
          "FixedRandom ran out: "
              + out.length
              + " bytes asked, "
              + (bytes.length - next)
              + " left");
    }
    System.arraycopy(bytes, next, out, 0, out.length);
    next += out.length;
    filled.add(out);
  }

  /**
   * Returns the arrays filled so far, the caller's own arrays (not copies).
   *
   * @return the arrays in the order they were filled
   */
  public List<byte[]> filledArrays() {
    return List.copyOf(filled);
  }
}
