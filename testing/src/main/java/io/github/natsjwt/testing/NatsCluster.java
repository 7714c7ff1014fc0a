package io.github.natsjwt.testing;

import io.github.natsjwt.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A cluster of nats-servers on 127.0.0.1, each routed to all the others, started from one
 * configuration per node and ready when every node has a route to every other one.
 *
 * <pre>{@code
 * try (NatsCluster cluster =
 *     NatsCluster.start(NatsServerVersion.of("2.14"), 3,
 *         i -> op.fullResolverConfig(dir.resolve("node" + i)).build())) {
 *   // push an account to cluster.node(0); it reaches cluster.node(1) and cluster.node(2)
 * }
 * }</pre>
 *
 * <p>Each node gets a cluster block ({@code cluster { name, port, routes }}, see {@link
 * ServerConfig.Builder#cluster(String, int)}) and a monitoring port, whose {@code /routez} tells
 * when the routes are up. {@link #stop(int)} and {@link #restart(int)} take one node down and bring
 * it back with the same configuration (and so the same resolver directory).
 *
 * <p>Not thread-safe; {@link #close()} stops every node.
 */
public final class NatsCluster implements AutoCloseable {
  /** The name every node's cluster block carries. */
  public static final String NAME = "natsjwt";

  /** How long {@link #start} and {@link #restart(int)} wait for the routes. */
  public static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern REMOTE_ID = Pattern.compile("\"remote_id\":\\s*\"([^\"]+)\"");

  private final NatsServerVersion version;
  private final List<ServerConfig> configs;
  private final List<@Nullable NatsServer> nodes;

  private NatsCluster(NatsServerVersion version, List<ServerConfig> configs) {
    this.version = version;
    this.configs = configs;
    this.nodes = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      nodes.add(null);
    }
  }

  /**
   * Starts a cluster and waits until every node is routed to every other one.
   *
   * @param version the nats-server series every node runs
   * @param size how many nodes, 2 or more
   * @param node the configuration of node {@code i} (0-based); its cluster block, routes and
   *     monitoring port are replaced
   * @return the running cluster
   * @throws NatsServerException when a node cannot start or the routes do not form within {@link
   *     #ROUTE_TIMEOUT} (the nodes started are stopped)
   * @throws IllegalArgumentException when {@code size} is less than 2
   */
  public static NatsCluster start(
      NatsServerVersion version, int size, IntFunction<ServerConfig> node) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(node, "node");
    if (size < 2) {
      throw new IllegalArgumentException("a cluster needs 2 or more nodes, got " + size);
    }
    int[] routePorts = new int[size];
    for (int i = 0; i < size; i++) {
      routePorts[i] = freePort();
    }
    List<ServerConfig> configs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ServerConfig.Builder b =
          Objects.requireNonNull(node.apply(i), "node configuration").toBuilder()
              .noCluster()
              .cluster(NAME, routePorts[i])
              .monitorPort(freePort());
      for (int j = 0; j < size; j++) {
        if (j != i) {
          b.route(routePorts[j]);
        }
      }
      configs.add(b.build());
    }
    NatsCluster cluster = new NatsCluster(version, List.copyOf(configs));
    try {
      for (int i = 0; i < size; i++) {
        cluster.nodes.set(i, version.start(configs.get(i)));
      }
      cluster.awaitRoutes();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Returns the number of nodes, running or stopped.
   *
   * @return the size given to {@link #start}
   */
  public int size() {
    return configs.size();
  }

  /**
   * Returns a running node.
   *
   * @param i the node, 0-based
   * @return its server
   * @throws IllegalStateException when the node is stopped
   */
  public NatsServer node(int i) {
    NatsServer s = nodes.get(i);
    if (s == null) {
      throw new IllegalStateException("node " + i + " is stopped; restart(" + i + ") it first");
    }
    return s;
  }

  /**
   * Returns the running nodes.
   *
   * @return the servers, in node order, without stopped ones
   */
  public List<NatsServer> nodes() {
    List<NatsServer> out = new ArrayList<>();
    for (NatsServer s : nodes) {
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Returns the configuration a node runs with (before {@link NatsServer} picks its client port).
   *
   * @param i the node, 0-based
   * @return its configuration, with the cluster block
   */
  public ServerConfig config(int i) {
    return configs.get(i);
  }

  /**
   * Stops one node; the others keep running.
   *
   * @param i the node, 0-based
   * @throws NatsServerException when it would not stop
   */
  public void stop(int i) {
    NatsServer s = nodes.get(i);
    if (s != null) {
      nodes.set(i, null);
      s.close();
    }
  }

  /**
   * Starts a stopped node again with its configuration and waits until all routes are up.
   *
   * @param i the node, 0-based
   * @return the node's new server
   * @throws NatsServerException when it cannot start or the routes do not form in time
   */
  public NatsServer restart(int i) {
    stop(i);
    NatsServer s = version.start(configs.get(i));
    nodes.set(i, s);
    awaitRoutes();
    return s;
  }

  /**
   * Stops every node.
   *
   * @throws NatsServerException when a node would not stop (after trying all of them)
   */
  @Override
  public void close() {
    NatsServerException failure = null;
    for (int i = 0; i < nodes.size(); i++) {
      try {
        stop(i);
      } catch (NatsServerException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Names the cluster by version and node URLs. */
  @Override
  public String toString() {
    return "NatsCluster[" + version.label() + ", " + nodes() + "]";
  }

  // ------------------------------------------------------------------ helpers

  /** Polls every running node's /routez until each sees all the other running nodes. */
  private void awaitRoutes() {
    int others = nodes().size() - 1;
    long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
    while (true) {
      boolean ready = true;
      StringBuilder state = new StringBuilder();
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i) == null) {
          continue;
        }
        int seen = routedPeers(configs.get(i).monitorPort().orElseThrow());
        state.append(" node ").append(i).append(": ").append(seen).append('/').append(others);
        ready &= seen >= others;
      }
      if (ready) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new NatsServerException(
            "the cluster's routes did not form within " + ROUTE_TIMEOUT + ":" + state);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NatsServerException("interrupted while waiting for the cluster's routes", e);
      }
    }
  }

  /** The distinct servers a node has routes to, from its /routez; 0 when it does not answer. */
  private static int routedPeers(int monitorPort) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + monitorPort + "/routez").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      try (InputStream in = c.getInputStream()) {
        String json = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        Set<String> ids = new HashSet<>();
        Matcher m = REMOTE_ID.matcher(json);
        while (m.find()) {
          ids.add(m.group(1));
        }
        return ids.size();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return 0;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new NatsServerException("cannot find a free port on 127.0.0.1: " + e, e);
    }
  }
}
