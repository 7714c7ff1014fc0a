package io.github.natsjwt.claims;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The parts of Go's {@code net/url} parsing that claim validation depends on: whether a URL parses,
 * and its scheme, user info, host and path.
 */
final class GoUrl {
  final String scheme;
  final boolean hasUser;
  final String host;
  final String path;

  private GoUrl(String scheme, boolean hasUser, String host, String path) {
    this.scheme = scheme;
    this.hasUser = hasUser;
    this.host = host;
    this.path = path;
  }

  /** Parses like Go's {@code url.Parse}; the exception message is Go's error text. */
  static GoUrl parse(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "parse " + GoText.quote(raw) + ": net/url: invalid control character in URL");
      }
    }
    String rest = raw;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String scheme = "";
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (Character.isLetter(c) && c < 128) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new IllegalArgumentException(
              "parse " + GoText.quote(raw) + ": missing protocol scheme");
        }
        scheme = rest.substring(0, i).toLowerCase(Locale.ROOT);
        rest = rest.substring(i + 1);
      }
      break;
    }
    int q = rest.indexOf('?');
    if (q >= 0) {
      rest = rest.substring(0, q);
    }
    if (!rest.startsWith("/") && !scheme.isEmpty()) {
      // An opaque URL such as "nats:foo": no host, no path.
      return new GoUrl(scheme, false, "", "");
    }
    boolean hasUser = false;
    String host = "";
    if (rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      rest = slash >= 0 ? authority.substring(slash) : "";
      authority = slash >= 0 ? authority.substring(0, slash) : authority;
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        hasUser = true;
        authority = authority.substring(at + 1);
      }
      host = hostOf(raw, authority);
    } else if (scheme.isEmpty()) {
      int slash = rest.indexOf('/');
      String first = slash >= 0 ? rest.substring(0, slash) : rest;
      if (first.contains(":")) {
        throw new IllegalArgumentException(
            "parse " + GoText.quote(raw) + ": first path segment in URL cannot contain colon");
      }
    }
    return new GoUrl(scheme, hasUser, host, rest);
  }

  private static String hostOf(String raw, String authority) {
    String host = authority;
    String port = "";
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("parse " + GoText.quote(raw) + ": missing ']' in host");
      }
      host = authority.substring(1, close);
      String after = authority.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new IllegalArgumentException(
            "parse " + GoText.quote(raw) + ": invalid port " + GoText.quote(after) + " after host");
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = authority.lastIndexOf(':');
      if (colon >= 0) {
        host = authority.substring(0, colon);
        port = authority.substring(colon + 1);
      }
    }
    if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "parse "
              + GoText.quote(raw)
              + ": invalid port "
              + GoText.quote(":" + port)
              + " after host");
    }
    return host;
  }

  /** The operator account-server URL rule: parses and has a scheme. */
  static @Nullable String accountServerUrlProblem(String url) {
    try {
      if (parse(url).scheme.isEmpty()) {
        return "account server url " + GoText.quote(url) + " requires a protocol";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "error parsing account server url: " + e.getMessage();
    }
  }

  /**
   * The operator service URL rule; {@code ""} is accepted. {@code webSockets}: whether {@code ws}
   * and {@code wss} are accepted too (they are not under jwt 2.3.0, which names only nats and tls).
   */
  static @Nullable String operatorServiceUrlProblem(String url, boolean webSockets) {
    if (url.isEmpty()) {
      return null;
    }
    GoUrl u;
    try {
      u = parse(url);
    } catch (IllegalArgumentException e) {
      return "error parsing operator service url " + GoText.quote(url) + ": " + e.getMessage();
    }
    if (u.hasUser) {
      return "operator service url " + GoText.quote(url) + " - credentials are not supported";
    }
    if (!u.path.isEmpty()) {
      return "operator service url " + GoText.quote(url) + " - paths are not supported";
    }
    switch (u.scheme) {
      case "nats":
      case "tls":
        return null;
      case "ws":
      case "wss":
        if (webSockets) {
          return null;
        }
        break;
      default:
        break;
    }
    return "operator service url "
        + GoText.quote(url)
        + " - protocol not supported "
        + (webSockets ? "(only 'nats', 'tls', 'ws', 'wss' only)" : "(only 'nats' or 'tls' only)");
  }
}
