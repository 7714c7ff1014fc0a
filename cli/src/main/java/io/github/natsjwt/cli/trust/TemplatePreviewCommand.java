package io.github.natsjwt.cli.trust;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.Permissions;
import io.github.natsjwt.claims.ResponsePermission;
import io.github.natsjwt.claims.TimeRange;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.Main;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.cli.jwt.Report;
import io.github.natsjwt.cli.jwt.Times;
import io.github.natsjwt.cli.nats.JsonOut;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import io.github.natsjwt.trust.Rule;
import io.github.natsjwt.trust.ScopeTemplates;
import io.github.natsjwt.trust.ServerProfile;
import io.github.natsjwt.trust.TemplateExpansion;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code natsjwt template preview}: shows what a scoped signing key's template expands to for one
 * user, list by list, as the chosen server version expands it, or why the server rejects the user.
 *
 * <p>The expansion itself is the library's ({@link ScopeTemplates#expand}); which entries were
 * dropped is found by expanding each allow entry on its own with the same user, account and
 * profile, and checking whether anything it yields is in the expanded list.
 */
@Command(
    name = "preview",
    description = {
      "Show what a scoped signing key's template gives a user, or why the server rejects it.",
      "For each permission list: the entries before and after expansion, the entries dropped"
          + " because they expand to no valid subject, and the '>' the server adds to a deny list"
          + " when an allow list loses every entry; then the template's other fields.",
      "The user is a user JWT (--user), or described by --user-key with --name and --tag. The"
          + " account JWT's signature is checked, not its trust: use 'natsjwt verify' for that."
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  the template expands for this user",
      "  1  the server would reject this user: the template rejects it, or the user JWT",
      "     sets permissions of its own",
      "  2  bad input: usage error, unreadable file, malformed JWT, a key that is not a",
      "     scoped signing key of the account"
    })
public final class TemplatePreviewCommand implements Callable<Integer> {
  private static final List<String> DIRECTIONS = List.of("pub", "sub");

  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--account",
      required = true,
      paramLabel = "<jwt|file>",
      description = "The account JWT that holds the scoped signing key, a file holding it, or -.")
  private String account;

  @Option(
      names = "--signing-key",
      required = true,
      paramLabel = "<A...>",
      description = "The scoped signing key's public key, or a file holding it.")
  private String signingKey;

  @Option(
      names = "--user",
      paramLabel = "<jwt|file|->",
      description =
          "The user JWT (its name, key, tags and issuer_account feed the template), a file"
              + " holding it (a creds file works), or -.")
  private @Nullable String user;

  @Option(
      names = "--user-key",
      paramLabel = "<U...>",
      description =
          "Without --user: the user's public key (subject() in templates), or a file holding it.")
  private @Nullable String userKey;

  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "Without --user: the user's name (name() in templates).")
  private @Nullable String name;

  @Option(
      names = "--tag",
      paramLabel = "<key:value>",
      description =
          "Without --user: a user tag (tag(key) in templates), lower-cased as nsc stores tags."
              + " Repeat for more.")
  private List<String> tags = new ArrayList<>();

  @Option(
      names = "--profile",
      paramLabel = "<version>",
      converter = Profiles.class,
      defaultValue = "latest",
      description =
          "The nats-server version whose expansion rules apply: "
              + Profiles.VALUES
              + ". Default: ${DEFAULT-VALUE}.")
  private ServerProfile profile = ServerProfile.LATEST;

  @Option(
      names = "--json",
      description = "Print one JSON object instead (schema in cli/README.md, 'JSON output').")
  private boolean json;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public TemplatePreviewCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    checkOptions();
    AccountClaims ac =
        TrustInputs.read(account, "--account", AccountClaims.class, streams.in()).claims();
    String key = KeySources.readPublicKey(signingKey, "--signing-key", streams.in());
    UserScope scope = scopeOf(ac, key);
    UserClaims uc = readUser(ac, key);

    UserPermissionLimits template = scope.template();
    TemplateExpansion result = ScopeTemplates.expand(template, uc, ac, profile);
    boolean ownPermissions = user != null && !uc.permissionLimits().isEmpty();

    @Nullable Rule rule =
        result.isRejected()
            ? Rule.TEMPLATE_REJECTED
            : ownPermissions ? Rule.SCOPED_USER_HAS_PERMISSIONS : null;
    UserPermissionLimits expanded = result.limits().orElse(null);
    if (json) {
      JsonOut j =
          JsonOut.object()
              .string("signing_key", scope.key())
              .string("role", scope.role())
              .string("account", ac.subject())
              .string("user", uc.subject())
              .string("user_name", uc.name())
              .string("profile", Profiles.value(profile))
              .bool("expanded", !result.isRejected())
              .string("rule", rule == null ? null : rule.name())
              .string("reason", result.rejectionReason().orElse(null));
      for (String d : DIRECTIONS) {
        j.object(d, jsonLists(d, template, expanded, uc, ac));
      }
      streams.out().println(j);
    } else {
      Report r = new Report();
      header(r, ac, scope, uc, result, ownPermissions);
      for (String d : DIRECTIONS) {
        lists(r, d, template, expanded, uc, ac);
      }
      otherFields(r, template);
      streams.out().print(r.text());
    }
    streams.out().flush();

    if (rule == null) {
      return ExitCodes.OK;
    }
    streams.err().println(Main.NAME + ": the server would reject this user (" + rule + ")");
    streams.err().flush();
    return ExitCodes.VERIFICATION_FAILED;
  }

  // ------------------------------------------------------------------ input

  private void checkOptions() {
    List<String> sources = new ArrayList<>(List.of(account, signingKey));
    if (user != null) {
      sources.add(user);
    }
    if (userKey != null) {
      sources.add(userKey);
    }
    Inputs.requireAtMostOneStdin(spec, sources.toArray(new String[0]));
    if (user != null && (userKey != null || name != null || !tags.isEmpty())) {
      throw usage(
          "--user cannot be combined with --user-key, --name or --tag: the user JWT supplies"
              + " them");
    }
    if (user == null && userKey == null) {
      throw usage(
          "give the user with --user <user JWT>, or describe one with --user-key (and --name,"
              + " --tag)");
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static UserScope scopeOf(AccountClaims ac, String key) {
    if (!ac.signingKeys().contains(key)) {
      throw new InputException(
          "--signing-key "
              + key
              + " is not a signing key of account "
              + ac.subject()
              + " ("
              + scopedKeys(ac)
              + ")");
    }
    return ac.signingKeys()
        .scope(key)
        .orElseThrow(
            () ->
                new InputException(
                    "--signing-key "
                        + key
                        + " is a plain signing key of account "
                        + ac.subject()
                        + ", without a template: users it signs keep their own permissions ("
                        + scopedKeys(ac)
                        + ")"));
  }

  private static String scopedKeys(AccountClaims ac) {
    List<String> keys =
        ac.signingKeys().scopes().stream().map(UserScope::key).collect(Collectors.toList());
    return keys.isEmpty()
        ? "the account has no scoped signing keys"
        : "its scoped signing keys: " + String.join(", ", keys);
  }

  private UserClaims readUser(AccountClaims ac, String key) {
    String u = user;
    if (u != null) {
      return TrustInputs.read(u, "--user", UserClaims.class, streams.in()).claims();
    }
    String k =
        KeySources.readPublicKey(Objects.requireNonNull(userKey), "--user-key", streams.in());
    if (NKey.detectPublicKeyType(k).orElse(null) != NKeyType.USER) {
      throw new InputException("--user-key " + k + " is not a user public key (U...)");
    }
    return UserClaims.builder(k)
        .name(name == null ? "" : name)
        .addTags(tags.toArray(new String[0]))
        .issuerAccount(ac.subject())
        .issuer(key)
        .build();
  }

  // ------------------------------------------------------------------ output

  private void header(
      Report r,
      AccountClaims ac,
      UserScope scope,
      UserClaims uc,
      TemplateExpansion result,
      boolean ownPermissions) {
    r.line(
        "template of scoped signing key "
            + scope.key()
            + (scope.role().isEmpty() ? "" : " (role \"" + scope.role() + "\")"));
    r.indented(
        () -> {
          r.field("account", ac.subject() + named(ac.name()));
          r.list("account tags", ac.tags());
          r.field("user", uc.subject() + named(uc.name()));
          r.list("user tags", uc.tags());
          r.field("issuer account", uc.issuerAccount().isEmpty() ? "(none)" : uc.issuerAccount());
          r.field("server profile", Profiles.describe(profile));
          r.field(
              "result", result.rejectionReason().map(why -> "rejected: " + why).orElse("expanded"));
          if (user != null && !uc.issuer().equals(scope.key())) {
            r.line(
                "note: the user JWT is signed by "
                    + uc.issuer()
                    + ", not by this key; the server applies the template of the key that"
                    + " signed it");
          }
          if (ownPermissions) {
            r.line(
                "note: the user JWT sets permissions or limits of its own, so the server rejects"
                    + " it (SCOPED_USER_HAS_PERMISSIONS) before the template applies; re-issue it"
                    + " without them");
          }
        });
  }

  /** One direction's lists for --json: as {@link #lists} shows them. */
  private JsonOut jsonLists(
      String d,
      UserPermissionLimits template,
      @Nullable UserPermissionLimits expanded,
      UserClaims uc,
      AccountClaims ac) {
    Permission before = direction(template, d);
    Permission after = expanded == null ? null : direction(expanded, d);
    boolean emptied = after != null && !before.allow().isEmpty() && after.allow().isEmpty();
    List<String> dropped = dropped(before, after, d, uc, ac);
    List<String> literal = new ArrayList<>();
    if (after != null) {
      if (!profile.templatesAnywhere()) {
        for (List<String> l : List.of(after.allow(), after.deny())) {
          l.stream().filter(e -> e.contains("{{") && e.contains("}}")).forEach(literal::add);
        }
      }
    }
    return JsonOut.object()
        .strings("allow_before", before.allow())
        .strings("allow_after", after == null ? null : after.allow())
        .strings("dropped", dropped)
        .strings("deny_before", before.deny())
        .strings("deny_after", after == null ? null : after.deny())
        .bool("deny_all_added", emptied)
        .strings("kept_literally", literal);
  }

  /** Shows one direction's allow and deny lists, before and after expansion. */
  private void lists(
      Report r,
      String d,
      UserPermissionLimits template,
      @Nullable UserPermissionLimits expanded,
      UserClaims uc,
      AccountClaims ac) {
    Permission before = direction(template, d);
    Permission after = expanded == null ? null : direction(expanded, d);
    boolean emptied = after != null && !before.allow().isEmpty() && after.allow().isEmpty();
    List<String> dropped = dropped(before, after, d, uc, ac);
    list(r, d + ".allow", before.allow(), after == null ? null : after.allow(), dropped, false, d);
    list(r, d + ".deny", before.deny(), after == null ? null : after.deny(), List.of(), emptied, d);
  }

  /** The template's allow entries that expand to none of the entries after expansion. */
  private List<String> dropped(
      Permission before, @Nullable Permission after, String d, UserClaims uc, AccountClaims ac) {
    List<String> dropped = new ArrayList<>();
    if (after != null) {
      for (String entry : before.allow()) {
        if (!yieldsAnyOf(entry, d, after.allow(), uc, ac)) {
          dropped.add(entry);
        }
      }
    }
    return dropped;
  }

  private void list(
      Report r,
      String title,
      List<String> before,
      @Nullable List<String> after,
      List<String> dropped,
      boolean denyAll,
      String d) {
    if (before.isEmpty() && (after == null || after.isEmpty())) {
      return;
    }
    r.section(
        title,
        () -> {
          r.list("before", orNone(before));
          if (after == null) {
            r.field("after", "(not expanded: the user is rejected)");
            return;
          }
          r.list("after", orNone(after));
          r.list(
              "dropped",
              dropped.stream()
                  .map(e -> e + "  (expands to no valid subject)")
                  .collect(Collectors.toList()));
          if (!profile.templatesAnywhere()) {
            r.list(
                "kept literally",
                after.stream()
                    .filter(e -> e.contains("{{") && e.contains("}}"))
                    .map(
                        e ->
                            e
                                + "  (on 2.9 and 2.10 only a whole token between dots is a"
                                + " template)")
                    .collect(Collectors.toList()));
          }
          if (denyAll) {
            r.field(
                "added",
                "\">\": every "
                    + d
                    + ".allow entry was dropped, and rather than allow everything the server"
                    + " denies everything");
          }
        });
  }

  /**
   * Whether an allow entry, expanded on its own for the same user, yields a subject that is in the
   * expanded list; if not, the server dropped it.
   */
  private boolean yieldsAnyOf(
      String entry, String d, List<String> expanded, UserClaims uc, AccountClaims ac) {
    Permission only = new Permission(List.of(entry), List.of());
    Permissions p =
        d.equals("pub")
            ? Permissions.of(only, Permission.EMPTY)
            : Permissions.of(Permission.EMPTY, only);
    TemplateExpansion alone =
        ScopeTemplates.expand(
            UserPermissionLimits.EMPTY.toBuilder().permissions(p).build(), uc, ac, profile);
    Optional<UserPermissionLimits> limits = alone.limits();
    if (limits.isEmpty()) {
      return false;
    }
    return direction(limits.get(), d).allow().stream().anyMatch(expanded::contains);
  }

  private static Permission direction(UserPermissionLimits l, String d) {
    return d.equals("pub") ? l.permissions().pub() : l.permissions().sub();
  }

  private static void otherFields(Report r, UserPermissionLimits t) {
    r.section(
        "other fields of the template (not expanded)",
        () -> {
          t.permissions().resp().ifPresent(resp -> r.field("responses", responses(resp)));
          r.field("subscriptions", count(t.subs()));
          r.field("data", bytes(t.data()));
          r.field("payload", bytes(t.payload()));
          r.flag("bearer token", t.bearerToken());
          r.field(
              "connection types",
              t.allowedConnectionTypes().isEmpty()
                  ? "any"
                  : t.allowedConnectionTypes().stream()
                      .map(ConnectionType::value)
                      .collect(Collectors.joining(", ")));
          r.list("source networks", t.src());
          r.list(
              "connect times",
              t.times().stream().map(TemplatePreviewCommand::range).collect(Collectors.toList()));
          r.field("times location", t.timesLocation());
        });
  }

  private static String range(TimeRange t) {
    return t.start() + " to " + t.end();
  }

  private static String responses(ResponsePermission resp) {
    return "max " + resp.max() + " within " + Times.format(resp.ttl());
  }

  private static String count(long n) {
    return n < 0 ? "unlimited" : Long.toString(n);
  }

  private static String bytes(long n) {
    return n < 0 ? "unlimited" : n + " bytes";
  }

  private static List<String> orNone(List<String> l) {
    return l.isEmpty() ? List.of("(none)") : l;
  }

  private static String named(String name) {
    return name.isEmpty() ? "" : " \"" + name + "\"";
  }
}
