package io.github.natsjwt.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>The document is checked in one pass over its bytes ({@link JsonTape}) and values are decoded
 * only when a reader asks for them. A document that pass does not accept is refused with a {@link
 * SyntaxException} that says why and at which character ({@link JsonSyntax}). {@link #readAsGo}
 * reads a document with all of Go's rules for duplicate keys and {@code null}; the accessors alone
 * take the last occurrence.
 */
public final class JsonIn {
  /** Objects with at least this many entries get a hash index on their first lookup. */
  private static final int INDEX_THRESHOLD = 32;

  /** The index of an object small enough to scan. */
  private static final Object NO_INDEX = new Object();

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
  public static class ShapeException extends IllegalArgumentException {
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

  /**
   * Thrown when the bytes are not one JSON object: says what was wrong and at which character, so
   * that a tool can point at it in its own words.
   */
  public static final class SyntaxException extends ShapeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Problem {
      /** The document is empty, or its first token is not {@code '{'}. */
      NOT_AN_OBJECT,
      /** A key in double quotes (or, after {@code '{'}, the object's end) was expected. */
      EXPECTED_NAME,
      /** A colon was expected after a key. */
      EXPECTED_COLON,
      /** A value (or, after {@code '['}, the array's end) was expected. */
      EXPECTED_VALUE,
      /** A comma or {@code '}'} was expected after an object's member. */
      EXPECTED_OBJECT_COMMA,
      /** A comma or {@code ']'} was expected after an array's element. */
      EXPECTED_ARRAY_COMMA,
      /** A string holds a control character or a bad escape, or is not closed. */
      BAD_STRING,
      /** A number is not written as JSON writes numbers. */
      BAD_NUMBER,
      /** A word that is not {@code true}, {@code false} or {@code null}. */
      BAD_LITERAL,
      /** Objects and arrays nested more than 10,000 levels deep, Go's limit. */
      TOO_DEEP,
      /** Something other than white space after the object. */
      DATA_AFTER
    }

    private final Problem problem;
    private final int offset;
    private final int tokenOffset;
    private final boolean atEnd;

    SyntaxException(
        String path, String message, Problem problem, int offset, int tokenOffset, boolean atEnd) {
      super(path, message);
      this.problem = problem;
      this.offset = offset;
      this.tokenOffset = tokenOffset;
      this.atEnd = atEnd;
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
     * Returns where it went wrong, counted in characters of the text as {@link JsonIn#decodeUtf8}
     * decodes the bytes: the first character that does not fit, or the text's length at its end.
     *
     * @return the character offset
     */
    public int offset() {
      return offset;
    }

    /**
     * Returns where the string, number or word that went wrong starts ({@link Problem#BAD_STRING},
     * {@link Problem#BAD_NUMBER}, {@link Problem#BAD_LITERAL}); else {@link #offset()}.
     *
     * @return the character offset
     */
    public int tokenOffset() {
      return tokenOffset;
    }

    /**
     * Returns whether the text ended where more was expected.
     *
     * @return {@code true} at the end of the text
     */
    public boolean atEnd() {
      return atEnd;
    }
  }

  private final JsonTape doc;

  /** The tape index of this object. */
  private final int at;

  /** An object this one is inside, from which its path is found; null for the document. */
  private final @Nullable JsonIn parent;

  /** The path of the document; null for the objects inside it. */
  private final @Nullable String rootPath;

  /**
   * {@link #NO_INDEX}, or for an object with many keys a table (open addressing) of the tape index
   * of each key plus one, as {@code char[]} or {@code int[]}; built on the first lookup.
   */
  private volatile @Nullable Object index;

  /** {@link #readAsGo}'s answer for a document read as it is; made on first use. */
  private @Nullable GoRead asIs;

  private JsonIn(JsonTape doc, int at, String path) {
    this.doc = doc;
    this.at = at;
    this.parent = null;
    this.rootPath = path;
  }

  private JsonIn(JsonTape doc, int at, JsonIn parent) {
    this.doc = doc;
    this.at = at;
    this.parent = parent;
    this.rootPath = null;
  }

  /**
   * Parses UTF-8 bytes that must hold one JSON object.
   *
   * @param utf8 the document; kept, so it must not change afterwards
   * @param path the name to report for the document, for example {@code "payload"}
   * @return the object
   * @throws SyntaxException when the bytes are not one JSON object
   */
  public static JsonIn parse(byte[] utf8, String path) {
    return parse(utf8, utf8.length, path);
  }

  /**
   * Reads a JSON object held in the first {@code length} bytes of an array, as {@link
   * #parse(byte[], String)} reads a copy of them. The bytes must stay unchanged for as long as the
   * result or any value read from it is in use.
   *
   * @param utf8 holds the document; kept
   * @param length the document's length in bytes
   * @param path the name to report for the document
   * @return the object
   * @throws SyntaxException when the bytes are not one JSON object
   */
  public static JsonIn parse(byte[] utf8, int length, String path) {
    JsonTape doc = JsonTape.check(utf8, length);
    if (doc.failure != JsonTape.NONE) {
      throw JsonSyntax.exception(doc, path);
    }
    return new JsonIn(doc, 0, path);
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
    int n = b.length;
    int i = 0;
    while (i < n && b[i] >= 0) {
      i++;
    }
    if (i == n) {
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    StringBuilder sb = new StringBuilder(n);
    for (int k = 0; k < i; k++) {
      sb.append((char) b[k]);
    }
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        sb.append((char) c);
        i++;
      } else {
        i = appendRune(sb, b, i);
      }
    }
    return sb.toString();
  }

  /**
   * Appends the character of the non-ASCII UTF-8 sequence at {@code i} (as {@link #decodeUtf8}
   * decodes it) and returns the index after it: one byte and U+FFFD when it is not valid.
   */
  static int appendRune(StringBuilder sb, byte[] b, int i) {
    int n = b.length;
    int c = b[i] & 0xFF;
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
      return i + 1;
    }
    int cp = c & (0xFF >>> (size + 1));
    for (int k = 1; k < size; k++) {
      cp = cp << 6 | (b[i + k] & 0x3F);
    }
    sb.appendCodePoint(cp);
    return i + size;
  }

  /** Names a document or field in a message; the unnamed document is "the document". */
  static String subject(String path) {
    return path.isEmpty() ? "the document" : path;
  }

  // ------------------------------------------------------------------ Go's reading

  /**
   * A document read as Go's {@code encoding/json} unmarshals it into a type: the document to read
   * fields from, and the type error Go would report, to be thrown once the fields are read.
   */
  public static final class GoRead {
    private final JsonIn document;
    private final @Nullable ShapeException error;

    GoRead(JsonIn document, @Nullable ShapeException error) {
      this.document = document;
      this.error = error;
    }

    /**
     * Returns the document to read: the original one when reading its last occurrences gives what
     * Go gives, else an equivalent one with each field once (see {@link GoUnmarshal}).
     *
     * @return the document
     */
    public JsonIn document() {
      return document;
    }

    /**
     * Throws the type error Go reports for the document, if any. Called after the fields were read,
     * so that an error that reading a field reports in its own words comes first.
     *
     * @throws ShapeException when Go would fail to unmarshal the document
     */
    public void finish() {
      if (error != null) {
        throw error;
      }
    }
  }

  /**
   * Reads this document, which must be a whole document, as Go's {@code encoding/json} unmarshals
   * it into {@code type}: duplicate keys processed in order (structs and maps merge, slices are
   * decoded onto what they replace, {@code null} is a no-op on scalars), keys matched with Go's
   * case folding, and a type error in any occurrence an error. In time and memory linear in the
   * document.
   *
   * @param type the Go type of the document, a struct
   * @return the document to read fields from, and the error to report after reading them
   */
  public GoRead readAsGo(GoType type) {
    return readAsGo(type, false);
  }

  /**
   * Reads this document as {@link #readAsGo(GoType)} does; with {@code dropUnknown}, keys that
   * {@code type}'s structs do not know are left out of the document returned, as for a Go library
   * version that predates them.
   *
   * @param type the Go type of the document, a struct
   * @param dropUnknown whether to leave out keys the structs do not know
   * @return the document to read fields from, and the error to report after reading them
   */
  public GoRead readAsGo(GoType type, boolean dropUnknown) {
    if (parent != null) {
      throw new IllegalStateException("only a whole document can be read as a Go value");
    }
    GoUnmarshal.Result r =
        GoUnmarshal.read(doc, type, rootPath == null ? "" : rootPath, dropUnknown);
    if (r.canonical == null) {
      if (r.error != null) {
        return new GoRead(this, r.error);
      }
      // Read as it is: one shared answer for every type this document is read as.
      GoRead clean = asIs;
      if (clean == null) {
        clean = new GoRead(this, null);
        asIs = clean;
      }
      return clean;
    }
    JsonTape canonical = JsonTape.parse(r.canonical);
    if (canonical == null) {
      throw new ShapeException(path(), subject(path()) + " cannot be read");
    }
    return new GoRead(new JsonIn(canonical, 0, rootPath == null ? "" : rootPath), r.error);
  }

  // ------------------------------------------------------------------ lookup

  /**
   * The tape index of the value Go would assign to the field: that of the last entry whose key
   * equals {@code key} ignoring case; -1 when there is none.
   */
  private int find(String key) {
    JsonTape d = doc;
    byte[] lower = d.packed ? Names.lowerAscii(key) : null;
    if (lower == null) {
      // Not an ASCII name (or not packed): compare with every key.
      int found = -1;
      for (int k = JsonTape.first(at), end = d.end(at); k < end; k = d.next(k + 1)) {
        if (d.keyEquals(k, key)) {
          found = k + 1;
        }
      }
      return found;
    }
    Object idx = index;
    if (idx == null) {
      idx = buildIndex();
    }
    int[] tape = d.tape;
    byte[] b = d.buf;
    int code = lower.length + 1;
    int found = -1;
    if (idx == NO_INDEX) {
      // Few keys: compare each, most of them only by their length and first character.
      int first = lower.length == 0 ? 0 : lower[0];
      for (int k = JsonTape.first(at), end = tape[at + 1]; k < end; ) {
        int t = tape[k];
        int c = t & 0xFF;
        if (c == code
            ? lower.length == 0
                || JsonTape.lower(b[(t >>> 8) + 1]) == first && d.plainKeyEquals(k, lower)
            : c == 0 && d.keyEquals(k, key)) {
          found = k + 1;
        }
        // Past the value: one token, or a container and its contents.
        int v = tape[k + 1];
        k = v < 0 ? tape[k + 2] : k + 2;
      }
      return found;
    }
    // Walk the chain of keys in the name's bucket; a key whose folded hash differs is skipped
    // without being compared.
    int[] table = (int[]) idx;
    int mask = table[0];
    int base = mask + 2;
    int h = foldedHash(lower, 0, lower.length);
    for (int o = table[1 + (h & mask)]; o != 0; o = table[base + 3 * o - 2]) {
      if (PROBES.on) {
        PROBES.count++;
      }
      if (table[base + 3 * o - 1] != h) {
        continue;
      }
      int k = table[base + 3 * o - 3];
      if (k + 1 > found && matches(k, key, lower)) {
        found = k + 1;
      }
    }
    return found;
  }

  /** Seeds the key hash per run, so that inputs cannot be built to collide in it. */
  private static final int HASH_SEED = new java.security.SecureRandom().nextInt();

  /** A hash of lower-case ASCII bytes, equal for keys that Go matches to the same name. */
  private static int foldedHash(byte[] lower, int from, int to) {
    int h = HASH_SEED;
    for (int i = from; i < to; i++) {
      h = (h ^ lower[i]) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  /**
   * Puts in {@code out[0]} the hash of the key at tape index {@code k} folded as Go folds it onto
   * an ASCII field name; false when the key holds a character that folds onto no ASCII one, or is
   * longer than any name, so that it can match no field name.
   */
  private static boolean foldedKey(JsonTape d, int k, int[] out, byte[] scratch) {
    int len = d.length(k);
    if (len >= 0) {
      byte[] b = d.buf;
      int p = d.offset(k) + 1;
      int h = HASH_SEED;
      for (int i = p; i < p + len; i++) {
        h = (h ^ JsonTape.lower(b[i])) * 0x01000193;
      }
      out[0] = h ^ (h >>> 16);
      return true;
    }
    // Escapes or non-ASCII: folded while decoding; no name is longer than the scratch buffer.
    int n = d.foldKeyInto(k, scratch);
    if (n < 0) {
      return false;
    }
    out[0] = foldedHash(scratch, 0, n);
    return true;
  }

  /** Whether the key at {@code k} is {@code key} ({@code lower} as lower-case bytes). */
  private boolean matches(int k, String key, byte[] lower) {
    int c = doc.tape[k] & 0xFF;
    return c == lower.length + 1 ? doc.plainKeyEquals(k, lower) : c == 0 && doc.keyEquals(k, key);
  }

  /**
   * Indexes the keys of an object with more than a few of them by a hash, seeded per run, of the
   * key folded as Go folds keys onto field names, so that each lookup compares about one key. Keys
   * are chained per bucket, so that building takes one step a key however many of them collide, and
   * a lookup at most one step a key: the readers look up a fixed set of names, so reading an object
   * stays linear in its size. Keys that fold onto no ASCII name are left out. Objects with fewer
   * keys are scanned.
   *
   * <p>The table holds the bucket mask, then the buckets (the ordinal, from 1, of the last key put
   * in each, 0 for none), then per key its tape index, the ordinal of the next key in its bucket
   * and its hash.
   */
  private Object buildIndex() {
    JsonTape d = doc;
    int size = d.objectSize(at);
    Object idx = NO_INDEX;
    if (size >= INDEX_THRESHOLD) {
      int buckets = Integer.highestOneBit(size + (size >> 1)) << 1;
      int mask = buckets - 1;
      int base = buckets + 1;
      int[] table = new int[base + 3 * size];
      table[0] = mask;
      int[] hash = new int[1];
      byte[] scratch = new byte[64];
      int o = 0;
      for (int k = JsonTape.first(at), end = d.end(at); k < end; k = d.next(k + 1)) {
        if (PROBES.on) {
          PROBES.count++;
        }
        if (!foldedKey(d, k, hash, scratch)) {
          continue; // matches no field name
        }
        o++;
        int b = 1 + (hash[0] & mask);
        table[base + 3 * o - 3] = k;
        table[base + 3 * o - 2] = table[b];
        table[base + 3 * o - 1] = hash[0];
        table[b] = o;
      }
      idx = table;
    }
    index = idx;
    return idx;
  }

  /**
   * Counts the steps of key lookups and index building, so that tests can show the work is linear
   * in the input without timing it. Counting is off unless a test turns it on; it is not meant for
   * concurrent use.
   */
  static final class Probes {
    /** Steps counted while {@link #on}. */
    long count;

    /** Whether steps are counted. */
    boolean on;
  }

  /** The lookup step counter (see {@link Probes}). */
  static final Probes PROBES = new Probes();

  // ------------------------------------------------------------------ materializing

  /** The value at tape index {@code v}, inside this object. */
  private Object value(int v) {
    switch (doc.kind(v)) {
      case '{':
        return new JsonIn(doc, v, this);
      case '[':
        return list(v);
      default:
        return scalar(v);
    }
  }

  /** The array at {@code v}, inside this object, as a list. */
  private List<Object> list(int v) {
    Object[] out = new Object[doc.arraySize(v)];
    int i = 0;
    for (int e = JsonTape.first(v), end = doc.end(v); e < end; e = doc.next(e), i++) {
      switch (doc.kind(e)) {
        case '{':
          out[i] = new JsonIn(doc, e, this);
          break;
        case '[':
          out[i] = list(e);
          break;
        default:
          out[i] = scalar(e);
      }
    }
    return List.of(out);
  }

  private Object scalar(int v) {
    switch (doc.kind(v)) {
      case '"':
        return doc.string(v);
      case 't':
        return Boolean.TRUE;
      case 'f':
        return Boolean.FALSE;
      case 'n':
        return NULL;
      default:
        return new Number(doc.numberText(v));
    }
  }

  // ------------------------------------------------------------------ API

  /**
   * Returns this object's path in the document.
   *
   * @return for example {@code "payload.nats"}
   */
  public String path() {
    JsonIn holder = parent;
    if (holder == null) {
      return rootPath == null ? "" : rootPath;
    }
    // Go down from the holder to this object: through the entry, or the array element, whose
    // value holds it, naming each step as the document names it.
    StringBuilder p = new StringBuilder(holder.path());
    int container = holder.at;
    while (container != at) {
      if (doc.kind(container) == '{') {
        for (int k = JsonTape.first(container); ; k = doc.next(k + 1)) {
          if (at < doc.next(k + 1)) {
            if (p.length() > 0) {
              p.append('.');
            }
            p.append(doc.string(k));
            container = k + 1;
            break;
          }
        }
      } else {
        for (int e = JsonTape.first(container), i = 0; ; e = doc.next(e), i++) {
          if (at < doc.next(e)) {
            p.append('[').append(i).append(']');
            container = e;
            break;
          }
        }
      }
    }
    return p.toString();
  }

  /**
   * Returns the keys as they appear, in document order, duplicates included.
   *
   * @return the raw keys
   */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (int k = JsonTape.first(at), end = doc.end(at); k < end; k = doc.next(k + 1)) {
      keys.add(doc.string(k));
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
    int v = find(key);
    return v < 0 || doc.kind(v) == 'n' ? Optional.empty() : Optional.of(value(v));
  }

  /**
   * Returns every value given for the field, in document order: each entry whose key equals it
   * ignoring case, {@link #NULL} included. Go hands each of them, {@code null} too, to a type's own
   * {@code UnmarshalJSON}, so such types must look at all of them.
   *
   * @param key the field name
   * @return the raw values, possibly empty
   */
  public List<Object> all(String key) {
    return all(key, List.of());
  }

  /**
   * Returns every value given for the field as {@link #all(String)} does, with strings equal to one
   * of {@code known} returned as that instance.
   *
   * @param key the field name
   * @param known ASCII values to share
   * @return the raw values, possibly empty
   */
  public List<Object> all(String key, List<String> known) {
    Object single = null;
    List<Object> out = null;
    for (int k = JsonTape.first(at), end = doc.end(at); k < end; k = doc.next(k + 1)) {
      if (doc.keyEquals(k, key)) {
        Object v = doc.kind(k + 1) == '"' ? stringValue(k + 1, known) : value(k + 1);
        if (single == null) {
          single = v;
        } else {
          if (out == null) {
            out = new ArrayList<>();
            out.add(single);
          }
          out.add(v);
        }
      }
    }
    return out != null
        ? Collections.unmodifiableList(out)
        : single != null ? List.of(single) : List.of();
  }

  /**
   * Returns whether a non-null value is present for the field.
   *
   * @param key the field name
   * @return {@code true} when present
   */
  public boolean has(String key) {
    int v = find(key);
    return v >= 0 && doc.kind(v) != 'n';
  }

  /**
   * Returns whether the field holds an array without elements (Go: a non-nil empty slice).
   *
   * @param key the field name
   * @return {@code true} for {@code []}
   */
  public boolean isEmptyArray(String key) {
    int v = find(key);
    return v >= 0 && doc.kind(v) == '[' && doc.end(v) == JsonTape.first(v);
  }

  /**
   * Reads a string field.
   *
   * @param key the field name
   * @return the string, or {@code ""} when absent
   * @throws ShapeException when the value is not a string
   */
  public String string(String key) {
    return string(key, List.of());
  }

  /**
   * Reads a string field as {@link #string(String)} does, returning the instance of {@code known}
   * that it equals, if any, so that common values need no new strings.
   *
   * @param key the field name
   * @param known ASCII values to share
   * @return the string, or {@code ""} when absent
   * @throws ShapeException when the value is not a string
   */
  public String string(String key, List<String> known) {
    int v = find(key);
    if (v < 0) {
      return "";
    }
    byte kind = doc.kind(v);
    if (kind == '"') {
      return stringValue(v, known);
    }
    if (kind == 'n') {
      return "";
    }
    throw mismatch(key, "a string", value(v));
  }

  /**
   * Reads a 64-bit integer field.
   *
   * @param key the field name
   * @return the number, or 0 when absent
   * @throws ShapeException when the value is not an integer in range
   */
  public long int64(String key) {
    return integer(key, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Reads a 64-bit integer field that keeps a default when absent, as a Go field set before
   * unmarshalling does.
   *
   * @param key the field name
   * @param absent the value when the field is absent or {@code null}
   * @return the number, or {@code absent}
   * @throws ShapeException when the value is not an integer in range
   */
  public long int64(String key, long absent) {
    int v = find(key);
    if (v < 0 || doc.kind(v) == 'n') {
      return absent;
    }
    return toLong(key, v, Long.MIN_VALUE, Long.MAX_VALUE);
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
    int v = find(key);
    if (v < 0 || doc.kind(v) == 'n') {
      return 0;
    }
    return toLong(key, v, min, max);
  }

  /** The integer at {@code v}, the value of the field {@code key} of this object. */
  private long toLong(String key, int v, long min, long max) {
    byte kind = doc.kind(v);
    if (kind != '-' && (kind < '0' || kind > '9')) {
      String p = child(key);
      throw new ShapeException(p, p + ": expected an integer, found " + describe(value(v)));
    }
    int problem = doc.integerProblem(v);
    if (problem == JsonTape.NOT_INTEGER) {
      String p = child(key);
      throw new ShapeException(p, p + ": expected an integer, found " + doc.numberText(v));
    }
    long value = problem == 0 ? doc.integer(v) : 0;
    if (problem == JsonTape.OUT_OF_LONG || value < min || value > max) {
      String p = child(key);
      throw new ShapeException(
          p, p + ": " + doc.numberText(v) + " is out of range [" + min + ", " + max + "]");
    }
    return value;
  }

  /**
   * Reads a boolean field.
   *
   * @param key the field name
   * @return the boolean, or {@code false} when absent
   * @throws ShapeException when the value is not a boolean
   */
  public boolean bool(String key) {
    int v = find(key);
    if (v < 0) {
      return false;
    }
    switch (doc.kind(v)) {
      case 't':
        return true;
      case 'f':
      case 'n':
        return false;
      default:
        throw mismatch(key, "true or false", value(v));
    }
  }

  /**
   * Reads an array of strings.
   *
   * @param key the field name
   * @return the strings in order (a {@code null} element reads as {@code ""}), or an empty list
   * @throws ShapeException when the value is not an array of strings
   */
  public List<String> strings(String key) {
    return strings(key, List.of());
  }

  /**
   * Reads an array of strings as {@link #strings(String)} does, returning the instances of {@code
   * known} for elements equal to one of them, so that common values need no new strings.
   *
   * @param key the field name
   * @param known ASCII values to share
   * @return the strings in order (a {@code null} element reads as {@code ""}), or an empty list
   * @throws ShapeException when the value is not an array of strings
   */
  public List<String> strings(String key, List<String> known) {
    int v = array(key, "an array of strings");
    if (v < 0) {
      return List.of();
    }
    int e = JsonTape.first(v);
    int end = doc.end(v);
    if (e == end) {
      return List.of();
    }
    // Up to three elements are the common case; List.of takes them without a temporary array.
    String first = element(key, v, e, 0, known);
    e = doc.next(e);
    if (e == end) {
      return List.of(first);
    }
    String second = element(key, v, e, 1, known);
    e = doc.next(e);
    if (e == end) {
      return List.of(first, second);
    }
    String third = element(key, v, e, 2, known);
    e = doc.next(e);
    if (e == end) {
      return List.of(first, second, third);
    }
    String[] out = new String[doc.arraySize(v)];
    out[0] = first;
    out[1] = second;
    out[2] = third;
    for (int i = 3; e < end; e = doc.next(e), i++) {
      out[i] = element(key, v, e, i, known);
    }
    return List.of(out);
  }

  /**
   * The tape index of the array the field holds; -1 when it is absent or {@code null}.
   *
   * @throws ShapeException when it holds something else ({@code expected} says what was wanted)
   */
  private int array(String key, String expected) {
    int v = find(key);
    if (v < 0) {
      return -1;
    }
    byte kind = doc.kind(v);
    if (kind == 'n') {
      return -1;
    }
    if (kind != '[') {
      throw mismatch(key, expected, value(v));
    }
    return v;
  }

  /** Element {@code i} (at tape index {@code e}) of the array of strings at {@code v}. */
  private String element(String key, int v, int e, int i, List<String> known) {
    byte k = doc.kind(e);
    if (k == '"') {
      return stringValue(e, known);
    } else if (k == 'n') {
      return "";
    }
    throw mismatch(key + "[" + i + "]", "a string", list(v).get(i));
  }

  /** The string at {@code v}: one of {@code known} when it equals one. */
  private String stringValue(int v, List<String> known) {
    for (int k = 0; k < known.size(); k++) {
      String s = known.get(k);
      if (doc.plainEquals(v, s)) {
        return s;
      }
    }
    return doc.string(v);
  }

  /**
   * Returns the strings of a field given exactly once as an array of strings (a {@code null}
   * element reads as {@code ""}), the usual shape; {@code null} for any other shape, which the
   * caller then reads through {@link #all}.
   *
   * @param key the field name
   * @return the strings, or {@code null}
   */
  public @Nullable List<String> stringsIfSingleArray(String key) {
    int v = -1;
    for (int k = JsonTape.first(at), end = doc.end(at); k < end; k = doc.next(k + 1)) {
      if (doc.keyEquals(k, key)) {
        if (v >= 0) {
          return null;
        }
        v = k + 1;
      }
    }
    if (v < 0 || doc.kind(v) != '[') {
      return null;
    }
    for (int e = JsonTape.first(v), end = doc.end(v); e < end; e = doc.next(e)) {
      byte k = doc.kind(e);
      if (k != '"' && k != 'n') {
        return null;
      }
    }
    return strings(key);
  }

  /**
   * Checks that a field is absent, {@code null} or an array of strings and {@code null}s, as {@link
   * #strings} would read it, without reading the strings.
   *
   * @param key the field name
   * @throws ShapeException when the value is not an array of strings
   */
  public void requireStrings(String key) {
    int v = array(key, "an array of strings");
    if (v < 0) {
      return;
    }
    int i = 0;
    for (int e = JsonTape.first(v), end = doc.end(v); e < end; e = doc.next(e), i++) {
      byte k = doc.kind(e);
      if (k != '"' && k != 'n') {
        throw mismatch(key + "[" + i + "]", "a string", list(v).get(i));
      }
    }
  }

  /**
   * Reads a nested object.
   *
   * @param key the field name
   * @return the object, or empty when absent or {@code null}
   * @throws ShapeException when the value is not an object
   */
  public Optional<JsonIn> object(String key) {
    return Optional.ofNullable(objectOrNull(key));
  }

  /**
   * Reads a nested object, as {@link #object} does.
   *
   * @param key the field name
   * @return the object, or {@code null} when absent or {@code null}
   * @throws ShapeException when the value is not an object
   */
  public @Nullable JsonIn objectOrNull(String key) {
    int v = find(key);
    if (v < 0) {
      return null;
    }
    byte kind = doc.kind(v);
    if (kind == '{') {
      return new JsonIn(doc, v, this);
    }
    if (kind == 'n') {
      return null;
    }
    throw mismatch(key, "an object", value(v));
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
    int v = array(key, "an array of objects");
    if (v < 0) {
      return List.of();
    }
    @Nullable JsonIn[] out = new JsonIn[doc.arraySize(v)];
    int i = 0;
    boolean nulls = false;
    for (int e = JsonTape.first(v), end = doc.end(v); e < end; e = doc.next(e), i++) {
      byte k = doc.kind(e);
      if (k == '{') {
        out[i] = new JsonIn(doc, e, this);
      } else if (k == 'n') {
        nulls = true;
      } else {
        throw mismatch(key + "[" + i + "]", "an object", list(v).get(i));
      }
    }
    // List.of takes no nulls, and copies the array; it is the lighter list when it can be used.
    return nulls
        ? Collections.unmodifiableList(Arrays.asList(out))
        : out.length <= 2 ? List.of(out) : Collections.unmodifiableList(Arrays.asList(out));
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
    JsonIn obj = objectOrNull(key);
    if (obj == null) {
      return Map.of();
    }
    JsonTape d = doc;
    int size = d.objectSize(obj.at);
    if (size == 0) {
      return Collections.unmodifiableMap(new LinkedHashMap<>());
    }
    Map<String, Long> out = new LinkedHashMap<>(size + size / 3 + 1);
    for (int k = JsonTape.first(obj.at), end = d.end(obj.at); k < end; k = d.next(k + 1)) {
      String name = d.string(k);
      out.put(
          name,
          d.kind(k + 1) == 'n' ? 0L : obj.toLong(name, k + 1, Long.MIN_VALUE, Long.MAX_VALUE));
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
    for (int k = JsonTape.first(at), end = doc.end(at); k < end; k = doc.next(k + 1)) {
      out.put(doc.string(k), value(k + 1));
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
    String p = path();
    return p.isEmpty() ? key : p + "." + key;
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
