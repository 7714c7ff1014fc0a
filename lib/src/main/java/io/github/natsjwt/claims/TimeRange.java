package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily window in which a user may connect (spec claims.md section 3.3.5), as {@code HH:MM:SS}
 * texts interpreted in the user's {@code times_location}.
 *
 * <p>Immutable and thread-safe. The texts are kept as given; {@link Claims#validate} reports
 * missing or unparsable ones.
 *
 * <pre>{@code
 * TimeRange office = new TimeRange("09:00:00", "17:30:00");
 * }</pre>
 *
 * @param start the start, for example {@code "09:00:00"}
 * @param end the end, for example {@code "17:30:00"}
 */
public record TimeRange(String start, String end) {
  /**
   * Checks the fields.
   *
   * @param start the start
   * @param end the end
   */
  public TimeRange {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
  }

  /**
   * Returns the start as the server reads it: Go's {@code time.Parse("15:04:05", ...)}, which
   * allows a one-digit hour and keeps a fraction after the seconds (spec trust-chain.md section
   * 3.5).
   *
   * @return the time of day, or empty when {@link #start()} does not parse
   */
  public Optional<LocalTime> startTime() {
    return Optional.ofNullable(GoFormats.clockTime(start));
  }

  /**
   * Returns the end as the server reads it, like {@link #startTime()}.
   *
   * @return the time of day, or empty when {@link #end()} does not parse
   */
  public Optional<LocalTime> endTime() {
    return Optional.ofNullable(GoFormats.clockTime(end));
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("start", start);
    w.field("end", end);
    w.endObject();
  }

  static TimeRange read(JsonIn o) {
    return new TimeRange(o.string("start"), o.string("end"));
  }

  /** The reference's TimeRange.Validate. */
  void validate(ValidationResult.Collector c) {
    if (start.isEmpty()) {
      c.error("time ranges start must contain a start");
    } else if (!GoFormats.isClockTime(start)) {
      c.error("start in time range is invalid " + GoText.quote(start));
    }
    if (end.isEmpty()) {
      c.error("time ranges end must contain an end");
    } else if (!GoFormats.isClockTime(end)) {
      c.error("end in time range is invalid " + GoText.quote(end));
    }
  }
}
