package io.github.natsjwt.claims;

import java.util.List;
import java.util.Objects;

/**
 * A kind of client connection a user may be limited to ({@code allowed_connection_types}, spec
 * claims.md section 6).
 *
 * <p>Immutable and thread-safe. The constants are the values NATS servers know; any other string
 * read from a token is kept as it is ({@link #isKnown()} is then {@code false}), because servers
 * may add kinds and the reference does not check them.
 *
 * <pre>{@code
 * UserClaims.builder(userKey).addAllowedConnectionTypes(ConnectionType.WEBSOCKET).build();
 * }</pre>
 */
public final class ConnectionType {
  /** A plain NATS client connection. */
  public static final ConnectionType STANDARD = new ConnectionType("STANDARD");

  /** A NATS client over WebSocket. */
  public static final ConnectionType WEBSOCKET = new ConnectionType("WEBSOCKET");

  /** A leaf-node connection. */
  public static final ConnectionType LEAFNODE = new ConnectionType("LEAFNODE");

  /** A leaf-node connection over WebSocket. */
  public static final ConnectionType LEAFNODE_WS = new ConnectionType("LEAFNODE_WS");

  /** An MQTT client. */
  public static final ConnectionType MQTT = new ConnectionType("MQTT");

  /** An MQTT client over WebSocket. */
  public static final ConnectionType MQTT_WS = new ConnectionType("MQTT_WS");

  /** An in-process connection (a client embedded in the server's process). */
  public static final ConnectionType IN_PROCESS = new ConnectionType("IN_PROCESS");

  private static final List<ConnectionType> KNOWN =
      List.of(STANDARD, WEBSOCKET, LEAFNODE, LEAFNODE_WS, MQTT, MQTT_WS, IN_PROCESS);

  /** The values of {@link #KNOWN}, which the reader shares instead of decoding again. */
  static final List<String> KNOWN_VALUES =
      List.of(
          STANDARD.value,
          WEBSOCKET.value,
          LEAFNODE.value,
          LEAFNODE_WS.value,
          MQTT.value,
          MQTT_WS.value,
          IN_PROCESS.value);

  private final String value;

  private ConnectionType(String value) {
    this.value = value;
  }

  /**
   * Returns the connection type with this wire value, known or not.
   *
   * @param value for example {@code "WEBSOCKET"}; compared exactly
   * @return the constant for a known value, otherwise a new instance holding it
   */
  public static ConnectionType of(String value) {
    Objects.requireNonNull(value, "value");
    for (ConnectionType t : KNOWN) {
      if (t.value.equals(value)) {
        return t;
      }
    }
    return new ConnectionType(value);
  }

  /**
   * Returns the types NATS servers know.
   *
   * @return the seven constants, in the order above
   */
  public static List<ConnectionType> knownValues() {
    return KNOWN;
  }

  /**
   * Returns the value as written in the token.
   *
   * @return for example {@code "MQTT_WS"}
   */
  public String value() {
    return value;
  }

  /**
   * Returns whether this is one of the constants.
   *
   * @return {@code false} for a value this library does not know
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionType && ((ConnectionType) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /**
   * Returns the wire value.
   *
   * @return the value
   */
  @Override
  public String toString() {
    return value;
  }
}
