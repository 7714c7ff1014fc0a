package io.github.natsjwt.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSON document as Go's {@code encoding/json} unmarshals it into a {@link GoType}, in two
 * linear passes over the tape.
 *
 * <p>The first pass checks every value against its type, whether Go would keep it or not: Go
 * reports a type error in any occurrence of a field, even one a later duplicate replaces. It also
 * notes whether the document holds anything that a reader taking the last occurrence of each key
 * would read differently from Go: a key given twice in one struct object, or a key that matches a
 * field only after case folding.
 *
 * <p>Only such documents take the second pass, which writes an equivalent canonical document: each
 * struct field once under its own name, struct occurrences merged field by field, map occurrences
 * merged entry by entry, slices decoded element by element onto the elements they replace (Go
 * reuses a slice's backing array), {@code null} a no-op on scalars and structs and a reset on
 * pointers, maps and slices, and the custom types ({@code SigningKeys}, {@code CIDRList}, {@code
 * SamplingRate}, {@code ExportType}, {@code ScopeType}) as their own {@code UnmarshalJSON} methods
 * decide. Keys unknown to a struct are dropped there. Scoped signing keys are read through a {@code
 * map[string]interface{}} and written back before they are decoded, as the reference does, so that
 * their numbers go through float64.
 *
 * <p>Key matching is Go's: exact, else under Unicode simple case folding, in which only U+017F
 * (long s) and U+212A (Kelvin sign) fold onto the ASCII letters of a field name; U+0130 and U+0131
 * do not.
 */
final class GoUnmarshal {
  private final JsonTape d;
  private final String rootPath;

  /** Set by the first pass when the plain reader would read the document differently from Go. */
  private boolean dirty;

  /** Whether the error must be reported before the document is read any further. */
  private boolean fatal;

  /** The first type error, by document position of the pass, or null. */
  private JsonIn.@Nullable ShapeException error;

  private final Out out;

  /** Whether keys a struct does not know make the document dirty, so that they are dropped. */
  private boolean dropUnknown;

  private GoUnmarshal(JsonTape d, String rootPath, Out out) {
    this.d = d;
    this.rootPath = rootPath;
    this.out = out;
  }

  /** What reading a document gave: the canonical bytes when it needed them, and the type error. */
  static final class Result {
    /** A document read as Go reads it, as it is. */
    static final Result CLEAN = new Result(null, null);

    final byte @Nullable [] canonical;
    final JsonIn.@Nullable ShapeException error;

    Result(byte @Nullable [] canonical, JsonIn.@Nullable ShapeException error) {
      this.canonical = canonical;
      this.error = error;
    }
  }

  /**
   * Checks the document against {@code type} and, when the plain reader would read it differently
   * from Go, writes the canonical document.
   *
   * @param d the document, whose root object is read as {@code type}
   * @param type a struct type
   * @param rootPath the name of the document in messages
   * @param dropUnknown whether keys the structs do not know make the document rewritten without
   *     them, so that a reader knowing more fields reads it as {@code type}'s Go library does
   * @return the canonical bytes (null when the document is already read as Go reads it) and the
   *     first type error (null when there is none)
   */
  static Result read(JsonTape d, GoType type, String rootPath, boolean dropUnknown) {
    GoUnmarshal g = new GoUnmarshal(d, rootPath, null);
    g.dropUnknown = dropUnknown;
    g.check(type, 0);
    if (g.fatal && g.error != null) {
      throw g.error;
    }
    if (!g.dirty || g.error != null) {
      return g.error == null ? Result.CLEAN : new Result(null, g.error);
    }
    GoUnmarshal w = new GoUnmarshal(d, rootPath, new Out(d.limit));
    w.emit(type, IntList.of(0));
    return new Result(w.out.toBytes(), null);
  }

  // ------------------------------------------------------------------ keys

  /** Set by {@link #field} when the key matched only after case folding. */
  private boolean folded;

  /** Holds a key folded by {@link #field}, made when first needed: longer keys match no name. */
  private byte @Nullable [] scratch;

  /**
   * The index of the struct field that the key at tape index {@code k} names, or -1 when the struct
   * has none; sets {@link #folded}.
   */
  private int field(GoType st, int k) {
    byte[][] names = st.names;
    int len = d.length(k);
    if (len >= 0) {
      // Plain ASCII without escapes: compare bytes, ASCII letters folded.
      if (len > st.longestName) {
        return -1;
      }
      byte[] b = d.buf;
      int p = d.offset(k) + 1;
      for (int i = 0; i < names.length; i++) {
        byte[] n = names[i];
        if (JsonIn.PROBES.on) {
          JsonIn.PROBES.count++;
        }
        if (n.length != len) {
          continue;
        }
        if (Arrays.equals(b, p, p + len, n, 0, len)) {
          folded = false;
          return i;
        }
        int j = 0;
        while (j < len && JsonTape.lower(b[p + j]) == n[j]) {
          j++;
        }
        if (j == len) {
          folded = true;
          return i;
        }
      }
      return -1;
    }
    // Escapes or non-ASCII: fold while decoding, giving up at the first character that folds
    // onto no ASCII one. Such a key is never written as the field's name, so it is folded.
    byte[] f = scratch;
    if (f == null) {
      f = new byte[64];
      scratch = f;
    }
    int n = d.foldKeyInto(k, f);
    if (JsonIn.PROBES.on) {
      JsonIn.PROBES.count += Math.max(1, n);
    }
    if (n < 0) {
      return -1;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].length == n && Arrays.equals(names[i], 0, n, f, 0, n)) {
        folded = true;
        return i;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ first pass: check

  private void check(GoType t, int v) {
    if (JsonIn.PROBES.on) {
      JsonIn.PROBES.count++;
    }
    byte k = d.kind(v);
    switch (t.kind) {
      case STRING:
        if (k != '"' && k != 'n') {
          fail(v, "a string");
        }
        return;
      case INT:
        checkInt(t, v);
        return;
      case UINT64:
        if (k != 'n' && !isUint64(v)) {
          fail(v, "an unsigned 64-bit integer");
        }
        return;
      case RAW:
        return;
      case BOOL:
        if (k != 't' && k != 'f' && k != 'n') {
          fail(v, "true or false");
        }
        return;
      case ANY:
        checkAny(v);
        checkDepth(v);
        return;
      case STRUCT:
      case POINTER:
        if (k == '{') {
          checkStruct(t.struct(), v);
        } else if (k != 'n') {
          fail(v, "an object");
        }
        return;
      case MAP:
        if (k == '{') {
          GoType e = t.element();
          for (int key = JsonTape.first(v), end = d.end(v); key < end; key = d.next(key + 1)) {
            check(e, key + 1);
          }
        } else if (k != 'n') {
          fail(v, "an object");
        }
        return;
      case SLICE:
        if (k == '[') {
          GoType e = t.element();
          for (int x = JsonTape.first(v), end = d.end(v); x < end; x = d.next(x)) {
            check(e, x);
          }
        } else if (k != 'n') {
          fail(v, "an array");
        }
        return;
      case SIGNING_KEYS:
        checkSigningKeys(t, v);
        return;
      case CIDR_LIST:
        if (k == '[') {
          for (int x = JsonTape.first(v), end = d.end(v); x < end; x = d.next(x)) {
            byte ek = d.kind(x);
            if (ek != '"' && ek != 'n') {
              fail(x, "a string");
            }
          }
        } else if (k != '"' && k != 'n') {
          fail(v, "an array of strings or a comma-separated string");
        }
        return;
      case SAMPLING_RATE:
        if (k == '"' ? !isHeaders(v) : k != 'n') {
          checkInt(GoType.INT64, v);
        }
        return;
      case EXPORT_TYPE:
        if (!(k == '"' && (d.plainEquals(v, "stream") || d.plainEquals(v, "service")))) {
          if (k == '"' || k == 'n') {
            String s = k == 'n' ? "" : d.string(v);
            if (!s.equals("stream") && !s.equals("service")) {
              failWith(v, "unknown export type " + quote(s));
            }
          } else {
            fail(v, "\"stream\" or \"service\"");
          }
        }
        return;
      case SCOPE_TYPE:
        if (!(k == '"' && "user_scope".equals(d.string(v)))) {
          failWith(
              v,
              "unknown scope type "
                  + (k == '"' ? quote(d.string(v)) : k == 'n' ? "\"\"" : "(not a string)"));
        }
        return;
      default:
        throw new AssertionError(t.kind);
    }
  }

  /** The reference compares the raw bytes, lower-cased, with {@code "headers"}. */
  private boolean isHeaders(int v) {
    int p = d.offset(v);
    byte[] b = d.buf;
    String want = "\"headers\"";
    if (p + want.length() > d.limit) {
      return false;
    }
    for (int j = 0; j < want.length(); j++) {
      if (JsonTape.lower(b[p + j]) != want.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private void checkInt(GoType t, int v) {
    byte k = d.kind(v);
    if (k == 'n') {
      return;
    }
    if (k != '-' && (k < '0' || k > '9')) {
      fail(v, "an integer");
      return;
    }
    int problem = d.integerProblem(v);
    if (t.min == 0 && k == '-' && problem != JsonTape.NOT_INTEGER) {
      // Unsigned types are parsed with ParseUint, which takes no sign, not even "-0".
      failWith(v, d.numberText(v) + " is out of range [" + t.min + ", " + t.max + "]");
      return;
    }
    if (problem == JsonTape.NOT_INTEGER) {
      failWith(v, "expected an integer, found " + d.numberText(v));
      return;
    }
    long value = problem == 0 ? d.integer(v) : 0;
    if (problem == JsonTape.OUT_OF_LONG || value < t.min || value > t.max) {
      failWith(v, d.numberText(v) + " is out of range [" + t.min + ", " + t.max + "]");
    }
  }

  private boolean isUint64(int v) {
    byte k = d.kind(v);
    if (k < '0' || k > '9' || d.integerProblem(v) == JsonTape.NOT_INTEGER) {
      return false;
    }
    String text = d.numberText(v);
    return text.length() < 20 || text.length() == 20 && text.compareTo("18446744073709551615") <= 0;
  }

  /** Go's {@code interface{}} takes any JSON, but a number must be a finite float64. */
  private void checkAny(int v) {
    for (int x = v, end = d.next(v); x < end; x++) {
      int t = d.tape[x];
      if (t < 0) {
        x++; // a container's second slot
        continue;
      }
      byte k = d.kind(x);
      if ((k == '-' || (k >= '0' && k <= '9')) && !isFloat64(x)) {
        failWith(x, "the number " + clip(d.numberText(x)) + " is out of the float64 range");
      }
    }
  }

  /**
   * Values of {@code interface{}} fields (the data of generic claims) become nested Java maps and
   * lists, which Java walks recursively (to compare, hash and write them); Go accepts them up to
   * the document's 10,000 levels, but here they are refused beyond this depth, so that no operation
   * on the claims can overflow a thread's stack.
   */
  static final int MAX_ANY_DEPTH = 500;

  /** Refuses an {@code interface{}} value nested deeper than {@link #MAX_ANY_DEPTH}. */
  private void checkDepth(int v) {
    int[] ends = new int[16];
    int depth = 0;
    for (int x = v, end = d.next(v); x < end; x++) {
      while (depth > 0 && x >= ends[depth - 1]) {
        depth--;
      }
      if (d.tape[x] < 0) {
        if (depth == MAX_ANY_DEPTH) {
          fatal = true;
          failWith(
              v,
              "nested deeper than "
                  + MAX_ANY_DEPTH
                  + " levels; generic claims data is read only to that depth (Go reads up to"
                  + " 10,000)");
          return;
        }
        if (depth == ends.length) {
          ends = Arrays.copyOf(ends, depth * 2);
        }
        ends[depth++] = d.end(x);
        x++; // a container's second slot
      }
    }
  }

  /** Whether the number at {@code x} is within float64's range, as Go's ParseFloat decides. */
  private boolean isFloat64(int x) {
    if (d.integerProblem(x) == 0) {
      return true;
    }
    return !Double.isInfinite(Double.parseDouble(d.numberText(x)));
  }

  private void checkStruct(GoType st, int v) {
    int n = st.names.length;
    long seen = 0;
    boolean[] seenMany = n > 64 ? new boolean[n] : null;
    for (int k = JsonTape.first(v), end = d.end(v); k < end; k = d.next(k + 1)) {
      int i = field(st, k);
      if (i < 0) {
        dirty |= dropUnknown;
        continue;
      }
      if (folded) {
        dirty = true;
      }
      if (seenMany == null) {
        if ((seen & 1L << i) != 0) {
          dirty = true;
        }
        seen |= 1L << i;
      } else {
        dirty |= seenMany[i];
        seenMany[i] = true;
      }
      check(st.field(i), k + 1);
    }
  }

  private void checkSigningKeys(GoType t, int v) {
    byte k = d.kind(v);
    if (k == 'n') {
      return;
    }
    if (k != '[') {
      fail(v, "an array of signing keys and scopes");
      return;
    }
    // Read as []interface{} first: every number anywhere must be a float64.
    checkAny(v);
    if (error != null) {
      return;
    }
    for (int x = JsonTape.first(v), end = d.end(v); x < end; x = d.next(x)) {
      if (d.kind(x) == '{') {
        checkScope(t.element(), x);
        if (error != null) {
          return;
        }
      }
    }
  }

  /** A scope object: the exact key {@code kind} decides, then it is decoded after a round trip. */
  private void checkScope(GoType scope, int x) {
    int kind = -1;
    for (int k = JsonTape.first(x), end = d.end(x); k < end; k = d.next(k + 1)) {
      if (d.plainEquals(k, "kind") || (d.length(k) < 0 && d.string(k).equals("kind"))) {
        kind = k + 1;
      }
    }
    if (kind < 0 || d.kind(kind) != '"' || !d.string(kind).equals("user_scope")) {
      String found =
          kind < 0 ? "missing" : d.kind(kind) == '"' ? quote(d.string(kind)) : "not a string";
      failWith(
          kind < 0 ? x : kind,
          "unknown signing key scope (the reference's words): kind is "
              + found
              + ", but a scoped signing key must have kind \"user_scope\"");
      return;
    }
    if (!needsRoundTrip(x)) {
      check(scope, x);
      return;
    }
    dirty = true;
    JsonTape rt = roundTrip(x, scope);
    GoUnmarshal nested = new GoUnmarshal(rt, pathOf(x), out);
    nested.check(scope, 0);
    if (nested.error != null && error == null) {
      error = nested.error;
    }
  }

  /**
   * Whether a scope object reads differently after Go's round trip through {@code
   * map[string]interface{}}: a key given twice or not in lower case, or a number that float64
   * changes or that is not a plain integer.
   */
  private boolean needsRoundTrip(int x) {
    for (int i = x, end = d.next(x); i < end; i++) {
      int t = d.tape[i];
      if (t < 0) {
        if (d.kind(i) == '{') {
          Set<String> keys = new HashSet<>();
          for (int k = JsonTape.first(i), e = d.end(i); k < e; k = d.next(k + 1)) {
            String s = d.string(k);
            if (!keys.add(s) || !s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
              return true;
            }
          }
        }
        i++;
        continue;
      }
      byte k = d.kind(i);
      if (k == '-' || (k >= '0' && k <= '9')) {
        String text = d.numberText(i);
        if (text.length() > 15
            || text.indexOf('.') >= 0
            || text.indexOf('e') >= 0
            || text.indexOf('E') >= 0
            || text.equals("-0")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The scope object at {@code x} as Go's {@code json.Marshal} writes the {@code
   * map[string]interface{}} it reads: keys once (the last wins), sorted, numbers through float64.
   * Only what the scope type can use is kept, so that nesting stays as shallow as the type.
   */
  private JsonTape roundTrip(int x, GoType scope) {
    GoJsonWriter w = new GoJsonWriter();
    w.anyValue(plain(x, scope));
    byte[] bytes = w.toString().getBytes(StandardCharsets.UTF_8);
    JsonTape t = JsonTape.parse(bytes);
    if (t == null) {
      throw new IllegalStateException("a scope written back is not JSON");
    }
    return t;
  }

  /** The value at {@code v} as {@code interface{}} holds it, kept to what {@code guide} uses. */
  private @Nullable Object plain(int v, GoType guide) {
    byte k = d.kind(v);
    switch (k) {
      case '{':
        {
          Map<String, @Nullable Object> m = new LinkedHashMap<>();
          GoType st =
              guide.kind == GoType.Kind.STRUCT || guide.kind == GoType.Kind.POINTER
                  ? guide.struct()
                  : null;
          for (int key = JsonTape.first(v), end = d.end(v); key < end; key = d.next(key + 1)) {
            String name = d.string(key);
            if (st != null) {
              int f = field(st, key);
              if (f >= 0) {
                m.remove(name);
                m.put(name, plain(key + 1, st.field(f)));
              }
            } else if (guide.kind == GoType.Kind.MAP) {
              m.remove(name);
              m.put(name, plain(key + 1, guide.element()));
            }
            // Any other type fails on an object whatever it holds.
          }
          return m;
        }
      case '[':
        {
          List<@Nullable Object> l = new ArrayList<>();
          GoType e = guide.kind == GoType.Kind.SLICE ? guide.element() : GoType.STRING;
          boolean keep = guide.kind == GoType.Kind.SLICE || guide.kind == GoType.Kind.CIDR_LIST;
          for (int x = JsonTape.first(v), end = d.end(v); x < end; x = d.next(x)) {
            l.add(keep ? plain(x, e) : null);
          }
          return l;
        }
      case '"':
        return d.string(v);
      case 't':
        return Boolean.TRUE;
      case 'f':
        return Boolean.FALSE;
      case 'n':
        return null;
      default:
        return Double.parseDouble(d.numberText(v));
    }
  }

  private void fail(int v, String expected) {
    failWith(v, "expected " + expected + ", found " + describe(v));
  }

  private void failWith(int v, String message) {
    if (error == null) {
      String p = pathOf(v);
      error = new JsonIn.ShapeException(p, p + ": " + message);
    }
  }

  private String describe(int v) {
    switch (d.kind(v)) {
      case '"':
        {
          String s = d.string(v);
          return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
      case '{':
        return "an object";
      case '[':
        return "an array";
      case 't':
        return "the boolean true";
      case 'f':
        return "the boolean false";
      case 'n':
        return "null";
      default:
        return "the number " + clip(d.numberText(v));
    }
  }

  private static String quote(String s) {
    return "\"" + clip(s) + "\"";
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** The dotted path of the value at tape index {@code target}, found from the root down. */
  private String pathOf(int target) {
    StringBuilder p = new StringBuilder(rootPath);
    int c = 0;
    while (c != target) {
      if (d.kind(c) == '{') {
        for (int k = JsonTape.first(c); ; k = d.next(k + 1)) {
          if (target <= k) {
            // The key itself: report the value's path.
            target = k + 1;
          }
          if (target < d.next(k + 1)) {
            if (p.length() > 0) {
              p.append('.');
            }
            p.append(clip(d.string(k)));
            c = k + 1;
            break;
          }
        }
      } else {
        int i = 0;
        for (int e = JsonTape.first(c); ; e = d.next(e), i++) {
          if (target < d.next(e)) {
            p.append('[').append(i).append(']');
            c = e;
            break;
          }
        }
      }
    }
    return p.toString();
  }

  // ------------------------------------------------------------------ second pass: emit

  /** Writes the value that the occurrences {@code src} (tape indexes, in order) decode into. */
  private void emit(GoType t, IntList src) {
    if (JsonIn.PROBES.on) {
      JsonIn.PROBES.count += src.size;
    }
    switch (t.kind) {
      case STRING:
      case INT:
      case UINT64:
      case BOOL:
        {
          int v = lastNonNull(src);
          copyValue(v < 0 ? src.last() : v);
          return;
        }
      case ANY:
      case RAW:
      case CIDR_LIST:
      case SAMPLING_RATE:
      case EXPORT_TYPE:
      case SCOPE_TYPE:
        copyValue(src.last());
        return;
      case STRUCT:
        emitStruct(t, objects(src, false));
        return;
      case POINTER:
        {
          IntList live = objects(src, true);
          if (live.size == 0) {
            out.ascii("null");
          } else {
            emitStruct(t.struct(), live);
          }
          return;
        }
      case MAP:
        emitMap(t, src);
        return;
      case SLICE:
        emitSlice(t, src);
        return;
      case SIGNING_KEYS:
        emitSigningKeys(t, src);
        return;
      default:
        throw new AssertionError(t.kind);
    }
  }

  /** Whether an occurrence list decodes to nothing at all, so that the field can be left out. */
  private boolean absent(GoType t, IntList src) {
    switch (t.kind) {
      case STRING:
      case INT:
      case UINT64:
      case BOOL:
        return lastNonNull(src) < 0;
      case STRUCT:
        return objects(src, false).size == 0;
      default:
        return false;
    }
  }

  private int lastNonNull(IntList src) {
    for (int i = src.size - 1; i >= 0; i--) {
      if (d.kind(src.get(i)) != 'n') {
        return src.get(i);
      }
    }
    return -1;
  }

  /** The objects among {@code src}; only those after the last {@code null} when it resets. */
  private IntList objects(IntList src, boolean nullResets) {
    IntList o = new IntList();
    for (int i = 0; i < src.size; i++) {
      int v = src.get(i);
      if (d.kind(v) == '{') {
        o.add(v);
      } else if (nullResets) {
        o.size = 0;
      }
    }
    return o;
  }

  private void emitStruct(GoType st, IntList objs) {
    int n = st.names.length;
    IntList[] fields = new IntList[n];
    for (int i = 0; i < objs.size; i++) {
      int v = objs.get(i);
      for (int k = JsonTape.first(v), end = d.end(v); k < end; k = d.next(k + 1)) {
        int f = field(st, k);
        if (f >= 0) {
          if (fields[f] == null) {
            fields[f] = new IntList();
          }
          fields[f].add(k + 1);
        }
      }
    }
    out.ascii("{");
    boolean first = true;
    for (int f = 0; f < n; f++) {
      IntList occ = fields[f];
      if (occ == null || absent(st.field(f), occ)) {
        continue;
      }
      if (!first) {
        out.ascii(",");
      }
      first = false;
      out.ascii("\"").bytes(st.names[f]).ascii("\":");
      emit(st.field(f), occ);
    }
    out.ascii("}");
  }

  private void emitMap(GoType t, IntList src) {
    IntList live = objects(src, true);
    if (live.size == 0) {
      out.ascii("null");
      return;
    }
    // Entries in the order first given; each value is the last one given for its key, decoded
    // into a fresh value.
    Map<String, Integer> entries = new LinkedHashMap<>();
    for (int i = 0; i < live.size; i++) {
      int v = live.get(i);
      for (int k = JsonTape.first(v), end = d.end(v); k < end; k = d.next(k + 1)) {
        entries.put(d.string(k), k + 1);
      }
    }
    out.ascii("{");
    boolean first = true;
    for (Map.Entry<String, Integer> e : entries.entrySet()) {
      if (!first) {
        out.ascii(",");
      }
      first = false;
      out.string(e.getKey()).ascii(":");
      emit(t.element(), IntList.of(e.getValue()));
    }
    out.ascii("}");
  }

  /**
   * Go decodes an array into a slice element by element, onto the elements of the backing array it
   * already has: within its length, and beyond it up to where earlier arrays wrote. {@code null}
   * sets the slice to nil and {@code []} to a new empty one.
   */
  private void emitSlice(GoType t, IntList src) {
    List<IntList> slots = new ArrayList<>();
    int len = 0;
    boolean nil = true;
    for (int i = 0; i < src.size; i++) {
      int v = src.get(i);
      if (d.kind(v) != '[') {
        slots.clear();
        len = 0;
        nil = true;
        continue;
      }
      nil = false;
      int j = 0;
      for (int e = JsonTape.first(v), end = d.end(v); e < end; e = d.next(e), j++) {
        if (j == slots.size()) {
          slots.add(new IntList());
        }
        slots.get(j).add(e);
      }
      len = j;
      if (j == 0) {
        slots.clear();
      }
    }
    if (nil) {
      out.ascii("null");
      return;
    }
    GoType e = t.element();
    out.ascii("[");
    for (int j = 0; j < len; j++) {
      if (j > 0) {
        out.ascii(",");
      }
      IntList slot = slots.get(j);
      if (e.kind == GoType.Kind.STRUCT && objects(slot, false).size == 0) {
        out.ascii("{}");
      } else {
        emit(e, slot);
      }
    }
    out.ascii("]");
  }

  /** Every occurrence adds its keys and scopes to the same map; {@code null} adds nothing. */
  private void emitSigningKeys(GoType t, IntList src) {
    Map<String, byte @Nullable []> entries = new LinkedHashMap<>();
    for (int i = 0; i < src.size; i++) {
      int v = src.get(i);
      if (d.kind(v) != '[') {
        continue;
      }
      for (int x = JsonTape.first(v), end = d.end(v); x < end; x = d.next(x)) {
        byte k = d.kind(x);
        if (k == '"') {
          String key = d.string(x);
          entries.remove(key);
          entries.put(key, null);
        } else if (k == '{') {
          JsonTape rt = needsRoundTrip(x) ? roundTrip(x, t.element()) : null;
          Out scopeOut = new Out(64);
          GoUnmarshal g = new GoUnmarshal(rt == null ? d : rt, rootPath, scopeOut);
          g.emit(t.element(), IntList.of(rt == null ? x : 0));
          byte[] scope = scopeOut.toBytes();
          JsonTape st = JsonTape.parse(scope);
          String key = "";
          if (st != null) {
            for (int kk = JsonTape.first(0), e = st.end(0); kk < e; kk = st.next(kk + 1)) {
              if (st.plainEquals(kk, "key") && st.kind(kk + 1) == '"') {
                key = st.string(kk + 1);
              }
            }
          }
          entries.remove(key);
          entries.put(key, scope);
        }
      }
    }
    out.ascii("[");
    boolean first = true;
    for (Map.Entry<String, byte @Nullable []> e : entries.entrySet()) {
      if (!first) {
        out.ascii(",");
      }
      first = false;
      if (e.getValue() == null) {
        out.string(e.getKey());
      } else {
        out.bytes(e.getValue());
      }
    }
    out.ascii("]");
  }

  /** Copies the value at {@code v} as written, containers without recursion. */
  private void copyValue(int v) {
    int end = d.next(v);
    int[] ends = new int[8];
    boolean[] objs = new boolean[8];
    boolean[] firsts = new boolean[8];
    int sp = 0;
    int i = v;
    for (; ; ) {
      while (sp > 0 && i == ends[sp - 1]) {
        out.ascii(objs[sp - 1] ? "}" : "]");
        sp--;
      }
      if (i >= end) {
        return;
      }
      if (sp > 0) {
        if (!firsts[sp - 1]) {
          out.ascii(",");
        }
        firsts[sp - 1] = false;
        if (objs[sp - 1]) {
          copyScalar(i);
          out.ascii(":");
          i++;
        }
      }
      byte k = d.kind(i);
      if (k == '{' || k == '[') {
        if (sp == ends.length) {
          ends = Arrays.copyOf(ends, sp * 2);
          objs = Arrays.copyOf(objs, sp * 2);
          firsts = Arrays.copyOf(firsts, sp * 2);
        }
        ends[sp] = d.end(i);
        objs[sp] = k == '{';
        firsts[sp] = true;
        sp++;
        out.ascii(k == '{' ? "{" : "[");
        i = JsonTape.first(i);
        continue;
      }
      copyScalar(i);
      i++;
    }
  }

  /** Copies a string, number or literal token as written. */
  private void copyScalar(int i) {
    int from = d.offset(i);
    byte[] b = d.buf;
    int to;
    switch (b[from]) {
      case '"':
        to = from + 1;
        while (b[to] != '"') {
          to += b[to] == '\\' ? 2 : 1;
        }
        to++;
        break;
      case 't':
      case 'n':
        to = from + 4;
        break;
      case 'f':
        to = from + 5;
        break;
      default:
        to = d.numberEnd(from);
    }
    out.bytes(b, from, to);
  }

  // ------------------------------------------------------------------ small helpers

  /** A growable list of ints. */
  static final class IntList {
    int[] a = new int[4];
    int size;

    static IntList of(int v) {
      IntList l = new IntList();
      l.add(v);
      return l;
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    int get(int i) {
      return a[i];
    }

    int last() {
      return a[size - 1];
    }
  }

  /** A growable byte buffer. */
  static final class Out {
    private byte[] buf;
    private int size;

    Out(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    private void room(int n) {
      if (size + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
      }
    }

    Out ascii(String s) {
      room(s.length());
      for (int i = 0; i < s.length(); i++) {
        buf[size++] = (byte) s.charAt(i);
      }
      return this;
    }

    Out bytes(byte[] b) {
      return bytes(b, 0, b.length);
    }

    Out bytes(byte[] b, int from, int to) {
      room(to - from);
      System.arraycopy(b, from, buf, size, to - from);
      size += to - from;
      return this;
    }

    /** A JSON string: quote, backslash and control characters escaped, the rest as UTF-8. */
    Out string(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      return bytes(sb.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, size);
    }
  }
}
