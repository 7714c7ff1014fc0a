package io.github.natsjwt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;

/**
 * A structure-aware generator of claims payloads for the fuzz tests: a claims object of a real type
 * with real field names, into which the fuzzer's bytes choose values and the hostile shapes of
 * issue 10: many keys sharing a hash fingerprint, many duplicate keys, deep nesting, huge arrays,
 * long numbers, long strings, key case variants and extreme numbers.
 *
 * <p>Sizes are capped by the constants below so that every build stays fast while the reader's
 * known quadratic case is being fixed; raise {@link #MAX_COLLIDING_KEYS} to 160_000 once it is.
 */
final class JsonShapes {
  /**
   * Cap on the number of keys sharing one fingerprint ({@code "":0} pairs). Issue 10 section 1:
   * about 157,000 of them cost seconds today; this cap keeps each input in the millisecond range
   * until the reader fix lands. Raise it to 160_000 then.
   */
  static final int MAX_COLLIDING_KEYS = 160_000;

  /** Cap on repetitions of one duplicate key. */
  static final int MAX_DUPLICATES = 20_000;

  /** Cap on nesting depth of an unknown member. */
  static final int MAX_DEPTH = 5_000;

  /** Cap on the elements of a generated array. */
  static final int MAX_ARRAY = 50_000;

  /** Cap on the length of a generated string or number. */
  static final int MAX_TEXT = 200_000;

  /**
   * Cap on the whole payload, in characters: a little over the library's 1 MiB token cap once
   * base64-encoded, so that both sides of the cap are reached.
   */
  static final int MAX_TOTAL = 800_000;

  static final List<String> TYPES =
      List.of(
          "user",
          "account",
          "operator",
          "activation",
          "generic",
          "authorization_request",
          "authorization_response",
          "");

  static final List<String> KEYS =
      List.of(
          "exp",
          "nbf",
          "iat",
          "iss",
          "sub",
          "name",
          "aud",
          "jti",
          "nats",
          "pub",
          "sub",
          "allow",
          "deny",
          "resp",
          "max",
          "ttl",
          "src",
          "times",
          "start",
          "end",
          "times_location",
          "subs",
          "data",
          "payload",
          "bearer_token",
          "allowed_connection_types",
          "issuer_account",
          "imports",
          "exports",
          "limits",
          "signing_keys",
          "revocations",
          "mappings",
          "default_permissions",
          "authorization",
          "auth_users",
          "allowed_accounts",
          "xkey",
          "tiered_limits",
          "kind",
          "key",
          "role",
          "template",
          "subject",
          "weight",
          "cluster",
          "account",
          "token",
          "type",
          "version",
          "tags",
          "service_latency",
          "sampling",
          "response_type",
          "response_threshold",
          "account_token_position",
          "imports",
          "conn",
          "leaf",
          "mem_storage",
          "disk_storage",
          "streams",
          "consumer",
          "wildcards",
          "to",
          "local_subject",
          "share",
          "system_account",
          "operator_service_urls",
          "trace",
          "dest");

  static final List<String> NUMBERS =
      List.of(
          "0",
          "-1",
          "1",
          "9223372036854775807",
          "-9223372036854775808",
          "9223372036854775808",
          "-9223372036854775809",
          "18446744073709551616",
          "1.0",
          "1e3",
          "-0",
          "0.5",
          "1e999",
          "-1e999",
          "1e-999",
          "2147483648",
          "4294967296",
          "255",
          "256",
          "100",
          "101",
          "1E+2",
          "0e0");

  private final FuzzedDataProvider data;
  private final StringBuilder out = new StringBuilder();
  private final String issuer;
  private final String subject;

  private JsonShapes(FuzzedDataProvider data, String issuer, String subject) {
    this.data = data;
    this.issuer = issuer;
    this.subject = subject;
  }

  /**
   * Generates one payload.
   *
   * @param data the fuzzer's bytes
   * @param issuer the signer's public key, written as {@code iss} (so that the signature check
   *     passes and the claims are read)
   * @param subject the public key written as {@code sub}
   * @return a JSON text, not always well-formed
   */
  static String payload(FuzzedDataProvider data, String issuer, String subject) {
    JsonShapes s = new JsonShapes(data, issuer, subject);
    s.claims();
    return s.out.toString();
  }

  private void claims() {
    out.append('{');
    String type = data.pickValue(TYPES);
    boolean first = true;
    int members = data.consumeInt(0, 12);
    for (int i = 0; i < members && data.remainingBytes() > 0; i++) {
      first = comma(first);
      member(0);
    }
    first = comma(first);
    out.append("\"iss\":\"").append(issuer).append("\",\"sub\":\"").append(subject).append('"');
    out.append(",\"nats\":{\"type\":\"").append(type).append("\",\"version\":2");
    int natsMembers = data.consumeInt(0, 12);
    for (int i = 0; i < natsMembers && data.remainingBytes() > 0; i++) {
      out.append(',');
      member(1);
    }
    out.append('}');
    if (data.consumeBoolean()) {
      out.append(',');
      member(0);
    }
    out.append('}');
  }

  /** How many more characters the payload may take. */
  private int room() {
    return Math.max(0, MAX_TOTAL - out.length());
  }

  private boolean comma(boolean first) {
    if (!first) {
      out.append(',');
    }
    return false;
  }

  private void member(int depth) {
    switch (data.consumeInt(0, 9)) {
      case 0 -> collidingKeys();
      case 1 -> duplicates(depth);
      default -> {
        key();
        out.append(':');
        value(depth + 1);
      }
    }
  }

  private void key() {
    String k = data.pickValue(KEYS);
    switch (data.consumeInt(0, 7)) {
      case 0 -> k = k.toUpperCase(java.util.Locale.ROOT);
      case 1 -> k = k.replace('s', '\u017f');
      case 2 -> k = k.replace('k', '\u212a');
      case 3 -> k = k.replace('i', '\u0131');
      case 4 -> k = k.replace('i', '\u0130');
      case 5 -> k = data.consumeString(40);
      default -> {}
    }
    string(k);
  }

  /** Many keys with one fingerprint (length, first and last character): {@code "":0,"":0,...}. */
  private void collidingKeys() {
    int n = Math.min(data.consumeInt(1, MAX_COLLIDING_KEYS), 1 + room() / 8);
    String k = data.pickValue(List.of("", "a", "ab", "aXb", "pub"));
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      string(k);
      out.append(":0");
    }
  }

  private void duplicates(int depth) {
    int n = data.consumeInt(2, MAX_DUPLICATES);
    String k = data.pickValue(KEYS);
    int start = out.length();
    string(k);
    out.append(':');
    value(depth + 1);
    String one = out.substring(start);
    n = Math.min(n, 1 + room() / (one.length() + 1));
    for (int i = 1; i < n; i++) {
      out.append(',').append(one);
    }
  }

  private void value(int depth) {
    if (depth > 40 || data.remainingBytes() == 0) {
      out.append("null");
      return;
    }
    switch (data.consumeInt(0, 12)) {
      case 0 -> out.append("null");
      case 1 -> out.append(data.consumeBoolean());
      case 2 -> out.append(data.pickValue(NUMBERS));
      case 3 -> out.append(data.consumeLong());
      case 4 -> longNumber();
      case 5 -> string(data.consumeString(64));
      case 6 -> string("x".repeat(Math.min(data.consumeInt(0, MAX_TEXT), room())));
      case 7 -> nest();
      case 8 -> hugeArray();
      case 9 -> {
        out.append('[');
        int n = data.consumeInt(0, 5);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          value(depth + 1);
        }
        out.append(']');
      }
      case 10 -> out.append(data.consumeString(20)); // raw, maybe not JSON at all
      default -> {
        out.append('{');
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          member(depth);
        }
        out.append('}');
      }
    }
  }

  private void longNumber() {
    int n = Math.min(data.consumeInt(1, MAX_TEXT), room() + 1);
    switch (data.consumeInt(0, 3)) {
      case 0 -> out.append("9".repeat(n));
      case 1 -> out.append("0.").append("0".repeat(n)).append("12");
      case 2 -> out.append('1').append("0".repeat(n)).append(".0");
      default -> out.append("1.").append("5".repeat(n)).append("e").append(data.consumeInt());
    }
  }

  private void nest() {
    int d = Math.min(data.consumeInt(1, MAX_DEPTH), 1 + room() / 8);
    boolean arrays = data.consumeBoolean();
    for (int i = 0; i < d; i++) {
      out.append(arrays ? "[" : "{\"d\":");
    }
    out.append('0');
    for (int i = 0; i < d; i++) {
      out.append(arrays ? ']' : '}');
    }
  }

  private void hugeArray() {
    int n = Math.min(data.consumeInt(0, MAX_ARRAY), room() / 8);
    String element = data.pickValue(List.of("0", "\"a.b\"", "null", "{}", "[]", "\"*\""));
    out.append('[');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(element);
    }
    out.append(']');
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
