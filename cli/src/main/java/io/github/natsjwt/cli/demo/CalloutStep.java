package io.github.natsjwt.cli.demo;

import io.github.natsjwt.callout.AuthorizationDecision;
import io.github.natsjwt.callout.Authorizer;
import io.github.natsjwt.callout.CalloutEvent;
import io.github.natsjwt.callout.CalloutOutcome;
import io.github.natsjwt.callout.CalloutService;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.nats.NatsConnections;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.server.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an auth callout on a real nats-server 2.10 or later: a configuration-mode server sends every
 * connect to a callout service, whose authorizer looks the user up in a small directory, admits one
 * user with a freshly minted user JWT and denies another. Requests are encrypted for the service's
 * curve key. On nats-server 2.9 the step says that callout needs 2.10 and skips.
 */
final class CalloutStep implements DemoStep {
  static final String ADMITTED = "carol";
  static final String DENIED = "mallory";
  static final String TARGET_ACCOUNT = "APP";

  /** The callout account, where the service user lives and where the server sends requests. */
  static final String CALLOUT_ACCOUNT = "AUTH";

  /** The user the service connects as: an auth user, so the server does not ask about it. */
  static final String SERVICE_USER = "callout";

  static final String SUBJECT = "orders.new";
  static final String ISSUER_KEY = "callout issuer";
  static final String XKEY = "callout xkey";
  private static final Duration WAIT = Duration.ofSeconds(5);

  /** jnats reports a refusal when its connection timeout ends; keep that short. */
  private static final Duration REFUSAL_WAIT = Duration.ofSeconds(2);

  /** The "directory" the authorizer asks: user, password, and the subjects the user may use. */
  private static final Map<String, String> PASSWORDS = Map.of(ADMITTED, "open-sesame");

  private static final String GRANT = "orders.>";

  @Override
  public String title() {
    return "Let an auth callout service decide who connects (nats-server 2.10+)";
  }

  @Override
  public void run(DemoContext ctx) {
    String version = ctx.serverVersion();
    ctx.check(!version.isEmpty(), "the live server step did not run before the callout step");
    if (!DemoServers.hasCallout(version)) {
      ctx.say(
          "nats-server %s has no auth callout: it needs nats-server 2.10 or later; skipped",
          version);
      ctx.say(
          "  (put nats-server 2.10 or later on the PATH, or name it with"
              + " -Dnatsjwt.nats-server.2.14=/path/to/nats-server)");
      return;
    }
    try {
      callout(ctx);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailedException("interrupted while talking to nats-server");
    } catch (TimeoutException e) {
      throw new DemoFailedException("nats-server did not answer in time: " + e.getMessage());
    }
  }

  private static void callout(DemoContext ctx) throws InterruptedException, TimeoutException {
    NKey issuer = ctx.generate(ISSUER_KEY, NKeyType.ACCOUNT);
    NKey xkey = ctx.generate(XKEY, NKeyType.CURVE);
    String servicePassword = randomPassword();
    ServerConfig config =
        ServerConfig.builder()
            .configUser(CALLOUT_ACCOUNT, SERVICE_USER, servicePassword)
            .configAccount(TARGET_ACCOUNT)
            .authCallout(
                ServerConfig.AuthCallout.of(issuer.publicKey(), CALLOUT_ACCOUNT, SERVICE_USER)
                    .withXkey(xkey.publicKey()))
            .build();
    AtomicReference<UserClaims> minted = new AtomicReference<>();
    Authorizer directory =
        request -> {
          String user = request.connectOptions().user();
          String password = PASSWORDS.get(user);
          if (password == null || !password.equals(request.connectOptions().pass())) {
            return AuthorizationDecision.deny("unknown user or wrong password for " + user);
          }
          AuthorizationDecision allow =
              AuthorizationDecision.allow(
                  request
                      .newUser()
                      .name(user)
                      .pub(Permission.allowing(GRANT))
                      .sub(Permission.allowing(GRANT, "_INBOX.>")));
          minted.set(allow.user().orElseThrow());
          return allow;
        };
    BlockingQueue<CalloutEvent> events = new LinkedBlockingQueue<>();

    try (NatsServerProcess server = DemoServers.start(config)) {
      ctx.say(
          "nats-server %s on %s in config mode: authorization { auth_callout } sends every connect"
              + " to the account %s",
          server.version(), server.url(), CALLOUT_ACCOUNT);
      startService(server, servicePassword, issuer, xkey, directory, events);
      ctx.say(
          "callout service connected as \"%s\", an auth user: the server does not ask about it",
          SERVICE_USER);
      ctx.say("it signs users with the issuer %s", issuer.publicKey());
      ctx.say("and opens requests sealed for its xkey %s", xkey.publicKey());
      ctx.say("its directory: %s (with her password) may use %s; nobody else", ADMITTED, GRANT);

      Connection carol;
      try {
        carol = connect(server, ADMITTED, PASSWORDS.get(ADMITTED), WAIT);
      } catch (IOException e) {
        throw new DemoFailedException(
            ADMITTED + " could not connect: " + e.getMessage() + "; callout events: " + events);
      }
      try {
        CalloutEvent allowed = next(events, ctx);
        ctx.check(
            allowed.outcome() == CalloutOutcome.ALLOWED,
            "the callout service did not admit " + ADMITTED + ": " + allowed);
        ctx.say(
            "%s connects with her password: request %s, signed by the server %s: admitted",
            ADMITTED,
            allowed.request().orElseThrow().isEncrypted() ? "encrypted" : "NOT encrypted",
            allowed.request().orElseThrow().server().id());
        ctx.check(
            allowed.request().orElseThrow().isEncrypted(),
            "the server did not encrypt the request");
        UserClaims user = minted.get();
        ctx.check(user != null, "the authorizer minted no user");
        ctx.say(
            "  minted user JWT for %s (the key nats-server made for this connection),",
            user.subject());
        ctx.say(
            "  signed by the issuer, into account %s; answered in %d ms",
            TARGET_ACCOUNT, allowed.latency().toMillis());

        Subscription sub = carol.subscribe(SUBJECT);
        carol.flush(WAIT);
        carol.publish(SUBJECT, "2 coffees".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(WAIT);
        ctx.check(m != null, "no message on " + SUBJECT);
        ctx.say(
            "%s -> %s \"%s\": delivered, as her minted JWT allows %s",
            ADMITTED, SUBJECT, new String(m.getData(), StandardCharsets.UTF_8), GRANT);
      } finally {
        NatsConnections.close(carol);
      }

      String refusal = null;
      try {
        NatsConnections.close(connect(server, DENIED, "guess", REFUSAL_WAIT));
      } catch (IOException e) {
        String message = String.valueOf(e.getMessage());
        refusal = message.contains("Authorization Violation") ? "Authorization Violation" : message;
      }
      ctx.check(refusal != null, DENIED + " was let in");
      CalloutEvent denied = next(events, ctx);
      ctx.check(
          denied.outcome() == CalloutOutcome.DENIED,
          "the callout service did not deny " + DENIED + ": " + denied);
      ctx.say("%s connects: refused (the server says: %s)", DENIED, refusal);
      ctx.say("  the service's reason: %s", denied.reason());
    }
    ctx.say("callout service stopped, nats-server stopped");
  }

  /**
   * Connects the service user and starts the callout service on that connection; both are closed
   * when the server stops, the service first.
   */
  private static void startService(
      NatsServerProcess server,
      String password,
      NKey issuer,
      NKey xkey,
      Authorizer directory,
      BlockingQueue<CalloutEvent> events)
      throws InterruptedException {
    Connection nc;
    try {
      nc = connect(server, SERVICE_USER, password, WAIT);
    } catch (IOException e) {
      throw new DemoFailedException(
          "the callout service could not connect as " + SERVICE_USER + ": " + e.getMessage());
    }
    server.closeOnStop(() -> NatsConnections.close(nc));
    CalloutService service =
        CalloutService.builder(nc)
            .issuer(issuer)
            .xkey(xkey)
            .configMode(TARGET_ACCOUNT)
            .authorizer(directory)
            .listener(events::add)
            .start();
    server.closeOnStop(service);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh password for the service user; it never leaves this process and its server. */
  private static String randomPassword() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return "pw-" + HexFormat.of().formatHex(random);
  }

  private static Connection connect(
      NatsServerProcess server, String user, String password, Duration wait)
      throws IOException, InterruptedException {
    return Nats.connect(
        new Options.Builder()
            .server(server.url())
            .userInfo(user, password)
            .connectionTimeout(wait)
            .noReconnect()
            .errorListener(NatsConnections.quiet())
            .build());
  }

  private static CalloutEvent next(BlockingQueue<CalloutEvent> events, DemoContext ctx)
      throws InterruptedException {
    CalloutEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    ctx.check(e != null, "the callout service reported no request");
    return e;
  }
}
