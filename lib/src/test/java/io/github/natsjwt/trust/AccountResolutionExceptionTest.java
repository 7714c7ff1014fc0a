package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.accountJwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An account given as a seed by mistake is never kept or shown by the exception. */
class AccountResolutionExceptionTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Fresh seeds and private keys of each type, whole and mistyped as a caller might. */
  static Stream<String> secrets() {
    List<String> out = new ArrayList<>();
    for (NKeyType t :
        List.of(
            NKeyType.ACCOUNT,
            NKeyType.USER,
            NKeyType.OPERATOR,
            NKeyType.SERVER,
            NKeyType.CLUSTER,
            NKeyType.CURVE)) {
      NKey k = NKey.generate(t, RANDOM);
      String seed = new String(k.seed());
      out.add(seed);
      out.add(seed.toLowerCase(Locale.ROOT));
      out.add(" " + seed + "\n");
      out.add("\"" + seed + "\"");
      out.add(seed.substring(0, 30));
      out.add(seed + "==");
      out.add(seed.substring(0, 20) + (seed.charAt(20) == 'A' ? 'B' : 'A') + seed.substring(21));
      if (t != NKeyType.CURVE) {
        out.add(new String(k.privateKey()));
      }
    }
    return out.stream();
  }

  /** Strings that are not seeds: public keys of every type, and mangled account keys. */
  static Stream<String> notSecrets() {
    return Stream.of(
        A,
        NKey.generate(NKeyType.USER, RANDOM).publicKey(),
        NKey.generate(NKeyType.OPERATOR, RANDOM).publicKey(),
        NKey.generate(NKeyType.SERVER, RANDOM).publicKey(),
        "",
        "bogus",
        "../" + A,
        A.toLowerCase(Locale.ROOT),
        A.substring(0, 40),
        A + "A");
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void account_seedShaped_redactedToItsLength(String secret) {
    AccountResolutionException e =
        new AccountResolutionException(secret, "Account " + secret + " could not be resolved.");

    String redacted = "<not a public key: " + secret.length() + " characters, redacted>";
    assertEquals(redacted, e.account());
    assertEquals("Account " + redacted + " could not be resolved.", e.getMessage());
    assertHoldsNoPartOf(secret, e.account() + e.getMessage() + e);
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void fetch_seedForAccount_neitherGetterNorMessageHoldsIt(String secret) {
    AccountResolutionException e =
        assertThrows(
            AccountResolutionException.class,
            () -> MemoryAccountResolver.of(accountJwt(ResolverFixtures.ACCOUNT)).fetch(secret));

    assertEquals("<not a public key: " + secret.length() + " characters, redacted>", e.account());
    assertHoldsNoPartOf(secret, e.account() + e.getMessage() + e);
  }

  @ParameterizedTest
  @MethodSource("notSecrets")
  void account_notSeedShaped_asGiven(String account) {
    AccountResolutionException e =
        new AccountResolutionException(account, "about " + account, new RuntimeException("x"));

    assertEquals(account, e.account());
    assertEquals("about " + account, e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void invalidAccountJwt_seedShaped_redactedToo(String secret) {
    InvalidAccountJwtException e = new InvalidAccountJwtException(secret, "for " + secret);

    assertEquals("<not a public key: " + secret.length() + " characters, redacted>", e.account());
    assertHoldsNoPartOf(secret, e.getMessage());
  }

  /** No 12 characters of the secret's body (after its 2-character prefix) appear in the text. */
  private static void assertHoldsNoPartOf(String secret, String text) {
    String body = secret.strip().replace("\"", "").toUpperCase(Locale.ROOT);
    String upper = text.toUpperCase(Locale.ROOT);
    for (int i = 2; i + 12 <= body.length(); i++) {
      assertFalse(upper.contains(body.substring(i, i + 12)), () -> "leaks part of the secret");
    }
  }
}
