package io.github.natsjwt.internal.codec;

/**
 * CRC-16/XMODEM (polynomial 0x1021, initial value 0, no reflection, no final XOR), the checksum
 * that NKeys append little-endian.
 *
 * <p>Immutable and thread-safe.
 */
public final class Crc16 {
  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      TABLE[i] = crc & 0xFFFF;
    }
  }

  private Crc16() {}

  /**
   * Computes the checksum of a byte range.
   *
   * @param data the bytes
   * @param off first byte
   * @param len number of bytes
   * @return the CRC, in the low 16 bits
   */
  public static int of(byte[] data, int off, int len) {
    int crc = 0;
    for (int i = off; i < off + len; i++) {
      crc = ((crc << 8) & 0xFFFF) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF];
    }
    return crc;
  }
}
