package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.ArrayList;
import java.util.List;

/**
 * Allowed and denied subjects for publishing or subscribing (spec claims.md section 3.3.1).
 *
 * <p>Immutable and thread-safe. The lists are kept as given (a decoded token may hold duplicates);
 * the {@code with...} methods add and remove as the reference's StringList does. A subscribe entry
 * may name a queue group after a single space: {@code "work.* workers"}.
 *
 * <p>{@link #allowPresent()} records whether the token carried an {@code allow} array even when it
 * is empty ({@code "allow":[]}; in Go a non-nil slice). The server treats a publish permission with
 * such an empty allow list as "allow nothing" (spec trust-chain.md section 5.1), and a user signed
 * by a scoped key must not carry one (section 4.2). Go encoders never write {@code []}, so values
 * built here or re-encoded lose the distinction, as in Go: the {@code with...} methods return
 * values without it.
 *
 * <pre>{@code
 * Permission pub = Permission.EMPTY.withAllowed("orders.>").withDenied("orders.secret");
 * }</pre>
 *
 * @param allow subjects that are allowed
 * @param deny subjects that are denied
 * @param allowPresent whether an allow list is present, possibly empty; always {@code true} when
 *     {@code allow} is not empty
 */
public record Permission(List<String> allow, List<String> deny, boolean allowPresent) {
  /** No subjects allowed or denied. */
  public static final Permission EMPTY = new Permission(List.of(), List.of());

  /**
   * Copies the lists; {@code allowPresent} is forced to {@code true} when {@code allow} is not
   * empty.
   *
   * @param allow subjects that are allowed
   * @param deny subjects that are denied
   * @param allowPresent whether an allow list is present even if empty ({@code "allow":[]})
   * @throws NullPointerException when a list or an element is null
   */
  public Permission {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    allowPresent = allowPresent || !allow.isEmpty();
  }

  /**
   * Copies the lists; the allow list counts as present exactly when it is not empty, as after
   * decoding a token written by a Go encoder.
   *
   * @param allow subjects that are allowed
   * @param deny subjects that are denied
   * @throws NullPointerException when a list or an element is null
   */
  public Permission(List<String> allow, List<String> deny) {
    this(allow, deny, false);
  }

  /**
   * Returns a permission allowing these subjects.
   *
   * @param subjects the subjects; empty strings and repeats are skipped
   * @return the permission
   */
  public static Permission allowing(String... subjects) {
    return EMPTY.withAllowed(subjects);
  }

  /**
   * Returns whether both lists are empty (the reference's {@code Empty()}).
   *
   * @return {@code true} when nothing is allowed or denied explicitly
   */
  public boolean isEmpty() {
    return allow.isEmpty() && deny.isEmpty();
  }

  /**
   * Returns a copy with subjects added to the allow list, skipping empty strings and subjects
   * already present.
   *
   * @param subjects the subjects
   * @return the new permission
   */
  public Permission withAllowed(String... subjects) {
    List<String> l = new ArrayList<>(allow);
    StringLists.add(l, subjects);
    return new Permission(l, deny);
  }

  /**
   * Returns a copy with the first occurrence of each subject removed from the allow list.
   *
   * @param subjects the subjects
   * @return the new permission
   */
  public Permission withoutAllowed(String... subjects) {
    List<String> l = new ArrayList<>(allow);
    StringLists.remove(l, subjects);
    return new Permission(l, deny);
  }

  /**
   * Returns a copy with subjects added to the deny list, skipping empty strings and subjects
   * already present.
   *
   * @param subjects the subjects
   * @return the new permission
   */
  public Permission withDenied(String... subjects) {
    List<String> l = new ArrayList<>(deny);
    StringLists.add(l, subjects);
    return new Permission(allow, l);
  }

  /**
   * Returns a copy with the first occurrence of each subject removed from the deny list.
   *
   * @param subjects the subjects
   * @return the new permission
   */
  public Permission withoutDenied(String... subjects) {
    List<String> l = new ArrayList<>(deny);
    StringLists.remove(l, subjects);
    return new Permission(allow, l);
  }

  /** Writes the object; a permission is a struct, so it is written even when empty. */
  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("allow", allow);
    w.field("deny", deny);
    w.endObject();
  }

  static Permission read(JsonIn o) {
    return new Permission(o.strings("allow"), o.strings("deny"), o.has("allow"));
  }

  /** Whether a permission object holds {@code "allow":[]} or {@code "deny":[]} (non-nil, empty). */
  static boolean hasExplicitEmptyList(JsonIn o) {
    return isEmptyArray(o, "allow") || isEmptyArray(o, "deny");
  }

  /** Whether the field Go would read is an array without elements (a non-nil empty slice). */
  static boolean isEmptyArray(JsonIn o, String key) {
    return o.isEmptyArray(key);
  }

  /** The reference's Permission.Validate: allow entries, then deny entries. */
  void validate(ValidationResult.Collector c, boolean permitQueue) {
    for (String s : allow) {
      check(c, s, permitQueue);
    }
    for (String s : deny) {
      check(c, s, permitQueue);
    }
  }

  private static void check(ValidationResult.Collector c, String entry, boolean permitQueue) {
    String[] parts = entry.split(" ", -1);
    switch (parts.length) {
      case 1:
        Subjects.validate(c, parts[0]);
        break;
      case 2:
        Subjects.validate(c, parts[0]);
        Subjects.validate(c, parts[1]);
        if (!permitQueue) {
          c.error("Permission Subject \"" + entry + "\" is not allowed to contain queue");
        }
        break;
      default:
        c.error("Permission Subject \"" + entry + "\" contains too many spaces");
    }
  }

  static Permission orEmpty(JsonIn parent, String key) {
    JsonIn o = parent.objectOrNull(key);
    return o == null ? EMPTY : read(o);
  }
}
