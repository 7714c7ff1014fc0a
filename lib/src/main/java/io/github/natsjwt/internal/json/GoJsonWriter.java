package io.github.natsjwt.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes compact JSON exactly as Go's {@code encoding/json} {@code Marshal} does, so that encoded
 * claims (and their {@code jti} hashes and signatures) are byte-identical to the Go reference.
 *
 * <p>Not thread-safe. Go's rules (spec claims.md section 0): HTML characters {@code < > &} and
 * U+2028/U+2029 are escaped as {@code \\u003c} and so on, control characters use the short forms
 * {@code \\b \\f \\n \\r \\t} or lower-case {@code \\u00xx}, lone surrogates become U+FFFD, and map
 * keys are sorted byte-wise (which for Java strings of BMP characters is UTF-16 order except for
 * supplementary characters; {@link #sortedKeys} sorts by UTF-8 bytes). Methods named {@code
 * field...} follow {@code omitempty}: they write nothing for {@code ""}, 0, {@code false} or an
 * empty list.
 */
public final class GoJsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out;
  // One flag per open object/array: whether a value has been written at that level.
  private boolean[] hasValue = new boolean[16];
  private int depth;

  /** Creates a writer with an empty buffer. */
  public GoJsonWriter() {
    this.out = new StringBuilder(256);
  }

  /**
   * Returns the JSON written so far.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    return out.toString();
  }

  // ------------------------------------------------------------------ structure

  /**
   * Opens an object (as a value).
   *
   * @return this writer
   */
  public GoJsonWriter beginObject() {
    beforeValue();
    out.append('{');
    push();
    return this;
  }

  /**
   * Closes the innermost object.
   *
   * @return this writer
   */
  public GoJsonWriter endObject() {
    depth--;
    out.append('}');
    return this;
  }

  /**
   * Opens an array (as a value).
   *
   * @return this writer
   */
  public GoJsonWriter beginArray() {
    beforeValue();
    out.append('[');
    push();
    return this;
  }

  /**
   * Closes the innermost array.
   *
   * @return this writer
   */
  public GoJsonWriter endArray() {
    depth--;
    out.append(']');
    return this;
  }

  /**
   * Writes a key inside an object; the next call writes its value.
   *
   * @param key the key
   * @return this writer
   */
  public GoJsonWriter name(String key) {
    beforeValue();
    quote(key);
    out.append(':');
    // The value that follows must not get a comma of its own.
    pendingName = true;
    return this;
  }

  private boolean pendingName;

  /**
   * Writes a string value.
   *
   * @param value the string
   * @return this writer
   */
  public GoJsonWriter value(String value) {
    beforeValue();
    quote(value);
    return this;
  }

  /**
   * Writes an integer value.
   *
   * @param value the number
   * @return this writer
   */
  public GoJsonWriter value(long value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /**
   * Writes a 64-bit value as an unsigned integer (Go {@code uint64}).
   *
   * @param value the bits of the number; negative values stand for 2^63 and above
   * @return this writer
   */
  public GoJsonWriter valueUnsigned(long value) {
    beforeValue();
    out.append(Long.toUnsignedString(value));
    return this;
  }

  /**
   * Writes a boolean value.
   *
   * @param value the boolean
   * @return this writer
   */
  public GoJsonWriter value(boolean value) {
    beforeValue();
    out.append(value);
    return this;
  }

  /**
   * Writes {@code null}.
   *
   * @return this writer
   */
  public GoJsonWriter nullValue() {
    beforeValue();
    out.append("null");
    return this;
  }

  /**
   * Writes a float64 value as Go does: the shortest decimal that reads back as the same double,
   * without exponent for 1e-6 &lt;= |v| &lt; 1e21, and {@code 1e+21} / {@code 1e-7} forms
   * otherwise.
   *
   * @param value a finite double
   * @return this writer
   * @throws IllegalArgumentException for NaN and infinities, which Go cannot encode either
   */
  public GoJsonWriter value(double value) {
    beforeValue();
    out.append(formatFloat(value));
    return this;
  }

  /**
   * Writes a free-form JSON value: {@code null}, {@link String}, {@link Boolean}, {@link Long},
   * {@link Integer}, {@link Double}, {@link BigDecimal}, a {@link List} or a {@link Map} with
   * string keys (written with sorted keys, as Go writes maps).
   *
   * @param value the value
   * @return this writer
   * @throws IllegalArgumentException for any other type
   */
  public GoJsonWriter anyValue(@Nullable Object value) {
    if (value == null) {
      return nullValue();
    } else if (value instanceof String) {
      return value((String) value);
    } else if (value instanceof Boolean) {
      return value(((Boolean) value).booleanValue());
    } else if (value instanceof Long || value instanceof Integer) {
      return value(((Number) value).longValue());
    } else if (value instanceof Double) {
      return value(((Double) value).doubleValue());
    } else if (value instanceof BigDecimal) {
      return value(((BigDecimal) value).doubleValue());
    } else if (value instanceof List) {
      beginArray();
      for (Object o : (List<?>) value) {
        anyValue(o);
      }
      return endArray();
    } else if (value instanceof Map) {
      beginObject();
      Map<?, ?> map = (Map<?, ?>) value;
      for (String k : sortedKeys(map)) {
        name(k).anyValue(map.get(k));
      }
      return endObject();
    }
    throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
  }

  // ------------------------------------------------------------------ omitempty fields

  /**
   * Writes {@code "key":"value"} unless the value is empty.
   *
   * @param key the key
   * @param value the value
   * @return this writer
   */
  public GoJsonWriter field(String key, @Nullable String value) {
    if (value != null && !value.isEmpty()) {
      name(key).value(value);
    }
    return this;
  }

  /**
   * Writes {@code "key":n} unless n is 0.
   *
   * @param key the key
   * @param value the value
   * @return this writer
   */
  public GoJsonWriter field(String key, long value) {
    if (value != 0) {
      name(key).value(value);
    }
    return this;
  }

  /**
   * Writes {@code "key":true} when the value is true.
   *
   * @param key the key
   * @param value the value
   * @return this writer
   */
  public GoJsonWriter field(String key, boolean value) {
    if (value) {
      name(key).value(true);
    }
    return this;
  }

  /**
   * Writes a string array unless the list is empty.
   *
   * @param key the key
   * @param values the strings
   * @return this writer
   */
  public GoJsonWriter field(String key, Collection<String> values) {
    if (!values.isEmpty()) {
      name(key).beginArray();
      for (String v : values) {
        value(v);
      }
      endArray();
    }
    return this;
  }

  /**
   * Writes a map of strings to integers with sorted keys, unless it is empty.
   *
   * @param key the key
   * @param values the map
   * @return this writer
   */
  public GoJsonWriter field(String key, Map<String, Long> values) {
    if (!values.isEmpty()) {
      name(key).beginObject();
      for (String k : sortedKeys(values)) {
        name(k).value(values.get(k).longValue());
      }
      endObject();
    }
    return this;
  }

  /**
   * Returns map keys in Go's order: byte-wise on their UTF-8 encoding.
   *
   * @param map the map
   * @return its keys, sorted
   */
  public static List<String> sortedKeys(Map<?, ?> map) {
    TreeMap<byte[], String> sorted = new TreeMap<>(java.util.Arrays::compareUnsigned);
    for (Object k : map.keySet()) {
      String s = (String) k;
      sorted.put(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), s);
    }
    return List.copyOf(sorted.values());
  }

  // ------------------------------------------------------------------ internals

  private void push() {
    if (++depth == hasValue.length) {
      hasValue = java.util.Arrays.copyOf(hasValue, depth * 2);
    }
    hasValue[depth] = false;
  }

  private void beforeValue() {
    if (pendingName) {
      pendingName = false;
      return;
    }
    if (depth > 0) {
      if (hasValue[depth]) {
        out.append(',');
      }
      hasValue[depth] = true;
    }
  }

  private void quote(String s) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '<':
        case '>':
        case '&':
        case '\u2028':
        case '\u2029':
          unicodeEscape(c);
          break;
        default:
          if (c < 0x20) {
            unicodeEscape(c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate is invalid UTF-16; Go writes the replacement character.
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private void unicodeEscape(char c) {
    out.append("\\u")
        .append(HEX[c >>> 12 & 0xF])
        .append(HEX[c >>> 8 & 0xF])
        .append(HEX[c >>> 4 & 0xF])
        .append(HEX[c & 0xF]);
  }

  /**
   * Formats a double as Go's {@code encoding/json} does: the shortest decimal that reads back as
   * the same double ({@code strconv.AppendFloat(b, v, fmt, -1, 64)}), in {@code 'e'} form below
   * 1e-6 and from 1e21 on, with a negative exponent written without its leading zero ({@code
   * 1e-7}).
   *
   * <p>When several shortest decimals read back, the one nearest the exact value wins, and an exact
   * tie goes to the even last digit: {@code 23764941806332.0625} is written {@code
   * 23764941806332.062}. JDK 17's {@code Double.toString} is not always shortest, so this does not
   * use it; the interval arithmetic below is exact.
   *
   * @param v a finite double
   * @return the JSON number text
   * @throws IllegalArgumentException for NaN and infinities, which Go cannot encode either
   */
  public static String formatFloat(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("JSON cannot represent " + v);
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    ShortestDecimal d = ShortestDecimal.of(Math.abs(v));
    String digits = d.digits;
    StringBuilder sb = new StringBuilder(digits.length() + 8);
    if (v < 0) {
      sb.append('-');
    }
    double abs = Math.abs(v);
    if (abs < 1e-6 || abs >= 1e21) {
      int exponent = d.exponent + digits.length() - 1;
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      // strconv writes at least two exponent digits (1e-07); encoding/json then drops the
      // leading zero of a negative exponent (1e-7). Positive exponents here are always >= 21.
      sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    } else if (d.exponent >= 0) {
      sb.append(digits);
      sb.append("0".repeat(d.exponent));
    } else {
      int point = digits.length() + d.exponent;
      if (point <= 0) {
        sb.append("0.").append("0".repeat(-point)).append(digits);
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
    }
    return sb.toString();
  }

  /**
   * The shortest decimal {@code digits × 10^exponent} that reads back as a given positive double,
   * computed exactly with integers.
   *
   * <p>The double {@code m × 2^e} reads back from every decimal inside its rounding interval:
   * half-way to each neighbour, with the end points included only when {@code m} is even (a tie
   * reads as the even mantissa). At a power of two the lower neighbour is twice as close, so the
   * interval is lopsided. The shortest decimal uses the largest power of ten {@code 10^k} that has
   * a multiple inside the interval; among those multiples the one nearest the exact value is taken,
   * a tie going to the even multiple.
   */
  private static final class ShortestDecimal {
    final String digits;
    final int exponent;

    private ShortestDecimal(String digits, int exponent) {
      this.digits = digits;
      this.exponent = exponent;
    }

    static ShortestDecimal of(double positive) {
      long bits = Double.doubleToRawLongBits(positive);
      int biased = (int) (bits >>> 52) & 0x7ff;
      long m = bits & ((1L << 52) - 1);
      int e2;
      if (biased == 0) {
        e2 = -1074;
      } else {
        m |= 1L << 52;
        e2 = biased - 1075;
      }
      boolean lopsided = m == 1L << 52 && biased > 1;
      // Centre and ends in units of 2^(e2 - 2), over a common denominator.
      BigInteger centre = BigInteger.valueOf(4 * m);
      BigInteger low = BigInteger.valueOf(4 * m - (lopsided ? 1 : 2));
      BigInteger high = BigInteger.valueOf(4 * m + 2);
      BigInteger denominator = BigInteger.ONE;
      int shift = e2 - 2;
      if (shift >= 0) {
        centre = centre.shiftLeft(shift);
        low = low.shiftLeft(shift);
        high = high.shiftLeft(shift);
      } else {
        denominator = denominator.shiftLeft(-shift);
      }
      boolean inclusive = (m & 1) == 0;

      // The estimate of the decimal exponent may be one off; the search bounds allow for it.
      int magnitude = (int) Math.floor(Math.log10(positive));
      int lo = magnitude - 18; // 17 significant digits always suffice
      int hi = magnitude + 2; // no multiple of 10^(magnitude + 2) is near the value
      // Largest k in [lo, hi) whose multiples reach into the interval (monotone in k).
      while (hi - lo > 1) {
        int mid = (lo + hi) >> 1; // signed: k is often negative
        if (range(low, high, denominator, mid, inclusive) != null) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      int k = lo;
      BigInteger[] allowed = range(low, high, denominator, k, inclusive);
      if (allowed == null) {
        throw new IllegalStateException("no decimal found for " + positive);
      }
      BigInteger n = nearestEven(centre, denominator, k);
      if (n.compareTo(allowed[0]) < 0) {
        n = allowed[0];
      } else if (n.compareTo(allowed[1]) > 0) {
        n = allowed[1];
      }
      String s = n.toString();
      int end = s.length();
      while (end > 1 && s.charAt(end - 1) == '0') {
        end--;
      }
      return new ShortestDecimal(s.substring(0, end), k + s.length() - end);
    }

    /**
     * Returns the least and greatest n with {@code n × 10^k} in the interval [low, high] /
     * denominator (ends excluded unless inclusive), or null when there is none.
     */
    private static BigInteger @Nullable [] range(
        BigInteger low, BigInteger high, BigInteger denominator, int k, boolean inclusive) {
      BigInteger[] lowQr = scaled(low, denominator, k);
      BigInteger[] highQr = scaled(high, denominator, k);
      BigInteger least = lowQr[0];
      if (lowQr[1].signum() != 0 || !inclusive) {
        least = least.add(BigInteger.ONE);
      }
      BigInteger greatest = highQr[0];
      if (highQr[1].signum() == 0 && !inclusive) {
        greatest = greatest.subtract(BigInteger.ONE);
      }
      return least.compareTo(greatest) <= 0 ? new BigInteger[] {least, greatest} : null;
    }

    /** Returns the nearest integer to value / denominator / 10^k, a tie going to the even one. */
    private static BigInteger nearestEven(BigInteger value, BigInteger denominator, int k) {
      BigInteger[] qr = scaled(value, denominator, k);
      BigInteger divisor = k > 0 ? denominator.multiply(BigInteger.TEN.pow(k)) : denominator;
      int cmp = qr[1].shiftLeft(1).compareTo(divisor);
      if (cmp > 0 || (cmp == 0 && qr[0].testBit(0))) {
        return qr[0].add(BigInteger.ONE);
      }
      return qr[0];
    }

    /** Returns floor and remainder of value / denominator / 10^k (all positive). */
    private static BigInteger[] scaled(BigInteger value, BigInteger denominator, int k) {
      BigInteger numerator = k < 0 ? value.multiply(BigInteger.TEN.pow(-k)) : value;
      BigInteger divisor = k > 0 ? denominator.multiply(BigInteger.TEN.pow(k)) : denominator;
      return numerator.divideAndRemainder(divisor);
    }
  }
}
