package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the servers' JSON replies, with the shapes of spec trust-chain.md section 1.4. */
class RepliesTest {
  private static final String SUBJECT = "$SYS.REQ.CLAIMS.LIST";
  private static final String ACCOUNT = "ABPI4KQ5LDY5HKCGLAT32SEKFCJ64TEDER75AREZJTQVNSQR3YEBP5K6";

  private static Replies.Reply parse(String json) {
    return Replies.parse(json.getBytes(StandardCharsets.UTF_8), SUBJECT);
  }

  @Test
  void parse_success_serverAndStatus() {
    Replies.Reply r =
        parse(
            "{\"server\":{\"name\":\"n1\",\"host\":\"0.0.0.0\",\"id\":\"NID\",\"ver\":\"2.9.10\","
                + "\"seq\":3,\"jetstream\":false,\"flags\":0,\"time\":\"2026-01-01T00:00:00Z\"},"
                + "\"data\":{\"account\":\""
                + ACCOUNT
                + "\",\"code\":200,\"message\":\"jwt updated\"}}");

    assertEquals("n1", r.server());
    assertEquals("NID", r.serverId());
    assertEquals(new Replies.Status(ACCOUNT, 200, "jwt updated"), r.data());
    assertNull(r.error());
  }

  @Test
  void parse_error_descriptionRead() {
    Replies.Reply r =
        parse(
            "{\"server\":{\"name\":\"n1\",\"id\":\"NID\"},\"error\":{\"account\":\"n/a\","
                + "\"code\":500,\"description\":\"jwt update resulted in error - x\"}}");

    assertEquals(new Replies.Status("n/a", 500, "jwt update resulted in error - x"), r.error());
  }

  @Test
  void parse_list_accountKeys() {
    Replies.Reply r = parse("{\"server\":{},\"data\":[\"" + ACCOUNT + "\"]}");

    assertEquals(List.of(ACCOUNT), r.list());
  }

  @Test
  void parse_unknownFieldsAndNulls_skipped() {
    Replies.Reply r =
        parse(
            "{\"v\":[[{\"a\":1}]],\"server\":null,\"data\":{\"code\":200,\"extra\":{\"b\":[]},"
                + "\"message\":null}}");

    assertEquals("", r.server());
    assertEquals(new Replies.Status("", 200, ""), r.data());
  }

  @Test
  void parse_hugeCode_clamped() {
    assertEquals(Integer.MAX_VALUE, parse("{\"data\":{\"code\":99999999999}}").data().code());
  }

  @Test
  void parse_longText_cut() {
    String text = "y".repeat(Replies.MAX_TEXT_CHARS + 100);
    Replies.Reply r = parse("{\"data\":{\"code\":200,\"message\":\"" + text + "\"}}");

    assertEquals(Replies.MAX_TEXT_CHARS + 3, r.data().text().length());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "null",
        "{",
        "{\"data\":{}} {}",
        "{\"server\":\"n1\",\"data\":{}}",
        "{\"data\":5}",
        "{\"data\":{\"code\":\"200\"}}",
        "{\"data\":{\"code\":1.5}}",
        "{\"data\":{\"message\":7}}",
        "{\"error\":[]}",
        "{\"data\":[\"not-a-key\"]}",
        "{\"data\":[1]}",
        "{\"server\":{}}",
        "{\"x\":[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]}",
      })
  void parse_malformed_malformedReplyException(String json) {
    assertThrows(MalformedReplyException.class, () -> parse(json));
  }

  @Test
  void parse_invalidUtf8_malformedReplyException() {
    byte[] bad = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};

    assertThrows(MalformedReplyException.class, () -> Replies.parse(bad, SUBJECT));
  }

  @Test
  void describe_controlCharactersAndLength_escapedAndCut() {
    assertEquals("\"a\\u000ab\\\"\"", Replies.describe("a\nb\""));
    assertEquals(
        "\"" + "z".repeat(64) + "\"... (100 characters)", Replies.describe("z".repeat(100)));
  }
}
