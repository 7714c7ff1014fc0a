package io.github.natsjwt.cli.account;

import static io.github.natsjwt.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.natsjwt.claims.AccountClaims;
import io.github.natsjwt.claims.OperatorLimits;
import io.github.natsjwt.claims.Permission;
import io.github.natsjwt.claims.UserPermissionLimits;
import io.github.natsjwt.claims.UserScope;
import io.github.natsjwt.cli.CliRunner.Result;
import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountSizeCommandTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
  private static final NKey OPERATOR = key(NKeyType.OPERATOR, 1, 0);
  private static final NKey ACCOUNT = key(NKeyType.ACCOUNT, 2, 0);
  private static final String TEMPLATE_JSON =
      "{\"pub\":{\"allow\":[\"tenant.{{name()}}.>\",\"_INBOX.>\"]},"
          + "\"sub\":{\"allow\":[\"tenant.{{name()}}.>\"]}}";
  private static final UserPermissionLimits TEMPLATE =
      UserPermissionLimits.builder()
          .pub(Permission.allowing("tenant.{{name()}}.>", "_INBOX.>"))
          .sub(Permission.allowing("tenant.{{name()}}.>"))
          .build();

  @TempDir Path dir;

  private static NKey key(NKeyType type, int i, int salt) {
    byte[] seed = new byte[32];
    ByteBuffer.wrap(seed).putInt(i).putInt(salt);
    return NKey.fromRawSeed(type, seed);
  }

  private static AccountClaims.Builder revoking(int users) {
    AccountClaims.Builder b = AccountClaims.builder(ACCOUNT.publicKey()).name("tenants");
    for (int i = 0; i < users; i++) {
      b.revokeAt(key(NKeyType.USER, i, 7).publicKey(), CLOCK.instant());
    }
    return b;
  }

  private static UserScope scope(int i) {
    return UserScope.builder(key(NKeyType.ACCOUNT, i, 9).publicKey())
        .role("tenant")
        .template(TEMPLATE)
        .build();
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static JsonNode json(Result r) throws Exception {
    assertEquals(0, r.exitCode(), r.toString());
    return new ObjectMapper().readTree(r.stdout());
  }

  /**
   * The JSON budget describes the real token, and the projected count of scoped keys is checked by
   * encoding: that many more encode within the cap, one more does not.
   */
  @Test
  void json_revokingAccount_budgetMatchesTokenAndProjectionIsExact() throws Exception {
    AccountClaims base = revoking(3000).build();
    String token = Jwt.encode(base, OPERATOR, CLOCK);
    Path jwt = write("account.jwt", token);
    Path template = write("template.json", TEMPLATE_JSON);

    JsonNode r =
        json(
            run(
                "account",
                "size",
                "--json",
                "--template",
                template.toString(),
                "--role",
                "tenant",
                jwt.toString()));
    long sum = 0;
    for (JsonNode f : r.get("fields")) {
      sum += f.get("bytes").asLong();
    }
    JsonNode cap = r.get("limits").get(0);
    long more = r.get("projection").get("more_scoped_keys").asLong();
    assertEquals(ACCOUNT.publicKey(), r.get("account").asText());
    assertEquals("tenants", r.get("name").asText());
    assertEquals(token.length(), r.get("bytes").asLong());
    assertEquals(token.length(), sum);
    assertEquals("revocations", r.get("fields").get(0).get("field").asText());
    assertTrue(r.get("fields").get(0).get("percent").asDouble() > 90, r.toString());
    assertEquals("token_cap", cap.get("limit").asText());
    assertEquals(1_048_576 - token.length(), cap.get("headroom").asLong());
    assertEquals(false, cap.get("warning").asBoolean());
    assertEquals(80, r.get("warning_percent").asInt());
    assertTrue(more > 1000, r.toString());

    AccountClaims.Builder b = base.toBuilder();
    for (int i = 0; i < more; i++) {
      b.addScopedSigningKey(scope(i));
    }
    assertTrue(Jwt.encode(b.build(), OPERATOR, CLOCK).length() <= Jwt.MAX_TOKEN_BYTES);
    b.addScopedSigningKey(scope((int) more));
    String over = Jwt.encode(b.build(), OPERATOR, CLOCK, 2 * Jwt.MAX_TOKEN_BYTES);
    assertTrue(over.length() > Jwt.MAX_TOKEN_BYTES, "one more scoped key exceeds the cap");

    // The same projection from the template's size alone.
    long templateBytes = io.github.natsjwt.claims.TokenSize.templateBytes(TEMPLATE);
    JsonNode bySize =
        json(
            run(
                "account",
                "size",
                "--json",
                "--template-bytes",
                Long.toString(templateBytes),
                "--role",
                "tenant",
                jwt.toString()));
    assertEquals(more, bySize.get("projection").get("more_scoped_keys").asLong());

    // The oversized token is measured too, and marked over both limits.
    JsonNode o = json(run("account", "size", "--json", write("over.jwt", over).toString()));
    assertAll(
        () -> assertEquals(over.length(), o.get("bytes").asLong()),
        () -> assertEquals("signing_keys", o.get("fields").get(1).get("field").asText()),
        () -> assertTrue(o.get("limits").get(0).get("over").asBoolean()),
        () -> assertTrue(o.get("limits").get(1).get("over").asBoolean()),
        // Without a template, the account's own largest scope is the sample.
        () -> assertEquals(0, o.get("projection").get("more_scoped_keys").asLong()),
        () -> assertEquals("tenant", o.get("projection").get("role").asText()));
  }

  @Test
  void json_systemAccountPayloadLimit_isTheTighterPushLimit() throws Exception {
    String token = Jwt.encode(revoking(100).build(), OPERATOR, CLOCK);
    AccountClaims sys =
        AccountClaims.builder(key(NKeyType.ACCOUNT, 3, 0).publicKey())
            .limits(OperatorLimits.UNLIMITED.toBuilder().payload(8_000).build())
            .build();
    Path sysJwt = write("sys.jwt", Jwt.encode(sys, OPERATOR, CLOCK));
    JsonNode r =
        json(
            run(
                "account",
                "size",
                "--json",
                "--system-account",
                sysJwt.toString(),
                write("a.jwt", token).toString()));
    JsonNode push = r.get("limits").get(1);
    assertAll(
        () -> assertEquals("push_max_payload", push.get("limit").asText()),
        () -> assertEquals(8_000, push.get("bytes").asLong()),
        () -> assertEquals(8_000 - token.length(), push.get("headroom").asLong()),
        () -> assertTrue(push.get("warning").asBoolean(), r.toString()),
        () -> assertEquals("push_max_payload", r.get("tightest_limit").asText()),
        () -> assertTrue(r.get("projection").isNull()));
  }

  @Test
  void text_nearTheCap_marksWarning() throws Exception {
    String token = Jwt.encode(revoking(9500).build(), OPERATOR, CLOCK);
    assertTrue(token.length() > 0.8 * Jwt.MAX_TOKEN_BYTES, "test account near the cap");
    Result r = run("account", "size", "--max-payload", "4000000", write("a.jwt", token).toString());
    assertEquals(0, r.exitCode(), r.toString());
    String[] lines = r.stdout().split("\n");
    assertTrue(r.stdout().contains("revocations"), r.stdout());
    boolean capWarned = false;
    boolean pushWarned = false;
    for (String l : lines) {
      capWarned |= l.startsWith("token cap") && l.endsWith("WARNING");
      pushWarned |= l.startsWith("push on") && l.endsWith("WARNING");
    }
    assertTrue(capWarned, r.stdout());
    assertTrue(!pushWarned, r.stdout());
  }

  @Test
  void bothTemplateOptions_usageError() throws Exception {
    String token = Jwt.encode(revoking(1).build(), OPERATOR, CLOCK);
    Result r =
        run(
            "account",
            "size",
            "--template",
            TEMPLATE_JSON,
            "--template-bytes",
            "100",
            write("a.jwt", token).toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.stderr().contains("--template or --template-bytes"), r.stderr());
  }
}
