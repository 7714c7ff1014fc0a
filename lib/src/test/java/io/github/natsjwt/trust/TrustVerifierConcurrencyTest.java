package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.ACCOUNT_SK;
import static io.github.natsjwt.trust.Chain.ISSUED;
import static io.github.natsjwt.trust.Chain.NOW;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.OTHER_USER;
import static io.github.natsjwt.trust.Chain.STRANGER;
import static io.github.natsjwt.trust.Chain.USER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.sign;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.signedBy;
import static io.github.natsjwt.trust.Chain.user;
import static io.github.natsjwt.trust.Chain.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.UserClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One verifier shared by several threads decides exactly as it does on one thread. */
class TrustVerifierConcurrencyTest {
  private record Case(String userJwt, ConnectionContext ctx) {}

  @Test
  void verifyUser_sharedAcrossThreads_sameDecisionsAsSequential() throws Exception {
    // Several accounts so that the small cache keeps evicting and reloading.
    List<String> accounts = new ArrayList<>();
    accounts.add(sign(account().build(), OPERATOR_SK));
    for (int i = 0; i < 6; i++) {
      accounts.add(
          sign(
              AccountClaims.builder(
                      Chain.key(io.github.natsjwt.nkey.NKeyType.ACCOUNT, "acc-" + i).publicKey())
                  .build(),
              OPERATOR_SK));
    }
    Chain.MapResolver r = resolver(accounts.toArray(new String[0]));
    TrustVerifier v = verifier(r).accountCacheSize(3).build();

    List<Case> cases = new ArrayList<>();
    cases.add(new Case(sign(user().build(), ACCOUNT), signed()));
    cases.add(new Case(sign(user().build(), ACCOUNT), signedBy(OTHER_USER).build()));
    cases.add(new Case(sign(user().expiresAt(NOW.minusSeconds(1)).build(), ACCOUNT), signed()));
    cases.add(
        new Case(sign(user().issuerAccount(ACCOUNT.publicKey()).build(), ACCOUNT_SK), signed()));
    cases.add(
        new Case(sign(user().issuerAccount(ACCOUNT.publicKey()).build(), STRANGER), signed()));
    cases.add(new Case(sign(user().addSrc("10.0.0.0/8").build(), ACCOUNT), signed()));
    for (int i = 0; i < 6; i++) {
      io.github.natsjwt.nkey.NKey acc =
          Chain.key(io.github.natsjwt.nkey.NKeyType.ACCOUNT, "acc-" + i);
      cases.add(
          new Case(sign(UserClaims.builder(USER.publicKey()).build(), acc, ISSUED), signed()));
    }
    List<String> expected = new ArrayList<>();
    for (Case c : cases) {
      expected.add(outcome(v.verifyUser(c.userJwt(), c.ctx())));
    }

    int threads = 6;
    int rounds = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        Callable<List<String>> task =
            () -> {
              start.await();
              List<String> seen = new ArrayList<>();
              for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < cases.size(); i++) {
                  int k = (i + offset + round) % cases.size();
                  Case c = cases.get(k);
                  seen.add(k + "=" + outcome(v.verifyUser(c.userJwt(), c.ctx())));
                }
              }
              return seen;
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<String>> f : futures) {
        for (String s : f.get(60, TimeUnit.SECONDS)) {
          int k = Integer.parseInt(s.substring(0, s.indexOf('=')));
          assertEquals(expected.get(k), s.substring(s.indexOf('=') + 1), "case " + k);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String outcome(Verification<VerifiedUser> v) {
    return v.isAccepted()
        ? "accepted " + v.orElseThrow().account().publicKey()
        : v.rejection().orElseThrow().rule().name();
  }
}
