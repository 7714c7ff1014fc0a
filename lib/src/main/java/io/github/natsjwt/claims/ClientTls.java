package io.github.natsjwt.claims;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The TLS state of a connecting client, sent in an auth-callout request ({@code client_tls}, spec
 * claims.md section 3.6).
 *
 * <p>Immutable and thread-safe. Every field is written only when set. Certificates are PEM texts:
 * unverified ones in {@code certs}; verified chains in {@code verifiedChains}, the client
 * certificate first in the first chain.
 *
 * <pre>{@code
 * ClientTls tls = new ClientTls("1.3", "TLS_AES_128_GCM_SHA256", List.of(), List.of(List.of(pem)));
 * }</pre>
 *
 * @param version the TLS version
 * @param cipher the cipher suite
 * @param certs the client certificates when not verified
 * @param verifiedChains the verified certificate chains
 */
public record ClientTls(
    String version, String cipher, List<String> certs, List<List<String>> verifiedChains) {
  /**
   * Checks the fields and copies the lists.
   *
   * @param version the TLS version
   * @param cipher the cipher suite
   * @param certs the certificates
   * @param verifiedChains the chains
   */
  public ClientTls {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cipher, "cipher");
    certs = List.copyOf(certs);
    List<List<String>> chains = new ArrayList<>();
    for (List<String> chain : verifiedChains) {
      chains.add(List.copyOf(chain));
    }
    verifiedChains = List.copyOf(chains);
  }

  void write(GoJsonWriter w) {
    w.beginObject();
    w.field("version", version);
    w.field("cipher", cipher);
    w.field("certs", certs);
    if (!verifiedChains.isEmpty()) {
      w.name("verified_chains").beginArray();
      for (List<String> chain : verifiedChains) {
        // A null chain was read as empty; Go would write it back as null, this writes [].
        w.beginArray();
        for (String pem : chain) {
          w.value(pem);
        }
        w.endArray();
      }
      w.endArray();
    }
    w.endObject();
  }

  static ClientTls read(JsonIn o) {
    List<List<String>> chains = new ArrayList<>();
    Object raw = o.get("verified_chains").orElse(null);
    if (raw != null) {
      if (!(raw instanceof List)) {
        throw o.mismatch("verified_chains", "an array of string arrays", raw);
      }
      for (Object chain : (List<?>) raw) {
        if (chain == JsonIn.NULL) {
          chains.add(List.of());
          continue;
        }
        if (!(chain instanceof List)) {
          throw o.mismatch("verified_chains", "an array of string arrays", raw);
        }
        List<String> pems = new ArrayList<>();
        for (Object pem : (List<?>) chain) {
          if (pem == JsonIn.NULL) {
            pems.add("");
          } else if (pem instanceof String) {
            pems.add((String) pem);
          } else {
            throw o.mismatch("verified_chains", "an array of string arrays", raw);
          }
        }
        chains.add(pems);
      }
    }
    return new ClientTls(o.string("version"), o.string("cipher"), o.strings("certs"), chains);
  }
}
