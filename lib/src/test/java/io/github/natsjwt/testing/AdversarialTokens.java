package io.github.natsjwt.testing;

import io.github.natsjwt.internal.codec.Base64Url;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Signed tokens whose payload is built to make the decoded claims as large as possible for the
 * token's length: many tiny strings, empty objects in every list of objects, many tiny map entries,
 * deep nesting. They are properly signed, so a cache that admits trusted issuers admits them.
 */
public final class AdversarialTokens {
  private AdversarialTokens() {}

  /** One shape: a payload with a filler repeated until the token reaches a length. */
  public static final class Shape {
    public final String name;
    final NKeyType signerType;
    final String type;
    final String prefix;
    final IntFunction<String> element;
    final String separator;
    final String suffix;

    Shape(
        String name,
        NKeyType signerType,
        String type,
        String prefix,
        IntFunction<String> element,
        String separator,
        String suffix) {
      this.name = name;
      this.signerType = signerType;
      this.type = type;
      this.prefix = prefix;
      this.element = element;
      this.separator = separator;
      this.suffix = suffix;
    }

    /** Returns the claim type, as named in the payload. */
    public String type() {
      return type;
    }

    @Override
    public String toString() {
      return name;
    }

    /** Returns the key type that may sign this shape's claims. */
    public NKeyType signerType() {
      return signerType;
    }

    /**
     * Builds a token of about {@code chars} characters (never more), signed by {@code signer},
     * about {@code subject}; {@code salt} makes otherwise equal tokens differ.
     */
    public String token(NKey signer, String subject, int chars, int salt) {
      String head =
          "{\"jti\":\"J"
              + salt
              + "\",\"iat\":1700000000,\"iss\":\""
              + signer.publicKey()
              + "\",\"sub\":\""
              + subject
              + "\",\"nats\":{\"type\":\""
              + type
              + "\",\"version\":2,"
              // Users without limits, so that they pass the verifier's checks.
              + (type.equals("user") ? "\"subs\":-1,\"data\":-1,\"payload\":-1," : "");
      String tail = "}}";
      // Base64 turns 3 payload bytes into 4 characters; leave room for the header and signature.
      int budget = (chars - 40 - 87) * 3 / 4 - head.length() - tail.length() - 8;
      StringBuilder fill = new StringBuilder(prefix);
      List<String> parts = new ArrayList<>();
      int used = prefix.length() + suffix.length();
      for (int i = 0; ; i++) {
        String e = (i == 0 ? "" : separator) + element.apply(i);
        if (used + e.length() > budget) {
          break;
        }
        parts.add(e);
        used += e.length();
      }
      for (String p : parts) {
        fill.append(p);
      }
      fill.append(suffix);
      return sign(head + fill + tail, signer);
    }
  }

  /** Signs a payload as it is, with the v2 header. */
  public static String sign(String payloadJson, NKey signer) {
    String header =
        Base64Url.encode(
            "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.UTF_8));
    String signed = header + "." + Base64Url.encode(payloadJson.getBytes(StandardCharsets.UTF_8));
    return signed + "." + Base64Url.encode(signer.sign(signed.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A short, distinct key for element {@code i}: base 36, at most 3 characters for 46,656. */
  static String small(int i) {
    return Integer.toString(i, 36).toLowerCase(Locale.ROOT);
  }

  private static Shape shape(
      String name,
      NKeyType signer,
      String type,
      String prefix,
      IntFunction<String> element,
      String suffix) {
    return new Shape(name, signer, type, prefix, element, ",", suffix);
  }

  /** Shapes of user JWTs (signed by an account key). */
  public static List<Shape> userShapes() {
    NKeyType a = NKeyType.ACCOUNT;
    List<Shape> s = new ArrayList<>();
    s.add(shape("user pub.allow \"a\"", a, "user", "\"pub\":{\"allow\":[", i -> "\"a\"", "]}"));
    s.add(shape("user pub.allow \"\"", a, "user", "\"pub\":{\"allow\":[", i -> "\"\"", "]}"));
    s.add(
        shape("user sub.deny distinct", a, "user", "\"sub\":{\"deny\":[", i -> q(small(i)), "]}"));
    s.add(shape("user tags \"a\"", a, "user", "\"tags\":[", i -> "\"a\"", "]"));
    s.add(shape("user tags distinct", a, "user", "\"tags\":[", i -> q(small(i)), "]"));
    s.add(new Shape("user src a,a", a, "user", "\"src\":\"", i -> "a", ",", "\""));
    s.add(new Shape("user src cidr", a, "user", "\"src\":\"", i -> "::/0", ",", "\""));
    s.add(shape("user times {}", a, "user", "\"times\":[", i -> "{}", "]"));
    s.add(
        shape(
            "user times full",
            a,
            "user",
            "\"times\":[",
            i -> "{\"start\":\"0\",\"end\":\"1\"}",
            "]"));
    s.add(
        shape(
            "user allowed_connection_types",
            a,
            "user",
            "\"allowed_connection_types\":[",
            i -> "\"a\"",
            "]"));
    s.add(
        shape(
            "user pub and sub allow and deny",
            a,
            "user",
            "\"pub\":{\"allow\":[\"a\"],\"deny\":[\"a\"]},\"sub\":{\"allow\":[\"a\"],\"deny\":[",
            i -> "\"a\"",
            "]}"));
    return s;
  }

  /** Shapes of activation tokens (signed by an account key). */
  public static List<Shape> activationShapes() {
    NKeyType a = NKeyType.ACCOUNT;
    List<Shape> s = new ArrayList<>();
    s.add(
        shape(
            "activation tags",
            a,
            "activation",
            "\"subject\":\"s\",\"kind\":\"service\",\"tags\":[",
            i -> "\"a\"",
            "]"));
    return s;
  }

  /** Shapes of the other claim types, which only a {@code JwtDecoder} may cache. */
  public static List<Shape> otherShapes() {
    NKeyType o = NKeyType.OPERATOR;
    List<Shape> s = new ArrayList<>();
    s.add(shape("account exports {}", o, "account", "\"exports\":[", i -> "{}", "]"));
    s.add(shape("account imports {}", o, "account", "\"imports\":[", i -> "{}", "]"));
    s.add(
        shape(
            "account exports revocations",
            o,
            "account",
            "\"exports\":[",
            i -> "{\"revocations\":{\"a\":1}}",
            "]"));
    s.add(
        shape(
            "account revocations",
            o,
            "account",
            "\"revocations\":{",
            i -> q(small(i)) + ":1",
            "}"));
    s.add(shape("account signing_keys", o, "account", "\"signing_keys\":[", i -> q(small(i)), "]"));
    s.add(
        shape(
            "account scoped signing_keys",
            o,
            "account",
            "\"signing_keys\":[",
            i -> "{\"kind\":\"user_scope\",\"key\":" + q(small(i)) + ",\"template\":{}}",
            "]"));
    s.add(
        shape("account mappings", o, "account", "\"mappings\":{", i -> q(small(i)) + ":[{}]", "}"));
    s.add(shape("account mapping targets", o, "account", "\"mappings\":{\"a\":[", i -> "{}", "]}"));
    s.add(
        shape(
            "account default_permissions",
            o,
            "account",
            "\"default_permissions\":{\"pub\":{\"allow\":[",
            i -> "\"a\"",
            "]}}"));
    s.add(
        shape(
            "account auth_users",
            o,
            "account",
            "\"authorization\":{\"auth_users\":[",
            i -> "\"a\"",
            "]}"));
    s.add(shape("operator signing_keys", o, "operator", "\"signing_keys\":[", i -> "\"a\"", "]"));
    s.add(
        shape(
            "operator service urls",
            o,
            "operator",
            "\"operator_service_urls\":[",
            i -> "\"a\"",
            "]"));
    NKeyType n = NKeyType.SERVER;
    s.add(
        shape(
            "authorization_request certs",
            n,
            "authorization_request",
            "\"client_tls\":{\"certs\":[",
            i -> "\"a\"",
            "]}"));
    s.add(
        shape(
            "authorization_request verified_chains",
            n,
            "authorization_request",
            "\"client_tls\":{\"verified_chains\":[",
            i -> "[]",
            "]}"));
    s.add(
        shape(
            "authorization_request verified_chains a",
            n,
            "authorization_request",
            "\"client_tls\":{\"verified_chains\":[",
            i -> "[\"a\"]",
            "]}"));
    s.add(shape("generic data [0]", o, "generic", "\"data\":{\"a\":[", i -> "0", "]}"));
    s.add(shape("generic data [[]]", o, "generic", "\"data\":{\"a\":[", i -> "[]", "]}"));
    s.add(shape("generic data [{}]", o, "generic", "\"data\":{\"a\":[", i -> "{}", "]}"));
    s.add(shape("generic data map", o, "generic", "\"data\":{", i -> q(small(i)) + ":0", "}"));
    s.add(
        new Shape(
            "generic data nested",
            o,
            "generic",
            "\"data\":{\"a\":[",
            i ->
                "{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
            ",",
            "]}"));
    return s;
  }

  private static String q(String s) {
    return "\"" + s + "\"";
  }
}
