package io.github.natsjwt.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (or a test class) that reads third-party suites kept outside the repository. When a
 * listed file is missing the test is skipped with a message saying which file and how to supply it,
 * unless {@code natsjwt.thirdparty.required=true}, in which case it runs and fails.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(ThirdPartyDataCondition.class)
public @interface ThirdPartyData {
  /**
   * Returns the files the test needs.
   *
   * @return paths under {@link TestData#thirdPartyDir()}
   */
  String[] value();
}
