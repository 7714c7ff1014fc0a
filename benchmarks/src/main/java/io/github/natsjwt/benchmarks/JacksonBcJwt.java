package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.nkey.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The baseline of the JWT benchmarks: what a Java user writes today without this library, with
 * Jackson databind for the JSON and BouncyCastle's low-level Ed25519 for the signature. It does the
 * work the format needs and nothing more: no header check, no issuer-type check, no typed claims,
 * no Go-exact bytes.
 */
final class JacksonBcJwt {
  /** Thread-safe once configured; shared as Jackson recommends. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64URL_OUT = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER_SEGMENT =
      BASE64URL_OUT.encodeToString(
          "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.US_ASCII));

  private JacksonBcJwt() {}

  /** Thrown when a signature does not verify; the benchmarks never see it. */
  static final class BadSignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadSignatureException(String message) {
      super(message);
    }
  }

  /** Parse only: the decoded payload bytes into a Jackson tree. */
  static JsonNode decode(byte[] payload) throws IOException {
    return MAPPER.readTree(payload);
  }

  /** Parse only, from the token: split and base64url-decode the payload, then {@code readTree}. */
  static JsonNode parse(String token) throws IOException {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0) {
      throw new IOException("not a JWT");
    }
    return MAPPER.readTree(BASE64URL.decode(token.substring(dot1 + 1, dot2)));
  }

  /**
   * Decode and verify: split, base64url-decode the payload, parse it, read {@code iss}, decode the
   * nkey (base32, prefix and CRC-16 check) and verify the Ed25519 signature over {@code
   * header.payload} with the raw key bytes.
   */
  static JsonNode decodeVerify(String token) throws IOException {
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0) {
      throw new IOException("not a JWT");
    }
    JsonNode claims = MAPPER.readTree(BASE64URL.decode(token.substring(dot1 + 1, dot2)));
    byte[] publicKey = MiniNKeys.decodePublicKey(claims.path("iss").asText());
    byte[] signature = BASE64URL.decode(token.substring(dot2 + 1));
    byte[] signed = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    if (signature.length != Ed25519.SIGNATURE_SIZE
        || !Ed25519.verify(signature, 0, publicKey, 0, signed, 0, signed.length)) {
      throw new BadSignatureException("signature does not verify");
    }
    return claims;
  }

  /**
   * The least a server must do at a {@code CONNECT}, written with Jackson and BouncyCastle: {@link
   * #decodeVerify} the user JWT, take the user's key from {@code sub}, and verify the nonce
   * signature (base64url) with it. No other check: not who issued the JWT, not its expiry.
   *
   * @return whether the nonce signature verifies
   */
  static boolean verifyConnect(String userJwt, String nonce, String nonceSignature)
      throws IOException {
    JsonNode claims = decodeVerify(userJwt);
    byte[] userKey = MiniNKeys.decodePublicKey(claims.path("sub").asText());
    byte[] signature = BASE64URL.decode(nonceSignature);
    byte[] message = nonce.getBytes(StandardCharsets.UTF_8);
    return signature.length == Ed25519.SIGNATURE_SIZE
        && Ed25519.verify(signature, 0, userKey, 0, message, 0, message.length);
  }

  /**
   * Encodes one set of claims the way a Java user would: the {@code nats} section is a prepared
   * Jackson tree (the user's data model), the common fields are written per call, the {@code jti}
   * is computed as the reference does (SHA-512/256 of the common fields, base32), and the result is
   * signed with BouncyCastle. The bytes differ from the reference's (Jackson does not escape {@code
   * <}, {@code >} and {@code &}); the claims they carry are the same.
   */
  static final class Encoder {
    private final String audience;
    private final long expires;
    private final String name;
    private final long notBefore;
    private final String subject;
    private final JsonNode nats;
    private final String issuer;
    private final byte[] rawSeed;
    private final byte[] rawPublic;

    /**
     * @param claims the claims to carry (their common fields)
     * @param nats the {@code nats} section, prepared once
     * @param signer the issuer's key
     */
    Encoder(Claims claims, JsonNode nats, NKey signer) {
      audience = claims.audience();
      expires = claims.expiresAtSeconds();
      name = claims.name();
      notBefore = claims.notBeforeSeconds();
      subject = claims.subject();
      this.nats = nats;
      issuer = signer.publicKey();
      rawSeed = signer.rawSeed();
      rawPublic = signer.publicKeyBytes();
    }

    String encode(long issuedAt) throws JsonProcessingException {
      // The jti hashes the common fields, without jti, in the reference's order.
      ObjectNode common = MAPPER.createObjectNode();
      putCommon(common, "", issuedAt);
      String jti = MiniNKeys.base32(sha512_256(MAPPER.writeValueAsBytes(common)));

      ObjectNode payload = MAPPER.createObjectNode();
      putCommon(payload, jti, issuedAt);
      payload.set("nats", nats);
      String toSign =
          HEADER_SEGMENT + "." + BASE64URL_OUT.encodeToString(MAPPER.writeValueAsBytes(payload));
      byte[] signed = toSign.getBytes(StandardCharsets.US_ASCII);
      byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
      Ed25519.sign(rawSeed, 0, rawPublic, 0, signed, 0, signed.length, signature, 0);
      return toSign + "." + BASE64URL_OUT.encodeToString(signature);
    }

    private void putCommon(ObjectNode o, String jti, long issuedAt) {
      if (!audience.isEmpty()) {
        o.put("aud", audience);
      }
      if (expires != 0) {
        o.put("exp", expires);
      }
      if (!jti.isEmpty()) {
        o.put("jti", jti);
      }
      o.put("iat", issuedAt);
      o.put("iss", issuer);
      if (!name.isEmpty()) {
        o.put("name", name);
      }
      if (notBefore != 0) {
        o.put("nbf", notBefore);
      }
      o.put("sub", subject);
    }
  }

  /** SHA-512/256, as the JWT ID of a Go-written token is made. */
  static byte[] sha512_256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-512/256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The minimal nkey codec such a user writes: RFC 4648 base32 and the CRC-16 check. */
  static final class MiniNKeys {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int[] CRC16 = new int[256];

    static {
      for (int i = 0; i < 256; i++) {
        int crc = i << 8;
        for (int bit = 0; bit < 8; bit++) {
          crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
        }
        CRC16[i] = crc & 0xffff;
      }
    }

    private MiniNKeys() {}

    /** The 32 raw bytes of an operator, account or user public key. */
    static byte[] decodePublicKey(String key) throws IOException {
      byte[] raw = decodeChecked(key);
      int prefix = raw[0] & 0xff;
      // O, A and U: the key types that sign JWTs.
      if (prefix != 14 << 3 && prefix != 0 && prefix != 20 << 3) {
        throw new IOException("not an operator, account or user key");
      }
      return Arrays.copyOfRange(raw, 1, 33);
    }

    /**
     * The 32 raw bytes of a public key of one type, named by its first letter: {@code 'N'} for a
     * server key, {@code 'X'} for a curve key.
     */
    static byte[] decodePublicKey(String key, char type) throws IOException {
      byte[] raw = decodeChecked(key);
      if ((raw[0] & 0xff) != (type - 'A') << 3) {
        throw new IOException("not a " + type + " key");
      }
      return Arrays.copyOfRange(raw, 1, 33);
    }

    /** Base32 and CRC-16 of a 56-character key: its 35 raw bytes, prefix first. */
    private static byte[] decodeChecked(String key) throws IOException {
      if (key.length() != 56) {
        throw new IOException("not an nkey");
      }
      byte[] raw = new byte[35];
      int buffer = 0;
      int bits = 0;
      int n = 0;
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        int v;
        if (c >= 'A' && c <= 'Z') {
          v = c - 'A';
        } else if (c >= '2' && c <= '7') {
          v = c - '2' + 26;
        } else {
          throw new IOException("not base32");
        }
        buffer = (buffer << 5) | v;
        bits += 5;
        if (bits >= 8) {
          bits -= 8;
          raw[n++] = (byte) (buffer >> bits);
        }
      }
      int crc = 0;
      for (int i = 0; i < 33; i++) {
        crc = ((crc << 8) ^ CRC16[((crc >> 8) ^ raw[i]) & 0xff]) & 0xffff;
      }
      if (crc != ((raw[33] & 0xff) | (raw[34] & 0xff) << 8)) {
        throw new IOException("bad checksum");
      }
      return raw;
    }

    /** Unpadded base32, as the reference writes a {@code jti}. */
    static String base32(byte[] data) {
      StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
      int buffer = 0;
      int bits = 0;
      for (byte b : data) {
        buffer = (buffer << 8) | (b & 0xff);
        bits += 8;
        while (bits >= 5) {
          bits -= 5;
          sb.append(ALPHABET[(buffer >> bits) & 31]);
        }
      }
      if (bits > 0) {
        sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
      }
      return sb.toString();
    }
  }
}
