package io.github.natsjwt.claims;

import static io.github.natsjwt.internal.json.GoType.ANY;
import static io.github.natsjwt.internal.json.GoType.BOOL;
import static io.github.natsjwt.internal.json.GoType.CIDR_LIST;
import static io.github.natsjwt.internal.json.GoType.EXPORT_TYPE;
import static io.github.natsjwt.internal.json.GoType.INT64;
import static io.github.natsjwt.internal.json.GoType.SAMPLING_RATE;
import static io.github.natsjwt.internal.json.GoType.SCOPE_TYPE;
import static io.github.natsjwt.internal.json.GoType.STRING;
import static io.github.natsjwt.internal.json.GoType.STRINGS;
import static io.github.natsjwt.internal.json.GoType.integer;
import static io.github.natsjwt.internal.json.GoType.map;
import static io.github.natsjwt.internal.json.GoType.pointer;
import static io.github.natsjwt.internal.json.GoType.slice;
import static io.github.natsjwt.internal.json.GoType.struct;

import io.github.natsjwt.internal.json.GoType;
import java.util.Map;
import java.util.Set;

/**
 * The Go types that the reference unmarshals each payload into (spec claims.md §1.12, §2 and §3),
 * as {@link GoType}s, so that a payload is read with Go's rules for duplicate keys, {@code null},
 * key case and type errors. Embedded structs are listed by their fields, in the reference's order.
 */
final class ClaimSchemas {
  private ClaimSchemas() {}

  /** Go {@code uint64}. */
  private static final GoType UINT64 = GoType.UINT64;

  static final GoType CLAIMS_DATA =
      struct(
          "aud", STRING, "exp", INT64, "jti", STRING, "iat", INT64, "iss", STRING, "name", STRING,
          "nbf", INT64, "sub", STRING);

  /** What the reference reads first to learn the claim type and version. */
  static final GoType IDENTIFIER =
      struct("type", STRING, "nats", struct("tags", STRINGS, "type", STRING, "version", INT64));

  private static final Object[] GENERIC_FIELDS = {
    "tags", STRINGS, "type", STRING, "version", INT64
  };

  private static final GoType PERMISSION = struct("allow", STRINGS, "deny", STRINGS);
  private static final GoType RESPONSE_PERMISSION = struct("max", INT64, "ttl", INT64);
  private static final Object[] PERMISSIONS_FIELDS = {
    "pub", PERMISSION, "sub", PERMISSION, "resp", pointer(RESPONSE_PERMISSION)
  };
  private static final GoType PERMISSIONS = struct(PERMISSIONS_FIELDS);
  private static final GoType TIME_RANGE = struct("start", STRING, "end", STRING);
  private static final Object[] LIMITS_FIELDS = {
    "src",
    CIDR_LIST,
    "times",
    slice(TIME_RANGE),
    "times_location",
    STRING,
    "subs",
    INT64,
    "data",
    INT64,
    "payload",
    INT64
  };
  private static final GoType USER_PERMISSION_LIMITS =
      PERMISSIONS
          .with(LIMITS_FIELDS)
          .with("bearer_token", BOOL, "proxy_required", BOOL, "allowed_connection_types", STRINGS);

  private static final GoType USER_SCOPE =
      struct(
          "kind",
          SCOPE_TYPE,
          "key",
          STRING,
          "role",
          STRING,
          "template",
          USER_PERMISSION_LIMITS,
          "description",
          STRING);

  private static final GoType NATS_LIMITS = struct("subs", INT64, "data", INT64, "payload", INT64);
  private static final GoType NATS_AND_ACCOUNT_LIMITS =
      NATS_LIMITS.with(
          "imports",
          INT64,
          "exports",
          INT64,
          "wildcards",
          BOOL,
          "disallow_bearer",
          BOOL,
          "conn",
          INT64,
          "leaf",
          INT64);
  private static final Object[] JETSTREAM_LIMITS_FIELDS = {
    "mem_storage",
    INT64,
    "disk_storage",
    INT64,
    "streams",
    INT64,
    "consumer",
    INT64,
    "max_ack_pending",
    INT64,
    "mem_max_stream_bytes",
    INT64,
    "disk_max_stream_bytes",
    INT64,
    "max_bytes_required",
    BOOL
  };
  private static final GoType JETSTREAM_LIMITS = struct(JETSTREAM_LIMITS_FIELDS);
  private static final GoType OPERATOR_LIMITS =
      NATS_AND_ACCOUNT_LIMITS
          .with(JETSTREAM_LIMITS_FIELDS)
          .with("tiered_limits", map(JETSTREAM_LIMITS));

  private static final GoType IMPORT =
      struct(
          "name",
          STRING,
          "subject",
          STRING,
          "account",
          STRING,
          "token",
          STRING,
          "to",
          STRING,
          "local_subject",
          STRING,
          "type",
          EXPORT_TYPE,
          "share",
          BOOL,
          "allow_trace",
          BOOL);
  private static final GoType SERVICE_LATENCY =
      struct("sampling", SAMPLING_RATE, "results", STRING);
  private static final GoType EXPORT =
      struct(
          "name",
          STRING,
          "subject",
          STRING,
          "type",
          EXPORT_TYPE,
          "token_req",
          BOOL,
          "revocations",
          map(INT64),
          "response_type",
          STRING,
          "response_threshold",
          INT64,
          "service_latency",
          pointer(SERVICE_LATENCY),
          "account_token_position",
          integer(0, Long.MAX_VALUE),
          "advertise",
          BOOL,
          "allow_trace",
          BOOL,
          "description",
          STRING,
          "info_url",
          STRING);
  private static final GoType WEIGHTED_MAPPING =
      struct("subject", STRING, "weight", integer(0, 255), "cluster", STRING);
  private static final GoType EXTERNAL_AUTHORIZATION =
      struct("auth_users", STRINGS, "allowed_accounts", STRINGS, "xkey", STRING);
  private static final GoType MSG_TRACE = struct("dest", STRING, "sampling", INT64);

  private static final GoType ACCOUNT =
      struct(
              "imports",
              slice(pointer(IMPORT)),
              "exports",
              slice(pointer(EXPORT)),
              "limits",
              OPERATOR_LIMITS,
              "signing_keys",
              GoType.signingKeys(USER_SCOPE),
              "revocations",
              map(INT64),
              "default_permissions",
              PERMISSIONS,
              "mappings",
              map(slice(WEIGHTED_MAPPING)),
              "authorization",
              EXTERNAL_AUTHORIZATION,
              "trace",
              pointer(MSG_TRACE),
              "cluster_traffic",
              STRING,
              "description",
              STRING,
              "info_url",
              STRING)
          .with(GENERIC_FIELDS);
  private static final GoType ACCOUNT_V1 =
      struct(
          "imports",
          slice(pointer(IMPORT)),
          "exports",
          slice(pointer(EXPORT)),
          "limits",
          NATS_AND_ACCOUNT_LIMITS,
          "signing_keys",
          STRINGS,
          "revocations",
          map(INT64));

  private static final GoType USER =
      USER_PERMISSION_LIMITS.with("issuer_account", STRING).with(GENERIC_FIELDS);
  private static final GoType USER_V1 =
      PERMISSIONS.with(LIMITS_FIELDS).with("bearer_token", BOOL, "max", INT64);

  private static final GoType OPERATOR_V1 =
      struct(
          "signing_keys",
          STRINGS,
          "account_server_url",
          STRING,
          "operator_service_urls",
          STRINGS,
          "system_account",
          STRING);
  private static final GoType OPERATOR =
      OPERATOR_V1
          .with("assert_server_version", STRING, "strict_signing_key_usage", BOOL)
          .with(GENERIC_FIELDS);

  private static final GoType ACTIVATION =
      struct("subject", STRING, "kind", EXPORT_TYPE, "issuer_account", STRING).with(GENERIC_FIELDS);
  private static final GoType ACTIVATION_V1 =
      struct(
          "subject",
          STRING,
          "type",
          EXPORT_TYPE,
          "max",
          INT64,
          "payload",
          INT64,
          "src",
          STRING,
          "times",
          slice(TIME_RANGE));

  private static final GoType SERVER_ID =
      struct(
          "name", STRING, "host", STRING, "id", STRING, "version", STRING, "cluster", STRING,
          "tags", STRINGS, "xkey", STRING);
  private static final GoType CLIENT_INFORMATION =
      struct(
          "host",
          STRING,
          "id",
          UINT64,
          "user",
          STRING,
          "name",
          STRING,
          "tags",
          STRINGS,
          "name_tag",
          STRING,
          "kind",
          STRING,
          "type",
          STRING,
          "mqtt_id",
          STRING,
          "nonce",
          STRING);
  private static final GoType CONNECT_OPTIONS =
      struct(
          "jwt",
          STRING,
          "nkey",
          STRING,
          "sig",
          STRING,
          "auth_token",
          STRING,
          "user",
          STRING,
          "pass",
          STRING,
          "name",
          STRING,
          "lang",
          STRING,
          "version",
          STRING,
          "protocol",
          INT64);
  private static final GoType CLIENT_TLS =
      struct(
          "version", STRING, "cipher", STRING, "certs", STRINGS, "verified_chains", slice(STRINGS));
  private static final GoType AUTHORIZATION_REQUEST =
      struct(
              "server_id",
              SERVER_ID,
              "user_nkey",
              STRING,
              "client_info",
              CLIENT_INFORMATION,
              "connect_opts",
              CONNECT_OPTIONS,
              "client_tls",
              pointer(CLIENT_TLS),
              "request_nonce",
              STRING)
          .with(GENERIC_FIELDS);
  private static final GoType AUTHORIZATION_RESPONSE =
      struct("jwt", STRING, "error", STRING, "issuer_account", STRING).with(GENERIC_FIELDS);

  /** v1 kept these at the top level. */
  private static final Object[] V1_TOP = {
    "tags", STRINGS, "type", STRING, "issuer_account", STRING
  };

  /**
   * The type a payload of this kind and format version is unmarshalled into by the jwt library of a
   * server generation: fields added after jwt 2.3.0 (nats-server 2.9) and 2.10's library are not in
   * their structs, so those servers ignore whatever the fields hold.
   *
   * @param kind the claim type's name; anything unknown is generic
   * @param version 1 or 2
   * @param rules the generation, as {@link ValidationRules} names it
   * @return the type of the whole payload
   */
  static GoType of(String kind, int version, ValidationRules rules) {
    Map<String, GoType> byKind =
        rules == ValidationRules.JWT_2_3
            ? JWT_2_3
            : rules == ValidationRules.SERVER_2_10 ? SERVER_2_10 : CURRENT;
    GoType t = byKind.get(version == 1 ? "v1 " + kind : kind);
    return t != null ? t : byKind.get("generic");
  }

  private static final Map<String, GoType> CURRENT = generation(Set.of());

  /** jwt 2.10's library (nats-server 2.10.27) has no proxy_required. */
  private static final Map<String, GoType> SERVER_2_10 = generation(Set.of("proxy_required"));

  /**
   * jwt 2.3.0 (nats-server 2.9) also predates auth callout, message tracing and cluster traffic.
   */
  private static final Map<String, GoType> JWT_2_3 =
      generation(
          Set.of("proxy_required", "allow_trace", "authorization", "trace", "cluster_traffic"));

  private static Map<String, GoType> generation(Set<String> missing) {
    Map<String, GoType> m = new java.util.HashMap<>();
    m.put("operator", payload(OPERATOR, false).without(missing));
    m.put("v1 operator", payload(OPERATOR_V1, true).without(missing));
    m.put("account", payload(ACCOUNT, false).without(missing));
    m.put("v1 account", payload(ACCOUNT_V1, true).without(missing));
    m.put("user", payload(USER, false).without(missing));
    m.put("v1 user", payload(USER_V1, true).without(missing));
    m.put("activation", payload(ACTIVATION, false).without(missing));
    m.put("v1 activation", payload(ACTIVATION_V1, true).without(missing));
    m.put("authorization_request", payload(AUTHORIZATION_REQUEST, false).without(missing));
    m.put("authorization_response", payload(AUTHORIZATION_RESPONSE, false).without(missing));
    m.put(
        "generic",
        CLAIMS_DATA.with(
            "nats", map(ANY), "type", GoType.RAW, "tags", GoType.RAW, "version", GoType.RAW));
    return Map.copyOf(m);
  }

  private static GoType payload(GoType nats, boolean v1) {
    GoType top = CLAIMS_DATA.with("nats", nats);
    return v1 ? top.with(V1_TOP) : top;
  }
}
