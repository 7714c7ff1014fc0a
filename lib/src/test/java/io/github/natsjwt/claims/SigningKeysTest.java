package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.B;
import static io.github.natsjwt.claims.AccountTestKeys.C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.internal.json.GoJsonWriter;
import io.github.natsjwt.internal.json.JsonIn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
  private static String json(SigningKeys keys) {
    GoJsonWriter w = new GoJsonWriter();
    w.beginObject();
    keys.writeField(w, "signing_keys");
    w.endObject();
    return w.toString();
  }

  private static SigningKeys read(String json) {
    return SigningKeys.read(
        JsonIn.parse(json.getBytes(StandardCharsets.UTF_8), "nats"), "signing_keys");
  }

  private static String sorted(String... keys) {
    return String.join(",", java.util.Arrays.stream(keys).sorted().toList());
  }

  @Test
  void write_plainAndScoped_sortedArray() {
    SigningKeys keys =
        SigningKeys.EMPTY.toBuilder()
            .add(C, A)
            .addScoped(UserScope.builder(B).role("r").build())
            .build();

    String scope =
        "{\"kind\":\"user_scope\",\"key\":\""
            + B
            + "\",\"role\":\"r\",\"template\":"
            + "{\"pub\":{},\"sub\":{},\"subs\":-1,\"data\":-1,\"payload\":-1},\"description\":\"\"}";
    String expected =
        sorted(A, B, C)
            .replace(B, "#")
            .replace(A, "\"" + A + "\"")
            .replace(C, "\"" + C + "\"")
            .replace("#", scope);

    assertEquals("{\"signing_keys\":[" + expected + "]}", json(keys));
    assertEquals(List.of(A, B, C).stream().sorted().toList(), keys.keys());
  }

  @Test
  void write_empty_omitted() {
    assertEquals("{}", json(SigningKeys.EMPTY));
  }

  @Test
  void add_plainOverScoped_replacesScope() {
    SigningKeys keys =
        SigningKeys.EMPTY.toBuilder().addScoped(UserScope.builder(A).build()).add(A).build();

    assertTrue(keys.contains(A));
    assertEquals(Optional.empty(), keys.scope(A));
    assertEquals(List.of(), keys.scopes());
  }

  @Test
  void scope_lookups_distinguishPlainScopedAndAbsent() {
    UserScope scope = UserScope.builder(B).role("svc").build();
    SigningKeys keys = SigningKeys.EMPTY.toBuilder().add(A).addScoped(scope).build();

    assertEquals(Optional.of(scope), keys.scope(B));
    assertEquals(Optional.empty(), keys.scope(A));
    assertTrue(keys.contains(A));
    assertFalse(keys.contains(C));
    assertEquals(2, keys.size());
    assertEquals(1, keys.toBuilder().remove(A, C).build().size());
    assertTrue(keys.toBuilder().remove(A, B).build().isEmpty());
  }

  @Test
  void read_mixedArray_ignoresNonStringNonObjectElements() {
    SigningKeys keys =
        read(
            "{\"signing_keys\":[\""
                + A
                + "\",1,true,null,[\"x\"],{\"kind\":\"user_scope\","
                + "\"key\":\""
                + B
                + "\",\"template\":{\"subs\":5}}]}");

    assertEquals(2, keys.size());
    UserPermissionLimits template = keys.scope(B).orElseThrow().template();
    assertEquals(5, template.subs());
    assertEquals(-1, template.data(), "missing template limits default to -1");
    assertEquals(-1, template.payload());
  }

  @Test
  void read_scopeWithoutTemplateOrDescription_keepsDefaultsAndOmitsDescription() {
    SigningKeys keys = read("{\"signing_keys\":[{\"kind\":\"user_scope\",\"key\":\"" + A + "\"}]}");

    UserScope scope = keys.scope(A).orElseThrow();

    assertEquals(UserPermissionLimits.builder().build(), scope.template());
    assertFalse(json(keys).contains("description"));
    assertTrue(
        json(keys.toBuilder().addScoped(scope.toBuilder().description("").build()).build())
            .contains("\"description\":\"\""));
  }

  @Test
  void read_unknownScopeKind_throwsWithReferenceText() {
    for (String element :
        List.of(
            "{\"kind\":\"admin_scope\"}",
            "{\"key\":\"" + A + "\"}",
            "{\"KIND\":\"user_scope\"}",
            "{\"kind\":1}")) {
      ClaimsFormatException e =
          assertThrows(
              ClaimsFormatException.class, () -> read("{\"signing_keys\":[" + element + "]}"));

      assertEquals("nats.signing_keys[0].kind", e.field());
      assertTrue(e.getMessage().startsWith("unknown signing key scope %!q(<nil>)"), e.getMessage());
    }
  }

  @Test
  void read_notAnArray_throwsNamingTheField() {
    JsonIn.ShapeException e =
        assertThrows(JsonIn.ShapeException.class, () -> read("{\"signing_keys\":{}}"));

    assertEquals("nats.signing_keys", e.path());
  }

  @Test
  void read_null_isEmpty() {
    assertTrue(read("{\"signing_keys\":null}").isEmpty());
  }
}
