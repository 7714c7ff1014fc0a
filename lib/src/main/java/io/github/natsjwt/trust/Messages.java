package io.github.natsjwt.trust;

/**
 * The message templates of rejections and configuration errors ({@link String#format} patterns).
 * Each says what was found and how to fix it, and names keys, never seeds or whole tokens.
 */
final class Messages {
  private Messages() {}

  // ---------------------------------------------------------------- configuration
  static final String NO_OPERATOR =
      "no trusted operator: add one with trustOperator(operatorJwt) or"
          + " trustOperatorKey(operatorPublicKey), as the server's operator or trusted_keys"
          + " setting";
  static final String OPERATOR_AND_KEYS =
      "trusted operator JWTs and bare trusted operator keys cannot be combined (the server's"
          + " operator and trusted_keys settings conflict); use one or the other";
  static final String NO_TRUSTED_KEYS =
      "the trusted operators leave no key that may sign accounts: an operator with"
          + " strict_signing_key_usage needs signing keys";
  static final String SYSTEM_ACCOUNT_NOT_ACCOUNT = "system account %s is not an account public key";
  static final String SYSTEM_ACCOUNT_CONFLICT =
      "system account %s differs from operator %s's system_account %s, and the server refuses to"
          + " start with both; remove the setting or make them equal";
  static final String PINNED_NOT_ACCOUNT = "pinned account %s is not an account public key";
  static final String BAD_LIMIT =
      "%s is %d; use a value from 0 to 2147483647 (0 means what it means in the server's"
          + " configuration)";

  // ---------------------------------------------------------------- shared
  static final String EXPIRED = "the %s JWT about %s expired at %s (now %s); %s";
  static final String NOT_YET_VALID =
      "the %s JWT about %s is not valid before %s (now %s); wait until then or re-issue it"
          + " without nbf";

  // ---------------------------------------------------------------- accounts
  static final String NO_ISSUER_ACCOUNT_HINT =
      "; the user JWT has no issuer_account, so its issuer %s was looked up as the account: if"
          + " that is a signing key, re-issue the user with issuer_account set to its account";
  static final String NO_RESOLVER =
      "no account resolver is configured, so account %s cannot be fetched; configure one with"
          + " TrustVerifier.Builder.accountResolver(...) or pass the verified account";
  static final String NOT_AN_ACCOUNT_KEY =
      "%s is not an account public key, and the server looks up only account keys";
  static final String RESOLVER_FAILED = "the resolver could not fetch account %s: %s";
  static final String ACCOUNT_NOT_FOUND =
      "the resolver has no JWT for account %s; push the account JWT to the resolver";
  static final String ACCOUNT_SUBJECT_MISMATCH =
      "the resolver returned a JWT about account %s when asked for account %s; store each"
          + " account JWT under its own key";
  static final String ACCOUNT_JWT_MALFORMED = "%s is not a valid account JWT: %s";
  static final String ACCOUNT_STRICT_IDENTITY =
      "account %s is signed by operator %s's identity key, but that operator sets"
          + " strict_signing_key_usage, so only its signing keys may sign accounts; re-sign the"
          + " account with one of the operator's signing keys";
  static final String ACCOUNT_SELF_SIGNED =
      "account %s is self-signed; in operator mode an account JWT must be signed by a trusted"
          + " operator key";
  static final String ACCOUNT_UNTRUSTED_ISSUER =
      "account %s is signed by %s, which is not a trusted operator key (trusted: %s); trust its"
          + " operator with TrustVerifier.Builder.trustOperator(...) or re-sign the account with a"
          + " trusted key";
  static final String ACCOUNT_INVALID = "account %s fails validation: %s%s";
  static final String ACCOUNT_LIMITS_HINT =
      " (its limits allow %d imports and %d exports; an account JWT without limits allows 0: set"
          + " limits.imports, limits.exports and limits.wildcards, -1 for unlimited)";
  static final String ACCOUNT_EXPIRED =
      "account %s expires at %s, which is not after now (%s), and the server treats it as"
          + " expired from that second on; the operator must issue a new account JWT and push it"
          + " to the resolver";

  // ---------------------------------------------------------------- users
  static final String USER_JWT_MISSING =
      "the client sent no user JWT; in operator mode every client must present one (the CONNECT"
          + " field jwt, from the user's creds file)";
  static final String NOT_A_USER_JWT =
      "the token is a %s JWT, not a user JWT; the client must present the user JWT from its creds"
          + " file";
  static final String USER_ISSUER_NOT_ACCOUNT_KEY =
      "the user JWT is signed by a %s key; a user must be signed by its account's key or one of"
          + " the account's signing keys (an A... key)";
  static final String USER_JWT_SIGNATURE_INVALID = "the user JWT's signature is invalid: %s";
  static final String USER_JWT_MALFORMED = "the user JWT is not a well-formed NATS JWT: %s";
  static final String PROXY_REQUIRED =
      "user %s sets proxy_required, and the connection did not come through a trusted proxy;"
          + " connect through a trusted proxy or re-issue the user without proxy_required";
  static final String USER_INVALID =
      "user %s fails validation: %s; re-issue it with valid permissions, src, times and"
          + " times_location";
  static final String ACCOUNT_NOT_PINNED =
      "account %s is not among the pinned accounts (resolver_pinned_accounts: %s); pin it or use"
          + " a user of a pinned account";
  static final String USER_ACCOUNT_MISMATCH =
      "user %s belongs to account %s (its issuer_account, or else its issuer), but the account"
          + " given is %s";
  static final String SIGNER_IDENTITY_STRICT =
      "user %s is signed by account %s's identity key, but the account was signed by %s, a signing"
          + " key of an operator with strict_signing_key_usage, so only the account's signing keys"
          + " may sign users; re-issue the user with one of them and set issuer_account";
  static final String SIGNER_NOT_IN_ACCOUNT =
      "user %s was issued by signing key %s, which is not among account %s's signing keys (%s);"
          + " add the key to the account's signing_keys or re-issue the user with one of them";
  static final String SCOPED_USER_HAS_PERMISSIONS =
      "user %s was issued by scoped signing key %s%s, and scoped users require no permissions or"
          + " limits set, but it sets %s; the key's template supplies them: re-issue the user with"
          + " UserClaims.Builder.scoped(true)";
  static final String TEMPLATE_REJECTED =
      "the template of scoped signing key %s rejects user %s: %s";
  static final String CONNECTION_TYPES_UNKNOWN =
      "user %s allows only the connection types %s, none of which this server knows, so it may"
          + " not connect at all; known types: %s";
  static final String CONNECTION_TYPE_NOT_ALLOWED =
      "user %s may connect only as %s, not as %s; re-issue it with allowed_connection_types"
          + " including %3$s, or connect another way";
  static final String BEARER_DISALLOWED =
      "user %s is a bearer token, and account %s disallows bearer tokens"
          + " (limits.disallow_bearer); re-issue the user without bearer_token so that it signs"
          + " the nonce";
  static final String NONCE_SIGNATURE_MISSING =
      "user %s is not a bearer token, so the client must sign the server's nonce (CONNECT sig),"
          + " and it sent none; connect with the user's seed, for example from its creds file";
  static final String NONCE_SIGNATURE_NOT_BASE64 =
      "the CONNECT sig is neither base64url without padding nor standard base64 with padding";
  static final String USER_KEY_INVALID =
      "the user JWT's subject %s is not a public key, so the nonce signature cannot be checked";
  static final String NONCE_SIGNATURE_INVALID =
      "the nonce signature does not verify with user key %s: the client signed another nonce, or"
          + " holds another seed than the one the user JWT was issued to";
  static final String REVOKED =
      "account %s revoked user %s: its revocation %s is at %s, at or after the user JWT's issue"
          + " time %s; issue a new user JWT after that time, or remove the revocation";
  static final String SOURCE_HOST_UNPARSABLE =
      "client address \"%s\" is not an IP address, and user %s may connect only from %s";
  static final String SOURCE_BAD_CIDR =
      "src entry \"%s\" of user %s is not a CIDR, and the server refuses the client (address %s)"
          + " when it reaches it; re-issue the user with valid networks";
  static final String SOURCE_NOT_ALLOWED =
      "client address %s is outside user %s's src networks (%s); connect from one of them or"
          + " re-issue the user";
  static final String OUTSIDE_TIME_WINDOW_BROKEN =
      "the connect time windows cannot be evaluated: %s";
  static final String OUTSIDE_TIME_WINDOW =
      "the time now, %s in %s, is outside the user's connect windows (%s)%s; connect within a"
          + " window";
  static final String MIDNIGHT_HINT =
      "; a window whose start is after its end crosses midnight, and nats-server before 2.11.17"
          + " matches only its part from the start on, so early-morning connections are refused";
  static final String ACCOUNT_NO_CONNECTIONS =
      "account %s allows no connections: %s is %d (an account JWT without a limits block has"
          + " 0); set it, -1 for unlimited";
  static final String ACCOUNT_CONNECTIONS_EXCEEDED =
      "account %s allows %d connections (%s) and already has %d; close connections or raise the"
          + " limit";
  static final String AUTH_CALLOUT_REQUIRED =
      "account %s delegates authentication to an auth-callout service (authorization.auth_users),"
          + " and user %s is not one of its auth users, so the callout service decides; this"
          + " library does not run callouts";
  static final String USER_EXPIRES_NOW =
      "user JWT %s expires at %s, the current second: the server accepts it and disconnects it at"
          + " once (User Authentication Expired); issue a new user JWT";
  static final String USER_EXPIRY_TIMER_FIRES =
      "user JWT %s has exp %d, which the server's disconnect timer reads as due at once (a"
          + " negative exp, or one so far ahead that Go's time.Duration in nanoseconds wraps): the"
          + " server accepts it and disconnects it at once (User Authentication Expired); issue a"
          + " new user JWT without exp, or with one less than 292 years ahead";
  static final String MAX_SUBSCRIPTIONS_ZERO =
      "the connection's subscription limit is %d (%s subs %d, account limits.subs %d, server"
          + " max_subs %d where 0 is unlimited): the server closes the connection about 20 ms"
          + " after CONNECT with 'maximum subscriptions exceeded'; set the user's subs (-1 for"
          + " unlimited)";

  // ---------------------------------------------------------------- imports
  static final String EXPORT_NOT_FOUND =
      "account %s has no %s export that covers \"%s\"; add the export, or import a subject it"
          + " exports";
  static final String ACCOUNT_TOKEN_POSITION_MISMATCH =
      "export \"%s\" requires the importing account's key as token %d of the subject, but the"
          + " import subject \"%4$s\" does not have %3$s there";
  static final String ACTIVATION_MISSING =
      "export \"%s\" of account %s requires an activation token, and the import of account %s has"
          + " none; ask the exporter for one";
  static final String ACTIVATION_MALFORMED =
      "the activation token of the import \"%s\" is not valid: %s";
  static final String ACTIVATION_OTHER_ISSUER_ACCOUNT =
      "the activation names issuer_account %s, not the exporting account %s; ask the exporter for"
          + " a new activation";
  static final String ACTIVATION_UNKNOWN_SIGNER =
      "the activation was signed by %s, which is not among exporting account %s's signing keys;"
          + " ask the exporter for a new activation";
  static final String ACTIVATION_INVALID =
      "the activation token of the import \"%s\" fails validation: %s";
  static final String ACTIVATION_REVOKED =
      "account %s revoked the activations of export \"%s\" for account %s (this one was issued"
          + " %s); ask the exporter for a new activation";
}
