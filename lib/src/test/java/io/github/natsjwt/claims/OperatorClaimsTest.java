package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorClaimsTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final NKey OPERATOR = NKey.fromRawSeed(NKeyType.OPERATOR, new byte[32]);

  private static List<String> issues(OperatorClaims claims) {
    return claims.validate(NOW).issues().stream().map(ValidationIssue::description).toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // The reference's texts (nats-io/jwt ParseServerVersion).
        "2.x|asserted server version must be of the form <major>.<minor>.<update>",
        "2.10|asserted server version must be of the form <major>.<minor>.<update>",
        "2.x.1|asserted server version cant parse x to int",
        "2.1x.0|asserted server version cant parse 1x to int",
        "2.-1.0|asserted server version can'b contain negative values: 2.-1.0",
      })
  void validate_badAssertServerVersion_reportsReferenceMessage(String version, String message) {
    OperatorClaims claims =
        OperatorClaims.builder(OPERATOR.publicKey()).assertServerVersion(version).build();

    assertEquals(List.of("assert server version error: " + message), issues(claims));
  }

  @ParameterizedTest
  @CsvSource({"2.9.10", "+2.0.0", "-0.0.1", "0.0.0"})
  void validate_wellFormedAssertServerVersion_noIssue(String version) {
    OperatorClaims claims =
        OperatorClaims.builder(OPERATOR.publicKey()).assertServerVersion(version).build();

    assertTrue(issues(claims).isEmpty());
  }

  @Test
  void withIssuance_accountKeyAsSubject_throwsInvalidClaims() {
    OperatorClaims claims =
        OperatorClaims.builder(NKey.generate(NKeyType.ACCOUNT).publicKey()).build();

    InvalidClaimsException e =
        assertThrows(InvalidClaimsException.class, () -> claims.withIssuance("O", NOW));
    assertEquals("expected subject to be an operator public key", e.getMessage());
  }

  @Test
  void didSign_strictOperatorIdentityKey_onlySignsItself() {
    NKey signingKey = NKey.generate(NKeyType.OPERATOR);
    OperatorClaims strict =
        OperatorClaims.builder(OPERATOR.publicKey())
                    .addSigningKeys(signingKey.publicKey())
                    .strictSigningKeyUsage(true)
                    .build()
                    .withIssuance(OPERATOR.publicKey(), NOW)
                instanceof OperatorClaims o
            ? o
            : null;
    String account = NKey.generate(NKeyType.ACCOUNT).publicKey();
    Claims byIdentity =
        AccountClaims.builder(account).build().withIssuance(OPERATOR.publicKey(), NOW);
    Claims bySigningKey =
        AccountClaims.builder(account).build().withIssuance(signingKey.publicKey(), NOW);

    assertFalse(strict.didSign(byIdentity));
    assertTrue(strict.didSign(bySigningKey));
    assertTrue(strict.didSign(strict));
  }
}
