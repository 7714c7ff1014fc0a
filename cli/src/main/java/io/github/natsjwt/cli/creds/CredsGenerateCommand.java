package io.github.natsjwt.cli.creds;

import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserClaims;
import io.github.natsjwt.claims.ValidationIssue;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.cli.ExitCodes;
import io.github.natsjwt.cli.InputException;
import io.github.natsjwt.cli.Inputs;
import io.github.natsjwt.cli.KeySources;
import io.github.natsjwt.cli.SecretFiles;
import io.github.natsjwt.cli.StdStreams;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code natsjwt creds generate}: creates a user key, issues its JWT and writes the creds file. */
@Command(
    name = "generate",
    description = {
      "Create a new user: generate its key, issue its JWT with an account key, and write the creds"
          + " file (the JWT and the user's seed).",
      "With an account signing key, give the account's public key with --issuer-account. With a"
          + " scoped signing key, also give --scoped: the key's template then supplies every"
          + " permission and limit, and the user must set none itself.",
      "The creds file holds a secret: write it with --out (owner-only permissions) rather than to"
          + " a terminal."
    })
public final class CredsGenerateCommand implements Callable<Integer> {
  private final StdStreams streams;

  @Spec private CommandSpec spec;

  @Option(
      names = "--account-key",
      required = true,
      paramLabel = "<seedfile|->",
      description =
          "File holding the account's seed or one of its signing keys' seeds (the first line"
              + " that is a valid key is used), or - for standard input. Never the seed itself.")
  private String accountKey;

  @Option(
      names = "--issuer-account",
      paramLabel = "<A...>",
      description =
          "The account's public key, or a file that holds it, when --account-key is a signing key"
              + " of the account.")
  private @Nullable String issuerAccount;

  @Option(names = "--name", required = true, paramLabel = "<name>", description = "User name.")
  private String name;

  @Option(
      names = "--expires",
      paramLabel = "<duration>",
      converter = Durations.class,
      description =
          "Expire the JWT after this long: for example 90s, 12h, 30d, 1y, 1h30m or PT12H. Without"
              + " it, the JWT does not expire.")
  private @Nullable Duration expires;

  @Option(
      names = "--pub-allow",
      paramLabel = "<subject>",
      description = "Subject the user may publish to; repeat for more.")
  private List<String> pubAllow = new ArrayList<>();

  @Option(
      names = "--pub-deny",
      paramLabel = "<subject>",
      description = "Subject the user may not publish to; repeat for more.")
  private List<String> pubDeny = new ArrayList<>();

  @Option(
      names = "--sub-allow",
      paramLabel = "<subject>",
      description =
          "Subject the user may subscribe to, optionally with a queue group after a space;"
              + " repeat for more.")
  private List<String> subAllow = new ArrayList<>();

  @Option(
      names = "--sub-deny",
      paramLabel = "<subject>",
      description = "Subject the user may not subscribe to; repeat for more.")
  private List<String> subDeny = new ArrayList<>();

  @Option(
      names = "--scoped",
      description =
          "The signing key given with --account-key is a scoped signing key of the account: issue"
              + " the user with no permissions or limits of its own (not even the default -1"
              + " limits), as nats-server requires; the key's template supplies them. Needs"
              + " --issuer-account; excludes --pub-*, --sub-* and --bearer.")
  private boolean scoped;

  @Option(
      names = "--tag",
      paramLabel = "<tag>",
      description =
          "A tag for the user JWT (the reference lower-cases it); repeat for more. Scoped"
              + " templates can refer to tags as {{tag(name)}} when tags are name:value.")
  private List<String> tags = new ArrayList<>();

  @Option(
      names = "--bearer",
      description =
          "Make the JWT a bearer token: the server does not ask for a signature with the seed,"
              + " so the JWT alone lets anyone connect as this user.")
  private boolean bearer;

  @Option(
      names = "--out",
      paramLabel = "<file>",
      description =
          "Write the creds file to this new file (owner-only permissions) and print the user's"
              + " public key. Without it, the creds file goes to standard output.")
  private @Nullable Path out;

  @Option(names = "--force", description = "With --out: replace the file if it exists.")
  private boolean force;

  /**
   * Creates the command.
   *
   * @param streams where it reads and writes
   */
  public CredsGenerateCommand(StdStreams streams) {
    this.streams = streams;
  }

  @Override
  public Integer call() {
    Inputs.requireAtMostOneStdin(spec, accountKey, issuerAccount == null ? "" : issuerAccount);
    String account = issuerAccount == null ? null : accountPublicKey(issuerAccount);
    if (scoped) {
      checkScopedOptions(account);
    }
    Clock clock = Clock.systemUTC();
    try (NKey signer = KeySources.readSeed(accountKey, "--account-key", streams.in());
        NKey user = NKey.generate(NKeyType.USER)) {
      if (signer.type() != NKeyType.ACCOUNT) {
        throw new InputException(
            Inputs.describe("key file", accountKey)
                + " holds a "
                + signer.type().name().toLowerCase(java.util.Locale.ROOT)
                + " seed; --account-key needs an account seed (SA...) or an account signing key"
                + " seed");
      }
      if (signer.publicKey().equals(account)) {
        throw new InputException(
            "--issuer-account is the public key of --account-key itself; leave it out when the"
                + " account's own key signs, and give it only with a signing key");
      }
      Instant now = clock.instant();
      UserClaims claims = claims(user.publicKey(), account, now);
      String jwt = Jwt.encode(claims, signer, clock);
      byte[] file;
      try (Creds creds = Creds.of(jwt, user)) {
        file = creds.formatBytes();
      }
      try {
        if (out != null) {
          SecretFiles.write(out, file, force, streams);
          streams.out().println(user.publicKey());
        } else {
          streams.out().write(file, 0, file.length);
        }
        streams.out().flush();
      } finally {
        Arrays.fill(file, (byte) 0);
      }
    }
    return ExitCodes.OK;
  }

  private UserClaims claims(String userPublicKey, @Nullable String account, Instant now) {
    UserClaims.Builder b = UserClaims.builder(userPublicKey).name(name);
    if (scoped) {
      // The builder's defaults write subs, data and payload as -1; a scoped user must carry none.
      b.scoped(true);
    }
    if (!tags.isEmpty()) {
      b.addTags(tags.toArray(new String[0]));
    }
    if (expires != null) {
      b.expiresAt(now.plus(expires));
    }
    if (!pubAllow.isEmpty() || !pubDeny.isEmpty()) {
      b.pub(new Permission(pubAllow, pubDeny));
    }
    if (!subAllow.isEmpty() || !subDeny.isEmpty()) {
      b.sub(new Permission(subAllow, subDeny));
    }
    if (bearer) {
      b.bearerToken(true);
    }
    if (account != null) {
      b.issuerAccount(account);
    }
    UserClaims claims = b.build();
    ValidationResult result = claims.validate(now);
    if (result.isBlocking(true)) {
      throw new InputException(
          "the user JWT would not be valid: "
              + result.issues().stream()
                  .filter(i -> i.blocking() || i.timeCheck())
                  .map(ValidationIssue::description)
                  .collect(Collectors.joining("; ")));
    }
    return claims;
  }

  private void checkScopedOptions(@Nullable String account) {
    if (account == null) {
      throw new InputException(
          "--scoped needs --issuer-account: a scoped signing key is never the account's own key,"
              + " so give the account's public key");
    }
    List<String> set = new ArrayList<>();
    if (!pubAllow.isEmpty()) {
      set.add("--pub-allow");
    }
    if (!pubDeny.isEmpty()) {
      set.add("--pub-deny");
    }
    if (!subAllow.isEmpty()) {
      set.add("--sub-allow");
    }
    if (!subDeny.isEmpty()) {
      set.add("--sub-deny");
    }
    if (bearer) {
      set.add("--bearer");
    }
    if (!set.isEmpty()) {
      throw new InputException(
          "--scoped users take their permissions from the signing key's template, and"
              + " nats-server rejects a scoped user that sets any of its own; leave out "
              + String.join(", ", set)
              + " (change the template instead)");
    }
  }

  private String accountPublicKey(String value) {
    String key = KeySources.readPublicKey(value, "--issuer-account", streams.in());
    if (key.charAt(0) != NKeyType.ACCOUNT.letter()) {
      throw new InputException(
          "--issuer-account needs an account public key (A...), not "
              + key
              + "; it is the account that the signing key given with --account-key belongs to");
    }
    return key;
  }
}
