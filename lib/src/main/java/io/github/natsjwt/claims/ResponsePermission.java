package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.time.Duration;
import java.util.Objects;

/**
 * Permission to publish replies to the reply subjects of received requests (spec claims.md section
 * 3.3.3): at most {@code max} replies within {@code ttl} of each request.
 *
 * <p>Immutable and thread-safe. Both fields are always written ({@code "resp":{"max":0,"ttl":0}} is
 * a valid, present value); {@code ttl} travels as integer nanoseconds.
 *
 * <pre>{@code
 * ResponsePermission resp = new ResponsePermission(1, Duration.ofSeconds(5));
 * }</pre>
 *
 * @param max the number of replies allowed per request (the reference puts no bounds on it)
 * @param ttl how long after the request replies are allowed
 */
public record ResponsePermission(long max, Duration ttl) {
  /**
   * Checks the fields.
   *
   * @param max the number of replies
   * @param ttl the time window
   * @throws IllegalArgumentException when {@code ttl} does not fit in 64-bit nanoseconds
   */
  public ResponsePermission {
    Objects.requireNonNull(ttl, "ttl");
    try {
      ttl.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "ttl " + ttl + " does not fit in 64-bit nanoseconds, as the format requires", e);
    }
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.name("max").value(max);
    w.name("ttl").value(ttl.toNanos());
    w.endObject();
  }

  static ResponsePermission read(JsonIn o) {
    return new ResponsePermission(o.int64("max"), Duration.ofNanos(o.int64("ttl")));
  }
}
