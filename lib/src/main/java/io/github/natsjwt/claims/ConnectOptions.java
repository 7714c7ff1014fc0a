package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.Objects;

/**
 * The options a client sent in its {@code CONNECT}, passed on in an auth-callout request ({@code
 * connect_opts}, spec claims.md section 3.6).
 *
 * <p>Immutable and thread-safe. {@code protocol} is always written, the rest only when set. {@link
 * #toString()} leaves out the password, token, JWT and signature.
 *
 * <pre>{@code
 * ConnectOptions opts = ConnectOptions.EMPTY.withUser("alice", password);
 * }</pre>
 *
 * @param jwt the user JWT the client presented
 * @param nkey the client's public nkey
 * @param sig the client's signature of the server nonce
 * @param authToken the client's token
 * @param user the client's user name
 * @param pass the client's password
 * @param name the client's name
 * @param lang the client library's language
 * @param version the client library's version
 * @param protocol the client protocol level
 */
public record ConnectOptions(
    String jwt,
    String nkey,
    String sig,
    String authToken,
    String user,
    String pass,
    String name,
    String lang,
    String version,
    long protocol) {
  /** All fields empty, protocol 0. */
  public static final ConnectOptions EMPTY =
      new ConnectOptions("", "", "", "", "", "", "", "", "", 0);

  /**
   * Checks the fields.
   *
   * @param jwt the JWT
   * @param nkey the nkey
   * @param sig the signature
   * @param authToken the token
   * @param user the user
   * @param pass the password
   * @param name the name
   * @param lang the language
   * @param version the version
   * @param protocol the protocol
   */
  public ConnectOptions {
    Objects.requireNonNull(jwt, "jwt");
    Objects.requireNonNull(nkey, "nkey");
    Objects.requireNonNull(sig, "sig");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(pass, "pass");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(version, "version");
  }

  /**
   * Returns a copy with another user name and password.
   *
   * @param user the user name
   * @param pass the password
   * @return the new value
   */
  public ConnectOptions withUser(String user, String pass) {
    return new ConnectOptions(jwt, nkey, sig, authToken, user, pass, name, lang, version, protocol);
  }

  /**
   * Returns a copy with another JWT and nkey.
   *
   * @param jwt the user JWT
   * @param nkey the public nkey
   * @return the new value
   */
  public ConnectOptions withJwt(String jwt, String nkey) {
    return new ConnectOptions(jwt, nkey, sig, authToken, user, pass, name, lang, version, protocol);
  }

  /**
   * Describes the options without secrets: the password, token, JWT and signature show only whether
   * they are set.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "ConnectOptions[jwt="
        + redacted(jwt)
        + ", nkey="
        + nkey
        + ", sig="
        + redacted(sig)
        + ", authToken="
        + redacted(authToken)
        + ", user="
        + user
        + ", pass="
        + redacted(pass)
        + ", name="
        + name
        + ", lang="
        + lang
        + ", version="
        + version
        + ", protocol="
        + protocol
        + "]";
  }

  private static String redacted(String s) {
    return s.isEmpty() ? "" : "<redacted>";
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("jwt", jwt);
    w.field("nkey", nkey);
    w.field("sig", sig);
    w.field("auth_token", authToken);
    w.field("user", user);
    w.field("pass", pass);
    w.field("name", name);
    w.field("lang", lang);
    w.field("version", version);
    w.name("protocol").value(protocol);
    w.endObject();
  }

  static ConnectOptions read(JsonIn o) {
    return new ConnectOptions(
        o.string("jwt"),
        o.string("nkey"),
        o.string("sig"),
        o.string("auth_token"),
        o.string("user"),
        o.string("pass"),
        o.string("name"),
        o.string("lang"),
        o.string("version"),
        o.int64("protocol"));
  }
}
