package io.github.natsjwt.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a Go value that a JSON document is unmarshalled into, as far as Go's {@code
 * encoding/json} needs it to decide what a document means: which keys a struct knows (matched with
 * Go's case folding), which values are structs that merge, maps, slices, pointers, scalars with
 * their ranges, and the few types with their own {@code UnmarshalJSON}.
 *
 * <p>Immutable.
 */
public final class GoType {
  /** What a type is. */
  enum Kind {
    STRING,
    INT,
    /** Go {@code uint64}, wider than {@code long}. */
    UINT64,
    BOOL,
    /** A field that is read but never checked: its last occurrence is kept as written. */
    RAW,
    /** {@code interface{}}: any JSON; numbers become float64. */
    ANY,
    STRUCT,
    /** A pointer to a struct: {@code null} sets it to nil, an object merges into what it holds. */
    POINTER,
    MAP,
    SLICE,
    /** {@code SigningKeys}: an array of keys and scope objects, added to on every occurrence. */
    SIGNING_KEYS,
    /** {@code CIDRList}: an array of strings, or one comma-separated string. */
    CIDR_LIST,
    /** {@code SamplingRate}: {@code "headers"} in any case, or an integer. */
    SAMPLING_RATE,
    /** {@code ExportType}: {@code "stream"} or {@code "service"}; {@code null} is an error. */
    EXPORT_TYPE,
    /** {@code ScopeType}: {@code "user_scope"}; {@code null} is an error. */
    SCOPE_TYPE
  }

  final Kind kind;
  final long min;
  final long max;
  private final @Nullable Supplier<GoType> element;
  private @Nullable GoType resolved;

  /** Struct fields: names as ASCII bytes. */
  final byte[][] names;

  /** Struct fields: their types, parallel to {@link #names}. */
  private final List<Supplier<GoType>> types;

  /** The longest field name, so that longer keys are known not to match without folding them. */
  final int longestName;

  private GoType(Kind kind, long min, long max, @Nullable Supplier<GoType> element) {
    this.kind = kind;
    this.min = min;
    this.max = max;
    this.element = element;
    this.names = new byte[0][];
    this.types = List.of();
    this.longestName = 0;
  }

  private GoType(Kind kind, byte[][] names, List<Supplier<GoType>> types) {
    this.kind = kind;
    this.min = 0;
    this.max = 0;
    this.element = null;
    this.names = names;
    this.types = types;
    int longest = 0;
    for (byte[] n : names) {
      longest = Math.max(longest, n.length);
    }
    this.longestName = longest;
  }

  /** Go {@code string}. */
  public static final GoType STRING = new GoType(Kind.STRING, 0, 0, null);

  /** Go {@code int64} (and {@code int}, {@code time.Duration} on 64-bit platforms). */
  public static final GoType INT64 = new GoType(Kind.INT, Long.MIN_VALUE, Long.MAX_VALUE, null);

  /** Go {@code bool}. */
  public static final GoType BOOL = new GoType(Kind.BOOL, 0, 0, null);

  /** Go {@code interface{}}. */
  public static final GoType ANY = new GoType(Kind.ANY, 0, 0, null);

  /** Go {@code uint64}. */
  public static final GoType UINT64 = new GoType(Kind.UINT64, 0, 0, null);

  /** Anything, never checked; the last occurrence is kept as written. */
  public static final GoType RAW = new GoType(Kind.RAW, 0, 0, null);

  /** The jwt package's {@code CIDRList}. */
  public static final GoType CIDR_LIST = new GoType(Kind.CIDR_LIST, 0, 0, null);

  /** The jwt package's {@code SamplingRate}. */
  public static final GoType SAMPLING_RATE = new GoType(Kind.SAMPLING_RATE, 0, 0, null);

  /** The jwt package's {@code ExportType}. */
  public static final GoType EXPORT_TYPE = new GoType(Kind.EXPORT_TYPE, 0, 0, null);

  /** The jwt package's {@code ScopeType}. */
  public static final GoType SCOPE_TYPE = new GoType(Kind.SCOPE_TYPE, 0, 0, null);

  /** Go {@code []string}. */
  public static final GoType STRINGS = slice(STRING);

  /**
   * A Go integer type with its range, for example {@code uint8} as {@code integer(0, 255)}.
   *
   * @param min the smallest value
   * @param max the largest value
   * @return the type
   */
  public static GoType integer(long min, long max) {
    return new GoType(Kind.INT, min, max, null);
  }

  /**
   * The jwt package's {@code SigningKeys}: an array of keys and scope objects.
   *
   * @param scope the type of a scope object
   * @return the type
   */
  public static GoType signingKeys(GoType scope) {
    return new GoType(Kind.SIGNING_KEYS, 0, 0, () -> scope);
  }

  /**
   * A map with string keys.
   *
   * @param value the type of its values
   * @return the type
   */
  public static GoType map(GoType value) {
    return new GoType(Kind.MAP, 0, 0, () -> value);
  }

  /**
   * A slice.
   *
   * @param element the type of its elements
   * @return the type
   */
  public static GoType slice(GoType element) {
    return new GoType(Kind.SLICE, 0, 0, () -> element);
  }

  /**
   * A pointer to a struct.
   *
   * @param struct the struct type
   * @return the type
   */
  public static GoType pointer(GoType struct) {
    return new GoType(Kind.POINTER, 0, 0, () -> struct);
  }

  /**
   * A struct with its JSON field names (lower-case ASCII, as the jwt package's tags are) and their
   * types; embedded structs are given by listing their fields.
   *
   * @param namesAndTypes name, type, name, type, ...: each type a {@link GoType} or a {@link
   *     Supplier} of one
   * @return the type
   */
  @SuppressWarnings("unchecked")
  public static GoType struct(Object... namesAndTypes) {
    int n = namesAndTypes.length / 2;
    byte[][] names = new byte[n][];
    List<Supplier<GoType>> types = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names[i] = ((String) namesAndTypes[2 * i]).getBytes(StandardCharsets.US_ASCII);
      Object t = namesAndTypes[2 * i + 1];
      types.add(t instanceof GoType ? constant((GoType) t) : (Supplier<GoType>) t);
    }
    return new GoType(Kind.STRUCT, names, List.copyOf(types));
  }

  /**
   * This struct with more fields, as a Go struct that embeds another.
   *
   * @param namesAndTypes as {@link #struct}
   * @return the type
   */
  @SuppressWarnings("unchecked")
  public GoType with(Object... namesAndTypes) {
    List<Object> all = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      all.add(new String(names[i], StandardCharsets.US_ASCII));
      all.add(types.get(i));
    }
    all.addAll(List.of(namesAndTypes));
    return struct(all.toArray());
  }

  private static Supplier<GoType> constant(GoType t) {
    return () -> t;
  }

  /**
   * This type with the named struct fields left out wherever they occur, as the Go structs of an
   * older library version lack fields added later: a document read as the result ignores them.
   *
   * @param fields the JSON names to leave out
   * @return the narrower type
   */
  public GoType without(java.util.Set<String> fields) {
    return without(fields, new java.util.IdentityHashMap<>());
  }

  private GoType without(java.util.Set<String> fields, java.util.Map<GoType, GoType> done) {
    GoType known = done.get(this);
    if (known != null) {
      return known;
    }
    GoType out;
    switch (kind) {
      case STRUCT:
        {
          List<Object> kept = new ArrayList<>();
          for (int i = 0; i < names.length; i++) {
            String name = new String(names[i], StandardCharsets.US_ASCII);
            if (!fields.contains(name)) {
              kept.add(name);
              kept.add(field(i).without(fields, done));
            }
          }
          out = struct(kept.toArray());
          break;
        }
      case SLICE:
      case MAP:
      case POINTER:
      case SIGNING_KEYS:
        {
          GoType e = element().without(fields, done);
          out = new GoType(kind, min, max, () -> e);
          break;
        }
      default:
        out = this;
    }
    done.put(this, out);
    return out;
  }

  /** The element, value or pointed-to type of a slice, map or pointer. */
  GoType element() {
    GoType r = resolved;
    if (r == null) {
      r = element.get();
      resolved = r;
    }
    return r;
  }

  /** The type of field {@code i} of a struct. */
  GoType field(int i) {
    return types.get(i).get();
  }

  /** The struct a pointer points to, or this struct. */
  GoType struct() {
    return kind == Kind.POINTER ? element() : this;
  }
}
