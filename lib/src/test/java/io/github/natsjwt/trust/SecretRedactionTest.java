package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.Chain.ACCOUNT;
import static io.github.natsjwt.trust.Chain.OPERATOR_SK;
import static io.github.natsjwt.trust.Chain.USER;
import static io.github.natsjwt.trust.Chain.account;
import static io.github.natsjwt.trust.Chain.resolver;
import static io.github.natsjwt.trust.Chain.signed;
import static io.github.natsjwt.trust.Chain.verifier;
import static io.github.natsjwt.trust.TimeExtremesTest.signRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.claims.ValidationResult;
import io.github.natsjwt.creds.Creds;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeds and private keys, whole and mutated (truncated, re-cased, padded, one character flipped,
 * another prefix letter, quoted), placed in every key-like and text field of every claim type and
 * fed through every path that reports on untrusted input: decoding, claims parsing and validation,
 * the trust verifier, creds and NKey parsing (issue 10 section 5). No message, String getter or
 * {@code toString()} may contain the secret's base32 body, or any 12 characters of it, in any
 * letter case.
 */
class SecretRedactionTest {
  private static final int WINDOW = 12;

  /** Real secrets of every signing type: each seed and its private-key encoding. */
  private static List<String> secrets() {
    SecureRandom random = new SecureRandom();
    List<String> out = new ArrayList<>();
    for (NKeyType t :
        List.of(NKeyType.OPERATOR, NKeyType.ACCOUNT, NKeyType.USER, NKeyType.SERVER)) {
      NKey k = NKey.generate(t, random);
      out.add(new String(k.seed()));
      out.add(new String(k.privateKey()));
    }
    return out;
  }

  private static List<String> mutations(String secret, Random r) {
    int flip = 2 + r.nextInt(secret.length() - 2);
    char c = secret.charAt(flip);
    char other = c == 'A' ? 'B' : 'A';
    return List.of(
        secret,
        secret.substring(0, secret.length() - 1),
        secret.substring(0, 30),
        secret.substring(1),
        secret.toLowerCase(Locale.ROOT),
        " " + secret + " ",
        secret + "==",
        secret + "\n",
        "\"" + secret + "\"",
        secret.substring(0, flip) + other + secret.substring(flip + 1),
        (secret.charAt(0) == 'S' ? "P" : "S") + secret.substring(1),
        "U" + secret.substring(1));
  }

  /** The payload fields a secret is put in, each with how to write it into a payload. */
  private static final List<String> TOP_FIELDS = List.of("iss", "sub", "name", "aud");

  private static List<String> payloads(String v) {
    String q = jsonString(v);
    String user = USER.publicKey();
    String acct = ACCOUNT.publicKey();
    List<String> out = new ArrayList<>();
    for (String f : TOP_FIELDS) {
      out.add("{\"" + f + "\":" + q + ",\"iat\":1,\"nats\":{\"type\":\"user\",\"version\":2}}");
    }
    String userBase = "\"sub\":\"" + user + "\",\"iat\":1,";
    out.add(
        "{"
            + userBase
            + "\"nats\":{\"type\":\"user\",\"issuer_account\":"
            + q
            + ",\"version\":2}}");
    out.add("{" + userBase + "\"nats\":{\"type\":\"user\",\"src\":[" + q + "],\"version\":2}}");
    String acctBase = "\"sub\":\"" + acct + "\",\"iat\":1,";
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"signing_keys\":["
            + q
            + "],\"version\":2}}");
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"revocations\":{"
            + q
            + ":5},\"version\":2}}");
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"imports\":[{\"account\":"
            + q
            + ",\"subject\":\"a\",\"type\":\"stream\"}],\"version\":2}}");
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"exports\":[{\"subject\":\"a\","
            + "\"type\":\"stream\",\"revocations\":{"
            + q
            + ":5}}],\"version\":2}}");
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"authorization\":{\"auth_users\":["
            + q
            + "],\"allowed_accounts\":["
            + q
            + "],\"xkey\":"
            + q
            + "},\"version\":2}}");
    out.add(
        "{"
            + acctBase
            + "\"nats\":{\"type\":\"account\",\"signing_keys\":[{\"kind\":"
            + "\"user_scope\",\"key\":"
            + q
            + ",\"role\":"
            + q
            + "}],\"version\":2}}");
    out.add(
        "{\"sub\":\""
            + Chain.OPERATOR.publicKey()
            + "\",\"iat\":1,\"nats\":{\"type\":"
            + "\"operator\",\"signing_keys\":["
            + q
            + "],\"system_account\":"
            + q
            + ",\"version\":2}}");
    out.add(
        "{\"sub\":"
            + q
            + ",\"iat\":1,\"nats\":{\"type\":\"activation\",\"subject\":\"a\","
            + "\"kind\":\"stream\",\"issuer_account\":"
            + q
            + ",\"version\":2}}");
    out.add(
        "{\"sub\":\""
            + user
            + "\",\"iat\":1,\"nats\":{\"type\":\"authorization_request\","
            + "\"user_nkey\":"
            + q
            + ",\"server_id\":{\"name\":\"s\",\"id\":"
            + q
            + "},\"version\":2}}");
    out.add(
        "{\"sub\":"
            + q
            + ",\"aud\":"
            + q
            + ",\"iat\":1,\"nats\":{\"type\":"
            + "\"authorization_response\",\"issuer_account\":"
            + q
            + ",\"version\":2}}");
    return out;
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void everyPath_mutatedSecrets_neverRepeated() {
    Random r = new Random(20_260_302L);
    TrustVerifier verifier = verifier(resolver(Chain.sign(account().build(), OPERATOR_SK))).build();
    int checked = 0;
    for (String secret : secrets()) {
      String body = secret.toUpperCase(Locale.ROOT);
      for (String m : mutations(secret, r)) {
        List<String> seen = new ArrayList<>();
        // NKey and creds parsing.
        collect(seen, () -> NKey.fromPublicKey(m));
        collect(seen, () -> NKey.fromSeed(m));
        collect(seen, () -> Creds.parse(m));
        collect(seen, () -> Creds.of(Chain.sign(Chain.user().build(), ACCOUNT), m.toCharArray()));
        for (String payload : payloads(m)) {
          // Signed by a real key, so that decoding goes past the signature check when iss is
          // that key; and self-signed through the secret-bearing iss otherwise.
          for (NKey signer : List.of(ACCOUNT, OPERATOR_SK, USER)) {
            String json =
                payload.contains("\"iss\"")
                    ? payload
                    : "{\"iss\":\"" + signer.publicKey() + "\"," + payload.substring(1);
            String token = signRaw(json, signer);
            collect(seen, () -> Jwt.decode(token));
            collect(seen, () -> claimsReport(Claims.fromJson(json)));
            collect(seen, () -> verifier.verifyUser(token, signed()).toString());
            collect(seen, () -> verifier.verifyAccount(token).toString());
            collect(seen, () -> verifier.resolveAccount(m).toString());
          }
        }
        for (String text : seen) {
          checked++;
          assertNoSecret(body, m, text);
        }
      }
    }
    assertTrue(checked > 1000, "checked " + checked);
  }

  @Test
  void signatureMismatch_issuerNotPublicKey_getterRedacted() {
    NKey k = NKey.generate(NKeyType.ACCOUNT, new SecureRandom());
    String pk = new String(k.privateKey());
    String token = signRaw("{\"iss\":\"" + pk + "\",\"sub\":\"x\",\"iat\":1}", k);
    try {
      Jwt.decode(token);
      fail("decoded");
    } catch (SignatureMismatchException e) {
      assertEquals("<not a public key: " + pk.length() + " characters, redacted>", e.issuer());
    }
  }

  @Test
  void claimsToString_nameHoldingASeed_redactedButWordsShown() {
    NKey k = NKey.generate(NKeyType.USER, new SecureRandom());
    Claims withSeed = Chain.user().name(new String(k.seed())).build();
    assertTrue(withSeed.toString().contains("name=<58 characters, redacted: may hold a key>"));
    Claims plain = Chain.user().name("authorization service").build();
    assertTrue(plain.toString().contains("name=authorization service"), plain::toString);
  }

  private static String claimsReport(Claims c) {
    ValidationResult v = c.validate(Chain.NOW);
    return c + " " + v;
  }

  private interface Action {
    Object run();
  }

  /** Runs an action; keeps every message, String getter and toString() it leaves behind. */
  private static void collect(List<String> seen, Action a) {
    try {
      Object o = a.run();
      if (o instanceof io.github.natsjwt.jwt.DecodedJwt) {
        Claims c = ((io.github.natsjwt.jwt.DecodedJwt<?>) o).claims();
        seen.add(claimsReport(c));
      } else if (o instanceof String) {
        seen.add((String) o);
      }
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        seen.add(String.valueOf(t.getMessage()));
        seen.add(t.toString());
        for (java.lang.reflect.Method getter : t.getClass().getMethods()) {
          if (getter.getParameterCount() == 0
              && getter.getReturnType() == String.class
              && getter.getDeclaringClass() != Object.class
              && getter.getDeclaringClass() != Throwable.class) {
            try {
              seen.add(String.valueOf(getter.invoke(t)));
            } catch (ReflectiveOperationException ignored) {
              // a getter that cannot be called reveals nothing
            }
          }
        }
      }
    }
  }

  private static void assertNoSecret(String body, String mutated, String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    Set<String> windows = new LinkedHashSet<>();
    for (int i = 0; i + WINDOW <= body.length(); i++) {
      windows.add(body.substring(i, i + WINDOW));
    }
    for (String w : windows) {
      if (upper.contains(w)) {
        fail("input " + mutated.length() + " chars leaked \"" + w + "\" in: " + text);
      }
    }
  }
}
