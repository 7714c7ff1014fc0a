package io.github.natsjwt.cli.creds;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.Redaction;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.nats.JsonOut;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.creds.CredsErrorCode;
import io.github.natsjwt.creds.CredsFormat;
import io.github.natsjwt.creds.CredsFormatException;
import io.github.natsjwt.jwt.DecodedJwt;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code natsjwt creds inspect}: shows what a creds file holds, and whether it is usable. */
@Command(
    name = "inspect",
    description = {
      "Show the user JWT of a creds file (subject, issuer, name, expiry, permissions, limits),"
          + " the public key of its seed and whether it matches, and any validation issues.",
      "The seed is never printed."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  the creds are usable",
      "  1  the user JWT is expired, not yet valid, or fails validation",
      "  2  not a usable creds file: no JWT or seed, a malformed one, a seed that does not match"
    })
public final class CredsInspectCommand implements Callable<Integer> {
  private static final int WIDTH = 18;

  private final StdStreams streams;

  @Parameters(
      index = "0",
      paramLabel = "<file|->",
      description = "The creds file, or - to read it from standard input.")
  private String source;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public CredsInspectCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    boolean stdin = Inputs.STDIN.equals(source);
    String file = stdin ? "standard input" : source;
    byte[] bytes = null;
    Creds creds;
    try {
      if (stdin) {
        bytes = Inputs.readSmall(source, "creds file", streams.in());
        creds = Creds.parse(bytes);
      } else {
        creds = Creds.read(path(source));
      }
    } catch (CredsFormatException e) {
      if (json) {
        if (bytes == null && e.code() != CredsErrorCode.TOO_LARGE) {
          bytes = readQuietly(path(source));
        }
        jsonFailure(file, e.code() == CredsErrorCode.TOO_LARGE ? new byte[0] : bytes, e);
        throw e;
      }
      row("file", file);
      if (e.code() != CredsErrorCode.TOO_LARGE) {
        if (bytes == null) {
          bytes = readQuietly(path(source));
        }
        showWhatCanBeRead(bytes);
      }
      row("usable", "no");
      streams.out().flush();
      throw e;
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    try (creds) {
      if (!json) {
        row("file", file);
      }
      return inspect(creds, Clock.systemUTC());
    }
  }

  private int inspect(Creds creds, Clock clock) {
    if (json) {
      ValidationResult result = creds.claims().validate(clock);
      boolean blocking = result.isBlocking(true);
      streams
          .out()
          .println(
              jsonDoc(
                  file(), creds.decodedJwt(), creds.userKey(), result.issues(), !blocking, null));
      streams.out().flush();
      return blocking ? invalid(result) : ExitCodes.OK;
    }
    showJwt(creds.decodedJwt());
    showSeed(creds.userKey(), creds.claims().subject());
    ValidationResult result = creds.claims().validate(clock);
    showValidation(result);
    boolean blocking = result.isBlocking(true);
    row("usable", blocking ? "no" : "yes");
    streams.out().flush();
    if (!blocking) {
      return ExitCodes.OK;
    }
    return invalid(result);
  }

  private int invalid(ValidationResult result) {
    String why =
        result.issues().stream()
            .filter(i -> i.blocking() || i.timeCheck())
            .map(ValidationIssue::description)
            .collect(Collectors.joining("; "));
    streams.err().println(Main.NAME + ": " + Redaction.redact("the user JWT is not valid: " + why));
    streams.err().flush();
    return ExitCodes.VERIFICATION_FAILED;
  }

  private String file() {
    return Inputs.STDIN.equals(source) ? "standard input" : source;
  }

  /** Prints the JSON document of a file that is not usable creds: what can still be read. */
  private void jsonFailure(String file, byte[] bytes, CredsFormatException e) {
    DecodedJwt<UserClaims> jwt = null;
    try {
      jwt = Jwt.decode(CredsFormat.parseJwt(bytes), UserClaims.class);
    } catch (NatsJwtException ignored) {
      // Shown as null.
    }
    NKey key = null;
    try {
      key = CredsFormat.parseSeed(bytes);
    } catch (NatsJwtException ignored) {
      // Shown as null.
    }
    try {
      streams
          .out()
          .println(
              jsonDoc(
                  file,
                  jwt,
                  key,
                  List.of(),
                  false,
                  Redaction.redact(String.valueOf(e.getMessage()))));
      streams.out().flush();
    } finally {
      if (key != null) {
        key.close();
      }
    }
  }

  private static JsonOut jsonDoc(
      String file,
      @Nullable DecodedJwt<UserClaims> jwt,
      @Nullable NKey key,
      List<ValidationIssue> issues,
      boolean usable,
      @Nullable String error) {
    JsonOut j = JsonOut.object().string("file", file).bool("usable", usable).string("error", error);
    JsonOut user = null;
    if (jwt != null) {
      UserClaims c = jwt.claims();
      UserPermissionLimits p = c.permissionLimits();
      List<JsonOut> times = new ArrayList<>();
      for (TimeRange t : p.times()) {
        times.add(JsonOut.object().string("start", t.start()).string("end", t.end()));
      }
      user =
          JsonOut.object()
              .string("subject", c.subject())
              .string("name", c.name())
              .string("issuer", c.issuer())
              .string("issuer_account", c.issuerAccount().isEmpty() ? null : c.issuerAccount())
              .numberOrNull("issued_at", seconds(c.issuedAtSeconds()))
              .numberOrNull("not_before", seconds(c.notBeforeSeconds()))
              .numberOrNull("expires", seconds(c.expiresAtSeconds()))
              .number("version", jwt.isV1() ? 1 : 2)
              .bool("bearer", c.isBearerToken())
              .object("pub", permission(c.permissions().pub()))
              .object("sub", permission(c.permissions().sub()))
              .object(
                  "resp",
                  c.permissions()
                      .resp()
                      .map(
                          r ->
                              JsonOut.object()
                                  .number("max", r.max())
                                  .number("ttl_ms", r.ttl().toMillis()))
                      .orElse(null))
              .number("subs", p.subs())
              .number("data", p.data())
              .number("payload", p.payload())
              .strings("src", p.src())
              .objects("times", times)
              .string("times_location", p.timesLocation())
              .strings(
                  "connection_types",
                  p.allowedConnectionTypes().stream()
                      .map(ConnectionType::value)
                      .collect(Collectors.toList()))
              .strings("tags", c.tags());
    }
    j.object("jwt", user);
    JsonOut seed = null;
    if (key != null) {
      String subject = jwt == null ? null : jwt.claims().subject();
      seed =
          JsonOut.object()
              .string("type", key.type().name().toLowerCase(Locale.ROOT))
              .string("public_key", key.publicKey());
      if (subject == null) {
        seed.string("matches_jwt", null);
      } else {
        seed.bool("matches_jwt", key.type() == NKeyType.USER && key.publicKey().equals(subject));
      }
    }
    j.object("seed", seed);
    List<JsonOut> found = new ArrayList<>();
    for (ValidationIssue i : issues) {
      found.add(
          JsonOut.object()
              .string("kind", i.blocking() ? "error" : i.timeCheck() ? "time" : "warning")
              .string("description", i.description()));
    }
    return j.objects("issues", found);
  }

  private static @Nullable Long seconds(long unix) {
    return unix == 0 ? null : unix;
  }

  private static JsonOut permission(Permission p) {
    return JsonOut.object().strings("allow", p.allow()).strings("deny", p.deny());
  }

  private static Path path(String source) {
    try {
      return Path.of(source);
    } catch (InvalidPathException e) {
      throw new InputException(
          "cannot read creds file '" + source + "': not a valid file name (" + e.getReason() + ")",
          e);
    }
  }

  /** Reads a file that {@link Creds#read} already found small enough; empty when it cannot. */
  private static byte[] readQuietly(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** After a failure, shows the parts that can still be read, so the user sees what is there. */
  private void showWhatCanBeRead(byte[] bytes) {
    String subject = null;
    try {
      DecodedJwt<UserClaims> jwt = Jwt.decode(CredsFormat.parseJwt(bytes), UserClaims.class);
      showJwt(jwt);
      subject = jwt.claims().subject();
    } catch (NatsJwtException e) {
      row("user JWT", "not found or not valid");
    }
    try (NKey key = CredsFormat.parseSeed(bytes)) {
      showSeed(key, subject);
    } catch (NatsJwtException e) {
      row("seed", "not found or not valid");
    }
  }

  private void showJwt(DecodedJwt<UserClaims> jwt) {
    UserClaims c = jwt.claims();
    UserPermissionLimits p = c.permissionLimits();
    row("user", c.subject());
    row("name", c.name().isEmpty() ? "(none)" : c.name());
    row("issuer", c.issuer());
    row(
        "issuer account",
        c.issuerAccount().isEmpty()
            ? "(none: the account's own key signed it)"
            : c.issuerAccount() + " (signed with one of its signing keys)");
    row("issued at", c.issuedAtSeconds() == 0 ? "(not set)" : instant(c.issuedAtSeconds()));
    if (c.notBeforeSeconds() != 0) {
      row("not before", instant(c.notBeforeSeconds()));
    }
    row("expires", c.expiresAtSeconds() == 0 ? "never" : instant(c.expiresAtSeconds()));
    row("format", jwt.isV1() ? "JWT v1 (legacy)" : "JWT v2");
    row("bearer token", c.isBearerToken() ? "yes (no signature with the seed is asked for)" : "no");
    if (c.hasEmptyPermissions() && !c.issuerAccount().isEmpty()) {
      row("scope", "no permissions or limits of its own; a scoped signing key supplies them");
    }
    permission("pub", c.permissions().pub());
    permission("sub", c.permissions().sub());
    c.permissions().resp().ifPresent(this::responses);
    row("subs", limit(p.subs(), ""));
    row("data", limit(p.data(), " bytes"));
    row("payload", limit(p.payload(), " bytes"));
    if (!p.src().isEmpty()) {
      row("source networks", String.join(", ", p.src()));
    }
    if (!p.times().isEmpty()) {
      row(
          "connect times",
          p.times().stream().map(CredsInspectCommand::range).collect(Collectors.joining(", "))
              + (p.timesLocation().isEmpty()
                  ? " (server's local time)"
                  : " (" + p.timesLocation() + ")"));
    }
    if (!p.allowedConnectionTypes().isEmpty()) {
      row(
          "connection types",
          p.allowedConnectionTypes().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", ")));
    }
    if (p.proxyRequired()) {
      row("proxy required", "yes");
    }
    if (!c.tags().isEmpty()) {
      row("tags", String.join(", ", c.tags()));
    }
  }

  private void showSeed(NKey key, @Nullable String subject) {
    row("seed", key.type().name().toLowerCase(Locale.ROOT) + " seed (not shown)");
    row("seed public key", key.publicKey());
    if (subject != null) {
      row(
          "seed matches JWT",
          key.type() == NKeyType.USER && key.publicKey().equals(subject)
              ? "yes"
              : "no (the JWT's subject is " + subject + ")");
    }
  }

  private void showValidation(ValidationResult result) {
    if (result.isEmpty()) {
      row("validation", "ok");
      return;
    }
    row(
        "validation",
        result.issues().size() + (result.issues().size() == 1 ? " issue" : " issues"));
    for (ValidationIssue i : result.issues()) {
      String kind = i.blocking() ? "error" : i.timeCheck() ? "time" : "warning";
      streams.out().println("  " + kind + ": " + i.description());
    }
  }

  private void permission(String name, Permission p) {
    row(name + " allow", p.allow().isEmpty() ? "(any)" : quoted(p.allow()));
    if (!p.deny().isEmpty()) {
      row(name + " deny", quoted(p.deny()));
    }
  }

  private void responses(ResponsePermission r) {
    row("responses", "max " + r.max() + " within " + duration(r.ttl()));
  }

  private static String quoted(List<String> subjects) {
    return subjects.stream()
        .map(s -> s.indexOf(' ') >= 0 ? "\"" + s + "\"" : s)
        .collect(Collectors.joining(", "));
  }

  private static String limit(long value, String unit) {
    return value == UserPermissionLimits.NO_LIMIT ? "unlimited" : value + unit;
  }

  private static String range(TimeRange t) {
    return t.start() + "-" + t.end();
  }

  private static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private void row(String label, String value) {
    StringBuilder sb = new StringBuilder(label).append(':');
    while (sb.length() < WIDTH) {
      sb.append(' ');
    }
    streams.out().println(sb.append(value));
  }

  /** Unix seconds as an ISO-8601 instant; a token may hold any int64, beyond Instant's range. */
  private static String instant(long seconds) {
    return seconds >= Instant.MIN.getEpochSecond() && seconds <= Instant.MAX.getEpochSecond()
        ? Instant.ofEpochSecond(seconds).toString()
        : seconds + " seconds since 1970 (beyond java.time.Instant)";
  }
}
