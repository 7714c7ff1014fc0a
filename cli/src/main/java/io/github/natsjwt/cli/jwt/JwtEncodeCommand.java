package io.github.natsjwt.cli.jwt;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ActivationClaims;
import io.github.natsjwt.claims.AuthorizationRequestClaims;
import io.github.natsjwt.claims.AuthorizationResponseClaims;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.OperatorClaims;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsjwt jwt encode}: signs claims given as JSON and prints the token. */
@Command(
    name = "encode",
    description = {
      "Sign claims given as JSON (the JWT payload: common fields at the top, the rest under"
          + " \"nats\") and print the token.",
      "The issuer (iss), issue time (iat), ID (jti) and format version are set when signing; the"
          + " key's type must be allowed to issue the claims (an account key for users, an"
          + " operator or account key for accounts, ...). Validation findings are printed as"
          + " warnings on standard error."
    })
public final class JwtEncodeCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "<seedfile|->",
      description =
          "File holding the issuer's seed (the first line that is a valid key is used; a creds"
              + " file works), or - for standard input. Never the seed itself.")
  private String keySource;

  @Option(
      names = "--type",
      paramLabel = "<type>",
      completionCandidates = TypeNames.class,
      description =
          "The claim type, when the JSON has no nats.type: ${COMPLETION-CANDIDATES}. The claims"
              + " then start from those of a new claim of the type (unlimited limits, ...), which"
              + " the JSON's fields override. Must agree with nats.type when both are given.")
  private @Nullable String type;

  @Option(names = "--name", paramLabel = "<name>", description = "Set the name.")
  private @Nullable String name;

  @Option(
      names = "--expires",
      paramLabel = "<duration>",
      description =
          "Set the expiry this long after the issue time: 30m, 24h, 90d, 1y, 1d12h, or ISO-8601"
              + " such as PT12H.")
  private @Nullable String expires;

  @Option(
      names = "--issued-at",
      paramLabel = "<time>",
      description =
          "Stamp this issue time (2030-01-01T00:00:00Z, 2030-01-01 or Unix seconds) instead of"
              + " now, for reproducible tokens.")
  private @Nullable String issuedAt;

  @Parameters(
      index = "0",
      paramLabel = "<claims.json|->",
      description = "The claims as JSON, or - for standard input.")
  private String claimsSource;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public JwtEncodeCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, keySource, claimsSource);
    Optional<ClaimType> claimType = type == null ? Optional.empty() : Optional.of(claimType(type));
    Instant iat =
        issuedAt != null
            ? Times.parseInstant(issuedAt, "--issued-at")
            : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    @Nullable Duration lifetime =
        expires == null ? null : Times.parseDuration(expires, "--expires");

    JsonTree.Obj payload = readClaims();
    completeNats(payload, claimType);
    if (name != null) {
      payload.put("name", JsonTree.Scalar.string(name));
    }
    if (lifetime != null) {
      payload.put("exp", JsonTree.Scalar.number(expiry(iat, lifetime)));
    }
    Claims claims = Claims.fromJson(JsonTree.compact(payload));

    String token;
    try (NKey key = KeySources.readSeed(keySource, "--key", streams.in())) {
      token = Jwt.encode(claims, key, Clock.fixed(iat, ZoneOffset.UTC));
    }
    List<ValidationIssue> issues = Jwt.decode(token).claims().validate(Instant.now()).issues();
    for (ValidationIssue i : issues) {
      streams.warn(
          (i.blocking() ? "blocking validation issue: " : i.timeCheck() ? "time check: " : "")
              + i.description());
    }
    streams.out().println(token);
    streams.out().flush();
    return ExitCodes.OK;
  }

  private JsonTree.Obj readClaims() {
    String where = Inputs.describe("claims file", claimsSource);
    byte[] bytes = Inputs.readAll(claimsSource, "claims file", streams.in());
    if (bytes.length > Jwt.MAX_TOKEN_BYTES) {
      throw new InputException(where + " is larger than the largest JWT (1 MiB)");
    }
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      // A byte order mark, which editors on Windows write: not part of the JSON.
      bytes = Arrays.copyOfRange(bytes, 3, bytes.length);
    }
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      throw new InputException(where + " is empty; it should hold the claims as a JSON object");
    }
    return JsonTree.parse(
        bytes,
        where,
        where
            + " must hold a JSON object (the JWT payload, such as"
            + " {\"sub\":\"U...\",\"nats\":{...}})");
  }

  /**
   * Fills in {@code nats.type} from {@code --type} and {@code nats.version} (which the library
   * needs to read typed claims) where the JSON leaves them out, and refuses a contradicting type.
   */
  private static void completeNats(JsonTree.Obj payload, Optional<ClaimType> t) {
    Optional<String> v1Type = stringMember(payload, "type");
    if (v1Type.isPresent() && !v1Type.get().isEmpty()) {
      // A version 1 payload names its type at the top level and has no version.
      t.ifPresent(type -> checkAgrees(type, v1Type.get(), "type"));
      return;
    }
    Optional<JsonTree.Member> natsMember = payload.find("nats");
    JsonTree.Obj nats;
    if (natsMember.isEmpty() || isNull(natsMember.get().value)) {
      if (t.isEmpty()) {
        return;
      }
      nats = new JsonTree.Obj();
      payload.put("nats", nats);
    } else if (natsMember.get().value instanceof JsonTree.Obj) {
      nats = (JsonTree.Obj) natsMember.get().value;
    } else {
      // Not an object: let the library say what is wrong with it.
      return;
    }
    Optional<String> natsType = stringMember(nats, "type").filter(s -> !s.isEmpty());
    if (t.isPresent()) {
      if (natsType.isPresent()) {
        checkAgrees(t.get(), natsType.get(), "nats.type");
      } else if (t.get() != ClaimType.GENERIC) {
        // New claims: start from what a new claim of the type holds (unlimited limits and so on,
        // as nsc writes them), so that a field left out does not become a limit of 0.
        JsonTree.Obj defaults = newClaimsNats(t.get());
        merge(defaults, nats);
        nats = defaults;
        payload.put("nats", nats);
      }
    }
    Optional<JsonTree.Member> version = nats.find("version");
    if (version.isEmpty() || isNull(version.get().value)) {
      nats.put("version", JsonTree.Scalar.number(Claims.VERSION));
    }
  }

  /** Returns the {@code nats} object of a new claim of a type (the type included). */
  private static JsonTree.Obj newClaimsNats(ClaimType t) {
    Claims fresh;
    switch (t) {
      case OPERATOR:
        fresh = OperatorClaims.builder("").build();
        break;
      case ACCOUNT:
        fresh = AccountClaims.builder("").build();
        break;
      case USER:
        fresh = UserClaims.builder("").build();
        break;
      case ACTIVATION:
        fresh = ActivationClaims.builder("").build();
        break;
      case AUTHORIZATION_REQUEST:
        fresh = AuthorizationRequestClaims.builder("").build();
        break;
      case AUTHORIZATION_RESPONSE:
        fresh = AuthorizationResponseClaims.builder("").build();
        break;
      default:
        throw new IllegalArgumentException("no defaults for " + t);
    }
    JsonTree.Obj json =
        JsonTree.parse(
            fresh.toJson().getBytes(StandardCharsets.UTF_8),
            "new claims",
            "new claims are not a JSON object");
    return (JsonTree.Obj) json.find("nats").orElseThrow().value;
  }

  /** Lays {@code over} onto {@code base}: objects merge member by member, other values replace. */
  private static void merge(JsonTree.Obj base, JsonTree.Obj over) {
    for (JsonTree.Member m : over.members) {
      Optional<JsonTree.Member> existing = base.find(m.key);
      if (existing.isPresent()
          && existing.get().value instanceof JsonTree.Obj
          && m.value instanceof JsonTree.Obj) {
        merge((JsonTree.Obj) existing.get().value, (JsonTree.Obj) m.value);
      } else {
        base.put(m.key, m.value);
      }
    }
  }

  private static void checkAgrees(ClaimType t, String written, String field) {
    boolean agrees =
        t == ClaimType.GENERIC
            ? ClaimType.ofJsonName(written).isEmpty()
            : t.jsonName().equals(written);
    if (!agrees) {
      throw new InputException(
          "--type "
              + t.jsonName()
              + " contradicts "
              + field
              + " \""
              + written
              + "\" in the claims");
    }
  }

  private static Optional<String> stringMember(JsonTree.Obj o, String key) {
    return o.find(key)
        .map(m -> m.value)
        .filter(JsonTree.Scalar.class::isInstance)
        .flatMap(v -> ((JsonTree.Scalar) v).stringValue());
  }

  private static boolean isNull(JsonTree.Value v) {
    return v instanceof JsonTree.Scalar && ((JsonTree.Scalar) v).isNull();
  }

  private static long expiry(Instant iat, Duration lifetime) {
    try {
      return Math.addExact(iat.getEpochSecond(), lifetime.getSeconds());
    } catch (ArithmeticException e) {
      throw new InputException("--expires is too far in the future", e);
    }
  }

  private static ClaimType claimType(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    return ClaimType.ofJsonName(v)
        .orElseThrow(
            () ->
                new InputException(
                    "--type '"
                        + value
                        + "' is not a claim type; use one of "
                        + String.join(", ", names())));
  }

  private static List<String> names() {
    return Arrays.stream(ClaimType.values()).map(ClaimType::jsonName).toList();
  }

  /** Offers the claim type names for help and shell completion. */
  static final class TypeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
