package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Objects;

/**
 * Where an account's message traces go ({@code nats.trace}, spec claims.md section 3.2.7).
 *
 * <p>Immutable and thread-safe. A sampling of 0 means 100 percent. The reference's validation
 * rewrites 0 to 100 inside the claim; this library never changes a claim while validating, so the
 * stored value stays 0 (and is written as absent), and {@link #effectiveSampling()} returns the 100
 * the server applies.
 *
 * <pre>{@code
 * MsgTrace trace = MsgTrace.of("trace.acme", 10);
 * }</pre>
 *
 * @param destination the subject traces are published to ({@code dest}); a publish subject, no
 *     wildcards
 * @param sampling the percentage of traced messages ({@code sampling}), 1..100; 0 means 100
 */
public record MsgTrace(String destination, long sampling) {
  /**
   * Checks the fields. Any sampling is accepted, so that tokens can be read and validated.
   *
   * @param destination the subject
   * @param sampling the percentage
   */
  public MsgTrace {
    Objects.requireNonNull(destination, "destination");
  }

  /**
   * Returns a trace destination.
   *
   * @param destination the subject traces are published to
   * @param sampling the percentage, 1..100 (0 means 100)
   * @return the configuration
   */
  public static MsgTrace of(String destination, long sampling) {
    return new MsgTrace(destination, sampling);
  }

  /**
   * Returns the sampling that applies: 100 when none is set.
   *
   * @return the percentage
   */
  public long effectiveSampling() {
    return sampling == 0 ? 100 : sampling;
  }

  void write(GoJsonWriter w) {
    w.name("trace").beginObject();
    w.field("dest", destination);
    w.field("sampling", sampling);
    w.endObject();
  }

  static MsgTrace read(JsonIn o) {
    return new MsgTrace(o.string("dest"), o.int64("sampling"));
  }
}
