package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Publish, subscribe and response permissions (spec claims.md section 3.3.2), as held by users,
 * scope templates and an account's {@code default_permissions}.
 *
 * <p>Immutable and thread-safe. {@code pub} and {@code sub} are always written, as {@code {}} when
 * empty; {@code resp} only when present.
 *
 * <pre>{@code
 * Permissions p = Permissions.of(Permission.allowing("req.>"), Permission.allowing("_INBOX.>"))
 *     .withResp(new ResponsePermission(1, Duration.ofSeconds(5)));
 * }</pre>
 */
public final class Permissions {
  /** No permissions: everything the server allows by default. */
  public static final Permissions EMPTY = new Permissions(Permission.EMPTY, Permission.EMPTY, null);

  private final Permission pub;
  private final Permission sub;
  private final @Nullable ResponsePermission resp;

  private Permissions(Permission pub, Permission sub, @Nullable ResponsePermission resp) {
    this.pub = Objects.requireNonNull(pub, "pub");
    this.sub = Objects.requireNonNull(sub, "sub");
    this.resp = resp;
  }

  /**
   * Returns permissions for publishing and subscribing, without response permission.
   *
   * @param pub the publish permission
   * @param sub the subscribe permission
   * @return the permissions
   */
  public static Permissions of(Permission pub, Permission sub) {
    return new Permissions(pub, sub, null);
  }

  /**
   * Returns permissions with all three parts.
   *
   * @param pub the publish permission
   * @param sub the subscribe permission
   * @param resp the response permission, or {@code null} for none
   * @return the permissions
   */
  public static Permissions of(Permission pub, Permission sub, @Nullable ResponsePermission resp) {
    return new Permissions(pub, sub, resp);
  }

  /**
   * Returns the publish permission.
   *
   * @return the permission, {@link Permission#EMPTY} when not set
   */
  public Permission pub() {
    return pub;
  }

  /**
   * Returns the subscribe permission.
   *
   * @return the permission, {@link Permission#EMPTY} when not set
   */
  public Permission sub() {
    return sub;
  }

  /**
   * Returns the response permission.
   *
   * @return the permission, or empty when the token has no {@code resp}
   */
  public Optional<ResponsePermission> resp() {
    return Optional.ofNullable(resp);
  }

  /**
   * Returns a copy with another publish permission.
   *
   * @param pub the publish permission
   * @return the new permissions
   */
  public Permissions withPub(Permission pub) {
    return new Permissions(pub, sub, resp);
  }

  /**
   * Returns a copy with another subscribe permission.
   *
   * @param sub the subscribe permission
   * @return the new permissions
   */
  public Permissions withSub(Permission sub) {
    return new Permissions(pub, sub, resp);
  }

  /**
   * Returns a copy with another response permission.
   *
   * @param resp the response permission, or {@code null} to remove it
   * @return the new permissions
   */
  public Permissions withResp(@Nullable ResponsePermission resp) {
    return new Permissions(pub, sub, resp);
  }

  /**
   * Returns whether nothing is set: both permissions empty and no response permission.
   *
   * @return {@code true} when these are the zero permissions
   */
  public boolean isEmpty() {
    return pub.isEmpty() && sub.isEmpty() && resp == null;
  }

  /** Writes {@code "pub":{..},"sub":{..}[,"resp":{..}]} inside the current object. */
  void writeFields(GoJsonWriter w) {
    w.name("pub");
    pub.write(w);
    w.name("sub");
    sub.write(w);
    if (resp != null) {
      w.name("resp");
      resp.write(w);
    }
  }

  /** Writes the permissions as an object value. */
  void write(GoJsonWriter w) {
    w.beginObject();
    writeFields(w);
    w.endObject();
  }

  /** Reads {@code pub}, {@code sub} and {@code resp} from an object holding them. */
  static Permissions read(JsonIn o) {
    JsonIn resp = o.objectOrNull("resp");
    return new Permissions(
        Permission.orEmpty(o, "pub"),
        Permission.orEmpty(o, "sub"),
        resp == null ? null : ResponsePermission.read(resp));
  }

  /**
   * The reference's Permissions.Validate: resp (nothing to check), sub with queues, pub without.
   */
  void validate(ValidationResult.Collector c) {
    sub.validate(c, true);
    pub.validate(c, false);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Permissions)) {
      return false;
    }
    Permissions p = (Permissions) o;
    return pub.equals(p.pub) && sub.equals(p.sub) && Objects.equals(resp, p.resp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pub, sub, resp);
  }

  @Override
  public String toString() {
    return "Permissions[pub=" + pub + ", sub=" + sub + ", resp=" + resp + "]";
  }
}
