package io.github.natsjwt.nats;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.nkey.Signer;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Pushes, looks up, lists and deletes account JWTs on a live NATS cluster through the system
 * account, with the requests and replies of spec trust-chain.md section 1.4.
 *
 * <p>Immutable and thread-safe (as the jnats {@link Connection} it uses); build one per connection
 * and share it. The connection must belong to a user of the system account; the client neither
 * opens nor closes it.
 *
 * <pre>{@code
 * Connection nc = Nats.connect(new Options.Builder().server(url)
 *     .authHandler(Nats.credentials("sys.creds")).build());
 * AccountJwtClient accounts = AccountJwtClient.builder(nc).timeout(Duration.ofSeconds(2)).build();
 * List<PushResult> pushed = accounts.push(accountJwt);      // one result per server
 * Optional<String> jwt = accounts.lookup(accountPublicKey);
 * List<String> keys = accounts.list();
 * accounts.delete(operatorSigningKey, accountPublicKey);  // needs allow_delete: true
 * }</pre>
 *
 * <p><b>Replies from several servers.</b> Every server with a {@code full} or {@code cache}
 * resolver answers, so each request listens on a private inbox and collects replies until one of
 * these happens: {@link Builder#expectedServers(int) expectedServers} replies have arrived (when
 * set); no further reply has come for {@link Builder#settle(Duration) settle} after the last one
 * (when the number of servers is not set); the {@link Builder#timeout(Duration) timeout} has passed
 * since the request was sent. A lookup also stops at the first non-empty reply. A request that gets
 * no reply at all is a {@link NoReplyException}; when fewer servers answer than expected, the
 * replies that came are returned.
 *
 * <p><b>Resolver types.</b> Lookup, list and delete are answered by {@code full} and {@code cache}
 * resolvers only. A push goes to {@code $SYS.REQ.ACCOUNT.<A>.CLAIMS.UPDATE}, which memory and URL
 * resolvers answer too, but they only update an account they have loaded ({@code "jwt update
 * skipped"} otherwise) and never store it. A {@code cache} resolver skips accounts it has not
 * loaded ({@code "jwt update cache skipped"}).
 *
 * <p>Replies are bounded ({@link Builder#maxReplyBytes(int) maxReplyBytes}, at most {@value
 * #MAX_REPLIES} replies per request) and read strictly: unknown JSON fields are skipped, anything
 * else unexpected is a {@link MalformedReplyException}, never a crash.
 *
 * <p><b>Logging.</b> Logger {@code io.github.natsjwt.nats.AccountJwtClient}: each request's outcome
 * at DEBUG (account, {@code jti}, which servers answered what, how long it took), each reply at
 * TRACE, and each failure (a refusal, no reply, a timeout, a malformed reply, a closed connection)
 * at WARNING, at most one WARNING every 10 seconds per client for lookups and another for the other
 * requests, the rest at DEBUG. JWTs and the signed delete request are never logged.
 */
public final class AccountJwtClient {
  /** The default time to wait for replies, 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /** The default time to keep listening after the last reply, 250 milliseconds. */
  public static final Duration DEFAULT_SETTLE = Duration.ofMillis(250);

  /** The default largest reply accepted, 8 MiB (a list of about 140 000 accounts). */
  public static final int DEFAULT_MAX_REPLY_BYTES = 8 << 20;

  /** The most replies collected for one request. */
  public static final int MAX_REPLIES = 1024;

  /** The longest timeout accepted. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

  static final String UPDATE_SUBJECT = "$SYS.REQ.ACCOUNT.%s.CLAIMS.UPDATE";
  static final String LOOKUP_SUBJECT = "$SYS.REQ.ACCOUNT.%s.CLAIMS.LOOKUP";
  static final String LIST_SUBJECT = "$SYS.REQ.CLAIMS.LIST";
  static final String DELETE_SUBJECT = "$SYS.REQ.CLAIMS.DELETE";

  static final String INVALID_ACCOUNT_KEY =
      "%s is not a valid account public key (56 characters starting with 'A'); nothing was sent.";
  static final String NOT_OPERATOR_KEY =
      "Delete requests must be signed by the operator's identity key or one of its signing keys,"
          + " but the signer is a %s key (%s); nothing was sent.";
  static final String NO_ACCOUNTS = "Name at least one account to delete; nothing was sent.";
  static final String NO_RESPONDERS =
      "No server handles %s: the connection's user is probably not in the system account, or the"
          + " servers do not use a full or cache resolver (lookup, list and delete need one).";
  static final String TIMED_OUT =
      "No server answered %s within %d ms (the connection is %s). Check that the connection's user"
          + " is in the system account and that the servers use a full or cache resolver, or raise"
          + " AccountJwtClient.Builder.timeout(...).";
  static final String REJECTED = "Server %s refused %s: %s (code %d)%s.";
  static final String NOT_STATUS =
      "The reply of server %s to %s has no \"data\" or \"error\" object with a status.";
  static final String TOO_LARGE =
      "The reply to %s is %d bytes, more than the %d bytes this client accepts; raise"
          + " AccountJwtClient.Builder.maxReplyBytes(...) if the cluster really holds that much.";
  static final String NOT_A_JWT =
      "The reply to %s is not an account JWT: byte %s at offset %d cannot appear in one; it"
          + " starts with %s.";
  static final String JWT_TOO_LARGE = "The reply to %s is larger than the %d-byte limit for a JWT.";
  static final String CLOSED = SysRequest.CLOSED;
  static final String INTERRUPTED = SysRequest.INTERRUPTED;

  private static final Logger LOG = System.getLogger(AccountJwtClient.class.getName());

  private final LogThrottle lookupFailures = new LogThrottle();
  private final LogThrottle requestFailures = new LogThrottle();
  private final Connection connection;
  private final Duration timeout;
  private final Clock clock;
  private final SysRequest.Waiting waiting;

  private AccountJwtClient(Builder b) {
    this.connection = b.connection;
    this.timeout = b.timeout;
    this.clock = b.clock;
    this.waiting =
        new SysRequest.Waiting(
            connection, timeout, b.settle, b.expectedServers, b.maxReplyBytes, TOO_LARGE, LOG);
  }

  /**
   * Creates a client with the default settings.
   *
   * @param connection a connection of a system-account user
   * @return the client
   */
  public static AccountJwtClient of(Connection connection) {
    return builder(connection).build();
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
   * Returns how long a request waits for replies.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Pushes an account JWT to every server, on {@code $SYS.REQ.ACCOUNT.<A>.CLAIMS.UPDATE} where
   * {@code <A>} is the JWT's subject. The JWT is decoded first (structure, signature, claim type),
   * so nothing malformed is sent; the servers then validate it (spec trust-chain.md section 1.4)
   * and a full resolver stores it.
   *
   * @param accountJwt the account JWT
   * @return one result per server that accepted it, in the order they answered
   * @throws io.github.natsjwt.jwt.MalformedJwtException when it is not a JWT
   * @throws io.github.natsjwt.jwt.SignatureMismatchException when its signature does not verify
   * @throws io.github.natsjwt.jwt.ClaimTypeMismatchException when it is not an account JWT
   * @throws io.github.natsjwt.jwt.IssuerNotAllowedException when it is not issued by an operator
   *     key
   * @throws AccountJwtRejectedException when a server refused it (the first refusal is reported)
   * @throws NoReplyException when no server answered
   * @throws MalformedReplyException when a reply cannot be read
   * @throws AccountJwtClientException when the connection is closed or the thread is interrupted
   */
  public List<PushResult> push(String accountJwt) {
    Objects.requireNonNull(accountJwt, "accountJwt");
    DecodedJwt<AccountClaims> decoded;
    try {
      decoded = Jwt.decode(accountJwt, AccountClaims.class);
    } catch (NatsJwtException e) {
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(
            Level.DEBUG,
            "Nothing pushed: the JWT to push is not an account JWT: " + e.getMessage());
      }
      throw e;
    }
    String account = decoded.claims().subject();
    String what = "account " + account + " (jti " + decoded.claims().id() + ")";
    String subject = String.format(UPDATE_SUBJECT, account);
    long start = System.nanoTime();
    try {
      List<Message> replies =
          gather(subject, accountJwt.getBytes(StandardCharsets.US_ASCII), m -> false, false);
      List<PushResult> results = new ArrayList<>(replies.size());
      for (Message m : replies) {
        Replies.Reply r = Replies.parse(m.getData(), subject);
        Replies.Status s = status(subject, r);
        results.add(new PushResult(r.server(), r.serverId(), s.account(), s.code(), s.text()));
      }
      if (LOG.isLoggable(Level.DEBUG)) {
        List<String> answers = new ArrayList<>(results.size());
        for (PushResult r : results) {
          answers.add(answer(r.server(), r.serverId(), r.code(), r.message()));
        }
        LOG.log(
            Level.DEBUG,
            "Pushed "
                + what
                + " on "
                + subject
                + " in "
                + millisSince(start)
                + " ms: "
                + results.size()
                + (results.size() == 1 ? " server" : " servers")
                + " accepted it "
                + answers
                + ".");
      }
      return List.copyOf(results);
    } catch (AccountJwtClientException e) {
      failed(requestFailures, "Push of " + what, start, e);
      throw e;
    }
  }

  /**
   * Looks up an account's JWT on {@code $SYS.REQ.ACCOUNT.<A>.CLAIMS.LOOKUP}: the first non-empty
   * reply wins. A server without the account replies with an empty message (later servers) or not
   * at all (nats-server 2.9.10 stays silent), so the account is not found when only empty replies
   * came, or when none came within the timeout while the connection stayed up and the subject had
   * responders. On 2.9.10 a miss therefore costs the whole timeout unless {@link
   * Builder#expectedServers(int)} is set and newer servers answer.
   *
   * <p>The JWT is returned as the server stored it, after checking that it is shaped like a JWT and
   * not larger than {@link Jwt#MAX_TOKEN_BYTES}; decode and verify it before trusting it.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the JWT, or empty when no server has it
   * @throws AccountJwtClientException when the key is not an account key, the connection is closed
   *     or the thread is interrupted
   * @throws NoReplyException when nothing handles the subject (no responders), or no reply came and
   *     the connection was not connected at the end of the wait
   * @throws MalformedReplyException when a reply is too large or not a JWT
   */
  public Optional<String> lookup(String accountPublicKey) {
    requireAccountKey(accountPublicKey);
    String subject = String.format(LOOKUP_SUBJECT, accountPublicKey);
    long start = System.nanoTime();
    Optional<String> found = Optional.empty();
    int count;
    try {
      List<Message> replies = gather(subject, new byte[0], m -> m.getData().length > 0, true);
      count = replies.size();
      for (Message m : replies) {
        byte[] data = m.getData();
        if (data.length > 0) {
          found = Optional.of(token(subject, data));
          break;
        }
      }
    } catch (AccountJwtClientException e) {
      failed(lookupFailures, "Lookup of account " + accountPublicKey, start, e);
      throw e;
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Looked up account "
              + accountPublicKey
              + " in "
              + millisSince(start)
              + " ms: "
              + found.map(t -> "a JWT (" + describeToken(t) + ")").orElse("no server has it")
              + " ("
              + count
              + (count == 1 ? " reply)." : " replies)."));
    }
    return found;
  }

  /**
   * Lists the accounts the servers hold, on {@code $SYS.REQ.CLAIMS.LIST}.
   *
   * @return the account public keys of every reply, without repeats, sorted
   * @throws NoReplyException when no server answered
   * @throws MalformedReplyException when a reply cannot be read
   * @throws AccountJwtRejectedException when a server answered with an error
   * @throws AccountJwtClientException when the connection is closed or the thread is interrupted
   */
  public List<String> list() {
    String subject = LIST_SUBJECT;
    TreeSet<String> keys = new TreeSet<>();
    long start = System.nanoTime();
    int count = 0;
    try {
      for (Message m : gather(subject, new byte[0], m -> false, false)) {
        count++;
        Replies.Reply r = Replies.parse(m.getData(), subject);
        Replies.Status error = r.error();
        if (error != null) {
          throw rejected(subject, r, error);
        }
        List<String> listed = r.list();
        if (listed != null) {
          keys.addAll(listed);
        }
      }
    } catch (AccountJwtClientException e) {
      failed(requestFailures, "Listing the accounts", start, e);
      throw e;
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Listed "
              + keys.size()
              + " accounts from "
              + count
              + (count == 1 ? " server" : " servers")
              + " in "
              + millisSince(start)
              + " ms.");
    }
    return List.copyOf(keys);
  }

  /**
   * Deletes accounts from the servers' full or cache resolvers, on {@code $SYS.REQ.CLAIMS.DELETE}:
   * the request is a generic JWT issued and subject-ed by the operator key, listing the accounts in
   * {@code nats.accounts} (spec trust-chain.md section 1.4). The servers need {@code allow_delete:
   * true}, refuse the system account, and take the identity key only when the operator is not
   * strict.
   *
   * @param operatorSigner the operator's identity key or one of its signing keys
   * @param accountPublicKeys the accounts to delete
   * @return one result per server that accepted the request
   * @throws AccountJwtClientException when the signer is not an operator key, no account or an
   *     invalid key is given (nothing is sent), the connection is closed or the thread is
   *     interrupted
   * @throws AccountJwtRejectedException when a server refused (the first refusal is reported)
   * @throws NoReplyException when no server answered
   * @throws MalformedReplyException when a reply cannot be read
   */
  public List<DeleteResult> delete(Signer operatorSigner, String... accountPublicKeys) {
    return delete(operatorSigner, Arrays.asList(accountPublicKeys));
  }

  /**
   * Deletes accounts, as {@link #delete(Signer, String...)}.
   *
   * @param operatorSigner the operator's identity key or one of its signing keys
   * @param accountPublicKeys the accounts to delete
   * @return one result per server that accepted the request
   * @throws AccountJwtClientException when the signer is not an operator key, no account or an
   *     invalid key is given (nothing is sent), the connection is closed or the thread is
   *     interrupted
   * @throws AccountJwtRejectedException when a server refused (the first refusal is reported)
   * @throws NoReplyException when no server answered
   * @throws MalformedReplyException when a reply cannot be read
   */
  public List<DeleteResult> delete(Signer operatorSigner, Collection<String> accountPublicKeys) {
    Objects.requireNonNull(operatorSigner, "operatorSigner");
    Objects.requireNonNull(accountPublicKeys, "accountPublicKeys");
    if (operatorSigner.type() != NKeyType.OPERATOR) {
      throw new AccountJwtClientException(
          "", String.format(NOT_OPERATOR_KEY, operatorSigner.type(), operatorSigner.publicKey()));
    }
    if (accountPublicKeys.isEmpty()) {
      throw new AccountJwtClientException("", NO_ACCOUNTS);
    }
    List<String> keys = new ArrayList<>(accountPublicKeys.size());
    for (String k : accountPublicKeys) {
      keys.add(requireAccountKey(k));
    }
    GenericClaims request =
        GenericClaims.builder(operatorSigner.publicKey()).put("accounts", keys).build();
    String token = Jwt.encode(request, operatorSigner, clock);
    String subject = DELETE_SUBJECT;
    List<DeleteResult> results = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (Message m :
          gather(subject, token.getBytes(StandardCharsets.US_ASCII), m -> false, false)) {
        Replies.Reply r = Replies.parse(m.getData(), subject);
        Replies.Status s = status(subject, r);
        results.add(new DeleteResult(r.server(), r.serverId(), s.code(), s.text()));
      }
    } catch (AccountJwtClientException e) {
      failed(requestFailures, "Deleting accounts " + keys, start, e);
      throw e;
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      List<String> answers = new ArrayList<>(results.size());
      for (DeleteResult r : results) {
        answers.add(answer(r.server(), r.serverId(), r.code(), r.message()));
      }
      LOG.log(
          Level.DEBUG,
          "Deleted accounts "
              + keys
              + " (request signed by "
              + operatorSigner.publicKey()
              + ") in "
              + millisSince(start)
              + " ms: "
              + results.size()
              + (results.size() == 1 ? " server" : " servers")
              + " accepted "
              + answers
              + ".");
    }
    return List.copyOf(results);
  }

  /** Names the timeout; the connection's credentials are not shown. */
  @Override
  public String toString() {
    return "AccountJwtClient[timeout=" + timeout.toMillis() + "ms]";
  }

  // ------------------------------------------------------------------ internals

  private static void failed(LogThrottle throttle, String what, long start, RuntimeException e) {
    throttle.log(
        LOG,
        Level.WARNING,
        e,
        () -> what + " failed after " + millisSince(start) + " ms: " + e.getMessage());
  }

  /** One server's answer for a log record; what the server sent is quoted and cut. */
  private static String answer(String server, String serverId, int code, String message) {
    return (server.isEmpty() ? Replies.describe(serverId) : Replies.describe(server))
        + " "
        + code
        + " "
        + Replies.describe(message);
  }

  /**
   * Names a JWT for a log record without showing it: its {@code jti} and length, or only its length
   * when it does not decode.
   */
  static String describeToken(String token) {
    try {
      return "jti " + Jwt.decode(token).claims().id() + ", " + token.length() + " characters";
    } catch (NatsJwtException e) {
      return token.length() + " characters, not decodable";
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The status of a push or delete reply; a refusal becomes the exception. */
  private static Replies.Status status(String subject, Replies.Reply r) {
    Replies.Status error = r.error();
    if (error != null) {
      throw rejected(subject, r, error);
    }
    if (r.data() == null) {
      throw new MalformedReplyException(
          subject, String.format(NOT_STATUS, Replies.describe(r.server()), subject));
    }
    return r.data();
  }

  private static AccountJwtRejectedException rejected(
      String subject, Replies.Reply r, Replies.Status e) {
    String account = e.account().isEmpty() ? "" : " for account " + Replies.describe(e.account());
    String message =
        String.format(
            REJECTED,
            r.server().isEmpty() ? "(unnamed)" : Replies.describe(r.server()),
            subject,
            Replies.describe(e.text(), Replies.DESCRIPTION_CHARS),
            e.code(),
            account);
    return new AccountJwtRejectedException(
        subject, message, r.server(), r.serverId(), e.account(), e.code(), e.text());
  }

  private static String requireAccountKey(String key) {
    Objects.requireNonNull(key, "accountPublicKey");
    if (!NKeyType.ACCOUNT.isValidPublicKey(key)) {
      throw new AccountJwtClientException(
          "", String.format(INVALID_ACCOUNT_KEY, AccountEdit.describeKey(key)));
    }
    return key;
  }

  /** Checks that a lookup reply is shaped like a JWT; a trailing line break is dropped. */
  private static String token(String subject, byte[] data) {
    int end = data.length;
    while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new MalformedReplyException(
          subject, String.format(NOT_A_JWT, subject, "0x0a", 0, Replies.excerpt(data)));
    }
    if (end > Jwt.MAX_TOKEN_BYTES) {
      throw new MalformedReplyException(
          subject, String.format(JWT_TOO_LARGE, subject, Jwt.MAX_TOKEN_BYTES));
    }
    for (int i = 0; i < end; i++) {
      int b = data[i] & 0xff;
      boolean ok =
          (b >= 'A' && b <= 'Z')
              || (b >= 'a' && b <= 'z')
              || (b >= '0' && b <= '9')
              || b == '-'
              || b == '_'
              || b == '.';
      if (!ok) {
        throw new MalformedReplyException(
            subject,
            String.format(
                NOT_A_JWT, subject, String.format("0x%02x", b), i, Replies.excerpt(data)));
      }
    }
    return new String(data, 0, end, StandardCharsets.US_ASCII);
  }

  /**
   * Sends a request on a private inbox and collects replies (see the class documentation for when
   * it stops).
   *
   * @param enough a reply after which no more are needed
   * @param silenceAllowed whether no reply at all, on a connection still connected, is an answer
   *     (an empty list) rather than a {@link NoReplyException}
   */
  private List<Message> gather(
      String subject, byte[] body, Predicate<Message> enough, boolean silenceAllowed) {
    List<Message> replies =
        waiting.gather(
            subject,
            body,
            enough,
            () ->
                new NoReplyException(
                    subject, String.format(NO_RESPONDERS, subject), true, timeout));
    if (replies.isEmpty()
        && !(silenceAllowed && connection.getStatus() == Connection.Status.CONNECTED)) {
      throw new NoReplyException(
          subject,
          String.format(TIMED_OUT, subject, timeout.toMillis(), waiting.status()),
          false,
          timeout);
    }
    return replies;
  }

  /**
   * Builds an {@link AccountJwtClient}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable client.
   */
  public static final class Builder {
    private final Connection connection;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration settle = DEFAULT_SETTLE;
    private int expectedServers;
    private int maxReplyBytes = DEFAULT_MAX_REPLY_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * Sets how long a request waits for replies, counted from when it is sent.
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
     * Sets how long to keep listening for more servers after the last reply, when the number of
     * servers is not set with {@link #expectedServers(int)}.
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
     * Sets how many servers answer (those with a full or cache resolver, or every server for a push
     * to memory resolvers): a request returns as soon as that many replied, without waiting to
     * {@link #settle(Duration) settle}.
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
     * Sets the largest reply accepted; a larger one is a {@link MalformedReplyException}.
     *
     * @param bytes at least 1024; {@link #DEFAULT_MAX_REPLY_BYTES} by default
     * @return this builder
     * @throws IllegalArgumentException when less than 1024
     */
    public Builder maxReplyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxReplyBytes must be at least 1024, got " + bytes);
      }
      this.maxReplyBytes = bytes;
      return this;
    }

    /**
     * Sets the clock that stamps {@code iat} on delete requests.
     *
     * @param clock the clock; the system clock (UTC) by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     */
    public AccountJwtClient build() {
      return new AccountJwtClient(this);
    }
  }
}
