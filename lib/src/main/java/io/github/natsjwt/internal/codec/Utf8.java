package io.github.natsjwt.internal.codec;

/** UTF-8 lengths of Java strings, counted without encoding them. */
public final class Utf8 {
  private Utf8() {}

  /**
   * Returns how many bytes the text takes in UTF-8: a lone surrogate counts as the 3 bytes of the
   * replacement character that encoding writes for it.
   *
   * @param s the text
   * @return its length in UTF-8
   */
  public static long length(CharSequence s) {
    long n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
