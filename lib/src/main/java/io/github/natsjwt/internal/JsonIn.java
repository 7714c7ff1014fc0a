package io.github.natsjwt.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object read with the leniency of Go's {@code encoding/json} {@code Unmarshal}: keys match
 * case-insensitively (an exact match preferred), the last of duplicate keys wins, {@code null}
 * counts as absent, unknown keys are ignored, and invalid UTF-8 reads as U+FFFD. Type mismatches
 * are errors that name the field's path.
 *
 * <p>Immutable and thread-safe once built. Numbers keep their text, so that integer fields reject
 * {@code 1.5} and {@code 1e3} as Go does.
 */
public final class JsonIn {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(400).build())
          .build();

  /** A JSON number, kept as its text. */
  public static final class Number {
    private final String text;

    Number(String text) {
      this.text = text;
    }

    /**
     * Returns the number as written.
     *
     * @return the literal text
     */
    public String text() {
      return text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A JSON {@code null} inside an array, where it cannot simply be left out. */
  public static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** Thrown when the JSON is malformed or a field has the wrong type; names the field's path. */
  public static final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    ShapeException(String path, String message) {
      super(message);
      this.path = path;
    }

    ShapeException(String path, String message, Throwable cause) {
      super(message, cause);
      this.path = path;
    }

    /**
     * Returns where in the document the problem is, for example {@code nats.limits.subs}.
     *
     * @return the dotted path, or {@code ""} for the document itself
     */
    public String path() {
      return path;
    }
  }

  private final String path;
  private final List<Map.Entry<String, Object>> entries;

  private JsonIn(String path, List<Map.Entry<String, Object>> entries) {
    this.path = path;
    this.entries = entries;
  }

  /**
   * Parses UTF-8 bytes that must hold one JSON object.
   *
   * @param utf8 the document
   * @param path the name to report for the document, for example {@code "payload"}
   * @return the object
   * @throws ShapeException when the bytes are not one JSON object
   */
  public static JsonIn parse(byte[] utf8, String path) {
    // Go replaces invalid UTF-8 with U+FFFD rather than failing, one replacement per bad byte.
    String text = decodeUtf8(utf8);
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new ShapeException(path, subject(path) + " is not a JSON object");
      }
      JsonIn result = readObject(p, path);
      if (p.nextToken() != null) {
        throw new ShapeException(
            path, subject(path) + " has data after the JSON object, at offset " + p.currentLocation().getCharOffset());
      }
      return result;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ShapeException(
          path,
          subject(path)
              + " is not valid JSON at offset "
              + e.getLocation().getCharOffset()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ShapeException(path, subject(path) + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes UTF-8 as Go's {@code utf8.DecodeRune} loop does: each byte that does not start a valid,
   * shortest-form sequence of a scalar value becomes one U+FFFD. The JDK decoder instead replaces a
   * whole truncated sequence with a single U+FFFD, which would change re-encoded bytes.
   *
   * @param b the bytes
   * @return the text
   */
  public static String decodeUtf8(byte[] b) {
    StringBuilder sb = null;
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        if (sb != null) {
          sb.append((char) c);
        }
        i++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(n);
        for (int k = 0; k < i; k++) {
          sb.append((char) b[k]);
        }
      }
      int size = 0;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        size = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        size = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        size = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
      }
      boolean ok = size > 0 && i + size <= n;
      for (int k = 1; ok && k < size; k++) {
        int cc = b[i + k] & 0xFF;
        ok = k == 1 ? cc >= lo && cc <= hi : cc >= 0x80 && cc <= 0xBF;
      }
      if (!ok) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      int cp = c & (0xFF >>> (size + 1));
      for (int k = 1; k < size; k++) {
        cp = cp << 6 | (b[i + k] & 0x3F);
      }
      sb.appendCodePoint(cp);
      i += size;
    }
    return sb == null ? new String(b, StandardCharsets.US_ASCII) : sb.toString();
  }

  /** Names a document or field in a message; the unnamed document is "the document". */
  private static String subject(String path) {
    return path.isEmpty() ? "the document" : path;
  }

  private static JsonIn readObject(JsonParser p, String path) throws IOException {
    List<Map.Entry<String, Object>> entries = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      entries.add(Map.entry(key, readValue(p, path.isEmpty() ? key : path + "." + key)));
    }
    if (t != JsonToken.END_OBJECT) {
      throw new ShapeException(path, subject(path) + " is not a valid JSON object");
    }
    return new JsonIn(path, Collections.unmodifiableList(entries));
  }

  private static Object readValue(JsonParser p, String path) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return readObject(p, path);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p, path + "[" + i++ + "]"));
        }
        return Collections.unmodifiableList(list);
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Number(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new ShapeException(path, path + ": unexpected JSON token " + t);
    }
  }

  /**
   * Returns this object's path in the document.
   *
   * @return for example {@code "payload.nats"}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the keys as they appear, in document order, duplicates included.
   *
   * @return the raw keys
   */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(entries.size());
    for (Map.Entry<String, Object> e : entries) {
      keys.add(e.getKey());
    }
    return keys;
  }

  /**
   * Returns the value Go would assign to the field {@code key}: the last entry whose key equals it
   * ignoring case, or empty when there is none or it is {@code null}.
   *
   * @param key the field name
   * @return the raw value: {@link String}, {@link Boolean}, {@link Number}, {@link List} or {@link
   *     JsonIn}
   */
  public Optional<Object> get(String key) {
    Object found = null;
    for (Map.Entry<String, Object> e : entries) {
      if (e.getKey().equalsIgnoreCase(key)) {
        found = e.getValue();
      }
    }
    return found == null || found == NULL ? Optional.empty() : Optional.of(found);
  }

  /**
   * Returns every value given for the field, in document order: each entry whose key equals it
   * ignoring case, {@link #NULL} included. Go hands each of them, {@code null} too, to a type's
   * own {@code UnmarshalJSON}, so such types must look at all of them.
   *
   * @param key the field name
   * @return the raw values, possibly empty
   */
  public List<Object> all(String key) {
    List<Object> out = new ArrayList<>(1);
    for (Map.Entry<String, Object> e : entries) {
      if (e.getKey().equalsIgnoreCase(key)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /**
   * Returns whether a non-null value is present for the field.
   *
   * @param key the field name
   * @return {@code true} when present
   */
  public boolean has(String key) {
    return get(key).isPresent();
  }

  /**
   * Reads a string field.
   *
   * @param key the field name
   * @return the string, or {@code ""} when absent
   * @throws ShapeException when the value is not a string
   */
  public String string(String key) {
    Object v = get(key).orElse(null);
    if (v == null) {
      return "";
    }
    if (!(v instanceof String)) {
      throw mismatch(key, "a string", v);
    }
    return (String) v;
  }

  /**
   * Reads a 64-bit integer field.
   *
   * @param key the field name
   * @return the number, or 0 when absent
   * @throws ShapeException when the value is not an integer in range
   */
  public long int64(String key) {
    Object v = get(key).orElse(null);
    return v == null ? 0 : toLong(child(key), v, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Reads an integer field with bounds, for Go types such as {@code int} or {@code uint8}.
   *
   * @param key the field name
   * @param min smallest accepted value
   * @param max largest accepted value
   * @return the number, or 0 when absent
   * @throws ShapeException when the value is not an integer within the bounds
   */
  public long integer(String key, long min, long max) {
    Object v = get(key).orElse(null);
    return v == null ? 0 : toLong(child(key), v, min, max);
  }

  /**
   * Reads a boolean field.
   *
   * @param key the field name
   * @return the boolean, or {@code false} when absent
   * @throws ShapeException when the value is not a boolean
   */
  public boolean bool(String key) {
    Object v = get(key).orElse(null);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean)) {
      throw mismatch(key, "true or false", v);
    }
    return (Boolean) v;
  }

  /**
   * Reads an array of strings.
   *
   * @param key the field name
   * @return the strings in order (a {@code null} element reads as {@code ""}), or an empty list
   * @throws ShapeException when the value is not an array of strings
   */
  public List<String> strings(String key) {
    Object v = get(key).orElse(null);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw mismatch(key, "an array of strings", v);
    }
    List<?> raw = (List<?>) v;
    List<String> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object e = raw.get(i);
      if (e == NULL) {
        out.add("");
      } else if (e instanceof String) {
        out.add((String) e);
      } else {
        throw mismatch(key + "[" + i + "]", "a string", e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Reads a nested object.
   *
   * @param key the field name
   * @return the object, or empty when absent or {@code null}
   * @throws ShapeException when the value is not an object
   */
  public Optional<JsonIn> object(String key) {
    Object v = get(key).orElse(null);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof JsonIn)) {
      throw mismatch(key, "an object", v);
    }
    return Optional.of((JsonIn) v);
  }

  /**
   * Reads an array of objects; {@code null} elements are returned as {@code null} so that callers
   * can report them (Go's "null import is not allowed").
   *
   * @param key the field name
   * @return the objects in order, or an empty list
   * @throws ShapeException when the value is not an array of objects
   */
  public List<@Nullable JsonIn> objects(String key) {
    Object v = get(key).orElse(null);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List)) {
      throw mismatch(key, "an array of objects", v);
    }
    List<?> raw = (List<?>) v;
    List<@Nullable JsonIn> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Object e = raw.get(i);
      if (e == NULL) {
        out.add(null);
      } else if (e instanceof JsonIn) {
        out.add((JsonIn) e);
      } else {
        throw mismatch(key + "[" + i + "]", "an object", e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Reads an object of string keys to 64-bit integers (Go {@code map[string]int64}); a later
   * duplicate key replaces an earlier one.
   *
   * @param key the field name
   * @return the map in document order, or an empty map
   * @throws ShapeException when the value is not such an object
   */
  public Map<String, Long> int64Map(String key) {
    Optional<JsonIn> obj = object(key);
    if (obj.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : obj.get().entries) {
      if (e.getValue() == NULL) {
        out.put(e.getKey(), 0L);
      } else {
        out.put(
            e.getKey(),
            toLong(obj.get().child(e.getKey()), e.getValue(), Long.MIN_VALUE, Long.MAX_VALUE));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Returns the entries in document order, for map-typed fields; a later duplicate key replaces an
   * earlier one, as in Go.
   *
   * @return the entries with raw values
   */
  public Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : entries) {
      out.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Converts a raw value to what Go's {@code interface{}} decoding gives: {@code null}, {@link
   * String}, {@link Boolean}, {@link Double} (every number is a float64), {@link List} or a {@link
   * Map} with sorted-on-write string keys.
   *
   * @param raw a value from {@link #get} or {@link #asMap}
   * @return the plain Java value
   */
  public static @Nullable Object toPlain(Object raw) {
    if (raw == NULL) {
      return null;
    } else if (raw instanceof Number) {
      // Double.parseDouble rounds correctly and, unlike BigDecimal, keeps -0 (Go writes "-0").
      return Double.parseDouble(((Number) raw).text);
    } else if (raw instanceof List) {
      List<@Nullable Object> out = new ArrayList<>();
      for (Object o : (List<?>) raw) {
        out.add(toPlain(o));
      }
      return Collections.unmodifiableList(out);
    } else if (raw instanceof JsonIn) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((JsonIn) raw).asMap().entrySet()) {
        out.put(e.getKey(), toPlain(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    return raw;
  }

  /**
   * Builds an error for a field whose value has the wrong type or range.
   *
   * @param key the field name
   * @param expected what was expected, for example {@code "an integer"}
   * @param found the value found
   * @return the exception to throw
   */
  public ShapeException mismatch(String key, String expected, Object found) {
    String p = child(key);
    return new ShapeException(p, p + ": expected " + expected + ", found " + describe(found));
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static long toLong(String path, Object v, long min, long max) {
    if (!(v instanceof Number)) {
      throw new ShapeException(path, path + ": expected an integer, found " + describe(v));
    }
    String text = ((Number) v).text;
    BigInteger value;
    try {
      value = new BigInteger(text);
    } catch (NumberFormatException e) {
      throw new ShapeException(path, path + ": expected an integer, found " + text, e);
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new ShapeException(
          path, path + ": " + text + " is out of range [" + min + ", " + max + "]");
    }
    return value.longValue();
  }

  private static String describe(Object v) {
    if (v instanceof String) {
      String s = (String) v;
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    } else if (v instanceof Number) {
      return "the number " + ((Number) v).text;
    } else if (v instanceof Boolean) {
      return "the boolean " + v;
    } else if (v instanceof List) {
      return "an array";
    } else if (v instanceof JsonIn) {
      return "an object";
    }
    return "null";
  }
}
