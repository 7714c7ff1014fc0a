package io.github.natsjwt.claims;

import static io.github.natsjwt.claims.AccountTestKeys.A;
import static io.github.natsjwt.claims.AccountTestKeys.B;
import static io.github.natsjwt.claims.AccountTestKeys.CLOCK;
import static io.github.natsjwt.claims.AccountTestKeys.NOW;
import static io.github.natsjwt.claims.AccountTestKeys.OPERATOR;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.jwt.TokenTooLargeException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class TokenSizeTest {
  private static final int CAP = TokenSize.MAX_TOKEN_BYTES;

  /** Public keys from distinct seeds: real keys, as revocations and scopes hold. */
  static List<String> keys(NKeyType type, int count, int salt) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] seed = new byte[32];
      ByteBuffer.wrap(seed).putInt(i).putInt(salt);
      out.add(NKey.fromRawSeed(type, seed).publicKey());
    }
    return out;
  }

  private static final List<String> USERS = keys(NKeyType.USER, 12_000, 1);

  private static AccountClaims.Builder revoking(int users) {
    AccountClaims.Builder b = AccountClaims.builder(A);
    for (int i = 0; i < users; i++) {
      b.revokeAt(USERS.get(i), NOW);
    }
    return b;
  }

  private static UserScope scope(String key) {
    return UserScope.builder(key)
        .role("tenant")
        .template(
            UserPermissionLimits.builder()
                .pub(Permission.allowing("tenant.{{name()}}.>", "_INBOX.>"))
                .sub(Permission.allowing("tenant.{{name()}}.>"))
                .build())
        .build();
  }

  /** An account with every measured field. */
  private static AccountClaims everything() {
    return revoking(50)
        .name("orders")
        .addSigningKeys(AccountTestKeys.SIGNING_KEY.publicKey())
        .addScopedSigningKey(scope(AccountTestKeys.SCOPED_KEY.publicKey()))
        .addExports(
            Export.service("orders.*.create").build(), Export.stream("orders.events").build())
        .addImports(Import.stream(B, "billing.events").build())
        .mapping("old.>", WeightedMapping.of("new.>"))
        .build();
  }

  @Test
  void of_unstampedAccount_bytesIsTheLengthEncodingWrites() {
    AccountClaims account = everything();
    String token = Jwt.encode(account, OPERATOR, CLOCK);
    TokenSize size = TokenSize.of(account);
    TokenSize decoded = TokenSize.of(Jwt.decode(token, AccountClaims.class).claims());
    byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
    assertAll(
        () -> assertEquals(token.length(), size.bytes()),
        () -> assertEquals(token.length(), decoded.bytes()),
        () -> assertEquals(payload.length, size.payloadBytes()),
        () -> assertEquals(token.length(), TokenSize.tokenBytes(payload.length)),
        () ->
            assertEquals(
                size.bytes(), size.parts().stream().mapToLong(TokenSize.Part::bytes).sum()));
  }

  /**
   * Each part is what the token loses when that field goes: measured on real tokens, within the
   * base64 rounding of one character per field.
   */
  @Test
  void parts_eachField_matchesWhatTheTokenLosesWithoutIt() {
    AccountClaims account = everything();
    long full = Jwt.encode(account, OPERATOR, CLOCK).length();
    TokenSize size = TokenSize.of(account);
    List<UnaryOperator<AccountClaims.Builder>> removals =
        List.of(
            b -> b.revocations(RevocationList.EMPTY),
            b -> b.signingKeys(SigningKeys.EMPTY),
            b -> b.exports(List.of()),
            b -> b.imports(List.of()),
            b -> b.removeMapping("old.>"));
    for (int i = 0; i < removals.size(); i++) {
      TokenSize.Part part = size.parts().get(i);
      long without =
          Jwt.encode(removals.get(i).apply(account.toBuilder()).build(), OPERATOR, CLOCK).length();
      assertTrue(part.bytes() > 0, part.toString());
      assertTrue(Math.abs(full - without - part.bytes()) <= 1, part + " vs " + (full - without));
    }
    assertEquals(TokenSize.Field.OTHER, size.parts().get(5).field());
  }

  /**
   * A token of another writer (here with {@code >} unescaped, which Go writes as six bytes) is
   * measured as it is, not as this library would write it again.
   */
  @Test
  void of_decodedTokenOfAnotherWriter_isTheTokensOwnSize() {
    AccountClaims account =
        AccountClaims.builder(A).addExports(Export.stream("orders.>").build()).build();
    String go = Jwt.encode(account, OPERATOR, CLOCK);
    String payload =
        new String(
                Base64.getUrlDecoder().decode(go.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\\u003e", ">");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed =
        go.split("\\.")[0]
            + "."
            + b64.encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String token =
        signed
            + "."
            + b64.encodeToString(
                OPERATOR.sign(signed.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    AccountClaims decoded = Jwt.decode(token, AccountClaims.class).claims();
    assertTrue(token.length() < go.length());
    assertEquals(token.length(), TokenSize.of(decoded).bytes());
    assertEquals(go.length(), TokenSize.of(decoded.toBuilder().build()).bytes());
  }

  @Test
  void of_userClaims_onePartOther() {
    UserClaims user = UserClaims.builder(AccountTestKeys.U).name("alice").build();
    TokenSize size = TokenSize.of(user);
    assertEquals(Jwt.encode(user, AccountTestKeys.ACCOUNT, CLOCK).length(), size.bytes());
    assertEquals(List.of(new TokenSize.Part(TokenSize.Field.OTHER, size.bytes())), size.parts());
  }

  @Test
  void largest_revocationHeavyAccount_revocationsFirst() {
    TokenSize size = TokenSize.of(revoking(1000).build());
    assertEquals(TokenSize.Field.REVOCATIONS, size.largest().get(0).field());
    // 1000 entries of "U...":1700000000 plus commas: 70 JSON bytes each, 93.3 token bytes.
    assertEquals((70_000L - 1 + 16 + 1) * 4 / 3, size.parts().get(0).bytes(), 2);
    assertTrue(size.describeLargest(1).startsWith("revocations 93,"), size.describeLargest(1));
  }

  /**
   * The projection is checked against real encodings: the projected number of scoped keys encodes
   * within the cap, one more is refused by the encoder.
   */
  @Test
  void scopedKeysThatFit_projection_largestEncodesAndOneMoreIsRefused() {
    AccountClaims base = revoking(2000).name("tenants").build();
    List<String> scopeKeys = keys(NKeyType.ACCOUNT, 9_000, 2);
    long entry = TokenSize.scopeEntryBytes(scope(scopeKeys.get(0)));
    long projected = TokenSize.of(base).scopedKeysThatFit(entry, CAP);
    assertTrue(projected > 1000 && projected < scopeKeys.size() - 1, "projected " + projected);

    AccountClaims.Builder b = base.toBuilder();
    for (int i = 0; i < projected; i++) {
      b.addScopedSigningKey(scope(scopeKeys.get(i)));
    }
    AccountClaims fits = b.build();
    String token = Jwt.encode(fits, OPERATOR, CLOCK);
    assertTrue(token.length() <= CAP);
    assertTrue(token.length() > CAP - entry * 4 / 3 - 2, "within one entry of the cap");
    assertEquals(0, TokenSize.of(fits).scopedKeysThatFit(entry, CAP));

    AccountClaims tooMany = b.addScopedSigningKey(scope(scopeKeys.get((int) projected))).build();
    TokenTooLargeException e =
        assertThrows(TokenTooLargeException.class, () -> Jwt.encode(tooMany, OPERATOR, CLOCK));
    assertEquals(TokenSize.Field.SIGNING_KEYS, e.largestFields().get(0).field());
  }

  @Test
  void scopedKeysThatFit_noSigningKeysYet_countsTheArray() {
    AccountClaims empty = AccountClaims.builder(A).build();
    long entry = TokenSize.scopeEntryBytes(scope(AccountTestKeys.SCOPED_KEY.publicKey()));
    long projected = TokenSize.of(empty).scopedKeysThatFit(entry, CAP);
    List<String> scopeKeys = keys(NKeyType.ACCOUNT, (int) projected + 1, 3);
    AccountClaims.Builder b = empty.toBuilder();
    for (int i = 0; i < projected; i++) {
      b.addScopedSigningKey(scope(scopeKeys.get(i)));
    }
    assertTrue(Jwt.encode(b.build(), OPERATOR, CLOCK).length() <= CAP);
    b.addScopedSigningKey(scope(scopeKeys.get((int) projected)));
    assertTrue(TokenSize.of(b.build()).bytes() > CAP);
  }

  /** The entry's bytes are those of the scope object in a real token's payload. */
  @Test
  void scopeEntryBytes_isTheScopeObjectInTheToken() {
    UserScope s = scope(AccountTestKeys.SCOPED_KEY.publicKey());
    AccountClaims account = AccountClaims.builder(A).addScopedSigningKey(s).build();
    String token = Jwt.encode(account, OPERATOR, CLOCK);
    String payload =
        new String(
            Base64.getUrlDecoder().decode(token.split("\\.")[1]),
            java.nio.charset.StandardCharsets.UTF_8);
    int from = payload.indexOf("\"signing_keys\":[") + "\"signing_keys\":[".length();
    int to = payload.indexOf("}],", from) + 1;
    String entry = payload.substring(from, to);
    int template = entry.indexOf("\"template\":") + "\"template\":".length();
    assertTrue(entry.startsWith("{\"kind\":\"user_scope\""), entry);
    assertEquals(entry.length(), TokenSize.scopeEntryBytes(s), entry);
    int templateEnd = entry.indexOf(",\"description\":");
    assertEquals(templateEnd - template, TokenSize.templateBytes(s.template()), entry);
  }

  // ------------------------------------------------------------------ validation

  /** An account whose token is exactly {@code bytes} long, revocations taking most of it. */
  static AccountClaims accountOfTokenSize(long bytes) {
    int users = (int) Math.min(USERS.size(), (bytes - 2000) * 3 / 4 / 70);
    AccountClaims base = revoking(users).build();
    long payload = TokenSize.of(base).payloadBytes();
    long target = (bytes - TokenSize.FIXED_CHARS) * 3 / 4;
    while (TokenSize.tokenBytes(target) < bytes) {
      target++;
    }
    assertEquals(bytes, TokenSize.tokenBytes(target), "no payload gives a token of " + bytes);
    // "name":"", with its comma is 10 bytes, and each character one more.
    AccountClaims claims = base.toBuilder().name("x".repeat((int) (target - payload - 10))).build();
    assertEquals(bytes, TokenSize.of(claims).bytes());
    return claims;
  }

  @Test
  void validate_atTheWarningThreshold_warnsWithShareAndFields() {
    long threshold = (CAP * 80L + 99) / 100; // 838,861
    AccountClaims at = accountOfTokenSize(threshold);
    AccountClaims below = accountOfTokenSize(threshold - 1);
    ValidationResult r = at.validate(NOW);
    String expected =
        String.format(
            Locale.ROOT,
            TokenSize.NEAR_LIMIT,
            threshold,
            "80.0%",
            CAP,
            CAP - threshold,
            TokenSize.of(at).describeLargest(3));
    assertAll(
        () -> assertEquals(List.of(ValidationIssue.warning(expected)), sizeIssues(r)),
        () -> assertTrue(expected.contains("largest fields: revocations 8"), expected),
        () -> assertFalse(r.isBlocking(true)),
        () -> assertEquals(List.of(), sizeIssues(below.validate(NOW))));
  }

  @Test
  void validate_largestThatEncodes_warnsOnly_oneByteMore_isAnError() {
    AccountClaims largest = accountOfTokenSize(CAP);
    AccountClaims over = accountOfTokenSize(CAP + 1);
    assertAll(
        () -> assertFalse(largest.validate(NOW).isBlocking(true)),
        () ->
            assertTrue(
                sizeIssues(largest.validate(NOW)).get(0).description().contains(" 0 bytes left")),
        () ->
            assertEquals(
                List.of(
                    ValidationIssue.error(
                        String.format(
                            Locale.ROOT,
                            TokenSize.OVER_CAP,
                            CAP + 1,
                            CAP,
                            TokenSize.of(over).describeLargest(3)))),
                sizeIssues(over.validate(NOW))),
        // jwt 2.3.0 and nats-server 2.10 have no cap: only max_payload stands in the way.
        () ->
            assertEquals(
                List.of(
                    ValidationIssue.warning(
                        String.format(
                            Locale.ROOT,
                            TokenSize.OVER_PUSH_LIMIT,
                            CAP + 1,
                            CAP,
                            TokenSize.of(over).describeLargest(3)))),
                sizeIssues(over.validate(NOW, ValidationRules.JWT_2_3))),
        () -> assertFalse(over.validate(NOW, ValidationRules.SERVER_2_10).isBlocking(true)));
  }

  @Test
  void validate_smallAccount_noSizeFinding() {
    assertEquals(List.of(), sizeIssues(everything().validate(NOW)));
  }

  private static List<ValidationIssue> sizeIssues(ValidationResult r) {
    return r.issues().stream().filter(i -> i.description().startsWith("token size")).toList();
  }
}
