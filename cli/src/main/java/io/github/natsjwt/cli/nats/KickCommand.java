package io.github.natsjwt.cli.nats;

import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.nats.ClientConnection;
import io.github.natsjwt.nats.ConnectionKicker;
import io.github.natsjwt.nats.KickResult;
import io.github.natsjwt.nats.ServerRef;
import io.github.natsjwt.nats.UserConnections;
import io.github.natsjwt.nkey.NKeyType;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code natsjwt kick}: closes client connections through the servers' KICK service. */
@Command(
    name = "kick",
    description = {
      "Close client connections through $SYS.REQ.SERVER.<id>.KICK on a system-account"
          + " connection: all of a user's (--user: found first with $SYS.REQ.SERVER.PING.CONNZ),"
          + " or one by its client id on one server (--cid with --server-id). A client that"
          + " reconnects is authorized again on the servers' current account JWTs.",
      "nats-server added KICK in 2.10.0: 2.10.27 and 2.14.5 answer it, 2.9.10 does not (and"
          + " does not find a JWT user's connections by key either); the command names such a"
          + " server and its version.",
      "Exits 0 when every connection found was kicked, 1 when none was found or a server refused"
          + " or did not answer, 2 for bad input, no connection or no server answering CONNZ."
    })
public final class KickCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions server;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Target target;

  /** Either a user, or one client id on one server. */
  static final class Target {
    @Option(
        names = "--user",
        required = true,
        paramLabel = "<U...>",
        description = "Kick every connection of this user, on every server.")
    @Nullable String user;

    @ArgGroup(exclusive = false)
    @Nullable One one;
  }

  /** One connection. */
  static final class One {
    @Option(
        names = "--cid",
        required = true,
        paramLabel = "<id>",
        description = "The client id of the connection on its server.")
    long cid;

    @Option(
        names = "--server-id",
        required = true,
        paramLabel = "<N...>",
        description = "The id of the server the connection is on.")
    String serverId = "";
  }

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public KickCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() throws InterruptedException {
    String user = target.user;
    One one = target.one;
    if (user != null && !NKeyType.USER.isValidPublicKey(user)) {
      throw new InputException(
          "--user takes a user public key (56 characters starting with 'U'), not '" + user + "'");
    }
    if (one != null && !NKeyType.SERVER.isValidPublicKey(one.serverId)) {
      throw new InputException(
          "--server-id takes a server id (56 characters starting with 'N'), not '"
              + one.serverId
              + "'");
    }
    List<ServerRef> servers = new ArrayList<>();
    List<KickResult> results = new ArrayList<>();
    try (Creds c = server.readCreds(streams.in())) {
      Connection connection = server.connect(c, NatsConnections.quiet());
      try {
        ConnectionKicker kicker = ConnectionKicker.builder(connection).build();
        if (user != null) {
          UserConnections found = kicker.findUser(user);
          servers.addAll(found.servers());
          for (ClientConnection cc : found.connections()) {
            results.add(kicker.kick(cc.server().id(), cc.cid()));
          }
        } else {
          One o = java.util.Objects.requireNonNull(one);
          results.add(kicker.kick(o.serverId, o.cid));
        }
      } finally {
        NatsConnections.close(connection);
      }
    }
    long kicked = results.stream().filter(r -> r.status() == KickResult.Status.KICKED).count();
    boolean ok = !results.isEmpty() && kicked == results.size();
    PrintStream out = streams.out();
    if (json) {
      out.println(json(user, servers, results, kicked));
    } else {
      for (KickResult r : results) {
        out.printf(
            "  server %s cid %d: %s%s%n",
            name(r.server(), r.serverId()),
            r.cid(),
            r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            r.message().isEmpty() ? "" : ": " + r.message());
      }
      out.printf(
          "kicked %d of %d connection%s%n", kicked, results.size(), results.size() == 1 ? "" : "s");
    }
    out.flush();
    if (user != null && results.isEmpty()) {
      streams.err().println(Main.NAME + ": " + noneFound(user, servers));
      streams.err().flush();
    }
    return ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
  }

  /** Why no connection was found, naming servers too old to report one. */
  static String noneFound(String user, List<ServerRef> servers) {
    StringBuilder sb =
        new StringBuilder(
            "no connection of user " + user + " on the " + servers.size() + " server");
    sb.append(servers.size() == 1 ? "" : "s").append(" that answered");
    for (ServerRef s : servers) {
      if (!s.answersKick()) {
        sb.append("; server ")
            .append(s.name().isEmpty() ? s.id() : s.name())
            .append(" runs nats-server ")
            .append(s.version().isEmpty() ? "(version not given)" : s.version())
            .append(
                ", which does not find a JWT user's connections by key nor answer KICK;"
                    + " nats-server 2.10.0 and later do");
      }
    }
    return sb.toString();
  }

  private static String name(ServerRef s, String id) {
    String n = s.name().isEmpty() ? id : s.name();
    return s.version().isEmpty() ? n : n + " (" + s.version() + ")";
  }

  private static JsonOut json(
      @Nullable String user, List<ServerRef> servers, List<KickResult> results, long kicked) {
    List<JsonOut> s = new ArrayList<>();
    for (ServerRef r : servers) {
      s.add(
          JsonOut.object()
              .string("server_id", r.id())
              .string("server", r.name())
              .string("version", r.version())
              .bool("answers_kick", r.answersKick()));
    }
    List<JsonOut> k = new ArrayList<>();
    for (KickResult r : results) {
      k.add(
          JsonOut.object()
              .string("server_id", r.serverId())
              .string("server", r.server().name())
              .string("version", r.server().version())
              .number("cid", r.cid())
              .string("status", r.status().name().toLowerCase(Locale.ROOT))
              .string("message", r.message()));
    }
    return JsonOut.object()
        .string("user", user)
        .objects("servers", s)
        .objects("results", k)
        .number("kicked", kicked);
  }
}
