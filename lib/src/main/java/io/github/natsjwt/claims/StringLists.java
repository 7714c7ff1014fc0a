package io.github.natsjwt.claims;

import java.util.List;
import java.util.Objects;

/** The reference's StringList semantics for builders (spec claims.md section 4.12). */
final class StringLists {
  private StringLists() {}

  /** Adds each value unless it is empty or already present (exact match). */
  static void add(List<String> list, String... values) {
    for (String v : values) {
      Objects.requireNonNull(v, "value");
      if (!v.isEmpty() && !list.contains(v)) {
        list.add(v);
      }
    }
  }

  /** Removes the first exact occurrence of each value; missing values are ignored. */
  static void remove(List<String> list, String... values) {
    for (String v : values) {
      list.remove(v);
    }
  }
}
