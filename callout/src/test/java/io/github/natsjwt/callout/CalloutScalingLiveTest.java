package io.github.natsjwt.callout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.testing.NatsServer;
import io.github.natsjwt.testing.NatsServerMatrix;
import io.github.natsjwt.testing.NatsServerVersion;
import io.github.natsjwt.testing.TestCallout;
import io.nats.client.Connection;
import io.nats.service.Discovery;
import io.nats.service.EndpointStats;
import io.nats.service.InfoResponse;
import io.nats.service.PingResponse;
import io.nats.service.StatsResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The callout service as a jnats micro service on real nats-server 2.10 and 2.14: instances in one
 * queue group share the connects, each request handled once, and the service answers the micro
 * service discovery subjects ({@code $SRV.PING}, {@code $SRV.INFO}, {@code $SRV.STATS}).
 */
@SuppressWarnings("try") // servers and clients are held open by try-with-resources
class CalloutScalingLiveTest {
  /** Connects shared by the two instances. */
  static final int CONNECTS = 1_000;

  final TestCallout callout = TestCallout.configMode("APP");

  TestCalloutService start(NatsServer server, Consumer<CalloutService.Builder> settings) {
    return TestCalloutService.start(
        server, callout, CalloutConfigModeLiveTest.PASSWORD_AUTHORIZER, settings);
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void queueGroup_twoInstances_shareConnectsAndNeitherSeesARequestTwice(NatsServerVersion version)
      throws Exception {
    Live.Events first = new Live.Events();
    Live.Events second = new Live.Events();
    long started = System.nanoTime();
    try (NatsServer server = version.start(callout.serverConfig().build())) {
      start(server, b -> b.listener(first).queueGroup("callouts"));
      start(server, b -> b.listener(second).queueGroup("callouts"));
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> connects = new java.util.ArrayList<>();
        for (int i = 0; i < CONNECTS; i++) {
          connects.add(
              clients.submit(
                  () -> {
                    try (Connection c = Live.connect(server, "alice", "wonderland")) {
                      c.flush(Live.WAIT);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : connects) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        clients.shutdownNow();
      }
      long end = System.nanoTime() + Live.WAIT.toNanos();
      while (first.events.size() + second.events.size() < CONNECTS && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      Set<String> seenByOne = userKeys(first);
      Set<String> seenByTwo = userKeys(second);
      assertEquals(CONNECTS, first.events.size() + second.events.size());
      assertTrue(
          first.events.stream().allMatch(e -> e.outcome() == CalloutOutcome.ALLOWED)
              && second.events.stream().allMatch(e -> e.outcome() == CalloutOutcome.ALLOWED));
      // every connect has its own user nkey: no duplicate within an instance, none across them
      assertEquals(first.events.size(), seenByOne.size(), "instance one saw a request twice");
      assertEquals(second.events.size(), seenByTwo.size(), "instance two saw a request twice");
      Set<String> both = new HashSet<>(seenByOne);
      both.retainAll(seenByTwo);
      assertEquals(Set.of(), both, "a request reached both instances");
      assertTrue(
          seenByOne.size() > 0 && seenByTwo.size() > 0,
          "both instances take part: " + seenByOne.size() + " / " + seenByTwo.size());
      System.out.printf(
          "%s %d connects through two callout instances: %d / %d, %.1f s%n",
          version.label(),
          CONNECTS,
          seenByOne.size(),
          seenByTwo.size(),
          (System.nanoTime() - started) / 1e9);
    }
  }

  @NatsServerMatrix({"2.10", "2.14"})
  void discovery_pingInfoStats_answeredLikeTheGoFramework(NatsServerVersion version)
      throws Exception {
    Live.Events events = new Live.Events();
    try (NatsServer server = version.start(callout.serverConfig().build());
        Connection observer =
            Live.connect(server, callout.serviceUserName(), callout.servicePassword())) {
      CalloutService service =
          start(
                  server,
                  b -> b.listener(events).name("acme-callout", "2.3.4").queueGroup("callouts"))
              .service();
      try (Connection alice = Live.connect(server, "alice", "wonderland")) {
        Live.assertRoundTrip(alice, "orders.1");
      }
      Live.refused(server, "alice", "wrong");
      events.await(2);
      Discovery discovery = new Discovery(observer, 2000, 5);

      List<PingResponse> pings = discovery.ping("acme-callout");
      assertEquals(1, pings.size(), pings::toString);
      assertEquals(service.service().getId(), pings.get(0).getId());
      assertEquals("2.3.4", pings.get(0).getVersion());
      assertEquals("io.nats.micro.v1.ping_response", pings.get(0).getType());

      InfoResponse info = discovery.info("acme-callout", service.service().getId());
      assertEquals("io.nats.micro.v1.info_response", info.getType());
      assertEquals(1, info.getEndpoints().size());
      assertEquals(CalloutService.SUBJECT, info.getEndpoints().get(0).getSubject());
      assertEquals("callouts", info.getEndpoints().get(0).getQueueGroup());

      StatsResponse stats = discovery.stats("acme-callout", service.service().getId());
      assertEquals("io.nats.micro.v1.stats_response", stats.getType());
      EndpointStats endpoint = stats.getEndpointStatsList().get(0);
      assertEquals(CalloutService.SUBJECT, endpoint.getSubject());
      // an allow and a denial, both answered with a response JWT: two requests, no errors
      assertEquals(2, endpoint.getNumRequests());
      assertEquals(0, endpoint.getNumErrors());
    }
  }

  private static Set<String> userKeys(Live.Events events) {
    return events.events.stream()
        .map(e -> e.request().orElseThrow().userNkey())
        .collect(Collectors.toSet());
  }
}
