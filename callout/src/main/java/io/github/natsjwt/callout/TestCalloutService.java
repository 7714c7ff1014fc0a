package io.github.natsjwt.callout;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.TestCallout;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A callout service for a test: connects to a running {@link NatsServer} as the service user of a
 * {@link TestCallout} setup, starts a {@link CalloutService} with the setup's issuer, xkey,
 * configuration-mode account and allowed accounts, and the authorizer given, and is closed with the
 * server, so with the test.
 *
 * <pre>{@code
 * TestCallout callout = TestCallout.configMode("APP");
 * try (NatsServer server = version.start(callout.serverConfig().build())) {
 *   TestCalloutService.start(server, callout,
 *       request -> "secret".equals(request.connectOptions().pass())
 *           ? AuthorizationDecision.allow(request.newUser())
 *           : AuthorizationDecision.deny("bad password"));
 *   // clients connect to server.url() with a user name and password
 * }   // closes the service, then stops the server
 * }</pre>
 *
 * <p>It needs the {@code natsjwt-testing} artifact, an optional dependency of this one, on the
 * class path (tests have it already). Thread-safe; {@link #close()} may be called more than once.
 */
public final class TestCalloutService implements AutoCloseable {
  /** How long the service's connection waits for the server. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Connection connection;
  private final CalloutService service;
  private final String description;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestCalloutService(Connection connection, CalloutService service, String description) {
    this.connection = connection;
    this.service = service;
    this.description = description;
  }

  /**
   * Starts a service on a server running the setup's configuration.
   *
   * @param server the server, started with {@link TestCallout#serverConfig()}
   * @param callout the setup
   * @param authorizer who decides
   * @return the running service; it is closed when the server stops, or by {@link #close()}
   * @throws CalloutException when the service cannot connect (the cause says why)
   * @throws CalloutConfigurationException when the setup does not make a valid service
   */
  public static TestCalloutService start(
      NatsServer server, TestCallout callout, Authorizer authorizer) {
    return start(server, callout, authorizer, b -> {});
  }

  /**
   * Starts a service on a server running the setup's configuration, with more settings: a listener,
   * a deadline, a kick connection, another issuer, and so on.
   *
   * @param server the server, started with {@link TestCallout#serverConfig()}
   * @param callout the setup
   * @param authorizer who decides
   * @param settings applied to the builder after the setup's own settings, for example {@code b ->
   *     b.listener(events)}
   * @return the running service; it is closed when the server stops, or by {@link #close()}
   * @throws CalloutException when the service cannot connect (the cause says why)
   * @throws CalloutConfigurationException when the settings do not make a valid service
   */
  public static TestCalloutService start(
      NatsServer server,
      TestCallout callout,
      Authorizer authorizer,
      Consumer<CalloutService.Builder> settings) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(callout, "callout");
    Objects.requireNonNull(authorizer, "authorizer");
    Objects.requireNonNull(settings, "settings");
    Connection nc = connect(server, callout);
    try {
      CalloutService.Builder b =
          CalloutService.builder(nc).issuer(callout.issuer()).authorizer(authorizer);
      callout.xkey().ifPresent(b::xkey);
      callout.targetAccount().ifPresent(b::configMode);
      String[] allowed = allowedAccounts(callout);
      if (allowed.length > 0) {
        b.allowedAccounts(allowed);
      }
      settings.accept(b);
      TestCalloutService s = new TestCalloutService(nc, b.start(), callout.toString());
      server.closeOnStop(s);
      return s;
    } catch (RuntimeException e) {
      closeQuietly(nc, e);
      throw e;
    }
  }

  /**
   * Returns the running service, for {@link CalloutService#kick(String)}, its tracked connections
   * or its micro service.
   *
   * @return the service
   */
  public CalloutService service() {
    return service;
  }

  /**
   * Returns the service's connection to the server.
   *
   * @return the connection, as the service user
   */
  public Connection connection() {
    return connection;
  }

  /** Stops the service, then closes its connection; does nothing the second time. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      service.close();
    } finally {
      try {
        connection.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Names the setup by its public keys; no seeds, no password. */
  @Override
  public String toString() {
    return "TestCalloutService[" + description + (closed.get() ? ", closed" : "") + "]";
  }

  private static Connection connect(NatsServer server, TestCallout callout) {
    Options.Builder o =
        new Options.Builder()
            .server(server.url())
            .connectionName("natsjwt callout service")
            .connectionTimeout(CONNECT_TIMEOUT)
            .errorListener(new ErrorListener() {});
    if (callout.isOperatorMode()) {
      o.authHandler(
          Nats.staticCredentials(callout.serviceUser().creds().getBytes(StandardCharsets.UTF_8)));
    } else {
      o.userInfo(callout.serviceUserName(), callout.servicePassword());
    }
    try {
      return Nats.connect(o.build());
    } catch (IOException e) {
      throw new CalloutException(
          "the callout service user could not connect to " + server.url() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CalloutException(
          "interrupted while the callout service user connected to " + server.url(), e);
    }
  }

  /**
   * The setup's allowed accounts: keys from the authorization block, or the config block's names.
   */
  private static String[] allowedAccounts(TestCallout callout) {
    return (callout.isOperatorMode()
            ? callout.authorization().allowedAccounts()
            : callout.authCallout().allowedAccounts())
        .toArray(String[]::new);
  }

  private static void closeQuietly(Connection nc, RuntimeException failure) {
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.addSuppressed(e);
    }
  }
}
