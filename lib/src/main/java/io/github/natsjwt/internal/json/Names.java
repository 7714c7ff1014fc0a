package io.github.natsjwt.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Field names as lower-case ASCII bytes, so that {@link JsonIn} compares keys with them without
 * going through {@link String#charAt}. The names are the readers' constants, so a small table holds
 * them all; a name whose slot is taken is converted again on each use.
 *
 * <p>Thread-safe: entries are immutable and published through a racy but safe array write (final
 * fields), and a lost race only means the entry is made again.
 */
final class Names {
  private static final int SLOTS = 1024;
  private static final Entry[] TABLE = new Entry[SLOTS];

  private static final class Entry {
    final String name;
    final byte @Nullable [] lower;

    Entry(String name) {
      this.name = name;
      boolean ascii = true;
      for (int k = 0; k < name.length(); k++) {
        ascii &= name.charAt(k) < 0x80;
      }
      this.lower = ascii ? name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII) : null;
    }
  }

  private Names() {}

  /** The name as lower-case ASCII bytes, or {@code null} when it is not ASCII. */
  static byte @Nullable [] lowerAscii(String name) {
    int slot = name.hashCode() & (SLOTS - 1);
    Entry e = TABLE[slot];
    if (e == null) {
      e = new Entry(name);
      TABLE[slot] = e;
    } else if (e.name != name && !e.name.equals(name)) {
      // The slot holds another name: made for this lookup only.
      e = new Entry(name);
    }
    return e.lower;
  }
}
