package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.natsjwt.benchmarks.JacksonBcJwt.MiniNKeys;
import io.github.natsjwt.nkey.NKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The baseline of {@link CalloutBenchmark}: an auth callout's per-request work as a Java user
 * writes it today with Jackson databind and BouncyCastle. Open the {@code xkv1} box (X25519,
 * XSalsa20, Poly1305: {@link BcCryptoBox}), split the request JWT, read it with {@code readTree},
 * verify its Ed25519 signature with {@link Ed25519Signer} against the server key in {@code iss},
 * check the audience, expiry, type, server id and xkey, decide as {@link CalloutFixture#authorize}
 * does, mint the user JWT and the response JWT (Jackson trees, the {@code jti} as Go computes it,
 * signed with {@link Ed25519Signer}) and seal the response to the server's xkey.
 *
 * <p>It does less than the library: no header check, no typed claims, no Go-exact bytes, no
 * validation of the user it mints or of the response, no deadline, no event. Not thread-safe only
 * in that nothing here needs to be: every call makes its own signers.
 */
final class JacksonBcCallout {
  private static final ObjectMapper MAPPER = JacksonBcJwt.MAPPER;
  private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
  private static final Base64.Encoder BASE64URL_OUT = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER_SEGMENT =
      BASE64URL_OUT.encodeToString(
          "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.US_ASCII));

  private final String account;
  private final Ed25519PrivateKeyParameters accountKey;
  private final byte[] xkeySecret;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param account the callout account's key, which signs users and responses
   * @param xkey the service's curve key
   * @param clock the clock
   */
  JacksonBcCallout(NKey account, NKey xkey, Clock clock) {
    this.account = account.publicKey();
    this.accountKey = new Ed25519PrivateKeyParameters(account.rawSeed(), 0);
    this.xkeySecret = xkey.rawSeed();
    this.clock = clock;
  }

  /** Thrown for a request that does not pass; the benchmark never sees it. */
  static final class BadRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message);
    }
  }

  /** One request in, the reply payload out. */
  byte[] answer(byte[] data, String serverXkey) throws IOException {
    boolean encrypted = serverXkey != null;
    byte[] serverXkeyRaw = null;
    if (encrypted) {
      serverXkeyRaw = MiniNKeys.decodePublicKey(serverXkey, 'X');
      data = BcCryptoBox.open(xkeySecret, serverXkeyRaw, data);
    }
    String token = new String(data, StandardCharsets.UTF_8);
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    if (dot2 < 0) {
      throw new BadRequestException("not a JWT");
    }
    JsonNode claims = MAPPER.readTree(BASE64URL.decode(token.substring(dot1 + 1, dot2)));
    String server = claims.path("iss").asText();
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(MiniNKeys.decodePublicKey(server, 'N'), 0));
    byte[] signed = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
    verifier.update(signed, 0, signed.length);
    if (!verifier.verifySignature(BASE64URL.decode(token.substring(dot2 + 1)))) {
      throw new BadRequestException("signature does not verify");
    }
    if (!"nats-authorization-request".equals(claims.path("aud").asText())) {
      throw new BadRequestException("wrong audience");
    }
    long now = clock.instant().getEpochSecond();
    long exp = claims.path("exp").asLong();
    if (exp != 0 && exp < now || claims.path("nbf").asLong() > now) {
      throw new BadRequestException("expired or not yet valid");
    }
    JsonNode nats = claims.path("nats");
    if (!"authorization_request".equals(nats.path("type").asText())) {
      throw new BadRequestException("not an authorization request");
    }
    JsonNode serverId = nats.path("server_id");
    if (!server.equals(serverId.path("id").asText())) {
      throw new BadRequestException("server id is not the signer");
    }
    if (encrypted && !serverXkey.equals(serverId.path("xkey").asText())) {
      throw new BadRequestException("header xkey is not the server's");
    }
    String userNkey = nats.path("user_nkey").asText();
    MiniNKeys.decodePublicKey(userNkey, 'U');
    JsonNode connect = nats.path("connect_opts");
    String user = connect.path("user").asText();

    ObjectNode response = MAPPER.createObjectNode();
    response.put("type", "authorization_response").put("version", 2);
    if (CalloutFixture.PASSWORD.equals(connect.path("pass").asText())
        && CalloutFixture.USER.equals(user)) {
      ObjectNode userNats = MAPPER.createObjectNode();
      userNats.putObject("pub").putArray("allow").add(CalloutFixture.PERMITTED).add("_INBOX.>");
      userNats.putObject("sub").putArray("allow").add(CalloutFixture.PERMITTED).add("_INBOX.>");
      userNats.put("subs", -1).put("data", -1).put("payload", -1);
      userNats.put("type", "user").put("version", 2);
      response.put("jwt", sign(account, user, userNkey, now, userNats));
    } else {
      response.put("error", "bad user or password for " + user);
    }
    byte[] payload = sign(server, "", userNkey, now, response).getBytes(StandardCharsets.US_ASCII);
    return encrypted ? BcCryptoBox.seal(xkeySecret, serverXkeyRaw, payload, random) : payload;
  }

  /** A JWT signed by the account: common fields, the jti as Go computes it, then {@code nats}. */
  private String sign(String audience, String name, String subject, long issuedAt, JsonNode nats)
      throws IOException {
    ObjectNode common = MAPPER.createObjectNode();
    putCommon(common, audience, "", issuedAt, name, subject);
    String jti = MiniNKeys.base32(JacksonBcJwt.sha512_256(MAPPER.writeValueAsBytes(common)));
    ObjectNode payload = MAPPER.createObjectNode();
    putCommon(payload, audience, jti, issuedAt, name, subject);
    payload.set("nats", nats);
    String toSign =
        HEADER_SEGMENT + "." + BASE64URL_OUT.encodeToString(MAPPER.writeValueAsBytes(payload));
    byte[] bytes = toSign.getBytes(StandardCharsets.US_ASCII);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, accountKey);
    signer.update(bytes, 0, bytes.length);
    return toSign + "." + BASE64URL_OUT.encodeToString(signer.generateSignature());
  }

  private void putCommon(
      ObjectNode o, String audience, String jti, long issuedAt, String name, String subject) {
    o.put("aud", audience);
    if (!jti.isEmpty()) {
      o.put("jti", jti);
    }
    o.put("iat", issuedAt);
    o.put("iss", account);
    if (!name.isEmpty()) {
      o.put("name", name);
    }
    o.put("sub", subject);
  }
}
