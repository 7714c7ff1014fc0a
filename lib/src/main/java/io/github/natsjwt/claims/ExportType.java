package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.List;

/**
 * Whether an export, import or activation is about a stream or a service (spec claims.md sections 0
 * and 6).
 *
 * <p>Immutable and thread-safe. In JSON a type is {@code "stream"} or {@code "service"}; {@link
 * #UNKNOWN} is the unset value and is never written. Reading any other string, or {@code null},
 * fails as it does in the reference.
 */
public enum ExportType {
  /** Not set. Validation reports it ({@code invalid export type: "unknown"}). */
  UNKNOWN("unknown"),
  /** A stream: messages flow from the exporter to the importer. */
  STREAM("stream"),
  /** A service: requests flow to the exporter, which replies. */
  SERVICE("service");

  private final String value;

  ExportType(String value) {
    this.value = value;
  }

  /**
   * Returns the reference's name for the type, as used in JSON and in validation messages.
   *
   * @return {@code "stream"}, {@code "service"} or {@code "unknown"}
   */
  public String value() {
    return value;
  }

  /**
   * Finds the type named by a JSON value.
   *
   * @param value {@code "stream"} or {@code "service"} (exact, lower case)
   * @return the type
   * @throws IllegalArgumentException for any other string, with the reference's message {@code
   *     unknown export type "<value>"}
   */
  public static ExportType ofValue(String value) {
    switch (value) {
      case "stream":
        return STREAM;
      case "service":
        return SERVICE;
      default:
        throw new IllegalArgumentException(unknownMessage(value));
    }
  }

  @Override
  public String toString() {
    return value;
  }

  static String unknownMessage(String value) {
    return "unknown export type " + GoText.quote(value);
  }

  /**
   * Reads the field {@code key} as the reference's custom unmarshaler does: absent is {@link
   * #UNKNOWN}; every occurrence, {@code null} included, must be {@code "stream"} or {@code
   * "service"}.
   */
  static ExportType read(JsonIn obj, String key) {
    ExportType type = UNKNOWN;
    for (Object raw : obj.all(key, VALUES)) {
      if (raw == JsonIn.NULL) {
        throw new ClaimsFormatException(path(obj, key), unknownMessage(""));
      }
      if (!(raw instanceof String)) {
        throw obj.mismatch(key, "\"stream\" or \"service\"", raw);
      }
      try {
        type = ofValue((String) raw);
      } catch (IllegalArgumentException e) {
        throw new ClaimsFormatException(path(obj, key), e.getMessage(), e);
      }
    }
    return type;
  }

  /** The values the reader shares instead of decoding them for every import and export. */
  private static final List<String> VALUES = List.of("stream", "service");

  private static String path(JsonIn obj, String key) {
    return obj.path().isEmpty() ? key : obj.path() + "." + key;
  }

  /** Writes the field unless the type is {@link #UNKNOWN} (Go's omitempty on the zero value). */
  void writeField(GoJsonWriter w, String key) {
    if (this != UNKNOWN) {
      w.name(key).value(value);
    }
  }
}
