package io.github.natsjwt.cli.demo;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.cli.nats.NatsConnections;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.server.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the JWTs of the issue step on a real nats-server: the operator is trusted, the account is
 * preloaded into a memory resolver, the user connects with its creds, sends an order that a second
 * user (a service of the same account) answers, and is stopped by the server when it publishes
 * where its JWT denies it.
 */
final class LiveServerStep implements DemoStep {
  static final String ORDER_SUBJECT = "orders.new";
  static final String DENIED_SUBJECT = "orders.admin.reset";
  static final String SERVICE_NAME = "orders-service";
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Override
  public String title() {
    return "Use the JWTs on a real nats-server";
  }

  @Override
  public void run(DemoContext ctx) {
    try {
      live(ctx);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoFailedException("interrupted while talking to nats-server");
    }
  }

  private static void live(DemoContext ctx) throws InterruptedException {
    NKey account = ctx.key(KeyGenerationStep.name(NKeyType.ACCOUNT));
    NKey signingKey = ctx.key(JwtIssueStep.SIGNING_KEY);
    NKey service = ctx.generate(SERVICE_NAME, NKeyType.USER);
    String serviceJwt =
        Jwt.encode(
            UserClaims.builder(service.publicKey())
                .name(SERVICE_NAME)
                .issuerAccount(account.publicKey())
                .sub(Permission.allowing("orders.>"))
                .pub(Permission.allowing("_INBOX.>"))
                .build(),
            signingKey);
    ServerConfig config =
        ServerConfig.builder()
            .operator(ctx.token("operator"))
            .memoryResolver()
            .preload(ctx.token("account"))
            .build();
    try (NatsServerProcess server = DemoServers.start(config)) {
      ctx.serverVersion(server.version());
      ctx.say(
          "nats-server %s on %s trusts %s; the account is preloaded (MEMORY resolver)",
          server.version(), server.url(), JwtIssueStep.OPERATOR_NAME);
      BlockingQueue<String> errors = new LinkedBlockingQueue<>();
      ErrorListener collect =
          new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
              errors.add(error);
            }
          };
      NKey user = ctx.key(KeyGenerationStep.name(NKeyType.USER));
      try (Creds aliceCreds = Creds.of(ctx.token("user"), user);
          Creds serviceCreds = Creds.of(serviceJwt, service)) {
        Connection svc =
            NatsConnections.connect(server.url(), serviceCreds, NatsConnections.quiet());
        try {
          Dispatcher d =
              svc.createDispatcher(
                  m ->
                      svc.publish(
                          m.getReplyTo(),
                          ("received: " + text(m)).getBytes(StandardCharsets.UTF_8)));
          d.subscribe("orders.>");
          svc.flush(WAIT);
          ctx.say("%s connected with its creds and listens on orders.>", SERVICE_NAME);

          Connection alice = NatsConnections.connect(server.url(), aliceCreds, collect);
          try {
            ctx.say("%s connected with her creds", JwtIssueStep.USER_NAME);
            Message reply =
                alice.request(ORDER_SUBJECT, "1 coffee".getBytes(StandardCharsets.UTF_8), WAIT);
            ctx.check(reply != null, "no reply to the order on " + ORDER_SUBJECT);
            ctx.say(
                "%s -> %s \"1 coffee\", reply \"%s\": delivered",
                JwtIssueStep.USER_NAME, ORDER_SUBJECT, text(reply));

            alice.publish(DENIED_SUBJECT, "now".getBytes(StandardCharsets.UTF_8));
            alice.flush(WAIT);
            String error = errors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ctx.check(
                error != null && error.contains("Permissions Violation"),
                "the server did not refuse a publish to "
                    + DENIED_SUBJECT
                    + " (got "
                    + error
                    + ")");
            ctx.say("%s -> %s: the server says: %s", JwtIssueStep.USER_NAME, DENIED_SUBJECT, error);
            ctx.say("  (her JWT denies orders.admin.>)");
          } finally {
            NatsConnections.close(alice);
          }
        } finally {
          NatsConnections.close(svc);
        }
      }
    } catch (TimeoutException e) {
      throw new DemoFailedException("nats-server did not answer in time: " + e.getMessage());
    }
    ctx.say("nats-server stopped");
  }

  private static String text(Message m) {
    return new String(m.getData(), StandardCharsets.UTF_8);
  }
}
