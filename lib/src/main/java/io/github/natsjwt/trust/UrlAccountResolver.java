package io.github.natsjwt.trust;

import io.github.natsjwt.internal.LogThrottle;
import io.github.natsjwt.jwt.Jwt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Fetches account JWTs over HTTP as the server's {@code resolver: URL(...)} does (spec
 * trust-chain.md section 1.2): {@code GET <base>/<account key>}, where the base gets a trailing
 * {@code /} if it has none.
 *
 * <p>Thread-safe. Build one and share it: it holds one {@link HttpClient} and a small cache.
 *
 * <pre>{@code
 * UrlAccountResolver resolver = UrlAccountResolver.builder("https://accounts.example.com/jwt/v1/accounts")
 *     .timeout(Duration.ofSeconds(2)).build();
 * resolver.ping();                              // as the server checks the URL at startup
 * Optional<String> jwt = resolver.fetch(accountKey);
 * }</pre>
 *
 * <p>Answers: 200 means the body is the account JWT; 404 means the source has no such account
 * (empty result); any other status, an I/O error, a timeout or a body larger than {@link
 * Builder#maxTokenBytes(int) maxTokenBytes} is an {@link AccountResolutionException} (the server
 * treats every non-200 answer as a failed fetch, so the account is not found either way). The whole
 * exchange (connecting, headers and body) must finish within {@link Builder#timeout(Duration)
 * timeout}, 1.9 seconds by default as in the server; a body is read as it arrives and the
 * connection is dropped as soon as it passes the size limit, so a hostile or broken server can cost
 * neither unbounded time nor memory. A trailing line break in the body is dropped; a body with
 * anything else that cannot be part of a JWT (an HTML error page, JSON) is an {@link
 * InvalidAccountJwtException}. Decoding, signature, subject, time and trust are the verifier's
 * checks.
 *
 * <p>Redirects are followed (as the server's HTTP client follows them), except from HTTPS to HTTP.
 * Base URLs with credentials, a query or a fragment are refused. Successful answers are cached for
 * {@link Builder#cacheTtl(Duration) cacheTtl} (2 minutes by default) in a bounded cache; misses and
 * failures are not cached.
 *
 * <p>Logs to {@code io.github.natsjwt.trust.UrlAccountResolver}: each request to the URL at DEBUG
 * (status, size, time; never the body), and each failed fetch or startup check at WARNING (status,
 * timeout, I/O error, refused body), at most one WARNING per resolver every 10 seconds with the
 * rest at DEBUG.
 */
public final class UrlAccountResolver implements AccountResolver {
  /** The server's timeout for one account fetch, 1.9 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1900);

  /** The longest timeout accepted: waiting longer for an account is a configuration mistake. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  static final String STATUS =
      "Account resolver URL %s answered HTTP %d for account %s; expected 200 with the account JWT,"
          + " or 404 when there is no such account. Check the URL and the server behind it.";
  static final String TIMEOUT =
      "Account resolver URL %s did not answer %s within %d ms. Check that the server is up, or"
          + " raise UrlAccountResolver.Builder.timeout(...).";
  static final String CONNECT_FAILED =
      "Could not connect to account resolver URL %s %s: %s. Check the host and port.";
  static final String FETCH_FAILED = "Request to account resolver URL %s %s failed: %s.";
  static final String TOO_LARGE =
      "Account resolver URL %s answered account %s with a body larger than the %d-byte limit for"
          + " an account JWT (plus a trailing line break). Check the URL.";
  static final String INTERRUPTED = "Interrupted while waiting for account resolver URL %s %s.";
  static final String PING_STATUS =
      "Account resolver URL %s answered HTTP %d to the startup check; a server refuses to start"
          + " unless the base URL answers 200.";
  private static final String STARTUP_CHECK = "for the startup check";

  private static final Logger LOG = System.getLogger(UrlAccountResolver.class.getName());

  private final String base;
  private final HttpClient client;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final int maxTokenBytes;
  private final @Nullable CachingAccountResolver cache;
  private final LogThrottle failures = new LogThrottle();

  private UrlAccountResolver(Builder b, String base) {
    this.base = base;
    this.timeout = b.timeout;
    this.connectTimeout = b.connectTimeout;
    this.maxTokenBytes = b.maxTokenBytes;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .followRedirects(
                b.followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
    if (b.sslContext != null) {
      http.sslContext(b.sslContext);
    }
    this.client = http.build();
    this.cache =
        b.cacheTtl.isZero()
            ? null
            : CachingAccountResolver.builder(new Uncached())
                .ttl(b.cacheTtl)
                .maxEntries(b.cacheMaxEntries)
                .clock(b.clock)
                .build();
  }

  /**
   * Creates a resolver with the default settings.
   *
   * @param baseUrl the {@code http} or {@code https} base URL, as in {@code resolver: URL(...)}
   * @return the resolver
   * @throws IllegalArgumentException when the URL is not an absolute {@code http(s)} URL without
   *     credentials, query or fragment
   */
  public static UrlAccountResolver of(String baseUrl) {
    return builder(baseUrl).build();
  }

  /**
   * Starts a builder.
   *
   * @param baseUrl the {@code http} or {@code https} base URL, as in {@code resolver: URL(...)}
   * @return a new builder
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  /**
   * Returns the base URL, with its trailing {@code /}.
   *
   * @return the base URL that account keys are appended to
   */
  public String baseUrl() {
    return base;
  }

  /**
   * Fetches an account's JWT from {@code <base><key>}, or from the cache.
   *
   * @param accountPublicKey the account's {@code A...} key
   * @return the account JWT (200), or empty when the source has no such account (404)
   * @throws AccountResolutionException when the key is not a valid account key; on any other
   *     status, an I/O error, a timeout or an interrupt
   * @throws InvalidAccountJwtException when the body is empty, too large or cannot be a JWT
   */
  @Override
  public Optional<String> fetch(String accountPublicKey) {
    ResolverText.requireAccountKey(accountPublicKey, "no URL is fetched for it.");
    return cache == null ? fetchUncached(accountPublicKey) : cache.fetch(accountPublicKey);
  }

  /**
   * Forgets the cached JWT of one account, so the next fetch goes to the URL.
   *
   * @param accountPublicKey the account's key
   */
  public void invalidate(String accountPublicKey) {
    if (cache != null) {
      cache.invalidate(accountPublicKey);
    }
  }

  /**
   * Checks the base URL as the server does at startup: one {@code GET} of the bare base URL, which
   * must answer 200. The body is not read.
   *
   * @throws AccountResolutionException on any other status, an I/O error, a timeout or an interrupt
   */
  public void ping() {
    long start = System.nanoTime();
    try {
      Exchange e = exchange(URI.create(base), "", STARTUP_CHECK, false);
      if (e.status != 200) {
        throw new AccountResolutionException("", String.format(PING_STATUS, base, e.status));
      }
    } catch (AccountResolutionException e) {
      failures.log(LOG, Level.WARNING, e, () -> "Startup check failed: " + e.getMessage());
      throw e;
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(
          Level.DEBUG,
          "Account resolver URL "
              + base
              + " answered the startup check with HTTP 200 in "
              + millisSince(start)
              + " ms.");
    }
  }

  /**
   * Returns a short description naming the base URL.
   *
   * @return for example {@code UrlAccountResolver[https://host/accounts/]}
   */
  @Override
  public String toString() {
    return "UrlAccountResolver[" + base + "]";
  }

  private Optional<String> fetchUncached(String key) {
    String url = base + key;
    long start = System.nanoTime();
    try {
      Exchange e = exchange(URI.create(url), key, "for account " + key, true);
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(
            Level.DEBUG,
            "GET "
                + url
                + " answered HTTP "
                + e.status
                + " in "
                + millisSince(start)
                + " ms"
                + (e.status == 200 ? " with " + e.body.length + " bytes." : "."));
      }
      if (e.status == 404) {
        return Optional.empty();
      }
      if (e.status != 200) {
        throw new AccountResolutionException(key, String.format(STATUS, url, e.status, key));
      }
      return Optional.of(
          ResolverText.token(e.body, e.body.length, maxTokenBytes, "The answer of " + url, key));
    } catch (AccountResolutionException e) {
      failures.log(
          LOG,
          Level.WARNING,
          e,
          () ->
              "Could not fetch account "
                  + key
                  + " ("
                  + millisSince(start)
                  + " ms): "
                  + e.getMessage());
      throw e;
    }
  }

  /** The fetches behind the cache; named as this resolver in the cache's log records. */
  private final class Uncached implements AccountResolver {
    @Override
    public Optional<String> fetch(String accountPublicKey) {
      return fetchUncached(accountPublicKey);
    }

    @Override
    public String toString() {
      return UrlAccountResolver.this.toString();
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private Exchange exchange(URI uri, String account, String purpose, boolean wantBody) {
    // A token may be followed by "\r\n"; the exact limit is applied once they are dropped.
    long limit = maxTokenBytes + 2L;
    AtomicReference<CappedBody> body = new AtomicReference<>();
    HttpResponse.BodyHandler<byte[]> handler =
        info -> {
          CappedBody b;
          if (!wantBody || info.statusCode() != 200) {
            b = CappedBody.discarding();
          } else if (info.headers().firstValueAsLong("Content-Length").orElse(-1) > limit) {
            b = CappedBody.refusing();
          } else {
            b = CappedBody.keeping(limit);
          }
          body.set(b);
          return b;
        };
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request, handler);
    try {
      HttpResponse<byte[]> r = response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Exchange(r.statusCode(), r.body());
    } catch (TimeoutException e) {
      abort(response, body);
      throw timeout(uri, account, purpose, e);
    } catch (InterruptedException e) {
      abort(response, body);
      Thread.currentThread().interrupt();
      throw new AccountResolutionException(account, String.format(INTERRUPTED, uri, purpose), e);
    } catch (ExecutionException e) {
      abort(response, body);
      throw failure(uri, account, purpose, unwrap(e));
    }
  }

  private static void abort(
      CompletableFuture<HttpResponse<byte[]>> response, AtomicReference<CappedBody> body) {
    CappedBody b = body.get();
    if (b != null) {
      b.cancel();
    }
    response.cancel(true);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private AccountResolutionException timeout(
      URI uri, String account, String purpose, Throwable cause) {
    return new AccountResolutionException(
        account, String.format(TIMEOUT, uri, purpose, timeout.toMillis()), cause);
  }

  private AccountResolutionException failure(
      URI uri, String account, String purpose, Throwable cause) {
    if (cause instanceof BodyTooLargeException) {
      return new InvalidAccountJwtException(
          account, String.format(TOO_LARGE, uri, account, maxTokenBytes), cause);
    }
    if (cause instanceof HttpConnectTimeoutException) {
      String reason = "no connection within " + connectTimeout.toMillis() + " ms";
      return new AccountResolutionException(
          account, String.format(CONNECT_FAILED, uri, purpose, reason), cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return timeout(uri, account, purpose, cause);
    }
    if (cause instanceof ConnectException) {
      return new AccountResolutionException(
          account, String.format(CONNECT_FAILED, uri, purpose, describe(cause)), cause);
    }
    return new AccountResolutionException(
        account, String.format(FETCH_FAILED, uri, purpose, describe(cause)), cause);
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isEmpty() ? t.getClass().getSimpleName() : m;
  }

  /** The status and body of one exchange. */
  private static final class Exchange {
    final int status;
    final byte[] body;

    Exchange(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }
  }

  /** Marks a body that passed the size limit. */
  private static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("the body passed the size limit");
    }
  }

  /**
   * Collects a body up to a limit and cancels the stream the moment it passes the limit. A body
   * that is not wanted (an error status, the ping) is read and dropped up to a small limit, so a
   * short one leaves the connection reusable and a long one is cut off.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private static final byte[] NONE = new byte[0];
    private static final long DISCARD_LIMIT = 64 * 1024;

    private final long limit;
    private final boolean keep;
    private final boolean refuse;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final AtomicReference<Flow.@Nullable Subscription> subscription =
        new AtomicReference<>();
    private long received;

    private CappedBody(long limit, boolean keep, boolean refuse) {
      this.limit = limit;
      this.keep = keep;
      this.refuse = refuse;
    }

    static CappedBody keeping(long limit) {
      return new CappedBody(limit, true, false);
    }

    static CappedBody discarding() {
      return new CappedBody(DISCARD_LIMIT, false, false);
    }

    static CappedBody refusing() {
      return new CappedBody(0, false, true);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription.set(s);
      if (refuse) {
        result.completeExceptionally(new BodyTooLargeException());
        s.cancel();
      } else if (result.isDone()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        received += b.remaining();
        if (received > limit) {
          if (keep) {
            result.completeExceptionally(new BodyTooLargeException());
          } else {
            result.complete(NONE);
          }
          cancelSubscription();
          return;
        }
        if (keep) {
          byte[] chunk = new byte[b.remaining()];
          b.get(chunk);
          out.write(chunk, 0, chunk.length);
        } else {
          b.position(b.limit());
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(keep ? out.toByteArray() : NONE);
    }

    /** Stops reading: the deadline passed or the caller was interrupted. */
    void cancel() {
      result.cancel(false);
      cancelSubscription();
    }

    private void cancelSubscription() {
      Flow.Subscription s = subscription.get();
      if (s != null) {
        s.cancel();
      }
    }
  }

  /**
   * Configures a {@link UrlAccountResolver}.
   *
   * <p>Not thread-safe; build() returns a thread-safe resolver.
   */
  public static final class Builder {
    private final String baseUrl;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration connectTimeout = DEFAULT_TIMEOUT;
    private int maxTokenBytes = Jwt.MAX_TOKEN_BYTES;
    private boolean followRedirects = true;
    private @Nullable SSLContext sslContext;
    private Duration cacheTtl = CachingAccountResolver.DEFAULT_TTL;
    private int cacheMaxEntries = CachingAccountResolver.DEFAULT_MAX_ENTRIES;
    private Clock clock = Clock.systemUTC();

    private Builder(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /**
     * Sets the deadline for one whole exchange (connecting, headers and body); default {@link
     * #DEFAULT_TIMEOUT} (1.9 seconds, as in the server).
     *
     * @param timeout a positive duration, at most {@link #MAX_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException when it is zero, negative or too long
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the deadline for opening a connection; default {@link #DEFAULT_TIMEOUT}. The whole
     * exchange is still bounded by {@link #timeout(Duration)}.
     *
     * @param connectTimeout a positive duration, at most {@link #MAX_TIMEOUT}
     * @return this builder
     * @throws IllegalArgumentException when it is zero, negative or too long
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the largest token accepted; a longer body is refused while it is read. Default {@link
     * Jwt#MAX_TOKEN_BYTES} (1 MiB), the largest token {@link Jwt#decode(String)} accepts.
     *
     * @param bytes the limit, from 1 to {@link Jwt#MAX_TOKEN_BYTES}
     * @return this builder
     * @throws IllegalArgumentException when the limit is out of range
     */
    public Builder maxTokenBytes(int bytes) {
      if (bytes < 1 || bytes > Jwt.MAX_TOKEN_BYTES) {
        throw new IllegalArgumentException(
            "maxTokenBytes must be between 1 and " + Jwt.MAX_TOKEN_BYTES + ", not " + bytes);
      }
      this.maxTokenBytes = bytes;
      return this;
    }

    /**
     * Sets whether redirects are followed (never from HTTPS to HTTP); default {@code true}. When
     * off, a redirect is a status other than 200 or 404, so a failure.
     *
     * @param follow {@code true} to follow redirects
     * @return this builder
     */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /**
     * Sets the TLS context for {@code https} URLs, as the server's {@code resolver_tls}; default
     * the JDK's default context.
     *
     * @param sslContext the context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /**
     * Sets how long a fetched JWT is cached; default {@link CachingAccountResolver#DEFAULT_TTL} (2
     * minutes). Zero turns the cache off.
     *
     * @param ttl a duration, zero or more
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     */
    public Builder cacheTtl(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("cacheTtl must not be negative, not " + ttl);
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Sets how many accounts the cache keeps; default {@link
     * CachingAccountResolver#DEFAULT_MAX_ENTRIES} (1000).
     *
     * @param maxEntries at least 1
     * @return this builder
     * @throws IllegalArgumentException when it is less than 1
     */
    public Builder cacheMaxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("cacheMaxEntries must be at least 1, not " + maxEntries);
      }
      this.cacheMaxEntries = maxEntries;
      return this;
    }

    /**
     * Sets the clock that cache expiry is measured with; default the system clock. Timeouts are
     * always measured in real time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Checks the base URL and builds the resolver. No request is made; call {@link
     * UrlAccountResolver#ping()} for the server's startup check.
     *
     * @return the resolver
     * @throws IllegalArgumentException when the URL is not an absolute {@code http(s)} URL with a
     *     host, or has credentials, a query or a fragment
     */
    public UrlAccountResolver build() {
      return new UrlAccountResolver(this, checkedBase(baseUrl));
    }

    private static String checkedBase(String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            "Account resolver URL "
                + ResolverText.describe(url)
                + " is not a URL: "
                + e.getReason(),
            e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(
            "Account resolver URL "
                + ResolverText.describe(url)
                + " must be an http:// or https:// URL");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(
            "Account resolver URL " + ResolverText.describe(url) + " has no host");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "Account resolver URL for host "
                + uri.getHost()
                + " has credentials in it; they are not supported (and would end up in logs)");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "Account resolver URL "
                + ResolverText.describe(url)
                + " has a query or fragment; the account key is appended to its path");
      }
      return url.endsWith("/") ? url : url + "/";
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(
            name + " must be positive and at most " + MAX_TIMEOUT + ", not " + d);
      }
      return d;
    }
  }
}
