package io.github.natsjwt.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link Base64Url}: Go's lenient raw URL decoding. Expected values are what Go's {@code
 * encoding/base64} produces.
 */
class Base64UrlTest {

  @Test
  void base64Url_randomSegments_decodeAsTheJdkDecoderDoes() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(6);
    java.util.Base64.Encoder jdk = java.util.Base64.getUrlEncoder().withoutPadding();
    for (int n = 0; n < 300; n++) {
      byte[] data = new byte[n];
      for (int i = 0; i < n; i++) {
        data[i] = (byte) random.nextInt(256);
      }
      String text = jdk.encodeToString(data);
      String framed = "x." + text + ".y";
      assertArrayEquals(data, Base64Url.decode(framed, 2, 2 + text.length()), "length " + n);
      if (!text.isEmpty()) {
        // CR and LF anywhere are skipped, as Go's decoder does.
        int at = random.nextInt(text.length());
        String wrapped = text.substring(0, at) + "\r\n" + text.substring(at);
        assertArrayEquals(data, Base64Url.decode(wrapped, 0, wrapped.length()));
        // A character outside the alphabet is reported where it is.
        String bad = text.substring(0, at) + "+" + text.substring(at + 1);
        Base64Url.MalformedException e =
            assertThrows(
                Base64Url.MalformedException.class, () -> Base64Url.decode(bad, 0, bad.length()));
        assertEquals(at, e.position());
        String wide = text.substring(0, at) + "\u00e9" + text.substring(at + 1);
        assertEquals(
            at,
            assertThrows(
                    Base64Url.MalformedException.class,
                    () -> Base64Url.decode(wide, 0, wide.length()))
                .position());
      }
    }
  }

  @Test
  void base64Url_plainPaths_charAtAndChunks_decodeAlike() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(17);
    java.util.Base64.Encoder jdk = java.util.Base64.getUrlEncoder().withoutPadding();
    for (int n = 0; n < 1200; n += 1 + random.nextInt(7)) {
      byte[] data = new byte[n];
      for (int i = 0; i < n; i++) {
        data[i] = (byte) random.nextInt(256);
      }
      String text = "." + jdk.encodeToString(data) + ".";
      int end = text.length() - 1;
      // Chunks smaller than the text, so that several are used; output into a larger array.
      byte[] out = new byte[n + 9];
      assertEquals(n, Base64Url.decodePlain(text, 1, end, new char[8], out), "chunks " + n);
      assertArrayEquals(data, java.util.Arrays.copyOf(out, n), "chunks " + n);
      java.util.Arrays.fill(out, (byte) 0);
      assertEquals(n, Base64Url.decodePlain(text, 1, end, null, out), "charAt " + n);
      assertArrayEquals(data, java.util.Arrays.copyOf(out, n), "charAt " + n);
      assertEquals(n, Base64Url.decodeInto(text, 1, end, out), "decodeInto " + n);
      assertArrayEquals(data, java.util.Arrays.copyOf(out, n), "decodeInto " + n);
      if (n > 0) {
        assertEquals(-1, Base64Url.decodeInto(text, 1, end, new byte[n - 1]), "too small " + n);
        int at = 1 + random.nextInt(end - 1);
        for (char bad : new char[] {'=', '+', '\n', '\u00c1', '\u0141'}) {
          String broken = text.substring(0, at) + bad + text.substring(at + 1);
          assertEquals(-1, Base64Url.decodePlain(broken, 1, end, new char[8], out), broken);
          assertEquals(-1, Base64Url.decodePlain(broken, 1, end, null, out), broken);
        }
      }
    }
  }

  @Test
  void base64Url_decodesGoStyle() {
    assertArrayEquals(
        "hello".getBytes(StandardCharsets.US_ASCII), Base64Url.decode("aGVs\r\nbG8", 0, 9));
    // Non-zero unused bits in the last character are ignored, as Go's non-strict decoder does.
    assertArrayEquals(Base64Url.decode("aGVsbG8", 0, 7), Base64Url.decode("aGVsbG9", 0, 7));
    Base64Url.MalformedException pad =
        assertThrows(Base64Url.MalformedException.class, () -> Base64Url.decode("aGVsbG8=", 0, 8));
    assertEquals(7, pad.position());
    Base64Url.MalformedException plus =
        assertThrows(Base64Url.MalformedException.class, () -> Base64Url.decode("ab+d", 0, 4));
    assertEquals(2, plus.position());
    Base64Url.MalformedException dangling =
        assertThrows(Base64Url.MalformedException.class, () -> Base64Url.decode("abcde\n", 0, 6));
    assertEquals(4, dangling.position());
    assertEquals(0, Base64Url.decode("", 0, 0).length);
  }
}
