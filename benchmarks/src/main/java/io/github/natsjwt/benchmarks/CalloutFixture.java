package io.github.natsjwt.benchmarks;

import static io.github.natsjwt.benchmarks.Fixtures.check;

import io.github.natsjwt.callout.AuthorizationDecision;
import io.github.natsjwt.callout.Authorizer;
import io.github.natsjwt.callout.CalloutInternals;
import io.github.natsjwt.callout.CalloutService;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClientInformation;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The inputs of {@link CalloutBenchmark}: a fake server (its {@code N...} key and {@code X...}
 * curve key) that signs one authorization request, as nats-server 2.10+ sends it for a client
 * connecting with a user name and password, encrypted to the service's xkey in the {@code xkey}
 * mode; the callout's side (the library's {@link CalloutService} path through {@link
 * CalloutInternals}) and the Jackson + BouncyCastle side ({@link JacksonBcCallout}), both with the
 * same account key, xkey and decision.
 */
final class CalloutFixture implements AutoCloseable {
  static final String USER = "alice";
  static final String PASSWORD = "wonderland";
  static final String PERMITTED = "orders.>";

  /** What both sides decide: alice with her password gets publish and subscribe on her subjects. */
  static final Authorizer AUTHORIZER =
      request -> {
        ConnectOptions o = request.connectOptions();
        if (!USER.equals(o.user()) || !PASSWORD.equals(o.pass())) {
          return AuthorizationDecision.deny("bad user or password for " + o.user());
        }
        return AuthorizationDecision.allow(
            request
                .newUser()
                .name(o.user())
                .pub(Permission.allowing(PERMITTED, "_INBOX.>"))
                .sub(Permission.allowing(PERMITTED, "_INBOX.>")));
      };

  final boolean encrypted;
  final NKey server = NKey.generate(NKeyType.SERVER);
  final NKey serverXkey = NKey.generate(NKeyType.CURVE);
  final NKey account = NKey.generate(NKeyType.ACCOUNT);
  final NKey serviceXkey = NKey.generate(NKeyType.CURVE);
  final String userNkey = NKey.generate(NKeyType.USER).publicKey();
  final Clock clock = Clock.systemUTC();

  /** The message payload: the request JWT, sealed in the xkey mode. */
  final byte[] request;

  /** The {@code Nats-Server-Xkey} header, or null in the plain mode. */
  final String header;

  final CalloutInternals library;
  final JacksonBcCallout baseline;

  private CalloutFixture(boolean encrypted) {
    this.encrypted = encrypted;
    library = CalloutInternals.detached(account, encrypted ? serviceXkey : null, AUTHORIZER, clock);
    baseline = new JacksonBcCallout(account, serviceXkey, clock);
    byte[] token = requestJwt(PASSWORD).getBytes(StandardCharsets.UTF_8);
    request = encrypted ? serverXkey.seal(token, serviceXkey.publicKey()) : token;
    header = encrypted ? serverXkey.publicKey() : null;
  }

  /**
   * Builds the fixture and checks, before anything is measured, that both sides answer the request
   * with a response the library decodes and verifies to the same facts, deny a wrong password, and
   * reject a request whose signature is altered.
   */
  static CalloutFixture create(String mode) throws Exception {
    check(mode.equals("plain") || mode.equals("xkey"), "mode is plain or xkey, got " + mode);
    CalloutFixture f = new CalloutFixture(mode.equals("xkey"));
    f.checkAgreement();
    return f;
  }

  String requestJwt(String password) {
    AuthorizationRequestClaims claims =
        AuthorizationRequestClaims.builder(userNkey)
            .audience(CalloutService.REQUEST_AUDIENCE)
            .expiresAt(clock.instant().plus(Duration.ofHours(2)))
            .serverId(
                new ServerId(
                    "bench",
                    "127.0.0.1",
                    server.publicKey(),
                    "2.14.5",
                    "",
                    List.of(),
                    encrypted ? serverXkey.publicKey() : ""))
            .userNkey(userNkey)
            .clientInformation(
                new ClientInformation(
                    "127.0.0.1",
                    42,
                    "",
                    "bench-client",
                    List.of(),
                    "",
                    "Client",
                    "nats",
                    "",
                    "a-nonce"))
            .connectOptions(
                new ConnectOptions(
                    "", "", "", "", USER, password, "bench-client", "java", "2.24.0", 1))
            .requestNonce("a-nonce")
            .build();
    return Jwt.encode(claims, server);
  }

  private byte[] seal(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    return encrypted ? serverXkey.seal(bytes, serviceXkey.publicKey()) : bytes;
  }

  /** The response as the server reads it: opened, decoded and verified by the library. */
  AuthorizationResponseClaims read(byte[] reply) {
    byte[] token = encrypted ? serverXkey.open(reply, serviceXkey.publicKey()) : reply;
    AuthorizationResponseClaims r =
        Jwt.decode(new String(token, StandardCharsets.UTF_8), AuthorizationResponseClaims.class)
            .claims();
    check(r.issuer().equals(account.publicKey()), "response issued by the account");
    check(r.subject().equals(userNkey), "response for the user nkey");
    check(r.audience().equals(server.publicKey()), "response addressed to the server");
    return r;
  }

  private void checkAgreement() throws Exception {
    for (byte[] reply :
        List.of(library.answer(request, header), baseline.answer(request, header))) {
      AuthorizationResponseClaims r = read(reply);
      check(r.error().isEmpty(), "allowed: " + r.error());
      UserClaims user = Jwt.decode(r.jwt(), UserClaims.class).claims();
      check(user.subject().equals(userNkey), "user subject");
      check(user.issuer().equals(account.publicKey()), "user issuer");
      check(user.audience().equals(account.publicKey()), "user audience");
      check(user.name().equals(USER), "user name");
      check(
          user.permissions().pub().equals(Permission.allowing(PERMITTED, "_INBOX.>"))
              && user.permissions().sub().equals(Permission.allowing(PERMITTED, "_INBOX.>")),
          "user permissions");
    }
    byte[] wrong = seal(requestJwt("wrong"));
    check(
        read(library.answer(wrong, header)).error().equals("bad user or password for alice")
            && read(baseline.answer(wrong, header))
                .error()
                .equals("bad user or password for alice"),
        "both deny a wrong password");
    String token = requestJwt(PASSWORD);
    int last = token.length() - 2;
    String altered =
        token.substring(0, last) + (token.charAt(last) == 'A' ? 'B' : 'A') + token.charAt(last + 1);
    byte[] forged = seal(altered);
    boolean libraryRefused = false;
    try {
      library.answer(forged, header);
    } catch (IllegalStateException e) {
      libraryRefused = e.getMessage().contains("BAD_SIGNATURE");
    }
    check(libraryRefused, "the library refuses an altered signature");
    boolean baselineRefused = false;
    try {
      baseline.answer(forged, header);
    } catch (JacksonBcCallout.BadRequestException e) {
      baselineRefused = true;
    }
    check(baselineRefused, "the baseline refuses an altered signature");
  }

  @Override
  public void close() {
    library.close();
  }
}
