package io.github.natsjwt.trust;

/**
 * The rule a {@link Rejection} names, in the order nats-server checks them (spec trust-chain.md
 * section 3.3 for users, section 2 for accounts, section 6 for imports). When several rules fail,
 * the verifier reports the one the server checks first.
 *
 * <p>Immutable and thread-safe. The one difference between versions: {@link ServerProfile#V2_9}
 * checks {@link #CONNECTION_TYPE_NOT_ALLOWED} right after {@link #USER_INVALID}, before the account
 * is looked up; later servers check it where it stands in this list.
 */
public enum Rule {
  // ---------------------------------------------------------------- user JWT (steps 1-5)

  /** Step 1: the client sent no user JWT. */
  USER_JWT_MISSING,
  /**
   * Step 2: the user JWT is not a well-formed NATS JWT (segments, base64url, header, JSON, claim
   * version).
   */
  USER_JWT_MALFORMED,
  /** Step 2: the user JWT's signature does not verify with its issuer ({@code iss}). */
  USER_JWT_SIGNATURE_INVALID,
  /** Step 2: the token holds another kind of claim than a user. */
  NOT_A_USER_JWT,
  /** Step 2: the user JWT's issuer is not an account key ({@code A...}). */
  USER_ISSUER_NOT_ACCOUNT_KEY,
  /**
   * Step 3 (nats-server 2.12 and later): the user requires a trusted proxy and the connection did
   * not come through one.
   */
  PROXY_REQUIRED,
  /**
   * Step 4: the user JWT has expired ({@code now > exp}). Also reported after every other check
   * when {@code exp} equals the current second: the server accepts such a user and disconnects it
   * at once ("User Authentication Expired", step 19).
   */
  USER_EXPIRED,
  /** Step 4: the user JWT is not valid yet ({@code nbf} in the future). */
  USER_NOT_YET_VALID,
  /**
   * Step 4: the user claims fail validation (permission subjects, {@code src} CIDRs, time ranges,
   * {@code times_location}, {@code issuer_account}).
   */
  USER_INVALID,

  // ---------------------------------------------------------------- account (steps 6-8)

  /** Step 7: pinned accounts are configured and the user's account is not among them. */
  ACCOUNT_NOT_PINNED,
  /** Step 8: the resolver has no JWT for the account (or no resolver is configured). */
  ACCOUNT_NOT_FOUND,
  /** Step 8: the resolver failed (I/O error, timeout, oversized answer); see the cause. */
  RESOLVER_FAILED,
  /** Step 8: the account JWT is not a well-formed, correctly signed account JWT. */
  ACCOUNT_JWT_MALFORMED,
  /** Step 8 (section 2 step 2): the account JWT is not signed by a trusted operator key. */
  ACCOUNT_UNTRUSTED_ISSUER,
  /**
   * Step 8 (section 2 step 3): the account JWT has expired. Also reported at step 12 (after the
   * signer checks) when {@code exp} equals the current second: the server loads such an account and
   * marks it expired at once ({@code exp <= now}).
   */
  ACCOUNT_EXPIRED,
  /** Step 8: the account JWT is not valid yet ({@code nbf} in the future). */
  ACCOUNT_NOT_YET_VALID,
  /**
   * Step 8 (section 2 step 3): the account claims fail validation, for example imports or exports
   * beyond the account's limits, or a broken activation token.
   */
  ACCOUNT_INVALID,
  /** Step 8 (section 2 step 4): the resolver returned a JWT about another account. */
  ACCOUNT_SUBJECT_MISMATCH,

  // ---------------------------------------------------------------- signer (steps 10-11)

  /**
   * Step 10: the user's issuer is neither the account's identity key (when it may sign users) nor
   * one of the account's signing keys.
   */
  SIGNER_NOT_IN_ACCOUNT,
  /**
   * Step 10: the user was signed by a scoped signing key but sets permissions or limits of its own.
   */
  SCOPED_USER_HAS_PERMISSIONS,
  /** Step 10: expanding the scoped key's template failed for this user. */
  TEMPLATE_REJECTED,
  /**
   * Step 11 (step 5 in {@link ServerProfile#V2_9}): the connection's type is not among the user's
   * allowed connection types, or the list names only types the server does not know.
   */
  CONNECTION_TYPE_NOT_ALLOWED,

  // ---------------------------------------------------------------- connect (steps 13-18)

  /** Step 13: the user is a bearer token and the account disallows bearer tokens. */
  BEARER_DISALLOWED,
  /** Step 14: the user is not a bearer token and the client sent no nonce signature. */
  NONCE_SIGNATURE_MISSING,
  /**
   * Step 14: the nonce signature is not base64, or does not verify with the user's key for the
   * nonce.
   */
  NONCE_SIGNATURE_INVALID,
  /** Step 15: the account revoked this user (by key or with {@code "*"}) at or after its issue. */
  REVOKED,
  /** Step 16: the client's address is not inside any of the user's {@code src} networks. */
  SOURCE_NOT_ALLOWED,
  /** Step 17: the current time is outside every one of the user's connect time windows. */
  OUTSIDE_TIME_WINDOW,
  /** Step 18: the account's connection limit ({@code limits.conn} or {@code leaf}) is reached. */
  ACCOUNT_CONNECTIONS_EXCEEDED,
  /**
   * Step 21 (nats-server 2.10 and later): the account delegates authentication to an auth-callout
   * service, which this library does not run.
   */
  AUTH_CALLOUT_REQUIRED,
  /**
   * After step 18: the effective subscription limit is 0 (a user JWT without {@code subs} has 0):
   * the server accepts the connection and closes it about 20 ms later with "maximum subscriptions
   * exceeded".
   */
  MAX_SUBSCRIPTIONS_ZERO,

  // ---------------------------------------------------------------- imports (section 6)

  /** Section 6 step 1: the exporting account has no export of that type covering the subject. */
  EXPORT_NOT_FOUND,
  /**
   * Section 6 step 3: the export requires the importing account's key at {@code
   * account_token_position} of the import subject, and it is not there.
   */
  ACCOUNT_TOKEN_POSITION_MISMATCH,
  /** Section 6 step 4: the export requires an activation token and the import has none. */
  ACTIVATION_MISSING,
  /**
   * Section 6 step 4: the activation token does not decode, or does not fit the import (issuer,
   * subject, kind, import subject).
   */
  ACTIVATION_INVALID,
  /**
   * Section 6 step 4: the activation names another {@code issuer_account}, or was signed by a key
   * the exporting account does not allow.
   */
  ACTIVATION_UNTRUSTED_ISSUER,
  /** Section 6 step 4: the activation has expired ({@code exp <= now}). */
  ACTIVATION_EXPIRED,
  /** Section 6 step 4: the activation is not valid yet ({@code nbf} in the future). */
  ACTIVATION_NOT_YET_VALID,
  /** Section 6 step 4: the export revoked the importing account's activation. */
  ACTIVATION_REVOKED
}
