package io.github.natsjwt.internal.codec;

/**
 * RFC 4648 base32 with the standard alphabet, no padding, as NKeys use it.
 *
 * <p>Immutable and thread-safe. The decoder is strict: it accepts only upper-case alphabet
 * characters, no {@code '='}, no white space, and only the canonical encoding (the unused bits of
 * the last character must be zero). Every encoder produces exactly that form.
 */
public final class Base32 {
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final byte[] VALUES = new byte[128];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
    }
  }

  private Base32() {}

  /** Why a string failed to decode. */
  public enum Problem {
    /** A character outside the upper-case base32 alphabet. */
    ILLEGAL_CHARACTER,
    /** A length that no whole number of bytes encodes to. */
    IMPOSSIBLE_LENGTH,
    /** The unused low bits of the last character are not zero. */
    NON_CANONICAL
  }

  /** Thrown by {@link #decode}; carries the position of the first bad character. */
  public static final class MalformedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;
    private final int position;
    private final char character;

    MalformedException(Problem problem, int position, char character) {
      super(problem + " at " + position);
      this.problem = problem;
      this.position = position;
      this.character = character;
    }

    /**
     * Returns what was wrong.
     *
     * @return the problem
     */
    public Problem problem() {
      return problem;
    }

    /**
     * Returns the zero-based index of the offending character, or the input length.
     *
     * @return the position
     */
    public int position() {
      return position;
    }

    /**
     * Returns the offending character, or {@code '\0'} when the problem is the length.
     *
     * @return the character
     */
    public char character() {
      return character;
    }
  }

  /**
   * Returns how many characters encode {@code byteCount} bytes.
   *
   * @param byteCount number of bytes
   * @return number of characters, without padding
   */
  public static int encodedLength(int byteCount) {
    return (byteCount * 8 + 4) / 5;
  }

  /**
   * Encodes bytes into a new character array.
   *
   * @param data bytes to encode
   * @return the base32 characters, no padding
   */
  public static char[] encode(byte[] data) {
    char[] out = new char[encodedLength(data.length)];
    int buffer = 0;
    int bits = 0;
    int o = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out[o++] = ALPHABET[(buffer >>> bits) & 0x1F];
      }
      buffer &= (1 << bits) - 1;
    }
    if (bits > 0) {
      out[o++] = ALPHABET[(buffer << (5 - bits)) & 0x1F];
    }
    return out;
  }

  /**
   * Decodes base32 characters strictly.
   *
   * @param in the characters
   * @param off first character to read
   * @param len number of characters to read
   * @return the decoded bytes (a new array the caller owns)
   * @throws MalformedException at the first character that is not canonical base32
   */
  public static byte[] decode(CharSequence in, int off, int len) {
    int rem = len % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      throw new MalformedException(Problem.IMPOSSIBLE_LENGTH, len, '\0');
    }
    byte[] out = new byte[len * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int o = 0;
    for (int i = 0; i < len; i++) {
      char c = in.charAt(off + i);
      int v = c < 128 ? VALUES[c] : -1;
      if (v < 0) {
        throw new MalformedException(Problem.ILLEGAL_CHARACTER, i, c);
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (byte) (buffer >>> bits);
        buffer &= (1 << bits) - 1;
      }
    }
    if (buffer != 0) {
      throw new MalformedException(Problem.NON_CANONICAL, len - 1, in.charAt(off + len - 1));
    }
    return out;
  }
}
