package io.github.natsjwt.callout;

/**
 * The rules of spec trust-chain.md section 7.3 that the service checks before it sends a response;
 * a response that breaks one would be rejected by the server, so it is never sent.
 */
public enum ResponseRule {
  /** The minted user's subject must be the request's {@code user_nkey}. */
  USER_SUBJECT("the user JWT's sub must equal the request's user_nkey"),
  /** The user claims must validate with no issues at all. */
  USER_VALID("the user JWT must pass validation with no issues at all"),
  /** Config mode: the user has no {@code issuer_account}. */
  CONFIG_NO_ISSUER_ACCOUNT("config mode: the user JWT must not carry issuer_account"),
  /** Config mode: the user is signed by the configured issuer. */
  CONFIG_ISSUER("config mode: the user JWT's iss must be the configured auth_callout issuer"),
  /** Config mode: the user's audience names the target account. */
  CONFIG_TARGET_ACCOUNT(
      "config mode: the user JWT's aud names the target account, which must be the callout's"
          + " account or an allowed one"),
  /** Operator mode: the target account is the callout account or an allowed one. */
  OPERATOR_TARGET_ACCOUNT(
      "operator mode: the user's issuing account (issuer_account, else iss) must be the callout"
          + " account or one allowed_accounts permits"),
  /** Operator mode: a user signed by an account's identity key names no other account. */
  OPERATOR_ISSUER_ACCOUNT(
      "operator mode: a user signed by an account key must not name another issuer_account"),
  /** The response claims must validate with no issues at all. */
  RESPONSE_VALID("the authorization response must pass validation with no issues at all");

  private final String text;

  ResponseRule(String text) {
    this.text = text;
  }

  /**
   * Returns the rule in words.
   *
   * @return for example {@code "the user JWT's sub must equal the request's user_nkey"}
   */
  public String text() {
    return text;
  }
}
