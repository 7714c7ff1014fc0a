package io.github.natsjwt.callout;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.internal.keys.Redact;
import io.github.natsjwt.jwt.IssuerNotAllowedException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import io.nats.service.Service;
import io.nats.service.ServiceEndpoint;
import io.nats.service.ServiceMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An auth callout service (spec trust-chain.md section 7): a jnats micro service on {@value
 * #SUBJECT} that verifies each authorization request, asks an {@link Authorizer}, and answers with
 * a user JWT or a denial, built and checked as section 7.3 requires.
 *
 * <p>Thread-safe. The jnats dispatcher only hands each message to the executor, so a slow
 * authorizer never blocks it. Every message gets a reply and one {@link CalloutEvent}:
 *
 * <ul>
 *   <li>a request that is not decryptable, not a well-formed request JWT, not signed by a server
 *       key ({@code N...}), not addressed to {@code nats-authorization-request}, expired, or from a
 *       server that is not allowed gets an error reply (jnats service error headers, no body),
 *       which the server reads as a rejection;
 *   <li>a verified request gets a signed response: the user JWT when the authorizer allows, the
 *       reason in {@code error} when it denies, throws or passes the deadline, and a denial naming
 *       the broken rule when the allowed user would be rejected by the server;
 *   <li>the response is encrypted to the server's xkey when the request was encrypted.
 * </ul>
 *
 * <pre>{@code
 * CalloutService service = CalloutService.builder(connection)
 *     .issuer(calloutAccountKey)                     // or issuer(signingKey, calloutAccountKey)
 *     .xkey(curveKey)                                // optional: the account's or config's xkey
 *     .authorizer(request -> AuthorizationDecision.allow(request.newUser().name("alice")))
 *     .listener(event -> log.info("{}", event))
 *     .start();
 * }</pre>
 *
 * <p>Because it is a jnats micro service, it answers {@code $SRV.PING}, {@code $SRV.INFO} and
 * {@code $SRV.STATS}; several instances in one queue group share the requests.
 *
 * <p><b>Logging.</b> Logger {@code io.github.natsjwt.callout.CalloutService}, through {@link
 * System.Logger}: start and stop at INFO; a refused request (its {@link RequestProblem} and why),
 * an authorizer past its deadline, an allowed user the server would reject, a listener that threw,
 * and a kick no server answered at WARNING; an authorizer that threw and a reply that could not be
 * sent at ERROR, with the exception; each allowed or denied client and each kick at DEBUG, each
 * request as it arrives at TRACE. WARNING and ERROR records are kept to one per kind every 10
 * seconds, the rest of that kind going to DEBUG. Records name users, servers and accounts by public
 * key; no record, message or event holds a seed, a password, a client's token or a whole JWT. The
 * only text logged that this service does not write is the authorizer's: a denial's reason, and the
 * exception it threw.
 */
public final class CalloutService implements AutoCloseable {
  /** The subject nats-server sends authorization requests to, in the callout account. */
  public static final String SUBJECT = "$SYS.REQ.USER.AUTH";

  /** The header that marks an encrypted request; its value is the server's public xkey. */
  public static final String XKEY_HEADER = "Nats-Server-Xkey";

  /** The audience of every authorization request. */
  public static final String REQUEST_AUDIENCE = "nats-authorization-request";

  /** The time an authorizer has unless {@link Builder#deadline(Duration)} says otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(1500);

  /** The micro service name unless {@link Builder#name(String, String)} says otherwise. */
  public static final String DEFAULT_NAME = "auth-callout";

  /** The most connections tracked for kicks; the oldest are forgotten first. */
  public static final int DEFAULT_MAX_TRACKED = 100_000;

  /** How long a kick waits for each server's answer unless the builder says otherwise. */
  public static final Duration DEFAULT_KICK_TIMEOUT = Duration.ofSeconds(2);

  /** The server's kick subject; {@code %s} is the server id. */
  static final String KICK_SUBJECT = "$SYS.REQ.SERVER.%s.KICK";

  /** Requests in flight beyond which new ones are refused as {@link RequestProblem#OVERLOADED}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

  /** How long {@code start()} waits for the server to confirm the subscription. */
  private static final Duration START_CONFIRMATION = Duration.ofSeconds(5);

  private static final Logger LOG = System.getLogger(CalloutService.class.getName());

  /** The longest part of an authorizer's text (a denial's reason) put in a log record. */
  private static final int SHOWN_CHARS = 512;

  private static final int ERROR_BAD_REQUEST = 400;
  private static final int ERROR_OVERLOADED = 503;

  // null only in a detached instance (the benchmarks' seam), which never receives a message
  private final @Nullable Connection connection;
  private final Signer issuer;
  private final String calloutAccount;
  private final String responseIssuerAccount;
  private final @Nullable NKey xkey;
  private final Authorizer authorizer;
  private final CalloutListener listener;
  private final Duration deadline;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final Deadlines deadlines;
  private final Set<String> allowedServers;
  private final Set<String> allowedAccounts;
  private final @Nullable String configAccount;
  private final Clock clock;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final @Nullable Service service;
  private final @Nullable Connection kickConnection;
  private final Duration kickTimeout;
  private final Map<String, TrackedConnection> tracked;
  private final Map<CalloutOutcome, LogThrottle> outcomeWarnings =
      new EnumMap<>(CalloutOutcome.class);
  private final Map<RequestProblem, LogThrottle> refusalWarnings =
      new EnumMap<>(RequestProblem.class);
  private final LogThrottle timeoutWarnings = new LogThrottle();
  private final LogThrottle listenerWarnings = new LogThrottle();
  private final LogThrottle kickWarnings = new LogThrottle();

  private CalloutService(Builder b, boolean serve) {
    for (CalloutOutcome o : CalloutOutcome.values()) {
      outcomeWarnings.put(o, new LogThrottle());
    }
    for (RequestProblem p : RequestProblem.values()) {
      refusalWarnings.put(p, new LogThrottle());
    }
    connection = serve ? Objects.requireNonNull(b.connection, "connection") : null;
    issuer = Objects.requireNonNull(b.issuer);
    calloutAccount = b.issuerAccount != null ? b.issuerAccount : issuer.publicKey();
    responseIssuerAccount = b.issuerAccount != null ? b.issuerAccount : "";
    xkey = b.xkey;
    authorizer = Objects.requireNonNull(b.authorizer);
    listener = b.listener;
    deadline = b.deadline;
    ownsExecutor = b.executor == null;
    executor = b.executor != null ? b.executor : defaultExecutor();
    deadlines = new Deadlines(deadline, "natsjwt-callout-deadline");
    allowedServers = Set.copyOf(b.allowedServers);
    allowedAccounts = Set.copyOf(b.allowedAccounts);
    configAccount = b.configAccount;
    clock = b.clock;
    maxInFlight = b.maxInFlight;
    kickConnection = b.kickConnection;
    kickTimeout = b.kickTimeout;
    int maxTracked = b.maxTracked;
    tracked =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TrackedConnection> eldest) {
            return size() > maxTracked; // connections long gone are never reported; keep it bounded
          }
        };
    if (connection == null) {
      service = null;
      return;
    }
    ServiceEndpoint.Builder endpoint =
        ServiceEndpoint.builder()
            .endpointName("authorize")
            .endpointSubject(SUBJECT)
            .handler(this::onMessage);
    if (b.queueGroup != null) {
      endpoint.endpointQueueGroup(b.queueGroup);
    }
    service =
        Service.builder()
            .connection(connection)
            .name(b.name)
            .version(b.version)
            .description("NATS auth callout")
            .addServiceEndpoint(endpoint.build())
            .build();
  }

  /**
   * Starts a service on a connection of a user the callout bypasses ({@code auth_users}).
   *
   * @param connection the jnats connection; the service does not close it
   * @return a new builder
   */
  public static Builder builder(Connection connection) {
    return new Builder(Objects.requireNonNull(connection, "connection"));
  }

  /**
   * A builder whose {@link Builder#detach()} makes a service with no connection and no micro
   * service: {@link #handle} runs on it exactly as in service. For the benchmarks only.
   */
  static Builder detachedBuilder() {
    return new Builder(null);
  }

  /**
   * Returns the jnats micro service, for its id, info and stats.
   *
   * @return the running service
   */
  public Service service() {
    return Objects.requireNonNull(service, "a detached service has no micro service");
  }

  /**
   * Returns the account that issues the users: the callout account.
   *
   * @return an {@code A...} key
   */
  public String calloutAccount() {
    return calloutAccount;
  }

  /**
   * Returns the connections this service allowed and still tracks, oldest first. Tracking is on
   * when the service has a {@linkplain Builder#kickWith(Connection) kick connection}; a connection
   * is forgotten when it is kicked, or when more than the most tracked are allowed after it.
   *
   * @return a snapshot; empty when tracking is off
   */
  public List<TrackedConnection> trackedConnections() {
    synchronized (tracked) {
      return List.copyOf(tracked.values());
    }
  }

  /**
   * Kicks every tracked connection of a user (matched by the request's user key or the minted
   * user's name) through {@code $SYS.REQ.SERVER.<server id>.KICK} on the kick connection, one
   * request per connection, and reports each. A kicked client that reconnects goes through the
   * authorizer again, which then decides on current data: the reconnect-and-kick pattern.
   *
   * <p>Connections the server closed or refused to kick are forgotten; those with no answer stay
   * tracked, so that a later kick can try again. Blocks up to the kick timeout per connection.
   *
   * @param user a {@code U...} user key or the name the authorizer gave the user
   * @return one result per connection; empty when the user has no tracked connection
   * @throws CalloutConfigurationException when the service has no kick connection
   */
  public List<KickResult> kick(String user) {
    Objects.requireNonNull(user, "user");
    Connection sys = kickConnection;
    if (sys == null) {
      throw new CalloutConfigurationException(
          "kick needs a system-account connection: build the service with"
              + " CalloutService.Builder.kickWith(systemConnection)");
    }
    List<TrackedConnection> targets;
    synchronized (tracked) {
      targets = tracked.values().stream().filter(c -> c.isUser(user)).toList();
    }
    List<KickResult> results = new ArrayList<>(targets.size());
    for (TrackedConnection c : targets) {
      KickResult r = kickOne(sys, c);
      logKick(r);
      if (r.outcome() == KickOutcome.KICKED || r.outcome() == KickOutcome.REFUSED) {
        synchronized (tracked) {
          tracked.remove(c.serverId() + " " + c.clientId());
        }
      }
      results.add(r);
    }
    return List.copyOf(results);
  }

  private void logKick(KickResult r) {
    TrackedConnection c = r.connection();
    if (r.outcome() == KickOutcome.NO_ANSWER || r.outcome() == KickOutcome.FAILED) {
      kickWarnings.log(
          LOG,
          Level.WARNING,
          null,
          () ->
              "Kick of user "
                  + c.userNkey()
                  + " (client "
                  + Long.toUnsignedString(c.clientId())
                  + " on server "
                  + c.serverId()
                  + ") "
                  + r.outcome()
                  + ": "
                  + printable(r.detail()));
    } else if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Kick of user "
              + c.userNkey()
              + " (client "
              + Long.toUnsignedString(c.clientId())
              + " on server "
              + c.serverId()
              + "): "
              + r.outcome()
              + (r.detail().isEmpty() ? "" : " (" + printable(r.detail()) + ")")
              + ".");
    }
  }

  private KickResult kickOne(Connection sys, TrackedConnection c) {
    String subject = String.format(KICK_SUBJECT, c.serverId());
    byte[] body =
        ("{\"cid\":" + Long.toUnsignedString(c.clientId()) + "}").getBytes(StandardCharsets.UTF_8);
    Message reply;
    try {
      reply = sys.requestWithTimeout(subject, body, kickTimeout).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new KickResult(c, KickOutcome.FAILED, "interrupted while waiting for " + subject);
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      boolean timedOut =
          cause instanceof TimeoutException || cause instanceof CancellationException;
      if (timedOut) {
        return noAnswer(c, subject, cause.getMessage());
      }
      return new KickResult(
          c, KickOutcome.FAILED, "the kick request failed: " + cause.getClass().getSimpleName());
    } catch (RuntimeException e) {
      return new KickResult(
          c, KickOutcome.FAILED, "the kick request failed: " + e.getClass().getSimpleName());
    }
    if (reply == null || reply.isStatusMessage()) {
      return noAnswer(
          c, subject, reply == null ? "no reply" : "status " + reply.getStatus().getCode());
    }
    String error = kickError(reply.getData());
    return error.isEmpty()
        ? new KickResult(c, KickOutcome.KICKED, "")
        : new KickResult(c, KickOutcome.REFUSED, error);
  }

  private static KickResult noAnswer(TrackedConnection c, String subject, @Nullable String why) {
    return new KickResult(
        c,
        KickOutcome.NO_ANSWER,
        "no server answered "
            + subject
            + (why == null ? "" : " (" + why + ")")
            + ": the server is gone, the kick connection is not in the system account, or the"
            + " server is older than nats-server 2.10.0, which added KICK");
  }

  /**
   * The server's API response: {@code {"server":{...},"data":...,"error":{"code","description"}}}.
   */
  private static String kickError(byte @Nullable [] data) {
    if (data == null || data.length == 0) {
      return "";
    }
    try {
      JsonValue v = JsonParser.parse(data);
      JsonValue error = v.map == null ? null : v.map.get("error");
      if (error == null || error.map == null) {
        return "";
      }
      JsonValue description = error.map.get("description");
      JsonValue code = error.map.get("code");
      return (code == null || code.number == null ? "" : code.number + " ")
          + (description == null || description.string == null ? "error" : description.string);
    } catch (JsonParseException e) {
      return "the server's answer is not JSON: " + e.getMessage();
    }
  }

  /**
   * Stops answering: the endpoint is drained and removed, the deadline watcher stopped once the
   * deadlines in flight have passed, and the executor shut down when the service made it. Requests
   * already running still get their reply unless the connection is closed first.
   */
  @Override
  public void close() {
    if (service != null) {
      service.stop();
    }
    deadlines.close();
    if (ownsExecutor) {
      executor.shutdown();
    }
    if (service != null && LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, "Callout service stopped: " + this + ".");
    }
  }

  /** Names the service by its account and micro service id; no keys but public ones. */
  @Override
  public String toString() {
    return "CalloutService[account="
        + calloutAccount
        + ", issuer="
        + issuer.publicKey()
        + ", mode="
        + (configAccount == null ? "operator" : "config")
        + ", id="
        + (service == null ? "detached" : service.getId())
        + "]";
  }

  // ------------------------------------------------------------------ handling

  /** On the dispatcher thread: only hand off. */
  private void onMessage(ServiceMessage received) {
    long start = System.nanoTime();
    Exchange message = new JnatsExchange(received, Objects.requireNonNull(connection));
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      refuse(message, start, overloaded());
      return;
    }
    try {
      executor.execute(
          () -> {
            try {
              handle(message, start);
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      refuse(message, start, overloaded());
    }
  }

  /**
   * One request and its reply channel, as the handling code sees it: the jnats message in service,
   * a stand-in in the benchmarks.
   */
  interface Exchange {
    /** The reply subject; null or empty when there is none. */
    @Nullable String replyTo();

    /** The payload; empty when there is none. */
    byte[] data();

    /** The {@value #XKEY_HEADER} header's first value; null when absent. */
    @Nullable String serverXkey();

    /** Replies with a payload. */
    void respond(byte[] payload);

    /** Replies with the micro service error headers and no body. */
    void respondError(String text, int code);
  }

  /** A jnats service message, answered on the service's connection. */
  private record JnatsExchange(ServiceMessage message, Connection connection) implements Exchange {
    @Override
    public @Nullable String replyTo() {
      return message.getReplyTo();
    }

    @Override
    public byte[] data() {
      byte[] data = message.getData();
      return data == null ? new byte[0] : data;
    }

    @Override
    public @Nullable String serverXkey() {
      Headers headers = message.hasHeaders() ? message.getHeaders() : null;
      return headers == null ? null : headers.getFirst(XKEY_HEADER);
    }

    @Override
    public void respond(byte[] payload) {
      message.respond(connection, payload);
    }

    @Override
    public void respondError(String text, int code) {
      message.respondStandardError(connection, text, code);
    }
  }

  private static InvalidCalloutRequestException overloaded() {
    return new InvalidCalloutRequestException(
        RequestProblem.OVERLOADED,
        "the callout service is overloaded: too many requests in flight; add instances to the"
            + " queue group or raise the executor's capacity");
  }

  /**
   * Everything one request costs once it leaves the dispatcher: verify, authorize under the
   * deadline, mint, sign, encrypt, reply and notify. Package-private so that the benchmarks can
   * time the real path without a server ({@code CalloutInternals} in the benchmarks module).
   */
  void handle(Exchange message, long start) {
    CalloutRequest request;
    try {
      request = verify(message);
    } catch (InvalidCalloutRequestException e) {
      refuse(message, start, e);
      return;
    } catch (RuntimeException e) {
      refuse(
          message,
          start,
          new InvalidCalloutRequestException(
              RequestProblem.MALFORMED, "the request could not be read: " + e.getClass(), e));
      return;
    }
    if (LOG.isLoggable(Level.TRACE)) {
      LOG.log(
          Level.TRACE,
          "Request for user "
              + request.userNkey()
              + " from server "
              + request.server().id()
              + " (client "
              + Long.toUnsignedString(request.clientInformation().id())
              + (request.isEncrypted() ? ", encrypted" : "")
              + ") is verified; asking the"
              + " authorizer.");
    }
    Deadlines.Pending answered =
        deadlines.start(
            () -> {
              AuthorizerFailedException e = AuthorizerFailedException.timedOut(deadline);
              deny(message, start, request, CalloutOutcome.AUTHORIZER_FAILED, e, e.getMessage());
            });
    AuthorizationDecision decision;
    Throwable failure = null;
    try {
      decision = authorizer.authorize(request);
      if (decision == null) {
        throw new NullPointerException("the authorizer returned null instead of a decision");
      }
    } catch (Exception | LinkageError | AssertionError e) {
      decision = null;
      failure = e;
    }
    if (!answered.answer()) {
      return; // the deadline passed and the denial was sent; a late decision is dropped
    }
    if (decision == null) {
      AuthorizerFailedException e =
          AuthorizerFailedException.threw(Objects.requireNonNull(failure));
      deny(message, start, request, CalloutOutcome.AUTHORIZER_FAILED, e, e.getMessage());
    } else if (!decision.isAllowed()) {
      deny(message, start, request, CalloutOutcome.DENIED, null, decision.reason());
    } else {
      allow(message, start, request, decision);
    }
  }

  private CalloutRequest verify(Exchange message) {
    String replyTo = message.replyTo();
    if (replyTo == null || replyTo.isEmpty()) {
      throw new InvalidCalloutRequestException(
          RequestProblem.NO_REPLY_SUBJECT,
          "the message on " + SUBJECT + " has no reply subject, so it cannot be answered");
    }
    byte[] data = message.data();
    String serverXkey = message.serverXkey();
    boolean encrypted = serverXkey != null;
    if (encrypted) {
      if (xkey == null) {
        throw new InvalidCalloutRequestException(
            RequestProblem.XKEY_NOT_CONFIGURED,
            "the request is encrypted (header "
                + XKEY_HEADER
                + ") but the service has no xkey; give it the curve key whose public key the"
                + " server's configuration names, with CalloutService.Builder.xkey(...)");
      }
      try {
        data = xkey.open(data, serverXkey);
      } catch (NatsJwtException e) {
        throw new InvalidCalloutRequestException(
            RequestProblem.NOT_DECRYPTABLE,
            "the encrypted request does not open with the service's xkey "
                + xkey.publicKey()
                + " and the server xkey in the header: "
                + e.getMessage(),
            e);
      }
    }
    String token = new String(data, StandardCharsets.UTF_8);
    AuthorizationRequestClaims claims;
    try {
      claims = Jwt.decode(token, AuthorizationRequestClaims.class).claims();
    } catch (SignatureMismatchException e) {
      throw new InvalidCalloutRequestException(
          RequestProblem.BAD_SIGNATURE,
          "the request's signature does not verify: " + e.getMessage(),
          e);
    } catch (IssuerNotAllowedException e) {
      throw new InvalidCalloutRequestException(
          RequestProblem.NOT_FROM_A_SERVER,
          "the request is not issued by a server key (N...): " + e.getMessage(),
          e);
    } catch (NatsJwtException e) {
      throw new InvalidCalloutRequestException(
          RequestProblem.MALFORMED,
          "the payload is not an authorization request JWT: " + e.getMessage(),
          e);
    }
    String server = claims.issuer();
    if (!NKeyType.SERVER.isValidPublicKey(server)) {
      throw new InvalidCalloutRequestException(
          RequestProblem.NOT_FROM_A_SERVER,
          "the request is issued by " + server + ", which is not a server public key (N...)");
    }
    if (!REQUEST_AUDIENCE.equals(claims.audience())) {
      throw new InvalidCalloutRequestException(
          RequestProblem.WRONG_AUDIENCE,
          "the request's audience is "
              + printable(claims.audience())
              + ", expected \""
              + REQUEST_AUDIENCE
              + "\"");
    }
    ValidationResult validation = claims.validate(clock.instant());
    if (!validation.issues().isEmpty()) {
      throw new InvalidCalloutRequestException(
          RequestProblem.INVALID_CLAIMS, "the request does not validate: " + validation);
    }
    if (!server.equals(claims.serverId().id())) {
      throw new InvalidCalloutRequestException(
          RequestProblem.INCONSISTENT_SERVER,
          "the request is signed by " + server + " but names server " + claims.serverId().id());
    }
    if (encrypted && !serverXkey.equals(claims.serverId().xkey())) {
      throw new InvalidCalloutRequestException(
          RequestProblem.INCONSISTENT_SERVER,
          "the header's server xkey "
              + serverXkey
              + " is not the xkey the signed request names ("
              + claims.serverId().xkey()
              + ")");
    }
    if (!allowedServers.isEmpty() && !allowedServers.contains(server)) {
      throw new InvalidCalloutRequestException(
          RequestProblem.SERVER_NOT_ALLOWED,
          "the request comes from server "
              + server
              + ", which is not among the allowed servers; add it with"
              + " CalloutService.Builder.allowedServers(...)");
    }
    String audience = configAccount != null ? configAccount : calloutAccount;
    return new CalloutRequest(claims, encrypted, audience, responseIssuerAccount);
  }

  private void allow(
      Exchange message, long start, CalloutRequest request, AuthorizationDecision decision) {
    UserClaims user = decision.user().orElseThrow();
    Signer userSigner = decision.userSigner().orElse(issuer);
    String userJwt;
    try {
      checkUser(request, user, userSigner);
      userJwt = Jwt.encode(user, userSigner, clock);
    } catch (InvalidCalloutResponseException e) {
      deny(message, start, request, CalloutOutcome.RESPONSE_INVALID, e, e.getMessage());
      return;
    } catch (RuntimeException e) {
      failReply(message, start, request, e);
      return;
    }
    AuthorizationResponseClaims.Builder response =
        AuthorizationResponseClaims.builder(request.userNkey())
            .audience(request.server().id())
            .jwt(userJwt);
    if (send(message, start, request, response, CalloutOutcome.ALLOWED, null, "")
        && kickConnection != null) {
      TrackedConnection c =
          new TrackedConnection(
              request.userNkey(),
              user.name(),
              request.server().id(),
              request.clientInformation().id());
      synchronized (tracked) {
        tracked.put(c.serverId() + " " + c.clientId(), c);
      }
    }
  }

  private void deny(
      Exchange message,
      long start,
      CalloutRequest request,
      CalloutOutcome outcome,
      @Nullable Throwable failure,
      String reason) {
    AuthorizationResponseClaims.Builder response =
        AuthorizationResponseClaims.builder(request.userNkey())
            .audience(request.server().id())
            .error(reason);
    send(message, start, request, response, outcome, failure, reason);
  }

  private boolean send(
      Exchange message,
      long start,
      CalloutRequest request,
      AuthorizationResponseClaims.Builder response,
      CalloutOutcome outcome,
      @Nullable Throwable failure,
      String reason) {
    try {
      if (!responseIssuerAccount.isEmpty()) {
        response.issuerAccount(responseIssuerAccount);
      }
      AuthorizationResponseClaims claims = response.build();
      Instant now = clock.instant();
      ValidationResult validation = claims.withIssuance(issuer.publicKey(), now).validate(now);
      if (!validation.issues().isEmpty()) {
        throw new InvalidCalloutResponseException(
            ResponseRule.RESPONSE_VALID, validation.toString());
      }
      byte[] payload = Jwt.encode(claims, issuer, clock).getBytes(StandardCharsets.UTF_8);
      if (request.isEncrypted()) {
        payload = Objects.requireNonNull(xkey).seal(payload, request.server().xkey());
      }
      message.respond(payload);
    } catch (RuntimeException e) {
      failReply(message, start, request, e);
      return false;
    }
    notify(new CalloutEvent(outcome, since(start), request, failure, reason));
    return true;
  }

  private void failReply(
      Exchange message, long start, @Nullable CalloutRequest request, RuntimeException e) {
    try {
      message.respondError(
          "the callout service could not reply: " + e.getClass().getSimpleName(), 500);
    } catch (RuntimeException ignored) {
      // the connection is gone; the server times out
    }
    notify(new CalloutEvent(CalloutOutcome.REPLY_FAILED, since(start), request, e, ""));
  }

  private void refuse(Exchange message, long start, InvalidCalloutRequestException e) {
    if (e.problem() != RequestProblem.NO_REPLY_SUBJECT) {
      try {
        message.respondError(
            e.problem().name() + ": " + e.getMessage(),
            e.problem() == RequestProblem.OVERLOADED ? ERROR_OVERLOADED : ERROR_BAD_REQUEST);
      } catch (RuntimeException ignored) {
        // the connection is gone; nothing else to do
      }
    }
    notify(
        new CalloutEvent(
            CalloutOutcome.REQUEST_REFUSED, since(start), null, e, e.problem().name()));
  }

  /** Checks the user against section 7.3 before anything is signed. */
  private void checkUser(CalloutRequest request, UserClaims user, Signer userSigner) {
    if (!request.userNkey().equals(user.subject())) {
      throw new InvalidCalloutResponseException(
          ResponseRule.USER_SUBJECT,
          "sub is "
              + user.subject()
              + ", user_nkey is "
              + request.userNkey()
              + "; start from CalloutRequest.newUser()");
    }
    Instant now = clock.instant();
    ValidationResult validation = user.withIssuance(userSigner.publicKey(), now).validate(now);
    if (!validation.issues().isEmpty()) {
      throw new InvalidCalloutResponseException(ResponseRule.USER_VALID, validation.toString());
    }
    if (configAccount != null) {
      if (!user.issuerAccount().isEmpty()) {
        throw new InvalidCalloutResponseException(
            ResponseRule.CONFIG_NO_ISSUER_ACCOUNT, "issuer_account is " + user.issuerAccount());
      }
      if (!userSigner.publicKey().equals(issuer.publicKey())) {
        throw new InvalidCalloutResponseException(
            ResponseRule.CONFIG_ISSUER,
            "signed by " + userSigner.publicKey() + ", configured issuer is " + issuer.publicKey());
      }
      String target = user.audience();
      if (target.isEmpty() || !accountAllowed(target, configAccount)) {
        throw new InvalidCalloutResponseException(
            ResponseRule.CONFIG_TARGET_ACCOUNT,
            "aud is \""
                + target
                + "\"; allowed: "
                + configAccount
                + (allowedAccounts.isEmpty() ? "" : " and " + allowedAccounts));
      }
      return;
    }
    // A user signed by another account's key: only that account's JWT tells whether a signing key
    // belongs to it, so the server decides that; the target-account rule applies here.
    String target = user.issuerAccount().isEmpty() ? userSigner.publicKey() : user.issuerAccount();
    if (userSigner == issuer && !target.equals(calloutAccount)) {
      throw new InvalidCalloutResponseException(
          ResponseRule.OPERATOR_ISSUER_ACCOUNT,
          "signed by the service's issuer, but the issuing account is "
              + target
              + " rather than the callout account "
              + calloutAccount
              + (responseIssuerAccount.isEmpty()
                  ? ""
                  : "; a user signed by a signing key needs issuerAccount("
                      + calloutAccount
                      + ")"));
    }
    if (!accountAllowed(target, calloutAccount)) {
      throw new InvalidCalloutResponseException(
          ResponseRule.OPERATOR_TARGET_ACCOUNT,
          "the issuing account is "
              + target
              + "; allowed: "
              + calloutAccount
              + (allowedAccounts.isEmpty() ? "" : " and " + allowedAccounts));
    }
  }

  private boolean accountAllowed(String target, String own) {
    return target.equals(own)
        || allowedAccounts.contains(target)
        || allowedAccounts.contains(ExternalAuthorization.ANY_ACCOUNT);
  }

  private void notify(CalloutEvent event) {
    log(event);
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // a listener cannot break the service
      listenerWarnings.log(
          LOG,
          Level.WARNING,
          e,
          () ->
              "The CalloutListener threw "
                  + e.getClass().getName()
                  + " on a "
                  + event.outcome()
                  + " event; the service goes on.");
    }
  }

  /** One record per message, from its event: the level by how it ended. */
  private void log(CalloutEvent event) {
    CalloutOutcome outcome = event.outcome();
    switch (outcome) {
      case ALLOWED:
      case DENIED:
        if (LOG.isLoggable(Level.DEBUG)) {
          LOG.log(Level.DEBUG, describe(event));
        }
        return;
      case REQUEST_REFUSED:
        Throwable f = event.failure().orElse(null);
        RequestProblem problem =
            f instanceof InvalidCalloutRequestException
                ? ((InvalidCalloutRequestException) f).problem()
                : RequestProblem.MALFORMED;
        Objects.requireNonNull(refusalWarnings.get(problem))
            .log(LOG, Level.WARNING, null, () -> describe(event));
        return;
      case AUTHORIZER_FAILED:
        boolean timeout =
            event.failure().orElse(null) instanceof AuthorizerFailedException
                && ((AuthorizerFailedException) event.failure().orElseThrow()).isTimeout();
        if (timeout) {
          timeoutWarnings.log(LOG, Level.WARNING, null, () -> describe(event));
        } else {
          Objects.requireNonNull(outcomeWarnings.get(outcome))
              .log(LOG, Level.ERROR, event.failure().orElse(null), () -> describe(event));
        }
        return;
      case RESPONSE_INVALID:
        Objects.requireNonNull(outcomeWarnings.get(outcome))
            .log(LOG, Level.WARNING, null, () -> describe(event));
        return;
      case REPLY_FAILED:
      default:
        Objects.requireNonNull(outcomeWarnings.get(outcome))
            .log(LOG, Level.ERROR, event.failure().orElse(null), () -> describe(event));
    }
  }

  /** A log line for an event: public keys, ids, the outcome and why; no credentials. */
  private static String describe(CalloutEvent event) {
    StringBuilder m = new StringBuilder();
    CalloutRequest r = event.request().orElse(null);
    Throwable failure = event.failure().orElse(null);
    switch (event.outcome()) {
      case ALLOWED:
        m.append("Allowed user ");
        break;
      case DENIED:
      case AUTHORIZER_FAILED:
      case RESPONSE_INVALID:
        m.append("Denied user ");
        break;
      case REQUEST_REFUSED:
        m.append("Refused a message on ").append(SUBJECT);
        break;
      case REPLY_FAILED:
      default:
        m.append("Could not reply for user ");
        break;
    }
    if (r != null) {
      m.append(r.userNkey())
          .append(" from server ")
          .append(r.server().id())
          .append(" (client ")
          .append(Long.toUnsignedString(r.clientInformation().id()))
          .append(r.isEncrypted() ? ", encrypted" : "")
          .append(')');
    } else if (event.outcome() != CalloutOutcome.REQUEST_REFUSED) {
      m.append("(request not verified)");
    }
    m.append(" after ").append(event.latency().toNanos() / 1000).append(" us");
    switch (event.outcome()) {
      case ALLOWED:
        break;
      case DENIED:
        m.append(": the authorizer denied it: ").append(printable(event.reason()));
        break;
      case REQUEST_REFUSED:
        m.append(": ").append(event.reason());
        if (failure != null) {
          m.append(": ").append(failure.getMessage());
        }
        break;
      default:
        if (failure != null) {
          m.append(": ").append(failure.getMessage());
        }
        break;
    }
    return m.append('.').toString();
  }

  /**
   * Quotes text the service did not write (an authorizer's reason, a server's answer) for a log
   * record: control and non-ASCII characters escaped, so it cannot forge a line, and cut after
   * {@value #SHOWN_CHARS} characters.
   */
  static String printable(String s) {
    return Redact.quoted(s, SHOWN_CHARS);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  // ------------------------------------------------------------------ executors

  /**
   * Virtual threads on Java 21 and later (found through a method handle, as this jar targets 17);
   * on 17, a bounded pool of twice the processors with a bounded queue.
   */
  static ExecutorService defaultExecutor() {
    if (Runtime.version().feature() >= 21) {
      try {
        MethodHandle factory =
            MethodHandles.publicLookup()
                .findStatic(
                    java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class));
        return (ExecutorService) factory.invoke();
      } catch (Throwable e) { // NOPMD: any failure means no virtual threads; use the pool
        // fall through
      }
    }
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(DEFAULT_MAX_IN_FLIGHT),
        daemonThreads("natsjwt-callout"),
        new ThreadPoolExecutor.AbortPolicy());
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ------------------------------------------------------------------ builder

  /**
   * Builds and starts a {@link CalloutService}.
   *
   * <p>Not thread-safe; {@link #start()} returns a running service.
   */
  public static final class Builder {
    private final @Nullable Connection connection;
    private @Nullable Signer issuer;
    private @Nullable String issuerAccount;
    private @Nullable NKey xkey;
    private @Nullable Authorizer authorizer;
    private CalloutListener listener = CalloutListener.NONE;
    private Duration deadline = DEFAULT_DEADLINE;
    private @Nullable ExecutorService executor;
    private @Nullable String queueGroup;
    private final Set<String> allowedServers = new LinkedHashSet<>();
    private final Set<String> allowedAccounts = new LinkedHashSet<>();
    private @Nullable String configAccount;
    private Clock clock = Clock.systemUTC();
    private String name = DEFAULT_NAME;
    private String version = "1.0.0";
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private @Nullable Connection kickConnection;
    private Duration kickTimeout = DEFAULT_KICK_TIMEOUT;
    private int maxTracked = DEFAULT_MAX_TRACKED;

    private Builder(@Nullable Connection connection) {
      this.connection = connection;
    }

    /**
     * Signs users and responses with the callout account's identity key: in config mode the {@code
     * auth_callout.issuer}, in operator mode the account with the {@code authorization} block.
     *
     * @param accountKey the account key; a {@link Signer} so that it can live in an HSM
     * @return this builder
     */
    public Builder issuer(Signer accountKey) {
      this.issuer = Objects.requireNonNull(accountKey, "accountKey");
      this.issuerAccount = null;
      return this;
    }

    /**
     * Signs users and responses with a signing key of the callout account (operator mode only);
     * both carry {@code issuer_account}.
     *
     * @param signingKey one of the account's signing keys
     * @param accountPublicKey the callout account's public key
     * @return this builder
     */
    public Builder issuer(Signer signingKey, String accountPublicKey) {
      this.issuer = Objects.requireNonNull(signingKey, "signingKey");
      this.issuerAccount = Objects.requireNonNull(accountPublicKey, "accountPublicKey");
      return this;
    }

    /**
     * Sets the curve key for encrypted requests: its public key is the configuration's {@code xkey}
     * (or the account's {@code authorization.xkey}).
     *
     * @param curveKey an {@code X...} key with its seed
     * @return this builder
     */
    public Builder xkey(NKey curveKey) {
      this.xkey = Objects.requireNonNull(curveKey, "curveKey");
      return this;
    }

    /**
     * Sets who decides.
     *
     * @param authorizer called once per verified request
     * @return this builder
     */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Sets who hears of every request.
     *
     * @param listener called once per message, after the reply
     * @return this builder
     */
    public Builder listener(CalloutListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long the authorizer has; past it the client is denied. Keep it below the server's
     * auth timeout (2 s by default), or the server gives up first.
     *
     * @param deadline a positive duration; default {@link #DEFAULT_DEADLINE}
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isZero() || deadline.isNegative()) {
        throw new CalloutConfigurationException("the deadline must be positive, got " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * Sets where requests are handled. The service does not shut down an executor it was given. By
     * default it uses virtual threads on Java 21 and later, and a bounded pool on 17.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the queue group: instances in one group share the requests, each handled once. By
     * default the micro service framework's group ({@code q}) is used.
     *
     * @param queueGroup the group name
     * @return this builder
     */
    public Builder queueGroup(String queueGroup) {
      this.queueGroup = Objects.requireNonNull(queueGroup, "queueGroup");
      return this;
    }

    /**
     * Accepts requests only from these servers.
     *
     * @param serverPublicKeys {@code N...} keys
     * @return this builder
     */
    public Builder allowedServers(String... serverPublicKeys) {
      for (String k : serverPublicKeys) {
        if (!NKeyType.SERVER.isValidPublicKey(k)) {
          throw new CalloutConfigurationException(
              "an allowed server must be a server public key (N...), got a value of "
                  + k.length()
                  + " characters");
        }
        allowedServers.add(k);
      }
      return this;
    }

    /**
     * Lets users be placed into other accounts, mirroring the server's {@code allowed_accounts}:
     * account public keys in operator mode, account names in config mode, or {@code "*"} for any.
     * By default only the callout's own account is allowed.
     *
     * @param accounts account keys or names
     * @return this builder
     */
    public Builder allowedAccounts(String... accounts) {
      for (String a : accounts) {
        allowedAccounts.add(Objects.requireNonNull(a, "account"));
      }
      return this;
    }

    /**
     * Declares that the server runs in config mode (an {@code authorization { auth_callout }} block
     * rather than operator JWTs), and names the account users go into unless the authorizer sets
     * another audience. The minted user's {@code aud} names the target account there.
     *
     * @param accountName the account name, for example {@code "APP"}
     * @return this builder
     */
    public Builder configMode(String accountName) {
      if (Objects.requireNonNull(accountName, "accountName").isBlank()) {
        throw new CalloutConfigurationException("the config-mode account name must not be blank");
      }
      this.configAccount = accountName;
      return this;
    }

    /**
     * Sets the clock for issue times and expiry checks.
     *
     * @param clock the clock; default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the micro service's name and version, as {@code $SRV.INFO} reports them.
     *
     * @param name letters, digits, {@code -} and {@code _}; default {@value #DEFAULT_NAME}
     * @param version a semantic version; default {@code 1.0.0}
     * @return this builder
     */
    public Builder name(String name, String version) {
      this.name = Objects.requireNonNull(name, "name");
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets how many requests may be in flight before new ones are refused at once.
     *
     * @param max at least 1; default {@value #DEFAULT_MAX_IN_FLIGHT}
     * @return this builder
     */
    public Builder maxInFlight(int max) {
      if (max < 1) {
        throw new CalloutConfigurationException("maxInFlight must be at least 1, got " + max);
      }
      this.maxInFlight = max;
      return this;
    }

    /**
     * Tracks the connections this service allows (server id and client id, from each request) and
     * enables {@link CalloutService#kick(String)}, which sends {@code $SYS.REQ.SERVER.<id>.KICK} on
     * this connection. It must be a user of the system account: in config mode an account named by
     * {@code system_account} whose user the callout bypasses ({@code auth_users}); in operator mode
     * a user of the operator's system account.
     *
     * @param systemConnection a system-account connection; the service does not close it
     * @return this builder
     */
    public Builder kickWith(Connection systemConnection) {
      this.kickConnection = Objects.requireNonNull(systemConnection, "systemConnection");
      return this;
    }

    /**
     * Sets how long a kick waits for each server's answer.
     *
     * @param timeout a positive duration; default {@link #DEFAULT_KICK_TIMEOUT}
     * @return this builder
     */
    public Builder kickTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new CalloutConfigurationException(
            "the kick timeout must be positive, got " + timeout);
      }
      this.kickTimeout = timeout;
      return this;
    }

    /**
     * Sets how many connections are tracked for kicks; past it the oldest are forgotten.
     *
     * @param max at least 1; default {@value #DEFAULT_MAX_TRACKED}
     * @return this builder
     */
    public Builder maxTracked(int max) {
      if (max < 1) {
        throw new CalloutConfigurationException("maxTracked must be at least 1, got " + max);
      }
      this.maxTracked = max;
      return this;
    }

    /**
     * Checks the settings, registers the micro service and starts answering.
     *
     * @return the running service; close it to stop
     * @throws CalloutConfigurationException when there is no issuer or authorizer, the issuer is
     *     not an account key, a signing key is used in config mode, or the xkey is not a curve key
     *     with its seed
     * @throws CalloutStartException when the connection is closed, or the server does not confirm
     *     the subscription within 5 s (the service is stopped again)
     */
    public CalloutService start() {
      check();
      Connection connection = Objects.requireNonNull(this.connection, "connection");
      if (connection.getStatus() == Connection.Status.CLOSED) {
        throw startFailed(
            new CalloutStartException("the callout service needs an open connection"));
      }
      CalloutService s;
      try {
        s = new CalloutService(this, true);
      } catch (IllegalStateException e) { // jnats: the connection is closed
        throw startFailed(
            new CalloutStartException(
                "the callout service needs an open connection: " + e.getMessage(), e));
      }
      // A round trip to the server after subscribing, so that start() returns only once the
      // server has the subscription: a client connecting right after is then sure to find it.
      try {
        Objects.requireNonNull(s.service).startService();
        connection.flush(START_CONFIRMATION);
      } catch (TimeoutException | RuntimeException e) {
        s.close();
        throw startFailed(
            new CalloutStartException(
                "the server did not confirm the callout subscription within "
                    + START_CONFIRMATION.toSeconds()
                    + " s; is the connection open?",
                e));
      } catch (InterruptedException e) {
        s.close();
        Thread.currentThread().interrupt();
        throw startFailed(
            new CalloutStartException("interrupted while starting the callout service", e));
      }
      if (LOG.isLoggable(Level.INFO)) {
        LOG.log(
            Level.INFO,
            "Callout service started on "
                + SUBJECT
                + ": "
                + s
                + (xkey == null ? "" : ", xkey " + xkey.publicKey())
                + ", deadline "
                + deadline.toMillis()
                + " ms"
                + (queueGroup == null ? "" : ", queue group " + queueGroup)
                + (allowedServers.isEmpty()
                    ? ""
                    : ", " + allowedServers.size() + " allowed servers")
                + (allowedAccounts.isEmpty() ? "" : ", allowed accounts " + allowedAccounts)
                + (kickConnection == null ? "" : ", tracking connections for kicks")
                + ".");
      }
      return s;
    }

    private static CalloutStartException startFailed(CalloutStartException e) {
      LOG.log(Level.ERROR, "Callout service could not start: " + e.getMessage(), e);
      return e;
    }

    /**
     * The same checks as {@link #start()}, then a service that never subscribes: see {@link
     * CalloutService#detachedBuilder()}.
     */
    CalloutService detach() {
      check();
      return new CalloutService(this, false);
    }

    private void check() {
      if (issuer == null) {
        throw new CalloutConfigurationException(
            "no issuer: call issuer(accountKey) or issuer(signingKey, accountPublicKey)");
      }
      if (authorizer == null) {
        throw new CalloutConfigurationException("no authorizer: call authorizer(...)");
      }
      if (issuer.type() != NKeyType.ACCOUNT) {
        throw new CalloutConfigurationException(
            "the issuer must be an account key or an account signing key (A...), got a "
                + issuer.type()
                + " key");
      }
      if (issuerAccount != null) {
        if (!NKeyType.ACCOUNT.isValidPublicKey(issuerAccount)) {
          throw new CalloutConfigurationException(
              "the issuer's account must be an account public key (A...)");
        }
        if (issuerAccount.equals(issuer.publicKey())) {
          issuerAccount = null;
        } else if (configAccount != null) {
          throw new CalloutConfigurationException(
              "config mode takes no signing key: the server requires users signed by the"
                  + " auth_callout issuer itself, without issuer_account; call issuer(accountKey)");
        }
      }
      if (xkey != null && (xkey.type() != NKeyType.CURVE || !xkey.hasSeed())) {
        throw new CalloutConfigurationException(
            "the xkey must be a curve key (X...) with its seed, got "
                + (xkey.hasSeed() ? "a " + xkey.type() + " key" : "a public key only"));
      }
    }
  }
}
