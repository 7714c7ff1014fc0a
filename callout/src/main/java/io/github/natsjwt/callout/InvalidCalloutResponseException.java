package io.github.natsjwt.callout;

/**
 * The authorizer allowed a user that the server would reject (spec trust-chain.md section 7.3). The
 * response was not sent; the client was denied instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidCalloutResponseException extends CalloutException {
  private static final long serialVersionUID = 1L;

  /** The rule broken. */
  private final ResponseRule rule;

  InvalidCalloutResponseException(ResponseRule rule, String detail) {
    super("§7.3 " + rule.text() + ": " + detail);
    this.rule = rule;
  }

  /**
   * Returns the rule the response broke.
   *
   * @return the rule
   */
  public ResponseRule rule() {
    return rule;
  }
}
