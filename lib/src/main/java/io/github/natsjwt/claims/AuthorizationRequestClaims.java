package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import io.github.natsjwt.nkey.NKeyType;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An auth-callout request: a server asks an authorization service whether, and as whom, a client
 * may connect (spec claims.md section 3.6). Servers sign these with their {@code N...} key.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)}. {@code server_id}, {@code
 * user_nkey}, {@code client_info} and {@code connect_opts} are always written; {@code client_tls}
 * and {@code request_nonce} only when set.
 *
 * <pre>{@code
 * AuthorizationRequestClaims request = AuthorizationRequestClaims.builder(userNkey)
 *     .userNkey(userNkey)
 *     .serverId(new ServerId("n1", "host", serverKey.publicKey(), "", "", List.of(), ""))
 *     .connectOptions(ConnectOptions.EMPTY.withUser("alice", password))
 *     .build();
 * String token = Jwt.encode(request, serverKey);
 * }</pre>
 */
public final class AuthorizationRequestClaims extends Claims {
  private final ServerId serverId;
  private final String userNkey;
  private final ClientInformation clientInformation;
  private final ConnectOptions connectOptions;
  private final @Nullable ClientTls clientTls;
  private final String requestNonce;

  private AuthorizationRequestClaims(ClaimsData data, Builder b) {
    super(data.freeze());
    this.serverId = b.serverId;
    this.userNkey = b.userNkey;
    this.clientInformation = b.clientInformation;
    this.connectOptions = b.connectOptions;
    this.clientTls = b.clientTls;
    this.requestNonce = b.requestNonce;
  }

  /**
   * Starts a request.
   *
   * @param subject the subject; by convention the user nkey the server assigned
   * @return a new builder
   */
  public static Builder builder(String subject) {
    return new Builder(new ClaimsData()).subject(subject);
  }

  /**
   * Returns a builder holding a copy of these claims.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(data.copy());
    b.serverId = serverId;
    b.userNkey = userNkey;
    b.clientInformation = clientInformation;
    b.connectOptions = connectOptions;
    b.clientTls = clientTls;
    b.requestNonce = requestNonce;
    return b;
  }

  @Override
  public ClaimType type() {
    return ClaimType.AUTHORIZATION_REQUEST;
  }

  /**
   * Returns the identity of the server that sent the request.
   *
   * @return the server identity
   */
  public ServerId serverId() {
    return serverId;
  }

  /**
   * Returns the user nkey the server assigned to the connection; the response's subject.
   *
   * @return the {@code U...} key, or {@code ""}
   */
  public String userNkey() {
    return userNkey;
  }

  /**
   * Returns what the server knows about the client.
   *
   * @return the client information
   */
  public ClientInformation clientInformation() {
    return clientInformation;
  }

  /**
   * Returns the options the client sent in its {@code CONNECT}.
   *
   * @return the options
   */
  public ConnectOptions connectOptions() {
    return connectOptions;
  }

  /**
   * Returns the client's TLS state.
   *
   * @return the state, or empty when the client did not use TLS
   */
  public Optional<ClientTls> clientTls() {
    return Optional.ofNullable(clientTls);
  }

  /**
   * Returns the nonce the response must be bound to, when the server sent one.
   *
   * @return the nonce, or {@code ""}
   */
  public String requestNonce() {
    return requestNonce;
  }

  @Override
  Claims copyWith(ClaimsData data) {
    return new AuthorizationRequestClaims(data, toBuilder());
  }

  @Override
  void writeNats(GoJsonWriter w) {
    w.name("nats").beginObject();
    w.name("server_id");
    serverId.write(w);
    w.name("user_nkey").value(userNkey);
    w.name("client_info");
    clientInformation.write(w);
    w.name("connect_opts");
    connectOptions.write(w);
    if (clientTls != null) {
      w.name("client_tls");
      clientTls.write(w);
    }
    w.field("request_nonce", requestNonce);
    data.writeGeneric(w, ClaimType.AUTHORIZATION_REQUEST);
    w.endObject();
  }

  /** The reference ignores the version here and reads the v2 layout. */
  static AuthorizationRequestClaims read(ClaimsData data, @Nullable JsonIn nats, int version) {
    Builder b = new Builder(data);
    if (nats != null) {
      b.serverId = nats.object("server_id").map(ServerId::read).orElse(ServerId.EMPTY);
      b.userNkey = nats.string("user_nkey");
      b.clientInformation =
          nats.object("client_info").map(ClientInformation::read).orElse(ClientInformation.EMPTY);
      b.connectOptions =
          nats.object("connect_opts").map(ConnectOptions::read).orElse(ConnectOptions.EMPTY);
      b.clientTls = nats.object("client_tls").map(ClientTls::read).orElse(null);
      b.requestNonce = nats.string("request_nonce");
      data.tags = new ArrayList<>(nats.strings("tags"));
    }
    data.version = version;
    return b.build();
  }

  @Override
  void checkEncodable() {
    // The reference checks nothing but the subject's presence for requests.
  }

  @Override
  void validate(ValidationResult.Collector c, long now) {
    if (userNkey.isEmpty()) {
      c.error("User nkey is required");
    } else if (!isKey(userNkey, NKeyType.USER)) {
      c.error("User nkey " + GoText.quoteKey(userNkey) + " is not a valid user public key");
    }
    validateTimes(c, now);
  }

  /**
   * Builds {@link AuthorizationRequestClaims}.
   *
   * <p>Not thread-safe; {@link #build()} returns an immutable snapshot.
   */
  public static final class Builder extends Claims.Builder<Builder, AuthorizationRequestClaims> {
    private ServerId serverId = ServerId.EMPTY;
    private String userNkey = "";
    private ClientInformation clientInformation = ClientInformation.EMPTY;
    private ConnectOptions connectOptions = ConnectOptions.EMPTY;
    private @Nullable ClientTls clientTls;
    private String requestNonce = "";

    Builder(ClaimsData data) {
      super(data);
    }

    /**
     * Sets the identity of the sending server.
     *
     * @param serverId the identity
     * @return this builder
     */
    public Builder serverId(ServerId serverId) {
      this.serverId = Objects.requireNonNull(serverId, "serverId");
      return this;
    }

    /**
     * Sets the user nkey assigned to the connection (required by validation).
     *
     * @param userNkey the {@code U...} key
     * @return this builder
     */
    public Builder userNkey(String userNkey) {
      this.userNkey = Objects.requireNonNull(userNkey, "userNkey");
      return this;
    }

    /**
     * Sets what the server knows about the client.
     *
     * @param clientInformation the information
     * @return this builder
     */
    public Builder clientInformation(ClientInformation clientInformation) {
      this.clientInformation = Objects.requireNonNull(clientInformation, "clientInformation");
      return this;
    }

    /**
     * Sets the client's {@code CONNECT} options.
     *
     * @param connectOptions the options
     * @return this builder
     */
    public Builder connectOptions(ConnectOptions connectOptions) {
      this.connectOptions = Objects.requireNonNull(connectOptions, "connectOptions");
      return this;
    }

    /**
     * Sets or removes the client's TLS state.
     *
     * @param clientTls the state, or {@code null} for none
     * @return this builder
     */
    public Builder clientTls(@Nullable ClientTls clientTls) {
      this.clientTls = clientTls;
      return this;
    }

    /**
     * Sets the request nonce.
     *
     * @param requestNonce the nonce; {@code ""} clears it
     * @return this builder
     */
    public Builder requestNonce(String requestNonce) {
      this.requestNonce = Objects.requireNonNull(requestNonce, "requestNonce");
      return this;
    }

    @Override
    public AuthorizationRequestClaims build() {
      return new AuthorizationRequestClaims(data, this);
    }
  }
}
