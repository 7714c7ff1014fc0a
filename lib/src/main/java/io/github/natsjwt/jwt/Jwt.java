package io.github.natsjwt.jwt;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClaimsFormatException;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.TokenSize;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationRules;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.internal.codec.Utf8;
import io.github.natsjwt.internal.json.GoType;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.internal.keys.VerifyKeys;
import io.github.natsjwt.internal.spi.NKeyText;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes NATS JWTs (spec claims.md section 1).
 *
 * <p>Immutable and thread-safe (static methods only).
 *
 * <pre>{@code
 * String token = Jwt.encode(claims, accountKey);                 // signed, iat from the clock
 * DecodedJwt<UserClaims> jwt = Jwt.decode(token, UserClaims.class);
 * }</pre>
 *
 * <p>Encoding stamps the claims as the Go reference does (issuer, issue time, {@code jti}, format
 * version 2) and produces the same bytes as the reference for the same claims, key and clock.
 * Decoding checks the size (at most 1 MiB, except with {@link #decodeWithoutSizeCap}), the
 * three-segment structure, the base64url (with the reference's leniency for CR and LF), the header,
 * the signature against the {@code iss} key (v1 tokens are verified over the payload only, as the
 * reference does) and that the issuer's key type may issue the claim type. It does not run {@link
 * Claims#validate} and does not establish trust.
 */
public final class Jwt {
  /**
   * The largest token accepted, in bytes, as in the reference: {@link #decode} refuses larger
   * tokens and {@link #encode(Claims, Signer)} does not write them.
   */
  public static final int MAX_TOKEN_BYTES = TokenSize.MAX_TOKEN_BYTES;

  private static final String V2_HEADER_SEGMENT =
      Base64Url.encode(
          "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));

  private Jwt() {}

  /**
   * Encodes and signs claims, stamping the issue time from the system clock (UTC).
   *
   * @param claims the claims
   * @param signer the issuer's key
   * @return the token
   * @throws IssuerNotAllowedException when the signer's key type may not issue these claims
   * @throws io.github.natsjwt.claims.InvalidClaimsException when the claims cannot be encoded
   * @throws TokenTooLargeException when the token would be larger than {@link #MAX_TOKEN_BYTES}
   */
  public static String encode(Claims claims, Signer signer) {
    return encode(claims, signer, Clock.systemUTC());
  }

  /**
   * Encodes and signs claims, stamping the issue time from a clock.
   *
   * @param claims the claims
   * @param signer the issuer's key
   * @param clock the time source for {@code iat}
   * @return the token
   * @throws IssuerNotAllowedException when the signer's key type may not issue these claims
   * @throws io.github.natsjwt.claims.InvalidClaimsException when the claims cannot be encoded
   * @throws TokenTooLargeException when the token would be larger than {@link #MAX_TOKEN_BYTES}
   */
  public static String encode(Claims claims, Signer signer, Clock clock) {
    return encode(claims, signer, clock, MAX_TOKEN_BYTES);
  }

  /**
   * Encodes and signs claims as {@link #encode(Claims, Signer, Clock)} does, refusing a token
   * larger than {@code maxTokenBytes} instead of {@link #MAX_TOKEN_BYTES}. A larger bound is for
   * servers before 2.12.6, which have no token cap (their {@code max_payload} still bounds a push);
   * read such tokens with {@link JwtDecoder.Builder#maxTokenBytes(int)} and {@link
   * JwtDecoder.Builder#withoutSizeCap()}, or {@link #decodeWithoutSizeCap}.
   *
   * @param claims the claims
   * @param signer the issuer's key
   * @param clock the time source for {@code iat}
   * @param maxTokenBytes the largest token to write, in bytes, at least 1
   * @return the token
   * @throws IssuerNotAllowedException when the signer's key type may not issue these claims
   * @throws io.github.natsjwt.claims.InvalidClaimsException when the claims cannot be encoded
   * @throws TokenTooLargeException when the token would be larger than {@code maxTokenBytes}
   * @throws IllegalArgumentException when {@code maxTokenBytes} is less than 1
   */
  public static String encode(Claims claims, Signer signer, Clock clock, int maxTokenBytes) {
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(clock, "clock");
    if (maxTokenBytes < 1) {
      throw new IllegalArgumentException(
          "maxTokenBytes is " + maxTokenBytes + "; it must be at least 1");
    }
    String issuer = signer.publicKey();
    if (!claims.type().allowedIssuers().contains(signer.type())) {
      throw new IssuerNotAllowedException(claims.type(), signer.type(), issuer);
    }
    Claims stamped = claims.withIssuance(issuer, clock.instant());
    String toSign =
        V2_HEADER_SEGMENT
            + "."
            + Base64Url.encode(stamped.toJson().getBytes(StandardCharsets.UTF_8));
    // Every character is ASCII, so the length is the size; the signature adds a fixed 87.
    long size = toSign.length() + 1L + SIGNATURE_CHARS;
    if (size > maxTokenBytes) {
      TokenSize measured = TokenSize.of(stamped);
      throw new TokenTooLargeException(
          size,
          maxTokenBytes,
          measured.largest(),
          String.format(
              Locale.ROOT,
              TokenTooLargeException.ENCODE_MESSAGE,
              stamped.type().jsonName(),
              size,
              maxTokenBytes,
              measured.describeLargest(3)));
    }
    byte[] signature = signer.sign(toSign.getBytes(StandardCharsets.US_ASCII));
    return toSign + "." + Base64Url.encode(signature);
  }

  /** The base64url length of an Ed25519 signature. */
  private static final int SIGNATURE_CHARS = 86;

  /**
   * Decodes a token of any claim type and verifies its signature.
   *
   * @param token the token
   * @return the decoded token; {@code claims()} has the type the payload names
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   * @throws SignatureMismatchException when the signature does not verify with {@code iss}
   * @throws IssuerNotAllowedException when the issuer's key type may not issue the claim type
   */
  public static DecodedJwt<Claims> decode(String token) {
    return decode(token, Claims.class);
  }

  /**
   * Decodes a token that must hold claims of one type, and verifies its signature.
   *
   * @param token the token
   * @param type the expected claims class, for example {@code UserClaims.class}
   * @param <T> the claims type
   * @return the decoded token
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   * @throws SignatureMismatchException when the signature does not verify with {@code iss}
   * @throws IssuerNotAllowedException when the issuer's key type may not issue the claim type
   * @throws ClaimTypeMismatchException when the token holds claims of another type
   * @throws TokenTooLargeException (a {@link MalformedJwtException}) when the token is larger than
   *     {@link #MAX_TOKEN_BYTES}
   */
  public static <T extends Claims> DecodedJwt<T> decode(String token, Class<T> type) {
    Objects.requireNonNull(token, "token");
    checkSize(token);
    return decodeUncapped(token, type);
  }

  /**
   * Decodes a token as {@link #decode(String, Class)} does but accepts tokens of any size, as Go
   * jwt before 2.8.1 (nats-server before 2.12.6, spec trust-chain.md section 0) did. Use it only to
   * reproduce such a server; the size cap protects against oversized input.
   *
   * @param token the token
   * @param type the expected claims class, for example {@code AccountClaims.class}
   * @param <T> the claims type
   * @return the decoded token
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   * @throws SignatureMismatchException when the signature does not verify with {@code iss}
   * @throws IssuerNotAllowedException when the issuer's key type may not issue the claim type
   * @throws ClaimTypeMismatchException when the token holds claims of another type
   */
  public static <T extends Claims> DecodedJwt<T> decodeWithoutSizeCap(String token, Class<T> type) {
    Objects.requireNonNull(token, "token");
    return decodeUncapped(token, type);
  }

  private static <T extends Claims> DecodedJwt<T> decodeUncapped(String token, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return ofType(decodeAny(token, type), type);
  }

  /**
   * Checks the size, as {@link #decode(String, Class)} does.
   *
   * @param token the token
   * @throws TokenTooLargeException when the token is larger than {@link #MAX_TOKEN_BYTES}
   */
  static void checkSize(String token) {
    if (token.length() > MAX_TOKEN_BYTES / 3) {
      long bytes = Utf8.length(token);
      if (bytes > MAX_TOKEN_BYTES) {
        throw new TokenTooLargeException(
            bytes,
            MAX_TOKEN_BYTES,
            "token size " + bytes + " exceeds maximum of " + MAX_TOKEN_BYTES + " bytes");
      }
    }
  }

  /**
   * Decodes and verifies a token of any claim type, with every check of {@link #decode(String,
   * Class)} but the size cap and the expected type.
   */
  static DecodedJwt<Claims> decodeAny(String token) {
    return decodeAny(token, Claims.class);
  }

  /**
   * Decodes and verifies a token as {@link #decodeAny(String)} does, reading only the common fields
   * of a payload that names another claim type than {@code expected}: such a token is refused with
   * {@link ClaimTypeMismatchException} once its signature and issuer have been checked, as before,
   * but without the cost of reading a type that was not asked for.
   */
  static DecodedJwt<Claims> decodeAny(String token, Class<? extends Claims> expected) {
    return decodeAny(token, expected, ValidationRules.CURRENT);
  }

  /**
   * Decodes and verifies a token as {@link #decodeAny(String, Class)} does, reading the payload
   * with the fields of the jwt library that {@code rules} names (see {@link Claims#fromJson(byte[],
   * int, ClaimType, ValidationRules)}).
   */
  static DecodedJwt<Claims> decodeAny(
      String token, Class<? extends Claims> expected, ValidationRules rules) {
    ClaimType want = TYPES.get(expected);
    DecodeBuffers buffers = DecodeBuffers.LENT.take();
    try {
      return decodeAny(token, expected, want, rules, buffers);
    } finally {
      // Given back on failure too: what a decode leaves in them is never read again (the next
      // decode reads only what it wrote), and no exception refers to them.
      DecodeBuffers.LENT.give(buffers);
    }
  }

  private static DecodedJwt<Claims> decodeAny(
      String token,
      Class<? extends Claims> expected,
      @Nullable ClaimType want,
      ValidationRules rules,
      DecodeBuffers buffers) {
    DecodedJwt<Claims> decoded = decodeWithoutSignatureCheck(token, want, rules, buffers);
    Claims claims = decoded.claims();
    ClaimType actual = claims.type();
    boolean other = false;
    if (want != null && claims instanceof GenericClaims) {
      ClaimType declared = ((GenericClaims) claims).declaredType().orElse(ClaimType.GENERIC);
      if (declared != ClaimType.GENERIC && declared != want) {
        actual = declared;
        other = true;
      }
    }
    int dot2 = decoded.payloadEnd();
    byte[] signature = buffers.signature;
    if (Base64Url.decodeInto(token, dot2 + 1, token.length(), signature, buffers.chunk)
        != signature.length) {
      // Not 64 bytes (which does not verify), or not plain base64url: decoded again for the
      // exact length or error.
      signature = base64(token, dot2 + 1, token.length(), "signature");
    }
    boolean v1 = other ? claims.version() <= 1 : usesV1Signature(claims, decoded.header());
    int from = v1 ? decoded.payloadStart() : 0;
    verify(claims.issuer(), token, from, dot2, signature, v1);
    if (actual != ClaimType.GENERIC) {
      NKeyType issuerType = NKey.detectPublicKeyType(claims.issuer()).orElseThrow();
      if (!actual.allowedIssuers().contains(issuerType)) {
        throw new IssuerNotAllowedException(actual, issuerType, claims.issuer());
      }
    }
    if (other) {
      throw new ClaimTypeMismatchException(expectedName(expected), actual);
    }
    return decoded;
  }

  /** The claim type each claims class holds; generic and any claims are read whatever they say. */
  private static final Map<Class<?>, ClaimType> TYPES =
      Map.of(
          OperatorClaims.class, ClaimType.OPERATOR,
          AccountClaims.class, ClaimType.ACCOUNT,
          UserClaims.class, ClaimType.USER,
          ActivationClaims.class, ClaimType.ACTIVATION,
          AuthorizationRequestClaims.class, ClaimType.AUTHORIZATION_REQUEST,
          AuthorizationResponseClaims.class, ClaimType.AUTHORIZATION_RESPONSE);

  /**
   * Decodes the structure, header and claims of a token of any size without checking its signature
   * or its issuer. Not for callers that need to trust the claims: {@link #decode} is this plus
   * those checks.
   *
   * @param token the token
   * @return the decoded token, its signature not checked
   * @throws MalformedJwtException when the token is not a well-formed NATS JWT
   */
  static DecodedJwt<Claims> decodeWithoutSignatureCheck(String token) {
    DecodeBuffers buffers = DecodeBuffers.LENT.take();
    try {
      return decodeWithoutSignatureCheck(token, null, ValidationRules.CURRENT, buffers);
    } finally {
      DecodeBuffers.LENT.give(buffers);
    }
  }

  private static DecodedJwt<Claims> decodeWithoutSignatureCheck(
      String token, @Nullable ClaimType expected, ValidationRules rules, DecodeBuffers buffers) {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
      int segments = token.isEmpty() ? 0 : token.split("\\.", -1).length;
      throw new MalformedJwtException(
          "token",
          -1,
          "the token is not a JWT: a JWT has 3 segments separated by '.'"
              + " (header.payload.signature), this one has "
              + segments);
    }
    JwtHeader header =
        dot1 == V2_HEADER_SEGMENT.length() && token.startsWith(V2_HEADER_SEGMENT)
            ? JwtHeader.V2
            : readHeader(base64(token, 0, dot1, "header"));
    // A payload of usual size is decoded into the lent buffer: the claims keep no reference to it
    // (Claims.fromJson copies what it keeps), so it is free again once they are read.
    byte[] payloadBytes = buffers.payload;
    int payloadLength = Base64Url.decodeInto(token, dot1 + 1, dot2, payloadBytes, buffers.chunk);
    if (payloadLength < 0) {
      payloadBytes = base64(token, dot1 + 1, dot2, "payload");
      payloadLength = payloadBytes.length;
    }
    Claims claims;
    try {
      claims =
          rules != ValidationRules.CURRENT
              ? Claims.fromJson(payloadBytes, payloadLength, expected, rules)
              : expected == null
                  ? Claims.fromJson(payloadBytes, payloadLength)
                  : Claims.fromJson(payloadBytes, payloadLength, expected);
    } catch (ClaimsFormatException e) {
      String field = e.field().isEmpty() ? "payload" : "payload." + e.field();
      String where =
          e.field().isEmpty() || e.getMessage().contains(e.field())
              ? "payload: "
              : "payload field " + e.field() + ": ";
      throw new MalformedJwtException(field, -1, where + e.getMessage(), e);
    }
    return new DecodedJwt<>(token, header, dot1, dot2, claims);
  }

  /**
   * Narrows a decoded token to the expected claims type.
   *
   * @throws ClaimTypeMismatchException when the token holds claims of another type
   */
  @SuppressWarnings("unchecked") // checked: the claims are an instance of type
  static <T extends Claims> DecodedJwt<T> ofType(DecodedJwt<Claims> decoded, Class<T> type) {
    if (!type.isInstance(decoded.claims())) {
      throw new ClaimTypeMismatchException(expectedName(type), decoded.claims().type());
    }
    return (DecodedJwt<T>) (DecodedJwt<?>) decoded;
  }

  private static byte[] base64(String token, int from, int to, String part) {
    try {
      return Base64Url.decode(token, from, to);
    } catch (Base64Url.MalformedException e) {
      throw new MalformedJwtException(
          part, e.position(), "the " + part + " segment is not base64url: " + e.getMessage(), e);
    }
  }

  /** The reference's header struct. */
  private static final GoType HEADER = GoType.struct("typ", GoType.STRING, "alg", GoType.STRING);

  private static JwtHeader readHeader(byte[] headerBytes) {
    JsonIn json;
    String typ;
    String alg;
    try {
      JsonIn.GoRead read = JsonIn.parse(headerBytes, "header").readAsGo(HEADER);
      json = read.document();
      typ = json.string("typ");
      alg = json.string("alg");
      read.finish();
    } catch (JsonIn.ShapeException e) {
      throw new MalformedJwtException("header", -1, e.getMessage(), e);
    }
    if (!typ.toUpperCase(Locale.ROOT).equals("JWT")) {
      throw new MalformedJwtException(
          "header", -1, "header typ \"" + typ + "\" is not supported; expected \"JWT\"");
    }
    String lower = alg.toLowerCase(Locale.ROOT);
    if (!lower.equals("ed25519-nkey") && !lower.equals("ed25519")) {
      throw new MalformedJwtException(
          "header",
          -1,
          "header alg \""
              + alg
              + "\" is not supported; expected \"ed25519-nkey\" (or \"ed25519\""
              + " for v1 tokens)");
    }
    return new JwtHeader(typ, alg);
  }

  /**
   * v1 claims are signed over the payload only. Generic claims carry no version the reference
   * trusts, so their header decides, as in the reference's generic decoder.
   */
  private static boolean usesV1Signature(Claims claims, JwtHeader header) {
    if (claims.type() == ClaimType.GENERIC) {
      return header.algorithm().equals("ed25519");
    }
    return claims.version() <= 1;
  }

  /**
   * Checks the signature over {@code token[from, to)}, the signed part: only base64url characters
   * and dots are left of the second dot once the header and payload decoded, so one char is one
   * byte, and the part is hashed where it lies in the token.
   */
  private static void verify(
      String issuer, String token, int from, int to, byte[] signature, boolean v1) {
    NKey key;
    try {
      key = VerifyKeys.ISSUERS.of(issuer);
    } catch (InvalidNKeyException e) {
      if (NKey.isValidSeed(issuer.toCharArray())) {
        // Never repeat a secret, not even one a careless issuer put in a token.
        throw new SignatureMismatchException(
            SignatureMismatchException.REDACTED_SEED,
            "the issuer (iss) is a seed, not a public key, so the signature cannot be verified;"
                + " the seed is exposed and must be replaced");
      }
      // Not a public key, so possibly a mistyped, truncated or re-cased secret: only its length
      // is shown, in the getter as in the message.
      throw new SignatureMismatchException(
          Redact.issuer(issuer),
          issuer.isEmpty()
              ? "the token has no issuer (iss), so its signature cannot be verified"
              : "the issuer (iss) "
                  + Redact.issuer(issuer)
                  + " is not a valid public key, so the signature cannot be verified: "
                  + e.getMessage());
    }
    if (!key.type().isSigningType()) {
      throw new SignatureMismatchException(
          issuer, "the issuer (iss) " + issuer + " is a curve key, which cannot sign");
    }
    if (!NKeyText.verify(key, token, from, to, signature)) {
      throw new SignatureMismatchException(
          issuer,
          "the "
              + (v1 ? "v1 " : "")
              + "signature does not verify with the issuer "
              + issuer
              + (signature.length != NKey.SIGNATURE_BYTES
                  ? " (it is " + signature.length + " bytes long, an Ed25519 signature is 64)"
                  : ": the token was altered, or another key signed it"));
    }
  }

  private static String expectedName(Class<?> type) {
    String n = type.getSimpleName();
    if (n.endsWith("Claims")) {
      n = n.substring(0, n.length() - "Claims".length());
    }
    StringBuilder sb = new StringBuilder();
    for (char c : n.toCharArray()) {
      if (Character.isUpperCase(c) && sb.length() > 0) {
        sb.append('_');
      }
      sb.append(Character.toLowerCase(c));
    }
    return sb.toString();
  }
}
