package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Objects;

/**
 * One destination of a subject mapping ({@code nats.mappings}, spec claims.md section 3.2.3).
 *
 * <p>Immutable and thread-safe. A weight of 0 (the default) counts as 100 percent. The weight is an
 * unsigned byte on the wire, so 0..255 can be represented; validation reports weights above 100.
 *
 * <pre>{@code
 * List<WeightedMapping> canary = List.of(
 *     WeightedMapping.of("orders.v1", 90), WeightedMapping.of("orders.v2", 10));
 * }</pre>
 *
 * @param subject the destination subject ({@code subject}, always written)
 * @param weight the percentage of messages mapped here ({@code weight}), 0..255; 0 means 100
 * @param cluster the cluster this destination applies in ({@code cluster}), or {@code ""} for all
 */
public record WeightedMapping(String subject, int weight, String cluster) {
  /**
   * Checks the fields.
   *
   * @param subject the destination subject
   * @param weight the weight, 0..255
   * @param cluster the cluster, or {@code ""}
   * @throws IllegalArgumentException when the weight is outside 0..255
   */
  public WeightedMapping {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(cluster, "cluster");
    if (weight < 0 || weight > 255) {
      throw new IllegalArgumentException(
          "a mapping weight is an unsigned byte (0..255, 0 meaning 100), found " + weight);
    }
  }

  /**
   * Returns a destination that gets every message (weight 0, meaning 100).
   *
   * @param subject the destination subject
   * @return the mapping
   */
  public static WeightedMapping of(String subject) {
    return new WeightedMapping(subject, 0, "");
  }

  /**
   * Returns a destination that gets a percentage of the messages.
   *
   * @param subject the destination subject
   * @param weight the percentage, 1..100 (0 means 100)
   * @return the mapping
   * @throws IllegalArgumentException when the weight is outside 0..255
   */
  public static WeightedMapping of(String subject, int weight) {
    return new WeightedMapping(subject, weight, "");
  }

  /**
   * Returns a destination that gets a percentage of the messages in one cluster.
   *
   * @param subject the destination subject
   * @param weight the percentage, 1..100 (0 means 100)
   * @param cluster the cluster name
   * @return the mapping
   * @throws IllegalArgumentException when the weight is outside 0..255
   */
  public static WeightedMapping of(String subject, int weight, String cluster) {
    return new WeightedMapping(subject, weight, cluster);
  }

  /**
   * Returns the weight that applies: 100 when none is set.
   *
   * @return the weight, 1..255
   */
  public int effectiveWeight() {
    return weight == 0 ? 100 : weight;
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.name("subject").value(subject);
    w.field("weight", weight);
    w.field("cluster", cluster);
    w.endObject();
  }

  static WeightedMapping read(JsonIn o) {
    return new WeightedMapping(
        o.string("subject"), (int) o.integer("weight", 0, 255), o.string("cluster"));
  }
}
