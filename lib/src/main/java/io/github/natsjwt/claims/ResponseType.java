package io.github.natsjwt.claims;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an exported service responds ({@code response_type}, spec claims.md section 3.2.5): one
 * message, a stream of messages, or one response in chunks.
 *
 * <p>Immutable and thread-safe. The wire carries any string, so other values are kept as read (and
 * reported by validation); {@link #isKnown()} tells them apart. Compare with {@code equals}.
 */
public final class ResponseType {
  /** A single response (the default of a service). */
  public static final ResponseType SINGLETON = new ResponseType("Singleton");

  /** Any number of responses. */
  public static final ResponseType STREAM = new ResponseType("Stream");

  /** One response sent in chunks. */
  public static final ResponseType CHUNKED = new ResponseType("Chunked");

  private final String value;

  private ResponseType(String value) {
    this.value = value;
  }

  /**
   * Returns the response type with this wire value.
   *
   * @param value for example {@code "Stream"}; case-sensitive
   * @return one of the constants, or an unknown type holding the value
   * @throws IllegalArgumentException for {@code ""}, which means "not set"
   */
  public static ResponseType of(String value) {
    Objects.requireNonNull(value, "value");
    switch (value) {
      case "Singleton":
        return SINGLETON;
      case "Stream":
        return STREAM;
      case "Chunked":
        return CHUNKED;
      case "":
        throw new IllegalArgumentException(
            "an empty response type means none is set; leave it unset instead");
      default:
        return new ResponseType(value);
    }
  }

  /**
   * Returns the wire value.
   *
   * @return for example {@code "Singleton"}
   */
  public String value() {
    return value;
  }

  /**
   * Returns whether this is one of {@code Singleton}, {@code Stream} and {@code Chunked}.
   *
   * @return {@code true} for a known type
   */
  public boolean isKnown() {
    return this == SINGLETON || this == STREAM || this == CHUNKED;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ResponseType && ((ResponseType) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
