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

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "[]", "null", "\"x\"", "5"})
  void parse_otherJsonValue_notAnObject(String json) {
    MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> parse(json));

    assertEquals(
        String.format(
            Replies.NOT_JSON,
            SUBJECT,
            "not an object",
            Replies.excerpt(json.getBytes(StandardCharsets.UTF_8))),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>", "{", "{\"data\":{}", "{data:{}}", "{\"data\":{\"code\":01}}"})
  void parse_notJson_invalidJson(String json) {
    MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> parse(json));

    assertEquals(
        String.format(
            Replies.NOT_JSON,
            SUBJECT,
            "invalid JSON",
            Replies.excerpt(json.getBytes(StandardCharsets.UTF_8))),
        e.getMessage());
  }

  @Test
  void parse_valueAfterObject_moreThanOne() {
    MalformedReplyException e =
        assertThrows(MalformedReplyException.class, () -> parse("{\"data\":{}} {}"));

    assertEquals(
        "The reply to $SYS.REQ.CLAIMS.LIST is not the JSON object the server sends (more than one"
            + " JSON value); it starts with \"{\\\"data\\\":{}} {}\".",
        e.getMessage());
  }

  @Test
  void parse_wrongType_namesFieldAndType() {
    MalformedReplyException e =
        assertThrows(MalformedReplyException.class, () -> parse("{\"data\":{\"code\":\"200\"}}"));

    assertEquals(
        "The reply to $SYS.REQ.CLAIMS.LIST has a string where an integer was expected for"
            + " \"data.code\"; it is not a resolver reply.",
        e.getMessage());
  }

  @Test
  void parse_keyCaseAndDuplicates_readAsGoReadsThem() {
    // Go's encoding/json, with which nats-server writes and Go clients read these replies, matches
    // keys ignoring case and keeps the last of duplicates.
    Replies.Reply r =
        parse(
            "{\"Server\":{\"NAME\":\"n1\"},\"data\":[\"x\"],"
                + "\"DATA\":{\"Code\":200,\"message\":\"a\",\"Message\":\"b\"}}");

    assertEquals("n1", r.server());
    assertNull(r.list());
    assertEquals(new Replies.Status("", 200, "b"), r.data());
  }

  @Test
  void parse_invalidUtf8InText_replacementCharacterAsGo() {
    byte[] body = "{\"data\":{\"message\":\"a?b\"}}".getBytes(StandardCharsets.UTF_8);
    body[body.length - 5] = (byte) 0xff;

    assertEquals("a\ufffdb", Replies.parse(body, SUBJECT).data().text());
  }

  @Test
  void parse_deepUnknownField_skipped() {
    String deep = "[".repeat(200) + "]".repeat(200);

    assertEquals(200, parse("{\"x\":" + deep + ",\"data\":{\"code\":200}}").data().code());
  }

  @Test
  void describe_controlCharactersAndLength_escapedAndCut() {
    assertEquals("\"a\\u000ab\\\"\"", Replies.describe("a\nb\""));
    assertEquals(
        "\"" + "z".repeat(64) + "\"... (100 characters)", Replies.describe("z".repeat(100)));
  }
}
