package io.github.natsjwt.jwt;

import io.github.natsjwt.NatsJwtException;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.nkey.NKeyType;

/**
 * A claim issued (or about to be signed) by a key type that may not issue it: a user signed by an
 * operator, an operator signed by an account, and so on (spec claims.md section 4.1).
 *
 * <p>Immutable and thread-safe.
 */
public final class IssuerNotAllowedException extends NatsJwtException {
  private static final long serialVersionUID = 1L;

  static final String MESSAGE =
      "%s claims cannot be issued by %s %s key (%s); they are issued by %s keys";

  /** The claim type. */
  private final ClaimType claimType;

  /** The issuer's key type. */
  private final NKeyType issuerType;

  IssuerNotAllowedException(ClaimType claimType, NKeyType issuerType, String issuer) {
    super(
        String.format(
            MESSAGE,
            claimType.jsonName(),
            issuerType == NKeyType.ACCOUNT || issuerType == NKeyType.OPERATOR ? "an" : "a",
            issuerType.name().toLowerCase(java.util.Locale.ROOT),
            issuer,
            names(claimType)));
    this.claimType = claimType;
    this.issuerType = issuerType;
  }

  private static String names(ClaimType t) {
    return t.allowedIssuers().stream()
        .sorted()
        .map(k -> k.name().toLowerCase(java.util.Locale.ROOT))
        .reduce((a, b) -> a + " or " + b)
        .orElse("no");
  }

  /**
   * Returns the type of the claim.
   *
   * @return the claim type
   */
  public ClaimType claimType() {
    return claimType;
  }

  /**
   * Returns the key type of the issuer.
   *
   * @return the issuer's type
   */
  public NKeyType issuerType() {
    return issuerType;
  }
}
