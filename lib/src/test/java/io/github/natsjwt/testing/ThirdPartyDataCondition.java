package io.github.natsjwt.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips tests annotated with {@link ThirdPartyData} when their files are absent. */
public final class ThirdPartyDataCondition implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<ThirdPartyData> annotation =
        context
            .getElement()
            .flatMap(e -> AnnotationSupport.findAnnotation(e, ThirdPartyData.class));
    if (annotation.isEmpty()) {
      return ConditionEvaluationResult.enabled("no third-party data needed");
    }
    for (String relative : annotation.get().value()) {
      Path file = TestData.thirdPartyDir().resolve(relative);
      if (!Files.isRegularFile(file)) {
        if (TestData.thirdPartyRequired()) {
          // Run the test anyway: reading the file fails it with a message.
          return ConditionEvaluationResult.enabled("required third-party data is missing");
        }
        return ConditionEvaluationResult.disabled(
            "third-party test data "
                + file
                + " is missing; set natsjwt.thirdparty.dir to the folder that holds wycheproof/"
                + " and ed25519-speccheck/ (or natsjwt.thirdparty.required=true to make this an"
                + " error)");
      }
    }
    return ConditionEvaluationResult.enabled("third-party data present");
  }
}
