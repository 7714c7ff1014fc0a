package io.github.natsjwt.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectsTest {
  private static List<String> issues(String subject) {
    ValidationResult.Collector c = new ValidationResult.Collector();
    Subjects.validate(c, subject);
    return ClaimsVectors.descriptions(c.result());
  }

  @Test
  void validate_empty_stopsAfterOneIssue() {
    assertEquals(List.of("subject cannot be empty"), issues(""));
  }

  @Test
  void validate_everyProblem_inReferenceOrder() {
    assertEquals(
        List.of(
            "subject \". a..\" cannot have spaces",
            "subject \". a..\" cannot start or end with a `.`",
            "subject \". a..\" cannot contain consecutive `.`"),
        issues(". a.."));
  }

  @Test
  void validate_oddButAccepted_noIssues() {
    for (String s : List.of("a\tb", "a.>.b", "a*.b", ">", "*", "foo.bar")) {
      assertEquals(List.of(), issues(s), s);
    }
  }

  @Test
  void validate_quotesLikeGo() {
    assertEquals(List.of("subject \"a\\nb \\\"c\\\"\" cannot have spaces"), issues("a\nb \"c\""));
  }

  @ParameterizedTest
  @CsvSource({
    "foo.>, true",
    "foo.*.bar, true",
    "foo.*, true",
    "*.foo, true",
    "*, true",
    ">, true",
    "foo.*x.bar, false",
    "foo, false",
    "foo>, false",
    "f*, false"
  })
  void hasWildcards_referenceRules(String subject, boolean expected) {
    assertEquals(expected, Subjects.hasWildcards(subject));
  }

  @ParameterizedTest
  @CsvSource({
    "foo.bar, foo.>, true",
    "foo, foo.>, false",
    "foo.>, foo.*, true",
    "foo.bar.baz, foo.*, false",
    "foo.bar, foo.*, true",
    "foo.bar, foo.bar, true",
    "foo.baz, foo.bar, false",
    "a.b.c, >, true",
    "foo.*, foo.bar, false"
  })
  void isContainedIn_referenceRules(String s, String other, boolean expected) {
    assertEquals(expected, Subjects.isContainedIn(s, other));
  }

  @ParameterizedTest
  @CsvSource({"*, 1", "a.*.*, 2", "a.b, 0", "*x.*, 1"})
  void countTokenWildcards_counts(String s, int n) {
    assertEquals(n, Subjects.countTokenWildcards(s));
  }
}
