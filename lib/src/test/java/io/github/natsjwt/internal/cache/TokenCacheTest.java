package io.github.natsjwt.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  @Test
  void get_keptToken_foundOnlyByEqualText() {
    TokenCache<String> c = new TokenCache<>(10, 1000);
    c.put("header.payload.signatureA", "a");
    assertEquals("a", c.get(new String("header.payload.signatureA".toCharArray())));
    assertNull(c.get("header.payload.signatureB"));
    assertNull(c.get("header.payload.signature"));
  }

  @Test
  void get_tokensSharingLengthAndTail_keptApart() {
    TokenCache<Integer> c = new TokenCache<>(2000, 1_000_000);
    String tail = ".".repeat(40);
    for (int i = 0; i < 1000; i++) {
      c.put(String.format("%04d", i) + tail, i);
    }
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, c.get(String.format("%04d", i) + tail));
    }
    assertNull(c.get("x000" + tail));
  }

  @Test
  void put_sameTokenTwice_keepsTheFirstValue() {
    TokenCache<String> c = new TokenCache<>(10, 1000);
    c.put("t", "first");
    c.put("t", "second");
    assertEquals("first", c.get("t"));
    assertEquals(1, c.size());
  }

  @Test
  void put_beyondEntries_oldestLeavesFirst() {
    TokenCache<Integer> c = new TokenCache<>(3, 1000);
    for (int i = 0; i < 5; i++) {
      c.put("token" + i, i);
    }
    assertEquals(3, c.size());
    assertNull(c.get("token0"));
    assertNull(c.get("token1"));
    assertEquals(4, c.get("token4"));
  }

  @Test
  void put_beyondCharacters_evictsUntilWithinBudget() {
    TokenCache<Integer> c = new TokenCache<>(100, 10);
    c.put("aaaa", 1);
    c.put("bbbb", 2);
    c.put("cccc", 3);
    assertNull(c.get("aaaa"));
    assertEquals(2, c.size());
    c.put("x".repeat(11), 4);
    assertNull(c.get("x".repeat(11)));
    assertEquals(2, c.size());
  }

  @Test
  void get_zeroEntries_keepsNothing() {
    TokenCache<Integer> c = new TokenCache<>(0, 1000);
    c.put("t", 1);
    assertNull(c.get("t"));
    assertEquals(0, c.size());
  }

  @Test
  void constructor_negativeBound_throws() {
    assertThrows(IllegalArgumentException.class, () -> new TokenCache<>(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> new TokenCache<>(1, -10));
  }

  @Test
  void put_fourThreadsManyTokens_staysBoundedAndConsistent() throws Exception {
    int threads = 4;
    int max = 50;
    TokenCache<String> c = new TokenCache<>(max, 1_000_000);
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < 20_000; i++) {
                    String token = "token-" + ((i * 7 + id) % 500);
                    String v = c.get(token);
                    if (v != null && !v.equals(token)) {
                      throw new AssertionError("wrong value for " + token + ": " + v);
                    }
                    c.put(token, token);
                    if (c.size() > max + threads) {
                      throw new AssertionError("size " + c.size());
                    }
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertTrue(c.size() <= max, "size " + c.size());
  }
}
