package io.github.natsjwt.internal.go;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * IP addresses and CIDR blocks read and compared the way the Go reference's {@code net} package
 * does for a user's {@code src} limits: {@code net.ParseIP}, {@code net.ParseCIDR} and {@code
 * IPNet.Contains}.
 *
 * <p>Immutable and thread-safe (static methods and immutable values). The textual rules: IPv4 is
 * four decimal fields 0-255 without leading zeros; IPv6 has eight groups of up to four hex digits,
 * at most one {@code ::}, optionally ending in an embedded IPv4 address; a zone ({@code %eth0}) is
 * never accepted. A CIDR's prefix length is decimal digits (leading zeros allowed), at most the
 * address width.
 */
public final class GoNet {
  private static final byte[] V4_IN_V6_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };

  private GoNet() {}

  /**
   * A network parsed from CIDR notation: its address with the host bits cleared, and its mask. An
   * IPv4 CIDR has 4-byte arrays, an IPv6 CIDR 16-byte arrays.
   */
  public static final class Cidr {
    private final byte[] network;
    private final byte[] mask;

    private Cidr(byte[] network, byte[] mask) {
      this.network = network;
      this.mask = mask;
    }

    /**
     * Returns whether an address lies in this network, with Go's treatment of IPv4 addresses
     * written inside IPv6 ({@code ::ffff:a.b.c.d}): such addresses, and such networks, are compared
     * as IPv4.
     *
     * @param address an address from {@link #parseIp}
     * @return whether the masked address equals the network
     */
    public boolean contains(byte[] address) {
      Objects.requireNonNull(address, "address");
      byte[] net = network;
      byte[] m = mask;
      if (net.length == 16 && isV4InV6(net)) {
        net = Arrays.copyOfRange(net, 12, 16);
        m = Arrays.copyOfRange(m, 12, 16);
      }
      byte[] ip =
          address.length == 16 && isV4InV6(address) ? Arrays.copyOfRange(address, 12, 16) : address;
      if (ip.length != net.length) {
        return false;
      }
      for (int i = 0; i < ip.length; i++) {
        if ((ip[i] & m[i]) != (net[i] & m[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * Parses an address as {@code net.ParseIP} does.
   *
   * @param s the text, for example {@code "127.0.0.1"} or {@code "::1"}
   * @return 4 bytes for IPv4, 16 bytes for IPv6, or {@code null} when Go would not parse it
   */
  public static byte @Nullable [] parseIp(String s) {
    Objects.requireNonNull(s, "s");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        return parseIpv4(s, 0, s.length());
      }
      if (c == ':') {
        return parseIpv6(s);
      }
    }
    return null;
  }

  /**
   * Parses a network as {@code net.ParseCIDR} does.
   *
   * @param s the text, for example {@code "10.0.0.0/8"}
   * @return the network, or {@code null} when Go would not parse it
   */
  public static @Nullable Cidr parseCidr(String s) {
    Objects.requireNonNull(s, "s");
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    byte[] ip = parseIp(s.substring(0, slash));
    String bitsText = s.substring(slash + 1);
    if (ip == null || bitsText.isEmpty() || bitsText.length() > 9) {
      return null;
    }
    for (int i = 0; i < bitsText.length(); i++) {
      char c = bitsText.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    int bits = Integer.parseInt(bitsText);
    if (bits > ip.length * 8) {
      return null;
    }
    byte[] mask = new byte[ip.length];
    for (int i = 0; i < mask.length; i++) {
      int left = bits - i * 8;
      mask[i] = (byte) (left >= 8 ? 0xff : left <= 0 ? 0 : (0xff << (8 - left)) & 0xff);
    }
    byte[] network = new byte[ip.length];
    for (int i = 0; i < ip.length; i++) {
      network[i] = (byte) (ip[i] & mask[i]);
    }
    return new Cidr(network, mask);
  }

  private static boolean isV4InV6(byte[] a) {
    for (int i = 0; i < V4_IN_V6_PREFIX.length; i++) {
      if (a[i] != V4_IN_V6_PREFIX[i]) {
        return false;
      }
    }
    return true;
  }

  /** Four decimal fields 0-255 without leading zeros, filling exactly {@code [from, to)}. */
  private static byte @Nullable [] parseIpv4(String s, int from, int to) {
    byte[] out = new byte[4];
    int fields = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        if (value > 255 || (i > start && s.charAt(start) == '0')) {
          return null;
        }
        i++;
      }
      if (i == start || fields == 4) {
        return null;
      }
      out[fields++] = (byte) value;
      if (i == to) {
        return fields == 4 ? out : null;
      }
      if (s.charAt(i) != '.') {
        return null;
      }
      i++;
    }
  }

  private static byte @Nullable [] parseIpv6(String s) {
    if (s.indexOf('%') >= 0) {
      return null;
    }
    byte[] out = new byte[16];
    int filled = 0; // bytes written
    int ellipsisAt = -1; // byte index where "::" stands
    int i = 0;
    int n = s.length();
    if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsisAt = 0;
      i = 2;
      if (i == n) {
        return out;
      }
    }
    while (filled < 16) {
      int start = i;
      int value = 0;
      while (i < n && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0) {
        value = value * 16 + Character.digit(s.charAt(i), 16);
        i++;
        if (i - start > 4) {
          return null;
        }
      }
      if (i == start) {
        return null;
      }
      if (i < n && s.charAt(i) == '.') {
        // An embedded IPv4 address takes the last four bytes, or follows "::" with room left.
        if ((ellipsisAt < 0 && filled != 12) || filled + 4 > 16) {
          return null;
        }
        byte[] v4 = parseIpv4(s, start, n);
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, out, filled, 4);
        filled += 4;
        i = n;
        break;
      }
      out[filled++] = (byte) (value >> 8);
      out[filled++] = (byte) value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':' || i + 1 == n) {
        return null;
      }
      i++;
      if (s.charAt(i) == ':') {
        if (ellipsisAt >= 0) {
          return null;
        }
        ellipsisAt = filled;
        i++;
        if (i == n) {
          break;
        }
      }
    }
    if (i != n) {
      return null;
    }
    if (ellipsisAt < 0) {
      return filled == 16 ? out : null;
    }
    if (filled == 16) {
      // "::" must stand for at least one group.
      return null;
    }
    int tail = filled - ellipsisAt;
    byte[] expanded = new byte[16];
    System.arraycopy(out, 0, expanded, 0, ellipsisAt);
    System.arraycopy(out, ellipsisAt, expanded, 16 - tail, tail);
    return expanded;
  }
}
