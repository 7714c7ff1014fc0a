package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.U;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserScopeTest {
  private static final String SCOPED = AccountTestKeys.SCOPED_KEY.publicKey();

  @Test
  void scopedSignerProblem_userWithoutOwnLimits_isEmpty() {
    UserScope scope = UserScope.builder(SCOPED).build();
    UserClaims user = UserClaims.builder(U).scoped(true).issuer(SCOPED).issuerAccount(A).build();

    assertEquals(Optional.empty(), scope.scopedSignerProblem(user));
  }

  @Test
  void scopedSignerProblem_eachViolation_referenceText() {
    UserScope scope = UserScope.builder(SCOPED).build();

    assertEquals(
        Optional.of("not an user claim - scoped signing key requires user claim"),
        scope.scopedSignerProblem(AccountClaims.builder(A).issuer(SCOPED).build()));
    assertEquals(
        Optional.of("issuer not the scoped signer"),
        scope.scopedSignerProblem(UserClaims.builder(U).scoped(true).issuer(A).build()));
    assertEquals(
        Optional.of("scoped users require no permissions or limits set"),
        scope.scopedSignerProblem(UserClaims.builder(U).issuer(SCOPED).build()));
  }

  @Test
  void validate_keyMustBeAccountKey() {
    ValidationResult.Collector c = new ValidationResult.Collector();

    UserScope.builder(U).build().validate(c);
    UserScope.builder(A).build().validate(c);

    assertEquals(
        List.of(U + " is not an account public key"), ClaimsVectors.descriptions(c.result()));
  }

  @Test
  void toBuilder_roundTrip_isEqual() {
    UserScope scope =
        UserScope.builder(SCOPED)
            .role("r")
            .description("d")
            .template(UserPermissionLimits.builder().pub(Permission.allowing("a")).build())
            .build();

    assertEquals(scope, scope.toBuilder().build());
    assertEquals("d", scope.description());
    assertEquals("r", scope.role());
  }
}
