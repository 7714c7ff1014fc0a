package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Locale;
import java.util.Objects;

/**
 * Latency tracking of an exported service ({@code service_latency}, spec claims.md section 3.2.5).
 *
 * <p>Immutable and thread-safe. The sampling is a percentage 1..100, or {@link #HEADERS} (0,
 * written as {@code "headers"}): sample the requests whose headers ask for it. Any value can be
 * held, so that tokens can be read and validated, but encoding fails outside {0} and 1..100.
 *
 * <pre>{@code
 * ServiceLatency latency = ServiceLatency.of(50, "latency.orders");
 * }</pre>
 *
 * @param sampling the percentage of sampled requests, or {@link #HEADERS}
 * @param results the subject latency metrics are published to ({@code results}); no wildcards
 */
public record ServiceLatency(long sampling, String results) {
  /** The sampling value meaning "sample when the request headers ask for it". */
  public static final long HEADERS = 0;

  /**
   * Checks the fields.
   *
   * @param sampling the percentage, or {@link #HEADERS}
   * @param results the results subject
   */
  public ServiceLatency {
    Objects.requireNonNull(results, "results");
  }

  /**
   * Returns latency tracking for a percentage of the requests.
   *
   * @param percent 1..100
   * @param results the subject metrics are published to
   * @return the configuration
   */
  public static ServiceLatency of(long percent, String results) {
    return new ServiceLatency(percent, results);
  }

  /**
   * Returns latency tracking for the requests whose headers ask for it.
   *
   * @param results the subject metrics are published to
   * @return the configuration
   */
  public static ServiceLatency headers(String results) {
    return new ServiceLatency(HEADERS, results);
  }

  /**
   * Returns whether sampling is driven by request headers.
   *
   * @return {@code true} when the sampling is {@link #HEADERS}
   */
  public boolean isHeaders() {
    return sampling == HEADERS;
  }

  /** Whether the sampling can be written: {@code "headers"} or 1..100. */
  boolean isEncodable() {
    return sampling >= 0 && sampling <= 100;
  }

  void write(GoJsonWriter w) {
    w.name("service_latency").beginObject();
    w.name("sampling");
    if (sampling == HEADERS) {
      w.value("headers");
    } else {
      w.value(sampling);
    }
    w.name("results").value(results);
    w.endObject();
  }

  static ServiceLatency read(JsonIn o) {
    long sampling = 0;
    Object raw = o.get("sampling").orElse(null);
    if (raw instanceof String) {
      if (!((String) raw).toLowerCase(Locale.ROOT).equals("headers")) {
        throw o.mismatch("sampling", "\"headers\" or a percentage", raw);
      }
    } else if (raw != null) {
      sampling = o.int64("sampling");
    }
    return new ServiceLatency(sampling, o.string("results"));
  }
}
