package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.claims.ConnectionType;
import io.github.natsjwt.config.ServerConfig;
import io.github.natsjwt.trust.ConnectionContext;
import io.github.natsjwt.trust.EffectivePermissions;
import io.github.natsjwt.trust.MemoryAccountResolver;
import io.github.natsjwt.trust.TrustVerifier;
import io.github.natsjwt.trust.Verification;
import io.github.natsjwt.trust.VerifiedUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Randomized agreement: random users (random publish and subscribe allow and deny lists, with
 * wildcards in any position, empty tokens, queue groups and white space) connect to each live
 * server, try random publishes and subscriptions, and every verdict is compared with {@link
 * TrustVerifier} under that server's profile. The fixed matrix of {@link ServerAgreementTest}
 * cannot find the next disagreement; this can.
 *
 * <p>One user in four instead gets random {@code subs} and {@code payload} limits (0, -1,
 * negatives, values beyond 32 bits) and tries three subscriptions and a small publish; another one
 * in four is signed by a scoped key of its own whose random publish template mixes functions, odd
 * spellings and missing tags, with random tags on the user.
 *
 * <p>A fresh seed each run, printed; {@code -Dnatsjwt.random.seed=<seed>} repeats a run and {@code
 * -Dnatsjwt.random.users=<n>} sets how many users each server judges (40 by default).
 */
class ServerRandomAgreementTest {
  private static final Duration WAIT = Duration.ofSeconds(2);
  private static final int PROBES = 6;
  private static final int MAX_REPORTED = 15;
  private static final String[] LITERALS = {"a", "b", "c"};

  /** What the verifier says of a user whose template would crash nats-server 2.9. */
  private static final String CRASH = "crashes nats-server 2.9";

  private static final long SEED =
      Long.getLong("natsjwt.random.seed", new java.security.SecureRandom().nextLong());
  private static final int USERS = Integer.getInteger("natsjwt.random.users", 40);

  @NatsServerMatrix
  void randomUsers_serverAndVerifierDecideAlike(NatsServerVersion version) throws Exception {
    System.out.println(
        "ServerRandomAgreementTest on "
            + version.label()
            + ": seed "
            + SEED
            + " (repeat with -Dnatsjwt.random.seed="
            + SEED
            + "), "
            + USERS
            + " users");
    Random random = new Random(SEED);
    TestOperator op = TestOperator.create("random");
    TestAccount account = op.account("rand");
    List<TestUser> users = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      TestUser u = account.user("u" + i);
      // Kinds by i % 4: 0 and 1 permissions, 2 limits, 3 a scoped key's template.
      descriptions.add(
          i % 4 == 2
              ? randomLimits(random, u)
              : i % 4 == 3 ? randomTemplate(random, account, u, i) : randomPermissions(random, u));
      users.add(u);
    }
    ServerConfig config = op.serverConfig().build();
    TrustVerifier.Builder vb =
        TrustVerifier.builder()
            .serverProfile(version.profile())
            .accountResolver(MemoryAccountResolver.of(config.preloads()));
    config.operators().forEach(vb::trustOperator);
    config.systemAccount().ifPresent(vb::systemAccount);
    TrustVerifier verifier = vb.build();

    List<String> disagreements = new ArrayList<>();
    int verdicts = 0;
    int crashers = 0;
    try (NatsServer server = version.start(config)) {
      for (int i = 0; i < users.size(); i++) {
        TestUser u = users.get(i);
        String jwt = u.jwt();
        Verification<VerifiedUser> ours = verify(verifier, u, jwt);
        if (ours.rejection().map(x -> x.message().contains(CRASH)).orElse(false)) {
          crashers++; // the verifier predicts that this user crashes 2.9: spare the server
          continue;
        }
        RawNatsClient.Session[] holder = new RawNatsClient.Session[1];
        char[] seed = u.key().seed();
        RawNatsClient.Answer live;
        try {
          live = RawNatsClient.Session.open(server.port(), jwt, seed, WAIT, holder);
        } finally {
          Arrays.fill(seed, '\0');
        }
        if (!server.isRunning()) {
          disagreements.add(
              "user "
                  + i
                  + " "
                  + descriptions.get(i)
                  + ": the server crashed; the verifier says "
                  + ours.rejection().map(Object::toString).orElse("accepted"));
          break;
        }
        if (live.accepted() && i % 4 == 2) {
          // A subscription limit of 0 closes the connection about 20 ms after CONNECT, after the
          // PONG: wait, and ask again.
          Thread.sleep(60);
          RawNatsClient.Answer again = holder[0].command("");
          if (!again.accepted()) {
            holder[0].close();
            holder[0] = null;
            live = new RawNatsClient.Answer(false, "closed after CONNECT: " + again.detail());
          }
        }
        verdicts++;
        String who = "user " + i + " " + descriptions.get(i);
        if (live.accepted() != ours.isAccepted()) {
          disagreements.add(
              who
                  + ": CONNECT server "
                  + live
                  + ", verifier "
                  + ours.rejection().map(Object::toString).orElse("accepted"));
          if (holder[0] != null) {
            holder[0].close();
          }
          continue;
        }
        if (holder[0] == null) {
          continue;
        }
        if (i % 4 == 2) {
          try (RawNatsClient.Session s = holder[0]) {
            verdicts += probeLimits(random, s, ours.orElseThrow(), who, disagreements);
          }
          continue;
        }
        EffectivePermissions p = ours.orElseThrow().permissions();
        try (RawNatsClient.Session s = holder[0]) {
          for (int k = 0; k < PROBES; k++) {
            String subject = i % 4 == 3 ? templateProbe(random, i) : literal(random);
            RawNatsClient.Answer a = s.command("PUB " + subject + " 1\r\nm\r\n");
            verdicts++;
            if (a.accepted() != p.canPublish(subject)) {
              disagreements.add(
                  who
                      + ": PUB "
                      + subject
                      + " server "
                      + a
                      + ", verifier "
                      + p.canPublish(subject));
            }
          }
          for (int k = 0; k < PROBES; k++) {
            String subject = pattern(random);
            String queue = random.nextInt(3) == 0 ? (random.nextBoolean() ? "q1" : "q2") : "";
            RawNatsClient.Answer a =
                s.command(
                    "SUB "
                        + subject
                        + (queue.isEmpty() ? "" : " " + queue)
                        + " "
                        + (k + 1)
                        + "\r\n");
            verdicts++;
            boolean v = p.canSubscribe(subject, queue);
            if (a.accepted() != v) {
              disagreements.add(
                  who + ": SUB " + subject + " " + queue + " server " + a + ", verifier " + v);
            }
          }
        }
      }
    }
    System.out.println(
        "ServerRandomAgreementTest on "
            + version.label()
            + ": "
            + verdicts
            + " verdicts, "
            + disagreements.size()
            + " disagreements"
            + (crashers > 0 ? ", " + crashers + " users not sent (they crash 2.9)" : ""));
    if (!disagreements.isEmpty()) {
      fail(
          disagreements.size()
              + " disagreements on nats-server "
              + version.version().orElse(version.series())
              + " with "
              + version.profile()
              + " (seed "
              + SEED
              + "):\n"
              + String.join(
                  "\n", disagreements.subList(0, Math.min(MAX_REPORTED, disagreements.size()))));
    }
  }

  private static Verification<VerifiedUser> verify(TrustVerifier verifier, TestUser u, String jwt) {
    byte[] raw = new byte[11];
    new java.security.SecureRandom().nextBytes(raw);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return verifier.verifyUser(
        jwt,
        ConnectionContext.builder()
            .nonce(nonce)
            .clientHost("127.0.0.1")
            .connectionType(ConnectionType.STANDARD)
            .signature(ConnectionContext.signNonce(nonce, u.key()))
            .build());
  }

  /** Limits around the edges: 0, small, -1, negatives, and beyond 32 bits either way. */
  private static final long[] LIMITS = {
    -1,
    0,
    1,
    2,
    3,
    -2,
    (1L << 32) + 1,
    (1L << 32) + 2,
    (1L << 32) - 1,
    1L << 32,
    (1L << 31) - 1,
    1L << 31,
    -(1L << 32) - 1,
    -(1L << 32) + 1,
    Long.MAX_VALUE,
    Long.MIN_VALUE
  };

  private static String randomLimits(Random r, TestUser u) {
    long subs = LIMITS[r.nextInt(LIMITS.length)];
    long payload = LIMITS[r.nextInt(LIMITS.length)];
    u.subs(subs).payload(payload);
    return "subs " + subs + " payload " + payload;
  }

  /** Three SUBs, then a PUB of 0 to 4 bytes (a payload violation closes the connection). */
  private static int probeLimits(
      Random r, RawNatsClient.Session s, VerifiedUser u, String who, List<String> disagreements)
      throws java.io.IOException {
    long max = u.maxSubscriptions();
    for (int k = 1; k <= 3; k++) {
      RawNatsClient.Answer a = s.command("SUB l" + k + " " + k + "\r\n");
      boolean v = max == -1 || max >= k;
      if (a.accepted() != v) {
        disagreements.add(who + ": SUB number " + k + " server " + a + ", verifier max " + max);
        return k;
      }
    }
    int bytes = r.nextInt(5);
    RawNatsClient.Answer a = s.command("PUB p " + bytes + "\r\n" + "x".repeat(bytes) + "\r\n");
    boolean v = u.maxPayload() == -1 || u.maxPayload() >= bytes;
    if (a.accepted() != v) {
      disagreements.add(
          who + ": PUB of " + bytes + " bytes server " + a + ", verifier max " + u.maxPayload());
    }
    return 4;
  }

  /** Template pieces: functions in whole tokens and inside tokens, odd spellings, missing tags. */
  private static final String[] TEMPLATE_TOKENS = {
    "{{name()}}",
    "{{tag(t)}}",
    "{{account-name()}}",
    "x{{name()}}",
    "{{ name() }}",
    "{{Name()}}",
    "{{tag(missing)}}",
    "{{tag(T)}}",
    "a",
    "*",
    ">",
    "{{bogus()}}",
    "{{tag(t)}}-{{tag(t)}}"
  };

  private static final String[] TAGS = {"t:a", "t:b", "t:a.b", "t:*", "T:c", "t:"};

  /** A scoped key of its own with a random publish template, and random tags for the user. */
  private static String randomTemplate(Random r, TestAccount account, TestUser u, int i) {
    String[] allow = new String[1 + r.nextInt(2)];
    for (int k = 0; k < allow.length; k++) {
      int n = 1 + r.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int t = 0; t < n; t++) {
        sb.append(t == 0 ? "" : ".").append(TEMPLATE_TOKENS[r.nextInt(TEMPLATE_TOKENS.length)]);
      }
      allow[k] = sb.toString();
    }
    String[] deny =
        r.nextInt(4) == 0 ? new String[] {"d." + TEMPLATE_TOKENS[r.nextInt(3)]} : new String[0];
    List<String> tags = new ArrayList<>();
    for (String tag : TAGS) {
      if (r.nextInt(3) == 0) {
        tags.add(tag);
      }
    }
    account.scopedSigningKey(
        "r" + i,
        io.github.natsjwt.claims.UserPermissionLimits.builder()
            .pub(new io.github.natsjwt.claims.Permission(List.of(allow), List.of(deny)))
            .build());
    u.scoped("r" + i).tags(tags.toArray(new String[0]));
    return "template pub allow " + show(allow) + " deny " + show(deny) + ", tags " + tags;
  }

  /** A subject a template user might be allowed: its name, tag values, the account name. */
  private static String templateProbe(Random r, int i) {
    String[] first = {"u" + i, "xu" + i, "a", "b", "rand", "d", "c", "{{name()}}"};
    String[] second = {"u" + i, "a", "b", "c", "rand", "a-a", "b-a"};
    String subject = first[r.nextInt(first.length)];
    if (r.nextBoolean()) {
      subject += "." + second[r.nextInt(second.length)];
    }
    return subject;
  }

  /** Gives the user random lists and returns them as text for reports. */
  private static String randomPermissions(Random r, TestUser u) {
    String[] pubAllow = entries(r, false, r.nextInt(3) == 0 ? 0 : r.nextInt(4));
    String[] pubDeny = entries(r, false, r.nextInt(3));
    String[] subAllow = entries(r, true, r.nextInt(3) == 0 ? 0 : r.nextInt(4));
    String[] subDeny = entries(r, true, r.nextInt(3));
    u.pubAllow(pubAllow).pubDeny(pubDeny).subAllow(subAllow).subDeny(subDeny);
    return "pub allow "
        + show(pubAllow)
        + " deny "
        + show(pubDeny)
        + ", sub allow "
        + show(subAllow)
        + " deny "
        + show(subDeny);
  }

  private static String[] entries(Random r, boolean sub, int n) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = entry(r, sub);
    }
    return out;
  }

  /**
   * An entry: one to three tokens, wildcards anywhere, now and then empty tokens or white space.
   */
  private static String entry(Random r, boolean sub) {
    int n = 1 + r.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('.');
      }
      int pick = r.nextInt(20);
      if (pick < 12) {
        sb.append(LITERALS[r.nextInt(LITERALS.length)]);
      } else if (pick < 16) {
        sb.append('*');
      } else if (pick < 19) {
        sb.append('>');
      } // else an empty token
    }
    int extra = r.nextInt(20);
    if (sub && extra < 3) {
      sb.append(' ').append(r.nextBoolean() ? "q1" : "q*");
    } else if (extra == 3) {
      sb.append('\t').append(LITERALS[r.nextInt(LITERALS.length)]);
    } else if (extra == 4) {
      sb.append('\u00a0').append('q');
    }
    return sb.toString();
  }

  private static String literal(Random r) {
    int n = 1 + r.nextInt(3);
    StringBuilder sb = new StringBuilder(LITERALS[r.nextInt(LITERALS.length)]);
    for (int i = 1; i < n; i++) {
      sb.append('.').append(LITERALS[r.nextInt(LITERALS.length)]);
    }
    return sb.toString();
  }

  /** A valid subscription subject: literals and {@code *} anywhere, {@code >} only last. */
  private static String pattern(Random r) {
    int n = 1 + r.nextInt(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append('.');
      }
      int pick = r.nextInt(10);
      if (pick < 6) {
        sb.append(LITERALS[r.nextInt(LITERALS.length)]);
      } else if (pick < 8 || i < n - 1) {
        sb.append('*');
      } else {
        sb.append('>');
      }
    }
    return sb.toString();
  }

  private static String show(String[] entries) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < entries.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"');
      for (char c : entries[i].toCharArray()) {
        sb.append(c == '\t' ? "\\t" : c == '\u00a0' ? "\\u00a0" : String.valueOf(c));
      }
      sb.append('"');
    }
    return sb.append(']').toString();
  }
}
