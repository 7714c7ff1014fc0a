package io.github.natsjwt.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.testing.JwtTestData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Decoding and verifying depend on no state a thread keeps between calls: results of decodes
 * interleaved on one thread, and of decodes run at once on many threads (virtual threads on JDK 21
 * and later), are the claims, payloads and verdicts the Go reference recorded in {@code
 * testdata/jwt-vectors.json}, whatever ran before or beside them.
 */
class JwtConcurrencyTest {
  /** One vector with what Go read from it and the bytes its signature covers. */
  private record Vector(
      String name,
      String token,
      String claimsJson,
      String payloadJson,
      String headerJson,
      String issuer,
      byte[] signed,
      byte[] signature) {

    static Vector of(JsonNode v) {
      String token = v.get("jwt").asText();
      int dot1 = token.indexOf('.');
      int dot2 = token.lastIndexOf('.');
      // v1 tokens are signed over the payload segment, v2 over header.payload (claims.md 1).
      int from = v.get("payload_version").asInt() <= 1 ? dot1 + 1 : 0;
      return new Vector(
          v.get("name").asText(),
          token,
          v.get("go_decoded_claims_json").asText(),
          v.get("decoded_payload_json").asText(),
          v.get("header_json").asText(),
          v.get("issuer_public_key").asText(),
          token.substring(from, dot2).getBytes(StandardCharsets.US_ASCII),
          // Go skips CR and LF in base64url; one vector has a line break in its signature.
          Base64.getUrlDecoder().decode(token.substring(dot2 + 1).replaceAll("[\r\n]", "")));
    }

    /** The token with one character of its signature changed, so that it no longer verifies. */
    String tampered() {
      int i = token.lastIndexOf('.') + 2;
      char c = token.charAt(i) == 'A' ? 'B' : 'A';
      return token.substring(0, i) + c + token.substring(i + 1);
    }

    /** Checks a decode of this vector against Go's record; returns a mismatch, or null. */
    @Nullable String mismatch(DecodedJwt<Claims> jwt) {
      if (!jwt.claims().toJson().equals(claimsJson)) {
        return name + ": claims " + jwt.claims().toJson();
      }
      if (!jwt.payloadJson().equals(payloadJson)) {
        return name + ": payload " + jwt.payloadJson();
      }
      if (!jwt.headerJson().equals(headerJson)) {
        return name + ": header " + jwt.headerJson();
      }
      if (!jwt.issuer().equals(issuer) || !jwt.token().equals(token)) {
        return name + ": issuer " + jwt.issuer();
      }
      return null;
    }
  }

  private static List<Vector> vectors() {
    List<Vector> all = new ArrayList<>();
    for (JsonNode v : JwtTestData.validVectors()) {
      all.add(Vector.of(v));
    }
    assertEquals(40, all.size(), "vector count");
    return all;
  }

  /**
   * Every vector decoded first and read only after all the others (and a failing decode between
   * each) have run on the same thread: its claims, and the header and payload decoded on first
   * call, are still Go's.
   */
  @Test
  void decode_interleavedOnOneThread_eachResultAsGo() {
    List<Vector> vectors = vectors();
    List<DecodedJwt<Claims>> decoded = new ArrayList<>();
    for (Vector v : vectors) {
      decoded.add(Jwt.decode(v.token()));
      assertThrows(SignatureMismatchException.class, () -> Jwt.decode(v.tampered()), v.name());
    }
    // Read in reverse order, with a decode of the largest token before each read.
    Vector largest = Collections.max(vectors, (a, b) -> a.token().length() - b.token().length());
    for (int i = vectors.size() - 1; i >= 0; i--) {
      Jwt.decode(largest.token());
      Vector v = vectors.get(i);
      assertNull(v.mismatch(decoded.get(i)));
    }
  }

  /**
   * Decodes that fail after filling the buffers a decode borrows (a payload of 6,000 bytes that is
   * not JSON, claims the reader refuses, a signature of 64 bytes that does not verify) leave no
   * trace: the claims of the decode before them, and a decode of the same token after them, are
   * still Go's.
   */
  @Test
  void decode_afterFailuresThatFillTheLentBuffers_resultsAsGo() {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                "{\"typ\":\"JWT\",\"alg\":\"ed25519-nkey\"}".getBytes(StandardCharsets.US_ASCII));
    String notJson = "{\"jti\":\"" + "x".repeat(6000);
    String badClaims = "{\"jti\":\"" + "y".repeat(3000) + "\",\"iat\":\"not a number\"}";
    List<String> failing = new ArrayList<>();
    for (String payload : List.of(notJson, badClaims)) {
      failing.add(
          header
              + "."
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(payload.getBytes(StandardCharsets.US_ASCII))
              + "."
              + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[64]));
    }
    for (Vector v : vectors()) {
      DecodedJwt<Claims> before = Jwt.decode(v.token());
      for (String token : failing) {
        assertThrows(MalformedJwtException.class, () -> Jwt.decode(token), v.name());
      }
      assertThrows(SignatureMismatchException.class, () -> Jwt.decode(v.tampered()), v.name());
      assertNull(v.mismatch(before));
      assertNull(v.mismatch(Jwt.decode(v.token())));
    }
  }

  /**
   * A fresh key (the general path) verifies each vector's signature over the bytes Go signed,
   * interleaved with a key that has verified often (the precomputed path) and with rejections.
   */
  @Test
  void verify_freshAndHotKeysInterleaved_verdictsAsSigned() {
    List<Vector> vectors = vectors();
    Vector first = vectors.get(0);
    NKey hot = NKey.fromPublicKey(first.issuer());
    for (int i = 0; i < 8; i++) {
      assertTrue(hot.verify(first.signed(), first.signature()));
    }
    for (Vector v : vectors) {
      NKey fresh = NKey.fromPublicKey(v.issuer());
      byte[] altered = v.signed().clone();
      altered[altered.length / 2] ^= 1;
      assertTrue(fresh.verify(v.signed(), v.signature()), v.name());
      if (!Arrays.equals(v.signature(), first.signature())) {
        assertFalse(hot.verify(first.signed(), v.signature()), v.name());
      }
      assertFalse(fresh.verify(altered, v.signature()), v.name());
      assertTrue(hot.verify(first.signed(), first.signature()), v.name());
      assertTrue(NKey.fromPublicKey(v.issuer()).verify(v.signed(), v.signature()), v.name());
    }
  }

  /** The kinds of thread the concurrent test runs on. */
  enum Threads {
    PLATFORM,
    /** Needs JDK 21 or later; skipped before. */
    VIRTUAL
  }

  /**
   * Many threads, started together, each decode every vector (and a tampered copy) in an order of
   * their own, and verify each signature with a fresh key: every result is Go's.
   */
  @ParameterizedTest
  @EnumSource(Threads.class)
  void decode_manyThreadsAtOnce_eachResultAsGo(Threads kind) throws Exception {
    List<Vector> vectors = vectors();
    ExecutorService pool;
    int tasks;
    if (kind == Threads.VIRTUAL) {
      @Nullable ExecutorService virtual = virtualThreadPerTaskExecutor();
      assumeTrue(virtual != null, "virtual threads need JDK 21 or later");
      pool = virtual;
      tasks = 160;
    } else {
      tasks = 8;
      pool = Executors.newFixedThreadPool(tasks);
    }
    int rounds = kind == Threads.VIRTUAL ? 1 : 6;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < tasks; t++) {
        long seed = t;
        Callable<List<String>> task =
            () -> {
              start.await();
              return decodeAll(vectors, new Random(seed), rounds, kind == Threads.VIRTUAL);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<String> mismatches = new ArrayList<>();
      for (Future<List<String>> f : futures) {
        mismatches.addAll(f.get(5, TimeUnit.MINUTES));
      }
      assertEquals(List.of(), mismatches);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Decodes and verifies the vectors in a shuffled order; returns what differed from Go. */
  private static List<String> decodeAll(
      List<Vector> vectors, Random random, int rounds, boolean yield) {
    List<String> mismatches = new ArrayList<>();
    List<Vector> order = new ArrayList<>(vectors);
    for (int r = 0; r < rounds; r++) {
      Collections.shuffle(order, random);
      // Up to a third of the vectors are taken at a time, in turn, so that on virtual threads a
      // carrier runs other threads' decodes between one task's decode and its reads.
      List<DecodedJwt<Claims>> held = new ArrayList<>();
      int batch = 1 + random.nextInt(order.size() / 3);
      for (int i = 0; i < order.size(); i += batch) {
        List<Vector> part = order.subList(i, Math.min(order.size(), i + batch));
        held.clear();
        for (Vector v : part) {
          held.add(Jwt.decode(v.token()));
          try {
            Jwt.decode(v.tampered());
            mismatches.add(v.name() + ": tampered token decoded");
          } catch (SignatureMismatchException expected) {
            // as Go: the signature does not verify
          }
          if (!NKey.fromPublicKey(v.issuer()).verify(v.signed(), v.signature())) {
            mismatches.add(v.name() + ": signature does not verify with a fresh key");
          }
        }
        if (yield) {
          Thread.yield();
        }
        for (int j = 0; j < part.size(); j++) {
          String m = part.get(j).mismatch(held.get(j));
          if (m != null) {
            mismatches.add(m);
          }
        }
      }
    }
    return mismatches;
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21 and later, else null. */
  private static @Nullable ExecutorService virtualThreadPerTaskExecutor() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
