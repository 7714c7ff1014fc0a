package io.github.natsjwt.cli.trust;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.Report;
import io.github.natsjwt.cli.jwt.Times;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.cli.nats.JsonOut;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.trust.AccountResolver;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.DirectoryAccountResolver;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.Rejection;
import io.github.natsjwt.trust.Rule;
import io.github.natsjwt.trust.ServerProfile;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedAccount;
import io.github.natsjwt.trust.VerifiedUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code natsjwt verify}: decides, as nats-server in operator mode decides, whether a user may
 * connect, and shows the permissions and limits it gets or the rule that refuses it.
 *
 * <p>The nonce signature (the client's proof that it holds the user's seed) is handled honestly: a
 * creds file signs a fresh nonce with its seed, so the check runs for real; a bare user JWT is
 * checked with the {@code --nonce} and {@code --sig} the client sent, or, without them, every rule
 * but that one is checked and the output says that the signature was assumed.
 */
@Command(
    name = "verify",
    description = {
      "Decide whether nats-server would let a user connect, and with which permissions.",
      "The decision is the server's in operator mode, rule by rule and in its order: the chain"
          + " from a trusted operator through the account to the user's signer, and every CONNECT"
          + " rule (expiry, signer, scoped-key template, connection type, bearer token, nonce"
          + " signature, revocation, source network, connect times).",
      "Prints 'accepted' with the chain, the permissions and the limits the connection gets, or"
          + " 'rejected: <RULE>' with the reason and how to fix it.",
      "The nonce signature proves that the client holds the user's seed. With a creds file the"
          + " tool signs a fresh nonce with the file's seed and checks it. With a bare user JWT it"
          + " cannot: give the nonce and the signature a client sent with --nonce and --sig, or"
          + " the signature is NOT checked (the output says so) and every other rule is."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  accepted",
      "  1  rejected: the server would refuse the user (the rule is printed)",
      "  2  bad input: usage error, unreadable file, malformed operator or account JWT,",
      "     unusable creds file"
    })
public final class VerifyCommand implements Callable<Integer> {
  /** Bytes of a server nonce: 11 random bytes, 15 characters of base64url (spec section 3.1). */
  private static final int NONCE_BYTES = 11;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%\\S+)?");

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--operator",
      required = true,
      paramLabel = "<jwt|file|O...>",
      description =
          "A trusted operator: its JWT, a file holding it, or - for standard input; or a bare"
              + " operator public key, as in the server's trusted_keys. Repeat for more.")
  private List<String> operators = new ArrayList<>();

  @Option(
      names = "--account",
      paramLabel = "<jwt|file>",
      description =
          "An account JWT, a file holding it, or -; the user's account is looked up among them,"
              + " as in a memory resolver. Repeat for more.")
  private List<String> accounts = new ArrayList<>();

  @Option(
      names = "--resolver-dir",
      paramLabel = "<dir>",
      description =
          "A directory of account JWTs as the server's full or cache resolver keeps it"
              + " (<dir>/<account key>.jwt). Looked in after the --account JWTs.")
  private @Nullable Path resolverDir;

  @Option(
      names = "--profile",
      paramLabel = "<version>",
      converter = Profiles.class,
      defaultValue = "latest",
      description =
          "The nats-server version whose decisions to reproduce: "
              + Profiles.VALUES
              + ". Default: ${DEFAULT-VALUE}.")
  private ServerProfile profile = ServerProfile.LATEST;

  @Option(
      names = "--at",
      paramLabel = "<time>",
      description =
          "Decide as at this time (2030-01-01T00:00:00Z, 2030-01-01 or Unix seconds) instead of"
              + " now.")
  private @Nullable String at;

  @Option(
      names = "--connection-type",
      paramLabel = "<type>",
      converter = ConnectionTypes.class,
      defaultValue = "STANDARD",
      description =
          "How the client connects: STANDARD (plain TCP), WEBSOCKET, LEAFNODE, LEAFNODE_WS, MQTT,"
              + " MQTT_WS or IN_PROCESS. Default: ${DEFAULT-VALUE}.")
  private ConnectionType connectionType = ConnectionType.STANDARD;

  @Option(
      names = "--client-ip",
      paramLabel = "<ip>",
      description =
          "The client's IP address as the server sees it, for users limited to source networks"
              + " (src). Without it, such users are rejected.")
  private @Nullable String clientIp;

  @Option(
      names = "--nonce",
      paramLabel = "<nonce>",
      description =
          "The nonce the server sent in INFO, as sent. With a user JWT, give --sig too; with a"
              + " creds file, the tool signs this nonce instead of a fresh one.")
  private @Nullable String nonce;

  @Option(
      names = "--sig",
      paramLabel = "<sig|file|->",
      description =
          "The sig the client sent in CONNECT (the nonce signed with the user's seed), or a file"
              + " holding it. Only with a user JWT and --nonce.")
  private @Nullable String sig;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  @Parameters(
      index = "0",
      paramLabel = "<user-jwt|creds-file|->",
      description =
          "The user: its JWT, a file holding it, a creds file (whose seed signs the nonce), or -"
              + " for standard input.")
  private String source;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public VerifyCommand(StdStreams streams) {
    this.streams = streams;
  }

  /** How the client's proof of holding the seed was obtained. */
  private enum Proof {
    /** A fresh nonce signed here with the creds file's seed. */
    CREDS,
    /** The {@code --nonce} signed here with the creds file's seed. */
    CREDS_GIVEN_NONCE,
    /** The {@code --nonce} and {@code --sig} a client sent. */
    GIVEN,
    /** Not checked: only the user JWT was given. */
    ASSUMED,
    /** None given, and none needed: the user is a bearer token. */
    NOT_NEEDED
  }

  @Override
  public Integer call() {
    checkOptions();
    Instant now =
        at != null ? Times.parseInstant(at, "--at") : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String host = clientIp == null ? "" : checkIp(clientIp);
    TrustVerifier verifier = verifier(now);

    ConnectionContext.Builder ctx =
        ConnectionContext.builder().connectionType(connectionType).clientHost(host);
    String userJwt;
    Proof proof;
    UserInput user = readUser();
    Creds creds = user.creds();
    if (creds != null) {
      try (creds) {
        if (sig != null) {
          throw usage(
              "--sig is for a bare user JWT; with a creds file the tool signs the nonce itself"
                  + " with the file's seed");
        }
        String n = nonce != null ? nonce : freshNonce();
        ctx.nonce(n).signature(creds.signNonce(n));
        userJwt = creds.jwt();
      }
      proof = nonce != null ? Proof.CREDS_GIVEN_NONCE : Proof.CREDS;
    } else {
      userJwt = user.jwt();
      if (nonce != null) {
        if (sig == null) {
          throw usage(
              "--nonce needs --sig, the signature the client sent for it; or give the creds file"
                  + " to sign the nonce with its seed");
        }
        ctx.nonce(nonce).signature(readSig(sig));
        proof = Proof.GIVEN;
      } else {
        ctx.assumeNonceSigned();
        proof = Proof.ASSUMED;
      }
    }

    Verification<VerifiedUser> v = verifier.verifyUser(userJwt, ctx.build());
    boolean bearerUser = v.verified().map(VerifiedUser::isBearer).orElse(false);
    Proof checked = bearerUser && proof == Proof.ASSUMED ? Proof.NOT_NEEDED : proof;
    if (json) {
      streams.out().println(json(v, userJwt, checked, now, host));
      streams.out().flush();
      if (v.isAccepted()) {
        return ExitCodes.OK;
      }
      streams
          .err()
          .println(
              Main.NAME
                  + ": the server would reject this user ("
                  + v.rejection().orElseThrow().rule()
                  + ")");
      streams.err().flush();
      return ExitCodes.VERIFICATION_FAILED;
    }
    Report r = new Report();
    int code;
    if (v.isAccepted()) {
      accepted(r, verifier, v.orElseThrow(), proof, now);
      code = ExitCodes.OK;
    } else {
      rejected(r, v.rejection().orElseThrow(), userJwt);
      code = ExitCodes.VERIFICATION_FAILED;
    }
    checkedAs(r, checked, now, host);
    streams.out().print(r.text());
    streams.out().flush();
    if (code != ExitCodes.OK) {
      streams
          .err()
          .println(
              Main.NAME
                  + ": the server would reject this user ("
                  + v.rejection().orElseThrow().rule()
                  + ")");
      streams.err().flush();
    }
    return code;
  }

  // ------------------------------------------------------------------ input

  private void checkOptions() {
    List<String> sources = new ArrayList<>(operators);
    sources.addAll(accounts);
    sources.add(source);
    if (sig != null) {
      sources.add(sig);
    }
    Inputs.requireAtMostOneStdin(spec, sources.toArray(new String[0]));
    if (accounts.isEmpty() && resolverDir == null) {
      throw usage(
          "give the user's account JWT with --account, or a resolver directory with"
              + " --resolver-dir");
    }
    if (sig != null && nonce == null) {
      throw usage("--sig needs --nonce, the nonce the client signed");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String checkIp(String ip) {
    String t = ip.strip();
    if (IPV4.matcher(t).matches() || IPV6.matcher(t).matches()) {
      return t;
    }
    throw new InputException(
        "--client-ip takes an IP address such as 203.0.113.7 or 2001:db8::1, not '" + ip + "'");
  }

  private TrustVerifier verifier(Instant now) {
    TrustVerifier.Builder b =
        TrustVerifier.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).serverProfile(profile);
    for (String op : operators) {
      if (NKey.isValidPublicKey(op)) {
        try {
          b.trustOperatorKey(op);
        } catch (NatsJwtException e) {
          throw new InputException("--operator " + op + ": " + e.getMessage(), e);
        }
        continue;
      }
      String token = TrustInputs.token(op, "--operator", streams.in());
      try {
        b.trustOperator(token);
      } catch (NatsJwtException e) {
        throw new InputException("--operator " + TrustInputs.where(op) + ": " + e.getMessage(), e);
      }
    }
    b.accountResolver(resolver());
    try {
      return b.build();
    } catch (NatsJwtException e) {
      throw new InputException("--operator: " + e.getMessage(), e);
    }
  }

  private AccountResolver resolver() {
    MemoryAccountResolver.Builder given = MemoryAccountResolver.builder();
    for (String a : accounts) {
      String token = TrustInputs.token(a, "--account", streams.in());
      try {
        given.add(token);
      } catch (NatsJwtException e) {
        throw new InputException("--account " + TrustInputs.where(a) + ": " + e.getMessage(), e);
      }
    }
    MemoryAccountResolver memory = given.build();
    Path dir = resolverDir;
    if (dir == null) {
      return memory;
    }
    if (!Files.isDirectory(dir)) {
      throw new InputException(
          "--resolver-dir '"
              + dir
              + "': "
              + (Files.exists(dir) ? "not a directory" : "no such directory")
              + "; give the directory of the server's full or cache resolver");
    }
    DirectoryAccountResolver store;
    try {
      store = DirectoryAccountResolver.open(dir);
    } catch (NatsJwtException e) {
      throw new InputException("--resolver-dir: " + e.getMessage(), e);
    }
    return key -> {
      Optional<String> jwt = memory.fetch(key);
      return jwt.isPresent() ? jwt : store.fetch(key);
    };
  }

  /** The user as given: creds (with the seed), or a bare JWT. */
  private record UserInput(@Nullable Creds creds, String jwt) {}

  /** Reads the user: a creds file when the input holds a seed, otherwise a JWT. */
  private UserInput readUser() {
    boolean stdin = Inputs.STDIN.equals(source);
    if (!stdin && !Inputs.isReadable(source)) {
      return new UserInput(null, TokenSources.read(source, streams.in()));
    }
    byte[] bytes = TokenSources.readBounded(source, streams.in());
    try {
      if (!holdsSeed(bytes)) {
        return new UserInput(
            null, TokenSources.fromBytes(bytes, Inputs.describe("user JWT file", source)));
      }
      Creds creds = stdin ? Creds.parse(bytes) : Creds.read(Path.of(source));
      return new UserInput(creds, "");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Whether a line looks like a seed (long base32 starting with S), valid or not. */
  private static boolean holdsSeed(byte[] text) {
    char[] line = KeySources.firstNonBlankLine(text, 'S');
    try {
      if (line == null || line.length < 56) {
        return false;
      }
      for (char c : line) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
          return false;
        }
      }
      return true;
    } finally {
      KeySources.wipe(line);
    }
  }

  private String readSig(String value) {
    if (!Inputs.STDIN.equals(value) && !Inputs.isReadable(value)) {
      return value;
    }
    String text = Inputs.withoutWhiteSpace(Inputs.readSmall(value, "signature file", streams.in()));
    if (text.isEmpty()) {
      throw new InputException(Inputs.describe("signature file", value) + " is empty");
    }
    return text;
  }

  private static String freshNonce() {
    byte[] b = new byte[NONCE_BYTES];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  // ------------------------------------------------------------------ output

  private JsonOut json(
      Verification<VerifiedUser> v, String userJwt, Proof proof, Instant now, String host) {
    JsonOut j = JsonOut.object().bool("accepted", v.isAccepted());
    Optional<Rejection> why = v.rejection();
    j.string("rule", why.map(w -> w.rule().name()).orElse(null))
        .string("message", why.map(Rejection::message).orElse(null))
        .string("hint", why.map(w -> hint(w.rule())).filter(h -> !h.isEmpty()).orElse(null));
    VerifiedUser u = v.verified().orElse(null);
    if (u == null) {
      String subject = null;
      try {
        subject = Jwt.decode(userJwt, UserClaims.class).claims().subject();
      } catch (NatsJwtException e) {
        // null: the rejection says why the token does not decode.
      }
      j.string("operator", null)
          .string("account", null)
          .string("user", subject)
          .string("user_name", null)
          .object("signer", null)
          .string("nonce_signature", null)
          .object("permissions", null)
          .object("limits", null);
    } else {
      VerifiedAccount a = u.account();
      String kind = !u.isSignedBySigningKey() ? "account" : u.isScoped() ? "scoped" : "signing_key";
      j.string("operator", u.operatorKey())
          .object(
              "account",
              JsonOut.object()
                  .string("public_key", a.publicKey())
                  .string("name", a.name())
                  .bool("system_account", a.isSystemAccount())
                  .string("issuer", a.issuer())
                  .bool("issued_by_signing_key", a.isIssuedBySigningKey()))
          .string("user", u.publicKey())
          .string("user_name", u.name())
          .object(
              "signer",
              JsonOut.object()
                  .string("public_key", u.signingKey())
                  .string("kind", kind)
                  .string("role", u.scope().map(sc -> sc.role()).orElse(null)))
          .string(
              "nonce_signature",
              u.isBearer() ? "not_needed" : u.isNonceSignatureVerified() ? "verified" : "assumed")
          .object("permissions", jsonPermissions(u.permissions()))
          .object("limits", jsonLimits(u));
    }
    return j.object(
        "checked_as",
        JsonOut.object()
            .string("profile", Profiles.value(profile))
            .number("time", now.getEpochSecond())
            .string("connection_type", connectionType.value())
            .string("client_ip", host.isEmpty() ? null : host)
            .string("nonce", proof.name().toLowerCase(java.util.Locale.ROOT)));
  }

  private static JsonOut jsonPermissions(EffectivePermissions p) {
    return JsonOut.object()
        .string("source", p.source().name().toLowerCase(java.util.Locale.ROOT))
        .strings("pub_allow", p.publishAllow().orElse(null))
        .strings("pub_deny", p.publishDeny())
        .strings("sub_allow", p.subscribeAllow().orElse(null))
        .strings("sub_deny", p.subscribeDeny())
        .object(
            "resp",
            p.responsePermission()
                .map(
                    r ->
                        JsonOut.object()
                            .number("max", r.max())
                            .number("ttl_ms", r.ttl().isNegative() ? -1 : r.ttl().toMillis()))
                .orElse(null));
  }

  private static JsonOut jsonLimits(VerifiedUser u) {
    UserPermissionLimits l = u.permissionLimits();
    List<JsonOut> times = new ArrayList<>();
    for (TimeRange t : l.times()) {
      times.add(JsonOut.object().string("start", t.start()).string("end", t.end()));
    }
    return JsonOut.object()
        .number("max_subscriptions", u.maxSubscriptions())
        .number("max_payload", u.maxPayload())
        .bool("bearer", u.isBearer())
        .strings(
            "connection_types",
            u.allowedConnectionTypes().stream()
                .map(ConnectionType::value)
                .sorted()
                .collect(Collectors.toList()))
        .strings("src", l.src())
        .objects("times", times)
        .string("times_location", l.timesLocation())
        .numberOrNull("disconnect_at", u.disconnectAt().map(Instant::getEpochSecond).orElse(null));
  }

  private static void accepted(
      Report r, TrustVerifier verifier, VerifiedUser u, Proof proof, Instant now) {
    boolean assumed = !u.isBearer() && !u.isNonceSignatureVerified();
    r.line(
        assumed
            ? "accepted, if the client holds the user's seed (the nonce signature was NOT checked)"
            : "accepted");
    VerifiedAccount a = u.account();
    r.section(
        "chain",
        () -> {
          r.field("operator", operator(verifier, u.operatorKey()));
          r.field(
              "account",
              a.publicKey()
                  + named(a.name())
                  + (a.isSystemAccount() ? ", the system account" : "")
                  + ", issued by "
                  + (a.isIssuedBySigningKey()
                      ? "operator signing key " + a.issuer()
                      : "the operator's own key"));
          r.field("user signer", signer(u));
          r.field("user", u.publicKey() + named(u.name()));
          r.field("nonce signature", proofResult(u, proof));
        });
    permissions(r, u);
    limits(r, u, now);
  }

  private static String operator(TrustVerifier verifier, String key) {
    for (OperatorClaims op : verifier.operators()) {
      if (op.subject().equals(key)) {
        return key + named(op.name()) + " (trusted)";
      }
    }
    return key + " (trusted key)";
  }

  private static String signer(VerifiedUser u) {
    if (!u.isSignedBySigningKey()) {
      return u.signingKey() + " (the account's own key)";
    }
    if (u.isScoped()) {
      String role = u.scope().map(s -> s.role()).orElse("");
      return u.signingKey()
          + " (scoped signing key"
          + (role.isEmpty() ? "" : ", role \"" + role + "\"")
          + ": its template sets the permissions and limits)";
    }
    return u.signingKey() + " (a signing key of the account)";
  }

  private static String proofResult(VerifiedUser u, Proof proof) {
    if (u.isBearer()) {
      return "not asked for: the user is a bearer token, so anyone holding the JWT can connect";
    }
    if (!u.isNonceSignatureVerified()) {
      return "NOT CHECKED (assumed): only the user JWT was given";
    }
    return proof == Proof.GIVEN
        ? "verified: --sig is the nonce signed with the user's seed"
        : "verified: the creds file's seed signed the nonce";
  }

  private static void permissions(Report r, VerifiedUser u) {
    EffectivePermissions p = u.permissions();
    r.section(
        "permissions",
        () -> {
          switch (p.source()) {
            case USER:
              r.field("from", u.isScoped() ? "the scoped signing key's template" : "the user JWT");
              break;
            case ACCOUNT_DEFAULTS:
              r.field("from", "the account's default permissions (the user has none of its own)");
              break;
            default:
              r.field("from", "none: neither the user nor the account restricts anything");
              break;
          }
          boolean replies = p.responsePermission().isPresent();
          r.list(
              "publish allow",
              p.publishAllow()
                  .map(
                      l ->
                          l.isEmpty()
                              ? List.of(replies ? "(nothing but replies)" : "(nothing)")
                              : l)
                  .orElse(List.of("(any)")));
          r.list("publish deny", orNone(p.publishDeny()));
          r.list("subscribe allow", p.subscribeAllow().orElse(List.of("(any)")));
          r.list("subscribe deny", orNone(p.subscribeDeny()));
          p.responsePermission().ifPresent(resp -> r.field("responses", responses(resp)));
        });
  }

  private static List<String> orNone(List<String> l) {
    return l.isEmpty() ? List.of("(none)") : l;
  }

  private static String responses(ResponsePermission resp) {
    return "may reply to requests it receives: "
        + (resp.max() < 0
            ? "any number of replies"
            : "up to " + resp.max() + (resp.max() == 1 ? " reply" : " replies"))
        + (resp.ttl().isNegative()
            ? ", without time limit"
            : " within " + Times.format(resp.ttl()));
  }

  private static void limits(Report r, VerifiedUser u, Instant now) {
    UserPermissionLimits l = u.permissionLimits();
    r.section(
        "limits",
        () -> {
          r.field(
              "max subscriptions",
              u.maxSubscriptions() < 0 ? "unlimited" : Long.toString(u.maxSubscriptions()));
          r.field("max payload", u.maxPayload() < 0 ? "unlimited" : u.maxPayload() + " bytes");
          r.flag("bearer token", u.isBearer());
          r.field(
              "connection types",
              u.allowedConnectionTypes().isEmpty()
                  ? "any"
                  : u.allowedConnectionTypes().stream()
                      .map(ConnectionType::value)
                      .sorted()
                      .collect(Collectors.joining(", ")));
          r.list("source networks", l.src());
          List<String> windows = new ArrayList<>();
          for (TimeRange t : l.times()) {
            windows.add(t.start() + " to " + t.end());
          }
          r.list(
              "connect times"
                  + (windows.isEmpty() || l.timesLocation().isEmpty()
                      ? ""
                      : " (" + l.timesLocation() + ")"),
              windows);
          r.field("disconnect at", disconnect(u, now));
        });
  }

  private static String disconnect(VerifiedUser u, Instant now) {
    Optional<Instant> at = u.disconnectAt();
    if (at.isEmpty()) {
      return "never";
    }
    long s = at.get().getEpochSecond();
    boolean expiry = u.claims().expiresAt().map(e -> e.equals(at.get())).orElse(false);
    return Times.formatDate(s)
        + ", "
        + Times.relative(s, now)
        + (expiry ? " (the user JWT expires)" : " (the connect time window ends)");
  }

  private void rejected(Report r, Rejection why, String userJwt) {
    r.line("rejected: " + why.rule());
    r.indented(
        () -> {
          r.line(why.message());
          String hint = hint(why.rule());
          if (!hint.isEmpty()) {
            r.line("hint: " + hint);
          }
        });
    try {
      UserClaims c = Jwt.decode(userJwt, UserClaims.class).claims();
      r.section(
          "user JWT",
          () -> {
            r.field("user", c.subject() + named(c.name()));
            r.field("signed by", c.issuer());
            r.field("issuer account", c.issuerAccount());
          });
    } catch (NatsJwtException e) {
      // The rejection already says why the token does not decode.
    }
  }

  /** What to change on this command line, where the library's message speaks of configuration. */
  private String hint(Rule rule) {
    switch (rule) {
      case ACCOUNT_NOT_FOUND:
        return "give the account's JWT with --account"
            + (resolverDir != null ? ", or store it as <account key>.jwt in --resolver-dir" : "");
      case ACCOUNT_UNTRUSTED_ISSUER:
        return "trust the account's operator with --operator <operator JWT>";
      case SOURCE_NOT_ALLOWED:
        return clientIp == null ? "give the client's address with --client-ip" : "";
      case CONNECTION_TYPE_NOT_ALLOWED:
        return "--connection-type says how the client connects (now "
            + connectionType.value()
            + ")";
      case OUTSIDE_TIME_WINDOW:
        return "--at decides as at another time";
      case SCOPED_USER_HAS_PERMISSIONS:
        return "re-issue the user with 'natsjwt creds generate --scoped --issuer-account <A...>'"
            + " and no --pub-*/--sub-*/--bearer options; the key's template supplies them";
      default:
        return "";
    }
  }

  private void checkedAs(Report r, Proof proof, Instant now, String host) {
    r.section(
        "checked as",
        () -> {
          r.field("server profile", Profiles.describe(profile));
          r.field("time", Times.formatDate(now.getEpochSecond()) + (at == null ? " (now)" : ""));
          r.field("connection type", connectionType.value());
          r.field("client address", host.isEmpty() ? "not given (--client-ip)" : host);
          r.field("nonce signature", proofInput(proof));
        });
  }

  private String proofInput(Proof proof) {
    switch (proof) {
      case CREDS:
        return "a fresh nonce, signed by this tool with the creds file's seed";
      case CREDS_GIVEN_NONCE:
        return "--nonce, signed by this tool with the creds file's seed";
      case GIVEN:
        return "--sig over --nonce, as the client sent them";
      case NOT_NEEDED:
        return "none given, and none needed: the user is a bearer token";
      default:
        return "NOT CHECKED: only the user JWT was given, so whether the client holds the user's"
            + " seed is assumed; give the creds file, or --nonce and --sig, to check it";
    }
  }

  private static String named(String name) {
    return name.isEmpty() ? "" : " \"" + name + "\"";
  }
}
