package io.github.natsjwt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A minimal NATS protocol client over a socket, for the connect verdicts jnats cannot give quickly
 * or at all: it reads {@code INFO}, sends {@code CONNECT} with a JWT and whatever signature the
 * test chooses (none, a good one, one over the wrong nonce), then {@code PING}, and reports whether
 * the server answered {@code PONG} or {@code -ERR}. Every read is bounded by a timeout.
 */
final class RawNatsClient {
  private static final Pattern NONCE = Pattern.compile("\"nonce\":\"([^\"]+)\"");
  private static final int MAX_LINE = 64 << 10;

  /** What to put in the {@code sig} field. */
  enum Signature {
    /** The user's signature of the nonce the server sent. */
    GOOD,
    /** No {@code sig} field. */
    NONE,
    /** The user's signature of other bytes than the nonce. */
    WRONG_NONCE
  }

  /** The server's answer: accepted ({@code PONG}) or refused, with the line or reason. */
  record Answer(boolean accepted, String detail) {}

  private RawNatsClient() {}

  /**
   * Connects, authenticates with the JWT and the user's seed as asked, and returns the server's
   * answer to the following {@code PING}.
   */
  static Answer connect(int port, String jwt, char[] seed, Signature signature, Duration timeout)
      throws IOException {
    return connect(port, jwt, seed, signature, timeout, "");
  }

  /**
   * Connects and authenticates as {@link #connect(int, String, char[], Signature, Duration)} does,
   * sends protocol commands (for example {@code SUB a 1\r\n}), then {@code PING}: accepted when the
   * server answers {@code PONG} before any {@code -ERR} (a refused command, a limit exceeded).
   */
  static Answer connect(
      int port, String jwt, char[] seed, Signature signature, Duration timeout, String commands)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String info = readLine(in);
      if (info == null || !info.startsWith("INFO ")) {
        return new Answer(false, "no INFO from the server: " + info);
      }
      Matcher m = NONCE.matcher(info);
      if (!m.find()) {
        return new Answer(false, "no nonce in INFO: " + info);
      }
      String nonce = m.group(1);
      StringBuilder connect =
          new StringBuilder("CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,")
              .append("\"lang\":\"raw\",\"version\":\"0\",\"jwt\":\"")
              .append(jwt)
              .append('"');
      if (signature != Signature.NONE) {
        String signed = signature == Signature.GOOD ? nonce : nonce + "-not-the-nonce";
        connect.append(",\"sig\":\"").append(sign(seed, signed)).append('"');
      }
      connect.append("}\r\n").append(commands).append("PING\r\n");
      out.write(connect.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String line;
        try {
          line = readLine(in);
        } catch (SocketTimeoutException e) {
          return new Answer(false, "no answer within " + timeout);
        }
        if (line == null) {
          return new Answer(false, "connection closed without an answer");
        }
        if (line.startsWith("PONG")) {
          return new Answer(true, "PONG");
        }
        if (line.startsWith("-ERR")) {
          return new Answer(false, line);
        }
        // INFO updates, +OK: keep reading.
      }
    }
  }

  /**
   * A connection kept open for several commands, each answered on its own: {@link #command} sends
   * one command and a {@code PING}, and reports whether the server answered {@code PONG} without an
   * {@code -ERR} first.
   */
  static final class Session implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;

    private Session(Socket socket, Duration timeout) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
      this.timeout = timeout;
    }

    /** Connects with a good signature; the answer says whether the server accepted the user. */
    static Answer open(int port, String jwt, char[] seed, Duration timeout, Session[] holder)
        throws IOException {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      Session s = new Session(socket, timeout);
      String info = readLine(s.in);
      Matcher m = info == null ? null : NONCE.matcher(info);
      if (m == null || !m.find()) {
        s.close();
        return new Answer(false, "no INFO with a nonce: " + info);
      }
      String connect =
          "CONNECT {\"verbose\":false,\"pedantic\":false,\"protocol\":1,\"lang\":\"raw\","
              + "\"version\":\"0\",\"jwt\":\""
              + jwt
              + "\",\"sig\":\""
              + sign(seed, m.group(1))
              + "\"}\r\n";
      Answer a = s.send(connect);
      if (a.accepted()) {
        holder[0] = s;
      } else {
        s.close();
      }
      return a;
    }

    /** Sends a command (with its line ending) and a PING; accepted when PONG comes first. */
    Answer command(String command) throws IOException {
      return send(command);
    }

    private Answer send(String command) throws IOException {
      out.write((command + "PING\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String err = null;
      while (true) {
        String line;
        try {
          line = readLine(in);
        } catch (SocketTimeoutException e) {
          return new Answer(false, "no answer within " + timeout);
        }
        if (line == null) {
          return new Answer(false, err != null ? err : "connection closed without an answer");
        }
        if (line.startsWith("PONG")) {
          return err == null ? new Answer(true, "PONG") : new Answer(false, err);
        }
        if (line.startsWith("-ERR") && err == null) {
          err = line;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** Signs with jnats' own NKey implementation, independent of the library under test. */
  private static String sign(char[] seed, String text) {
    try {
      byte[] sig = io.nats.client.NKey.fromSeed(seed).sign(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new IllegalStateException("jnats could not sign the nonce: " + e, e);
    }
  }

  private static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (line.size() >= MAX_LINE) {
        throw new IOException("protocol line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    return line.toString(StandardCharsets.UTF_8).trim();
  }
}
