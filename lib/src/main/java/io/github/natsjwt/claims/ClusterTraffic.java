package io.github.natsjwt.claims;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which account pays for an account's cluster traffic ({@code cluster_traffic}, spec claims.md
 * section 3.2): the system account or the account itself.
 *
 * <p>Immutable and thread-safe. The wire carries any string, so other values are kept as read (and
 * reported by validation); {@link #isKnown()} tells them apart. Compare with {@code equals}.
 */
public final class ClusterTraffic {
  /** Cluster traffic goes through the system account. */
  public static final ClusterTraffic SYSTEM = new ClusterTraffic("system");

  /** Cluster traffic goes through the owning account. */
  public static final ClusterTraffic OWNER = new ClusterTraffic("owner");

  private final String value;

  private ClusterTraffic(String value) {
    this.value = value;
  }

  /**
   * Returns the option with this wire value.
   *
   * @param value {@code "system"} or {@code "owner"} (case-sensitive), or any other string
   * @return one of the constants, or an unknown option holding the value
   * @throws IllegalArgumentException for {@code ""}, which means "not set"
   */
  public static ClusterTraffic of(String value) {
    Objects.requireNonNull(value, "value");
    switch (value) {
      case "system":
        return SYSTEM;
      case "owner":
        return OWNER;
      case "":
        throw new IllegalArgumentException(
            "an empty cluster traffic option means none is set; leave it unset instead");
      default:
        return new ClusterTraffic(value);
    }
  }

  /**
   * Returns the wire value.
   *
   * @return for example {@code "system"}
   */
  public String value() {
    return value;
  }

  /**
   * Returns whether this is {@code system} or {@code owner}.
   *
   * @return {@code true} for a known option
   */
  public boolean isKnown() {
    return this == SYSTEM || this == OWNER;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ClusterTraffic && ((ClusterTraffic) o).value.equals(value);
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
