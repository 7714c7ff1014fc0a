package io.github.natsjwt.claims;

import io.github.natsjwt.internal.codec.Utf8;
import io.github.natsjwt.internal.json.GoJsonWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The size of the token that encoding a claim writes, and which fields take it (spec trust-chain.md
 * section 0 for the 1 MiB cap, section 1.4 for pushes).
 *
 * <p>Immutable and thread-safe. A NATS JWT is the fixed header segment (46 characters), the
 * base64url of the payload JSON (4 characters per 3 bytes), and the 86-character signature, with
 * two dots: {@code 134 + ceil(4 × payload / 3)} bytes. For claims read from a token (decoded, or
 * {@link Claims#fromJson}) the size is that of the payload they were read from, whoever wrote it;
 * for claims built here it is the size {@code Jwt.encode} writes: exact once stamped ({@link
 * Claims#withIssuance}), and for claims not yet stamped counting the fields encoding adds ({@code
 * iss}, a 10-digit {@code iat}, {@code jti}, the version), exact until the year 2286. The fields
 * are measured as this library writes them; for a token of another writer whose escaping differs
 * they are close, and {@link Field#OTHER} takes what they leave.
 *
 * <p>Two limits decide whether a large account JWT is usable: the token cap of nats-server 2.12.6
 * and later ({@value #MAX_TOKEN_BYTES} bytes, which {@code Jwt.decode} also enforces), and the
 * {@code max_payload} of the connection that pushes it on {@code $SYS.REQ.CLAIMS.UPDATE} (the
 * request's payload is the JWT itself; 1 MiB by default, lowered by the system account's or the
 * pushing user's {@code payload} limit). A claim at or above {@value #WARNING_PERCENT}% of a limit
 * is worth a warning: a few more revocations or scoped keys would make it unusable.
 *
 * <pre>{@code
 * TokenSize size = TokenSize.of(account);
 * long left = size.headroom(TokenSize.MAX_TOKEN_BYTES);
 * int more = size.scopedKeysThatFit(TokenSize.scopeEntryBytes(sampleScope), TokenSize.MAX_TOKEN_BYTES);
 * }</pre>
 */
public final class TokenSize {
  /** The largest token, in bytes, that nats-server 2.12.6+ and {@code Jwt.decode} accept. */
  public static final int MAX_TOKEN_BYTES = 1 << 20;

  /** The share of a limit, in percent, at or above which a size is reported as a warning. */
  public static final int WARNING_PERCENT = 80;

  /** Validation error: size, cap, largest fields. */
  static final String OVER_CAP =
      "token size %d exceeds maximum of %d bytes: Jwt.decode and nats-server 2.12.6+ refuse it;"
          + " largest fields: %s";

  /** Validation warning under rules without the cap: size, limit, largest fields. */
  static final String OVER_PUSH_LIMIT =
      "token size %d exceeds %d bytes, the default max_payload: a push on $SYS.REQ.CLAIMS.UPDATE"
          + " is refused unless max_payload is raised, and nats-server 2.12.6+ refuses it at any"
          + " max_payload; largest fields: %s";

  /** Validation warning: size, share, limit, headroom, largest fields. */
  static final String NEAR_LIMIT =
      "token size %d is %s of the %d-byte limit (the token cap of nats-server 2.12.6+ and the"
          + " default max_payload of a push), %d bytes left; largest fields: %s";

  /** Characters of a token besides its payload: header segment, two dots, signature. */
  static final int FIXED_CHARS = 46 + 1 + 1 + 86;

  /** JSON bytes of an empty {@code "signing_keys":[]} member, without its comma. */
  private static final int EMPTY_SIGNING_KEYS_MEMBER = "\"signing_keys\":[]".length();

  /** Stands in for the signer's key (every public key has 56 characters) when measuring. */
  private static final String PLACEHOLDER_ISSUER = "O".repeat(56);

  /** Stands in for the issue time (10 digits, as every time until 2286). */
  private static final Instant PLACEHOLDER_ISSUED_AT = Instant.ofEpochSecond(1_700_000_000L);

  /** The fields the size is broken down into. */
  public enum Field {
    /** {@code nats.revocations}: one entry per revoked user. */
    REVOCATIONS("revocations"),
    /** {@code nats.signing_keys}: plain keys and scoped keys with their templates. */
    SIGNING_KEYS("signing_keys"),
    /** {@code nats.exports}. */
    EXPORTS("exports"),
    /** {@code nats.imports}, embedded activation tokens included. */
    IMPORTS("imports"),
    /** {@code nats.mappings}. */
    MAPPINGS("mappings"),
    /** Everything else: header, signature, common claims, limits, default permissions, ... */
    OTHER("other");

    private final String jsonName;

    Field(String jsonName) {
      this.jsonName = jsonName;
    }

    /**
     * Returns the field's name as in the JSON ({@code "other"} for the rest).
     *
     * @return the name
     */
    public String jsonName() {
      return jsonName;
    }
  }

  /**
   * The bytes of the token one field takes.
   *
   * <p>Immutable and thread-safe.
   *
   * @param field the field
   * @param bytes the token bytes it takes: its JSON (key and comma included) after base64url
   */
  public record Part(Field field, long bytes) {
    /**
     * Checks the fields.
     *
     * @param field the field
     * @param bytes the token bytes, 0 or more
     */
    public Part {
      Objects.requireNonNull(field, "field");
    }
  }

  private final long payloadBytes;
  private final long bytes;
  private final List<Part> parts;
  private final boolean hasSigningKeys;

  private TokenSize(long payloadBytes, List<Part> parts, boolean hasSigningKeys) {
    this.payloadBytes = payloadBytes;
    this.bytes = tokenBytes(payloadBytes);
    this.parts = List.copyOf(parts);
    this.hasSigningKeys = hasSigningKeys;
  }

  /**
   * Measures the token that encoding the claims writes. Account claims are broken down by field;
   * other claims are one {@link Field#OTHER} part.
   *
   * @param claims the claims, stamped or not
   * @return the size
   * @throws InvalidClaimsException when the claims cannot be encoded (no subject, ...)
   */
  public static TokenSize of(Claims claims) {
    Objects.requireNonNull(claims, "claims");
    boolean read = claims.sourcePayloadBytes() > 0;
    Claims stamped = read || isStamped(claims) ? claims : stamp(claims);
    return of(stamped, read ? claims.sourcePayloadBytes() : stamped.jsonLength());
  }

  /**
   * The token size alone, without the breakdown by field: for read claims no JSON is written.
   *
   * @throws InvalidClaimsException when the claims cannot be encoded
   */
  static long bytesOf(Claims claims) {
    if (claims.sourcePayloadBytes() > 0) {
      return tokenBytes(claims.sourcePayloadBytes());
    }
    return tokenBytes((isStamped(claims) ? claims : stamp(claims)).jsonLength());
  }

  private static TokenSize of(Claims stamped, long payload) {
    long total = tokenBytes(payload);
    List<Part> parts = new ArrayList<>();
    long named = 0;
    boolean hasSigningKeys = false;
    if (stamped instanceof AccountClaims) {
      AccountClaims a = (AccountClaims) stamped;
      for (Field f : Field.values()) {
        if (f == Field.OTHER) {
          continue;
        }
        long json = a.fieldJsonBytes(f);
        long b = (json * 4 + 2) / 3;
        parts.add(new Part(f, b));
        named += b;
      }
      hasSigningKeys = !a.signingKeys().isEmpty();
    }
    // Read claims: the token's own size, whatever its writer; the fields as this library writes
    // them, which for another writer's escaping may exceed it, leaving nothing for the rest.
    parts.add(new Part(Field.OTHER, Math.max(0, total - named)));
    return new TokenSize(payload, parts, hasSigningKeys);
  }

  private static boolean isStamped(Claims c) {
    return c.version() == Claims.VERSION
        && c.issuer().length() == PLACEHOLDER_ISSUER.length()
        && !c.id().isEmpty()
        && c.issuedAtSeconds() >= 1_000_000_000L
        && c.issuedAtSeconds() < 10_000_000_000L;
  }

  private static Claims stamp(Claims c) {
    String issuer =
        c.issuer().length() == PLACEHOLDER_ISSUER.length() ? c.issuer() : PLACEHOLDER_ISSUER;
    return c.withIssuance(issuer, PLACEHOLDER_ISSUED_AT);
  }

  /**
   * Returns the length of a token whose payload JSON has this many bytes.
   *
   * @param payloadJsonBytes the payload's length in UTF-8 bytes
   * @return the token's length in bytes
   */
  public static long tokenBytes(long payloadJsonBytes) {
    return FIXED_CHARS + (payloadJsonBytes * 4 + 2) / 3;
  }

  /**
   * Returns the token's length in bytes (all its characters are ASCII).
   *
   * @return the size
   */
  public long bytes() {
    return bytes;
  }

  /**
   * Returns the payload JSON's length in UTF-8 bytes.
   *
   * @return the payload size
   */
  public long payloadBytes() {
    return payloadBytes;
  }

  /**
   * Returns the token bytes each field takes, in {@link Field} order; they add up to {@link
   * #bytes()}. Fields the claims do not have take 0.
   *
   * @return an unmodifiable list; for claims other than accounts one {@link Field#OTHER} part
   */
  public List<Part> parts() {
    return parts;
  }

  /**
   * Returns the parts that take any space, largest first.
   *
   * @return an unmodifiable list
   */
  public List<Part> largest() {
    return parts.stream()
        .filter(p -> p.bytes() > 0)
        .sorted(Comparator.comparingLong(Part::bytes).reversed())
        .toList();
  }

  /**
   * Returns the bytes left below a limit.
   *
   * @param limit the largest acceptable token, in bytes
   * @return {@code limit - bytes()}; negative when over it
   */
  public long headroom(long limit) {
    return limit - bytes;
  }

  /**
   * Returns whether the token reaches {@value #WARNING_PERCENT}% of a limit.
   *
   * @param limit the largest acceptable token, in bytes
   * @return {@code true} at or above the warning threshold (over the limit included)
   */
  public boolean nears(long limit) {
    return bytes * 100 >= limit * WARNING_PERCENT;
  }

  /**
   * Returns how many more scoped signing keys of {@code entryJsonBytes} each fit before the token
   * exceeds a limit. Each key is a new entry of the {@code signing_keys} array (plus a comma); the
   * first one of an account without signing keys also adds the array itself.
   *
   * @param entryJsonBytes the JSON bytes of one scope object, as {@link #scopeEntryBytes} measures
   * @param limit the largest acceptable token, in bytes
   * @return the count, 0 when none fits (or the token is already over the limit)
   * @throws IllegalArgumentException when {@code entryJsonBytes} is less than 1
   */
  public long scopedKeysThatFit(long entryJsonBytes, long limit) {
    if (entryJsonBytes < 1) {
      throw new IllegalArgumentException(
          "entryJsonBytes is " + entryJsonBytes + "; a scope entry has at least 1 byte");
    }
    if (bytes > limit) {
      return 0;
    }
    // The largest payload that still fits, then the most entries within it.
    long maxPayload = ((limit - FIXED_CHARS) * 3) / 4;
    while (tokenBytes(maxPayload + 1) <= limit) {
      maxPayload++;
    }
    while (maxPayload > 0 && tokenBytes(maxPayload) > limit) {
      maxPayload--;
    }
    long room = maxPayload - payloadBytes;
    if (!hasSigningKeys) {
      room -= EMPTY_SIGNING_KEYS_MEMBER + 1;
    }
    return room <= 0 ? 0 : room / (entryJsonBytes + 1);
  }

  /**
   * Returns the JSON bytes one scope takes in {@code signing_keys}, without the comma that
   * separates it from the next.
   *
   * @param scope a scope like the ones to add (key, role and template as they will be)
   * @return the bytes
   */
  public static long scopeEntryBytes(UserScope scope) {
    Objects.requireNonNull(scope, "scope");
    GoJsonWriter w = new GoJsonWriter();
    scope.write(w);
    return Utf8.length(w.toString());
  }

  /**
   * Returns the JSON bytes of a scope's template object, as it is written inside a scope.
   *
   * @param template the template
   * @return the bytes
   */
  public static long templateBytes(UserPermissionLimits template) {
    Objects.requireNonNull(template, "template");
    GoJsonWriter w = new GoJsonWriter();
    template.write(w);
    return Utf8.length(w.toString());
  }

  /**
   * Describes the largest parts, for example {@code revocations 700,000 bytes (66.8%), other 1,134
   * bytes (0.1%)}.
   *
   * @param max the most parts to name
   * @return the description; {@code "no fields"} when the token is empty
   */
  public String describeLargest(int max) {
    StringBuilder sb = new StringBuilder();
    for (Part p : largest()) {
      if (max-- <= 0) {
        break;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(p.field().jsonName())
          .append(' ')
          .append(grouped(p.bytes()))
          .append(" bytes (")
          .append(percent(p.bytes(), bytes))
          .append(')');
    }
    return sb.length() == 0 ? "no fields" : sb.toString();
  }

  /** {@code 1234567} as {@code 1,234,567}, whatever the default locale. */
  static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A share with one decimal, {@code 85.3%}. */
  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.1f%%", whole == 0 ? 0.0 : part * 100.0 / whole);
  }

  @Override
  public String toString() {
    return "TokenSize[" + bytes + " bytes: " + describeLargest(Field.values().length) + "]";
  }
}
