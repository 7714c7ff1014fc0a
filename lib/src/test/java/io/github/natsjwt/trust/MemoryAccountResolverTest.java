package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.B;
import static io.github.natsjwt.trust.ResolverFixtures.NOW;
import static io.github.natsjwt.trust.ResolverFixtures.OTHER_ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.accountJwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.MalformedJwtException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MemoryAccountResolverTest {
  private static final String JWT_A = accountJwt(ACCOUNT);
  private static final String JWT_B = accountJwt(OTHER_ACCOUNT);

  @Test
  void of_accountJwts_fetchReturnsEachUnderItsSubject() {
    MemoryAccountResolver r = MemoryAccountResolver.of(JWT_A, JWT_B);
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    assertEquals(Optional.of(JWT_B), r.fetch(B));
    assertEquals(Set.of(A, B), r.accounts());
  }

  @Test
  void of_preloadMap_fetchReturnsPreloads() {
    MemoryAccountResolver r = MemoryAccountResolver.of(Map.of(A, JWT_A, B, JWT_B));
    assertEquals(Optional.of(JWT_A), r.fetch(A));
    assertEquals(Optional.of(JWT_B), r.fetch(B));
  }

  @Test
  void fetch_accountNotPreloaded_returnsEmpty() {
    assertEquals(Optional.empty(), MemoryAccountResolver.of(JWT_A).fetch(B));
    assertEquals(Optional.empty(), MemoryAccountResolver.empty().fetch(A));
  }

  static Stream<String> invalidKeys() {
    return Stream.of(
        "",
        "../" + A,
        A.toLowerCase(java.util.Locale.ROOT),
        A.substring(0, 55),
        A + "A",
        ResolverFixtures.USER.publicKey(),
        ResolverFixtures.OPERATOR.publicKey(),
        "A\n" + A.substring(2));
  }

  @ParameterizedTest
  @MethodSource("invalidKeys")
  void fetch_invalidKey_throwsAccountResolution(String key) {
    AccountResolutionException e =
        assertThrows(
            AccountResolutionException.class, () -> MemoryAccountResolver.of(JWT_A).fetch(key));
    assertTrue(e.getMessage().contains("is not a valid account public key"), e.getMessage());
    assertEquals(key, e.account());
    assertFalse(e.getMessage().contains("\n"), "control characters are escaped");
  }

  @Test
  void preload_jwtOfAnotherAccount_throwsInvalidAccountJwt() {
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> MemoryAccountResolver.builder().preload(A, JWT_B));
    assertEquals(A, e.account());
    assertTrue(e.getMessage().startsWith("Preloaded JWT for account " + A), e.getMessage());
    assertTrue(e.getMessage().contains("is the JWT of account \"" + B + "\""), e.getMessage());
  }

  @Test
  void preload_userJwt_throwsInvalidAccountJwtCausedByTypeMismatch() {
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> MemoryAccountResolver.of(Map.of(A, ResolverFixtures.userJwt())));
    assertInstanceOf(ClaimTypeMismatchException.class, e.getCause());
    assertTrue(e.getMessage().contains("is not a valid account JWT"), e.getMessage());
  }

  @Test
  void preload_notAJwt_throwsInvalidAccountJwtCausedByMalformed() {
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> MemoryAccountResolver.builder().preload(A, "<html>not found</html>"));
    assertInstanceOf(MalformedJwtException.class, e.getCause());
  }

  @Test
  void preload_tamperedSignature_throwsInvalidAccountJwtCausedBySignatureMismatch() {
    String tampered = ResolverFixtures.resignedWithPayloadEdit(JWT_A, "\"acct\"", "\"acct\"");
    // Re-signed by the operator: valid. Now break the signature by swapping one character.
    int last = tampered.length() - 5;
    char c = tampered.charAt(last) == 'A' ? 'B' : 'A';
    String broken = tampered.substring(0, last) + c + tampered.substring(last + 1);
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class,
            () -> MemoryAccountResolver.builder().preload(A, broken));
    assertInstanceOf(SignatureMismatchException.class, e.getCause());
  }

  @Test
  void preload_invalidKey_throwsAccountResolutionNotInvalidJwt() {
    AccountResolutionException e =
        assertThrows(
            AccountResolutionException.class,
            () -> MemoryAccountResolver.builder().preload("../x", JWT_A));
    assertFalse(e instanceof InvalidAccountJwtException);
    assertTrue(e.getMessage().contains("it cannot be preloaded"), e.getMessage());
  }

  @Test
  void preload_expiredAccountJwt_isHeldForTheVerifierToReject() {
    AccountClaims expired =
        AccountClaims.builder(A).expiresAt(NOW.minus(Duration.ofDays(1))).build();
    String token = Jwt.encode(expired, ResolverFixtures.OPERATOR, Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(Optional.of(token), MemoryAccountResolver.of(token).fetch(A));
  }

  @Test
  void preload_sameKeyTwice_laterEntryWins() {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(10));
    MemoryAccountResolver r = MemoryAccountResolver.builder().add(JWT_A).preload(A, newer).build();
    assertEquals(Optional.of(newer), r.fetch(A));
  }

  @Test
  void add_notAJwt_throwsInvalidAccountJwtWithoutEchoingIt() {
    String junk = "x".repeat(500);
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> MemoryAccountResolver.of(junk));
    assertEquals("", e.account());
    assertFalse(e.getMessage().contains(junk));
  }

  @Test
  void add_subjectNotAnAccountKey_throwsInvalidAccountJwt() {
    // The encoder refuses such claims, so a signed token is made by hand.
    String token =
        ResolverFixtures.resignedWithPayloadEdit(
            JWT_A, "\"sub\":\"" + A + "\"", "\"sub\":\"not-a-key\"");
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> MemoryAccountResolver.of(token));
    assertTrue(e.getMessage().contains("\"not-a-key\""), e.getMessage());
  }

  @Test
  void builder_afterBuild_doesNotChangeBuiltResolver() {
    MemoryAccountResolver.Builder b = MemoryAccountResolver.builder().add(JWT_A);
    MemoryAccountResolver built = b.build();
    b.add(JWT_B);
    assertEquals(Set.of(A), built.accounts());
    assertThrows(UnsupportedOperationException.class, () -> built.accounts().add(B));
  }

  @Test
  void empty_noPreloads_isSharedEmptyResolver() {
    assertSame(MemoryAccountResolver.empty(), MemoryAccountResolver.builder().build());
    assertEquals(Set.of(), MemoryAccountResolver.of(new LinkedHashMap<>()).accounts());
  }

  @Test
  void toString_countsAccountsWithoutTokens() {
    String s = MemoryAccountResolver.of(JWT_A, JWT_B).toString();
    assertEquals("MemoryAccountResolver[2 accounts]", s);
  }
}
