package io.github.natsjwt.nats;

import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds a user's connections and closes them through the system services: {@code
 * $SYS.REQ.SERVER.PING.CONNZ} filtered by user, then {@code $SYS.REQ.SERVER.<id>.KICK} with the
 * client id, on a connection of a system-account user. A kicked client that reconnects is
 * authorized again on the servers' current account JWTs.
 *
 * <p>Immutable and thread-safe (as the jnats {@link Connection} it uses); the kicker neither opens
 * nor closes the connection.
 *
 * <pre>{@code
 * ConnectionKicker kicker = ConnectionKicker.builder(systemConnection).build();
 * for (KickResult r : kicker.kickUser(userPublicKey)) {
 *   System.out.println(r.serverId() + " " + r.cid() + " " + r.status() + " " + r.message());
 * }
 * }</pre>
 *
 * <p><b>Server versions.</b> nats-server added KICK in 2.10.0; 2.10.27 and 2.14.5 answer it
 * (nothing in the reply when kicked, {@code 500 no such client or leafnode id} for an unknown
 * client id), 2.9.10 does not answer at all. On no answer the kicker asks the server's {@code VARZ}
 * for its version so that the result can say which it is. nats-server 2.9.10 also returns no
 * connections for a CONNZ filtered by a JWT user's key; 2.10 and later do.
 *
 * <p><b>Logging.</b> Logger {@code io.github.natsjwt.nats.ConnectionKicker}: the connections found
 * and each kick's result at DEBUG, a kick no server answered and each failure (no CONNZ reply, a
 * malformed reply, a closed connection) at WARNING, at most one WARNING every 10 seconds per kicker
 * with the rest at DEBUG.
 */
public final class ConnectionKicker {
  /** The default time to wait for replies, 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** The default time to keep listening for more servers after the last CONNZ reply. */
  public static final Duration DEFAULT_SETTLE = Duration.ofMillis(250);

  /** The most connections asked of each server. */
  public static final int CONNZ_LIMIT = 1024;

  /** The largest reply accepted, 16 MiB (CONNZ includes each user's JWT). */
  static final int MAX_REPLY_BYTES = 16 << 20;

  static final String CONNZ_SUBJECT = "$SYS.REQ.SERVER.PING.CONNZ";
  static final String KICK_SUBJECT = "$SYS.REQ.SERVER.%s.KICK";
  static final String VARZ_SUBJECT = "$SYS.REQ.SERVER.%s.VARZ";

  static final String INVALID_USER_KEY =
      "%s is not a user public key (56 characters starting with 'U'); nothing was sent.";
  static final String INVALID_SERVER_ID =
      "%s is not a server id (56 characters starting with 'N'); nothing was sent.";
  static final String NO_CONNZ =
      "No server answered %s within %d ms: the connection's user is probably not in the system"
          + " account.";
  static final String TOO_LARGE = "The reply to %s is %d bytes, more than the %d accepted.";
  static final String OLD_SERVER =
      "server %s runs nats-server %s, which does not answer %s; nats-server 2.10.0 and later do"
          + " (2.10.27 and 2.14.5 were checked). Upgrade it, or close the client another way"
          + " (revoke the user: natsjwt account revoke).";
  static final String SILENT_SERVER = "server %s (nats-server %s) did not answer %s within %d ms.";
  static final String NO_SERVER =
      "no server answered %s within %d ms, nor its VARZ: no server has id %s, or the"
          + " connection's user is not in the system account.";

  private static final Logger LOG = System.getLogger(ConnectionKicker.class.getName());

  private final LogThrottle failures = new LogThrottle();
  private final Connection connection;
  private final Duration timeout;
  private final SysRequest.Waiting waiting;

  private ConnectionKicker(Builder b) {
    this.connection = b.connection;
    this.timeout = b.timeout;
    this.waiting =
        new SysRequest.Waiting(
            connection, timeout, b.settle, b.expectedServers, MAX_REPLY_BYTES, TOO_LARGE, LOG);
  }

  /**
   * Starts a builder.
   *
   * @param connection a connection of a system-account user
   * @return a new builder
   */
  public static Builder builder(Connection connection) {
    return new Builder(connection);
  }

  /**
   * Asks every server for the user's connections ({@code $SYS.REQ.SERVER.PING.CONNZ} with {@code
   * {"user":<key>,"auth":true}}), collecting replies until {@link Builder#expectedServers} have
   * answered, or none for the settle time after the last, or the timeout.
   *
   * @param userPublicKey the user's {@code U...} key
   * @return the servers that answered and the user's connections on them
   * @throws AccountJwtClientException when the key is not a user key, the connection is closed, or
   *     the thread is interrupted
   * @throws NoReplyException when no server answered
   * @throws MalformedReplyException when a reply cannot be read
   */
  public UserConnections findUser(String userPublicKey) {
    Objects.requireNonNull(userPublicKey, "userPublicKey");
    if (!NKeyType.USER.isValidPublicKey(userPublicKey)) {
      throw new AccountJwtClientException(
          "", String.format(INVALID_USER_KEY, AccountEdit.describeKey(userPublicKey)));
    }
    String body =
        "{\"user\":\"" + userPublicKey + "\",\"auth\":true,\"limit\":" + CONNZ_LIMIT + "}";
    long start = System.nanoTime();
    try {
      UserConnections found = connections(userPublicKey, body);
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(
            Level.DEBUG,
            "User "
                + userPublicKey
                + " has "
                + found.connections().size()
                + " connections on the "
                + found.servers().size()
                + " servers that answered "
                + CONNZ_SUBJECT
                + " in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms.");
      }
      return found;
    } catch (AccountJwtClientException e) {
      failures.log(
          LOG,
          Level.WARNING,
          e,
          () -> "Finding the connections of user " + userPublicKey + " failed: " + e.getMessage());
      throw e;
    }
  }

  private UserConnections connections(String userPublicKey, String body) {
    List<Message> replies = waiting.gather(CONNZ_SUBJECT, utf8(body), m -> false, null);
    if (replies.isEmpty()) {
      throw new NoReplyException(
          CONNZ_SUBJECT,
          String.format(NO_CONNZ, CONNZ_SUBJECT, timeout.toMillis()),
          false,
          timeout);
    }
    List<ServerRef> servers = new ArrayList<>();
    List<ClientConnection> found = new ArrayList<>();
    for (Message m : replies) {
      JsonIn reply = SysJson.object(m.getData(), CONNZ_SUBJECT);
      ServerRef server = SysJson.server(reply);
      servers.add(server);
      for (JsonIn conn : SysJson.objects(SysJson.obj(reply, "data"), "connections")) {
        String user = SysJson.str(conn, "authorized_user");
        // Servers that ignore the filter list everyone: keep only the user's connections.
        if (!user.equals(userPublicKey)) {
          continue;
        }
        found.add(
            new ClientConnection(
                server,
                SysJson.num(conn, "cid"),
                SysJson.str(conn, "account"),
                user,
                SysJson.str(conn, "name")));
      }
    }
    return new UserConnections(servers, found);
  }

  /**
   * Kicks one client connection: {@code $SYS.REQ.SERVER.<id>.KICK} with {@code {"cid":<cid>}}.
   *
   * @param serverId the server's id ({@code N...})
   * @param cid the server's client id of the connection
   * @return the outcome: kicked, refused with the server's reason, or no answer (with the server's
   *     version when its VARZ answered)
   * @throws AccountJwtClientException when the server id is not valid, the connection is closed or
   *     the thread is interrupted
   * @throws MalformedReplyException when the reply cannot be read
   */
  public KickResult kick(String serverId, long cid) {
    Objects.requireNonNull(serverId, "serverId");
    if (!NKeyType.SERVER.isValidPublicKey(serverId)) {
      throw new AccountJwtClientException(
          "", String.format(INVALID_SERVER_ID, AccountEdit.describeKey(serverId)));
    }
    String subject = String.format(KICK_SUBJECT, serverId);
    KickResult result;
    try {
      List<Message> replies =
          waiting.gather(subject, utf8("{\"cid\":" + cid + "}"), m -> true, null);
      if (replies.isEmpty()) {
        result = noAnswer(serverId, cid, subject);
      } else {
        JsonIn reply = SysJson.object(replies.get(0).getData(), subject);
        String error = SysJson.error(reply);
        result =
            new KickResult(
                serverId,
                cid,
                error.isEmpty() ? KickResult.Status.KICKED : KickResult.Status.REFUSED,
                SysJson.server(reply),
                error);
      }
    } catch (AccountJwtClientException e) {
      failures.log(
          LOG,
          Level.WARNING,
          e,
          () -> "Kicking client " + cid + " on server " + serverId + " failed: " + e.getMessage());
      throw e;
    }
    if (result.status() == KickResult.Status.NO_ANSWER) {
      failures.log(
          LOG,
          Level.WARNING,
          null,
          () ->
              "Kick of client "
                  + cid
                  + " on server "
                  + serverId
                  + " got no answer: "
                  + Replies.describe(result.message(), Replies.DESCRIPTION_CHARS));
    } else if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Kick of client "
              + cid
              + " on server "
              + serverId
              + ": "
              + result.status()
              + (result.message().isEmpty()
                  ? ""
                  : " (" + Replies.describe(result.message(), Replies.DESCRIPTION_CHARS) + ")")
              + ".");
    }
    return result;
  }

  /**
   * Finds a user's connections on every server and kicks each.
   *
   * @param userPublicKey the user's {@code U...} key
   * @return one result per connection found; empty when the user has none
   * @throws AccountJwtClientException when the key is not a user key, the connection is closed, or
   *     the thread is interrupted
   * @throws NoReplyException when no server answered CONNZ
   * @throws MalformedReplyException when a reply cannot be read
   */
  public List<KickResult> kickUser(String userPublicKey) {
    List<KickResult> results = new ArrayList<>();
    for (ClientConnection c : findUser(userPublicKey).connections()) {
      results.add(kick(c.server().id(), c.cid()));
    }
    return List.copyOf(results);
  }

  /** Names the timeout; the connection's credentials are not shown. */
  @Override
  public String toString() {
    return "ConnectionKicker[timeout=" + timeout.toMillis() + "ms]";
  }

  private KickResult noAnswer(String serverId, long cid, String subject) {
    String varz = String.format(VARZ_SUBJECT, serverId);
    List<Message> replies = waiting.gather(varz, new byte[0], m -> true, null);
    if (replies.isEmpty()) {
      return new KickResult(
          serverId,
          cid,
          KickResult.Status.NO_ANSWER,
          new ServerRef(serverId, "", ""),
          String.format(NO_SERVER, subject, timeout.toMillis(), serverId));
    }
    JsonIn reply = SysJson.object(replies.get(0).getData(), varz);
    ServerRef server = SysJson.server(reply);
    if (server.id().isEmpty()) {
      server = new ServerRef(serverId, server.name(), server.version());
    }
    String name = server.name().isEmpty() ? serverId : server.name();
    String message =
        server.answersKick()
            ? String.format(SILENT_SERVER, name, server.version(), subject, timeout.toMillis())
            : String.format(
                OLD_SERVER,
                name,
                server.version().isEmpty() ? "(version not given)" : server.version(),
                "KICK");
    return new KickResult(serverId, cid, KickResult.Status.NO_ANSWER, server, message);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Builds a {@link ConnectionKicker}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable kicker.
   */
  public static final class Builder {
    private final Connection connection;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration settle = DEFAULT_SETTLE;
    private int expectedServers;

    private Builder(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Sets how long each request waits for replies.
     *
     * @param timeout more than zero, at most 10 minutes; {@link #DEFAULT_TIMEOUT} by default
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder timeout(Duration timeout) {
      this.timeout = SysRequest.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets how long CONNZ keeps listening for more servers after the last reply.
     *
     * @param settle more than zero, at most 10 minutes; {@link #DEFAULT_SETTLE} by default
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder settle(Duration settle) {
      this.settle = SysRequest.positive(settle, "settle");
      return this;
    }

    /**
     * Sets how many servers answer CONNZ, so that it returns as soon as they have.
     *
     * @param servers 1 to {@value AccountJwtClient#MAX_REPLIES}, or 0 (the default) when unknown
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder expectedServers(int servers) {
      this.expectedServers = SysRequest.expectedServers(servers);
      return this;
    }

    /**
     * Builds the kicker.
     *
     * @return the kicker
     */
    public ConnectionKicker build() {
      return new ConnectionKicker(this);
    }
  }
}
