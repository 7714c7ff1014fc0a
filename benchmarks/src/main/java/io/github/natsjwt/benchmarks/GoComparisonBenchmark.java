package io.github.natsjwt.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The operations of the Go program in {@code benchmarks/go}, on the files {@link GoFixtures} wrote
 * (the directory given by the system property {@code natsjwt.goFixtures}), so that both sides read
 * the same bytes. {@code results.sh} runs the two alternately and reports every figure as a ratio
 * to Go's and to the Jackson + BouncyCastle (or raw BouncyCastle) baseline.
 *
 * <ul>
 *   <li>{@code decodeUser*}: decode and verify the user JWT (Go: {@code jwt.DecodeUserClaims}),
 *       given as a new {@code String} at every call.
 *   <li>{@code connect*}: 1,000 {@code CONNECT}s of distinct users of one account signing key,
 *       round-robin: decode and verify the user JWT, then the nonce signature with the user's key
 *       (Go: {@code DecodeUserClaims}, {@code nkeys.FromPublicKey(sub).Verify}). {@code
 *       connectDecodeNonce} does exactly that with the library; {@code connectVerifyUser} and
 *       {@code connectVerifyUserNoTokenCache} run the whole of {@code TrustVerifier.verifyUser}
 *       (every check nats-server makes, account cached), with and without its verified-token cache.
 *   <li>{@code chain*}: operator, account and user JWT decoded and verified, the account's issuer
 *       checked against the operator and its signing keys, the user's against the account and its
 *       signing keys.
 *   <li>{@code ed25519*}: verify a signature of 32 bytes with a key object reused ({@code Hot}) or
 *       made from the public key string at every call ({@code Cold}); {@code ed25519BcRaw} is
 *       BouncyCastle on the raw key bytes, the baseline of both.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GoComparisonBenchmark {
  private static final String CLIENT_HOST = "192.0.2.10";

  byte[] userJwt;
  byte[] operatorJwt;
  byte[] accountJwt;
  byte[] chainUserJwt;
  Connect[] connects;
  TrustVerifier verifier;
  TrustVerifier verifierNoTokenCache;
  String edPublicKey;
  NKey edKey;
  byte[] edRawKey;
  byte[] edMessage;
  byte[] edSignature;

  /** One line of {@code connects.txt}. */
  static final class Connect {
    final byte[] jwt;
    final String nonce;
    final byte[] nonceBytes;
    final String signature;
    final ConnectionContext context;

    Connect(String line) {
      String[] parts = line.split(" ");
      Fixtures.check(parts.length == 3, "a line of connects.txt has three fields");
      jwt = parts[0].getBytes(StandardCharsets.US_ASCII);
      nonce = parts[1];
      nonceBytes = nonce.getBytes(StandardCharsets.UTF_8);
      signature = parts[2];
      context =
          ConnectionContext.builder()
              .nonce(nonce)
              .signature(signature)
              .clientHost(CLIENT_HOST)
              .build();
    }

    String freshJwt() {
      return new String(jwt, StandardCharsets.US_ASCII);
    }
  }

  /** Where a thread is in its round of {@link #connects}. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    Connect next(Connect[] all) {
      Connect c = all[next];
      next = next + 1 == all.length ? 0 : next + 1;
      return c;
    }
  }

  /**
   * Reads the files and checks that every path accepts them.
   *
   * @throws IOException if a file cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    String dirName = System.getProperty("natsjwt.goFixtures");
    Fixtures.check(dirName != null, "-Dnatsjwt.goFixtures=<directory written by GoFixtures>");
    Path dir = Path.of(dirName);
    userJwt = token(dir, "user.jwt");
    operatorJwt = token(dir, "operator.jwt");
    accountJwt = token(dir, "account.jwt");
    chainUserJwt = token(dir, "chain-user.jwt");
    connects =
        Files.readAllLines(dir.resolve("connects.txt"), StandardCharsets.US_ASCII).stream()
            .filter(line -> !line.isEmpty())
            .map(Connect::new)
            .toArray(Connect[]::new);
    Fixtures.check(connects.length == TrustFixture.CONNECTS, "1,000 CONNECTs");
    TrustVerifier.Builder builder =
        TrustVerifier.builder()
            .trustOperator(new String(operatorJwt, StandardCharsets.US_ASCII))
            .accountResolver(
                MemoryAccountResolver.of(new String(accountJwt, StandardCharsets.US_ASCII)))
            .clock(TrustFixture.CLOCK)
            .localZone(ZoneOffset.UTC);
    verifier = builder.build();
    verifierNoTokenCache = builder.verifiedTokenCacheSize(0).build();
    List<String> ed = Files.readAllLines(dir.resolve("ed25519.txt"), StandardCharsets.US_ASCII);
    edPublicKey = ed.get(0);
    edKey = NKey.fromPublicKey(edPublicKey);
    edRawKey = edKey.publicKeyBytes();
    edMessage = HexFormat.of().parseHex(ed.get(1));
    edSignature = HexFormat.of().parseHex(ed.get(2));

    Cursor at = new Cursor();
    Fixtures.check(decodeUser() != null, "the user JWT decodes");
    Fixtures.check(decodeUserJacksonBc() != null, "Jackson + BouncyCastle decode the user JWT");
    for (int i = 0; i < connects.length; i++) {
      Fixtures.check(connectDecodeNonce(at), "natsjwt accepts every CONNECT");
      Fixtures.check(connectJacksonBc(at), "Jackson + BouncyCastle accept every CONNECT");
      Fixtures.check(connectVerifyUser(at).isAccepted(), "verifyUser accepts every CONNECT");
      Fixtures.check(
          connectVerifyUserNoTokenCache(at).isAccepted(), "verifyUser accepts every CONNECT");
    }
    Fixtures.check(chainNatsjwt(), "natsjwt accepts the chain");
    Fixtures.check(chainJacksonBc(), "Jackson + BouncyCastle accept the chain");
    Fixtures.check(ed25519Hot() && ed25519Cold() && ed25519BcRaw(), "the signature verifies");
    edMessage[0] ^= 1;
    Fixtures.check(!ed25519Hot() && !ed25519Cold() && !ed25519BcRaw(), "an altered one does not");
    edMessage[0] ^= 1;
  }

  private static byte[] token(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII)
        .strip()
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String fresh(byte[] token) {
    return new String(token, StandardCharsets.US_ASCII);
  }

  /**
   * {@code Jwt.decode} of the user JWT (Go: {@code jwt.DecodeUserClaims}).
   *
   * @return the claims
   */
  @Benchmark
  public UserClaims decodeUser() {
    return Jwt.decode(fresh(userJwt), UserClaims.class).claims();
  }

  /**
   * Baseline: Jackson + BouncyCastle decode and verify of the user JWT.
   *
   * @return the claims
   * @throws IOException if Jackson cannot read them
   */
  @Benchmark
  public JsonNode decodeUserJacksonBc() throws IOException {
    return JacksonBcJwt.decodeVerify(fresh(userJwt));
  }

  /**
   * The next {@code CONNECT}: {@code Jwt.decode}, then {@code NKey.fromPublicKey(sub).verify} of
   * the nonce, as the Go program does.
   *
   * @param at this thread's place in the round
   * @return whether the nonce signature verifies
   */
  @Benchmark
  public boolean connectDecodeNonce(Cursor at) {
    Connect c = at.next(connects);
    UserClaims claims = Jwt.decode(c.freshJwt(), UserClaims.class).claims();
    return NKey.fromPublicKey(claims.subject())
        .verify(c.nonceBytes, Base64.getUrlDecoder().decode(c.signature));
  }

  /**
   * The next {@code CONNECT} through {@code TrustVerifier.verifyUser}, default settings.
   *
   * @param at this thread's place in the round
   * @return the verification
   */
  @Benchmark
  public Verification<VerifiedUser> connectVerifyUser(Cursor at) {
    Connect c = at.next(connects);
    return verifier.verifyUser(c.freshJwt(), c.context);
  }

  /**
   * The next {@code CONNECT} through {@code verifyUser} with {@code verifiedTokenCacheSize(0)}.
   *
   * @param at this thread's place in the round
   * @return the verification
   */
  @Benchmark
  public Verification<VerifiedUser> connectVerifyUserNoTokenCache(Cursor at) {
    Connect c = at.next(connects);
    return verifierNoTokenCache.verifyUser(c.freshJwt(), c.context);
  }

  /**
   * Baseline: the next {@code CONNECT} with Jackson + BouncyCastle.
   *
   * @param at this thread's place in the round
   * @return whether the nonce signature verifies
   * @throws IOException if Jackson cannot read the JWT
   */
  @Benchmark
  public boolean connectJacksonBc(Cursor at) throws IOException {
    Connect c = at.next(connects);
    return JacksonBcJwt.verifyConnect(c.freshJwt(), c.nonce, c.signature);
  }

  /**
   * Operator, account and user JWT decoded and verified with {@code Jwt.decode}, each issuer
   * checked against the level above.
   *
   * @return whether the chain holds
   */
  @Benchmark
  public boolean chainNatsjwt() {
    OperatorClaims operator = Jwt.decode(fresh(operatorJwt), OperatorClaims.class).claims();
    AccountClaims account = Jwt.decode(fresh(accountJwt), AccountClaims.class).claims();
    UserClaims user = Jwt.decode(fresh(chainUserJwt), UserClaims.class).claims();
    boolean accountOk =
        account.issuer().equals(operator.subject())
            || operator.signingKeys().contains(account.issuer());
    boolean userOk =
        user.issuer().equals(account.subject()) || account.signingKeys().contains(user.issuer());
    return accountOk && userOk && account.subject().equals(user.issuerAccount());
  }

  /**
   * Baseline: the same chain with Jackson + BouncyCastle.
   *
   * @return whether the chain holds
   * @throws IOException if Jackson cannot read a JWT
   */
  @Benchmark
  public boolean chainJacksonBc() throws IOException {
    JsonNode operator = JacksonBcJwt.decodeVerify(fresh(operatorJwt));
    JsonNode account = JacksonBcJwt.decodeVerify(fresh(accountJwt));
    JsonNode user = JacksonBcJwt.decodeVerify(fresh(chainUserJwt));
    String accountIssuer = account.path("iss").asText();
    String userIssuer = user.path("iss").asText();
    String accountKey = account.path("sub").asText();
    boolean accountOk =
        accountIssuer.equals(operator.path("sub").asText())
            || contains(operator.path("nats").path("signing_keys"), accountIssuer);
    boolean userOk =
        userIssuer.equals(accountKey)
            || contains(account.path("nats").path("signing_keys"), userIssuer);
    return accountOk
        && userOk
        && accountKey.equals(user.path("nats").path("issuer_account").asText());
  }

  private static boolean contains(JsonNode keys, String key) {
    for (JsonNode k : keys) {
      // An account's signing key is a string, or an object with a "key" when it has a scope.
      if (key.equals(k.isTextual() ? k.asText() : k.path("key").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code NKey.verify} with the key object made once (Go: {@code KeyPair.Verify}, key reused).
   *
   * @return whether the signature verifies
   */
  @Benchmark
  public boolean ed25519Hot() {
    return edKey.verify(edMessage, edSignature);
  }

  /**
   * {@code NKey.fromPublicKey(string).verify} (Go: {@code nkeys.FromPublicKey(s).Verify}).
   *
   * @return whether the signature verifies
   */
  @Benchmark
  public boolean ed25519Cold() {
    return NKey.fromPublicKey(edPublicKey).verify(edMessage, edSignature);
  }

  /**
   * Baseline of both: BouncyCastle {@code Ed25519.verify} on the 32 raw key bytes.
   *
   * @return whether the signature verifies
   */
  @Benchmark
  public boolean ed25519BcRaw() {
    return Ed25519.verify(edSignature, 0, edRawKey, 0, edMessage, 0, edMessage.length);
  }
}
