package io.github.natsjwt.trust;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.nkey.Signer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the server knows about a connecting client besides its user JWT: the nonce it sent in {@code
 * INFO}, the {@code sig} from {@code CONNECT}, the kind of connection and the client's address
 * (spec trust-chain.md section 3.1).
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <pre>{@code
 * String nonce = "oh4Mze1p9nu-9ZA";                         // from INFO
 * ConnectionContext ctx = ConnectionContext.builder()
 *     .nonce(nonce)
 *     .signature(ConnectionContext.signNonce(nonce, userKey))
 *     .clientHost("203.0.113.7")
 *     .build();
 * }</pre>
 */
public final class ConnectionContext {
  private final String nonce;
  private final @Nullable String signature;
  private final ConnectionType connectionType;
  private final String clientHost;
  private final @Nullable Instant time;
  private final long accountConnections;
  private final boolean viaTrustedProxy;
  private final boolean assumeNonceSigned;

  private ConnectionContext(Builder b) {
    this.nonce = b.nonce;
    this.signature = b.signature;
    this.connectionType = b.connectionType;
    this.clientHost = b.clientHost;
    this.time = b.time;
    this.accountConnections = b.accountConnections;
    this.viaTrustedProxy = b.viaTrustedProxy;
    this.assumeNonceSigned = b.assumeNonceSigned;
  }

  /**
   * Starts a context: no nonce, no signature, a {@link ConnectionType#STANDARD} connection from an
   * unknown address, no other connections of the account, the verifier's clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Signs a nonce as a client does for {@code CONNECT}: Ed25519 over the bytes of the nonce text as
   * sent in {@code INFO} (not its base64-decoded value), encoded base64url without padding.
   *
   * @param nonce the nonce text from {@code INFO}
   * @param userKey the user's key (it must hold the seed, or sign elsewhere)
   * @return the value for the {@code sig} field
   * @throws io.github.natsjwt.nkey.NKeyOperationException when the key cannot sign
   */
  public static String signNonce(String nonce, Signer userKey) {
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(userKey, "userKey");
    return Base64Url.encode(userKey.sign(nonce.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Returns the nonce the server sent in {@code INFO}.
   *
   * @return the nonce text, or {@code ""}
   */
  public String nonce() {
    return nonce;
  }

  /**
   * Returns the {@code sig} the client sent in {@code CONNECT}.
   *
   * @return the signature text as sent, or empty when the client sent none
   */
  public Optional<String> signature() {
    return Optional.ofNullable(signature);
  }

  /**
   * Returns the kind of connection.
   *
   * @return {@link ConnectionType#STANDARD} unless set
   */
  public ConnectionType connectionType() {
    return connectionType;
  }

  /**
   * Returns the client's address as the server sees it (the host part of the TCP peer address).
   *
   * @return the address text, or {@code ""} when unknown
   */
  public String clientHost() {
    return clientHost;
  }

  /**
   * Returns the time to verify at, when it overrides the verifier's clock.
   *
   * @return the time, or empty to use the verifier's clock
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /**
   * Returns how many client connections the account already has (across the cluster), for the
   * account's {@code conn} limit ({@code leaf} for leaf-node connections).
   *
   * @return the count, 0 unless set
   */
  public long accountConnections() {
    return accountConnections;
  }

  /**
   * Returns whether the connection came through a trusted proxy (nats-server 2.12 and later).
   *
   * @return {@code false} unless set
   */
  public boolean viaTrustedProxy() {
    return viaTrustedProxy;
  }

  /**
   * Returns whether the verifier is told to assume, without checking, that the client signed the
   * nonce (see {@link Builder#assumeNonceSigned()}).
   *
   * @return {@code false} unless set
   */
  public boolean assumesNonceSigned() {
    return assumeNonceSigned;
  }

  /**
   * Describes the context without the signature.
   *
   * @return a short description
   */
  @Override
  public String toString() {
    return "ConnectionContext[type="
        + connectionType.value()
        + ", host="
        + clientHost
        + ", signed="
        + (assumeNonceSigned ? "assumed" : String.valueOf(signature != null))
        + (time != null ? ", time=" + time : "")
        + "]";
  }

  /**
   * Builds a {@link ConnectionContext}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder {
    private String nonce = "";
    private @Nullable String signature;
    private ConnectionType connectionType = ConnectionType.STANDARD;
    private String clientHost = "";
    private @Nullable Instant time;
    private long accountConnections;
    private boolean viaTrustedProxy;
    private boolean assumeNonceSigned;

    private Builder() {}

    /**
     * Sets the nonce the server sent in {@code INFO} (15 base64url characters in operator mode).
     *
     * @param nonce the nonce text
     * @return this builder
     */
    public Builder nonce(String nonce) {
      this.nonce = Objects.requireNonNull(nonce, "nonce");
      return this;
    }

    /**
     * Sets the {@code sig} field of {@code CONNECT}: base64url without padding as clients send it,
     * or standard base64 with padding, which the server also accepts.
     *
     * @param signature the signature text as sent
     * @return this builder
     */
    public Builder signature(String signature) {
      this.signature = Objects.requireNonNull(signature, "signature");
      return this;
    }

    /**
     * Sets the kind of connection.
     *
     * @param type for example {@link ConnectionType#WEBSOCKET}
     * @return this builder
     */
    public Builder connectionType(ConnectionType type) {
      this.connectionType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the client's address as the server sees it: the host part of the peer address, for
     * example {@code "203.0.113.7"} or {@code "::1"}. A host that does not parse as an IP address
     * fails every {@code src} limit, as on the server.
     *
     * @param host the address text
     * @return this builder
     */
    public Builder clientHost(String host) {
      this.clientHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the client's address. An IPv6 address with a scope (zone) fails every {@code src} limit,
     * as on the server.
     *
     * @param address the peer address
     * @return this builder
     */
    public Builder clientAddress(InetAddress address) {
      Objects.requireNonNull(address, "address");
      this.clientHost = address.getHostAddress();
      return this;
    }

    /**
     * Sets the time to verify at instead of the verifier's clock.
     *
     * @param time the time
     * @return this builder
     */
    public Builder time(Instant time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets how many client connections the account already has, for its connection limit.
     *
     * @param count a count, at least 0
     * @return this builder
     * @throws IllegalArgumentException when the count is negative
     */
    public Builder accountConnections(long count) {
      if (count < 0) {
        throw new IllegalArgumentException(
            "accountConnections is " + count + "; it counts connections and cannot be negative");
      }
      this.accountConnections = count;
      return this;
    }

    /**
     * Sets whether the connection came through a trusted proxy.
     *
     * @param viaTrustedProxy whether it did
     * @return this builder
     */
    public Builder viaTrustedProxy(boolean viaTrustedProxy) {
      this.viaTrustedProxy = viaTrustedProxy;
      return this;
    }

    /**
     * Assumes, without checking, that the client signed the nonce with the user's seed: the
     * verifier skips the nonce-signature check (spec trust-chain.md section 3.3 step 14) and runs
     * every other check. This is for tools that judge a user JWT without its seed, such as a
     * command line that is given only the JWT. Never use it for a real connection: the client then
     * proves nothing about holding the seed, and anyone with the JWT passes. A user verified this
     * way says so: {@link VerifiedUser#isNonceSignatureVerified()} is {@code false}.
     *
     * @return this builder
     */
    public Builder assumeNonceSigned() {
      this.assumeNonceSigned = true;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return an immutable context
     * @throws IllegalStateException when both a signature and {@link #assumeNonceSigned()} are set:
     *     a signature the caller has should be checked, not assumed
     */
    public ConnectionContext build() {
      if (assumeNonceSigned && signature != null) {
        throw new IllegalStateException(
            "both a signature and assumeNonceSigned() are set; give the signature to have it"
                + " checked, or assume it only when there is none");
      }
      return new ConnectionContext(this);
    }
  }
}
