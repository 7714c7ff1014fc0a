package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClientInformation;
import io.github.natsjwt.claims.ClientTls;
import io.github.natsjwt.claims.ConnectOptions;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Export;
import io.github.natsjwt.claims.ExternalAuthorization;
import io.github.natsjwt.claims.GenericClaims;
import io.github.natsjwt.claims.Import;
import io.github.natsjwt.claims.JetStreamLimits;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.RevocationList;
import io.github.natsjwt.claims.ServerId;
import io.github.natsjwt.claims.ServiceLatency;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.claims.WeightedMapping;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Describes a decoded token for people: its header, the common fields with readable dates, the
 * fields of its claim type, and the validation findings.
 *
 * <p>Immutable and thread-safe. Secrets that auth-callout requests may carry (passwords, auth
 * tokens) are shown only as "set"; embedded tokens are summarised, not printed.
 */
public final class ClaimsDescriber {
  private static final String UNLIMITED = "unlimited";

  private final Instant now;

  private ClaimsDescriber(Instant now) {
    this.now = Objects.requireNonNull(now, "now");
  }

  /**
   * Returns a describer that judges expiry, not-before and validation at a time.
   *
   * @param now the time
   * @return the describer
   */
  public static ClaimsDescriber at(Instant now) {
    return new ClaimsDescriber(now);
  }

  /**
   * Describes a whole token.
   *
   * @param jwt the decoded token (its signature verified)
   * @return the report text
   */
  public String describe(DecodedJwt<? extends Claims> jwt) {
    Claims c = jwt.claims();
    Report r = new Report();
    r.line(title(c));
    r.section(
        "token",
        () -> {
          r.field(
              "signature",
              "verified with the issuer's key (iss)"
                  + (jwt.isV1() ? "; v1 signature, over the payload only" : ""));
          r.field("header", "typ " + jwt.header().type() + ", alg " + jwt.header().algorithm());
          r.field(
              "format version",
              jwt.isV1() ? "1 (read as version 2, as the NATS server does)" : "" + c.version());
          r.field("size", jwt.token().length() + " characters");
        });
    r.section("claims", () -> common(r, c));
    typeSpecific(r, c);
    validation(r, c);
    return r.text();
  }

  /**
   * Describes the claims briefly: the heading, subject, issuer, times and the type's main fields.
   *
   * @param c the claims
   * @return the report text
   */
  public String summary(Claims c) {
    Report r = new Report();
    r.line(title(c));
    r.indented(
        () -> {
          r.field("subject (sub)", keyWithType(c.subject()));
          r.field(
              "issuer (iss)", c.isSelfSigned() ? "itself (self-signed)" : keyWithType(c.issuer()));
          r.field(
              "issued at (iat)",
              c.issuedAtSeconds() == 0 ? "" : Times.formatDate(c.issuedAtSeconds()));
          long exp = c.expiresAtSeconds();
          r.field(
              "expires (exp)",
              exp == 0
                  ? "never"
                  : Times.formatDate(exp)
                      + ", "
                      + Times.relative(exp, now)
                      + (now.getEpochSecond() > exp ? ", EXPIRED" : ""));
          if (c instanceof OperatorClaims) {
            r.list("signing keys", ((OperatorClaims) c).signingKeys());
          } else if (c instanceof AccountClaims) {
            r.list("signing keys", ((AccountClaims) c).signingKeys().keys());
          } else if (c instanceof UserClaims) {
            UserClaims u = (UserClaims) c;
            r.field("issuer account", u.issuerAccount());
            permissions(r, u.permissions());
          }
          ValidationResult v = c.validate(now);
          r.field("validation", verdict(v));
        });
    return r.text();
  }

  private static String title(Claims c) {
    String kind = kindName(c);
    return kind + " JWT" + (c.name().isEmpty() ? "" : " \"" + c.name() + "\"");
  }

  private static String kindName(Claims c) {
    if (c instanceof GenericClaims) {
      return "generic";
    }
    return c.type().jsonName().replace('_', ' ');
  }

  // ------------------------------------------------------------------ common fields

  private void common(Report r, Claims c) {
    r.field("name", c.name());
    r.field("subject (sub)", keyWithType(c.subject()));
    r.field(
        "issuer (iss)",
        c.isSelfSigned() ? keyWithType(c.issuer(), ", self-signed") : keyWithType(c.issuer()));
    r.field("audience (aud)", c.audience());
    r.field("ID (jti)", c.id());
    r.field("issued at (iat)", c.issuedAtSeconds() == 0 ? "not set" : time(c.issuedAtSeconds()));
    if (c.notBeforeSeconds() != 0) {
      String nbf = time(c.notBeforeSeconds());
      r.field(
          "not before (nbf)",
          nbf + (c.notBeforeSeconds() > now.getEpochSecond() ? ", NOT YET VALID" : ""));
    }
    r.field("expires (exp)", expiry(c.expiresAtSeconds()));
    r.list("tags", c.tags());
  }

  private String time(long seconds) {
    return Times.format(seconds) + ", " + Times.relative(seconds, now);
  }

  private String expiry(long exp) {
    if (exp == 0) {
      return "never";
    }
    return time(exp) + (now.getEpochSecond() > exp ? ", EXPIRED" : "");
  }

  /** A public key followed by its type, for example {@code UABC... (user key)}. */
  private static String keyWithType(String key) {
    return keyWithType(key, "");
  }

  private static String keyWithType(String key, String note) {
    if (key.isEmpty()) {
      return "";
    }
    Optional<NKeyType> type = NKey.detectPublicKeyType(key);
    return type.map(t -> key + " (" + t.name().toLowerCase(Locale.ROOT) + " key" + note + ")")
        .orElse(key + " (not a public key" + note + ")");
  }

  // ------------------------------------------------------------------ per type

  private void typeSpecific(Report r, Claims c) {
    if (c instanceof OperatorClaims) {
      r.section("operator", () -> operator(r, (OperatorClaims) c));
    } else if (c instanceof AccountClaims) {
      r.section("account", () -> account(r, (AccountClaims) c));
    } else if (c instanceof UserClaims) {
      r.section("user", () -> user(r, (UserClaims) c));
    } else if (c instanceof ActivationClaims) {
      r.section("activation", () -> activation(r, (ActivationClaims) c));
    } else if (c instanceof AuthorizationRequestClaims) {
      r.section("authorization request", () -> authRequest(r, (AuthorizationRequestClaims) c));
    } else if (c instanceof AuthorizationResponseClaims) {
      r.section("authorization response", () -> authResponse(r, (AuthorizationResponseClaims) c));
    } else if (c instanceof GenericClaims) {
      r.section("generic claims", () -> generic(r, (GenericClaims) c));
    }
  }

  private static void operator(Report r, OperatorClaims o) {
    r.list("signing keys", o.signingKeys());
    r.flag("strict signing keys", o.strictSigningKeyUsage());
    r.field("system account", o.systemAccount());
    r.field("account server URL", o.accountServerUrl());
    r.list("service URLs", o.operatorServiceUrls());
    r.field("assert server version", o.assertServerVersion());
  }

  private void account(Report r, AccountClaims a) {
    r.field("description", a.description());
    r.field("info URL", a.infoUrl());
    r.section("signing keys", () -> signingKeys(r, a));
    r.section("limits", () -> limits(r, a.limits()));
    r.section("default permissions", () -> permissions(r, a.defaultPermissions()));
    List<Export> exports = a.exports();
    r.section("exports (" + exports.size() + ")", () -> exports.forEach(e -> export(r, e)));
    List<Import> imports = a.imports();
    r.section("imports (" + imports.size() + ")", () -> imports.forEach(i -> importOf(r, i)));
    r.section("mappings", () -> mappings(r, a.mappings()));
    r.section("revocations", () -> revocations(r, a.revocations()));
    ExternalAuthorization auth = a.authorization();
    r.section(
        "external authorization (auth callout)",
        () -> {
          if (auth.isEnabled()) {
            r.list("auth users", auth.authUsers());
            r.list("allowed accounts", auth.allowedAccounts());
            r.field("encryption xkey", auth.xkey());
          }
        });
    a.trace()
        .ifPresent(
            t ->
                r.section(
                    "message tracing",
                    () -> {
                      r.field("destination", t.destination());
                      r.field("sampling", t.effectiveSampling() + "%");
                    }));
    a.clusterTraffic().ifPresent(t -> r.field("cluster traffic", t.value()));
  }

  private void signingKeys(Report r, AccountClaims a) {
    for (String key : a.signingKeys().keys()) {
      Optional<UserScope> scope = a.signingKeys().scope(key);
      if (scope.isEmpty()) {
        r.line(key);
        continue;
      }
      UserScope s = scope.get();
      r.section(
          key + " (scoped" + (s.role().isEmpty() ? "" : ", role \"" + s.role() + "\"") + ")",
          () -> {
            r.field("description", s.description());
            r.section("template for the users it signs", () -> permissionLimits(r, s.template()));
          });
    }
  }

  private static void limits(Report r, OperatorLimits l) {
    r.field("connections", count(l.conn()));
    r.field("leaf node connections", count(l.leafNodeConn()));
    r.field("subscriptions", count(l.subs()));
    r.field("data", bytes(l.data()));
    r.field("payload", bytes(l.payload()));
    r.field("imports", count(l.imports()));
    r.field("exports", count(l.exports()));
    r.flag("wildcard exports", l.wildcardExports());
    r.flag("disallow bearer", l.disallowBearer());
    JetStreamLimits js = l.jetStream();
    if (js.isEnabled() || !js.isEmpty()) {
      r.section("JetStream", () -> jetStream(r, js));
    } else if (l.tieredLimits().isEmpty()) {
      r.field("JetStream", "disabled");
    }
    l.tieredLimits()
        .forEach((tier, t) -> r.section("JetStream tier " + tier, () -> jetStream(r, t)));
  }

  private static void jetStream(Report r, JetStreamLimits js) {
    r.field("memory storage", bytes(js.memoryStorage()));
    r.field("disk storage", bytes(js.diskStorage()));
    r.field("streams", count(js.streams()));
    r.field("consumers", count(js.consumer()));
    // The reference leaves these out when zero: not set.
    if (js.maxAckPending() != 0) {
      r.field("max ack pending", count(js.maxAckPending()));
    }
    if (js.memoryMaxStreamBytes() != 0) {
      r.field("memory max stream bytes", bytes(js.memoryMaxStreamBytes()));
    }
    if (js.diskMaxStreamBytes() != 0) {
      r.field("disk max stream bytes", bytes(js.diskMaxStreamBytes()));
    }
    if (js.maxBytesRequired()) {
      r.flag("max bytes required", true);
    }
  }

  private void export(Report r, Export e) {
    r.section(
        e.type().value() + " " + quotedOrDash(e.name()) + "  " + e.subject(),
        () -> {
          r.flag("token required", e.tokenRequired());
          e.responseType().ifPresent(t -> r.field("response type", t.value()));
          if (!e.responseThreshold().isZero()) {
            r.field("response threshold", Times.format(e.responseThreshold()));
          }
          e.latency().ifPresent(l -> r.field("latency tracking", latency(l)));
          if (e.accountTokenPosition() != 0) {
            r.field("account token position", Long.toString(e.accountTokenPosition()));
          }
          if (e.advertise()) {
            r.flag("advertise", true);
          }
          if (e.allowTrace()) {
            r.flag("allow trace", true);
          }
          r.field("description", e.description());
          r.field("info URL", e.infoUrl());
          r.section("revocations", () -> revocations(r, e.revocations()));
        });
  }

  private static String latency(ServiceLatency l) {
    return (l.isHeaders() ? "when request headers ask" : l.sampling() + "% of requests")
        + ", results to "
        + l.results();
  }

  private void importOf(Report r, Import i) {
    r.section(
        i.type().value() + " " + quotedOrDash(i.name()) + "  " + i.subject(),
        () -> {
          r.field("from account", i.account());
          r.field("local subject", i.localSubject());
          r.field("to (deprecated)", i.to());
          if (i.share()) {
            r.flag("share", true);
          }
          if (i.allowTrace()) {
            r.flag("allow trace", true);
          }
          if (!i.token().isEmpty()) {
            r.field("activation token", activationSummary(i.token()));
          }
        });
  }

  /** Summarises an embedded activation token without printing it. */
  private static String activationSummary(String token) {
    try {
      ActivationClaims a = Jwt.decode(token, ActivationClaims.class).claims();
      return "for "
          + a.subject()
          + ", "
          + a.kind().value()
          + " "
          + a.importSubject()
          + ", issued by "
          + a.issuer()
          + (a.expiresAtSeconds() == 0 ? "" : ", expires " + Times.formatDate(a.expiresAtSeconds()))
          + "; signature verified";
    } catch (NatsJwtException e) {
      return token.length() + " characters; does not decode: " + e.getMessage();
    }
  }

  private static void mappings(Report r, Map<String, List<WeightedMapping>> mappings) {
    mappings.forEach(
        (from, to) -> {
          List<String> targets = new ArrayList<>();
          for (WeightedMapping m : to) {
            targets.add(
                m.subject()
                    + " ("
                    + m.effectiveWeight()
                    + "%"
                    + (m.cluster().isEmpty() ? "" : ", cluster " + m.cluster())
                    + ")");
          }
          r.list(from + " ->", targets);
        });
  }

  private static void revocations(Report r, RevocationList list) {
    list.entries()
        .forEach(
            (key, at) ->
                r.field(
                    RevocationList.ALL.equals(key) ? "* (every key)" : key,
                    "revokes JWTs issued at or before " + Times.format(at)));
  }

  private void user(Report r, UserClaims u) {
    r.field("issuer account", u.issuerAccount());
    if (u.hasEmptyPermissions()) {
      // What users signed by a scoped signing key look like: the key's template applies.
      r.field(
          "permissions, limits",
          "none of its own (as for a user signed by a scoped signing key, whose template applies)");
      return;
    }
    permissionLimits(r, u.permissionLimits());
  }

  private static void permissionLimits(Report r, UserPermissionLimits p) {
    permissions(r, p.permissions());
    r.field("subscriptions", count(p.subs()));
    r.field("data", bytes(p.data()));
    r.field("payload", bytes(p.payload()));
    r.flag("bearer token", p.bearerToken());
    if (p.proxyRequired()) {
      r.flag("proxy required", true);
    }
    r.list("source networks (src)", p.src());
    List<String> times = new ArrayList<>();
    for (TimeRange t : p.times()) {
      times.add(t.start() + " to " + t.end());
    }
    r.list(
        "allowed times"
            + (p.timesLocation().isEmpty() || times.isEmpty()
                ? ""
                : " (" + p.timesLocation() + ")"),
        times);
    if (times.isEmpty()) {
      r.field("times location", p.timesLocation());
    }
    r.list(
        "connection types",
        p.allowedConnectionTypes().stream().map(ConnectionType::value).toList());
  }

  private static void permissions(Report r, Permissions p) {
    permission(r, "publish", p.pub());
    permission(r, "subscribe", p.sub());
    p.resp()
        .ifPresent(
            resp ->
                r.field(
                    "responses",
                    "may publish "
                        + (resp.max() < 0
                            ? "any number of replies"
                            : "up to " + resp.max() + (resp.max() == 1 ? " reply" : " replies"))
                        + (resp.ttl().isZero() ? "" : " within " + Times.format(resp.ttl()))));
  }

  private static void permission(Report r, String what, Permission p) {
    r.list(what + " allow", p.allow());
    r.list(what + " deny", p.deny());
  }

  private static void activation(Report r, ActivationClaims a) {
    r.field("import subject", a.importSubject());
    r.field("kind", a.kind().value());
    r.field("issuer account", a.issuerAccount());
  }

  private static void authRequest(Report r, AuthorizationRequestClaims a) {
    ServerId s = a.serverId();
    r.section(
        "server",
        () -> {
          r.field("name", s.name());
          r.field("host", s.host());
          r.field("ID", s.id());
          r.field("version", s.version());
          r.field("cluster", s.cluster());
          r.list("tags", s.tags());
          r.field("xkey", s.xkey());
        });
    r.field("user nkey", a.userNkey());
    ClientInformation ci = a.clientInformation();
    r.section(
        "client",
        () -> {
          r.field("host", ci.host());
          r.field("ID", ci.id() == 0 ? "" : Long.toString(ci.id()));
          r.field("user", ci.user());
          r.field("name", ci.name());
          r.list("tags", ci.tags());
          r.field("name tag", ci.nameTag());
          r.field("kind", ci.kind());
          r.field("type", ci.type());
          r.field("MQTT client ID", ci.mqttId());
          r.field("nonce", ci.nonce());
        });
    ConnectOptions co = a.connectOptions();
    r.section(
        "connect options",
        () -> {
          r.field("user", co.user());
          r.field("password", secret(co.pass()));
          r.field("auth token", secret(co.authToken()));
          r.field("JWT", co.jwt().isEmpty() ? "" : co.jwt().length() + " characters");
          r.field("nkey", co.nkey());
          r.field("signature", co.sig().isEmpty() ? "" : "present");
          r.field("name", co.name());
          r.field("language", co.lang());
          r.field("version", co.version());
          r.field("protocol", co.protocol() == 0 ? "" : Long.toString(co.protocol()));
        });
    a.clientTls()
        .ifPresent(
            (ClientTls tls) ->
                r.section(
                    "client TLS",
                    () -> {
                      r.field("version", tls.version());
                      r.field("cipher", tls.cipher());
                      r.field("certificates", tls.certs().isEmpty() ? "" : "" + tls.certs().size());
                      r.field(
                          "verified chains",
                          tls.verifiedChains().isEmpty() ? "" : "" + tls.verifiedChains().size());
                    }));
    r.field("request nonce", a.requestNonce());
  }

  private static void authResponse(Report r, AuthorizationResponseClaims a) {
    if (!a.jwt().isEmpty()) {
      r.field("user JWT", userSummary(a.jwt()));
    }
    r.field("error", a.error());
    r.field("issuer account", a.issuerAccount());
  }

  /** Summarises an embedded user token without printing it. */
  private static String userSummary(String token) {
    try {
      UserClaims u = Jwt.decode(token, UserClaims.class).claims();
      return "for "
          + u.subject()
          + (u.name().isEmpty() ? "" : " (\"" + u.name() + "\")")
          + ", issued by "
          + u.issuer()
          + "; signature verified";
    } catch (NatsJwtException e) {
      return token.length() + " characters; does not decode: " + e.getMessage();
    }
  }

  private static void generic(Report r, GenericClaims g) {
    g.declaredType().ifPresent(t -> r.field("declared type", declared(g, t)));
    g.data().forEach((k, v) -> r.field(k, jsonValue(v)));
  }

  private static String declared(GenericClaims g, ClaimType t) {
    Object raw = g.data().get("type");
    return t == ClaimType.GENERIC && raw instanceof String ? (String) raw : t.jsonName();
  }

  /** Writes a plain value (string, number, boolean, null, list, map) as compact JSON. */
  static String jsonValue(@Nullable Object v) {
    if (v == null) {
      return "null";
    } else if (v instanceof String) {
      return JsonTree.Scalar.string((String) v).text;
    } else if (v instanceof Double) {
      double d = (Double) v;
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    } else if (v instanceof List) {
      List<String> items = new ArrayList<>();
      for (Object o : (List<?>) v) {
        items.add(jsonValue(o));
      }
      return "[" + String.join(",", items) + "]";
    } else if (v instanceof Map) {
      List<String> items = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        items.add(jsonValue(String.valueOf(e.getKey())) + ":" + jsonValue(e.getValue()));
      }
      return "{" + String.join(",", items) + "}";
    }
    return String.valueOf(v);
  }

  // ------------------------------------------------------------------ validation

  private void validation(Report r, Claims c) {
    ValidationResult v = c.validate(now);
    r.section(
        "validation at " + Times.formatDate(now.getEpochSecond()),
        () -> {
          for (ValidationIssue i : v.issues()) {
            r.field(
                i.blocking() ? "BLOCKING" : i.timeCheck() ? "time check" : "warning",
                i.description());
          }
          r.field("result", verdict(v));
        });
  }

  /**
   * Says in a few words what the validation findings mean.
   *
   * @param v the findings
   * @return for example {@code no issues}
   */
  static String verdict(ValidationResult v) {
    if (v.isEmpty()) {
      return "no issues";
    }
    if (v.isBlocking(false)) {
      return "BLOCKING: the claims must not be used";
    }
    if (v.isBlocking(true)) {
      return "not usable now (time check); no other blocking issue";
    }
    return "usable; warnings only";
  }

  // ------------------------------------------------------------------ values

  private static String count(long n) {
    return n < 0 ? UNLIMITED : Long.toString(n);
  }

  private static String bytes(long n) {
    if (n < 0) {
      return UNLIMITED;
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    long unit = 1024;
    String human = "";
    for (String u : units) {
      if (n >= unit && n % unit == 0) {
        human = " (" + n / unit + " " + u + ")";
      }
      if (unit > Long.MAX_VALUE / 1024) {
        break;
      }
      unit *= 1024;
    }
    return n + " bytes" + human;
  }

  private static String secret(String value) {
    return value.isEmpty() ? "" : "set (not shown)";
  }

  private static String quotedOrDash(String name) {
    return name.isEmpty() ? "(no name)" : "\"" + name + "\"";
  }
}
