package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.Claims;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectMatcherTest {

  @ParameterizedTest
  @ValueSource(strings = {"foo", "foo.bar", "*", ">", "foo.*", "foo.>", "*.*.>", "foo*.bar", "a>b"})
  void isValidSubject_serverSyntax_true(String subject) {
    assertTrue(SubjectMatcher.isValidSubject(subject));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        ".foo",
        "foo.",
        "foo..bar",
        "foo.>.bar",
        ">.foo",
        "foo bar",
        "foo\tbar",
        "foo\rbar",
        "foo\nbar",
        "foo\fbar",
        " ",
        "foo. "
      })
  void isValidSubject_emptyTokenWhitespaceOrInnerFullWildcard_false(String subject) {
    assertFalse(SubjectMatcher.isValidSubject(subject));
  }

  @Test
  void isValidSubject_stricterThanJwtLibrary_differentRuleSet() {
    // jwt 2.3.0 (and even 2.5.4+) accept these permission subjects; the server's check does not.
    String user = NKey.generate(NKeyType.USER).publicKey();
    for (String s : List.of("foo.>.bar", "foo\tbar")) {
      String json =
          "{\"sub\":\""
              + user
              + "\",\"nats\":{\"pub\":{\"allow\":[\""
              + s.replace("\t", "\\t")
              + "\"]},\"type\":\"user\",\"version\":2}}";
      Claims c = Claims.fromJson(json);
      assertTrue(
          c.validate(Instant.EPOCH).issues().stream()
              .noneMatch(i -> i.description().contains("ubject")),
          s);
      assertFalse(SubjectMatcher.isValidSubject(s), s);
    }
  }

  @Test
  void isValidLiteralSubject_wildcardTokens_false() {
    assertTrue(SubjectMatcher.isValidLiteralSubject("foo.bar"));
    assertTrue(SubjectMatcher.isValidLiteralSubject("foo*.b>r"));
    assertFalse(SubjectMatcher.isValidLiteralSubject("foo.*"));
    assertFalse(SubjectMatcher.isValidLiteralSubject("foo.>"));
    assertFalse(SubjectMatcher.isValidLiteralSubject("foo..bar"));
  }

  @ParameterizedTest
  @CsvSource({
    "foo.*, foo.bar, true",
    "foo.*, foo.bar.baz, false",
    "foo.*, foo, false",
    "foo.>, foo.bar, true",
    "foo.>, foo.bar.baz, true",
    "foo.>, foo, false",
    ">, foo, true",
    "*, foo.bar, false",
    "foo.bar, foo.bar, true",
    "foo.bar, foo.baz, false",
    // A subscription subject is taken literally: * in a pattern matches the token > or *.
    "foo.*, foo.>, true",
    "foo.*, foo.*, true",
    "foo.>, foo.*, true",
    "foo.bar, foo.*, false",
    "foo.bar.>, foo.>, false",
    // Patterns the server cannot store match nothing.
    "foo..bar, foo..bar, false",
    ">.foo, x.foo, false",
  })
  void matches_natsTokenRules_expected(String pattern, String subject, boolean expected) {
    assertEquals(expected, SubjectMatcher.matches(pattern, subject));
  }

  @ParameterizedTest
  @CsvSource({
    "foo.*, >, true",
    "foo.*, *.*, true",
    "foo.*, foo.*, true",
    "foo.*, foo.bar, false",
    "foo.bar, foo.*, true",
    "foo.bar, foo.>, true",
    "foo.>, foo.*, false",
    "foo, foo.>, false",
    "v1.a.b, v1.*, false",
  })
  void isSubsetMatch_serverExamples_expected(String subject, String test, boolean expected) {
    assertEquals(expected, SubjectMatcher.isSubsetMatch(subject, test));
  }

  @Test
  void isStorablePattern_emptyTokenOrInnerFullWildcard_false() {
    assertTrue(SubjectMatcher.isStorablePattern("foo.>"));
    assertTrue(SubjectMatcher.isStorablePattern("foo bar"));
    assertFalse(SubjectMatcher.isStorablePattern(""));
    assertFalse(SubjectMatcher.isStorablePattern("foo..bar"));
    assertFalse(SubjectMatcher.isStorablePattern(">.bar"));
  }

  @Test
  void hasWildcard_wholeTokensOnly_true() {
    assertTrue(SubjectMatcher.hasWildcard("*"));
    assertTrue(SubjectMatcher.hasWildcard("a.>"));
    assertFalse(SubjectMatcher.hasWildcard("a*.b>"));
  }

  @Test
  void tokens_keepsEmptyTokens() {
    assertEquals(List.of("", "a", "", ""), SubjectMatcher.tokens(".a.."));
  }
}
