package io.github.natsjwt.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the system services' monitoring replies, leniently, for the kicker. */
class SysJsonTest {
  private static final String CONNZ = "$SYS.REQ.SERVER.PING.CONNZ";

  private static JsonIn read(String json) {
    return SysJson.object(json.getBytes(StandardCharsets.UTF_8), CONNZ);
  }

  @Test
  void connz_connectionsServerAndFields_read() {
    // The shape nats-server 2.10 answers CONNZ with (fields trimmed).
    JsonIn reply =
        read(
            "{\"server\":{\"name\":\"n1\",\"host\":\"0.0.0.0\",\"id\":\"NID\",\"ver\":\"2.10.27\","
                + "\"jetstream\":false,\"flags\":0,\"seq\":7,\"time\":\"2026-01-01T00:00:00Z\"},"
                + "\"data\":{\"server_id\":\"NID\",\"now\":\"2026-01-01T00:00:00Z\","
                + "\"num_connections\":2,\"total\":2,\"offset\":0,\"limit\":1024,\"connections\":["
                + "{\"cid\":5,\"kind\":\"Client\",\"ip\":\"127.0.0.1\",\"port\":5000,"
                + "\"rtt\":\"1ms\",\"uptime\":\"1s\",\"subscriptions\":1,\"name\":\"app\","
                + "\"authorized_user\":\"UAB\",\"account\":\"AAB\"},"
                + "7,null,{\"cid\":1.5,\"name\":[]}]}}");

    assertEquals(new ServerRef("NID", "n1", "2.10.27"), SysJson.server(reply));
    List<JsonIn> conns = SysJson.objects(SysJson.obj(reply, "data"), "connections");
    assertEquals(2, conns.size());
    assertEquals(5, SysJson.num(conns.get(0), "cid"));
    assertEquals("UAB", SysJson.str(conns.get(0), "authorized_user"));
    assertEquals("AAB", SysJson.str(conns.get(0), "account"));
    assertEquals("app", SysJson.str(conns.get(0), "name"));
    // Of another type than expected: read as absent.
    assertEquals(-1, SysJson.num(conns.get(1), "cid"));
    assertEquals("", SysJson.str(conns.get(1), "name"));
  }

  @Test
  void error_codeAndDescription_joined() {
    assertEquals(
        "404 client 9 not found",
        SysJson.error(read("{\"error\":{\"code\":404,\"description\":\"client 9 not found\"}}")));
    assertEquals("error", SysJson.error(read("{\"error\":{}}")));
    assertEquals("", SysJson.error(read("{\"error\":null,\"data\":{}}")));
  }

  @Test
  void server_missing_emptyRef() {
    assertEquals(new ServerRef("", "", ""), SysJson.server(read("{\"server\":[1]}")));
  }

  @Test
  void object_notJson_malformedReply() {
    MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> read("<html>"));

    assertEquals(
        "The reply to $SYS.REQ.SERVER.PING.CONNZ is not the JSON object the server sends (invalid"
            + " JSON); it starts with \"<html>\".",
        e.getMessage());
  }
}
