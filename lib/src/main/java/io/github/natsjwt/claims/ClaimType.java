package io.github.natsjwt.claims;

import io.github.natsjwt.nkey.NKeyType;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of NATS JWT, with the value of {@code nats.type} and who may issue each.
 *
 * <p>Immutable and thread-safe. The issuer rules (spec claims.md section 4.1) are enforced both
 * when a token is encoded and when it is decoded.
 */
public enum ClaimType {
  /** An operator: the root of trust. Issued by operator keys. */
  OPERATOR("operator", Set.of(NKeyType.OPERATOR), NKeyType.OPERATOR),
  /** An account. Issued by operator keys, or by the account itself. */
  ACCOUNT("account", Set.of(NKeyType.ACCOUNT, NKeyType.OPERATOR), NKeyType.ACCOUNT),
  /** A user. Issued by an account key or one of its signing keys. */
  USER("user", Set.of(NKeyType.ACCOUNT), NKeyType.USER),
  /** An activation: lets an importing account use an export that requires a token. */
  ACTIVATION("activation", Set.of(NKeyType.ACCOUNT, NKeyType.OPERATOR), NKeyType.ACCOUNT),
  /** An auth-callout request, sent by a server. */
  AUTHORIZATION_REQUEST("authorization_request", Set.of(NKeyType.SERVER), null),
  /** An auth-callout response, sent by the auth service's account. */
  AUTHORIZATION_RESPONSE("authorization_response", Set.of(NKeyType.ACCOUNT), null),
  /** Any other claim: a free-form {@code nats} section, issued by any key. */
  GENERIC("generic", Set.of(NKeyType.values()), null);

  private final String jsonName;
  private final Set<NKeyType> issuers;
  private final @Nullable NKeyType subjectType;

  ClaimType(String jsonName, Set<NKeyType> issuers, @Nullable NKeyType subjectType) {
    this.jsonName = jsonName;
    this.issuers = issuers;
    this.subjectType = subjectType;
  }

  /**
   * Returns the value of {@code nats.type} for this kind.
   *
   * @return for example {@code "authorization_request"}
   */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Returns the key types that may issue claims of this kind.
   *
   * @return an unmodifiable set
   */
  public Set<NKeyType> allowedIssuers() {
    return issuers;
  }

  /**
   * Returns the key type the subject must have when the claim is encoded.
   *
   * @return the type, or empty when the subject is not checked
   */
  public Optional<NKeyType> subjectType() {
    return Optional.ofNullable(subjectType);
  }

  /**
   * Finds the kind named by a {@code nats.type} value.
   *
   * @param jsonName for example {@code "user"}
   * @return the kind, or empty for any other name
   */
  public static Optional<ClaimType> ofJsonName(String jsonName) {
    for (ClaimType t : values()) {
      if (t.jsonName.equals(jsonName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
