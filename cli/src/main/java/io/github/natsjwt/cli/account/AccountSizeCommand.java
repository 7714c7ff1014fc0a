package io.github.natsjwt.cli.account;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ClaimsFormatException;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.TokenSize;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.TokenSources;
import io.github.natsjwt.jwt.JwtDecoder;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code natsjwt account size}: how much of the size limits an account JWT uses, by field, and how
 * many more scoped signing keys fit.
 */
@Command(
    name = "size",
    description = {
      "Show the size budget of an account JWT: the bytes each field takes (revocations,"
          + " signing_keys, exports, imports, mappings, other), and the headroom below each limit"
          + " that applies: the 1 MiB token cap of nats-server 2.12.6+ (and of this library's"
          + " decoder), and the max_payload of the connection that pushes it on"
          + " $SYS.REQ.CLAIMS.UPDATE (the request payload is the JWT itself; 1 MiB by default,"
          + " lowered by the system account's payload limit). A limit at 80%% or more is marked"
          + " WARNING, one exceeded OVER.",
      "With a scope template (--template or --template-bytes), or else like the account's largest"
          + " scoped signing key, it projects how many more per-user scoped signing keys fit"
          + " before the tightest limit. Findings do not change the exit code."
    })
public final class AccountSizeCommand implements Callable<Integer> {
  /** Tokens up to this size are measured; larger ones are refused unread. */
  static final int MAX_MEASURED_BYTES = 16 << 20;

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<token|file|->",
      description = "The account JWT; or a file holding it; or - for standard input.")
  private String source;

  @Option(
      names = "--max-payload",
      paramLabel = "<bytes>",
      description = "The servers' max_payload (default: ${DEFAULT-VALUE}, the server default).",
      defaultValue = "1048576")
  private long maxPayload;

  @Option(
      names = "--system-account",
      paramLabel = "<token|file>",
      description =
          "The system account's JWT: its limits.payload, when set, also bounds a push (its users"
              + " make the request).")
  private @Nullable String systemAccount;

  @Option(
      names = "--template",
      paramLabel = "<json|file>",
      description =
          "A scope template (the \"template\" object of a scoped signing key, as JSON, or a file"
              + " holding it) for the projection.")
  private @Nullable String template;

  @Option(
      names = "--template-bytes",
      paramLabel = "<bytes>",
      description = "The size of the scope template's JSON, instead of --template.")
  private @Nullable Long templateBytes;

  @Option(
      names = "--role",
      paramLabel = "<role>",
      description = "The role each new scoped key will have (default: empty).",
      defaultValue = "")
  private String role;

  @Option(names = "--json", description = "Print one JSON object instead (see cli/README.md).")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public AccountSizeCommand(StdStreams streams) {
    this.streams = streams;
  }

  /** A size limit and where it comes from. */
  record Limit(String id, String description, long bytes) {}

  @Override
  public Integer call() {
    if (template != null && templateBytes != null) {
      throw new InputException("give --template or --template-bytes, not both");
    }
    if (maxPayload < 1) {
      throw new InputException("--max-payload is " + maxPayload + "; it must be at least 1");
    }
    Inputs.requireAtMostOneStdin(spec, source, systemAccount, template);
    AccountClaims account = readAccount(source);
    TokenSize size = TokenSize.of(account);

    List<Limit> limits = new ArrayList<>();
    limits.add(
        new Limit(
            "token_cap",
            "token cap of nats-server 2.12.6+ and Jwt.decode",
            TokenSize.MAX_TOKEN_BYTES));
    long push = maxPayload;
    String pushFrom = "max_payload";
    if (systemAccount != null) {
      long p = readAccount(systemAccount).limits().payload();
      if (p != OperatorLimits.NO_LIMIT && p < push) {
        push = p;
        pushFrom = "system account limits.payload";
      }
    }
    limits.add(
        new Limit("push_max_payload", "push on $SYS.REQ.CLAIMS.UPDATE (" + pushFrom + ")", push));
    Limit tightest = limits.stream().min(Comparator.comparingLong(Limit::bytes)).orElseThrow();

    UserScope sample = sampleScope(account);
    long entry = sample == null ? 0 : entryBytes(sample);
    long more = sample == null ? 0 : size.scopedKeysThatFit(entry, tightest.bytes());

    PrintStream out = streams.out();
    if (json) {
      out.println(json(account, size, limits, tightest, sample, entry, more));
    } else {
      out.print(text(account, size, limits, tightest, sample, entry, more));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private AccountClaims readAccount(String from) {
    String token = TokenSources.read(from, streams.in());
    // Measured, not trusted: a token over the cap is read too, so that its fields can be shown.
    return JwtDecoder.builder()
        .maxTokenBytes(MAX_MEASURED_BYTES)
        .withoutSizeCap()
        .build()
        .decode(token, AccountClaims.class)
        .claims();
  }

  /** The scope the projection adds copies of, or null when there is nothing to project. */
  private @Nullable UserScope sampleScope(AccountClaims account) {
    String key = account.subject(); // any account key: every key has 56 characters
    if (template != null) {
      return UserScope.builder(key).role(role).template(readTemplate(template)).build();
    }
    if (templateBytes != null) {
      if (templateBytes < 2) {
        throw new InputException(
            "--template-bytes is " + templateBytes + "; a template object has at least 2 bytes");
      }
      return UserScope.builder(key).role(role).template(UserPermissionLimits.EMPTY).build();
    }
    return account.signingKeys().scopes().stream()
        .max(Comparator.comparingLong(TokenSize::scopeEntryBytes))
        .orElse(null);
  }

  private long entryBytes(UserScope sample) {
    long bytes = TokenSize.scopeEntryBytes(sample);
    if (templateBytes != null) {
      bytes += templateBytes - TokenSize.templateBytes(UserPermissionLimits.EMPTY);
    }
    return bytes;
  }

  /** Reads a template object as the Go reference reads it inside an account's signing keys. */
  private UserPermissionLimits readTemplate(String value) {
    String text =
        value.strip().startsWith("{")
            ? value
            : new String(
                Inputs.readSmall(value, "template file", streams.in()), StandardCharsets.UTF_8);
    String key = "A".repeat(56);
    String payload =
        "{\"sub\":\""
            + key
            + "\",\"nats\":{\"type\":\"account\",\"version\":2,\"signing_keys\":[{\"kind\":"
            + "\"user_scope\",\"key\":\""
            + key
            + "\",\"role\":\"\",\"template\":"
            + text.strip()
            + "}]}}";
    try {
      Claims c = Claims.fromJson(payload);
      List<UserScope> scopes = ((AccountClaims) c).signingKeys().scopes();
      if (scopes.size() != 1) {
        throw new InputException("--template is not one JSON object");
      }
      return scopes.get(0).template();
    } catch (ClaimsFormatException e) {
      throw new InputException("--template is not a scope template: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ output

  private static String text(
      AccountClaims account,
      TokenSize size,
      List<Limit> limits,
      Limit tightest,
      @Nullable UserScope sample,
      long entry,
      long more) {
    StringBuilder sb = new StringBuilder();
    sb.append("account  ")
        .append(account.subject())
        .append(account.name().isEmpty() ? "" : " (" + account.name() + ")")
        .append('\n');
    sb.append(
        String.format(
            Locale.ROOT,
            "token    %,d bytes (payload JSON %,d bytes)%n",
            size.bytes(),
            size.payloadBytes()));
    sb.append("\nfield          bytes   share\n");
    for (TokenSize.Part p : size.parts()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-12s %,9d  %5.1f%%%n",
              p.field().jsonName(),
              p.bytes(),
              share(p.bytes(), size.bytes())));
    }
    sb.append(
        String.format(
            Locale.ROOT, "%n%-50s %10s  %6s  %9s%n", "limit", "bytes", "used", "headroom"));
    for (Limit l : limits) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-50s %,10d  %5.1f%%  %,9d%s%n",
              l.description(),
              l.bytes(),
              share(size.bytes(), l.bytes()),
              size.headroom(l.bytes()),
              size.bytes() > l.bytes() ? "  OVER" : size.nears(l.bytes()) ? "  WARNING" : ""));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%nwarnings at %d%% of a limit; the tightest is %s, %,d bytes%n",
            TokenSize.WARNING_PERCENT,
            tightest.id(),
            tightest.bytes()));
    if (sample == null) {
      sb.append("scoped keys: no template given (--template or --template-bytes), no projection\n");
    } else {
      sb.append(
          String.format(
              Locale.ROOT,
              "scoped keys: %,d more fit, each %,d bytes of JSON (role \"%s\")%n",
              more,
              entry,
              sample.role()));
    }
    return sb.toString();
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
  }

  private static String json(
      AccountClaims account,
      TokenSize size,
      List<Limit> limits,
      Limit tightest,
      @Nullable UserScope sample,
      long entry,
      long more) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"account\":").append(quote(account.subject()));
    sb.append(",\"name\":").append(quote(account.name()));
    sb.append(",\"bytes\":").append(size.bytes());
    sb.append(",\"payload_bytes\":").append(size.payloadBytes());
    sb.append(",\"warning_percent\":").append(TokenSize.WARNING_PERCENT);
    sb.append(",\"fields\":[");
    String sep = "";
    for (TokenSize.Part p : size.parts()) {
      sb.append(sep)
          .append("{\"field\":")
          .append(quote(p.field().jsonName()))
          .append(",\"bytes\":")
          .append(p.bytes())
          .append(",\"percent\":")
          .append(share(p.bytes(), size.bytes()))
          .append('}');
      sep = ",";
    }
    sb.append("],\"limits\":[");
    sep = "";
    for (Limit l : limits) {
      sb.append(sep)
          .append("{\"limit\":")
          .append(quote(l.id()))
          .append(",\"description\":")
          .append(quote(l.description()))
          .append(",\"bytes\":")
          .append(l.bytes())
          .append(",\"percent_used\":")
          .append(share(size.bytes(), l.bytes()))
          .append(",\"headroom\":")
          .append(size.headroom(l.bytes()))
          .append(",\"warning\":")
          .append(size.nears(l.bytes()))
          .append(",\"over\":")
          .append(size.bytes() > l.bytes())
          .append('}');
      sep = ",";
    }
    sb.append("],\"tightest_limit\":").append(quote(tightest.id()));
    sb.append(",\"projection\":");
    if (sample == null) {
      sb.append("null");
    } else {
      sb.append("{\"entry_bytes\":")
          .append(entry)
          .append(",\"role\":")
          .append(quote(sample.role()))
          .append(",\"limit_bytes\":")
          .append(tightest.bytes())
          .append(",\"more_scoped_keys\":")
          .append(more)
          .append('}');
    }
    return sb.append('}').toString();
  }

  /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
